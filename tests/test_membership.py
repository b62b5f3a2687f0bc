"""Status-on-date logic: half-open intervals, boundaries, and sourced landmark facts."""

from datetime import date

import pandas as pd
import pytest

from geo import membership

D = date.fromisoformat


def frame(rows):
    cols = ["org", "iso3", "status", "start", "end", "source_url", "note"]
    return pd.DataFrame(
        [
            (o, i, s, D(a), D(b) if b else None, "https://example.org/x", "")
            for o, i, s, a, b in rows
        ],
        columns=cols,
        dtype=object,
    )


MEMBERSHIPS = frame(
    [
        ("CIS", "GEO", "member", "1993-12-01", "2008-08-18"),
        ("CIS", "GEO", "withdrawing", "2008-08-18", "2009-08-18"),
        ("CIS", "UKR", "participant", "1994-01-22", None),
    ]
)
COUNTRIES = pd.DataFrame({"iso3": ["GEO", "UKR", "EST"], "name": ["Georgia", "Ukraine", "Estonia"]})


@pytest.mark.parametrize(
    "day, iso3, status, since",
    [
        ("1993-11-30", "GEO", "none", None),  # the day before start
        ("1993-12-01", "GEO", "member", "1993-12-01"),  # start is inclusive
        ("2008-08-17", "GEO", "member", "1993-12-01"),  # the day before end
        ("2008-08-18", "GEO", "withdrawing", "2008-08-18"),  # end is exclusive; next begins
        ("2009-08-17", "GEO", "withdrawing", "2008-08-18"),
        ("2009-08-18", "GEO", "none", "2009-08-18"),  # left: since = day it ended
        ("2030-01-01", "UKR", "participant", "1994-01-22"),  # open end still holds
        ("1994-01-21", "UKR", "none", None),
        ("2000-01-01", "EST", "none", None),  # never a member
    ],
)
def test_status_on_boundaries(day, iso3, status, since):
    table = membership.statuses_on(MEMBERSHIPS, COUNTRIES, "CIS", D(day)).set_index("iso3")
    assert table.loc[iso3, "status"] == status
    assert table.loc[iso3, "since"] == (D(since) if since else None)


def test_other_organisation_is_none():
    table = membership.statuses_on(MEMBERSHIPS, COUNTRIES, "CSTO", D("2000-01-01"))
    assert set(table["status"]) == {"none"}


def test_change_dates_and_epochs():
    changes = membership.change_dates(MEMBERSHIPS, "CIS")
    assert changes == [D("1993-12-01"), D("1994-01-22"), D("2008-08-18"), D("2009-08-18")]
    assert membership.epoch(changes, D("1990-01-01")) is None
    assert membership.epoch(changes, D("2008-08-17")) == D("1994-01-22")
    assert membership.epoch(changes, D("2008-08-18")) == D("2008-08-18")


def test_same_epoch_same_map(ds):
    """Every day between two change dates draws the map of the earlier one."""
    changes = membership.change_dates(ds.memberships, "CSTO")
    for a, b in zip(changes, changes[1:]):
        first = membership.statuses_on(ds.memberships, ds.countries, "CSTO", a)
        last = membership.statuses_on(
            ds.memberships, ds.countries, "CSTO", date.fromordinal(b.toordinal() - 1)
        )
        assert membership.status_map(first) == membership.status_map(last)


# Landmark facts; each is sourced in data/memberships.csv (see the row's source_url).
LANDMARKS = [
    ("CIS", "GEO", "2009-08-17", "withdrawing"),
    ("CIS", "GEO", "2009-08-18", "none"),
    ("CIS", "UKR", "2010-06-01", "participant"),
    ("CIS", "UKR", "2018-05-19", "suspended"),
    ("CIS", "TKM", "2005-08-25", "participant"),
    ("CIS", "TKM", "2005-08-26", "associate"),
    ("CIS", "EST", "2010-06-01", "none"),
    ("CSTO", "UZB", "1999-04-20", "member"),
    ("CSTO", "UZB", "1999-04-21", "none"),
    ("CSTO", "AZE", "1999-04-21", "none"),
    ("CSTO", "UZB", "2010-01-01", "member"),
    ("CSTO", "UZB", "2013-01-01", "none"),
    ("CSTO", "ARM", "2024-02-21", "member"),
    ("CSTO", "ARM", "2024-02-22", "suspended"),
    ("EAEU", "ARM", "2015-01-01", "none"),
    ("EAEU", "ARM", "2015-01-02", "member"),
    ("EAEU", "KGZ", "2015-08-12", "member"),
    ("EAEU", "MDA", "2018-05-14", "observer"),
    ("EURASEC", "KAZ", "2014-12-31", "member"),
    ("EURASEC", "KAZ", "2015-01-01", "none"),
    ("EACU", "BLR", "2012-01-01", "member"),
    ("EU", "LVA", "2004-05-01", "member"),
    ("NATO", "EST", "2004-03-29", "member"),
    ("SCO", "BLR", "2024-07-04", "member"),
]


@pytest.mark.parametrize("org, iso3, day, status", LANDMARKS)
def test_landmarks(ds, org, iso3, day, status):
    table = membership.statuses_on(ds.memberships, ds.countries, org, D(day)).set_index("iso3")
    assert table.loc[iso3, "status"] == status


def test_a_departure_carries_the_source_of_the_row_it_ended():
    """Georgia after leaving the CIS: 'none since 2009-08-18', sourced like the exit."""
    table = membership.statuses_on(MEMBERSHIPS, COUNTRIES, "CIS", D("2010-01-01")).set_index("iso3")
    assert table.loc["GEO", "since"] == D("2009-08-18")
    assert table.loc["GEO", "source_url"] == "https://example.org/x"
    assert table.loc["EST", "source_url"] == ""  # never a member: nothing to source


@pytest.mark.parametrize("iso3", ["AZE", "GEO", "UZB"])
def test_csto_departures_of_1999_have_a_source(ds, iso3):
    table = membership.statuses_on(ds.memberships, ds.countries, "CSTO", D("2000-01-01"))
    row = table.set_index("iso3").loc[iso3]
    assert row["status"] == "none" and row["since"] == D("1999-04-21")
    assert row["source_url"].startswith("http")
