"""Colours for statuses, presences and counts, safe for colour-blind readers.

Fills come from the Okabe-Ito palette, with Paul Tol's olive for the eighth status.
``none`` is a mid grey; countries outside the post-Soviet space get a pale paper
tone of their own, so nobody reads them as non-members of anything. The words that go
with each colour live in ``geo.labels``.
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

PRESENCE_COLOURS = {
    "leader": "#009E73",
    "leader_online": "#56B4E9",
    "represented": "#F0E442",
    "absent": "#E69F00",
    "declined": "#D55E00",
    "unknown": "#CC79A7",
}
# Orange, vermilion and yellow are hard to tell apart for many readers, so the seats that
# did not see their leader also carry a mark, drawn in the cell and named in the legend.
PRESENCE_MARKS = {"represented": "◐", "absent": "×", "declined": "–"}
NO_SEAT = "#A6A6A6"  # a state that held no status on the summit's day and did not come
GUEST = "#0072B2"  # a state with no status whose leader or envoy came as a guest

# Overlap counts: viridis sampled at six steps, light to dark, so neighbours differ
# visibly; 0 is the "no status" grey and the last step also stands for higher counts.
COUNT_COLOURS = ["#FDE725", "#7AD151", "#22A884", "#2A788E", "#414487", "#440154"]
CHANGED = "#CC79A7"
UNCHANGED = "#A6A6A6"

CONTEXT_FILL = "#F3EFE6"
# A member outside the fifteen: the member's blue, faded toward the neighbours' tone, so the
# organisation's shape shows while the atlas's own classification stays apart.
CONTEXT_MEMBER = "#A9C8DF"
BORDER = "#FFFFFF"
CONTEXT_BORDER = "#C9C2B4"
SEA = "#DCE7EF"
MARKER_FILL = "#FFFFFF"
MARKER_EDGE = "#000000"

# Contested territories: a hatch of dark lines over the state's own fill, one pattern per
# situation (angle, spacing, cross), told apart without relying on colour.
HATCH_INK = "#1A1A1A"
# Each situation differs from the others in more than angle, so that Crimea and the Donbas
# read apart at a glance, on a phone too: heavy lines, light lines the other way, dots,
# a square grid, a denser diamond grid. (``geo.picture`` draws the same with Matplotlib hatches.)
HATCHES = {
    "annexed": {"kind": "lines", "angle": 45, "gap": 4, "width": 2.0},
    "occupied": {"kind": "lines", "angle": -45, "gap": 7, "width": 1.2},
    "partly_occupied": {"kind": "dots", "angle": 0, "gap": 5, "width": 1.3},
    "breakaway": {"kind": "grid", "angle": 0, "gap": 7, "width": 1.1},
    "breakaway_recognised_by_russia": {"kind": "grid", "angle": 45, "gap": 5, "width": 1.0},
}
UNRECOGNISED = "#E8D9F0"  # de facto view: a breakaway authority, member of nothing


def count_colour(count: int) -> str:
    """Fill for a number of organisations; 0 is the same grey as 'no status'."""
    if not count:
        return STATUS_COLOURS["none"]
    return COUNT_COLOURS[min(count, len(COUNT_COLOURS)) - 1]
