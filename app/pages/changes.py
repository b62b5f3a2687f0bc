"""What changed: every status change and territorial change in a window, with sources."""

from __future__ import annotations

import streamlit as st

from app import cache, chrome, session, widgets
from app.session import Run
from geo import choropleth

PATH = "changes"


def render(run: Run) -> None:
    _ = run._
    labels = run.labels
    values = session.page_values("changes", run)
    start = widgets.pick_date(run, _("Changes after"), values, "from")
    end = widgets.pick_date(run, _("up to and including"), values, "to")
    orgs = widgets.pick_orgs(run, values)
    states = ["", *run.ds.countries["iso3"]]
    iso3 = widgets.pick(
        run,
        _("State"),
        states,
        values,
        "iso3",
        format_func=lambda c: labels.country(c) if c else _("All states"),
    )
    chosen = {"from": start, "to": end, "orgs": list(orgs), "iso3": iso3}
    days = {"start": labels.day(start), "end": labels.day(end)}
    heading = (
        _("What changed for {state} after {start}, up to {end}").format(
            state=labels.country(iso3), **days
        )
        if iso3
        else _("What changed after {start}, up to {end}").format(**days)
    )
    chrome.top(run, "changes", heading, chosen, PATH)
    found = cache.changes_between(run.key, run.ds, start, end, tuple(orgs), iso3)
    found_shown, moved_shown, moved = cache.changes_shown(
        run.key, run.ds, start, end, tuple(orgs), iso3, run.lang
    )
    drawn = choropleth.changes(found, labels, start, end, cache.state_centres())
    widgets.show_map(run, choropleth.spec(drawn, labels, cache.assets(run.key, run.ds)))
    chrome.bottom(run, PATH, chosen)
    if not run.embed:
        widgets.caption(run)
        if found.empty:
            st.info(
                _("No status change between {start} and {end}.").format(
                    start=labels.day(start), end=labels.day(end)
                )
            )
        else:
            st.markdown(
                "**"
                + labels.ngettext(
                    "{n} status change, in date order",
                    "{n} status changes, in date order",
                    len(found),
                )
                + "**"
            )
            widgets.show_table(found_shown)
        if moved:
            st.markdown(
                "**"
                + labels.ngettext("{n} territorial change", "{n} territorial changes", moved)
                + "**"
            )
            widgets.show_table(moved_shown)
    session.publish("changes", chosen, run.lang, run)
