"""What a map link shows, built from the data in one call: for pictures, previews and
the first response, outside the pages (which build the same from their caches).

A view is named by validated values only (``MapView``), so whatever builds or caches a
picture of it can key on the view and never on raw text from a link.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from geo import attendance, choropleth, membership, query, territories
from geo.labels import Labels
from geo.vocabulary import N_

MEMBERSHIP_TITLE = N_("{org} on {day}")
SUMMIT_TITLE = N_("{org} summit, {summit}")


@dataclass(frozen=True)
class MapView:
    """A membership map (``org`` and ``day``) or a summit's map (``summit``)."""

    org: str
    day: date
    summit: str = ""
    borders: str = "de_jure"

    def epoch_key(self, ds) -> tuple:
        """What decides the picture apart from its title: equal keys, equal shapes."""
        if self.summit:
            return ("summit", self.summit, self.borders)
        changes = membership.change_dates(ds.memberships, self.org)
        return ("membership", self.org, membership.epoch(changes, self.day), self.borders)


def parse(ds, raw: dict) -> MapView:
    """A view from a link's parameters (text), checked as the queries check them."""
    borders = query.parse_borders("borders", raw.get("borders") or "de_jure", ds)
    if raw.get("summit"):
        summit_id = query.parse_summit("summit", raw["summit"], ds)
        row = ds.summits[ds.summits["id"] == summit_id].iloc[0]
        return MapView(row["org"], row["start"], summit_id, borders)
    if not raw.get("org") or not raw.get("date"):
        raise query.QueryError("a map needs summit, or both org and date")
    org = query.parse_org("org", raw["org"], ds)
    return MapView(org, query.parse_day("date", raw["date"], ds), "", borders)


def drawn(ds, view: MapView, labels: Labels) -> choropleth.Drawn:
    """The fills, hatches, markers, legend and title of ``view`` in ``labels``' language."""
    contested = territories.on_day(ds.territories, view.day, view.borders == "de_facto")
    if view.summit:
        row = ds.summits[ds.summits["id"] == view.summit].iloc[0].to_dict()
        roster = attendance.roster(ds, view.summit)
        place = ds.place(row["city"], row["host_iso3"]) if row["city"] else None
        return choropleth.summit(roster, row, labels, place, contested)
    table = membership.statuses_on(ds.memberships, ds.countries, view.org, view.day)
    context = membership.context_members(ds.context_memberships, view.org, view.day)
    return choropleth.membership(table, labels, view.org, view.day, contested, context)


def heading(ds, view: MapView, labels: Labels, full: bool = False) -> str:
    """'CSTO on 1 July 2012' ('Collective Security Treaty Organization on …' in ``full``,
    as the page's heading), or 'CIS summit, 26 December 2022 · St Petersburg (regular)'."""
    _ = labels.gettext
    if view.summit:
        row = ds.summits[ds.summits["id"] == view.summit].iloc[0]
        label = attendance.summit_label(row, labels)
        return _(SUMMIT_TITLE).format(org=labels.org(row["org"]), summit=label)
    return _(MEMBERSHIP_TITLE).format(org=labels.org(view.org, full=full), day=labels.day(view.day))


def summary(ds, view: MapView, labels: Labels, drawn: choropleth.Drawn) -> str:
    """One line on what the map shows: who held which status, or who came to the summit."""
    if view.summit:
        return attendance.summary(attendance.roster(ds, view.summit), labels)
    parts = []
    for entry in drawn.legend.ordered():
        states = [labels.country(c) for c, fill in drawn.fills.items() if fill == entry.key]
        if entry.kind == "fill" and states:
            parts.append(f"{entry.label}: {', '.join(sorted(states))}")
    return "; ".join(parts) + "."
