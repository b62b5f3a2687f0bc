"""The first response of a link: its title and preview tags, and a picture of its map
that a reader sees before any script runs and that goes once the live map has drawn."""

from __future__ import annotations

import html
import io
import re
import urllib.request

from PIL import Image
from test_api import get

from geo import palette

from browser import TIMEOUT_MS, map_frame, wait_for_app, wait_for_layer

SLOW_4G = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 200_000,
    "uploadThroughput": 93_750,
}


def page_of(server: str, link: str, **headers) -> str:
    status, _, body = get(f"{server}/{link}", headers)
    assert status == 200
    return body.decode("utf-8")


def meta(page: str, name: str) -> str:
    found = re.search(rf'<meta (?:name|property)="{re.escape(name)}" content="([^"]*)"', page)
    return html.unescape(found.group(1))


def fills(page: str) -> dict[str, str]:
    return dict(re.findall(r'<path data-iso3="([A-Z]{3})" d="[^"]+" fill="([^"]+)"', page))


def test_the_membership_picture_and_its_key(server):
    page = page_of(server, "?org=CSTO&date=2012-07-01")
    shown = fills(page)
    assert len(shown) == 15
    assert shown["UZB"] == palette.STATUS_COLOURS["suspended"]
    assert shown["ARM"] == shown["RUS"] == palette.STATUS_COLOURS["member"]
    key = re.search(r'<div class="atlas-first-legend">(.*?)</div>', page).group(1)
    assert "Suspended / frozen" in key and "Member" in key and "Occupied" in key
    assert set(re.findall(r'data-fill="([^"]+)"', key)) >= set(shown.values())
    assert "<title>CSTO on 1 July 2012 — Atlas of post-Soviet blocs</title>" in page
    assert "Suspended / frozen: Uzbekistan" in meta(page, "description")


def test_the_summit_picture_shows_who_came(server):
    page = page_of(server, "summit?summit=CIS-2025-12-22")
    shown = fills(page)
    assert shown["ARM"] == shown["KAZ"] == palette.PRESENCE_COLOURS["leader"]
    assert shown["UKR"] == palette.PRESENCE_COLOURS["absent"]
    assert "Leader in person" in page and "<circle" in page  # the host city
    assert "7 of 8 members' leaders attended" in meta(page, "og:description")


def test_a_russian_link_is_previewed_in_russian(server):
    page = page_of(server, "?org=CSTO&date=2012-07-01&lang=ru")
    assert '<html lang="ru">' in page
    assert meta(page, "og:title") == "ОДКБ на 1 июля 2012\u202fг. — Атлас постсоветских объединений"
    assert meta(page, "og:locale") == "ru_RU" and "lang=ru" in meta(page, "og:image")
    assert "Участие приостановлено / заморожено" in page


def test_the_browser_s_language_decides_without_lang(server):
    page = page_of(server, "?org=CSTO&date=2012-07-01", **{"Accept-Language": "ru-RU,ru;q=0.9"})
    assert '<html lang="ru">' in page


def test_a_hostile_link_gets_the_default_view_escaped(server):
    hostile = "?org=%3Cscript%3Ealert(1)%3C/script%3E&date=%22%3E%3Cimg%20src=x%3E"
    page = page_of(server, hostile)
    default = page_of(server, "")
    assert meta(page, "og:title") == meta(default, "og:title")
    assert fills(page) == fills(default)
    assert "<script>alert(1)" not in page and "<img src=x" not in page


def test_the_preview_picture_is_a_1200_by_630_png(server):
    page = page_of(server, "?org=CSTO&date=2012-07-01&lang=ru")
    with urllib.request.urlopen(meta(page, "og:image"), timeout=60) as answer:
        assert answer.headers["Content-Type"] == "image/png" and answer.headers["ETag"]
        assert Image.open(io.BytesIO(answer.read())).size == (1200, 630)


def test_the_picture_comes_first_and_goes_when_the_map_has_drawn(server, page):
    """On a slow network the picture is on screen long before the live map, and the
    picture is gone once the map has drawn, with no script error on the way."""
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    network = page.context.new_cdp_session(page)
    network.send("Network.enable")
    network.send("Network.emulateNetworkConditions", SLOW_4G)
    page.goto(f"{server}/?org=CSTO&date=2012-07-01", wait_until="commit")
    picture = page.locator("#atlas-first .atlas-first-map")
    picture.wait_for(state="visible", timeout=TIMEOUT_MS)
    assert page.locator("iframe[title*='st_folium']").count() == 0  # no live map yet
    network.send("Network.emulateNetworkConditions", {**SLOW_4G, "latency": 0,
                                                     "downloadThroughput": -1, "uploadThroughput": -1})  # fmt: skip
    wait_for_app(page)
    wait_for_layer(map_frame(page), "CSTO|2012-07-01")
    page.locator("#atlas-first").wait_for(state="detached", timeout=TIMEOUT_MS)
    assert errors == []
