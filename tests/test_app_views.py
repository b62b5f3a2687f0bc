"""Every view through AppTest: opened by its link (old and new), driven by its widgets,
explained when empty, and speaking words, never raw codes."""

import re
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from geo.paths import ROOT

from htmltables import tables

APP = str(ROOT / "dashboard.py")
VIEWS = ["membership", "summit", "attendance", "overlap", "country", "changes", "data"]
RAW = re.compile(
    r"\b(leader_online|signed_final_document|source_url|UNION_STATE|EURASEC|EACU|"
    r"breakaway_recognised_by_russia|partly_occupied|None|nan|NaT)\b"
)


def open_link(link: str) -> AppTest:
    """A README-style link: '/?org=CSTO', '/summit?summit=…' or '/?view=summit&…'.

    AppTest has no address bar, so a page's path travels as the old ``view=`` parameter,
    which the app turns into that page (the browser tests open the real paths)."""
    parts = urlsplit(link)
    at = AppTest.from_file(APP, default_timeout=60)
    if parts.path.strip("/"):
        at.query_params["view"] = parts.path.strip("/")
    for key, values in parse_qs(parts.query, keep_blank_values=True).items():
        at.query_params[key] = values if len(values) > 1 else values[0]
    at.run()
    assert not at.exception, at.exception
    return at


def app(view: str = "membership", **params) -> AppTest:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return open_link(f"/{'' if view == 'membership' else view}?{query}")


def texts(at) -> str:
    parts = [m.value for m in at.markdown] + [i.value for i in at.info]
    parts += [h.value for h in at.subheader] + [c.value for c in at.caption]
    return "\n".join(parts)


def visible(at) -> str:
    """Every word the page shows: text, tables (headers and cells), widget labels, options."""
    parts = [texts(at)]
    for frame in at.dataframe:
        value = frame.value
        parts.append(" ".join(map(str, value.columns)))
        parts.append(value.astype(str).to_string())
    for widget in [*at.selectbox, *at.multiselect, *at.radio]:
        parts.append(widget.label)
        parts.extend(map(str, getattr(widget, "options", [])))
    return "\n".join(parts)


def test_summit_link_shows_summary_and_table():
    at = open_link("/?view=summit&summit=CIS-2022-10-07")
    assert at.selectbox(key="org").value == "CIS"
    assert at.selectbox(key="summit").value == "CIS-2022-10-07"
    assert "members' leaders attended" in texts(at)
    roster = tables(at)[0].set_index("Code")
    assert (
        roster.loc["KGZ", "Presence"] == "Absent"
        and roster.loc["AZE", "Presence"] == "Leader in person"
    )
    assert at.query_params["summit"] == "CIS-2022-10-07"


def test_summit_list_follows_the_date_filter():
    at = app("summit", org="CSTO")
    at.date_input(key="from").set_value(date(2013, 1, 1)).run()
    at.date_input(key="to").set_value(date(2013, 12, 31)).run()
    options = at.selectbox(key="summit").options
    assert options and all("2013" in o for o in options)
    assert at.query_params["from"] == "2013-01-01"


def test_empty_summit_list_is_explained():
    at = app("summit", org="GUAM", **{"from": "2015-01-01", "to": "2020-01-01"})
    assert "No summit of GUAM between 1 January 2015 and 1 January 2020." in texts(at)


def test_summit_pickers_offer_only_organisations_with_summits():
    at = app("summit")
    assert (
        "EU" not in at.selectbox(key="org").options
        and "NATO" not in at.selectbox(key="org").options
    )


def test_attendance_history_chart_and_record():
    at = app("attendance", org="CSTO", **{"from": "2023-01-01"})
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
    record = at.dataframe[0].value.set_index("Code")
    assert record.loc["ARM", "Declined / boycotted"] >= 3 and record.loc["ARM", "In person %"] == 0


def test_overlap_table_and_toggle():
    at = app("overlap", date="2015-06-01")
    first = tables(at)[0].iloc[0]
    assert first["Organisations"] == "CIS, CSTO, EAEU" and first["Number of states"] == "4"
    at.radio(key="scope").set_value("any").run()
    assert at.query_params["scope"] == "any"


def test_country_profile_and_its_territories():
    at = app("country", iso3="UKR")
    assert at.subheader[0].value == "Ukraine"
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
    territories = tables(at)[-1]
    assert {"Crimea", "Donetsk Oblast"} <= set(territories["Territory"])
    assert territories["Source link"].str.startswith("http").all()
    at.selectbox(key="iso3").set_value("UZB").run()
    assert at.subheader[0].value == "Uzbekistan" and at.query_params["iso3"] == "UZB"


def test_changes_between_dates_with_territorial_rows():
    at = app("changes", **{"from": "2008-01-01", "to": "2010-01-01"})
    table = tables(at)[0]
    assert ["GEO", "left"] in table[["Code", "Change"]].values.tolist()
    moved = tables(at)[1]
    assert {"Abkhazia", "South Ossetia"} <= set(moved["Territory"])
    at.date_input(key="from").set_value(date(2009, 12, 31)).run()
    at.date_input(key="to").set_value(date(2010, 1, 1)).run()
    assert len(tables(at)[0]) == 3  # the customs union's three members on 2010-01-01
    assert "3 status changes, in date order" in texts(at)


def test_each_territorial_change_names_its_event_and_one_state_is_one_view():
    """Donetsk 'partly occupied' before and after 21 February 2022 is no non-change: the
    row says Russia recognised the 'DPR' that day; iso3=ARM is Armenia's changes alone."""
    at = app("changes", **{"from": "2018-01-01", "to": "2024-12-31"}, orgs="CSTO,EAEU")
    moved = tables(at)[1]
    events = dict(zip(zip(moved["Territory"], moved["Date"]), moved["Event"]))
    assert events[("Donetsk Oblast", "2022-02-21")] == "Recognised by Russia as a state"
    assert events[("Donetsk Oblast", "2022-09-30")] == "Annexation claimed"
    assert events[("Nagorno-Karabakh", "2020-11-10")] == "Ceasefire"
    assert events[("Nagorno-Karabakh", "2023-09-20")] == "Back under the state's control"
    at.selectbox(key="iso3").set_value("ARM").run()
    assert at.query_params["iso3"] == "ARM"
    assert set(tables(at)[0]["Code"]) == {"ARM"}
    assert "What changed for Armenia after 1 January 2018" in texts(at)
    assert len(tables(at)) == 1  # no territory of Armenia is contested in the UN view


def test_one_change_is_singular():
    at = app("changes", **{"from": "2024-02-21", "to": "2024-02-22"}, orgs="CSTO")
    assert "1 status change, in date order" in texts(at)


def test_changes_none_is_explained():
    at = app("changes", **{"from": "1995-01-01", "to": "1995-01-02"})
    assert "No status change between 1 January 1995 and 2 January 1995." in texts(at)


def test_data_view_filters_by_names_and_keeps_the_filter_in_the_url():
    at = app("data", table="memberships")
    total = len(at.dataframe[0].value)
    at.text_input(key="q").input("Georgia").run()
    shown = at.dataframe[0].value
    assert 0 < len(shown) < total and (shown["Code"] == "GEO").sum() >= 4
    assert at.query_params["q"] == "Georgia"
    again = app("data", table="memberships", q="Georgia")
    assert len(again.dataframe[0].value) == len(shown)


def test_data_view_groups_the_map_downloads_with_their_own_pickers():
    at = app("data", table="summits", org="CSTO", date="2012-07-01")
    assert "Download a membership map" in texts(at)
    assert at.selectbox(key="org").value == "CSTO"
    assert at.date_input(key="date").label == "Map date"


@pytest.mark.parametrize("view", VIEWS)
def test_every_view_speaks_words_not_codes(view):
    params = {
        "summit": {"summit": "CIS-2022-12-26"},
        "country": {"iso3": "TKM"},
        "data": {"table": "attendance"},
        "overlap": {"orgs": "CIS,UNION_STATE,EURASEC"},
        "changes": {"from": "2010-01-01", "to": "2016-01-01"},
    }.get(view, {})
    shown = visible(app(view, **params))
    assert not RAW.findall(shown), sorted(set(RAW.findall(shown)))


def test_ongoing_statuses_read_ongoing():
    at = app("country", iso3="ARM")
    statuses = tables(at)[2]
    assert "ongoing" in set(statuses["Until"]) and not statuses["Until"].isna().any()
    assert not (statuses["Until"].astype(str) == "None").any()


README_LINK = re.compile(r"`(/[a-z]*\?[^`]+)`")
EXPECTED = {
    "": "membership",
    "summit": "summit",
    "attendance": "attendance",
    "overlap": "overlap",
    "country": "country",
    "changes": "changes",
    "data": "data",
}


def readme_links() -> list[str]:
    return README_LINK.findall((ROOT / "README.md").read_text(encoding="utf-8"))


def test_the_readme_has_links_for_every_view():
    pages = {urlsplit(link).path.strip("/") for link in readme_links()}
    assert {EXPECTED[p] for p in pages if p in EXPECTED} == set(VIEWS)


@pytest.mark.parametrize("link", readme_links())
def test_every_readme_link_opens_its_view_without_notice(link):
    at = open_link(link)
    assert not at.warning, [w.value for w in at.warning]
    assert at.subheader and at.subheader[0].value


@pytest.mark.parametrize("view", VIEWS[1:])
def test_an_old_link_opens_the_same_view_as_the_new_one(view):
    params = {"summit": "summit=CIS-2022-12-26", "country": "iso3=GEO"}.get(view, "")
    old, new = open_link(f"/?view={view}&{params}"), open_link(f"/{view}?{params}")
    assert old.subheader[0].value == new.subheader[0].value
    assert dict(old.query_params) == dict(new.query_params)
