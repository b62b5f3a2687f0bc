"""One reader's run: the data, the language, and the page's state kept in its URL.

The URL is the page's memory. A page's widgets take their first values from the link;
after that the reader's own choices win, so a browser that reconnects to a restarted
server keeps what it shows. Only when the reader walks the browser's history (Back or
Forward) does the URL win over the widgets, so the page always shows what the address
bar says. Everything per reader lives in ``st.session_state``, never in a module global.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import date
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.runtime.state.query_params import (
    CLIENT_STATE_QUERY_STRING_MAX_FIELDS as MAX_FIELDS,
)
from streamlit.runtime.state.query_params import (
    CLIENT_STATE_QUERY_STRING_MAX_LENGTH as MAX_LENGTH,
)

from app import cache
from geo import i18n, urlstate
from geo.labels import Labels
from geo.load import Dataset, DataUnreadable
from geo.validate import DataError

CARRIED = ("org", "date")  # what a move to another page keeps


@dataclass(frozen=True)
class Run:
    """What every page of one script run needs."""

    key: str  # the data's content key, for caches
    ds: Dataset
    labels: Labels
    today: date
    embed: bool
    stale: DataError | None = None  # the files changed and failed; showing the last good data
    # Where the page's heading and its pickers go: at the top of the page, heading first,
    # whatever order a page makes them in (None: where they are made).
    head: Any = None
    controls: Any = None

    @property
    def lang(self) -> str:
        return self.labels.lang

    def _(self, message: str) -> str:
        return self.labels.gettext(message)


def params() -> dict[str, list[str]]:
    """The URL parameters some page reads, with all their values (Streamlit's own
    ``to_dict`` keeps the last); any other name is ignored before any work is done."""
    return {k: st.query_params.get_all(k) for k in st.query_params if k in urlstate.NAMES}


def dropped_link() -> urlstate.Notice | None:
    """A notice when Streamlit ignored the whole query string (too many parameters or
    too long): the page then shows the default view, and the reader should know why."""
    ctx = get_script_run_ctx()
    raw = getattr(ctx, "query_string", "") if ctx else ""
    if raw.count("&") + 1 <= MAX_FIELDS and len(raw) <= MAX_LENGTH:
        return None
    detail = (("fields", MAX_FIELDS), ("size", MAX_LENGTH))  # numbers: written per language
    return urlstate.Notice("", "", "too_many", "", detail)


def history_navigation() -> bool:
    """True when this run was started by the browser's Back or Forward button."""
    ctx = get_script_run_ctx()
    return bool(ctx and getattr(ctx, "is_history_navigation", False))


def data():
    """(key, dataset, problem): the current data, or this session's last good data when the
    files changed and broke; (None, None, problem) when there is nothing good to show."""
    key = cache.content_key(cache.fingerprint())
    found = cache.loaded(key)
    if not isinstance(found, DataError):
        st.session_state["_good"] = (key, found)
        return key, found, None
    good = st.session_state.get("_good")
    if good and not isinstance(found, DataUnreadable):
        return good[0], good[1], found
    return None, None, found


def page_values(view: str, run: Run) -> dict:
    """This page's values from its link: the widgets' first values.

    On a session's first visit to the page, and on Back/Forward, the link also overrides
    the widgets (and its notices are kept to show until the reader acts).
    """
    parsed = urlstate.parse_view(view, params(), run.ds, run.today)
    visited = st.session_state.get("_visited")
    if visited != view or history_navigation():
        if history_navigation():
            for name, value in parsed.values.items():
                st.session_state[name] = value
        st.session_state["_visited"] = view
        early = [st.session_state.pop("_lang_notice", None), dropped_link()]
        found = [n for n in early if n] + parsed.notices
        st.session_state["_notices"] = (view, found, dict(parsed.values))
    return parsed.values


def notices(view: str, chosen: dict) -> list[urlstate.Notice]:
    """The link's notices while the page still shows the link's fallback; gone once the
    reader changes anything (or moves to another page)."""
    stored = st.session_state.get("_notices")
    if not stored:
        return []
    page, found, shown = stored
    if page == view and shown == chosen:
        return found
    st.session_state["_notices"] = None
    return []


def publish(view: str, values: dict, lang: str, run: Run) -> None:
    """Keep the URL true: rewrite it only when it does not already mean what the page shows.

    A menu link opens a page with exactly the parameters it will show (``menu_links``), and a
    link may leave defaults out; rewriting such a URL would add a second history entry for
    one move, so Back would seem to do nothing. A change of anything rewrites the URL with
    exactly this page's parameters.
    """
    carried = st.session_state.get("_carried", {})
    st.session_state["_carried"] = carried | {k: values[k] for k in CARRIED if k in values}
    implied = urlstate.parse_view(view, params(), run.ds, run.today)
    url_lang = urlstate.first(params(), "lang") or i18n.DEFAULT
    if implied.values != values or implied.notices or url_lang != lang:
        st.query_params.from_dict(urlstate.to_params(urlstate.with_options(values, lang)))


def menu_links(run: Run) -> dict[str, dict[str, str]]:
    """View -> the parameters its page would show on opening, carrying the organisation and
    date the reader chose here: menu links carry them, so a move is one history entry."""
    carried = tuple(sorted(urlstate.to_params(st.session_state.get("_carried", {})).items()))
    return cache.page_links(run.key, run.ds, carried, run.lang, run.today)


def log_timing(started: float) -> None:
    """With ATLAS_TIMINGS=<file>, append this rerun's script time in ms (for the benchmark)."""
    target = os.environ.get("ATLAS_TIMINGS")
    if target:
        with open(target, "a", encoding="utf-8") as out:
            out.write(f"{(time.perf_counter() - started) * 1000:.2f}\n")
