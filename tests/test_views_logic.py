"""The computations behind the exploration views, checked on sourced facts."""

import io
import json
import zipfile
from datetime import date

import pytest

from geo import (
    attendance,
    changes,
    choropleth,
    export,
    history,
    membership,
    overlap,
    palette,
    profile,
    shapes,
    urlstate,
)

D = date.fromisoformat


def test_changes_window_is_after_start_up_to_end(ds):
    found = changes.status_changes(ds, D("2008-08-18"), D("2009-08-18"), ["CIS"])
    # The notice of 2008-08-18 is on the start day, so excluded; the exit on the end day counts.
    assert found[["iso3", "before", "after", "change"]].values.tolist() == [
        ["GEO", "withdrawing", "none", "left"]
    ]


def test_changes_name_both_sides_and_sources(ds):
    found = changes.status_changes(ds, D("2024-01-01"), D("2024-12-31"), ["CSTO", "SCO"])
    rows = {(r.org, r.iso3): r for r in found.itertuples()}
    assert rows[("CSTO", "ARM")].after == "suspended"
    assert rows[("SCO", "BLR")].before == "observer" and rows[("SCO", "BLR")].after == "member"
    assert all(u.startswith("http") for u in found["source_url"])


def test_no_changes_is_empty(ds):
    assert changes.status_changes(ds, D("1995-01-01"), D("1995-01-02"), ["EU"]).empty


def test_overlap_full_members(ds):
    table = overlap.belonging(ds, D("2015-06-01"), ["CIS", "CSTO", "EAEU"], any_status=False)
    counts = dict(zip(table["iso3"], table["count"]))
    assert counts["RUS"] == counts["ARM"] == counts["BLR"] == counts["KAZ"] == 3
    assert counts["KGZ"] == 2  # EAEU only from 2015-08-12
    assert counts["UKR"] == 0 and counts["TKM"] == 0  # participant and associate do not count
    combos = overlap.combinations(table)
    assert combos.iloc[0]["organisations"] == "CIS, CSTO, EAEU" and combos.iloc[0]["number"] == 4


def test_overlap_any_status_counts_associates(ds):
    table = overlap.belonging(ds, D("2015-06-01"), ["CIS"], any_status=True)
    assert dict(zip(table["iso3"], table["count"]))["TKM"] == 1


def test_summit_summary_of_december_2025(ds):
    text = attendance.summary(attendance.roster(ds, "CIS-2025-12-22"))
    assert text.startswith("7 of 8 members' leaders attended; Azerbaijan absent;")
    assert "Moldova (suspended) absent" in text


def test_yerevan_2022_armenia_did_not_sign(ds):
    roster = attendance.roster(ds, "CSTO-2022-11-23").set_index("iso3")
    assert roster.loc["ARM", "presence"] == "leader"
    assert roster.loc["ARM", "signed_final_document"] == "no"
    text = attendance.summary(attendance.roster(ds, "CSTO-2022-11-23"))
    assert text == "6 of 6 members' leaders attended; did not sign the final document: Armenia."


def test_sochi_2013_six_leaders(ds):
    roster = attendance.roster(ds, "CSTO-2013-09-23")
    assert sorted(roster["iso3"]) == ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"]
    assert set(roster["presence"]) == {"leader"}


def test_newest_first_and_filter(ds):
    listed = attendance.newest_first(ds.summits, "CSTO", D("2013-01-01"), D("2013-12-31"))
    assert list(listed["start"]) == sorted(listed["start"], reverse=True)
    assert "CSTO-2013-09-23" in set(listed["id"])
    assert attendance.newest_first(ds.summits, "GUAM", D("2015-01-01"), D("2020-01-01")).empty


def test_leader_record_adds_up(ds):
    m = history.presence_matrix(ds, "CSTO", D("2023-01-01"), D("2025-12-31"))
    record = history.leader_record(m).set_index("iso3")
    cols = ["leader", "leader_online", "represented", "absent", "declined", "unknown"]
    assert (record[cols].sum(axis=1) == record["summits"]).all()
    assert record.loc["ARM", "in person %"] == 0.0 and record.loc["ARM", "declined"] >= 3


def test_profile_timeline_and_record(ds):
    line = profile.timeline(ds, "ARM", D("2026-11-23"))
    csto = line[line["org"] == "CSTO"]
    assert csto.iloc[-1]["status"] == "suspended" and bool(csto.iloc[-1]["ongoing"])
    record = profile.summit_record(profile.summit_rows(ds, "ARM")).set_index("org")
    assert record.loc["CSTO", "summits"] == record.loc["CSTO", ["leader", "leader_online",
           "represented", "absent", "declined", "unknown"]].sum()  # fmt: skip


def test_travel_steps_hold_years_and_change_days(ds):
    steps = membership.travel_steps(membership.change_dates(ds.memberships, "CIS"), D("2026-11-23"))
    assert D("1992-01-01") in steps and D("2026-01-01") in steps and D("2009-08-18") in steps
    assert steps == sorted(steps) and max(steps) <= D("2026-11-23")
    assert membership.step_label(D("1995-01-01")) == "1995"
    assert membership.step_label(D("2009-08-18")) == "2009-08-18"


def test_summit_spec_fills_and_host_marker(ds):
    roster = attendance.roster(ds, "CIS-2025-12-22")
    summit = ds.summits.set_index("id").loc["CIS-2025-12-22"].to_dict() | {"id": "CIS-2025-12-22"}
    place = ds.place(summit["city"], summit["host_iso3"])
    spec = choropleth.summit_spec(roster, summit, "CIS", "g.json", place)
    assert spec["fills"]["ARM"] == palette.PRESENCE_COLOURS["leader"]
    assert spec["fills"]["AZE"] == palette.PRESENCE_COLOURS["absent"]
    assert spec["markers"][0][:2] == [place[0], place[1]] and 59 < place[0] < 61
    assert "EST" not in spec["fills"] and "GEO" not in spec["fills"]  # no status: neutral fill


def test_package_zip_is_a_valid_data_package(tmp_path):
    from frictionless import Package, system

    from geo.paths import DATA_DIR

    with zipfile.ZipFile(io.BytesIO(export.package_zip(DATA_DIR))) as z:
        z.extractall(tmp_path)
        names = {n.split("/", 1)[1] for n in z.namelist()}
    assert {"datapackage.json", "memberships.csv", "summits.csv", "attendance.csv"} <= names
    with system.use_context(trusted=True):
        assert Package(str(tmp_path / "post-soviet-blocs" / "datapackage.json")).validate().valid


def test_snapshot_geojson_and_png(ds):
    table = membership.statuses_on(ds.memberships, ds.countries, "CSTO", D("2012-07-01"))
    gj = json.loads(export.snapshot_geojson(shapes.load(), table, {"org": "CSTO"}))
    assert len(gj["features"]) == 15
    uzb = next(f for f in gj["features"] if f["properties"]["iso3"] == "UZB")
    assert uzb["properties"]["status"] == "suspended" and uzb["properties"]["org"] == "CSTO"
    png = export.membership_png(shapes.load(), table, "CSTO", D("2012-07-01"))
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 50_000


@pytest.mark.parametrize(
    "params, expected",
    [
        (
            {"view": "summit", "summit": "CSTO-2022-11-23"},
            {"org": "CSTO", "summit": "CSTO-2022-11-23"},
        ),
        ({"view": "summit", "org": "CIS", "summit": "CSTO-2022-11-23"}, {"org": "CIS"}),
        (
            {"view": "overlap", "orgs": "CIS,EU", "scope": "any"},
            {"orgs": ["CIS", "EU"], "scope": "any"},
        ),
        ({"view": "country", "iso3": "GEO"}, {"iso3": "GEO"}),
        ({"view": "attendance", "org": "CSTO", "from": "2010-01-01"}, {"from": D("2010-01-01")}),
        ({"view": "data", "table": "cities"}, {"table": "cities", "org": "CIS"}),
    ],
)
def test_parse_view(ds, params, expected):
    values = urlstate.parse_view(params, ds, D("2026-11-23")).values
    assert values["view"] == params["view"]
    for key, value in expected.items():
        assert values[key] == value


@pytest.mark.parametrize(
    "params",
    [{"view": "country", "iso3": "POL"}, {"view": "overlap", "orgs": "XX"},
     {"view": "summit", "org": "CIS", "summit": "CSTO-2022-11-23"},
     {"view": "changes", "from": "2020-01-01", "to": "2010-01-01"}, {"view": "<b>"}],
)  # fmt: skip
def test_parse_view_notices(ds, params):
    assert urlstate.parse_view(params, ds, D("2026-11-23")).notices


def test_to_params_round_trip(ds):
    values = urlstate.parse_view(
        {"view": "overlap", "date": "2015-06-01"}, ds, D("2026-11-23")
    ).values
    params = urlstate.to_params(values)
    assert params == {
        "view": "overlap",
        "date": "2015-06-01",
        "orgs": "CIS,CSTO,EAEU",
        "scope": "members",
    }
    assert urlstate.parse_view(params, ds, D("2026-11-23")).values == values


def test_profile_of_a_state_without_summits(ds):
    rows = profile.summit_rows(ds, "EST")
    assert rows.empty and "presence" in rows.columns
    assert profile.summit_record(rows).empty
    line = profile.timeline(ds, "EST", D("2026-11-23"))
    assert set(line["org"]) == {"EU", "NATO"}
