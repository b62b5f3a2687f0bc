"""One state's story: its statuses in every organisation and its summit record."""

from __future__ import annotations

from datetime import date

import pandas as pd

from geo import attendance

RECORD_COLUMNS = ["org", "summits", *attendance.PRESENCES]


def timeline(ds, iso3: str, today: date) -> pd.DataFrame:
    """Every status interval of ``iso3``; open intervals run to ``today`` for drawing."""
    rows = ds.memberships[ds.memberships["iso3"] == iso3].copy()
    rows["organisation"] = rows["org"].map(ds.org_names())
    rows["until"] = rows["end"].map(lambda d: d or today)
    rows["ongoing"] = rows["end"].isna()
    return rows.sort_values(["org", "start"]).reset_index(drop=True)


def summit_rows(ds, iso3: str) -> pd.DataFrame:
    """Every summit the state had a row for, newest first, with the summit's details."""
    att = ds.attendance[ds.attendance["iso3"] == iso3]
    merged = att.merge(ds.summits, left_on="summit_id", right_on="id", suffixes=("", "_summit"))
    cols = ["start", "org", "summit_id", "summit", "presence", "representative",
            "signed_final_document", "source_url", "note"]  # fmt: skip
    if merged.empty:  # e.g. Estonia: no status in any organisation with summits here
        return pd.DataFrame(columns=cols)
    merged["summit"] = [attendance.summit_label(r) for r in merged.to_dict("records")]
    return merged.sort_values("start", ascending=False)[cols].reset_index(drop=True)


def summit_record(rows: pd.DataFrame) -> pd.DataFrame:
    """Per organisation: how the state took part in its summits."""
    if rows.empty:
        return pd.DataFrame(columns=RECORD_COLUMNS)
    return attendance.presence_counts(rows, ["org"])[RECORD_COLUMNS]
