"""Small tables rendered as Markdown, with every value escaped and sources as links.

A 15-row table does not need the interactive grid: Markdown draws at once, keeps the
page light (the map appears sooner) and wraps to a phone's width.
"""

from __future__ import annotations

import re

import pandas as pd

from geo.labels import source_domain

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


def markdown_table(table: pd.DataFrame, labels) -> str:
    """A status snapshot as a Markdown table: the state (a link to its profile), its status,
    since when (ISO, as tables sort) and the source as a link showing its domain."""
    lang = "" if labels.lang == "en" else f"&lang={labels.lang}"
    cols = ["name", "status", "since", "source_url"]
    head = "| " + " | ".join(inert(labels.column(c)) for c in cols) + " |"
    lines = [head, "|" + "---|" * len(cols)]
    for row in table.itertuples(index=False):
        name = inert(labels.country(row.iso3))
        state = (
            f"[{name}](country?iso3={row.iso3}{lang})"
            if re.fullmatch(r"[A-Z]{3}", row.iso3)
            else name
        )
        since = row.since.isoformat() if row.since else ""
        cells = [state, inert(labels.status(row.status)), since, link(row.source_url)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def matches(frame: pd.DataFrame, shown: pd.DataFrame, query: str) -> pd.Series:
    """Rows where any cell, as stored (codes) or as shown (names, words), contains ``query``
    (case-insensitive, plain text, not a regex); every row when the query is blank."""
    needle = query.strip().lower()
    if not needle:
        return pd.Series(True, index=frame.index)

    def hit(table: pd.DataFrame) -> pd.Series:
        found = table.astype(str).apply(lambda c: c.str.lower().str.contains(needle, regex=False))
        return found.any(axis=1).set_axis(frame.index)

    return hit(frame) | hit(shown)
