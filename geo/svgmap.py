"""A map as a small SVG: the first picture a reader sees, before any script has run.

It draws exactly what the live map draws (the same ``choropleth.Drawn``: fills, hatched
territories, the host city, the legend and its title) in the live map's projection (web
Mercator) over the same window, with the credit line. The shapes are projected,
simplified and rounded to whole units once per geometry (``Outlines``); a view then
costs one string per shape, so the picture of any link is cheap and about 15 KB once
compressed. Everything written into it from data is escaped.
"""

from __future__ import annotations

import html
import json
import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import shapely
from shapely.geometry import shape

from geo import palette
from geo.choropleth import BOUNDS, Drawn, border_note
from geo.labels import Labels
from geo.legend import pattern

WIDTH = 2000  # units across the window; one unit is about half a pixel on a desktop map
TOLERANCE = 1.5  # units: detail finer than this is dropped
(SOUTH, WEST), (NORTH, EAST) = BOUNDS


def mercator_y(lat: float) -> float:
    """Web Mercator northing in degrees of longitude (Leaflet's projection)."""
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


SCALE = WIDTH / (EAST - WEST)
HEIGHT = round((mercator_y(NORTH) - mercator_y(SOUTH)) * SCALE)
ZOOMS = (2, 8)  # the live map's least and greatest zoom (``choropleth.base_map``)


def fit() -> str:
    """What a page needs to show the window as Leaflet's ``fitBounds`` does: the window's
    size in pixels at zoom 0 (a 256-pixel world), units per pixel at zoom 0, the zooms
    allowed, and the window's centre in units."""
    world = 256 / 360  # pixels per degree of longitude at zoom 0
    width, height = (EAST - WEST) * world, (mercator_y(NORTH) - mercator_y(SOUTH)) * world
    values = (width, height, SCALE / world, *ZOOMS, WIDTH / 2, HEIGHT / 2)
    return " ".join(f"{v:.4f}".rstrip("0").rstrip(".") for v in values)


def project(lon: float, lat: float) -> tuple[float, float]:
    return (lon - WEST) * SCALE, (mercator_y(NORTH) - mercator_y(max(min(lat, 85), -85))) * SCALE


@dataclass(frozen=True)
class Outlines:
    """Path data (``d``) per shape: states and context countries by ISO3 code,
    contested territories by id; and which codes are the fifteen states."""

    countries: dict[str, str]
    region: frozenset[str]
    territories: dict[str, str]


def projected(coords: np.ndarray) -> np.ndarray:
    """Longitude and latitude (an N × 2 array) to window units."""
    lat = np.radians(np.clip(coords[:, 1], -85, 85))
    north = math.radians(NORTH)
    y = np.degrees(np.log(np.tan(math.pi / 4 + north / 2)) - np.log(np.tan(math.pi / 4 + lat / 2)))
    return np.column_stack(((coords[:, 0] - WEST) * SCALE, y * SCALE))


def path_data(geometry) -> str:
    """Whole-unit SVG path data of a projected (multi)polygon, in relative moves."""
    out = []
    for polygon in getattr(geometry, "geoms", [geometry]):
        for ring in [polygon.exterior, *polygon.interiors]:
            cells, last = [], None
            for x, y in ring.coords:
                here = (round(x), round(y))
                if here != last:
                    cells.append(here)
                    last = here
            if len(cells) < 3:
                continue
            (x0, y0), steps = cells[0], []
            for (ax, ay), (bx, by) in zip(cells, cells[1:]):
                steps.append(f"{bx - ax} {by - ay}")
            out.append(f"M{x0} {y0}l" + " ".join(steps) + "z")
    return "".join(out).replace(" -", "-")


def simplified(feature: dict):
    """The feature's shape in window units, without detail finer than ``TOLERANCE``."""
    geometry = shapely.transform(shape(feature["geometry"]), projected)
    return geometry.simplify(TOLERANCE, preserve_topology=True)


@lru_cache(maxsize=4)
def outlines(states: bytes, territories: bytes) -> Outlines:
    """Projected, simplified outlines of a package's shapes (validated GeoJSON bytes)."""
    countries, region = {}, set()
    for f in json.loads(states)["features"]:
        props = f["properties"]
        countries[props["iso3"]] = path_data(simplified(f))
        if props.get("region"):
            region.add(props["iso3"])
    held = {
        f["properties"]["territory"]: path_data(simplified(f))
        for f in json.loads(territories)["features"]
    }
    return Outlines(countries, frozenset(region), held)


def svg(drawn: Drawn, labels: Labels, shapes: Outlines, credit: str) -> str:
    """The map of ``drawn`` as an SVG element for a page, with its key and ``credit`` as
    HTML beside it (laid out like the live map's)."""
    esc = html.escape
    parts = [
        '<div class="atlas-first-frame">'
        f'<svg class="atlas-first-map" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{esc(drawn.title)}" preserveAspectRatio="xMidYMid meet" '
        f'data-fit="{fit()}" xmlns="http://www.w3.org/2000/svg">',
        *shapes_drawn(drawn, shapes),
        "</svg>",
        f'<p class="atlas-first-credit">{esc(credit)} · '
        f"{esc(border_note(labels, drawn.de_facto))}</p></div>",
        legend(drawn),
    ]
    return "".join(p for p in parts if p)


TOP, BOTTOM = 110, 70  # units above the map for the title, below it for the credit


def document(drawn: Drawn, labels: Labels, shapes: Outlines, credit: str) -> str:
    """The map as a standalone SVG file: title, map, key and credit drawn inside it (the
    picture ``/api/v1/map.svg`` serves and an article can embed)."""
    esc = html.escape
    note = border_note(labels, drawn.de_facto)
    total = TOP + HEIGHT + BOTTOM
    return "".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {total}" '
            f'width="{WIDTH // 2}" height="{total // 2}" role="img" '
            f'aria-label="{esc(drawn.title)}" font-family="DejaVu Sans, Arial, sans-serif">',
            f"<title>{esc(drawn.title)}</title>",
            f'<rect width="{WIDTH}" height="{total}" fill="#FFFFFF"/>',
            f'<text x="20" y="72" font-size="48" fill="#31333F">{esc(drawn.title)}</text>',
            f'<clipPath id="window"><rect width="{WIDTH}" height="{HEIGHT}"/></clipPath>',
            f'<g transform="translate(0 {TOP})"><g clip-path="url(#window)">',
            *shapes_drawn(drawn, shapes),
            "</g>",
            key_drawn(drawn),
            "</g>",
            f'<text x="20" y="{TOP + HEIGHT + 46}" font-size="24" fill="#555555">'
            f"{esc(credit)} · {esc(note)}</text>",
            "</svg>",
        ]
    )


def key_drawn(drawn: Drawn) -> str:
    """The key as SVG: a white box at the top right, one row per thing drawn."""
    esc = html.escape
    entries = drawn.legend.ordered()
    row = 34
    width = min(WIDTH // 2, 70 + 14 * max(len(e.label) for e in entries))  # 22-unit letters
    x, y = WIDTH - width - 20, 20
    out = [
        f'<rect x="{x}" y="{y}" width="{width}" height="{row * len(entries) + 20}" rx="8" '
        'fill="#FFFFFF" fill-opacity="0.94" stroke="#BBBBBB"/>'
    ]
    for i, e in enumerate(entries):
        top = y + 12 + i * row
        if e.kind == "marker":
            out.append(
                f'<circle cx="{x + 26}" cy="{top + 12}" r="10" fill="{esc(e.key)}" '
                f'stroke="{palette.MARKER_EDGE}" stroke-width="4"/>'
            )
        elif e.kind == "outline":
            out.append(
                f'<rect x="{x + 15}" y="{top + 1}" width="22" height="22" fill="#FFFFFF" '
                f'stroke="{palette.HATCH_INK}" stroke-width="3" stroke-dasharray="6 4"/>'
            )
        else:
            fill = f"url(#first-{esc(e.key)})" if e.kind == "hatch" else esc(e.key)
            if e.kind == "hatch":
                out.append(f'<rect x="{x + 14}" y="{top}" width="24" height="24" fill="#FFFFFF"/>')
            out.append(
                f'<rect x="{x + 14}" y="{top}" width="24" height="24" fill="{fill}" '
                'stroke="#999999" stroke-width="2"/>'
            )
        out.append(
            f'<text x="{x + 52}" y="{top + 19}" font-size="22" fill="#31333F">{esc(e.label)}</text>'
        )
    return "".join(out)


def shapes_drawn(drawn: Drawn, shapes: Outlines) -> list[str]:
    """The map's own elements: hatches, sea, neighbours, states, territories, markers."""
    esc = html.escape
    hatches = [e.key for e in drawn.legend.ordered() if e.kind == "hatch"]
    defs = "".join(pattern(s, f"first-{s}") for s in hatches)
    return [
        f"<defs>{defs}</defs>" if defs else "",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{palette.SEA}"/>',
        f'<g stroke="{palette.CONTEXT_BORDER}" stroke-width="1.2" fill="{palette.CONTEXT_FILL}">',
        *(
            f'<path d="{d}" fill="{esc(drawn.context_fills[code])}"/>'
            if code in drawn.context_fills
            else f'<path d="{d}"/>'
            for code, d in shapes.countries.items()
            if code not in shapes.region
        ),
        "</g>",
        f'<g stroke="{palette.BORDER}" stroke-width="1.6">',
        *(
            f'<path data-iso3="{esc(code)}" d="{shapes.countries[code]}" fill="{esc(fill)}"/>'
            for code, fill in drawn.fills.items()
            if code in shapes.countries
        ),
        "</g>",
        territory_paths(drawn, shapes),
        *markers(drawn),
    ]


def territory_paths(drawn: Drawn, shapes: Outlines) -> str:
    out = []
    for t in drawn.territories:
        d = shapes.territories.get(t["id"])
        if not d:
            continue
        fill = t["fill"]
        if fill.startswith("url(#atlas-"):
            fill = fill.replace("url(#atlas-", "url(#first-")
        edge = ' stroke-width="2.5" stroke-dasharray="6 4"' if t["solid"] else ' stroke-width="1"'
        out.append(f'<path d="{d}" fill="{html.escape(fill)}" stroke="#1A1A1A"{edge}/>')
    return "".join(out)


def markers(drawn: Drawn) -> list[str]:
    out = []
    for lat, lon, *rest in drawn.markers:
        x, y = project(lon, lat)
        fill = rest[2] if len(rest) > 2 else palette.MARKER_FILL
        out.append(
            f'<circle cx="{round(x)}" cy="{round(y)}" r="12" fill="{html.escape(fill)}" '
            f'stroke="{palette.MARKER_EDGE}" stroke-width="4"/>'
        )
    return out


def legend(drawn: Drawn) -> str:
    """The key, as the live map's legend: its title and one row per thing drawn."""
    from geo.legend import swatch

    rows = "".join(
        f"<li>{swatch(e)}<span>{html.escape(e.label)}</span></li>" for e in drawn.legend.ordered()
    )
    return f'<div class="atlas-first-legend"><b>{html.escape(drawn.title)}</b><ul>{rows}</ul></div>'
