"""Overlap: how many of the chosen organisations each state belonged to on one day."""

from __future__ import annotations

import streamlit as st

from app import cache, chrome, session, widgets
from app.session import Run
from geo import choropleth, membership, urlstate

PATH = "overlap"


def render(run: Run) -> None:
    _ = run._
    labels = run.labels
    values = session.page_values("overlap", run)
    day = widgets.pick_date(run, _("Date"), values, "date")
    orgs = widgets.pick_orgs(run, values)
    scopes = {"members": _("full members only"), "any": _("any status")}
    scope = (
        values["scope"]
        if run.embed
        else widgets.place(run).radio(
            _("Count"),
            urlstate.SCOPES,
            index=urlstate.SCOPES.index(values["scope"]),
            key="scope",
            format_func=scopes.get,
        )
    )
    chosen = {"date": day, "orgs": list(orgs), "scope": scope}
    chrome.top(run, "overlap", _("Overlap on {day}").format(day=labels.day(day)), chosen, PATH)
    if not orgs:
        st.info(_("Choose at least one organisation."))
        session.publish("overlap", chosen, run.lang, run)
        return
    epochs = tuple(membership.epoch(cache.change_days(run.key, run.ds, o), day) for o in orgs)
    table = cache.overlap_tables(run.key, run.ds, tuple(orgs), epochs, scope == "any")[0]
    drawn = choropleth.overlap(table, labels, day, list(orgs))
    widgets.show_map(run, choropleth.spec(drawn, labels, cache.assets(run.key, run.ds)))
    chrome.bottom(run, PATH, chosen)
    if not run.embed:
        widgets.caption(run)
        chrome.section(_("Combinations on {day}").format(day=labels.day(day)))
        widgets.show_table(
            cache.overlap_combinations(
                run.key, run.ds, tuple(orgs), epochs, scope == "any", run.lang
            ),
        )
    session.publish("overlap", chosen, run.lang, run)
