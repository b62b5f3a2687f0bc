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


def test_attendance_for_non_member_needs_note(data_copy, ds):
    summit = ds.summits[ds.summits["org"] == "SCO"].iloc[-1]["id"]
    line = append(
        data_copy / "attendance.csv",
        [summit, "EST", "leader", "X (President)", "yes", "https://a.org/", ""],
    )
    with pytest.raises(DataError, match=rf"line {line}, column 'iso3': EST held no status in SCO"):
        load_dataset(data_copy)


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
    with pytest.raises(DataError, match="datapackage.json: cannot be read"):
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
    line = append(data_copy / "cities.csv", ["Nowhere", "RUS", lat, "30.0", "https://a.org/"])
    with pytest.raises(DataError) as err:
        load_dataset(data_copy)
    assert f"data/cities.csv, line {line}, column 'lat': {fragment}" in str(err.value)
