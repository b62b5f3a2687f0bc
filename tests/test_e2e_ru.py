"""The Russian interface in Chromium: every view, its map's legend and tooltips, the Share
and About panels — no English left but names, codes, addresses and file names."""

import re
from pathlib import Path

import pytest

from browser import map_frame, wait_for_app

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
VIEWS = {
    "membership": "?org=CSTO&date=2015-06-01&lang=ru",
    "summit": "summit?summit=EAEU-2023-05-25&lang=ru",
    "attendance": "attendance?org=CSTO&from=2015-01-01&lang=ru",
    "overlap": "overlap?date=2015-06-01&lang=ru",
    "country": "country?iso3=UKR&lang=ru",
    "changes": "changes?from=2008-01-01&to=2010-01-01&lang=ru",
    "data": "data?table=summits&lang=ru",
}
MAPS = {"attendance", "country", "data"}  # views without a map
ALLOWED = {
    "English",  # the language switch names each language in its own words
    "Natural", "Earth", "OpenStreetMap", "CC", "BY", "MIT", "CITATION", "cff", "QGIS", "geopandas",
    "CSV", "GeoPackage", "Shapefile", "GeoJSON", "FlatGeobuf", "PNG", "zip", "csv",
    "Skip", "to", "main", "content",  # Streamlit's own hidden "skip to main content" link
}  # fmt: skip
DOMAIN = re.compile(
    r"\b[\w.-]+\.(?:ru|com|org|net|by|kz|kg|uz|tj|am|az|ge|ua|md|tm|info|gov|int|cn)\b"
)
FILE = re.compile(r"\b[\w./-]+\.(?:csv|zip|cff)\b")
# The curators' own words stay in English and are marked so: the rest of such a line.
NOTE = re.compile(r"на английском\)\s*:[^\n]*")


def visible_words(text: str) -> set[str]:
    """Latin words a reader sees, once addresses, file names and English notes are left out."""
    text = NOTE.sub("", text)
    text = DOMAIN.sub("", FILE.sub("", text))
    return set(re.findall(r"[A-Za-z][A-Za-z'’]+", text)) - ALLOWED


def page_text(page) -> str:
    """The rendered text of the page, without icon ligatures (an icon font draws the word
    'share' as a picture of sharing)."""
    text, icons = page.evaluate(
        """() => [document.body.innerText,
                  [...document.querySelectorAll('[data-testid="stIconMaterial"]')]
                      .map(e => e.innerText)]"""
    )
    for icon in sorted(set(icons), key=len, reverse=True):
        text = re.sub(rf"(?<![\w-]){re.escape(icon)}(?![\w-])", " ", text)
    return text


@pytest.mark.parametrize("view", VIEWS)
def test_every_view_in_russian(server, page, view):
    page.goto(f"{server}/{VIEWS[view]}")
    wait_for_app(page)
    texts = []
    for button in ("Поделиться", "Об этих данных"):
        page.get_by_role("button", name=button).click()
        page.wait_for_timeout(300)
        texts.append(page_text(page))
        page.keyboard.press("Escape")
    texts.append(page_text(page))
    if view not in MAPS:
        frame = map_frame(page)
        frame.wait_for_function("document.body.getAttribute('data-atlas-layer')")
        frame.evaluate(
            """() => {
              const map = Object.values(window).find(v => v && v._layers && v.getCenter);
              map.eachLayer(l => { if (l.getTooltip && l.getTooltip()) l.openTooltip(); });
            }"""
        )
        texts.append(frame.evaluate("document.body.innerText"))
    english = visible_words("\n".join(texts))
    assert english == set(), sorted(english)
    page.screenshot(path=ARTIFACTS / f"ru-{view}.png", full_page=True)


def test_russian_on_a_phone(server, phone):
    phone.goto(f"{server}/summit?summit=CIS-2025-12-22&lang=ru")
    wait_for_app(phone)
    assert "7 из 8 лидеров государств-членов приняли участие" in page_text(phone)
    assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    phone.screenshot(path=ARTIFACTS / "ru-phone-summit.png", full_page=True)


def test_a_russian_link_stays_russian(server, page):
    page.goto(f"{server}/?org=CSTO&date=2012-07-01&lang=ru")
    wait_for_app(page)
    page.get_by_role("link", name="Участие в саммите").click()
    page.wait_for_url(re.compile(r"/summit\?.*lang=ru"))
    wait_for_app(page)
    assert page.get_by_role("heading", level=3).first.inner_text().startswith("ОДКБ: саммит")
