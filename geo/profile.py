"""One state's story: its statuses in every organisation and its summit record."""

from __future__ import annotations

from datetime import date

import pandas as pd

from geo import attendance

RECORD_COLUMNS = ["org", "summits", *attendance.PRESENCES]
STATUS_COLUMNS = ["org", "status", "start", "end", "precision", "source_url", "note"]
TERRITORY_COLUMNS = [
    "territory",
    "situation",
    "controlled_by",
    "start",
    "end",
    "precision",
    "source_url",
    "note",
]
SUMMIT_COLUMNS = [
    "start",
    "org",
    "summit_id",
    "city",
    "kind",
    "capacity",
    "presence",
    "representative",
    "signed_final_document",
    "source_url",
    "note",
]


def timeline(ds, iso3: str, today: date) -> pd.DataFrame:
    """Every status interval of ``iso3``; open intervals run to ``today`` for drawing."""
    rows = ds.memberships[ds.memberships["iso3"] == iso3].copy()
    rows["until"] = rows["end"].map(lambda d: d or today)
    rows["ongoing"] = rows["end"].isna()
    return rows.sort_values(["org", "start"]).reset_index(drop=True)


def summit_rows(ds, iso3: str) -> pd.DataFrame:
    """Every summit the state had a row for (a seat or as a guest), newest first."""
    att = ds.attendance[ds.attendance["iso3"] == iso3]
    merged = att.merge(ds.summits, left_on="summit_id", right_on="id", suffixes=("", "_summit"))
    if merged.empty:  # a state with no row at any summit
        return pd.DataFrame(columns=SUMMIT_COLUMNS)
    return merged.sort_values("start", ascending=False)[SUMMIT_COLUMNS].reset_index(drop=True)


def summit_record(rows: pd.DataFrame) -> pd.DataFrame:
    """Per organisation: how the state took part in the summits where it held a seat."""
    seats = rows[rows["capacity"] != attendance.GUEST]
    if seats.empty:
        return pd.DataFrame(columns=RECORD_COLUMNS)
    return attendance.presence_counts(seats, ["org"])[RECORD_COLUMNS]
