"""The committed shapes, read at run time: checked at start-up like the data.

A missing or broken geometry file is a ``DataError`` naming the file (never a traceback
later, and never a download button that silently does nothing).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from shapely.geometry import shape

from geo.load import DataUnreadable, reason
from geo.paths import GEOMETRY_FILE, ROOT, TERRITORY_FILE
from geo.validate import DataError


def label(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return path.name


def load(path: Path = GEOMETRY_FILE) -> dict:
    """Read a committed GeoJSON FeatureCollection; a clear error if it cannot be."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataUnreadable([f"{label(path)}: cannot be read ({reason(exc)})"]) from None
    try:
        collection = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError([f"{label(path)}: is not valid GeoJSON ({exc})"]) from None
    if collection.get("type") != "FeatureCollection":
        raise DataError([f"{label(path)}: is not a GeoJSON FeatureCollection"])
    return collection


def check(ds, states: Path = GEOMETRY_FILE, territories: Path = TERRITORY_FILE) -> None:
    """Every state and every territory in the data has a shape."""
    have = {f["properties"].get("iso3") for f in load(states)["features"]}
    problems = [
        f"{label(states)}: no shape for {iso3}" for iso3 in ds.countries["iso3"] if iso3 not in have
    ]
    drawn = {f["properties"].get("territory") for f in load(territories)["features"]}
    problems += [
        f"{label(territories)}: no shape for {t}"
        for t in ds.territory_names["territory"]
        if t not in drawn
    ]
    if problems:
        raise DataError(problems)


@lru_cache(maxsize=1)
def centres(path: Path = GEOMETRY_FILE) -> dict[str, tuple[float, float]]:
    """(lat, lon) of a point inside each of the fifteen states (for markers on small ones)."""
    out = {}
    for f in load(path)["features"]:
        if f["properties"]["region"]:
            parts = getattr(shape(f["geometry"]), "geoms", None) or [shape(f["geometry"])]
            point = max(parts, key=lambda g: g.area).representative_point()
            out[f["properties"]["iso3"]] = (round(point.y, 3), round(point.x, 3))
    return out
