"""Reading tables as plain HTML: every row on the page, wrapped to the screen, printable.

The interactive grid hides rows behind its own scroll bar, cannot wrap a long cell, opens
every link in a new tab and prints as a picture of its first screen. A table a reader
reads (a summit's roster, a state's statuses, what changed) is better as a ``<table>``:
on a phone each row becomes a block of label/value lines (the labels ride along as
``data-label``; the style is in ``app.shell``). Cells are escaped here, once, when the
table is made; links to the atlas's pages open in the same tab, sources in a new one.
"""

from __future__ import annotations

import html
from urllib.parse import urlencode

import pandas as pd

from geo.labels import source_domain


def cell(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return html.escape(str(value))


def source_link(url: str) -> str:
    """A source as a link that shows its domain; only http(s) URLs become links."""
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        return cell(url)
    return (
        f'<a href="{html.escape(url)}" target="_blank" rel="noopener">'
        f"{html.escape(source_domain(url))}</a>"
    )


def page_link(text: str, page: str, params: dict, lang: str) -> str:
    """A link to one of the atlas's pages, in the same tab (the page's script keeps it in
    the running app)."""
    query = urlencode({**params, **({"lang": lang} if lang != "en" else {})})
    return f'<a href="{page}?{query}" target="_self">{html.escape(text)}</a>'


def render(shown: pd.DataFrame, labels, caption: str = "") -> str:
    """A worded table (``Labels.shown``) as HTML.

    Codes are left out where a name says the same: the state's name links to its
    profile, a summit's first day to the summit's page. The source column shows the
    source's domain as a link.
    """
    code, name = labels.column("iso3"), labels.column("name")
    summit, start = labels.column("summit_id"), labels.column("start")
    source = labels.column("source_url")
    hidden = {code} if name in shown.columns else set()
    if start in shown.columns:
        hidden.add(summit)
    columns = [c for c in shown.columns if c not in hidden]
    head = "".join(f'<th scope="col">{cell(c)}</th>' for c in columns)
    body = []
    for row in shown.itertuples(index=False):
        values = dict(zip(shown.columns, row))
        cells = []
        for column in columns:
            value = values[column]
            if column == source:
                text = source_link(value)
            elif column == name and code in values and len(str(values[code])) == 3:
                text = page_link(str(value), "country", {"iso3": values[code]}, labels.lang)
            elif column == start and values.get(summit):
                text = page_link(str(value), "summit", {"summit": values[summit]}, labels.lang)
            else:
                text = cell(value)
            cells.append(f'<td data-label="{cell(column)}">{text}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    title = f"<caption>{cell(caption)}</caption>" if caption else ""
    return (
        f'<div class="atlas-table"><table>{title}<thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )
