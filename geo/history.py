"""Attendance over time: a country-by-summit matrix and each leader's record."""

from __future__ import annotations

from datetime import date

import pandas as pd

from geo import attendance, membership

MATRIX_COLUMNS = [
    "summit_id", "start", "label", "iso3", "name", "status", "presence", "representative",
]  # fmt: skip
RECORD_COLUMNS = ["iso3", "name", "summits", "in person %", "in person or online %",
                  *attendance.PRESENCES]  # fmt: skip


def presence_matrix(ds, org: str, start: date | None, end: date | None) -> pd.DataFrame:
    """One row per summit and state with a status that day (unknown where unrecorded)."""
    summits = attendance.summits_of(ds.summits, org, start, end).to_dict("records")
    spans = membership.org_rows(ds.memberships, org)
    att = ds.attendance[ds.attendance["summit_id"].isin({s["id"] for s in summits})]
    by_summit: dict[str, dict] = {}
    for r in att.to_dict("records"):
        by_summit.setdefault(r["summit_id"], {})[r["iso3"]] = r
    names = ds.country_names()
    rows = []
    for summit in summits:
        label = attendance.summit_label(summit)
        recorded = by_summit.get(summit["id"], {})
        for iso3, name, status, row in attendance.seated(spans, recorded, names, summit["start"]):
            if status != membership.NONE:  # guests are not part of a state's record
                rows.append((summit["id"], summit["start"], label, iso3, name, status,
                             row["presence"], row["representative"]))  # fmt: skip
    return pd.DataFrame(rows, columns=MATRIX_COLUMNS)


def leader_record(matrix: pd.DataFrame) -> pd.DataFrame:
    """Per country: summits it could attend and how its leader took part, as shares."""
    if matrix.empty:
        return pd.DataFrame(columns=RECORD_COLUMNS)
    table = attendance.presence_counts(matrix, ["iso3", "name"])
    table["in person %"] = (100 * table["leader"] / table["summits"]).round(1)
    both = table["leader"] + table["leader_online"]
    table["in person or online %"] = (100 * both / table["summits"]).round(1)
    return table[RECORD_COLUMNS].sort_values("in person %", ascending=False).reset_index(drop=True)
