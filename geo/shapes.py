"""The committed shapes, read at run time: checked at start-up like the data.

A missing or broken geometry file is a ``DataError`` naming the file (never a traceback
later, and never a download button that silently does nothing). The shapes of a data
package are its own: ``data/geometry/`` beside the CSVs of the folder being loaded.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from shapely.geometry import shape

from geo.paths import GEOMETRY_FILE
from geo.validate import DataError, DataUnreadable, reason


def label(path: Path) -> str:
    """data/geometry/region.geojson: the file as a curator knows it, no server path."""
    return f"data/{path.parent.name}/{path.name}"


def read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DataUnreadable([f"{label(path)}: cannot be read ({reason(exc)})"]) from None


def parse(raw: bytes, name: str) -> dict:
    """A GeoJSON FeatureCollection whose every feature has properties and a geometry;
    a clear error naming ``name`` (and the feature) if it is not one."""
    try:
        collection = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DataError([f"{name}: is not valid GeoJSON ({exc})"]) from None
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise DataError([f"{name}: is not a GeoJSON FeatureCollection"])
    features = collection.get("features")
    if not isinstance(features, list):
        raise DataError([f"{name}: has no list of features"])
    problems = [
        f"{name}: feature {i} has no properties or no geometry"
        for i, f in enumerate(features, start=1)
        if not (
            isinstance(f, dict)
            and isinstance(f.get("properties"), dict)
            and isinstance(f.get("geometry"), dict)
        )
    ]
    if problems:
        raise DataError(problems)
    return collection


def load(path: Path = GEOMETRY_FILE) -> dict:
    """Read a GeoJSON FeatureCollection; a clear error if it cannot be."""
    return parse(read(path), label(path))


def check(ds, states: bytes, territories: bytes, names: tuple[str, str]) -> None:
    """Every state and every territory in the data has a shape (``names`` label the two
    files in messages)."""
    features = parse(states, names[0])["features"]
    have = {f["properties"].get("iso3") for f in features}
    problems = [
        f"{names[0]}: no shape for {iso3}" for iso3 in ds.countries["iso3"] if iso3 not in have
    ]
    context = {f["properties"].get("iso3") for f in features if not f["properties"].get("region")}
    problems += [
        f"data/context_memberships.csv: {iso3} is not a context country of {names[0]}"
        for iso3 in sorted(set(ds.context_memberships["iso3"]) - context)
    ]
    drawn = {f["properties"].get("territory") for f in parse(territories, names[1])["features"]}
    problems += [
        f"{names[1]}: no shape for {t}" for t in ds.territory_names["territory"] if t not in drawn
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
