"""Membership map: the fifteen states coloured by status in one organisation on one day."""

from __future__ import annotations

import time
from datetime import date

import streamlit as st

from app import cache, chrome, downloads, session, widgets
from app.session import Run
from geo import choropleth, membership

PATH = ""
PLAY_SECONDS = 1.0


def render(run: Run) -> None:
    _ = run._
    values = session.page_values("membership", run)
    org = widgets.pick_org(run, values)
    day = widgets.pick_date(run, _("Date"), values, "date")
    borders = widgets.pick_borders(run, values)
    osm = not run.embed and st.sidebar.toggle(
        _("OpenStreetMap background (needs internet)"), key="osm"
    )
    chosen = {"org": org, "date": day, "borders": borders}
    heading = _("{org} on {day}").format(
        org=run.labels.org(org, full=True), day=run.labels.day(day)
    )
    chrome.top(run, "membership", heading, chosen, PATH)
    steps = membership.travel_steps(cache.change_days(run.key, run.ds, org), run.today)
    # While Play runs, the map never moves (no banner comes and goes above it) and the
    # address is not rewritten per frame (one history entry for the whole run, written
    # when it stops).
    playing = st.session_state.get("play", False)
    if not run.embed:
        time_travel(run, steps, day)
    if not playing:
        chrome.explain_lifetime(run, org, day)
    table = snapshot_on(run, org, day)
    context = membership.members_on(cache.context_spans(run.key, run.ds, org), day)
    contested = cache.contested_on(run.key, run.ds, day, borders == "de_facto")
    drawn = choropleth.membership(table, run.labels, org, day, contested, context)
    widgets.show_map(run, choropleth.spec(drawn, run.labels, cache.assets(run.key, run.ds)), osm)
    chrome.bottom(run, PATH, chosen)
    if not run.embed:
        widgets.caption(run, choropleth.border_note(run.labels, borders == "de_facto") + ".")
        st.markdown(snapshot_markdown(run, org, day))
        target = {"org": org, "date": day, "borders": borders}
        downloads.map_files(run, f"{org}_{day.isoformat()}", "membership", target)
    if not playing:
        session.publish("membership", chosen, run.lang, run)
    # Last on the page, so the timer's element never shifts the map's place (no remount).
    st.fragment(run_every=PLAY_SECONDS if playing else None)(advance)(steps)


def snapshot_on(run: Run, org: str, day: date):
    return cache.snapshot(
        run.key, run.ds, org, membership.epoch(cache.change_days(run.key, run.ds, org), day)
    )


def snapshot_markdown(run: Run, org: str, day: date) -> str:
    epoch = membership.epoch(cache.change_days(run.key, run.ds, org), day)
    return cache.snapshot_markdown(run.key, run.ds, org, epoch, run.lang)


def time_travel(run: Run, steps: list[date], day: date) -> None:
    """A slider over years and exact change days that always shows the chosen day, and a
    Play button that steps through it."""
    left, right = st.columns([5, 1], vertical_alignment="bottom")
    stops = sorted(set(steps) | {day})
    st.session_state["step"] = day
    left.select_slider(
        run._("Travel through time"),
        stops,
        key="step",
        format_func=membership.step_label,
        on_change=lambda: st.session_state.update(date=st.session_state["step"]),
    )
    right.toggle(run._("Play"), key="play")


def advance(steps: list[date]) -> None:
    """While playing, move the date to the next step once per interval (fragment timer)."""
    if not st.session_state.get("play") or time.monotonic() - st.session_state.get("tick", 0) < 0.8:
        return
    st.session_state["tick"] = time.monotonic()
    later = [s for s in steps if s > st.session_state["date"]]
    if later:
        st.session_state["date"] = later[0]
    else:
        st.session_state["play"] = False
    st.rerun()
