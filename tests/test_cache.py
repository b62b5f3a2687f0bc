"""The app's cache wrappers: exact keys from plain values, and shared tables that cannot change."""

from datetime import date

import pandas as pd
import pyarrow as pa
import pytest
import streamlit as st

from app import cache


def counted():
    calls = []

    @cache.memo(st.cache_data)
    def echo(key, _ds, when, orgs):
        calls.append((key, when, orgs))
        return (key, when, orgs)

    return echo, calls


def test_a_key_tells_apart_values_that_print_alike():
    echo, calls = counted()
    echo("k", object(), date(2000, 1, 2), ("CIS", "CSTO"))
    echo("k", None, "2000-01-02", ("CIS", "CSTO"))  # a string, not the date
    echo("k", None, date(2000, 1, 2), ("CIS,CSTO",))  # one item, not two
    echo("k", None, date(2000, 1, 2), ("CIS", "CSTO"))  # the first call again: a hit
    assert len(calls) == 3
    assert echo(key="k", _ds=None, when=date(2000, 1, 2), orgs=("CIS", "CSTO")) == (
        "k",
        date(2000, 1, 2),
        ("CIS", "CSTO"),
    )
    assert len(calls) == 3  # by name or by place, one key


def test_a_value_whose_repr_is_not_exact_is_refused():
    echo, _ = counted()
    with pytest.raises(TypeError, match="DataFrame"):
        echo("k", None, pd.DataFrame({"a": range(100)}), ())
    with pytest.raises(TypeError, match="list"):
        echo("k", None, date(2000, 1, 2), (["CIS"],))


def test_worded_tables_are_shared_as_made_once(ds):
    """Reading tables are HTML strings (immutable), the data grid's rows Arrow tables."""
    key = "test|tables"
    found, moved, count = cache.changes_shown(
        key, ds, date(2013, 1, 1), date(2023, 1, 1), ("CIS",), "", "en"
    )
    assert isinstance(found, str) and isinstance(moved, str) and count > 0
    assert '<th scope="col">Change</th>' in found and found.count("<tr>") > 1
    again = cache.changes_shown(key, ds, date(2013, 1, 1), date(2023, 1, 1), ("CIS",), "", "en")
    assert again[0] is found
    matched, rows = cache.table_rows(key, ds, "memberships", "Georgia", "en", 5)
    assert isinstance(rows, pa.Table) and rows.num_rows == min(matched, 5) and matched > 5
    assert cache.table_rows(key, ds, "memberships", "Georgia", "en", 5)[1] is rows  # shared


def test_a_table_arrow_cannot_take_stays_a_frame():
    mixed = pd.DataFrame({"cell": [1, "one"]})  # Streamlit's own conversion fixes this one
    assert cache.display(mixed) is mixed
    assert cache.display(None) is None


def test_chart_datasets_are_arrow_bytes_streamlit_passes_through(ds):
    """st.vega_lite_chart converts rows given inline on every rerun, bytes never."""
    spec, _, _ = cache.attendance_story(
        "test|charts", ds, "en", "SCO", date(2001, 6, 15), date(2026, 12, 1)
    )
    (data,) = spec["datasets"].values()
    assert isinstance(data, bytes)
    table = pa.ipc.open_stream(data).read_all()
    assert table.num_rows > 100 and {"state", "presence", "who"} <= set(table.column_names)
    assert set(table.column("presence").to_pylist()) >= {"Leader in person"}


def test_the_pages_leave_the_shared_snapshots_as_they_were_built():
    """Snapshots and chart specs are shared, not copied: after the pages that read them
    have run, they still equal freshly built ones."""
    from streamlit.testing.v1 import AppTest

    from geo import charts, history, membership
    from geo.paths import ROOT

    for params in (
        {"org": "CSTO", "date": "2012-07-01"},
        {"view": "overlap", "date": "2012-07-01", "orgs": "CSTO,CIS"},
        {"view": "data", "table": "memberships", "org": "CSTO", "date": "2012-07-01"},
        {"view": "attendance", "org": "SCO"},
        {"view": "country", "iso3": "ARM"},
    ):
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        for name, value in params.items():
            at.query_params[name] = value
        at.run()
        assert not at.exception, at.exception
        if params.get("view") == "attendance":
            at_attendance = at
    key = cache.content_key(cache.fingerprint())
    ds = cache.loaded(key)
    for org in ("CSTO", "CIS"):
        epoch = membership.epoch(cache.change_days(key, ds, org), date(2012, 7, 1))
        shared = cache.snapshot(key, ds, org, epoch)
        assert shared is cache.snapshot(key, ds, org, epoch)
        fresh = membership.statuses_on(ds.memberships, ds.countries, org, epoch)
        pd.testing.assert_frame_equal(shared, fresh)
    window = at_attendance.date_input(key="from").value, at_attendance.date_input(key="to").value
    spec, _, _ = cache.attendance_story(key, ds, "en", "SCO", *window)
    fresh = charts.heatmap(history.presence_matrix(ds, "SCO", *window), cache.words(key, ds, "en"))
    assert spec == cache.chart_dict(fresh)


def test_chart_rows_arrow_cannot_take_are_left_for_streamlit():
    import altair as alt

    mixed = pd.DataFrame({"x": [1, "one"], "y": [1, 2]})
    spec = cache.chart_dict(alt.Chart(mixed).mark_point().encode(x="x:N", y="y:Q"))
    (rows,) = spec["datasets"].values()
    assert rows == [{"x": 1, "y": 1}, {"x": "one", "y": 2}]
