"""Summits and who came to them: states that held a seat, and invited guests.

A state holds a seat at a summit when it held a status in the organisation on the
summit's first day; its row has capacity ``status``. A state with no status whose leader
or envoy came anyway is a ``guest``: shown on the map and in the summary, kept out of
the members' attendance rates.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from geo import membership
from geo.labels import Labels
from geo.vocabulary import N_

SUMMIT_COLUMNS = ["id", "start", "end", "city", "host_iso3", "kind", "source_url"]
ROSTER_COLUMNS = [
    "iso3",
    "name",
    "capacity",
    "presence",
    "representative",
    "signed_final_document",
    "source_url",
]
GUEST = "guest"
CAME = ("leader", "leader_online")


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
UNRECORDED = {
    "capacity": "status",
    "presence": "unknown",
    "representative": "",
    "signed_final_document": "unknown",
    "source_url": "",
    "note": "",
}


def seated(spans: list[dict], recorded: dict, names: dict[str, str], day: date):
    """(iso3, name, status, row) for each state with a status on ``day`` or a guest row.

    ``spans`` are the organisation's intervals, ``recorded`` the summit's rows by iso3;
    a state with a status but no row gets ``UNRECORDED``.
    """
    for iso3, name in names.items():
        status = membership.state_on(spans, iso3, day)["status"]
        row = recorded.get(iso3)
        if row is not None or status != membership.NONE:
            yield iso3, name, status, row or UNRECORDED


def roster(ds, summit_id: str) -> pd.DataFrame:
    """One row per state with a status on the summit day, plus the guests.

    A state that held a status but has no attendance row shows as ``unknown``.
    """
    summit = ds.summits[ds.summits["id"] == summit_id].iloc[0]
    spans = membership.org_rows(ds.memberships, summit["org"])
    rows = ds.attendance[ds.attendance["summit_id"] == summit_id].to_dict("records")
    recorded = {r["iso3"]: r for r in rows}
    records = [
        {
            "iso3": iso3,
            "name": name,
            "status": status,
            **{k: row[k] for k in ROSTER_COLUMNS[2:] + ["note"]},
        }
        for iso3, name, status, row in seated(spans, recorded, ds.country_names(), summit["start"])
    ]
    return pd.DataFrame(records, columns=ROSTER_COLUMNS + ["status", "note"])


def presence_counts(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Rows per group and presence, every presence a column (0 where none), plus 'summits'."""
    table = pd.crosstab([frame[c] for c in by], frame["presence"])
    table = table.reindex(columns=list(PRESENCES), fill_value=0).rename_axis(None, axis=1)
    table["summits"] = table.sum(axis=1)
    return table.reset_index()


PHRASES = {
    "leader": N_("leader attended"),
    "leader_online": N_("leader joined by video link"),
    "represented": N_("represented"),
    "absent": N_("absent"),
    "declined": N_("declined"),
    "unknown": N_("attendance not verified"),
}
GUEST_PHRASES = {
    "leader": N_("in person"),
    "leader_online": N_("online"),
    "represented": N_("represented"),
}


def guest_phrase(presence: str, labels: Labels) -> str:
    return labels.gettext(GUEST_PHRASES.get(presence, GUEST_PHRASES["represented"]))


def summit_label(row, labels: Labels) -> str:
    """'22 December 2025 · St Petersburg (informal)', the way the summit list reads; a
    session held by video link says so once: '18 December 2020 · by video link'."""
    where = labels.city(row["city"])
    if not row["city"] and row["kind"] == "online":
        return f"{labels.day(row['start'])} · {where}"
    return f"{labels.day(row['start'])} · {where} ({labels.code('kind', row['kind'])})"


def newest_first(
    summits: pd.DataFrame, org: str, start: date | None = None, end: date | None = None
) -> pd.DataFrame:
    """Summits of ``org`` in [start, end], newest first, as the picker lists them."""
    return summits_of(summits, org, start, end).iloc[::-1].reset_index(drop=True)


def summary(roster: pd.DataFrame, labels: Labels) -> str:
    """One line: how many members' leaders came, every seat that stood out, the guests."""
    _ = labels.gettext
    seats = roster[roster["capacity"] != GUEST]
    members = seats[seats["status"] == "member"]
    came = int(members["presence"].isin(CAME).sum())
    online = int((members["presence"] == "leader_online").sum())
    head = labels.ngettext(
        "{came} of {n} member's leader attended",
        "{came} of {n} members' leaders attended",
        len(members),
        came=came,
    )
    if online:
        head += " " + labels.ngettext("({n} by video link)", "({n} by video link)", online)
    others = []
    for row in seats.itertuples(index=False):
        if row.status == "member" and row.presence in CAME:
            continue
        who = labels.country(row.iso3)
        if row.status != "member":
            who = f"{who} ({labels.status(row.status).lower()})"
        phrase = _(PHRASES[row.presence])
        if row.presence == "represented" and row.representative:
            phrase = _("represented by {who}").format(who=labels.representative(row.representative))
        others.append(_("{state} {what}").format(state=who, what=phrase))
    present = seats["presence"].isin([*CAME, "represented"])
    refused = seats[present & (seats["signed_final_document"] == "no")]["iso3"]
    if len(refused):
        names = ", ".join(labels.country(c) for c in refused)
        others.append(_("did not sign the final document: {states}").format(states=names))
    guests = roster[roster["capacity"] == GUEST]
    if len(guests):
        listed = ", ".join(
            f"{labels.country(g.iso3)} ({guest_phrase(g.presence, labels)})"
            for g in guests.itertuples(index=False)
        )
        others.append(_("guests: {states}").format(states=listed))
    return "; ".join([head, *others]) + "."
