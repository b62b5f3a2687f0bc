"""Broken data is refused with a message naming file, line, column and value."""

import csv
import json

import pytest

from geo.load import load_dataset
from geo.validate import DataError

MEMBER_HEADER = "org,iso3,status,start,end,precision,source_url,note"


def rewrite(path, edit):
    """Apply ``edit`` to the rows (header excluded) of a CSV file."""
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    rows[1:] = edit(rows[1:])
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def append(path, row):
    rewrite(path, lambda rows: rows + [row])
    with path.open(encoding="utf-8") as f:
        return sum(1 for _ in f)  # the line number of the appended row


def test_real_data_is_valid(ds):
    assert len(ds.memberships) > 50


@pytest.mark.parametrize(
    "row, column, fragment",
    [
        (
            ["CIS", "XXX", "member", "2000-01-01", "", "day", "https://a.org/", ""],
            "iso3",
            "'XXX' is not a known countries iso3",
        ),
        (
            ["CIS", "EST", "member", "2000-13-01", "", "day", "https://a.org/", ""],
            "start",
            "'2000-13-01' is not an ISO 8601 date",
        ),
        (
            ["CIS", "EST", "member", "01/02/2000", "", "day", "https://a.org/", ""],
            "start",
            "'01/02/2000' is not an ISO 8601 date",
        ),
        (
            ["CIS", "EST", "member", "2000-01-01", "", "day", "", ""],
            "source_url",
            "value is required but empty",
        ),
        (
            ["CIS", "EST", "member", "2000-01-01", "", "day", "ftp://a.org/x", ""],
            "source_url",
            "does not match",
        ),
        (
            ["CIS", "EST", "friend", "2000-01-01", "", "day", "https://a.org/", ""],
            "status",
            "'friend' is not one of: member",
        ),
        (
            ["NOPE", "EST", "member", "2000-01-01", "", "day", "https://a.org/", ""],
            "org",
            "'NOPE' is not a known organisations id",
        ),
        (
            ["CIS", "EST", "member", "2000-01-01", "1999-01-01", "day", "https://a.org/", ""],
            "end",
            "is not after start",
        ),
    ],
)
def test_bad_membership_row(data_copy, row, column, fragment):
    line = append(data_copy / "memberships.csv", row)
    with pytest.raises(DataError) as err:
        load_dataset(data_copy)
    assert f"data/memberships.csv, line {line}, column '{column}'" in str(err.value)
    assert fragment in str(err.value)


def test_overlap_names_both_rows(data_copy):
    # Georgia's CIS rows run 1993-12-01 .. 2009-08-18; a member row from 2000 overlaps them.
    line = append(
        data_copy / "memberships.csv",
        ["CIS", "GEO", "observer", "2000-01-01", "2001-01-01", "day", "https://a.org/", ""],
    )
    with pytest.raises(
        DataError,
        match=rf"line {line}, column 'start': CIS/GEO interval from 2000-01-01 overlaps line \d+",
    ):
        load_dataset(data_copy)


def test_wrong_header(data_copy):
    path = data_copy / "memberships.csv"
    text = path.read_text(encoding="utf-8").replace(
        MEMBER_HEADER, MEMBER_HEADER.replace("iso3", "country"), 1
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match=r"data/memberships.csv, line 1: header is"):
        load_dataset(data_copy)


def test_summit_outside_lifetime_and_bad_id(data_copy):
    line = append(
        data_copy / "summits.csv",
        [
            "EURASEC-2016-05-01",
            "EURASEC",
            "2016-05-01",
            "2016-05-01",
            "Minsk",
            "BLR",
            "regular",
            "https://a.org/",
            "",
        ],
    )
    with pytest.raises(DataError) as err:
        load_dataset(data_copy)
    assert (
        f"data/summits.csv, line {line}, column 'end': 2016-05-01 is after EURASEC was dissolved"
        in str(err.value)
    )


def test_summit_id_must_match_org_and_date(data_copy):
    line = append(
        data_copy / "summits.csv",
        [
            "CIS-1999-01-02",
            "CIS",
            "1999-01-01",
            "1999-01-01",
            "Minsk",
            "BLR",
            "regular",
            "https://a.org/",
            "",
        ],
    )
    with pytest.raises(
        DataError, match=rf"line {line}, column 'id': 'CIS-1999-01-02' should be 'CIS-1999-01-01'"
    ):
        load_dataset(data_copy)


def test_attendance_for_a_state_without_status_must_be_a_guest(data_copy, ds):
    summit = ds.summits[ds.summits["org"] == "SCO"].iloc[-1]["id"]
    line = append(
        data_copy / "attendance.csv",
        [summit, "EST", "status", "leader", "X (President)", "yes", "https://a.org/", ""],
    )
    with pytest.raises(
        DataError,
        match=rf"line {line}, column 'capacity': EST held no status in SCO .* must be capacity 'guest'",
    ):
        load_dataset(data_copy)


def test_a_state_holding_a_status_cannot_be_a_guest(data_copy):
    rewrite(
        data_copy / "attendance.csv",
        lambda rows: [
            [*r[:2], "guest", *r[3:]] if r[0] == "CSTO-2022-11-23" and r[1] == "ARM" else r
            for r in rows
        ],
    )
    with pytest.raises(
        DataError,
        match=r"column 'capacity': ARM held a status in CSTO on 2022-11-23, so it cannot be a guest",
    ):
        load_dataset(data_copy)


def test_a_guest_row_records_someone_who_came(data_copy, ds):
    summit = ds.summits[ds.summits["org"] == "SCO"].iloc[-1]["id"]
    line = append(
        data_copy / "attendance.csv",
        [summit, "EST", "guest", "absent", "", "no", "https://a.org/", ""],
    )
    with pytest.raises(
        DataError, match=rf"line {line}, column 'presence': a guest row records who came"
    ):
        load_dataset(data_copy)


def test_the_guest_rows_of_the_data_pass(ds):
    guests = ds.attendance[ds.attendance["capacity"] == "guest"]
    assert {"CSTO-2006-06-23", "EAEU-2015-05-08"} <= set(guests["summit_id"])


def test_territory_intervals_must_not_overlap(data_copy):
    line = append(
        data_copy / "territories.csv",
        [
            "CRIMEA",
            "UKR",
            "occupied",
            "RUS",
            "2015-01-01",
            "",
            "day",
            "seized",
            "https://a.org/",
            "",
        ],
    )
    with pytest.raises(
        DataError,
        match=rf"line {line}, column 'start': CRIMEA interval from 2015-01-01 overlaps line \d+",
    ):
        load_dataset(data_copy)


@pytest.mark.parametrize(
    "row, column, fragment",
    [
        (
            [
                "CRIMEA",
                "UKR",
                "liberated",
                "",
                "2030-01-01",
                "",
                "day",
                "seized",
                "https://a.org/",
                "",
            ],
            "situation",
            "'liberated' is not one of: annexed",
        ),
        (
            [
                "NOWHERE",
                "UKR",
                "occupied",
                "RUS",
                "2030-01-01",
                "",
                "day",
                "seized",
                "https://a.org/",
                "",
            ],
            "territory",
            "'NOWHERE' is not a known territory_names territory",
        ),
        (
            [
                "CRIMEA",
                "UKR",
                "occupied",
                "XXX",
                "2030-01-01",
                "",
                "day",
                "seized",
                "https://a.org/",
                "",
            ],
            "controlled_by",
            "'XXX' is not a known countries iso3",
        ),
        (
            [
                "CRIMEA",
                "UKR",
                "occupied",
                "RUS",
                "2030-01-01",
                "2029-01-01",
                "day",
                "seized",
                "https://a.org/",
                "",
            ],
            "end",
            "is not after start",
        ),
        (
            [
                "CRIMEA",
                "UKR",
                "occupied",
                "RUS",
                "2030-01-01",
                "",
                "day",
                "peace",
                "https://a.org/",
                "",
            ],
            "event",
            "'peace' is not one of: seized",
        ),
    ],
)
def test_bad_territory_row(data_copy, row, column, fragment):
    line = append(data_copy / "territories.csv", row)
    with pytest.raises(DataError) as err:
        load_dataset(data_copy)
    assert f"data/territories.csv, line {line}, column '{column}'" in str(err.value)
    assert fragment in str(err.value)


def test_a_file_cut_mid_line_is_named(data_copy):
    """A half-written memberships.csv is named as the broken file, not its neighbours."""
    path = data_copy / "memberships.csv"
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])
    with pytest.raises(DataError) as err:
        load_dataset(data_copy)
    problems = err.value.problems
    assert problems[0].startswith("data/memberships.csv")
    assert "may be incomplete" in str(err.value)
    assert not any(p.startswith("data/attendance.csv") for p in problems)


def test_a_file_cut_at_a_line_end_is_named_first(data_copy):
    path = data_copy / "memberships.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[: len(lines) // 2]), encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_dataset(data_copy)
    assert err.value.problems[0].startswith("data/memberships.csv: ")
    assert "may be incomplete" in err.value.problems[0]


def test_an_unreadable_file_is_a_read_error_without_server_paths(data_copy):
    from geo.load import DataUnreadable

    (data_copy / "summits.csv").unlink()
    with pytest.raises(DataUnreadable) as err:
        load_dataset(data_copy)
    assert str(err.value) == "data/summits.csv: cannot be read (No such file or directory)"
    assert str(data_copy) not in str(err.value)


def test_missing_attendance_row_is_named(data_copy, ds):
    summit = ds.summits[ds.summits["org"] == "SCO"].iloc[-1]["id"]
    rewrite(
        data_copy / "attendance.csv",
        lambda rows: [r for r in rows if not (r[0] == summit and r[1] == "KAZ")],
    )
    with pytest.raises(DataError, match=rf"{summit} has no attendance row for KAZ"):
        load_dataset(data_copy)


def test_duplicate_key(data_copy):
    path = data_copy / "memberships.csv"
    rewrite(path, lambda rows: rows + [rows[0]])
    with pytest.raises(DataError, match=r"repeats line 2"):
        load_dataset(data_copy)


def test_unreadable_descriptor(data_copy):
    (data_copy / "datapackage.json").write_text("{", encoding="utf-8")
    with pytest.raises(DataError, match="datapackage.json: is not valid JSON"):
        load_dataset(data_copy)


def test_descriptor_is_the_schema(data_copy):
    """Tightening the descriptor changes what the loader accepts: no second schema in code."""
    path = data_copy / "datapackage.json"
    desc = json.loads(path.read_text(encoding="utf-8"))
    for res in desc["resources"]:
        if res["name"] == "countries":
            for f in res["schema"]["fields"]:
                if f["name"] == "iso3":
                    f["constraints"]["pattern"] = "[A-Z]{2}"
    path.write_text(json.dumps(desc), encoding="utf-8")
    with pytest.raises(
        DataError, match=r"data/countries.csv, line 2, column 'iso3': 'ARM' does not match"
    ):
        load_dataset(data_copy)


@pytest.mark.parametrize(
    "lat, fragment",
    [("95.0", "'95.0' is outside -90 to 90"), ("north", "'north' is not a number")],
)
def test_bad_coordinate(data_copy, lat, fragment):
    row = ["Nowhere", "RUS", "Нигде", lat, "30.0", "https://a.org/", "https://a.org/ru", ""]
    line = append(data_copy / "cities.csv", row)
    with pytest.raises(DataError) as err:
        load_dataset(data_copy)
    assert f"data/cities.csv, line {line}, column 'lat': {fragment}" in str(err.value)


def edit_descriptor(folder, change):
    path = folder / "datapackage.json"
    desc = json.loads(path.read_text(encoding="utf-8"))
    change(desc)
    path.write_text(json.dumps(desc), encoding="utf-8")


def resource(desc, name):
    return next(r for r in desc["resources"] if r["name"] == name)


def drop_first_type(desc):
    del resource(desc, "summits")["schema"]["fields"][0]["type"]


SHAPES = [  # a descriptor of the wrong shape, each once a crash with a traceback
    (lambda d: d.update(created="2026-12"), "created '2026-12' is not a date-time"),
    (lambda d: resource(d, "cities").pop("schema"), "resource 'cities': has no schema"),
    (lambda d: d.update(resources="organisations.csv"), "resources must be a list of objects"),
    (lambda d: d["resources"].pop(), "resource 'territories' is missing"),
    (drop_first_type, "resource 'summits', field 'id': type None is not one of"),
    (lambda d: resource(d, "countries").update(path="../../../etc/passwd"), "must be a .csv"),
    (lambda d: resource(d, "countries").update(path="/etc/passwd"), "must be a .csv file name"),
    (lambda d: resource(d, "countries")["schema"].update(primaryKey=["nope"]), "primaryKey"),
]


@pytest.mark.parametrize("change, fragment", SHAPES)
def test_a_descriptor_of_the_wrong_shape_is_named(data_copy, change, fragment):
    edit_descriptor(data_copy, change)
    with pytest.raises(DataError) as err:
        load_dataset(data_copy)
    assert fragment in str(err.value)
    assert "root:" not in str(err.value) and "Traceback" not in str(err.value)


@pytest.mark.parametrize(
    "change, fragment",
    [
        (lambda c: c.pop("features"), "has no list of features"),
        (lambda c: c["features"][0].pop("properties"), "feature 1 has no properties"),
        (lambda c: c.update(type="Feature"), "is not a GeoJSON FeatureCollection"),
    ],
)
def test_shapes_of_the_wrong_shape_are_named(data_copy, change, fragment):
    path = data_copy / "geometry" / "territories.geojson"
    collection = json.loads(path.read_text(encoding="utf-8"))
    change(collection)
    path.write_text(json.dumps(collection), encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_dataset(data_copy)
    assert f"data/geometry/territories.geojson: {fragment}" in str(err.value)


def test_a_package_without_its_shapes_is_not_valid(data_copy):
    (data_copy / "geometry" / "region.geojson").unlink()
    with pytest.raises(DataError, match="data/geometry/region.geojson: cannot be read"):
        load_dataset(data_copy)


def test_the_validated_bytes_are_kept(data_copy):
    ds = load_dataset(data_copy)
    assert ds.files["memberships.csv"] == (data_copy / "memberships.csv").read_bytes()
    (data_copy / "memberships.csv").write_bytes(b"broken")  # after loading: no effect
    assert ds.files["memberships.csv"].startswith(b"org,iso3,status")
    assert set(ds.files) >= {"datapackage.json", "LICENSE.md", "geometry/region.geojson"}


def test_a_host_place_without_its_city_row_is_named(data_copy):
    rewrite(data_copy / "cities.csv", lambda rows: [r for r in rows if r[0] != "Bodrum"])
    with pytest.raises(DataError, match=r"summits.csv.*'Bodrum' in TUR has no row in data/cities"):
        load_dataset(data_copy)
