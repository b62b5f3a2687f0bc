"""Every status change between two dates, with the source of each."""

from __future__ import annotations

from datetime import date

import pandas as pd

from geo.membership import NONE

COLUMNS = ["date", "org", "iso3", "name", "before", "after", "change", "source_url"]


def describe(before: str, after: str) -> str:
    """A short phrase for a change of status."""
    if before == NONE:
        return "joined as member" if after == "member" else f"became {after}"
    if after == NONE:
        return "left"
    if after == "suspended":
        return "suspended participation"
    if after == "withdrawing":
        return "gave notice of withdrawal"
    if before in ("suspended", "withdrawing") and after == "member":
        return "resumed as member"
    return f"{before} → {after}"


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


def status_changes(ds, start: date, end: date, orgs: list[str] | None = None) -> pd.DataFrame:
    """Changes that took effect after ``start`` and up to ``end`` (so: start < date <= end)."""
    names = ds.country_names()
    found = []
    grouped = ds.memberships.sort_values("start").groupby(["org", "iso3"], sort=True)
    for (org, iso3), group in grouped:
        if orgs and org not in orgs:
            continue
        for ev in events(group.to_dict("records")):
            if start < ev["date"] <= end:
                change = describe(ev["before"], ev["after"])
                found.append(
                    {**ev, "org": org, "iso3": iso3, "name": names[iso3], "change": change}
                )
    table = pd.DataFrame(found, columns=COLUMNS)
    return table.sort_values(["date", "org", "iso3"]).reset_index(drop=True)
