"""Small tables rendered as Markdown, with every value escaped and sources as links.

A 15-row table does not need the interactive grid: Markdown draws at once and keeps the
page light, so the map appears sooner.
"""

from __future__ import annotations

import re

import pandas as pd

from geo.choropleth import source_domain

PUNCT = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&])")


def inert(value) -> str:
    """Markdown-safe text: punctuation escaped, no line breaks."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return PUNCT.sub(r"\\\1", str(value).replace("\n", " "))


def link(url: str) -> str:
    """A source link that shows its domain; only http(s) URLs become links."""
    if not url or not url.startswith(("http://", "https://")):
        return ""
    target = url.replace(" ", "%20").replace(")", "%29").replace("(", "%28")
    return f"[{inert(source_domain(url))}]({target})"


def markdown_links(frame: pd.DataFrame) -> str:
    """A Markdown table; columns named ``source_url`` become links."""
    cols = list(frame.columns)
    lines = ["| " + " | ".join(inert(c) for c in cols) + " |", "|" + "---|" * len(cols)]
    for row in frame.itertuples(index=False):
        cells = [link(v) if c == "source_url" else inert(v) for c, v in zip(cols, row)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
