"""Colours and labels for statuses and presences, safe for colour-blind readers.

Fills come from the Okabe-Ito palette, with Paul Tol's olive for the eighth status.
``none`` is a mid grey; countries outside the post-Soviet space get a pale paper
tone of their own, so nobody reads them as non-members of anything.
"""

STATUS_COLOURS = {
    "member": "#0072B2",
    "associate": "#56B4E9",
    "participant": "#E69F00",
    "observer": "#009E73",
    "partner": "#999933",
    "candidate": "#F0E442",
    "withdrawing": "#CC79A7",
    "suspended": "#D55E00",
    "none": "#A6A6A6",
}

STATUS_LABELS = {
    "member": "Member",
    "associate": "Associate member",
    "participant": "Participant (Charter not ratified)",
    "observer": "Observer",
    "partner": "Dialogue partner",
    "candidate": "Candidate",
    "withdrawing": "Withdrawing (notice given)",
    "suspended": "Suspended / frozen",
    "none": "No status",
}

PRESENCE_COLOURS = {
    "leader": "#009E73",
    "leader_online": "#56B4E9",
    "represented": "#F0E442",
    "absent": "#E69F00",
    "declined": "#D55E00",
    "unknown": "#CC79A7",
    "none": "#A6A6A6",
}

PRESENCE_LABELS = {
    "leader": "Leader in person",
    "leader_online": "Leader online",
    "represented": "Represented by an official",
    "absent": "Absent",
    "declined": "Declined / boycotted",
    "unknown": "Not verified",
    "none": "Not a member that day",
}

# Overlap counts, light to dark (ColorBrewer-like blues, then navy); 0 is the "none" grey.
COUNT_COLOURS = ["#DEEBF7", "#9ECAE1", "#4292C6", "#2171B5", "#08519C", "#08306B"]
CHANGED = "#CC79A7"

CONTEXT_FILL = "#F3EFE6"
CONTEXT_LABEL = "Outside the post-Soviet space (not classified)"
BORDER = "#FFFFFF"
CONTEXT_BORDER = "#C9C2B4"
SEA = "#DCE7EF"


def legend(colours: dict[str, str], labels: dict[str, str], keys) -> list[tuple[str, str]]:
    """(colour, label) for the keys present, in palette order, then the context entry."""
    present = set(keys)
    entries = [(colours[k], labels[k]) for k in colours if k in present]
    return [*entries, (CONTEXT_FILL, CONTEXT_LABEL)]


def status_fills(table) -> dict[str, str]:
    """iso3 -> fill for a status snapshot (iso3 and status columns)."""
    return {iso3: STATUS_COLOURS[s] for iso3, s in zip(table["iso3"], table["status"])}


def count_colour(count: int) -> str:
    """Fill for a number of organisations; 0 is the same grey as 'no status'."""
    if not count:
        return STATUS_COLOURS["none"]
    return COUNT_COLOURS[min(count, len(COUNT_COLOURS) - 1)]
