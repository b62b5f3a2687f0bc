"""Attendance over time: a country-by-summit matrix and each leader's record."""

from __future__ import annotations

from datetime import date

import pandas as pd

from geo import attendance, membership

MATRIX_COLUMNS = [
    "summit_id", "start", "label", "iso3", "name", "status", "presence", "representative",
]  # fmt: skip
IN_PERSON = "leader"


def presence_matrix(ds, org: str, start: date | None, end: date | None) -> pd.DataFrame:
    """One row per summit and state with a status that day (unknown where unrecorded)."""
    summits = attendance.summits_of(ds.summits, org, start, end).to_dict("records")
    spans = membership.org_rows(ds.memberships, org)
    ids = {s["id"] for s in summits}
    att = ds.attendance[ds.attendance["summit_id"].isin(ids)]
    recorded = {(r["summit_id"], r["iso3"]): r for r in att.to_dict("records")}
    names = ds.country_names()
    rows = []
    for summit in summits:
        label = attendance.summit_label(summit)
        for iso3, name in names.items():
            status = membership.state_on(spans, iso3, summit["start"])["status"]
            if status == membership.NONE:
                continue
            row = recorded.get((summit["id"], iso3), {})
            rows.append(
                (
                    summit["id"],
                    summit["start"],
                    label,
                    iso3,
                    name,
                    status,
                    row.get("presence", "unknown"),
                    row.get("representative", ""),
                )
            )
    return pd.DataFrame(rows, columns=MATRIX_COLUMNS)


def leader_record(matrix: pd.DataFrame) -> pd.DataFrame:
    """Per country: summits it could attend and how its leader took part, as shares."""
    if matrix.empty:
        return pd.DataFrame(columns=["iso3", "name", "summits", "in person %"])
    counts = pd.crosstab([matrix["iso3"], matrix["name"]], matrix["presence"])
    counts = counts.rename_axis(None, axis=1)
    for col in ("leader", "leader_online", "represented", "absent", "declined", "unknown"):
        if col not in counts:
            counts[col] = 0
    table = counts.reset_index()
    table["summits"] = counts.sum(axis=1).to_numpy()
    table["in person %"] = (100 * table["leader"] / table["summits"]).round(1)
    table["in person or online %"] = (
        100 * (table["leader"] + table["leader_online"]) / table["summits"]
    ).round(1)
    order = ["iso3", "name", "summits", "in person %", "in person or online %", "leader",
             "leader_online", "represented", "absent", "declined", "unknown"]  # fmt: skip
    return table[order].sort_values("in person %", ascending=False).reset_index(drop=True)
