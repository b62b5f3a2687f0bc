"""Attendance over time: a country-by-summit matrix and each leader's record."""

from __future__ import annotations

from datetime import date

import pandas as pd

from geo import attendance, membership

MATRIX_COLUMNS = [
    "summit_id",
    "start",
    "label",
    "iso3",
    "name",
    "status",
    "capacity",
    "presence",
    "representative",
]
RECORD_COLUMNS = [
    "iso3",
    "name",
    "summits",
    "in person %",
    "in person or online %",
    *attendance.PRESENCES,
]


def presence_matrix(ds, org: str, start: date | None, end: date | None) -> pd.DataFrame:
    """One row per summit and state with a seat that day (unknown where unrecorded), and
    one per guest. ``label`` is the summit's id-free date and city, for tooltips."""
    summits = attendance.summits_of(ds.summits, org, start, end).to_dict("records")
    spans = membership.org_rows(ds.memberships, org)
    att = ds.attendance[ds.attendance["summit_id"].isin({s["id"] for s in summits})]
    by_summit: dict[str, dict] = {}
    for r in att.to_dict("records"):
        by_summit.setdefault(r["summit_id"], {})[r["iso3"]] = r
    names = ds.country_names()
    rows = []
    for summit in summits:
        label = f"{summit['start'].isoformat()} · {summit['city'] or '—'}"
        recorded = by_summit.get(summit["id"], {})
        for iso3, name, status, row in attendance.seated(spans, recorded, names, summit["start"]):
            rows.append(
                (
                    summit["id"],
                    summit["start"],
                    label,
                    iso3,
                    name,
                    status,
                    row["capacity"],
                    row["presence"],
                    row["representative"],
                )
            )
    return pd.DataFrame(rows, columns=MATRIX_COLUMNS)


def leader_record(matrix: pd.DataFrame) -> pd.DataFrame:
    """Per country: summits where it held a seat and how its leader took part, as shares.

    Guests are left out: an invitation is not a seat the leader could have missed.
    """
    seats = matrix[matrix["capacity"] != attendance.GUEST]
    if seats.empty:
        return pd.DataFrame(columns=RECORD_COLUMNS)
    table = attendance.presence_counts(seats, ["iso3", "name"])
    table["in person %"] = (100 * table["leader"] / table["summits"]).round(1)
    both = table["leader"] + table["leader_online"]
    table["in person or online %"] = (100 * both / table["summits"]).round(1)
    return table[RECORD_COLUMNS].sort_values("in person %", ascending=False).reset_index(drop=True)
