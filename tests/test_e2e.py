"""End to end: ``streamlit run dashboard.py`` on a free port, driven by Debian's Chromium."""

import re
from pathlib import Path

from geo import palette

from browser import (
    fills,
    map_frame,
    painted,
    set_date,
    streamlit_server,
    territory_fill,
    wait_for_app,
    wait_for_layer,
    wait_until,
)

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
C = {k: v.upper() for k, v in palette.STATUS_COLOURS.items()}


def open_view(page, url, key):
    page.goto(url)
    wait_for_app(page)
    frame = map_frame(page)
    wait_for_layer(frame, key)
    return frame


def heading(page) -> str:
    return page.get_by_role("heading", level=3).first.inner_text()


def test_map_draws_country_shapes(server, page):
    frame = open_view(page, f"{server}/?org=CSTO&date=2012-07-01", "CSTO|2012-07-01")
    drawn = frame.locator(".leaflet-overlay-pane path").count()
    states = frame.locator("path.leaflet-interactive[role='button']").count()
    assert states == 15 and drawn > 40  # 15 states, territories, neighbours for context
    legend = frame.locator(".atlas-legend").inner_text()
    assert "Member" in legend and "Suspended / frozen" in legend and "not classified" in legend
    assert "de jure" in frame.locator(".leaflet-control-attribution").inner_text()
    page.screenshot(path=ARTIFACTS / "membership-csto-2012.png", full_page=True)


def test_link_colours_the_right_states(server, page):
    frame = open_view(page, f"{server}/?org=CIS&date=2010-06-01", "CIS|2010-06-01")
    f = fills(frame)
    assert f["RUS"] == f["KAZ"] == f["ARM"] == C["member"]
    assert f["UKR"] == C["participant"]
    assert f["TKM"] == C["associate"]
    assert f["GEO"] == f["EST"] == f["LVA"] == f["LTU"] == C["none"]
    assert heading(page) == "Commonwealth of Independent States on 1 June 2010"


def test_every_drawn_colour_has_a_legend_entry(server, page):
    for url, key in [
        (f"{server}/summit?summit=CIS-2022-12-26", "CIS-2022-12-26"),
        (f"{server}/summit?summit=GUAM-2005-04-22", "GUAM-2005-04-22"),
        (f"{server}/?org=CSTO&date=2015-06-01&borders=de_facto", "CSTO|2015-06-01"),
    ]:
        frame = open_view(page, url, key)
        seen = painted(frame)
        assert seen["drawn"] == seen["legend"], url


def test_tooltip_shows_status_since_and_source(server, page):
    frame = open_view(page, f"{server}/?org=CIS&date=2010-06-01", "CIS|2010-06-01")
    frame.evaluate(
        """() => {
          const map = Object.values(window).find(v => v && v._layers && v.getCenter);
          map.eachLayer(l => { if (l.feature && l.feature.properties.iso3 === 'TKM') l.openTooltip(); });
        }"""
    )
    tip = frame.locator(".leaflet-tooltip").first.inner_text()
    assert "Turkmenistan" in tip and "CIS: associate member since 26 August 2005" in tip
    assert "Source: ria.ru" in tip


def test_changing_the_date_recolours_without_remount(server, page):
    frame = open_view(page, f"{server}/?org=CIS&date=2009-08-17", "CIS|2009-08-17")
    assert fills(frame)["GEO"] == C["withdrawing"]
    frame.evaluate("window.atlasMarker = 'same document'")
    set_date(page, "2009-08-18")
    page.get_by_role("heading", level=3).first.click()  # leave the field so it commits
    wait_for_layer(frame, "CIS|2009-08-18")
    assert fills(frame)["GEO"] == C["none"]
    assert frame.evaluate("window.atlasMarker") == "same document"  # the map was not remounted
    page.wait_for_url(re.compile(r"date=2009-08-18"))
    assert "org=CIS" in page.url


def test_crimea_hatched_in_the_un_view_and_russian_in_the_de_facto_view(server, page):
    frame = open_view(page, f"{server}/?org=CSTO&date=2015-06-01", "CSTO|2015-06-01")
    assert territory_fill(frame, "CRIMEA") == "url(#atlas-annexed)"
    assert fills(frame)["UKR"] == C["none"]
    frame = open_view(
        page, f"{server}/?org=CSTO&date=2015-06-01&borders=de_facto", "CSTO|2015-06-01"
    )
    assert territory_fill(frame, "CRIMEA").upper() == fills(frame)["RUS"] == C["member"]
    assert "de facto" in frame.locator(".leaflet-control-attribution").inner_text()
    page.screenshot(path=ARTIFACTS / "membership-csto-2015-de-facto.png", full_page=True)


def test_nothing_drawn_for_a_territory_before_its_situation(server, page):
    frame = open_view(page, f"{server}/?org=CIS&date=2014-02-26", "CIS|2014-02-26")
    assert territory_fill(frame, "CRIMEA") is None
    frame = open_view(page, f"{server}/?org=CIS&date=2014-02-27", "CIS|2014-02-27")
    assert territory_fill(frame, "CRIMEA") == "url(#atlas-occupied)"


def test_bad_link_opens_default_view_with_inert_notice(server, page):
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


def test_rejected_values_never_become_links(server, page):
    for value in ("http://evil.example/login", "www.evil.example", "help@evil.example"):
        page.goto(f"{server}/?org={value}")
        wait_for_app(page)
        alert = page.locator("[data-testid='stAlert']").first
        alert.wait_for()
        assert value in alert.inner_text()
        assert alert.locator("a").count() == 0, value


def test_notices_go_away_once_the_reader_acts(server, page):
    page.goto(f"{server}/?org=FOO&date=2099-13-01")
    wait_for_app(page)
    assert page.locator("[data-testid='stAlert']").count() == 2
    page.get_by_role("combobox", name="Organisation").click()
    page.get_by_role("option", name="CSTO", exact=True).click()
    wait_for_app(page)
    set_date(page, "2005-01-01")
    page.get_by_role("heading", level=3).first.click()
    page.wait_for_url(re.compile(r"date=2005-01-01"))
    wait_for_app(page)
    assert page.locator("[data-testid='stAlert']").count() == 0
    assert heading(page) == "Collective Security Treaty Organization on 1 January 2005"


def test_back_and_forward_restore_what_the_address_bar_says(server, page):
    """Open CSTO 2012, pick EAEU, open Summit attendance, then Back and Forward."""
    page.goto(f"{server}/?org=CSTO&date=2012-07-01")
    wait_for_app(page)
    page.get_by_role("combobox", name="Organisation").click()
    page.get_by_role("option", name="EAEU", exact=True).click()
    page.wait_for_url(re.compile(r"org=EAEU"))
    wait_for_app(page)
    page.get_by_role("link", name="Summit attendance").click()
    page.wait_for_url(re.compile(r"/summit\?"))
    wait_for_app(page)  # the address changes before the page's run: wait for its heading
    page.wait_for_function("() => document.querySelector('h3').innerText.startsWith('EAEU summit')")
    page.go_back()
    page.wait_for_url(re.compile(r"/\?org=EAEU&date=2012-07-01$"))
    wait_for_app(page)
    page.wait_for_function(
        "() => document.querySelector('h3') && "
        "document.querySelector('h3').innerText.startsWith('Eurasian')"
    )
    assert heading(page) == "Eurasian Economic Union on 1 July 2012"
    page.go_back()
    page.wait_for_url(re.compile(r"/\?org=CSTO&date=2012-07-01$"))
    wait_for_app(page)
    page.wait_for_function("() => document.querySelector('h3').innerText.startsWith('Collective')")
    page.go_forward()
    page.wait_for_url(re.compile(r"org=EAEU&date=2012-07-01$"))
    wait_for_app(page)
    page.wait_for_function("() => document.querySelector('h3').innerText.startsWith('Eurasian')")
    page.go_forward()
    page.wait_for_url(re.compile(r"/summit\?"))
    wait_for_app(page)
    page.wait_for_function("() => document.querySelector('h3').innerText.startsWith('EAEU summit')")


def test_broken_data_shows_error_page_and_recovers_by_itself(browser, data_copy):
    good = (data_copy / "memberships.csv").read_bytes()
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
        assert "Traceback" not in text and str(data_copy) not in text
        assert pg.locator("iframe[title*='st_folium']").count() == 0
        (data_copy / "memberships.csv").write_bytes(good)  # fixed: no reload by the reader
        frame = map_frame(pg)
        frame.wait_for_function("document.body.getAttribute('data-atlas-layer')")
        pg.close()


def test_no_request_leaves_the_machine_at_start_up(browser):
    """With no address configured Streamlit asks an outside service for the machine's IP;
    the config names the address, so the lookup (and its log line) never happens."""
    from browser import ROOT

    with streamlit_server(as_readme=True) as url:
        log = ROOT / "tests" / "artifacts" / f"server-{url.rsplit(':', 1)[1]}.log"
        banner = "You can now view your Streamlit app"
        wait_until(lambda: banner in log.read_text(), 30, "the start-up banner")
        # Streamlit looks the address up before it prints the banner's URLs.
    text = log.read_text()
    assert "You can now view your Streamlit app" in text
    assert "external IP" not in text and "checkip" not in text
    config = (ROOT / ".streamlit" / "config.toml").read_text()
    assert re.search(r'^serverAddress = "localhost"$', config, re.M)
    assert re.search(r"^gatherUsageStats = false$", config, re.M)
