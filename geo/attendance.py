"""Summits and who came to them."""

from __future__ import annotations

from datetime import date

import pandas as pd

from geo import membership

SUMMIT_COLUMNS = ["id", "start", "end", "city", "host_iso3", "kind", "source_url"]
ROSTER_COLUMNS = [
    "iso3", "name", "presence", "representative", "signed_final_document", "source_url",
]  # fmt: skip
NOT_MEMBER = "none"


def summits_of(
    summits: pd.DataFrame, org: str, start: date | None = None, end: date | None = None
) -> pd.DataFrame:
    """Summits of ``org`` whose first day lies in [start, end], oldest first."""
    rows = summits[summits["org"] == org]
    if start is not None:
        rows = rows[rows["start"] >= start]
    if end is not None:
        rows = rows[rows["start"] <= end]
    return rows.sort_values("start").reset_index(drop=True)


def roster(ds, summit_id: str) -> pd.DataFrame:
    """One row per state with a status on the summit day, plus recorded guests.

    A state that held a status but has no attendance row shows as ``unknown``.
    """
    summit = ds.summits.set_index("id").loc[summit_id]
    table = membership.statuses_on(ds.memberships, ds.countries, summit["org"], summit["start"])
    rows = ds.attendance[ds.attendance["summit_id"] == summit_id].set_index("iso3")
    records = []
    for state in table.itertuples(index=False):
        if state.iso3 in rows.index:
            row = rows.loc[state.iso3]
            records.append(
                {
                    "iso3": state.iso3,
                    "name": state.name,
                    "status": state.status,
                    **row[ROSTER_COLUMNS[2:] + ["note"]].to_dict(),
                }
            )
        elif state.status != membership.NONE:
            records.append(
                {
                    "iso3": state.iso3,
                    "name": state.name,
                    "status": state.status,
                    "presence": "unknown",
                    "representative": "",
                    "signed_final_document": "unknown",
                    "source_url": "",
                    "note": "",
                }
            )
    return pd.DataFrame(records, columns=ROSTER_COLUMNS + ["status", "note"])
