"""The joined map as GeoDataFrames and GIS files: the same facts as the CLI, in every format."""

import csv
import io
import zipfile
from datetime import date

import geopandas as gpd
import pytest

from geo import choropleth, cli, export, frames, membership, names, picture
from geo.labels import Labels

D = date.fromisoformat
PAIRS = [  # boundary days of half-open intervals included
    ("CSTO", "2012-07-01"),
    ("CSTO", "1999-04-20"),
    ("CSTO", "1999-04-21"),
    ("CIS", "2009-08-17"),
    ("CIS", "2009-08-18"),
    ("EAEU", "2015-08-12"),
]


def cli_rows(capsys, *args) -> list[dict]:
    assert cli.main(list(args)) == 0
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))


def read_back(data: bytes, fmt: str, tmp_path, layer: str | None = None) -> gpd.GeoDataFrame:
    path = tmp_path / f"map.{'zip' if fmt == 'shp' else fmt}"
    path.write_bytes(data)
    if fmt == "shp":
        return gpd.read_file(f"zip://{path}", layer=layer)
    return gpd.read_file(path, layer=layer)


@pytest.mark.parametrize("org, day", PAIRS)
def test_membership_frame_equals_the_cli(capsys, ds, org, day):
    frame = frames.membership_frame(org, day, ds)
    expected = {
        r["iso3"]: r["status"] for r in cli_rows(capsys, "membership", "--org", org, "--date", day)
    }
    assert dict(zip(frame["iso3"], frame["status"])) == expected
    assert frame.crs == "EPSG:4326" and len(frame) == 15 and frame.geometry.is_valid.all()


@pytest.mark.parametrize("fmt", ["gpkg", "geojson", "shp", "fgb"])
@pytest.mark.parametrize("org, day", PAIRS[:3])
def test_every_format_round_trips(capsys, ds, tmp_path, fmt, org, day):
    layers = {export.layer_name(org, day): frames.membership_frame(org, day, ds)}
    back = read_back(export.to_bytes(layers, fmt), fmt, tmp_path)
    expected = cli_rows(capsys, "membership", "--org", org, "--date", day)
    assert len(back) == 15 and back.crs.to_epsg() == 4326 and back.geometry.is_valid.all()
    assert dict(zip(back["iso3"], back["status"])) == {r["iso3"]: r["status"] for r in expected}
    since = back["since"].fillna("")  # a shapefile reads an empty text field back as null
    assert dict(zip(back["iso3"], since)) == {r["iso3"]: r["since"] for r in expected}
    if fmt != "shp":  # a shapefile cuts text fields to 254 bytes
        notes = back["note"].fillna("")
        assert dict(zip(back["iso3"], notes)) == {r["iso3"]: r["note"] for r in expected}


def test_geopackage_layer_says_what_it_is(ds, tmp_path):
    import pyogrio

    layers = {
        export.layer_name("CSTO", "2012-07-01"): frames.membership_frame("CSTO", "2012-07-01", ds)
    }
    path = tmp_path / "m.gpkg"
    path.write_bytes(export.to_bytes(layers, "gpkg"))
    assert [name for name, _ in pyogrio.list_layers(path)] == ["csto_2012-07-01"]


def test_summit_frame_equals_the_cli_and_has_the_host(capsys, ds, tmp_path):
    states, host = frames.summit_frame("CIS-2022-12-26", ds)
    expected = cli_rows(capsys, "attendance", "--summit", "CIS-2022-12-26")
    assert list(states["iso3"]) == [r["iso3"] for r in expected]
    assert list(states["presence"]) == [r["presence"] for r in expected]
    assert len(host) == 1 and host.iloc[0]["city"] == "St Petersburg"
    layers = {"cis-2022-12-26_attendance": states, "cis-2022-12-26_host_city": host}
    back = read_back(export.to_bytes(layers, "gpkg"), "gpkg", tmp_path, "cis-2022-12-26_host_city")
    assert back.geometry.iloc[0].geom_type == "Point"


def test_shapefile_zip_explains_its_short_field_names(ds):
    states, host = frames.summit_frame("CSTO-2022-11-23", ds)
    data = export.to_bytes({"attendance": states, "host_city": host}, "shp")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names_ = set(archive.namelist())
        note = archive.read("attendance_FIELDS.txt").decode()
    assert {"attendance.shp", "attendance.dbf", "attendance.prj", "host_city.shp"} <= names_
    assert "signed -> signed_final_document" in note and "represent -> representative" in note


def test_csv_has_no_geometry(ds):
    text = export.to_bytes({"x": frames.membership_frame("CIS", "2010-06-01", ds)}, "csv").decode()
    assert text.splitlines()[0] == "iso3,name,status,since,source_url,note"


def test_frames_are_copies_the_caller_may_change(ds):
    first = frames.membership_frame("CIS", "2010-06-01", ds)
    bounds = first.total_bounds.tolist()
    first["status"] = "changed"
    first.geometry = first.geometry.translate(10, 10)
    again = frames.membership_frame("CIS", "2010-06-01", ds)
    assert "changed" not in set(again["status"]) and again.total_bounds.tolist() == bounds
    states = frames.states_frame()
    states.loc[:, "name"] = "changed"
    assert "changed" not in set(frames.states_frame()["name"])


def test_overlap_and_context_frames(ds):
    table = frames.overlap_frame("2015-06-01", ["CIS", "CSTO", "EAEU"], ds)
    counts = dict(zip(table["iso3"], table["count"]))
    assert counts["RUS"] == 3 and counts["KGZ"] == 2 and len(table) == 15
    assert "CIS; CSTO; EAEU" in set(table["organisations"])
    context = frames.context_frame()
    assert {"POL", "CHN", "TUR"} <= set(context["iso3"]) and not set(context["iso3"]) & set(
        table["iso3"]
    )


def test_territories_frame_on_a_day(ds):
    frame = frames.territories_frame("2015-06-01", ds)
    assert {"CRIMEA", "SEVASTOPOL", "DONETSK", "ABKHAZIA"} <= set(frame["territory"])
    assert frame.geometry.is_valid.all() and frames.territories_frame("1990-01-01", ds).empty


def test_png_legend_names_the_statuses_shown(ds):
    labels = Labels("en", names.build(ds))
    table = membership.statuses_on(ds.memberships, ds.countries, "CSTO", D("2012-07-01"))
    drawn = choropleth.membership(table, labels, "CSTO", D("2012-07-01"))
    fig = picture.figure(drawn, labels)
    texts = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    shown = {labels.status(s) for s in table["status"]}
    assert set(texts) == shown | {"Outside the post-Soviet space (not classified)"}
    assert fig.get_size_inches().tolist() == [12.0, 6.4]
    data = picture.png(fig)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    from PIL import Image

    assert Image.open(io.BytesIO(data)).size == (1800, 960)


def test_png_keeps_chukotka_east_of_russia_and_true_shapes(ds):
    from shapely.geometry import Point

    russia = picture.mercator(frames.states_frame().query("iso3 == 'RUS'"))
    west, _, east, _ = russia.total_bounds
    ends = gpd.GeoDataFrame(geometry=[Point(19.6, 55), Point(191.0, 66)], crs=frames.CRS)
    ends = picture.mercator(ends).geometry.x
    # Folded at 180° Russia would reach the far west edge of the picture (-180°).
    assert west == pytest.approx(ends[0], abs=20_000)
    assert east == pytest.approx(ends[1], abs=20_000)
    labels = Labels("en", names.build(ds))
    table = membership.statuses_on(ds.memberships, ds.countries, "CIS", D("2000-01-01"))
    ax = picture.figure(choropleth.membership(table, labels, "CIS", D("2000-01-01")), labels).axes[
        0
    ]
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    box = ax.get_position()
    frame = (box.width * picture.SIZE[0]) / (box.height * picture.SIZE[1])
    assert (x1 - x0) / (y1 - y0) == pytest.approx(frame, rel=0.01)  # one metre is one metre
