"""The app driven through Streamlit's AppTest: widgets in, tables and notices out."""

import re
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from geo.paths import ROOT

APP = str(ROOT / "dashboard.py")
UNLINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")  # [text](target) -> text


def app(**params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def table_rows(at) -> list[list[str]]:
    """Rows of the Markdown status table (cells unescaped), header first."""
    text = next(m.value for m in at.markdown if m.value.startswith("| iso3 |"))
    lines = [ln for ln in text.splitlines() if not ln.startswith("|---")]
    cells = [[c.strip() for c in ln.strip("|").split(" | ")] for ln in lines]
    return [[UNLINK.sub(r"\1", c).replace("\\", "") for c in row] for row in cells]


def statuses(at) -> dict:
    rows = table_rows(at)
    return {r[0]: r[2] for r in rows[1:]}


def test_defaults_show_cis_today():
    at = app()
    assert not at.exception
    assert at.selectbox(key="org").value == "CIS"
    assert at.date_input(key="date").value == date.today()
    rows = table_rows(at)
    assert rows[0] == ["iso3", "name", "status", "since", "source_url"] and len(rows) == 16
    assert "](http" in next(m.value for m in at.markdown if m.value.startswith("| iso3 |"))


def test_link_restores_view_and_table():
    at = app(org="CSTO", date="2012-07-01")
    assert at.selectbox(key="org").value == "CSTO"
    assert at.date_input(key="date").value == date(2012, 7, 1)
    s = statuses(at)
    assert s["UZB"] == "suspended" and s["ARM"] == "member" and s["GEO"] == "none"


def test_widgets_drive_the_table_and_the_url():
    at = app(org="CIS", date="2009-08-17")
    assert statuses(at)["GEO"] == "withdrawing"
    at.date_input(key="date").set_value(date(2009, 8, 18)).run()
    assert statuses(at)["GEO"] == "none"
    at.selectbox(key="org").set_value("EAEU").run()
    assert statuses(at)["GEO"] == "none" and statuses(at)["RUS"] == "none"
    at.date_input(key="date").set_value(date(2016, 1, 1)).run()
    assert statuses(at)["KGZ"] == "member"
    assert at.query_params["org"] == "EAEU" and at.query_params["date"] == "2016-01-01"


@pytest.mark.parametrize(
    "params, ignored",
    [
        ({"org": "<script>alert(1)</script>"}, "org"),
        ({"date": "2099-13-45"}, "date"),
        ({"date": "1985-01-01"}, "date"),
        ({"org": ""}, "org"),
    ],
)
def test_bad_link_opens_default_with_notice(params, ignored):
    at = app(**params)
    assert not at.exception
    assert at.selectbox(key="org").value == "CIS"
    (warning,) = at.warning
    assert warning.value.startswith(f"Ignored {ignored}=")
    assert "<script>" not in warning.value
    assert len(table_rows(at)) == 16


def test_broken_data_shows_error_page_not_a_map(data_copy, monkeypatch):
    (data_copy / "memberships.csv").open("a").write(
        "CIS,ZZZ,member,2000-01-01,,day,https://a.org/,\n"
    )
    monkeypatch.setenv("ATLAS_DATA_DIR", str(data_copy))
    at = app()
    assert not at.exception
    assert "did not pass validation" in at.error[0].value
    assert "data/memberships.csv, line" in at.code[0].value and "'ZZZ'" in at.code[0].value
    assert not any(m.value.startswith("| iso3 |") for m in at.markdown)
