"""Attendance over time: a country-by-summit matrix and each leader's record."""

from __future__ import annotations

from datetime import date

import pandas as pd

from geo import attendance

MATRIX_COLUMNS = [
    "summit_id", "start", "label", "iso3", "name", "status", "presence", "representative",
]  # fmt: skip
IN_PERSON = "leader"


def presence_matrix(ds, org: str, start: date | None, end: date | None) -> pd.DataFrame:
    """One row per summit and state with a status that day (unknown where unrecorded)."""
    frames = []
    for summit in attendance.summits_of(ds.summits, org, start, end).to_dict("records"):
        roster = attendance.roster(ds, summit["id"])
        roster = roster[roster["status"] != "none"].copy()
        roster["summit_id"] = summit["id"]
        roster["start"] = summit["start"]
        roster["label"] = attendance.summit_label(summit)
        frames.append(roster)
    if not frames:
        return pd.DataFrame(columns=MATRIX_COLUMNS)
    return pd.concat(frames, ignore_index=True)[MATRIX_COLUMNS]


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
