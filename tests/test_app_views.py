"""Every view through AppTest: opened by link, driven by its widgets, explained when empty."""

import re
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from geo.paths import ROOT

APP = str(ROOT / "dashboard.py")


def app(**params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def texts(at) -> str:
    parts = (
        [m.value for m in at.markdown]
        + [i.value for i in at.info]
        + [h.value for h in at.subheader]
    )
    return "\n".join(parts)


def test_summit_link_shows_summary_and_table():
    at = app(view="summit", summit="CIS-2022-10-07")
    assert at.selectbox(key="org").value == "CIS"
    assert at.selectbox(key="summit").value == "CIS-2022-10-07"
    assert "members' leaders attended" in texts(at)
    roster = at.dataframe[0].value.set_index("iso3")
    assert roster.loc["KGZ", "presence"] == "absent" and roster.loc["AZE", "presence"] == "leader"
    assert at.query_params["summit"] == "CIS-2022-10-07"


def test_summit_list_follows_the_date_filter():
    at = app(view="summit", org="CSTO")
    at.date_input(key="from").set_value(date(2013, 1, 1)).run()
    at.date_input(key="to").set_value(date(2013, 12, 31)).run()
    options = at.selectbox(key="summit").options
    assert options and all("2013-" in o for o in options)
    assert at.query_params["from"] == "2013-01-01"


def test_empty_summit_list_is_explained():
    at = app(view="summit", org="GUAM", **{"from": "2015-01-01", "to": "2020-01-01"})
    assert "No summit of GUAM between 2015-01-01 and 2020-01-01." in texts(at)


def test_attendance_history_chart_and_record():
    at = app(view="attendance", org="CSTO", **{"from": "2023-01-01"})
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
    record = at.dataframe[0].value.set_index("iso3")
    assert record.loc["ARM", "declined"] >= 3 and record.loc["ARM", "in person %"] == 0


def test_overlap_table_and_toggle():
    at = app(view="overlap", date="2015-06-01")
    first = at.dataframe[0].value.iloc[0]
    assert first["organisations"] == "CIS, CSTO, EAEU" and first["number"] == 4
    at.radio(key="scope").set_value("any").run()
    assert at.query_params["scope"] == "any"


def test_country_profile():
    at = app(view="country", iso3="GEO")
    assert at.subheader[0].value == "Georgia"
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
    at.selectbox(key="iso3").set_value("UZB").run()
    assert at.subheader[0].value == "Uzbekistan" and at.query_params["iso3"] == "UZB"


def test_changes_between_dates():
    at = app(view="changes", **{"from": "2008-01-01", "to": "2010-01-01"})
    table = at.dataframe[0].value
    assert ["GEO", "left"] in table[["iso3", "change"]].values.tolist()
    at.date_input(key="from").set_value(date(2009, 12, 31)).run()
    at.date_input(key="to").set_value(date(2010, 1, 1)).run()
    assert len(at.dataframe[0].value) == 3  # the customs union's three members on 2010-01-01


def test_changes_none_is_explained():
    at = app(view="changes", **{"from": "1995-01-01", "to": "1995-01-02"})
    assert "No status change between 1995-01-01 and 1995-01-02." in texts(at)


def test_data_view_filters_rows():
    at = app(view="data", table="summits")
    total = len(at.dataframe[0].value)
    at.text_input(key="q").input("Yerevan").run()
    shown = at.dataframe[0].value
    assert 0 < len(shown) < total
    assert shown.astype(str).apply(lambda r: "yerevan" in " ".join(r).lower(), axis=1).all()
    assert (shown["city"] == "Yerevan").sum() >= 4


@pytest.mark.parametrize("view", ["membership", "summit", "attendance", "overlap", "country",
                                  "changes", "data"])  # fmt: skip
def test_switching_view_updates_the_url(view):
    at = app()
    at.radio(key="view").set_value(view).run()
    assert not at.exception
    assert at.query_params["view"] == view


@pytest.mark.parametrize("iso3", ["EST", "LVA", "LTU", "TKM", "UKR"])
def test_every_kind_of_profile_renders(iso3):
    at = app(view="country", iso3=iso3)
    assert at.subheader[0].value


def test_unknown_view_falls_back_with_notice():
    at = app(view="<img src=x onerror=alert(1)>")
    assert at.radio(key="view").value == "membership"
    (warning,) = at.warning
    assert warning.value.startswith("Ignored view=")
    assert not re.search(r"(?<!\\)<", warning.value)  # every < is escaped: shown, not parsed
