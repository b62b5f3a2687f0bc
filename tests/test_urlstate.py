"""Bad URL parameters fall back to defaults with a notice that can never be markup or a link;
no link can make the server work hard."""

import re
import time
from datetime import date

import pytest

from geo import names, urlstate
from geo.labels import Labels

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def labels(ds):
    return Labels("en", names.build(ds))


def parse(ds, view="membership", **params):
    return urlstate.parse_view(
        view, {k: [v] if isinstance(v, str) else v for k, v in params.items()}, ds, TODAY
    )


def test_valid_link(ds):
    p = parse(ds, org="CSTO", date="2012-07-01")
    assert p.values == {"org": "CSTO", "date": date(2012, 7, 1), "borders": "de_jure"}
    assert p.notices == []


def test_defaults_without_parameters(ds):
    p = parse(ds)
    assert p.values == {"org": "CIS", "date": TODAY, "borders": "de_jure"} and p.notices == []


def test_another_pages_parameters_carry_over_or_are_ignored(ds):
    """The menu keeps the URL of the page left: its org and date carry, the rest is ignored."""
    p = parse(ds, "data", org="NATO", date="2004-05-01", summit="CIS-2022-12-26", orgs="CIS")
    assert p.values["org"] == "NATO" and p.values["date"] == date(2004, 5, 1) and not p.notices


@pytest.mark.parametrize(
    "params, name, why",
    [
        ({"org": "<script>alert(1)</script>"}, "org", "not a known choice"),
        ({"org": ""}, "org", "empty value"),
        ({"org": "cis2"}, "org", "not a known choice"),
        ({"date": "2099-13-45"}, "date", "not a date"),
        ({"date": "2099-12-31"}, "date", "outside 1991-12-08 to 2026-11-23"),
        ({"date": ""}, "date", "not a date"),
        ({"date": "2010-6-1"}, "date", "not a date"),
        ({"borders": "mine"}, "borders", "not a known choice"),
        ({"org": "C" * 5000}, "org", "longer than any valid value"),
    ],
)
def test_bad_value_falls_back_with_notice(ds, labels, params, name, why):
    p = parse(ds, **params)
    assert p.values == {"org": "CIS", "date": TODAY, "borders": "de_jure"}
    (notice,) = p.notices
    text = notice.text(labels)
    assert text.startswith(f"Ignored {name}=`") and why in text


@pytest.mark.parametrize(
    "value",
    [
        "http://evil.example/login",
        "www.evil.example",
        "help@evil.example",
        "<script>alert(1)</script>![x](http://evil.example/x.png)",
        "a`b`c",
        "[x](y)",
    ],
)
def test_a_rejected_value_is_inline_code_never_a_link(ds, labels, value):
    """Markdown autolinks URLs, hosts and e-mail addresses even when escaped; code spans never."""
    (notice,) = parse(ds, org=value).notices
    text = notice.text(labels)
    assert re.fullmatch(r"Ignored org=`[^`]+`: not a known choice; showing `CIS`\.", text), text


def test_codes_are_read_in_any_case(ds):
    assert parse(ds, org="csto").values["org"] == "CSTO"
    assert parse(ds, "country", iso3="arm").values["iso3"] == "ARM"
    assert parse(ds, "overlap", orgs="csto,Eaeu").values["orgs"] == ["CSTO", "EAEU"]
    p = parse(ds, "summit", summit="cis-2022-12-26")
    assert (p.values["org"], p.values["summit"]) == ("CIS", "CIS-2022-12-26")
    assert not any(parse(ds, **q).notices for q in ({"org": "csto"}, {"borders": "DE_FACTO"}))


def test_a_bare_year_or_month_means_its_first_day_and_says_so(ds, labels):
    p = parse(ds, org="CSTO", date="2012")
    assert p.values["date"] == date(2012, 1, 1)
    assert p.notices[0].text(labels) == (
        "Read date=`2012` as `2012-01-01`: a year alone means its first day."
    )
    assert parse(ds, date="2012-07").values["date"] == date(2012, 7, 1)
    assert parse(ds, date="1991").values["date"] == urlstate.MIN_DATE  # the first day there is


def test_at_the_end_of_a_span_a_year_or_month_means_its_last_day(ds):
    p = parse(ds, "changes", **{"from": "2018", "to": "2020-02"})
    assert (p.values["from"], p.values["to"]) == (date(2018, 1, 1), date(2020, 2, 29))
    assert [n.why for n in p.notices] == ["year", "month_end"]
    this_year = parse(ds, "changes", to=str(TODAY.year))  # up to today, not a range error
    assert this_year.values["to"] == TODAY and [n.why for n in this_year.notices] == ["year_end"]


def test_a_day_outside_the_range_becomes_the_nearest_day_inside(ds, labels):
    p = parse(ds, date="1990-05-01")
    assert p.values["date"] == urlstate.MIN_DATE
    assert p.notices[0].text(labels).endswith("showing `1991-12-08`.")
    assert parse(ds, date="2099-01-01").values["date"] == TODAY


def test_a_summit_a_day_off_opens_the_nearest_summit_of_its_organisation(ds, labels):
    p = parse(ds, "summit", summit="CIS-2022-12-27")
    assert p.values["summit"] == "CIS-2022-12-26"
    assert p.notices[0].text(labels) == (
        "Ignored summit=`CIS-2022-12-27`: no summit of that organisation on that day; "
        "showing `CIS-2022-12-26`."
    )
    assert parse(ds, "summit", summit="csto-2022-11-22").values["summit"] == "CSTO-2022-11-23"


def test_a_mistyped_page_is_said_in_the_reader_s_language(ds, labels):
    (notice,) = parse(ds, "summit", summit="CIS-2022-12-26", missing="summitt").notices
    assert notice.text(labels) == "There is no page `/summitt`; showing `/summit`."
    russian = Labels("ru", names.build(ds))
    assert notice.text(russian) == "Страницы `/summitt` нет; показана страница `/summit`."


def test_long_values_are_cut(ds, labels):
    (notice,) = parse(ds, date="2" * 150).notices
    assert len(notice.text(labels)) < 200


def test_a_repeated_key_counts_by_its_first_value(ds):
    """org=CSTO&org=CIS&org=NATO means CSTO, as the docstring of first() says."""
    assert parse(ds, org=["CSTO", "CIS", "NATO"]).values["org"] == "CSTO"
    assert urlstate.first({"org": ["CSTO", "NATO"]}, "org") == "CSTO"


def test_a_huge_list_costs_nothing(ds):
    """orgs=CIS,CIS,... 25,000 times: capped, deduplicated, noted, and fast."""
    start = time.perf_counter()
    p = parse(ds, "overlap", orgs="CIS," * 25_000)
    assert time.perf_counter() - start < 0.5
    assert p.values["orgs"] == ["CIS", "CSTO", "EAEU"]  # too long: the default, with a notice
    assert [n.why for n in p.notices] == ["too_long"]


def test_repeated_items_are_dropped_with_a_notice(ds):
    p = parse(ds, "overlap", orgs="CIS,CIS,CSTO")
    assert p.values["orgs"] == ["CIS", "CSTO"] and [n.why for n in p.notices] == ["items"]


def test_summit_link_implies_its_organisation(ds):
    p = parse(ds, "summit", summit="CSTO-2022-11-23")
    assert p.values["org"] == "CSTO" and p.values["summit"] == "CSTO-2022-11-23" and not p.notices


def test_summit_and_attendance_offer_only_organisations_with_summits(ds):
    assert "EU" not in urlstate.summit_orgs(ds) and "NATO" not in urlstate.summit_orgs(ds)
    (notice,) = parse(ds, "attendance", org="NATO").notices
    assert notice.name == "org" and parse(ds, "attendance", org="NATO").values["org"] == "CIS"


def test_to_params_round_trip(ds):
    values = parse(ds, "overlap", date="2015-06-01").values
    params = urlstate.to_params(values)
    assert params == {"date": "2015-06-01", "orgs": "CIS,CSTO,EAEU", "scope": "members"}
    assert parse(ds, "overlap", **params).values == values


@pytest.mark.parametrize("view", urlstate.VIEWS)
@pytest.mark.parametrize(
    "carried", [{"org": "CSTO", "date": "2012-07-01"}, {"org": "GUAM", "date": "1999-04-24"}]
)
def test_a_page_reads_only_the_carried_values_the_menu_keys_it_by(ds, view, carried):
    """The menu caches each page's link by READS_CARRIED[view]: the values it leaves out
    must not change what the page shows."""
    read = {k: v for k, v in carried.items() if k in urlstate.READS_CARRIED[view]}
    full = urlstate.parse_view(view, carried, ds, TODAY)
    assert full.values == urlstate.parse_view(view, read, ds, TODAY).values
    assert full.notices == []


def test_a_dropped_link_counts_as_each_language_writes_numbers(ds):
    notice = urlstate.Notice("", "", "too_many", "", (("fields", 1000), ("size", 524288)))
    english = notice.text(Labels("en", names.build(ds)))
    russian = notice.text(Labels("ru", names.build(ds)))
    assert "1,000" in english and "524,288" in english
    assert "1\u202f000" in russian or "1\xa0000" in russian
    assert "1,000" not in russian and "524,288" not in russian
