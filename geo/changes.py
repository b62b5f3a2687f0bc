"""Every status change between two dates, with the source of each."""

from __future__ import annotations

from datetime import date

import pandas as pd

from geo.membership import NONE

COLUMNS = ["date", "org", "iso3", "name", "before", "after", "change", "source_url"]


def describe(before: str, after: str) -> str:
    """The kind of change, as a code that ``geo.labels`` words (see ``CHANGES``)."""
    if before == NONE:
        return "joined" if after == "member" else "became"
    if after == NONE:
        return "left"
    if after == "suspended":
        return "suspended"
    if after == "withdrawing":
        return "notice"
    if before in ("suspended", "withdrawing") and after == "member":
        return "resumed"
    return "moved"


def events(rows: list[dict]) -> list[dict]:
    """Changes implied by one state's intervals in one organisation (sorted by start)."""
    out = []
    for i, row in enumerate(rows):
        prev = rows[i - 1] if i else None
        before = prev["status"] if prev and prev["end"] == row["start"] else NONE
        out.append(
            {
                "date": row["start"],
                "before": before,
                "after": row["status"],
                "source_url": row["source_url"],
            }
        )
        nxt = rows[i + 1] if i + 1 < len(rows) else None
        if row["end"] is not None and not (nxt and nxt["start"] == row["end"]):
            out.append(
                {
                    "date": row["end"],
                    "before": row["status"],
                    "after": NONE,
                    "source_url": row["source_url"],
                }
            )
    return out


def status_changes(
    ds, start: date, end: date, orgs: list[str] | None = None, state: str | None = None
) -> pd.DataFrame:
    """Changes that took effect after ``start`` and up to ``end`` (so: start < date <= end),
    in ``orgs`` (all if None), of one ``state`` (all if None)."""
    names = ds.country_names()
    found = []
    grouped = ds.memberships.sort_values("start").groupby(["org", "iso3"], sort=True)
    for (org, iso3), group in grouped:
        if (orgs and org not in orgs) or (state and iso3 != state):
            continue
        for ev in events(group.to_dict("records")):
            if start < ev["date"] <= end:
                change = describe(ev["before"], ev["after"])
                found.append(
                    {**ev, "org": org, "iso3": iso3, "name": names[iso3], "change": change}
                )
    table = pd.DataFrame(found, columns=COLUMNS)
    return table.sort_values(["date", "org", "iso3"]).reset_index(drop=True)


RETURNED = "returned"  # the end of a territory's last situation
TERRITORY_COLUMNS = [
    "date",
    "territory",
    "de_jure_iso3",
    "event",
    "previous",
    "situation",
    "controlled_by",
    "source_url",
]


def territory_changes(ds, start: date, end: date, state: str | None = None) -> pd.DataFrame:
    """Territorial changes that took effect after ``start`` and up to ``end``.

    A row begins a ``situation`` (after ``previous``) with its ``event``, which may leave
    the situation as it was (a recognition, an annexation claimed over a partly occupied
    region), or ends one with nothing after it (``situation`` is ``none``, ``event``
    ``returned``: Nagorno-Karabakh in September 2023). ``state``: only the territories
    of that state (UN view).
    """
    found = []
    held = ds.territories if not state else ds.territories[ds.territories.de_jure_iso3 == state]
    for _territory, group in held.sort_values("start").groupby("territory", sort=True):
        rows = group.to_dict("records")
        for prev, row in zip([None, *rows], rows):
            before = prev["situation"] if prev and prev["end"] == row["start"] else NONE
            found.append({**row, "date": row["start"], "previous": before})
        last = rows[-1]
        if last["end"] is not None:
            found.append(
                {
                    **last,
                    "date": last["end"],
                    "previous": last["situation"],
                    "situation": NONE,
                    "controlled_by": "",
                    "event": RETURNED,
                }
            )
    table = pd.DataFrame([r for r in found if start < r["date"] <= end], columns=TERRITORY_COLUMNS)
    return table.sort_values(["date", "territory"]).reset_index(drop=True)
