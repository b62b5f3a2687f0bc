"""End to end: ``streamlit run dashboard.py`` on a free port, driven by Debian's Chromium."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from geo import palette

from browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    fills,
    is_local,
    map_frame,
    set_date,
    streamlit_server,
    wait_for_app,
    wait_for_layer,
)

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
C = {k: v.upper() for k, v in palette.STATUS_COLOURS.items()}


@pytest.fixture(scope="module")
def server():
    with streamlit_server() as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (see .ci/run)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh page that records every request and fails on any script dialog."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.requests = []
    pg.dialogs = []
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    offsite = [u for u in pg.requests if not is_local(u)]
    assert offsite == [], f"requests left the machine: {offsite}"
    assert pg.dialogs == [], f"a script ran from the URL: {pg.dialogs}"
    context.close()


def open_view(page, url, key):
    page.goto(url)
    wait_for_app(page)
    frame = map_frame(page)
    wait_for_layer(frame, key)
    return frame


def test_map_draws_country_shapes(server, page):
    frame = open_view(page, f"{server}/?org=CSTO&date=2012-07-01", "CSTO|2012-07-01")
    shapes = frame.locator("path.leaflet-interactive").count()
    drawn = frame.locator(".leaflet-overlay-pane path").count()
    assert shapes == 15 and drawn > 40  # 15 states, plus their neighbours for context
    legend = frame.locator(".atlas-legend").inner_text()
    assert "Member" in legend and "Suspended / frozen" in legend and palette.CONTEXT_LABEL in legend
    assert "de jure" in frame.locator(".leaflet-control-attribution").inner_text()
    page.screenshot(path=ARTIFACTS / "membership-csto-2012.png", full_page=True)


def test_link_colours_the_right_states(server, page):
    frame = open_view(page, f"{server}/?org=CIS&date=2010-06-01", "CIS|2010-06-01")
    f = fills(frame)
    assert f["RUS"] == f["KAZ"] == f["ARM"] == C["member"]
    assert f["UKR"] == C["participant"]
    assert f["TKM"] == C["associate"]
    assert f["GEO"] == f["EST"] == f["LVA"] == f["LTU"] == C["none"]
    assert page.get_by_role("heading", name=re.compile("on 2010-06-01")).is_visible()


def test_tooltip_shows_status_since_and_source(server, page):
    frame = open_view(page, f"{server}/?org=CIS&date=2010-06-01", "CIS|2010-06-01")
    frame.evaluate(
        """() => {
          const map = Object.values(window).find(v => v && v._layers && v.getCenter);
          map.eachLayer(l => { if (l.feature && l.feature.properties.iso3 === 'TKM') l.openTooltip(); });
        }"""
    )
    tip = frame.locator(".leaflet-tooltip").first.inner_text()
    assert "Turkmenistan" in tip and "CIS: associate member since 2005-08-26" in tip
    assert "Source: ria.ru" in tip


def test_changing_the_date_recolours_without_remount(server, page):
    frame = open_view(page, f"{server}/?org=CIS&date=2009-08-17", "CIS|2009-08-17")
    assert fills(frame)["GEO"] == C["withdrawing"]
    frame.evaluate("window.atlasMarker = 'same document'")
    set_date(page, "2009-08-18")
    page.get_by_role("heading", level=1).click()  # leave the field so it commits
    wait_for_layer(frame, "CIS|2009-08-18")
    assert fills(frame)["GEO"] == C["none"]
    assert frame.evaluate("window.atlasMarker") == "same document"  # the map was not remounted
    page.wait_for_url(re.compile(r"date=2009-08-18"))
    assert "org=CIS" in page.url


def test_bad_link_opens_default_view_with_notice(server, page):
    url = f"{server}/?org=%3Cscript%3Ealert(1)%3C/script%3E&date=2099-13-45"
    page.goto(url)
    wait_for_app(page)
    frame = map_frame(page)
    frame.wait_for_function("document.body.getAttribute('data-atlas-layer')")
    alerts = page.locator("[data-testid='stAlert']").all_inner_texts()
    assert any("Ignored org=" in a and "<script>alert(1)</script>" in a for a in alerts), alerts
    assert any("Ignored date=" in a for a in alerts), alerts
    assert page.locator("[data-testid='stAlert'] script").count() == 0
    assert frame.evaluate("document.body.getAttribute('data-atlas-layer')").startswith("CIS|")
    page.screenshot(path=ARTIFACTS / "bad-link.png")


def test_broken_data_shows_error_page(browser, data_copy):
    (data_copy / "memberships.csv").open("a").write(
        "CIS,ZZZ,member,2000-01-01,,day,https://a.org/,\n"
    )
    with streamlit_server(env={"ATLAS_DATA_DIR": str(data_copy)}) as url:
        pg = browser.new_page()
        pg.goto(url)
        wait_for_app(pg)
        pg.wait_for_selector("[data-testid='stCode']")  # its renderer loads lazily
        text = pg.locator("[data-testid='stMain']").inner_text()
        assert "did not pass validation" in text and "'ZZZ'" in text
        assert "Traceback" not in text
        assert pg.locator("iframe[title*='st_folium']").count() == 0
        pg.close()
