"""Attendance history: a state-by-summit heatmap and each state's record."""

from __future__ import annotations

from app import cache, chrome, downloads, session, widgets
from app.session import Run
from geo import urlstate

PATH = "attendance"


def render(run: Run) -> None:
    _ = run._
    labels = run.labels
    values = session.page_values("attendance", run)
    org = widgets.pick_org(run, values, urlstate.summit_orgs(run.ds))
    start = widgets.pick_date(run, _("From"), values, "from")
    end = widgets.pick_date(run, _("To"), values, "to")
    chosen = {"org": org, "from": start, "to": end}
    heading = _("Who came to {org} summits, {start} to {end}").format(
        org=labels.org(org), start=labels.day(start), end=labels.day(end)
    )
    chrome.top(run, "attendance", heading, chosen, PATH)
    spec, record, shown = cache.attendance_story(run.key, run.ds, run.lang, org, start, end)
    empty = _("No summit of {org} between {start} and {end}.").format(
        org=labels.org(org), start=labels.day(start), end=labels.day(end)
    )
    drawn = widgets.show_chart(run, spec, empty)
    chrome.bottom(run, PATH, chosen)
    if drawn and not run.embed:
        chrome.section(
            _("Each state’s record"),
            _("summits where it held a seat; guests are left out; sort by any column"),
        )
        widgets.show_labelled(run, shown)
        name = f"attendance_record_{org}"
        label = _("Download {name}.csv").format(name=name)
        downloads.csv_link(run, label, "record", name, org=org, **{"from": start, "to": end})
    session.publish("attendance", chosen, run.lang, run)
