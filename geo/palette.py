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

CONTEXT_FILL = "#F3EFE6"
CONTEXT_LABEL = "Outside the post-Soviet space (not classified)"
BORDER = "#FFFFFF"
CONTEXT_BORDER = "#C9C2B4"
SEA = "#DCE7EF"
