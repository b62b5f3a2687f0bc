"""The command line prints CSV and exits non-zero on bad data or input."""

import csv
import io
import subprocess
import sys

from geo import cli


def run(capsys, *args):
    code = cli.main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_membership_csv(capsys):
    code, out, _ = run(capsys, "membership", "--org", "CIS", "--date", "2009-08-17")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 15
    assert list(rows[0]) == ["iso3", "name", "status", "since", "source_url"]
    by = {r["iso3"]: r for r in rows}
    assert by["GEO"]["status"] == "withdrawing" and by["GEO"]["source_url"].startswith("http")
    assert by["EST"]["status"] == "none" and by["EST"]["since"] == ""


def test_membership_unknown_org(capsys):
    code, _, err = run(capsys, "membership", "--org", "XYZ", "--date", "2009-08-17")
    assert code == 2 and "unknown organisation 'XYZ'" in err


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
        "presence",
        "representative",
        "signed_final_document",
        "source_url",
    ]


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
