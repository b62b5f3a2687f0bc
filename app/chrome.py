"""The top and bottom of every page: its heading, Share and About, the link's notices,
and in an embedded view the credit line and a link back to the full atlas."""

from __future__ import annotations

import streamlit as st

from app import panels, session, widgets
from app.session import Run
from geo import lifetime, tables, urlstate


def top(run: Run, view: str, heading: str, chosen: dict, path: str) -> None:
    """The page's one-line heading with Share and About beside it; notices below."""
    query = urlstate.to_params(urlstate.with_options(chosen, run.lang))
    with run.head if run.head is not None else st.container():
        heading_and_notices(run, view, heading, chosen, path, query)


def heading_and_notices(run: Run, view: str, heading: str, chosen: dict, path: str, query):
    if run.embed:
        st.markdown(f"**{tables.inert(heading)}**")
    else:
        st.caption(run._(panels.TITLE))
        st.subheader(heading)
        row = st.container(horizontal=True)
        panels.share(run, path, query, row)
        panels.about(run, row)
    if run.stale is not None:
        st.warning(
            run._(
                "The data files changed and did not pass validation; this page "
                "shows the last good data."
            )
        )
    for notice in session.notices(view, chosen):
        st.warning(notice.text(run.labels))
    typed = st.session_state.pop(widgets.TYPED_NOTICE, None)
    if typed is not None:
        st.warning(typed.text(run.labels))


def bottom(run: Run, path: str, chosen: dict) -> None:
    """In an embed: the credit line and a link that opens this view in the full atlas."""
    if not run.embed:
        return
    query = urlstate.to_params(urlstate.with_options(chosen, run.lang))
    link = panels.page_link(path, query)
    back = run._("Open in the atlas")
    st.caption(f"{panels.credit(run)} · [{back}]({link})")


def explain_lifetime(run: Run, org: str, day) -> None:
    """Say why a map is empty when the organisation did not exist that day."""
    found = lifetime.explain(run.ds.lifespans, org, day, run.labels)
    if not found:
        return
    text, successor = found
    if successor:
        query = urlstate.to_params({**successor, "lang": run.lang if run.lang != "en" else None})
        label = run._("Open the {org} on {day}").format(
            org=run.labels.org(successor["org"]), day=run.labels.day(day)
        )
        text += f" [{label}](?{'&'.join(f'{k}={v}' for k, v in query.items())})"
    st.info(text)


def section(title: str, detail: str = "") -> None:
    """A bold table title with an optional explanation in brackets (both already worded)."""
    st.markdown(f"**{title}**" + (f" ({detail})" if detail else ""))
