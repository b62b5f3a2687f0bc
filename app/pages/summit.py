"""Summit attendance: who came to one summit, the guests, the host city, the sources."""

from __future__ import annotations

import streamlit as st

from app import cache, chrome, downloads, session, widgets
from app.session import Run
from geo import attendance, choropleth, tables, urlstate

PATH = "summit"


def render(run: Run) -> None:
    _ = run._
    labels = run.labels
    values = session.page_values("summit", run)
    org = widgets.pick_org(run, values, urlstate.summit_orgs(run.ds))
    start = widgets.pick_date(run, _("Summits from"), values, "from")
    end = widgets.pick_date(run, _("to"), values, "to")
    listed = cache.summit_choices(run.key, run.ds, org, start, end)
    chosen = {"org": org, "from": start, "to": end}
    if not listed:
        chrome.top(run, "summit", _("{org} summits").format(org=labels.org(org)), chosen, PATH)
        st.info(
            _("No summit of {org} between {start} and {end}.").format(
                org=labels.org(org), start=labels.day(start), end=labels.day(end)
            )
        )
        session.publish("summit", chosen, run.lang, run)
        return
    values["summit"] = values["summit"] if values.get("summit") in listed else next(iter(listed))
    summit_id = widgets.pick(
        run,
        _("Summit"),
        list(listed),
        values,
        "summit",
        format_func=lambda s: attendance.summit_label(listed[s], labels),
        filter_mode="contains",  # typed text filters; the list stays newest first
        width=2 * widgets.WIDE,  # the longest labels whole
    )
    borders = widgets.pick_borders(run, values)
    chosen |= {"summit": summit_id, "borders": borders}
    summit = listed[summit_id]
    heading = _("{org} summit, {summit}").format(
        org=labels.org(org), summit=attendance.summit_label(summit, labels)
    )
    chrome.top(run, "summit", heading, chosen, PATH)
    roster = cache.summit_roster(run.key, run.ds, summit_id)
    place = run.ds.place(summit["city"], summit["host_iso3"]) if summit["city"] else None
    contested = cache.contested_on(run.key, run.ds, summit["start"], borders == "de_facto")
    drawn = choropleth.summit(roster, summit, labels, place, contested)
    widgets.show_map(run, choropleth.spec(drawn, labels, cache.assets(run.key, run.ds)))
    summary, table = cache.summit_texts(run.key, run.ds, summit_id, run.lang)
    if run.embed:  # an article's readers learn who came without opening the atlas
        st.markdown(summary)
    chrome.bottom(run, PATH, chosen)
    if not run.embed:
        widgets.caption(run, choropleth.border_note(labels, borders == "de_facto") + ".")
        st.markdown(summary)
        source = _("Summit source: {link}")
        st.caption(source.format(link=tables.link(summit["source_url"])))
        if summit["note"]:
            note = _("Note (in English): {note}")
            st.caption(note.format(note=tables.inert(summit["note"])))
        widgets.show_table(table)
        target = {"summit": summit_id, "borders": borders}
        downloads.map_files(run, f"attendance_{summit_id}", "attendance", target)
    session.publish("summit", chosen, run.lang, run)
