"""How many of the chosen organisations each state belongs to on one day."""

from __future__ import annotations

from datetime import date

import pandas as pd

from geo import membership

# Light to dark, readable by colour-blind readers (ColorBrewer-like blues, then navy).
COUNT_COLOURS = ["#DEEBF7", "#9ECAE1", "#4292C6", "#2171B5", "#08519C", "#08306B"]
FULL = ("member",)


def belonging(ds, day: date, orgs: list[str], any_status: bool) -> pd.DataFrame:
    """Per state: how many of ``orgs`` it belongs to and which (with statuses)."""
    records = {iso3: [] for iso3 in ds.countries["iso3"]}
    for org in orgs:
        table = membership.statuses_on(ds.memberships, ds.countries, org, day)
        for row in table.itertuples(index=False):
            counts = row.status != membership.NONE if any_status else row.status in FULL
            if counts:
                label = org if row.status == "member" else f"{org} ({row.status})"
                records[row.iso3].append(label)
    names = ds.country_names()
    return pd.DataFrame(
        [
            {"iso3": k, "name": names[k], "count": len(v), "organisations": ", ".join(v)}
            for k, v in records.items()
        ]
    )


def combinations(table: pd.DataFrame) -> pd.DataFrame:
    """Which states share exactly the same set of organisations, largest sets first."""
    grouped = (
        table.assign(organisations=table["organisations"].replace("", "(none)"))
        .groupby(["count", "organisations"], as_index=False)
        .agg(states=("name", ", ".join), number=("name", "size"))
    )
    return grouped.sort_values(["count", "number"], ascending=False).reset_index(drop=True)


def colour(count: int) -> str:
    return COUNT_COLOURS[min(count, len(COUNT_COLOURS) - 1)] if count else "#A6A6A6"
