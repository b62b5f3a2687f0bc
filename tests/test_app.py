"""The app driven through Streamlit's AppTest: links in, widgets moved, what the reader sees out."""

import io
import re
from datetime import date

import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from app import icon
from geo.paths import ROOT

APP = str(ROOT / "dashboard.py")
UNLINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")  # [text](target) -> text
TODAY = date.today()


def app(**params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def table_rows(at) -> list[list[str]]:
    """Rows of the Markdown status table (cells unescaped), header first."""
    text = next(m.value for m in at.markdown if m.value.startswith("| State |"))
    lines = [ln for ln in text.splitlines() if not ln.startswith("|---")]
    cells = [[c.strip() for c in ln.strip("|").split(" | ")] for ln in lines]
    return [[UNLINK.sub(r"\1", c).replace("\\", "") for c in row] for row in cells]


def statuses(at) -> dict:
    return {r[0]: r[1] for r in table_rows(at)[1:]}


def warnings(at) -> list[str]:
    return [w.value for w in at.warning]


def test_defaults_show_cis_today():
    at = app()
    assert at.selectbox(key="org").value == "CIS"
    assert at.date_input(key="date").value == TODAY
    rows = table_rows(at)
    assert rows[0] == ["State", "Status", "Since", "Source"] and len(rows) == 16


def test_link_restores_view_and_table():
    at = app(org="CSTO", date="2012-07-01")
    assert at.selectbox(key="org").value == "CSTO"
    assert at.date_input(key="date").value == date(2012, 7, 1)
    s = statuses(at)
    assert s["Uzbekistan"] == "Suspended / frozen" and s["Armenia"] == "Member"
    assert s["Georgia"] == "No status"
    assert at.subheader[0].value == "Collective Security Treaty Organization on 1 July 2012"


def test_widgets_drive_the_table_and_the_url():
    at = app(org="CIS", date="2009-08-17")
    assert statuses(at)["Georgia"] == "Withdrawing (notice given)"
    at.date_input(key="date").set_value(date(2009, 8, 18)).run()
    assert statuses(at)["Georgia"] == "No status"
    at.selectbox(key="org").set_value("EAEU").run()
    at.date_input(key="date").set_value(date(2016, 1, 1)).run()
    assert statuses(at)["Kyrgyzstan"] == "Member"
    assert at.query_params["org"] == "EAEU" and at.query_params["date"] == "2016-01-01"


def test_the_slider_shows_the_chosen_day():
    """2012-07-01 is no change day; the slider still reads it (not 2012-06-28)."""
    at = app(org="CSTO", date="2012-07-01")
    assert at.select_slider(key="step").value == date(2012, 7, 1)


@pytest.mark.parametrize(
    "params, ignored",
    [
        ({"org": "<script>alert(1)</script>"}, "org"),
        ({"date": "2099-13-45"}, "date"),
        ({"date": "1985-01-01"}, "date"),
        ({"org": ""}, "org"),
        ({"lang": "xx"}, "lang"),
        ({"view": "<img src=x onerror=alert(1)>"}, "view"),
    ],
)
def test_bad_link_opens_default_with_notice(params, ignored):
    at = app(**params)
    assert at.selectbox(key="org").value == "CIS"
    (warning,) = warnings(at)
    assert warning.startswith(f"Ignored {ignored}=`")
    assert len(table_rows(at)) == 16


def test_notices_go_away_once_the_reader_acts():
    at = app(org="FOO", date="2099-13-01")
    assert len(warnings(at)) == 2
    at.selectbox(key="org").set_value("CSTO").run()
    at.date_input(key="date").set_value(date(2005, 1, 1)).run()
    assert warnings(at) == []
    assert statuses(at)["Uzbekistan"] == "No status"


def test_repeated_keys_take_the_first():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["org"] = ["CSTO", "CIS", "NATO"]
    at.run()
    assert at.selectbox(key="org").value == "CSTO"


@pytest.mark.parametrize(
    "org, day, says",
    [
        (
            "EURASEC",
            "2020-01-01",
            "EurAsEC was dissolved on 1 January 2015; its successor is the EAEU.",
        ),
        ("EAEU", "2012-07-01", "EAEU was founded on 1 January 2015"),
        ("OTS", "1995-01-01", "OTS was founded on 3 October 2009"),
    ],
)
def test_an_organisation_outside_its_lifetime_says_so(org, day, says):
    at = app(org=org, date=day)
    (info,) = [i.value for i in at.info]
    assert info.startswith(says)
    if org == "EURASEC":
        assert "(?org=EAEU&date=2020-01-01)" in info  # opens the successor on that day


def test_broken_data_shows_error_page_not_a_map(data_copy, monkeypatch):
    (data_copy / "memberships.csv").open("a").write(
        "CIS,ZZZ,member,2000-01-01,,day,https://a.org/,\n"
    )
    monkeypatch.setenv("ATLAS_DATA_DIR", str(data_copy))
    at = app()
    assert "did not pass validation" in at.error[0].value
    assert "data/memberships.csv, line" in at.code[0].value and "'ZZZ'" in at.code[0].value
    assert not any(m.value.startswith("| State |") for m in at.markdown)


def test_unreadable_data_is_a_read_error_without_paths(data_copy, monkeypatch):
    (data_copy / "attendance.csv").unlink()
    monkeypatch.setenv("ATLAS_DATA_DIR", str(data_copy))
    at = app()
    assert "cannot be read" in at.error[0].value and "validation" not in at.error[0].value
    assert str(data_copy) not in at.code[0].value


def test_two_sessions_keep_their_own_language():
    """Every session shares one process: one reader's Russian never reaches another."""
    ru = app(lang="ru", org="CSTO", date="2012-07-01")
    en = app(org="CSTO", date="2012-07-01")
    ru.run()
    assert ru.subheader[0].value.startswith("Организация Договора о коллективной безопасности")
    assert en.subheader[0].value == "Collective Security Treaty Organization on 1 July 2012"
    en.date_input(key="date").set_value(date(2013, 1, 1)).run()
    ru.date_input(key="date").set_value(date(2013, 1, 1)).run()
    assert "1 January 2013" in en.subheader[0].value and "1 января 2013" in ru.subheader[0].value


def test_the_tab_icon_is_the_site_s_own_favicon(tmp_path):
    """Drawn here, written once into the served folder: no page sends it on a rerun."""
    from app import static

    assert Image.open(io.BytesIO(icon.png())).size == (64, 64)
    built = static.build(tmp_path / "copy", quality=1)
    assert (built / static.SERVED / "favicon.png").read_bytes() == icon.png()
