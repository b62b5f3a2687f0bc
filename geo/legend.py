"""Legends built from what a map draws: every fill, hatch and marker is registered here
as it is assigned, so a legend can never name less (or more) than the map shows.

``Legend.fill`` returns the colour it registers, so a map's specification reads
``fills[iso3] = legend.fill(colour, label)`` and the two cannot drift apart.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from geo import palette

SWATCH = 14
OUTLINE_DASH = "3 2"  # a contested territory's edge in the de facto view (SVG dash array)


@dataclass(frozen=True)
class Entry:
    kind: str  # "fill", "hatch", "outline" (a dashed edge) or "marker"
    key: str  # the colour for fills and markers, the situation for hatches
    label: str
    rank: tuple = ()


@dataclass
class Legend:
    """Entries in a stable order (by rank, then first use), each key once."""

    entries: dict[tuple[str, str], Entry] = field(default_factory=dict)

    def add(self, kind: str, key: str, label: str, rank: tuple) -> None:
        self.entries.setdefault((kind, key), Entry(kind, key, label, rank))

    def fill(self, colour: str, label: str, rank: tuple = ()) -> str:
        self.add("fill", colour, label, rank)
        return colour

    def hatch(self, situation: str, label: str, rank: tuple = ()) -> str:
        self.add("hatch", situation, label, rank)
        return situation

    def outline(self, label: str, rank: tuple = (65,)) -> str:
        """The dashed edge of a contested territory drawn in its holder's colour."""
        self.add("outline", OUTLINE_DASH, label, rank)
        return OUTLINE_DASH

    def marker(self, label: str, colour: str = palette.MARKER_FILL, rank: tuple = (99,)) -> str:
        self.add("marker", colour, label, rank)
        return colour

    def ordered(self) -> list[Entry]:
        items = list(self.entries.values())
        return sorted(items, key=lambda e: (e.rank, items.index(e)))

    def fills(self) -> set[str]:
        return {e.key for e in self.entries.values() if e.kind == "fill"}

    def labels(self) -> list[str]:
        return [e.label for e in self.ordered()]

    def html(self, title: str) -> str:
        """A collapsible legend (``<details>``); the map opens it on wide screens."""
        rows = "".join(
            f'<div class="atlas-row">{swatch(e)}<span>{html.escape(e.label)}</span></div>'
            for e in self.ordered()
        )
        return f"<summary>{html.escape(title)}</summary>{rows}"


def pattern(situation: str, pattern_id: str) -> str:
    """The SVG hatch for a situation, shared by the map and its legend."""
    spec = palette.HATCHES[situation]
    gap, width, ink = spec["gap"], spec["width"], palette.HATCH_INK
    if spec["kind"] == "dots":
        half = gap / 2
        marks = f'<circle cx="{half}" cy="{half}" r="{width}" fill="{ink}"/>'
    else:
        marks = f'<line x1="0" y1="0" x2="0" y2="{gap}" stroke="{ink}" stroke-width="{width}"/>'
    if spec["kind"] == "grid":
        marks += f'<line x1="0" y1="0" x2="{gap}" y2="0" stroke="{ink}" stroke-width="{width}"/>'
    return (
        f'<pattern id="{pattern_id}" width="{gap}" height="{gap}" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate({spec["angle"]})">{marks}</pattern>'
    )


def swatch(entry: Entry) -> str:
    """A small SVG sample of what the map draws; data-swatch names it for tests."""
    box = f'width="{SWATCH}" height="{SWATCH}"'
    attrs = f'class="atlas-swatch" {box} aria-hidden="true" data-{entry.kind}="{entry.key}"'
    if entry.kind == "marker":
        body = (
            f'<circle cx="7" cy="7" r="5" fill="{entry.key}" '
            f'stroke="{palette.MARKER_EDGE}" stroke-width="2"/>'
        )
    elif entry.kind == "outline":
        body = (
            f'<rect x="1" y="1" width="{SWATCH - 2}" height="{SWATCH - 2}" fill="#FFFFFF" '
            f'stroke="{palette.HATCH_INK}" stroke-width="1.5" stroke-dasharray="{entry.key}"/>'
        )
    elif entry.kind == "hatch":
        pid = f"legend-{entry.key}"
        body = (
            f"<defs>{pattern(entry.key, pid)}</defs>"
            f'<rect {box} fill="#FFFFFF" stroke="#999"/><rect {box} fill="url(#{pid})"/>'
        )
    else:
        body = f'<rect {box} fill="{entry.key}" stroke="#999"/>'
    return f"<svg {attrs}>{body}</svg>"
