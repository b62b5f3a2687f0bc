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


PRESENCES = ("leader", "leader_online", "represented", "absent", "declined", "unknown")
UNRECORDED = {"presence": "unknown", "representative": "", "signed_final_document": "unknown",
              "source_url": "", "note": ""}  # fmt: skip


def seated(spans: list[dict], recorded: dict, names: dict[str, str], day: date):
    """(iso3, name, status, row) for each state with a status on ``day`` or a recorded row.

    ``spans`` are the organisation's intervals, ``recorded`` the summit's rows by iso3;
    a state with a status but no row gets ``UNRECORDED``.
    """
    for iso3, name in names.items():
        status = membership.state_on(spans, iso3, day)["status"]
        row = recorded.get(iso3)
        if row is not None or status != membership.NONE:
            yield iso3, name, status, row or UNRECORDED


def roster(ds, summit_id: str) -> pd.DataFrame:
    """One row per state with a status on the summit day, plus recorded guests.

    A state that held a status but has no attendance row shows as ``unknown``.
    """
    summit = ds.summits[ds.summits["id"] == summit_id].iloc[0]
    spans = membership.org_rows(ds.memberships, summit["org"])
    rows = ds.attendance[ds.attendance["summit_id"] == summit_id].to_dict("records")
    recorded = {r["iso3"]: r for r in rows}
    records = [
        {"iso3": iso3, "name": name, "status": status,
         **{k: row[k] for k in ROSTER_COLUMNS[2:] + ["note"]}}
        for iso3, name, status, row in seated(spans, recorded, ds.country_names(), summit["start"])
    ]  # fmt: skip
    return pd.DataFrame(records, columns=ROSTER_COLUMNS + ["status", "note"])


def presence_counts(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Rows per group and presence, every presence a column (0 where none), plus 'summits'."""
    table = pd.crosstab([frame[c] for c in by], frame["presence"])
    table = table.reindex(columns=list(PRESENCES), fill_value=0).rename_axis(None, axis=1)
    table["summits"] = table.sum(axis=1)
    return table.reset_index()


PHRASES = {
    "leader": "leader attended",
    "leader_online": "leader joined by video link",
    "represented": "represented",
    "absent": "absent",
    "declined": "declined",
    "unknown": "attendance not verified",
}


def summit_label(row) -> str:
    """'2025-12-22 · St Petersburg (informal)', the way the summit list reads."""
    place = row["city"] or "by video link"
    return f"{row['start'].isoformat()} · {place} ({row['kind']})"


def newest_first(
    summits: pd.DataFrame, org: str, start: date | None = None, end: date | None = None
) -> pd.DataFrame:
    """Summits of ``org`` in [start, end], newest first, as the picker lists them."""
    return summits_of(summits, org, start, end).iloc[::-1].reset_index(drop=True)


def summary(roster: pd.DataFrame) -> str:
    """One line: how many members' leaders came, then every state that stood out."""
    members = roster[roster["status"] == "member"]
    came = members["presence"].isin(["leader", "leader_online"])
    online = int((members["presence"] == "leader_online").sum())
    head = f"{int(came.sum())} of {len(members)} members' leaders attended"
    if online:
        head += f" ({online} by video link)"
    others = []
    for row in roster.itertuples(index=False):
        if row.status == "member" and row.presence in ("leader", "leader_online"):
            continue
        who = row.name if row.status == "member" else f"{row.name} ({row.status})"
        phrase = PHRASES.get(row.presence, row.presence)
        if row.presence == "represented" and row.representative:
            phrase += f" by {row.representative}"
        others.append(f"{who} {phrase}")
    present = roster["presence"].isin(["leader", "leader_online", "represented"])
    refused = roster[present & (roster["signed_final_document"] == "no")]["name"].tolist()
    if refused:
        others.append(f"did not sign the final document: {', '.join(refused)}")
    return "; ".join([head, *others]) + "."
