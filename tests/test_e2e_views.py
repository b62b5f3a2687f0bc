"""End to end for the exploration views, in Debian's Chromium against ``streamlit run``."""

from pathlib import Path

from geo import palette

from browser import fills, map_frame, wait_for_app, wait_for_layer
from test_e2e import browser, page, server  # noqa: F401  (shared fixtures)

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
P = {k: v.upper() for k, v in palette.PRESENCE_COLOURS.items()}


def test_summit_map_colours_presence_and_marks_host(server, page):  # noqa: F811
    page.goto(f"{server}/?view=summit&summit=CIS-2025-12-22")
    wait_for_app(page)
    frame = map_frame(page)
    wait_for_layer(frame, "CIS-2025-12-22")
    f = fills(frame)
    assert f["ARM"] == f["KAZ"] == P["leader"]
    assert f["AZE"] == f["MDA"] == f["UKR"] == P["absent"]
    assert frame.locator("path.leaflet-interactive[fill='#fff']").count() == 1  # host marker
    assert "7 of 8 members' leaders attended" in page.locator("[data-testid='stMain']").inner_text()
    page.screenshot(path=ARTIFACTS / "summit-cis-2025-12-22.png", full_page=True)


def test_click_on_a_state_opens_its_profile(server, page):  # noqa: F811
    page.goto(f"{server}/?org=CIS&date=2010-06-01")
    wait_for_app(page)
    frame = map_frame(page)
    wait_for_layer(frame, "CIS|2010-06-01")
    x, y = frame.evaluate(
        """() => {
          const map = Object.values(window).find(v => v && v._layers && v.getCenter);
          let point = null;
          map.eachLayer(l => {
            if (l.feature && l.feature.properties.iso3 === 'KAZ') {
              point = map.latLngToContainerPoint(L.latLng(48.0, 67.0));
            }
          });
          return [point.x, point.y];
        }"""
    )
    box = page.locator("iframe[title*='st_folium']").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.wait_for_function(
        "location.search.includes('view=country') && location.search.includes('iso3=KAZ')"
    )
    wait_for_app(page)
    assert page.get_by_role("heading", name="Kazakhstan").is_visible()


def test_play_steps_through_time_without_remount(server, page):  # noqa: F811
    page.goto(f"{server}/?org=CSTO&date=1999-01-01")
    wait_for_app(page)
    frame = map_frame(page)
    wait_for_layer(frame, "CSTO|1999-01-01")
    frame.evaluate("window.atlasMarker = 'kept'")
    page.get_by_text("Play", exact=True).click()
    wait_for_layer(frame, "CSTO|1999-04-21")  # the exact day of the 1999 non-renewals
    assert fills(frame)["UZB"] == palette.STATUS_COLOURS["none"].upper()
    wait_for_layer(frame, "CSTO|2000-01-01")
    page.get_by_text("Play", exact=True).click()
    assert frame.evaluate("window.atlasMarker") == "kept"


def test_png_download(server, page):  # noqa: F811
    page.goto(f"{server}/?view=data&org=CSTO&date=2012-07-01")
    wait_for_app(page)
    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name="Map picture (PNG)").click()
    path = info.value.path()
    assert Path(path).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert info.value.suggested_filename == "CSTO_2012-07-01.png"


def test_charts_draw(server, page):  # noqa: F811
    page.goto(f"{server}/?view=attendance&org=CSTO")
    wait_for_app(page)
    page.wait_for_selector("svg.marks")
    cells = page.locator("svg.marks g.mark-rect path:not(.background)").count()
    assert cells > 250  # about 45 summits by 6 to 9 states
    page.goto(f"{server}/?view=country&iso3=ARM")
    wait_for_app(page)
    page.wait_for_selector("svg.marks g.mark-rect path")
    assert (
        page.locator("svg.marks g.mark-rect path:not(.background)").count() >= 6
    )  # a bar per status
    page.screenshot(path=ARTIFACTS / "country-arm.png", full_page=True)
