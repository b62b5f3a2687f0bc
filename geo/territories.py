"""Contested territories by date: who held each on a day, in the de jure or de facto view.

Intervals are half-open like memberships. The de jure view (the default) draws each
territory hatched over the state the UN General Assembly counts it part of; the de facto
view gives a territory wholly held by a state that state's colour, and a breakaway
authority a colour of its own, never a member of anything. A partly occupied unit stays
hatched in both views, because no open dataset carries the line of contact.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

import pandas as pd

from geo.labels import Labels, source_line
from geo.membership import holds
from geo.vocabulary import N_

VIEWS = ("de_jure", "de_facto")
WHOLLY_HELD = ("annexed", "occupied", "breakaway", "breakaway_recognised_by_russia")
COLUMNS = ["territory", "name", "de_jure_iso3", "situation", "controlled_by", "since", "source_url"]
SITUATION_PHRASE = {
    "annexed": N_("annexed by {state} since {day}"),
    "occupied": N_("occupied by {state} since {day}"),
    "partly_occupied": N_("partly occupied by {state} since {day}"),
    "partly_occupied_unnamed": N_("partly occupied since {day}"),
    "breakaway": N_("held by an unrecognised authority since {day}"),
    "breakaway_recognised_by_russia": N_(
        "held by an unrecognised authority, recognised by Russia, since {day}"
    ),
}


@dataclass(frozen=True)
class Contested:
    """The territories' rows holding on one day, and the view to draw them in."""

    rows: tuple[dict, ...]
    de_facto: bool = False


def run_start(rows: list[dict], row: dict) -> date:
    """Where the unbroken run of the same situation and holder that ``row`` ends begins,
    so a new legal step (a recognition, a claimed annexation) does not reset "since"."""
    start = row["start"]
    same = {r["start"]: r for r in rows if r["territory"] == row["territory"]}
    while True:
        before = next((r for r in same.values() if r["end"] == start), None)
        if not before or (before["situation"], before["controlled_by"]) != (
            row["situation"],
            row["controlled_by"],
        ):
            return start
        start = before["start"]


def on_day(table: pd.DataFrame, day: date, de_facto: bool = False) -> Contested:
    """Rows whose situation holds on ``day`` (with ``since``), in the chosen view.

    Parameters
    ----------
    table : pandas.DataFrame
        ``Dataset.territories``.
    day : datetime.date
        The map's date.
    de_facto : bool
        Draw who holds the ground instead of the UN view.
    """
    rows = table.to_dict("records")
    held = [{**r, "since": run_start(rows, r)} for r in rows if holds(r["start"], r["end"], day)]
    return Contested(tuple(sorted(held, key=lambda r: r["territory"])), de_facto)


def solid(row: dict, de_facto: bool) -> bool:
    """Drawn in a plain colour (de facto view, wholly held), not hatched over its state."""
    return de_facto and row["situation"] in WHOLLY_HELD


def shown_as(row: dict, de_facto: bool) -> str:
    """Whose colour a territory takes: the de jure state's (hatched over it), the holding
    state's, or "" for an unrecognised authority's own tone."""
    if not solid(row, de_facto):
        return row["de_jure_iso3"]
    return row["controlled_by"] or ""


def change_days(table: pd.DataFrame) -> list[date]:
    """Every day on which some territory's situation starts or ends."""
    days = set(table["start"]) | {d for d in table["end"] if d is not None}
    return sorted(days)


def describe(row: dict, labels: Labels) -> str:
    """'annexed by Russia since 18 March 2014' in the reader's language."""
    key = row["situation"]
    if key == "partly_occupied" and not row["controlled_by"]:
        key = "partly_occupied_unnamed"
    state = labels.country(row["controlled_by"]) if row["controlled_by"] else ""
    return labels.gettext(SITUATION_PHRASE[key]).format(state=state, day=labels.day(row["since"]))


def tooltip(row: dict, labels: Labels) -> str:
    """'Crimea' / 'part of Ukraine (UN view); annexed by Russia since 18 March 2014' / source."""
    part = labels.gettext("part of {state} (UN view)").format(
        state=labels.country(row["de_jure_iso3"])
    )
    lines = [
        f"<b>{html.escape(labels.territory(row['territory']))}</b>",
        html.escape(f"{part}; {describe(row, labels)}"),
        source_line(labels, row["source_url"]),
    ]
    return "<br>".join(p for p in lines if p)


def table_on(table: pd.DataFrame, names: dict[str, str], day: date) -> pd.DataFrame:
    """The CLI's table: one row per territory whose situation holds on ``day``."""
    rows = [
        {**r, "name": names.get(r["territory"], r["territory"])} for r in on_day(table, day).rows
    ]
    return pd.DataFrame(rows, columns=COLUMNS)
