"""The computations behind the exploration views, checked on sourced facts."""

import io
import zipfile
from datetime import date

import pytest

from geo import (
    attendance,
    changes,
    export,
    history,
    membership,
    overlap,
    profile,
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
    top = combos.iloc[0]
    assert top["memberships"] == (("CIS", "member"), ("CSTO", "member"), ("EAEU", "member"))
    assert top["number"] == 4 and set(top["states"]) == {"ARM", "BLR", "KAZ", "RUS"}


def test_overlap_any_status_counts_associates(ds):
    table = overlap.belonging(ds, D("2015-06-01"), ["CIS"], any_status=True)
    assert dict(zip(table["iso3"], table["count"]))["TKM"] == 1


@pytest.fixture(scope="module")
def labels(ds):
    from geo import names
    from geo.labels import Labels

    return Labels("en", names.build(ds))


def test_summit_summary_of_december_2025(ds, labels):
    text = attendance.summary(attendance.roster(ds, "CIS-2025-12-22"), labels)
    assert text.startswith("7 of 8 members' leaders attended; Azerbaijan absent;")
    assert "Moldova (suspended / frozen) absent" in text


def test_yerevan_2022_armenia_did_not_sign(ds, labels):
    roster = attendance.roster(ds, "CSTO-2022-11-23").set_index("iso3")
    assert roster.loc["ARM", "presence"] == "leader"
    assert roster.loc["ARM", "signed_final_document"] == "no"
    text = attendance.summary(attendance.roster(ds, "CSTO-2022-11-23"), labels)
    assert text == "6 of 6 members' leaders attended; did not sign the final document: Armenia."


def test_summary_names_the_guests(ds, labels):
    text = attendance.summary(attendance.roster(ds, "EAEU-2015-05-08"), labels)
    assert text.endswith("guests: Kyrgyzstan (in person).")


def test_guests_stay_out_of_the_members_record(ds):
    m = history.presence_matrix(ds, "EACU", D("2014-01-01"), D("2014-12-31"))
    assert set(m[m["capacity"] == "guest"]["iso3"]) == {"ARM", "KGZ"}
    record = history.leader_record(m)
    assert set(record["iso3"]) == {"BLR", "KAZ", "RUS"}


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
    assert (
        record.loc["CSTO", "summits"]
        == record.loc[
            "CSTO", ["leader", "leader_online", "represented", "absent", "declined", "unknown"]
        ].sum()
    )


def test_travel_steps_hold_years_and_change_days(ds):
    steps = membership.travel_steps(membership.change_dates(ds.memberships, "CIS"), D("2026-11-23"))
    assert D("1992-01-01") in steps and D("2026-01-01") in steps and D("2009-08-18") in steps
    assert steps == sorted(steps) and max(steps) <= D("2026-11-23")
    assert membership.step_label(D("1995-01-01")) == "1995"
    assert membership.step_label(D("2009-08-18")) == "2009-08-18"


def test_package_zip_is_a_valid_data_package(tmp_path, ds):
    from frictionless import Package, system

    with zipfile.ZipFile(io.BytesIO(export.package_zip(ds))) as z:
        z.extractall(tmp_path)
        names = {n.split("/", 1)[1] for n in z.namelist()}
    assert {"datapackage.json", "memberships.csv", "summits.csv", "attendance.csv"} <= names
    with system.use_context(trusted=True):
        assert Package(str(tmp_path / "post-soviet-blocs" / "datapackage.json")).validate().valid


def test_profile_of_a_state_that_never_held_a_seat(ds):
    """Estonia came once, as a guest of GUAM: a summit row, but no seat record."""
    rows = profile.summit_rows(ds, "EST")
    assert set(rows["capacity"]) == {"guest"} and "presence" in rows.columns
    assert profile.summit_record(rows).empty
    line = profile.timeline(ds, "EST", D("2026-11-23"))
    assert set(line["org"]) == {"EU", "NATO"}


def test_territorial_changes_in_a_window(ds):
    found = changes.territory_changes(ds, D("2014-01-01"), D("2014-12-31"))
    crimea = found[found["territory"] == "CRIMEA"][
        ["date", "previous", "situation"]
    ].values.tolist()
    assert crimea == [
        [D("2014-02-27"), "none", "occupied"],
        [D("2014-03-18"), "occupied", "annexed"],
    ]
    ended = changes.territory_changes(ds, D("2023-09-01"), D("2023-12-31"))
    assert ended[["territory", "situation"]].values.tolist() == [["NAGORNO_KARABAKH", "none"]]


def test_a_summit_label_says_by_video_link_once(ds, labels):
    summits = ds.summits.set_index("id", drop=False)
    online = attendance.summit_label(summits.loc["CIS-2020-12-18"], labels)
    assert online == "18 December 2020 · by video link"
    informal = attendance.summit_label(summits.loc["CIS-2022-12-26"], labels)
    assert informal == "26 December 2022 · St Petersburg (informal)"


def test_the_heatmap_marks_the_seats_whose_leader_did_not_come(ds, labels):
    """Orange, vermilion and yellow alone are hard to tell apart: each of the three also
    has its own mark in the cell, and the legend names the mark beside the colour."""
    from geo import charts, palette

    spec = charts.heatmap(
        history.presence_matrix(ds, "CIS", D("1991-12-08"), D("2026-12-01")), labels
    ).to_dict()
    (rows,) = spec["datasets"].values()
    marks = {r["presence"]: r["mark"] for r in rows}
    assert marks["Absent"] == "×" and marks["Leader in person"] == ""
    assert len(set(palette.PRESENCE_MARKS.values())) == len(palette.PRESENCE_MARKS)
    text = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "text")
    assert text["encoding"]["text"]["field"] == "mark"
    rect = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "rect")
    legend_words = rect["encoding"]["color"]["scale"]["domain"]
    assert "× Absent" in legend_words and "◐ Represented by an official" in legend_words


def test_a_profile_timeline_keeps_one_order_in_both_languages(ds):
    """Rows by the day the state first held a status, not re-sorted by Cyrillic names."""
    from geo import charts, names
    from geo.labels import Labels

    line = profile.timeline(ds, "ARM", D("2026-12-01"))
    orders = []
    for lang in ("en", "ru"):
        labels = Labels(lang, names.build(ds))
        sort = charts.gantt(line, labels).to_dict()["encoding"]["y"]["sort"]
        orders.append([next(o for o in line["org"].unique() if labels.org(o) == s) for s in sort])
    assert orders[0] == orders[1]
    firsts = line.groupby("org")["start"].min()
    assert [firsts[o] for o in orders[0]] == sorted(firsts)
