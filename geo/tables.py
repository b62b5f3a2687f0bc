"""Small tables rendered as Markdown, with every value escaped and sources as links.

A 15-row table does not need the interactive grid: Markdown draws at once and keeps the
page light, so the map appears sooner.
"""

from __future__ import annotations

import re

import pandas as pd

from geo.choropleth import source_domain

# Characters that can open markup inline: emphasis, code, links, images, HTML, tables, maths.
ACTIVE = re.compile(r"([\\`*_\[\]<>!|~&$])")
LINE_START = re.compile(r"^(\s*)([#+\-=>]|\d+[.)])")


def inert(value) -> str:
    """Markdown-safe text on one line: markup characters escaped, URLs left readable."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    text = ACTIVE.sub(r"\\\1", str(value).replace("\n", " "))
    return LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def link(url: str) -> str:
    """A source link that shows its domain; only http(s) URLs become links."""
    if not url or not url.startswith(("http://", "https://")):
        return ""
    target = url.replace(" ", "%20").replace(")", "%29").replace("(", "%28")
    return f"[{inert(source_domain(url))}]({target})"


def cell(column: str, value, profile_links: bool) -> str:
    if column == "source_url":
        return link(value)
    if column == "iso3" and profile_links and re.fullmatch(r"[A-Z]{3}", str(value)):
        return f"[{value}](?view=country&iso3={value})"
    return inert(value)


def markdown_links(frame: pd.DataFrame, profile_links: bool = False) -> str:
    """A Markdown table; ``source_url`` cells become links, ``iso3`` cells profile links."""
    cols = list(frame.columns)
    lines = ["| " + " | ".join(inert(c) for c in cols) + " |", "|" + "---|" * len(cols)]
    for row in frame.itertuples(index=False):
        cells = [cell(c, v, profile_links) for c, v in zip(cols, row)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def country_from_tooltip(text: str, names: dict[str, str]) -> str | None:
    """The state a clicked tooltip belongs to: the tooltip starts with the state's name.

    streamlit-folium reports the tooltip as bare text, line breaks dropped, so the longest
    name the text starts with wins.
    """
    text = text.strip()
    hits = [(len(name), code) for code, name in names.items() if text.startswith(name)]
    return max(hits)[1] if hits else None


def filter_rows(frame: pd.DataFrame, query: str) -> pd.DataFrame:
    """Rows where any cell contains ``query`` (case-insensitive, plain text, not a regex)."""
    if not query.strip():
        return frame
    needle = query.strip().lower()
    hit = frame.astype(str).apply(lambda col: col.str.lower().str.contains(needle, regex=False))
    return frame[hit.any(axis=1)]
