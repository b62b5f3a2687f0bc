"""Country profile: a state's statuses since 1991, its summit record, its territories."""

from __future__ import annotations

from app import cache, chrome, session, widgets
from app.session import Run

PATH = "country"


def render(run: Run) -> None:
    _ = run._
    labels = run.labels
    values = session.page_values("country", run)
    states = run.ds.countries["iso3"].tolist()
    iso3 = widgets.pick(run, _("State"), states, values, "iso3", format_func=labels.country)
    chosen = {"iso3": iso3}
    chrome.top(run, "country", labels.country(iso3), chosen, PATH)
    spec, (record, rows, statuses, held) = cache.country_story(
        run.key, run.ds, run.lang, iso3, run.today
    )
    empty = _("{state} has held no status in any organisation covered here.").format(
        state=labels.country(iso3)
    )
    widgets.show_chart(run, spec, empty)
    chrome.bottom(run, PATH, chosen)
    if run.embed:
        session.publish("country", chosen, run.lang, run)
        return
    chrome.section(_("Summit record"), _("summits where the state held a seat"))
    widgets.show_table(record)
    chrome.section(_("Summits"), _("every summit with a row for the state, guests included"))
    widgets.show_table(rows)
    chrome.section(_("Statuses"))
    widgets.show_table(statuses)
    if held is not None:
        chrome.section(_("Contested territories"), _("dated situations, UN view of borders"))
        widgets.show_table(held)
    session.publish("country", chosen, run.lang, run)
