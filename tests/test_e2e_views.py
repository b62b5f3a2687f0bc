"""End to end for the views, on a desktop and on a 390 × 844 phone, by mouse and keyboard,
and embedded in another site's page."""

import http.server
import re
import threading
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from geo import history, palette

from browser import (
    choose,
    close_panel,
    download,
    fills,
    free_port,
    map_frame,
    open_panel,
    wait_for_app,
    wait_for_layer,
)

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
P = {k: v.upper() for k, v in palette.PRESENCE_COLOURS.items()}
# The heatmap's legend: the seats whose leader did not come carry their mark (◐, ×, –).
HEATMAP_WORDS = [
    "Leader in person",
    "Leader online",
    "◐ Represented by an official",
    "× Absent",
    "Not verified",
]


def test_summit_map_colours_presence_and_marks_host(server, page):
    page.goto(f"{server}/summit?summit=CIS-2025-12-22")
    wait_for_app(page)
    frame = map_frame(page)
    wait_for_layer(frame, "CIS-2025-12-22")
    f = fills(frame)
    assert f["ARM"] == f["KAZ"] == P["leader"]
    assert f["AZE"] == f["MDA"] == f["UKR"] == P["absent"]
    assert f["EST"] == palette.NO_SEAT.upper()
    assert frame.locator("path.leaflet-interactive[fill='#FFFFFF']").count() == 1  # host marker
    assert "7 of 8 members' leaders attended" in page.locator("[data-testid='stMain']").inner_text()
    page.screenshot(path=ARTIFACTS / "summit-cis-2025-12-22.png", full_page=True)


def click_at(page, frame, lat: float, lon: float) -> None:
    """Click the map where the point (lat, lon) is drawn."""
    x, y = frame.evaluate(
        """([lat, lon]) => {
          const map = Object.values(window).find(v => v && v._layers && v.getCenter);
          const point = map.latLngToContainerPoint(L.latLng(lat, lon));
          return [point.x, point.y];
        }""",
        [lat, lon],
    )
    box = page.locator("iframe[title*='st_folium']").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)


def test_click_on_a_state_opens_its_profile(server, page):
    page.goto(f"{server}/?org=CIS&date=2010-06-01")
    wait_for_app(page)
    frame = map_frame(page)
    wait_for_layer(frame, "CIS|2010-06-01")
    click_at(page, frame, 48.0, 67.0)
    page.wait_for_url(re.compile(r"/country\?iso3=KAZ"))
    wait_for_app(page)
    page.get_by_role("heading", name="Kazakhstan").wait_for()  # the new page, not a run to come


def test_a_profile_opened_from_the_map_is_one_step_back(server, page):
    """Opening a state's profile from the map adds exactly one history entry: Back
    returns to the map as it was, Forward to the profile."""
    page.goto(f"{server}/?org=CSTO&date=2014-01-01&lang=ru")
    wait_for_app(page)
    frame = map_frame(page)
    wait_for_layer(frame, "CSTO|2014-01-01")
    before = page.evaluate("history.length")
    click_at(page, frame, 41.5, 64.0)
    page.wait_for_url(re.compile(r"/country\?iso3=UZB&lang=ru$"))
    wait_for_app(page)
    page.get_by_role("heading", name="Узбекистан").wait_for()  # the new page, not a run to come
    assert page.evaluate("history.length") == before + 1
    page.go_back()
    page.wait_for_url(re.compile(r"/\?org=CSTO&date=2014-01-01&lang=ru$"))
    wait_for_app(page)
    wait_for_layer(map_frame(page), "CSTO|2014-01-01")
    page.go_forward()
    page.wait_for_url(re.compile(r"/country\?iso3=UZB"))


def test_keyboard_reaches_a_state_and_enter_opens_it(server, page):
    page.goto(f"{server}/?org=CSTO&date=2012-07-01")
    wait_for_app(page)
    frame = map_frame(page)
    wait_for_layer(frame, "CSTO|2012-07-01")
    shape = frame.locator("path[aria-label='Armenia: Member']")
    assert shape.get_attribute("tabindex") == "0" and shape.get_attribute("role") == "button"
    assert frame.locator("path[role='button'][aria-label]").count() == 15
    shape.focus()
    outline = shape.evaluate("el => getComputedStyle(el).strokeWidth")
    assert outline == "3.5px"  # a visible focus outline
    assert "Armenia" in frame.locator(".leaflet-tooltip").first.inner_text()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/country\?iso3=ARM"))
    wait_for_app(page)
    page.get_by_role("heading", name="Armenia").wait_for()  # the new page, not a run still to come


def test_play_steps_through_time_without_remount(server, page):
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


def test_play_keeps_the_map_still_and_adds_one_history_entry(server, page):
    """Past the EurAsEC's dissolution (no banner comes and goes above the map while Play
    runs) and one entry in the browser's history for the whole run, not one per frame."""
    page.goto(f"{server}/?org=EURASEC&date=2014-01-01")
    wait_for_app(page)
    frame = map_frame(page)
    wait_for_layer(frame, "EURASEC|2014-01-01")
    entries = page.evaluate("history.length")
    iframe = page.locator("iframe[title*='st_folium']")
    tops = [iframe.bounding_box()["y"]]
    page.get_by_text("Play", exact=True).click()
    for day in ("2015-01-01", "2016-01-01"):
        wait_for_layer(frame, f"EURASEC|{day}")
        tops.append(iframe.bounding_box()["y"])
    page.get_by_text("Play", exact=True).click()
    page.wait_for_function("/date=20(1[6-9]|2)/.test(location.search)")
    assert len(set(tops)) == 1, tops
    assert page.evaluate("history.length") <= entries + 1


MAP_FILES = [
    ("Picture (PNG)", "png", b"\x89PNG\r\n\x1a\n"),
    ("GeoPackage", "gpkg", b"SQLite format 3"),
    ("Shapefile (zip)", "zip", b"PK"),
    ("GeoJSON", "geojson", b"{"),
    ("FlatGeobuf", "fgb", b"fgb"),
    ("Table (CSV)", "csv", b"iso3,name,status"),
]


def test_map_downloads(server, page):
    """Every file of the map in view, from its link, named for the view."""
    page.goto(f"{server}/?org=CSTO&date=2012-07-01")
    wait_for_app(page)
    open_panel(page, "Download this map and its data")
    for label, suffix, magic in MAP_FILES:
        name, data = download(page, label)
        assert name == f"CSTO_2012-07-01.{suffix}" and data.startswith(magic), label


def test_a_download_retries_a_restarting_server_and_says_when_it_fails(server, page):
    """A 502 (a replica restarting behind the proxy) is tried again; a file that cannot be
    had is reported beside the links, in the reader's language."""
    page.goto(f"{server}/summit?summit=CIS-2022-12-26&lang=ru")
    wait_for_app(page)
    open_panel(page, "Скачать эту карту и её данные")
    tried = []

    def flaky(route):
        tried.append(route.request.url)
        if len(tried) == 1:
            return route.fulfill(status=502, body="restarting")
        return route.continue_()

    page.route("**/api/v1/attendance?*", flaky)
    name, data = download(page, "Таблица (CSV)")
    assert len(tried) == 2 and data.startswith(b"iso3,name,capacity")
    page.route("**/api/v1/export?*", lambda route: route.fulfill(status=503, body="down"))
    page.get_by_role("link", name="GeoJSON", exact=True).click()
    failed = page.locator(".atlas-files-status.failed")
    failed.wait_for()
    assert (
        failed.inner_text() == "Скачать файл не удалось (сервер ответил 503). Попробуйте ещё раз."
    )


def test_table_downloads_keep_the_data_s_own_columns(server, page):
    """On screen the record is worded (in Russian here); the CSV keeps codes and names."""
    page.goto(f"{server}/attendance?org=CSTO&lang=ru")
    wait_for_app(page)
    name, data = download(page, "Скачать attendance_record_CSTO.csv")
    assert name == "attendance_record_CSTO.csv"
    assert data.decode("utf-8").splitlines()[0] == ",".join(history.RECORD_COLUMNS)


def test_the_data_page_downloads_the_rows_shown_and_the_package(server, page):
    page.goto(f"{server}/data?table=attendance&q=Грузия&lang=ru")
    wait_for_app(page)
    name, data = download(page, "Скачать attendance.csv")
    rows = data.decode("utf-8").splitlines()
    assert name == "attendance.csv" and rows[0].startswith("summit_id,iso3,capacity")
    assert len(rows) > 20 and all(",GEO," in r for r in rows[1:])
    name, data = download(page, "Весь пакет данных (zip)")
    assert name == "post-soviet-blocs.zip" and data.startswith(b"PK")


def test_charts_draw(server, page):
    page.goto(f"{server}/attendance?org=CSTO")
    wait_for_app(page)
    page.wait_for_selector("svg.marks")
    cells = page.locator("svg.marks g.mark-rect path:not(.background)").count()
    assert cells > 250  # about 45 summits by 6 to 9 states
    page.goto(f"{server}/country?iso3=ARM")
    wait_for_app(page)
    page.wait_for_selector("svg.marks g.mark-rect path")
    assert page.locator("svg.marks g.mark-rect path:not(.background)").count() >= 6
    page.screenshot(path=ARTIFACTS / "country-arm.png", full_page=True)


def legend_labels_fully_visible(page, labels: list[str]) -> None:
    """Each label is drawn in full (not cut to '…') inside the page's width."""
    page.wait_for_selector("svg.marks")
    width = page.viewport_size["width"]
    for text in labels:
        item = page.locator("svg.marks text", has_text=re.compile(f"^{re.escape(text)}$")).first
        box = item.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, text


def test_phone_chart_legends_show_every_label(server, phone):
    phone.goto(f"{server}/attendance?org=CIS&from=2014-01-01")
    wait_for_app(phone)
    legend_labels_fully_visible(phone, HEATMAP_WORDS)
    phone.goto(f"{server}/country?iso3=UKR")
    wait_for_app(phone)
    legend_labels_fully_visible(
        phone,
        [
            "Member",
            "Observer",
            "Participant (Charter not ratified)",
            "Suspended / frozen",
            "Candidate",
        ],
    )
    phone.screenshot(path=ARTIFACTS / "phone-country-ukr.png", full_page=True)


def test_phone_reads_top_to_bottom_with_the_key_under_the_map(server, phone):
    """On a phone: the pickers on the page (no tap on the menu), the map's key under the map
    and readable without a tap, every label inside the screen, the map no taller than the
    region needs plus its key."""
    phone.goto(f"{server}/summit?summit=CIS-2022-12-26")
    wait_for_app(phone)
    frame = map_frame(phone)
    wait_for_layer(frame, "CIS-2022-12-26")
    picker = phone.get_by_role("combobox", name="Summit")
    assert picker.is_visible() and not phone.get_by_test_id("stSidebar").is_visible()
    key = frame.locator("#atlas-key")
    # bounding boxes are in the page's coordinates, so compare with the iframe's own box
    frame_box = phone.locator("iframe[title*='st_folium']").bounding_box()
    left, right = frame_box["x"], frame_box["x"] + frame_box["width"]
    map_box = frame.locator(".leaflet-container").bounding_box()
    rows = frame.locator("#atlas-key .atlas-row").all()
    assert len(rows) >= 4
    for row in rows:
        box = row.bounding_box()
        assert row.is_visible() and box["x"] >= left - 1 and box["x"] + box["width"] <= right + 1
        assert box["y"] >= map_box["y"] + map_box["height"] - 1  # under the map, not over it
    key_box = key.bounding_box()
    assert key_box["y"] + key_box["height"] <= frame_box["y"] + frame_box["height"] + 1
    assert frame_box["height"] <= 450
    phone.screenshot(path=ARTIFACTS / "phone-summit.png", full_page=True)


def test_the_wheel_scrolls_the_page_unless_ctrl_is_held(server, page):
    """Over the map the wheel scrolls the page (and says how to zoom); Ctrl + wheel zooms
    the map; the reset button brings the whole region back."""
    page.goto(f"{server}/?org=CSTO&date=2012-07-01")
    wait_for_app(page)
    frame = map_frame(page)
    wait_for_layer(frame, "CSTO|2012-07-01")
    zoom = "Object.values(window).find(v => v && v._layers && v.getCenter).getZoom()"
    start = frame.evaluate(zoom)
    box = page.locator("iframe[title*='st_folium']").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 200)
    main = "document.querySelector('[data-testid=stMain]').scrollTop"
    before = page.evaluate(main)
    page.mouse.wheel(0, 300)
    page.wait_for_function(f"{main} > {before}")
    assert frame.evaluate(zoom) == start
    frame.wait_for_selector(".atlas-hint.shown")
    inner = frame.locator(".leaflet-container").bounding_box()  # the page has moved
    page.mouse.move(inner["x"] + inner["width"] / 2, inner["y"] + inner["height"] / 2)
    page.keyboard.down("Control")
    page.mouse.wheel(0, -120)
    page.keyboard.up("Control")
    frame.wait_for_function(f"{zoom} > {start}")
    frame.get_by_role("button", name="Show the whole region").click()
    frame.wait_for_function(f"{zoom} === {start}")
    assert frame.get_by_role("button", name="Full screen").count() == 1


def test_a_tooltip_stays_inside_the_map(server, page):
    page.goto(f"{server}/?org=CSTO&date=2012-07-01")
    wait_for_app(page)
    frame = map_frame(page)
    wait_for_layer(frame, "CSTO|2012-07-01")
    box = page.locator("iframe[title*='st_folium']").bounding_box()
    inner = frame.locator(".leaflet-container").bounding_box()
    # Chukotka, at the map's right edge: a tooltip to the right would be cut off
    x, y = frame.evaluate(
        """() => {
          const map = Object.values(window).find(v => v && v._layers && v.getCenter);
          const p = map.latLngToContainerPoint(L.latLng(66.5, 175.0));
          return [p.x, p.y];
        }"""
    )
    page.mouse.move(box["x"] + x, box["y"] + y)
    tip = frame.locator(".leaflet-tooltip")
    tip.wait_for()
    frame.wait_for_function(
        """() => {
          const t = document.querySelector('.leaflet-tooltip').getBoundingClientRect();
          const m = document.querySelector(".leaflet-container").getBoundingClientRect();
          return t.left >= m.left && t.right <= m.right && t.top >= m.top && t.bottom <= m.bottom;
        }"""
    )
    assert "Russia" in tip.inner_text() and inner["width"] > 0


def test_phone_tables_fit_and_the_menu_closes_after_a_choice(server, phone):
    phone.goto(f"{server}/?org=CSTO&date=2012-07-01")
    wait_for_app(phone)
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0  # the membership table wraps instead of widening the page
    phone.get_by_test_id("stExpandSidebarButton").click()
    phone.get_by_role("link", name="Country profile").click()
    phone.wait_for_url(re.compile(r"/country\?"))
    wait_for_app(phone)
    phone.get_by_test_id("stExpandSidebarButton").wait_for()  # the menu folded away
    phone.get_by_role("heading", name="Armenia").wait_for()  # the new page, not a run still to come
    assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_an_embedded_view_in_another_page(server, browser, tmp_path):
    """A site embeds the map with the code from Share: map, legend, title, credit, link back."""
    page = browser.new_page(viewport={"width": 1000, "height": 900})
    page.goto(f"{server}/?org=CSTO&date=2012-07-01")
    wait_for_app(page)
    share = open_panel(page, "Share")
    code = share.locator("[data-testid='stCode']").nth(1).inner_text()
    close_panel(page, share)
    assert code.startswith('<iframe src="') and "embed=true" in code and "allowfullscreen" in code
    assert "<p>" not in code  # the credit line is inside the view: once, not twice
    (tmp_path / "site.html").write_text(f"<html><body><h1>A news site</h1>{code}</body></html>")
    with serving(tmp_path) as site:
        page.goto(f"{site}/site.html")
        app = page.frame_locator("iframe[title='Atlas of post-Soviet blocs']")
        app.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(
            timeout=30_000
        )
        inner = app.frame_locator("iframe[title*='st_folium']")
        inner.locator(".atlas-legend").wait_for(timeout=30_000)
        main = app.locator("[data-testid='stMain']").inner_text()
        assert "Collective Security Treaty Organization on 1 July 2012" in main
        assert "CC BY 4.0" in main and "Open in the atlas" in main
        assert main.count("CC BY 4.0") == 1 and "pages named in each row" not in main
        assert (
            app.locator("[data-testid='stSidebar']").count() == 0
            or not app.locator("[data-testid='stSidebar']").is_visible()
        )
        link = app.get_by_role("link", name="Open in the atlas").get_attribute("href")
        assert "embed" not in link and "org=CSTO" in link
        page.screenshot(path=ARTIFACTS / "embedded.png")
    page.close()


def test_a_picture_embed_needs_no_session(server, browser, tmp_path):
    """The Share panel's picture embed shows the map in an article with no script and no
    WebSocket; its alt text says what the map shows, and it links to the live view."""
    page = browser.new_page()
    page.goto(f"{server}/summit?summit=CIS-2022-12-26")
    wait_for_app(page)
    share = open_panel(page, "Share")
    code = share.locator("[data-testid='stCode']").nth(2).inner_text()
    page.close()
    assert code.startswith('<a href="') and "/api/v1/map.svg?" in code
    (tmp_path / "article.html").write_text(f"<html><body><h1>News</h1>{code}</body></html>")
    article = browser.new_page()
    sockets = []
    article.on("websocket", lambda ws: sockets.append(ws.url))
    with serving(tmp_path) as site:
        article.goto(f"{site}/article.html")
        picture = article.locator("img")
        article.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=picture.element_handle()
        )
        alt = picture.get_attribute("alt")
        assert alt.startswith("CIS summit, 26 December 2022") and "members' leaders attended" in alt
        assert "summit=CIS-2022-12-26" in article.locator("a").first.get_attribute("href")
    assert sockets == []
    article.close()


@contextmanager
def serving(folder):
    """A plain web server for ``folder`` on another origin (localhost, a free port)."""
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://localhost:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


def test_a_mistyped_page_opens_the_page_meant_with_a_notice_in_russian(server, page):
    """/summitt: the summit page with its summit, a notice in the reader's language instead
    of Streamlit's English "Page not found", and an address that no longer says it."""
    page.goto(f"{server}/summitt?summit=CIS-2022-12-27&lang=ru")
    wait_for_app(page)
    frame = map_frame(page)
    wait_for_layer(frame, "CIS-2022-12-26")  # the nearest summit to the day asked
    main = page.get_by_test_id("stMain")
    expect_text = "нет; показана страница"
    page.wait_for_function(
        "t => document.querySelector('[data-testid=stMain]').innerText.includes(t)", arg=expect_text
    )
    assert "Page not found" not in main.inner_text()
    assert "в этот день у этой организации не было саммита" in main.inner_text()
    page.wait_for_function("!location.search.includes('missing')")
    assert page.evaluate("location.pathname").endswith("/summit")


def test_typing_a_city_in_the_summit_picker_keeps_the_newest_first(server, page):
    page.goto(f"{server}/summit?summit=CSTO-2022-11-23")
    wait_for_app(page)
    box = page.get_by_role("combobox", name="Summit")
    box.click()
    box.press_sequentially("Yerevan")
    options = page.get_by_role("option")
    page.wait_for_function(
        "() => [...document.querySelectorAll('[role=option]')].every("
        "o => o.innerText.includes('Yerevan'))"
    )
    years = [re.search(r"\d{4}", t)[0] for t in options.all_inner_texts()]
    assert years == ["2022", "2016", "2010", "2001"]
    page.keyboard.press("Escape")


def test_every_shape_the_keyboard_reaches_has_a_name(server, page):
    """Contested territories are Tab stops too: each is named as its tooltip reads."""
    page.goto(f"{server}/?org=CIS&date=2015-06-01")
    wait_for_app(page)
    frame = map_frame(page)
    wait_for_layer(frame, "CIS|2015-06-01")
    focusable = frame.locator("path[tabindex]")
    names = [p.get_attribute("aria-label") or "" for p in focusable.all()]
    assert len(names) > 15 and all(names)
    crimea = frame.locator("path[role='img'][aria-label^='Crimea']")
    assert crimea.count() == 1 and "annexed" in crimea.get_attribute("aria-label").lower()
    crimea.focus()
    assert "Crimea" in frame.locator(".leaflet-tooltip").first.inner_text()


def test_a_new_organisation_brings_its_heading_into_view(server, page):
    page.goto(f"{server}/attendance?org=CSTO&from=2010-01-01")
    wait_for_app(page)
    page.get_by_role("heading", name=re.compile("CSTO")).wait_for()
    main = "document.querySelector('[data-testid=stMain]')"
    # the picker in view, the heading above it (once the chart has made the page long)
    page.wait_for_function(f"({main}.scrollTo(0, 150), {main}.scrollTop > 100)")
    top = "document.querySelector('[data-testid=stMain] h3').getBoundingClientRect().top"
    assert page.evaluate(top) < 0
    choose(page, "Organisation", "CIS")
    page.get_by_role("heading", name=re.compile("CIS summits")).wait_for()
    page.wait_for_function(f"{top} >= 0")


def type_date(page, iso: str, label: str) -> None:
    """Type a day into a date field's segments, then press Enter (no click elsewhere)."""
    field = page.get_by_role("group", name=label, exact=True)
    for part, value in zip(("year", "month", "day"), iso.split("-")):
        field.get_by_role("spinbutton", name=f"{part}, {label}").click()
        page.keyboard.type(value)
    page.keyboard.press("Enter")


def test_enter_applies_a_typed_date_and_a_day_out_of_range_is_moved_inside(server, page):
    page.goto(f"{server}/?org=CSTO&date=2012-07-01&lang=ru")
    wait_for_app(page)
    frame = map_frame(page)
    wait_for_layer(frame, "CSTO|2012-07-01")
    type_date(page, "2005-03-04", "Дата")
    wait_for_layer(frame, "CSTO|2005-03-04")
    page.wait_for_url(re.compile(r"date=2005-03-04"))
    type_date(page, "1985-01-01", "Дата")
    wait_for_layer(frame, "CSTO|1991-12-08")  # the nearest day the data covers
    notice = page.get_by_test_id("stAlert").filter(has_text="1985-01-01")
    notice.wait_for()
    assert "вне диапазона с 1991-12-08" in notice.inner_text()
    assert "Ignored" not in notice.inner_text()


def test_a_summit_embed_says_who_came(server, page):
    page.goto(f"{server}/summit?summit=CIS-2022-12-26&embed=true")
    wait_for_app(page)
    wait_for_layer(map_frame(page), "CIS-2022-12-26")
    main = page.get_by_test_id("stMain").inner_text()
    assert "members' leaders attended" in main and "Open in the atlas" in main


def test_the_eu_map_shows_its_members_outside_the_region(server, page):
    page.goto(f"{server}/?org=EU&date=2024-01-01")
    wait_for_app(page)
    frame = map_frame(page)
    wait_for_layer(frame, "EU|2024-01-01")
    tone = palette.CONTEXT_MEMBER.lower()
    assert frame.locator(f"path[fill='{tone}'], path[fill='{tone.upper()}']").count() >= 15
    key = frame.locator("#atlas-key").inner_text()
    assert "Member outside the post-Soviet space (not classified here)" in key


def test_a_table_switched_and_downloaded_at_once_arrives(server, browser):
    """In fresh sessions, choosing a table and pressing its download straight away gives
    that table (downloads are links to stable addresses, not files of a rerun)."""
    for _ in range(3):
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{server}/data")
        wait_for_app(page)
        choose(page, "Table", "Summits")
        name, data = download(page, "Download summits.csv")
        assert name == "summits.csv" and data.startswith(b"id,org,start")
        page.close()
