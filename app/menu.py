"""The pages and the sidebar menu that links them.

The menu is made of page links that carry the reader's organisation and date to the page
they open, so one move is one entry in the browser's history (Back returns to where the
reader was). Streamlit's own menu folds the sidebar on a phone after a choice; a small
script of ours does the same for these links.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from app import session
from app.pages import attendance, changes, country, data, membership, overlap, summit

PAGES = {
    "membership": membership,
    "summit": summit,
    "attendance": attendance,
    "overlap": overlap,
    "country": country,
    "changes": changes,
    "data": data,
}
ICONS = {
    "membership": "map",
    "summit": "groups",
    "attendance": "grid_on",
    "overlap": "join",
    "country": "flag",
    "changes": "history",
    "data": "table",
}


def listing(run: session.Run) -> dict[str, st.Page]:
    """Every view as a page of its own, titled in the reader's language."""
    return {
        view: st.Page(
            partial(module.render, run),
            title=run.labels.view(view),
            icon=f":material/{ICONS[view]}:",
            url_path=view,
            default=view == "membership",
        )
        for view, module in PAGES.items()
    }


def draw(place, pages: dict[str, st.Page], run: session.Run) -> None:
    """The menu, drawn after the page ran, so each link carries the choices just made."""
    links = session.menu_links(run)
    with place:
        for view, page in pages.items():
            st.page_link(page, query_params=links[view], width="stretch")
