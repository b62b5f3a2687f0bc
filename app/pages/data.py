"""Data and sources: every table, filterable, with clickable sources and the downloads."""

from __future__ import annotations

import streamlit as st

from app import cache, chrome, downloads, session, widgets
from app.session import Run
from geo import urlstate
from geo.vocabulary import N_

PATH = "data"
MAX_ROWS = 300  # rows drawn on the page; downloads carry every matching row


def render(run: Run) -> None:
    _ = run._
    values = session.page_values("data", run)
    name = widgets.pick(
        run,
        _("Table"),
        list(urlstate.DATA_TABLES),
        values,
        "table",
        format_func=lambda t: _(TABLE_TITLES[t]),
    )
    query = (
        values["q"]
        if run.embed
        else widgets.place(run).text_input(
            _("Filter rows containing (names or codes)"),
            value=values["q"],
            key="q",
            width=widgets.WIDE,
        )
    )
    chosen = {"table": name, "q": query}
    chrome.top(run, "data", _("Data and sources"), chosen | map_choice(values), PATH)
    frame = getattr(run.ds, name)
    matched, rows = cache.table_rows(run.key, run.ds, name, query, run.lang, MAX_ROWS)
    count = _("{shown} of {total} rows of data/{name}.csv").format(
        shown=matched, total=len(frame), name=name
    )
    if matched > MAX_ROWS:
        count += "; " + _("the first {n} are shown, the download has them all").format(n=MAX_ROWS)
    st.caption(count)
    widgets.show_labelled(run, rows)
    table_csv = downloads.address("rows", table=name, q=query, lang=run.lang, format="csv")
    package = downloads.address("package.zip")
    panel = downloads.address("panel", format="csv")
    downloads.links(
        run,
        [
            (_("Download {name}.csv").format(name=name), table_csv, f"{name}.csv"),
            (_("Attendance panel (CSV)"), panel, "attendance_panel.csv"),
            (_("The whole data package (zip)"), package, "post-soviet-blocs.zip"),
        ],
    )
    st.caption(
        _(
            "The attendance panel has one row per summit and state (seats and guests) with "
            "the summit's organisation, dates, place and kind beside it: no join needed. "
            "The package holds every table, the shapes, a codebook and how to cite it."
        )
    )
    chosen |= map_downloads(run, values)
    session.publish("data", chosen, run.lang, run)


TABLE_TITLES = {
    "memberships": N_("Memberships"),
    "context_memberships": N_("Members outside the post-Soviet space (drawn as context)"),
    "summits": N_("Summits"),
    "attendance": N_("Attendance"),
    "organisations": N_("Organisations"),
    "countries": N_("States"),
    "cities": N_("Host cities"),
    "people": N_("People who came (names in Russian)"),
    "territories": N_("Contested territories"),
    "territory_names": N_("Territory names"),
}


def map_choice(values: dict) -> dict:
    return {"org": values["org"], "date": values["date"]}


def map_downloads(run: Run, values: dict) -> dict:
    """A map of one organisation on one day, as GIS files and a picture: its own pickers."""
    _ = run._
    chrome.section(_("Download a membership map"))
    left, right = st.columns(2)
    org = (
        widgets.pick_org(run, values)
        if run.embed
        else left.selectbox(
            _("Organisation"),
            run.ds.org_ids(),
            index=run.ds.org_ids().index(values["org"]),
            key="org",
            format_func=run.labels.org,
        )
    )
    day = widgets.pick_date(run, _("Map date"), values, "date", right)
    target = {"org": org, "date": day, "borders": "de_jure"}
    downloads.map_files(run, f"{org}_{day.isoformat()}", "membership", target)
    return {"org": org, "date": day}
