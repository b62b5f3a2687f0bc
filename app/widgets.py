"""The pieces every page uses: pickers that start from the link, the map, tables, charts.

Pickers take their first value from the page's link (``values``) and keep the reader's
choice after that (see ``app.session``). In an embedded view they draw nothing and
return the link's value, so the embed shows only the map or chart.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from app import mapview, shell
from app.session import Run
from geo import urlstate

MAP_HEIGHT = shell.MAP_HEIGHT  # the map and, under it, its key (a phone's: see app.shell)
WIDE, NARROW = 300, 190  # pickers' widths: a name, a date (on a phone: the screen's)


def place(run: Run):
    """Where a page's pickers go: the row under its heading."""
    return run.controls if run.controls is not None else st


def pick(run: Run, label: str, options: list, values: dict, key: str, **kwargs):
    """A selectbox keyed ``key`` that starts at the link's value."""
    default = values[key]
    if run.embed:
        return default
    index = options.index(default) if default in options else 0
    kwargs.setdefault("width", WIDE)
    return place(run).selectbox(label, options, index=index, key=key, **kwargs)


def pick_org(run: Run, values: dict, options: list[str] | None = None, key: str = "org") -> str:
    options = options or run.ds.org_ids()
    return pick(run, run._("Organisation"), options, values, key, format_func=run.labels.org)


def pick_orgs(run: Run, values: dict) -> list[str]:
    """Several organisations (the link's ``orgs``); an embedded view shows no picker."""
    if run.embed:
        return values["orgs"]
    return place(run).multiselect(
        run._("Organisations"),
        run.ds.org_ids(),
        default=values["orgs"],
        key="orgs",
        format_func=run.labels.org,
        width=2 * WIDE,
    )


TYPED_RANGE = (date(1900, 1, 1), date(2099, 12, 31))
TYPED_NOTICE = "_typed_date_notice"


def pick_date(run: Run, label: str, values: dict, key: str, where=None) -> date:
    """An ISO date field (the URL's form), between the first post-Soviet day and today."""
    if run.embed:
        return values[key]
    where = where or place(run)
    # The field takes any day, so a day typed outside the data's range reaches the server,
    # which moves it to the nearest day inside and says so (the field alone would keep the
    # old day without a word).
    return where.date_input(
        label,
        value=values[key],
        key=key,
        min_value=TYPED_RANGE[0],
        max_value=TYPED_RANGE[1],
        format="YYYY-MM-DD",
        width=NARROW if where is place(run) else "stretch",
        on_change=keep_in_range,
        args=(key, run.today),
    )


def keep_in_range(key: str, today: date) -> None:
    """A typed day outside the first post-Soviet day..today becomes the nearest inside it,
    with a notice for the page to show once."""
    value = st.session_state.get(key)
    if not isinstance(value, date):
        return
    kept = min(max(value, urlstate.MIN_DATE), today)
    if kept != value:
        st.session_state[key] = kept
        span = (("first", urlstate.MIN_DATE.isoformat()), ("last", today.isoformat()))
        notice = urlstate.Notice(key, value.isoformat(), "range", kept.isoformat(), span)
        st.session_state[TYPED_NOTICE] = notice


def pick_borders(run: Run, values: dict) -> str:
    """The border view: de jure (the UN's, the default) or de facto (who holds the ground)."""
    words = {"de_jure": run._("De jure (UN view)"), "de_facto": run._("De facto (who holds it)")}
    return pick(run, run._("Borders"), list(words), values, "borders", format_func=words.get)


def show_map(run: Run, spec: dict, osm: bool = False) -> None:
    """The shared base map plus this view's style layer; a click on a state opens its
    profile (in the page, by the map's own script)."""
    mapview.show(spec, MAP_HEIGHT, osm)


def caption(run: Run, extra: str = "") -> None:
    st.caption(" ".join(p for p in (extra, run._("Click a state to open its profile.")) if p))


def show_table(table_html: str) -> None:
    """A reading table, made and escaped by ``geo.htmltable`` (cached): every row shown."""
    st.markdown(table_html, unsafe_allow_html=True)


ROW, HEADER = 35, 38  # the grid's row and header heights, in pixels
GRID_ROWS = 40  # up to this many rows, the grid is as tall as its rows: no inner scroll bar


def show_labelled(run: Run, shown, height: int | None = None) -> None:
    """A sortable grid, already worded by ``Labels.shown`` (from a cache, usually as Arrow);
    sources are clickable. A short table shows every row; a long one scrolls."""
    source = run.labels.column("source_url")
    columns = shown.column_names if hasattr(shown, "column_names") else shown.columns
    config = {source: st.column_config.LinkColumn(source)} if source in columns else None
    rows = shown.num_rows if hasattr(shown, "num_rows") else len(shown)
    height = height or HEADER + ROW * min(rows, GRID_ROWS) + 2
    st.dataframe(shown, hide_index=True, width="stretch", height=height, column_config=config)


def show_chart(run: Run, spec, empty: str) -> bool:
    """Draw a Vega-Lite chart, or say why there is none; True when drawn."""
    if spec is None:
        st.info(empty)
        return False
    st.vega_lite_chart(dict(spec), width="stretch")  # Streamlit edits the top level it gets
    return True
