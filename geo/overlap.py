"""How many of the chosen organisations each state belongs to on one day."""

from __future__ import annotations

from datetime import date

import pandas as pd

from geo import membership

FULL = ("member",)


def belonging(ds, day: date, orgs: list[str], any_status: bool) -> pd.DataFrame:
    """Per state: how many of ``orgs`` it belongs to on ``day`` and which (with statuses)."""
    snapshots = {o: membership.statuses_on(ds.memberships, ds.countries, o, day) for o in orgs}
    return count(snapshots, ds.country_names(), any_status)


def count(snapshots: dict, names: dict[str, str], any_status: bool) -> pd.DataFrame:
    """The same from ready status tables (one per organisation), e.g. cached snapshots.

    ``memberships`` holds (organisation, status) pairs, codes only: the interface words them.
    """
    records = {iso3: [] for iso3 in names}
    for org, table in snapshots.items():
        for iso3, status in zip(table["iso3"], table["status"]):
            counts = status != membership.NONE if any_status else status in FULL
            if counts:
                records[iso3].append((org, status))
    return pd.DataFrame(
        [
            {"iso3": k, "name": names[k], "count": len(v), "memberships": tuple(v)}
            for k, v in records.items()
        ]
    )


def combinations(table: pd.DataFrame) -> pd.DataFrame:
    """Which states share exactly the same set of organisations, largest sets first."""
    grouped = table.groupby(["count", "memberships"], as_index=False, sort=False).agg(
        states=("iso3", tuple), number=("iso3", "size")
    )
    return grouped.sort_values(["count", "number"], ascending=False).reset_index(drop=True)
