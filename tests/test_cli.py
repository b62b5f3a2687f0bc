"""The command line prints CSV and exits non-zero on bad data or input."""

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from geo import cli


def run(capsys, *args):
    code = cli.main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_membership_csv(capsys):
    code, out, _ = run(capsys, "membership", "--org", "CIS", "--date", "2009-08-17")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 15
    assert list(rows[0]) == ["iso3", "name", "status", "since", "source_url", "note"]
    by = {r["iso3"]: r for r in rows}
    assert by["GEO"]["status"] == "withdrawing" and by["GEO"]["source_url"].startswith("http")
    assert by["EST"]["status"] == "none" and by["EST"]["since"] == ""


def test_membership_unknown_org(capsys):
    code, _, err = run(capsys, "membership", "--org", "XYZ", "--date", "2009-08-17")
    assert code == 2 and "org: unknown organisation 'XYZ'" in err


def test_summits_filter(capsys, ds):
    code, out, _ = run(
        capsys, "summits", "--org", "SCO", "--from", "2010-01-01", "--to", "2012-12-31"
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows and all("2010-01-01" <= r["start"] <= "2012-12-31" for r in rows)
    assert list(rows[0]) == ["id", "start", "end", "city", "host_iso3", "kind", "source_url"]


def test_attendance(capsys, ds):
    summit = ds.summits[ds.summits["org"] == "SCO"].iloc[-1]["id"]
    code, out, _ = run(capsys, "attendance", "--summit", summit)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and {"KAZ", "RUS"} <= {r["iso3"] for r in rows}
    assert list(rows[0]) == [
        "iso3",
        "name",
        "capacity",
        "presence",
        "representative",
        "signed_final_document",
        "source_url",
        "note",
    ]


def test_attendance_prints_guests_with_their_capacity(capsys):
    code, out, _ = run(capsys, "attendance", "--summit", "EAEU-2015-05-08")
    rows = {r["iso3"]: r for r in csv.DictReader(io.StringIO(out))}
    assert code == 0 and rows["KGZ"]["capacity"] == "guest" and rows["RUS"]["capacity"] == "status"


def test_validate_ok(capsys):
    code, out, _ = run(capsys, "validate")
    assert code == 0 and "data/ is valid" in out


def test_validate_fails_on_broken_data(data_copy):
    (data_copy / "memberships.csv").open("a").write(
        "CIS,EST,member,2000-13-01,,day,https://a.org/,\n"
    )
    proc = subprocess.run(
        [sys.executable, "-m", "geo", "--data", str(data_copy), "validate"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1
    assert "column 'start': '2000-13-01' is not an ISO 8601 date" in proc.stderr


def test_module_entry_point():
    proc = subprocess.run(
        [sys.executable, "-m", "geo", "membership", "--org", "CSTO", "--date", "2012-07-01"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0 and proc.stdout.startswith("iso3,name,status,since,source_url")


TERRITORY_HEADER = [
    "territory",
    "name",
    "de_jure_iso3",
    "situation",
    "controlled_by",
    "since",
    "source_url",
    "shown_as",
]


def territories_on(capsys, day):
    code, out, err = run(capsys, "territories", "--date", day)
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert out.splitlines()[0].split(",") == TERRITORY_HEADER
    return {r["territory"]: r for r in rows}


@pytest.mark.parametrize(
    "day, territory, situation, controlled_by",
    [
        ("2014-02-26", "CRIMEA", None, None),  # the day before the seizure: nothing
        ("2014-02-27", "CRIMEA", "occupied", "RUS"),  # first day
        ("2014-03-17", "CRIMEA", "occupied", "RUS"),  # last day of that situation
        ("2014-03-18", "CRIMEA", "annexed", "RUS"),  # the end day begins the next
        ("2008-08-25", "ABKHAZIA", "breakaway", ""),
        ("2008-08-26", "ABKHAZIA", "breakaway_recognised_by_russia", ""),
        ("2023-09-19", "NAGORNO_KARABAKH", "breakaway", ""),
        ("2023-09-20", "NAGORNO_KARABAKH", None, None),  # capitulation: the situation ended
        ("2022-02-23", "ZAPORIZHZHIA", None, None),
        ("2022-02-25", "ZAPORIZHZHIA", "partly_occupied", "RUS"),
    ],
)
def test_territories_on_boundary_days(capsys, day, territory, situation, controlled_by):
    rows = territories_on(capsys, day)
    if situation is None:
        assert territory not in rows
    else:
        row = rows[territory]
        assert (row["situation"], row["controlled_by"]) == (situation, controlled_by)
        assert row["source_url"].startswith("http") and row["de_jure_iso3"]


def test_since_follows_the_unbroken_run(capsys):
    """Donetsk: a recognition in 2022 is a new row, not a new situation."""
    assert territories_on(capsys, "2022-06-01")["DONETSK"]["since"] == "2014-05-11"


def test_territories_before_1990_is_header_only(capsys):
    code, out, _ = run(capsys, "territories", "--date", "1989-06-01")
    assert code == 0 and out.strip().split(",") == TERRITORY_HEADER


def test_territories_bad_date_is_one_line(capsys):
    code, _, err = run(capsys, "territories", "--date", "2015-13-01")
    assert code == 2
    assert err == "error: date: '2015-13-01' is not a date in the form YYYY-MM-DD\n"


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["--org", "XYZ", "--date", "2012-07-01", "--format", "gpkg"],
            "error: org: unknown organisation 'XYZ'; known: CIS, CSTO, EAEU, EURASEC, EACU, "
            "UNION_STATE, GUAM, SCO, EU, NATO, OTS",
        ),
        (
            ["--summit", "CIS-1900-01-01", "--format", "gpkg"],
            "error: summit: unknown summit 'CIS-1900-01-01'; the nearest of its organisation "
            "is CIS-1991-12-21",
        ),
        (
            ["--org", "CSTO", "--date", "2012-07-01", "--format", "kml"],
            "error: format: unknown format 'kml'; known: gpkg, geojson, shp, fgb, csv",
        ),
        (
            ["--org", "CSTO", "--format", "gpkg"],
            "error: export needs summit, or both org and date",
        ),
    ],
)
def test_export_errors_are_one_line(capsys, tmp_path, args, message):
    target = tmp_path / "out.gpkg"
    code, _, err = run(capsys, "export", *args, "-o", str(target))
    assert code == 2 and err == message + "\n"
    assert list(tmp_path.iterdir()) == []  # nothing half-written


def test_export_bad_date_is_one_line():
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "geo",
            "export",
            "--org",
            "CSTO",
            "--date",
            "2012-7-1",
            "--format",
            "gpkg",
            "-o",
            "x.gpkg",
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2 and len(proc.stderr.splitlines()) == 1
    assert "Traceback" not in proc.stderr


def export_csto(capsys, target, fmt="gpkg"):
    return run(capsys, "export", "--org", "CSTO", "--date", "2012-07-01", "--format", fmt,
               "-o", str(target))  # fmt: skip


def test_export_to_an_unwritable_place(capsys, tmp_path):
    missing = tmp_path / "no" / "such" / "out.gpkg"
    code, _, err = export_csto(capsys, missing)
    assert code == 2
    assert err == f"error: cannot write {missing}: the folder {missing.parent} does not exist\n"
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        target = locked / "out.gpkg"
        if os.access(locked, os.W_OK):  # root (as in CI): run the CLI without root's powers
            code, err = export_without_capabilities(target)
        else:
            code, _, err = export_csto(capsys, target)
        assert (code, err) == (2, f"error: cannot write {target}: Permission denied\n")
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)


def export_without_capabilities(target):
    """The export CLI in a process that keeps no capability, so that even root obeys the
    folder's permissions (the way test_faults drops them for the server)."""
    drop = ("setpriv", "--bounding-set=-all", "--inh-caps=-all")
    args = ("export", "--org", "CSTO", "--date", "2012-07-01", "--format", "gpkg")
    done = subprocess.run([*drop, sys.executable, "-m", "geo", *args, "-o", str(target)],
                          capture_output=True, text=True, cwd=Path(cli.__file__).parent.parent)  # fmt: skip
    return done.returncode, done.stderr


def test_export_onto_a_folder_is_refused_and_leaves_nothing(capsys, tmp_path):
    folder = tmp_path / "taken.gpkg"
    folder.mkdir()
    code, _, err = export_csto(capsys, folder)
    assert code == 2
    assert err == f"error: cannot write {folder}: it exists and is not a regular file\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken.gpkg"]


def test_a_failed_write_leaves_no_partial_file(capsys, tmp_path, monkeypatch):
    def broken(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    target = tmp_path / "out.geojson"
    code, _, err = export_csto(capsys, target, "geojson")
    assert code == 2 and err == f"error: cannot write {target}: No space left on device\n"
    assert list(tmp_path.iterdir()) == []


def cli_process(*args, stdout=subprocess.PIPE, **options):
    return subprocess.run([sys.executable, "-m", "geo", *args], stdout=stdout,
                          stderr=subprocess.PIPE, cwd=Path(cli.__file__).parent.parent,
                          **options)  # fmt: skip


def test_export_to_standard_output():
    done = cli_process("export", "--summit", "CIS-2022-12-26", "--format", "geojson", "-o", "-")
    assert done.returncode == 0 and done.stdout.startswith(b"{")
    assert b'"name": "cis-2022-12-26_attendance"' in done.stdout and done.stderr == b""


@pytest.mark.parametrize("target", ["/dev/full", "/dev/null"])
def test_export_never_replaces_a_device(capsys, target):
    code, _, err = export_csto(capsys, target, "csv")
    assert (
        code == 2 and err == f"error: cannot write {target}: it exists and is not a regular file\n"
    )
    assert not Path(target).is_file()


def test_export_never_follows_a_symbolic_link(capsys, tmp_path):
    link = tmp_path / "out.csv"
    link.symlink_to("/dev/stdout")
    code, _, err = export_csto(capsys, link, "csv")
    assert code == 2 and "is not a regular file" in err and link.is_symlink()


def test_an_empty_target_is_one_line(capsys):
    code, _, err = export_csto(capsys, "", "csv")
    assert code == 2 and err == "error: -o needs a file name, or - for standard output\n"


def test_export_honours_the_umask(tmp_path):
    target = tmp_path / "out.csv"
    args = ("export", "--org", "CSTO", "--date", "2012-07-01", "--format", "csv", "-o", str(target))
    for mask, mode in ((0o022, 0o644), (0o077, 0o600)):
        done = cli_process(*args, preexec_fn=lambda m=mask: os.umask(m))
        assert done.returncode == 0, done.stderr
        assert target.stat().st_mode & 0o777 == mode


def test_a_full_disk_is_one_line():
    with open("/dev/full", "wb") as full:
        done = cli_process("panel", stdout=full)
    assert done.returncode == 1
    assert done.stderr.decode() == (
        "error: cannot write to standard output: No space left on device\n"
    )


def test_a_closed_pipe_ends_quietly():
    reader, writer = os.pipe()
    os.close(reader)  # nobody reads: the first write meets a closed pipe
    done = cli_process("panel", "--format", "json", stdout=writer)
    os.close(writer)
    assert done.returncode == cli.CLOSED_PIPE and done.stderr == b""


def test_a_copy_s_own_shapes_are_used(data_copy):
    """--data DIR validates and exports with DIR's geometry, never the checkout's."""
    (data_copy / "geometry" / "region.geojson").unlink()
    done = cli_process("--data", str(data_copy), "validate")
    assert done.returncode == 1 and b"data/geometry/region.geojson: cannot be read" in done.stderr
    done = cli_process("--data", str(data_copy), "export", "--org", "CIS", "--date",
                       "2010-01-01", "--format", "csv", "-o", "-")  # fmt: skip
    assert done.returncode == 1 and len(done.stderr.splitlines()) == 2


def test_a_bad_descriptor_is_a_short_error_not_a_traceback(data_copy):
    path = data_copy / "datapackage.json"
    path.write_text(path.read_text().replace('"schema"', '"schemata"', 1))
    done = cli_process("--data", str(data_copy), "validate")
    assert done.returncode == 1 and b"Traceback" not in done.stderr
    assert b"has no schema" in done.stderr and len(done.stderr.splitlines()) <= 3
