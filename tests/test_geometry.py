"""The committed geometry: small, complete, de jure borders, rebuilt reproducibly."""

import pytest
from shapely.geometry import Point, shape

from geo import geometry
from geo.paths import GEOMETRY_FILE
from geo.shapes import load as load_shapes


@pytest.fixture(scope="module")
def shapes():
    fc = load_shapes()
    return {
        f["properties"]["iso3"]: (shape(f["geometry"]), f["properties"]) for f in fc["features"]
    }


def test_small_enough():
    assert GEOMETRY_FILE.stat().st_size < 300_000


def test_all_fifteen_and_context(shapes):
    region = {k for k, (_, p) in shapes.items() if p["region"]}
    assert region == set(geometry.POST_SOVIET)
    assert {"POL", "FIN", "CHN", "TUR", "IRN", "MNG"} <= set(shapes) - region


@pytest.mark.parametrize(
    "place, lon, lat, iso3",
    [
        ("Simferopol, Crimea", 34.10, 44.95, "UKR"),  # de jure: Crimea is Ukraine
        ("Sevastopol", 33.52, 44.60, "UKR"),
        ("Kaliningrad", 20.50, 54.70, "RUS"),
        ("Nakhchivan", 45.40, 39.20, "AZE"),
        ("Tskhinvali (South Ossetia)", 43.96, 42.23, "GEO"),
        ("Tiraspol (Transnistria)", 29.60, 46.84, "MDA"),
        ("Anadyr, Chukotka", 176.0, 65.0, "RUS"),
    ],
)
def test_places_fall_in_their_state(shapes, place, lon, lat, iso3):
    assert shapes[iso3][0].contains(Point(lon, lat)), place


def test_chukotka_joins_russia(shapes):
    minx, _, maxx, _ = shapes["RUS"][0].bounds
    assert minx > 0 and maxx > 180  # nothing left at -180


def test_no_state_loses_a_visible_part(shapes):
    """Every source part of at least 0.05 deg² survives, with most of its area."""
    source = {f["iso3"]: f["geometry"] for f in geometry.read_source()}
    for iso3 in geometry.POST_SOVIET:
        src = source[iso3]
        if iso3 == "RUS":
            src = geometry.join_antimeridian(src)
        derived = shapes[iso3][0]
        for part in geometry.polygons(src):
            if part.area >= 0.05:
                assert derived.intersection(part).area > 0.5 * part.area, (iso3, part.centroid)
        assert abs(derived.area - src.area) / src.area < 0.02, iso3


def test_rebuild_is_reproducible(tmp_path):
    out = tmp_path / "region.geojson"
    geometry.build(out)
    assert out.read_bytes() == GEOMETRY_FILE.read_bytes()
