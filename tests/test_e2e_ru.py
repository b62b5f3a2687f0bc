"""The Russian interface in Chromium: every view, its map's legend and tooltips, the Share
and About panels — no English left but names, codes, addresses and file names."""

import html
import re
from pathlib import Path

import pandas as pd
import pytest

from geo.paths import ROOT

from browser import close_panel, map_frame, open_panel, wait_for_app

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
    "Ctrl",  # the key's name, as printed on it
}  # fmt: skip
FILE = re.compile(r"\b[\w./-]+\.(?:csv|zip|cff|md)\b")
DOMAIN = re.compile(r"\b(?:[\w-]+\.)+[a-z]{2,6}\b")  # a source's host: news.bbc.co.uk
# The curators' own words stay in English and are marked so: the rest of such a line.
NOTE = re.compile(r"на английском\)\s*:[^\n]*")


# People no page read prints in Russian keep the data's spelling (people.csv says why).
PEOPLE = pd.read_csv(ROOT / "data" / "people.csv", keep_default_na=False)
UNSOURCED = PEOPLE.loc[PEOPLE["name_ru"] == "", "name"].tolist()


def visible_words(text: str) -> set[str]:
    """Latin words a reader sees, once addresses, file names, English notes and the names of
    people without a Russian form are left out."""
    text = NOTE.sub("", text)
    for name in UNSOURCED:
        text = text.replace(name, " ")
    text = DOMAIN.sub("", FILE.sub("", text))
    return set(re.findall(r"[A-Za-z][A-Za-z'’]+", text)) - ALLOWED


def page_text(page, root: str = "body") -> str:
    """The rendered text under ``root``, without icon ligatures (an icon font draws the word
    'share' as a picture of sharing) and without code blocks, which hold code, not words
    (see ``code_blocks``)."""
    text, icons, codes = page.locator(root).first.evaluate(
        """el => [el.innerText,
                  [...el.querySelectorAll('[data-testid="stIconMaterial"]')].map(e => e.innerText),
                  [...el.querySelectorAll('[data-testid="stCode"]')].map(e => e.innerText)]"""
    )
    # A table's note cells hold the curators' English, under a header that says so.
    notes = page.locator(root).first.evaluate(
        """el => [...el.querySelectorAll('td[data-label$="(на английском)"]')]
                  .map(e => e.innerText).filter(t => t.trim())"""
    )
    for note in sorted(notes, key=len, reverse=True):
        text = text.replace(note, " ")
    for code in codes:
        assert code in text, "a code block's text could not be told apart from the page's"
        text = text.replace(code, " ")
    for icon in sorted(set(icons), key=len, reverse=True):
        text = re.sub(rf"(?<![\w.-]){re.escape(icon)}(?![\w-])", " ", text)
    return text


def code_blocks(panel) -> list[str]:
    return panel.locator("[data-testid='stCode']").all_inner_texts()


def embed_words(code: str) -> str:
    """What a reader of the embedding site sees of the embed code: its title (the credit
    line is inside the embedded view, read with the page)."""
    assert "<p>" not in code  # one credit line, inside the view
    return re.search(r'title="([^"]*)"', code).group(1)


@pytest.mark.parametrize("view", VIEWS)
def test_every_view_in_russian(server, page, view):
    page.goto(f"{server}/{VIEWS[view]}")
    wait_for_app(page)
    share = open_panel(page, "Поделиться")
    texts = [page_text(page, "[role=dialog]")]
    link, embed, *picture = code_blocks(share)  # code shown as code: what a reader sees of it
    assert link.startswith(server) and "lang=ru" in link
    assert "lang=ru" in embed and "embed=true" in embed
    texts.append(embed_words(embed))
    for code in picture:  # the picture embed's alt text and credit
        texts.append(html.unescape(re.search(r'alt="([^"]*)"', code).group(1)))
        texts.append(re.sub(r"<[^>]+>", " ", code.split("</a>", 1)[1]))
    close_panel(page, share)
    about = open_panel(page, "Об этих данных")
    texts.append(page_text(page, "[role=dialog]"))
    close_panel(page, about)
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


def test_the_word_check_sees_the_share_panel(server, page):
    """The check above reads the open panels: an English embed title would be caught."""
    page.goto(f"{server}/{VIEWS['summit']}")
    wait_for_app(page)
    share = open_panel(page, "Поделиться")
    assert "Код для встраивания" in page_text(page, "[role=dialog]")
    embed = code_blocks(share)[1]
    english = embed.replace(embed_words(embed).split("\n")[0], "Atlas of post-Soviet blocs")
    assert {"Atlas", "post", "Soviet", "blocs"} <= visible_words(embed_words(english))
    close_panel(page, share)


def test_russian_on_a_phone(server, phone):
    phone.goto(f"{server}/summit?summit=CIS-2025-12-22&lang=ru")
    wait_for_app(phone)
    assert "Участие лидеров государств-членов: 7 из 8" in page_text(phone)
    assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    phone.screenshot(path=ARTIFACTS / "ru-phone-summit.png", full_page=True)


def test_a_russian_link_stays_russian(server, page):
    page.goto(f"{server}/?org=CSTO&date=2012-07-01&lang=ru")
    wait_for_app(page)
    page.get_by_role("link", name="Участие в саммите").click()
    page.wait_for_url(re.compile(r"/summit\?.*lang=ru"))
    wait_for_app(page)  # the address changes before the page's run: wait for its heading
    page.get_by_role("heading", level=3, name=re.compile("^ОДКБ: саммит")).wait_for()
