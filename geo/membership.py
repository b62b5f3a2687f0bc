"""Who held which status in an organisation on a given day.

Intervals are half-open: a status holds from ``start`` (inclusive) to ``end``
(exclusive); an empty ``end`` means it still holds. A state with no interval covering
the day has status ``none``.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date

import pandas as pd

NONE = "none"
FIRST_DAY = date(1991, 12, 8)  # the Belavezha Accords: the first day of the post-Soviet blocs
TABLE_COLUMNS = ["iso3", "name", "status", "since", "source_url"]


def holds(start: date, end: date | None, day: date) -> bool:
    """True when ``day`` lies in the half-open interval [start, end)."""
    return start <= day and (end is None or day < end)


def org_rows(memberships: pd.DataFrame, org: str) -> list[dict]:
    """The organisation's intervals as plain records, sorted by start."""
    rows = memberships[memberships["org"] == org].to_dict("records")
    return sorted(rows, key=lambda r: (r["iso3"], r["start"]))


def change_dates(memberships: pd.DataFrame, org: str) -> list[date]:
    """Every day on which some state's status in ``org`` changes, sorted."""
    rows = memberships[memberships["org"] == org]
    days = set(rows["start"]) | {d for d in rows["end"] if d is not None}
    return sorted(days)


def epoch(changes: list[date], day: date) -> date | None:
    """The last change on or before ``day``; equal epochs mean identical maps."""
    i = bisect_right(changes, day)
    return changes[i - 1] if i else None


def state_on(rows: list[dict], iso3: str, day: date) -> dict:
    """Status of one state on ``day`` with the date it began and its source.

    For ``none`` after leaving, ``since`` is the day the last status ended and the source
    is that row's, so a departure is as well sourced as the membership it ended.
    """
    last = None
    for row in rows:
        if row["iso3"] != iso3:
            continue
        if holds(row["start"], row["end"], day):
            return {
                "status": row["status"],
                "since": row["start"],
                "source_url": row["source_url"],
                "note": row["note"],
            }
        if (
            row["end"] is not None
            and row["end"] <= day
            and (last is None or row["end"] > last["end"])
        ):
            last = row
    if last is None:
        return {"status": NONE, "since": None, "source_url": "", "note": ""}
    return {
        "status": NONE,
        "since": last["end"],
        "source_url": last["source_url"],
        "note": last["note"],
    }


def statuses_on(
    memberships: pd.DataFrame, countries: pd.DataFrame, org: str, day: date
) -> pd.DataFrame:
    """One row per country: iso3, name, status, since, source_url, note."""
    rows = org_rows(memberships, org)
    records = [
        {"iso3": iso3, "name": name, **state_on(rows, iso3, day)}
        for iso3, name in zip(countries["iso3"], countries["name"])
    ]
    return pd.DataFrame(records, columns=TABLE_COLUMNS + ["note"])


def status_map(table: pd.DataFrame) -> dict[str, str]:
    """iso3 -> status, the part of a snapshot that decides the map's colours."""
    return dict(zip(table["iso3"], table["status"]))


FIRST_YEAR = 1992


def travel_steps(changes: list[date], today: date) -> list[date]:
    """Stops for the time slider: 1 January of every year plus every exact change day."""
    years = {date(y, 1, 1) for y in range(FIRST_YEAR, today.year + 1)}
    return sorted(years | {d for d in changes if d <= today})


def step_label(day: date) -> str:
    """'1995' for a year stop, the full date for a change day."""
    return str(day.year) if (day.month, day.day) == (1, 1) else day.isoformat()


def context_spans(rows: pd.DataFrame, org: str) -> tuple[tuple[str, date, date | None], ...]:
    """(iso3, start, end) of each full membership of ``org`` held by a context country
    (outside the fifteen); ``rows`` is the data's ``context_memberships``."""
    held = rows[(rows["org"] == org) & (rows["status"] == "member")]
    return tuple(zip(held["iso3"], held["start"], held["end"]))


def members_on(spans: tuple, day: date) -> tuple[str, ...]:
    """The countries of ``spans`` (``context_spans``) that were members on ``day``."""
    held = (c for c, start, end in spans if start <= day and (end is None or day < end))
    return tuple(sorted(held))


def context_members(rows: pd.DataFrame, org: str, day: date) -> tuple[str, ...]:
    """The context countries (outside the fifteen) that were full members of ``org`` on
    ``day``: ``rows`` is the data's ``context_memberships``, half-open intervals."""
    return members_on(context_spans(rows, org), day)
