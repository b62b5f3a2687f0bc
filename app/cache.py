"""Every ``st.cache_*`` wrapper of the app, keyed by simple values.

Data are loaded and validated once per *content* of the data files: a touched file with
the same bytes maps to the same key, and every cache is bounded (``max_entries``), so
edits while the server runs never pile up old datasets. Cached objects are shared by all
sessions and never mutated; functions take the dataset as ``_ds`` (not hashed) beside
its content ``key``, so an evicted dataset is never reloaded under a stale key.
"""

from __future__ import annotations

import functools
import inspect
from datetime import date

import pandas as pd
import pyarrow as pa
import streamlit as st

from app import assets as served
from app.data import content_key, data_folder, fingerprint, loaded  # noqa: F401 (the pages' names)
from geo import (
    attendance,
    changes,
    charts,
    history,
    htmltable,
    labels,
    membership,
    names,
    overlap,
    profile,
    shapes,
    tables,
    territories,
    urlstate,
)

SMALL, MEDIUM, LARGE = 64, 512, 4096


def memo(kind, **options):
    """``st.cache_data`` or ``st.cache_resource``, keyed by one string made of the arguments.

    Streamlit hashes every argument on every call: about 0.28 ms for a hit with dates and
    tuples among them, against 0.04 ms for one string. So the cached function sees a single
    hashed argument, ``call_key`` (the ``repr`` of the hashed arguments, which is exact for
    the plain values these functions take), and the arguments themselves unhashed. A
    ``_``-prefixed argument (the dataset) stays out of the key, as in Streamlit.
    """

    def wrap(func):
        signature = inspect.signature(func)
        hashed = [n for n in signature.parameters if not n.startswith("_")]

        def keyed(call_key: str, _args: tuple):
            return func(*_args)

        # Streamlit names a cache by the function's module and qualified name.
        keyed.__module__, keyed.__qualname__ = func.__module__, func.__qualname__
        keyed.__name__ = func.__name__
        cached = kind(show_spinner=False, **options)(keyed)

        @functools.wraps(func)
        def call(*args, **kwargs):
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            values = tuple(plain(bound.arguments[n]) for n in hashed)
            return cached(call_key=repr(values), _args=bound.args)

        call.clear = cached.clear
        return call

    return wrap


PLAIN = (str, int, float, bool, date, type(None))


def plain(value):
    """``value`` if its ``repr`` says exactly what it is (no truncated DataFrame repr)."""
    if isinstance(value, tuple):
        return tuple(plain(v) for v in value)
    if not isinstance(value, PLAIN):
        raise TypeError(f"cache key argument of type {type(value).__name__}: pass plain values")
    return value


def display(frame: pd.DataFrame | None):
    """A worded table converted once for ``st.dataframe``.

    Streamlit converts a pandas frame to Arrow on every rerun (about 0.5 ms a table); an
    Arrow table it sends as it is, and being immutable it is safe to share between
    sessions. A frame Arrow cannot take as it is (mixed cell types) stays a frame, for
    Streamlit's own conversion to fix.
    """
    if frame is None:
        return None
    try:
        return pa.Table.from_pandas(frame, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        return frame


def chart_dict(chart) -> dict:
    """An Altair chart as the Vega-Lite dict ``st.vega_lite_chart`` takes, its datasets
    already Arrow IPC bytes: Streamlit converts inline rows on every rerun (1.8 ms for the
    attendance heatmap) and passes bytes through as they are."""
    spec = chart.to_dict()
    for name, rows in spec.get("datasets", {}).items():
        table = display(pd.DataFrame(rows))
        if not isinstance(table, pa.Table):  # rows Arrow cannot take: Streamlit fixes them
            continue
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, table.schema) as writer:
            writer.write_table(table)
        spec["datasets"][name] = sink.getvalue().to_pybytes()
    return spec


@memo(st.cache_resource, max_entries=2)
def assets(key: str, _ds):
    """The map's links for this dataset (Leaflet's never change; the shapes' follow them)."""
    return served.published(_ds)


@memo(st.cache_resource, max_entries=4)
def words(key: str, _ds, lang: str) -> labels.Labels:
    """The vocabulary in one language for one dataset (immutable, shared)."""
    return labels.Labels(lang, names.build(_ds))


@memo(st.cache_data, max_entries=LARGE)
def snapshot_markdown(key: str, _ds, org: str, epoch: date | None, lang: str) -> str:
    """The snapshot's table as Markdown in one language (the same for every day of the epoch)."""
    return tables.markdown_table(snapshot(key, _ds, org, epoch), words(key, _ds, lang))


@memo(st.cache_resource)
def state_centres() -> dict[str, tuple[float, float]]:
    """A point inside each state, for markers on states too small to see."""
    return shapes.centres()


@memo(st.cache_resource, max_entries=LARGE)
def snapshot(key: str, _ds, org: str, epoch: date | None):
    """Status table per organisation and change epoch: a few dozen per organisation.

    Shared, not copied (unpickling a copy took a millisecond a rerun under load): readers
    only read it, and a test checks that the pages leave it as it was built."""
    return membership.statuses_on(
        _ds.memberships, _ds.countries, org, epoch or membership.FIRST_DAY
    )


@memo(st.cache_resource, max_entries=MEDIUM)
def change_days(key: str, _ds, org: str) -> tuple[date, ...]:
    return tuple(membership.change_dates(_ds.memberships, org))


@memo(st.cache_resource, max_entries=SMALL)
def context_spans(key: str, _ds, org: str) -> tuple:
    """The organisation's members outside the fifteen, as spans (a day's are a scan)."""
    return membership.context_spans(_ds.context_memberships, org)


@memo(st.cache_resource, max_entries=SMALL)
def territory_days(key: str, _ds) -> tuple[date, ...]:
    return tuple(territories.change_days(_ds.territories))


@memo(st.cache_resource, max_entries=MEDIUM)
def contested(key: str, _ds, epoch: date | None, de_facto: bool) -> territories.Contested:
    """Territories holding a situation on an epoch of territorial change (immutable)."""
    return territories.on_day(_ds.territories, epoch or membership.FIRST_DAY, de_facto)


def contested_on(key: str, _ds, day: date, de_facto: bool) -> territories.Contested:
    """The territories' situations on ``day``, looked up by its epoch of change."""
    epoch = membership.epoch(territory_days(key, _ds), day)
    if epoch is None:  # before any situation began: nothing to draw
        return territories.Contested((), de_facto)
    return contested(key, _ds, epoch, de_facto)


@memo(st.cache_data, max_entries=MEDIUM)
def summit_roster(key: str, _ds, summit_id: str):
    return attendance.roster(_ds, summit_id)


@memo(st.cache_resource, max_entries=SMALL)
def labelled_table(key: str, _ds, name: str, lang: str) -> pd.DataFrame:
    """A whole data table as the reader sees it (``Labels.shown``): shared, never modified;
    a page takes rows from it, which makes a new frame."""
    return words(key, _ds, lang).shown(getattr(_ds, name), iso_dates=True)


@memo(st.cache_data, max_entries=MEDIUM)
def table_hits(key: str, _ds, name: str, query: str, lang: str) -> list[bool]:
    """Which rows of a data table the filter matches, in codes or in the reader's words."""
    frame = getattr(_ds, name)
    return tables.matches(frame, labelled_table(key, _ds, name, lang), query).tolist()


@memo(st.cache_resource, max_entries=MEDIUM)
def table_rows(key: str, _ds, name: str, query: str, lang: str, limit: int) -> tuple:
    """The number of rows the filter matches and the first ``limit`` of them, worded."""
    hits = table_hits(key, _ds, name, query, lang)
    return sum(hits), display(labelled_table(key, _ds, name, lang)[hits].head(limit))


@memo(st.cache_resource, max_entries=MEDIUM)
def summit_texts(key: str, _ds, summit_id: str, lang: str) -> tuple[str, str]:
    """A summit's one-line summary and its roster table, worded in one language."""
    roster = summit_roster(key, _ds, summit_id)
    labels = words(key, _ds, lang)
    table = roster[attendance.ROSTER_COLUMNS + ["status", "note"]]
    return attendance.summary(roster, labels), htmltable.render(labels.shown(table), labels)


@memo(st.cache_data, max_entries=MEDIUM)
def changes_between(key: str, _ds, start: date, end: date, orgs: tuple, iso3: str = ""):
    return changes.status_changes(_ds, start, end, list(orgs), iso3 or None)


@memo(st.cache_data, max_entries=MEDIUM)
def territory_changes(key: str, _ds, start: date, end: date, iso3: str = ""):
    return changes.territory_changes(_ds, start, end, iso3 or None)


@memo(st.cache_resource, max_entries=MEDIUM)
def changes_shown(
    key: str, _ds, start: date, end: date, orgs: tuple, iso3: str, lang: str
) -> tuple:
    """The status and the territorial changes in a window (of one state, or all) as the
    reader sees them, and how many territorial changes there are."""
    words_ = words(key, _ds, lang)
    moved = territory_changes(key, _ds, start, end, iso3)
    found = changes_between(key, _ds, start, end, orgs, iso3)
    return (
        htmltable.render(words_.shown(found), words_),
        htmltable.render(words_.shown(moved), words_),
        len(moved),
    )


# The two stories are shared, not copied: their tables are Arrow or only written out on
# a click, and a chart's spec is handed to Streamlit as a copy (widgets.show_chart).
@memo(st.cache_resource, max_entries=MEDIUM)
def country_story(key: str, _ds, lang: str, iso3: str, today: date) -> tuple:
    """One state's Gantt spec (None without statuses) and its tables as the reader sees
    them: summit record, summit rows, statuses, contested territories (None if none)."""
    words_ = words(key, _ds, lang)
    line = profile.timeline(_ds, iso3, today)
    rows = profile.summit_rows(_ds, iso3)
    spec = chart_dict(charts.gantt(line, words_)) if len(line) else None
    held = _ds.territories[_ds.territories["de_jure_iso3"] == iso3]
    shown = (
        htmltable.render(words_.shown(profile.summit_record(rows)), words_),
        htmltable.render(words_.shown(rows), words_),
        htmltable.render(words_.shown(line[profile.STATUS_COLUMNS]), words_),
        htmltable.render(words_.shown(held[profile.TERRITORY_COLUMNS]), words_)
        if len(held)
        else None,
    )
    return spec, shown


@memo(st.cache_resource, max_entries=MEDIUM)
def attendance_story(key: str, _ds, lang: str, org: str, start: date, end: date):
    """The heatmap spec and each country's record, as data and as the reader sees it; all
    None without summits."""
    data = history.presence_matrix(_ds, org, start, end)
    if data.empty:
        return None, None, None
    words_ = words(key, _ds, lang)
    record = history.leader_record(data)
    return chart_dict(charts.heatmap(data, words_)), record, display(words_.shown(record))


@memo(st.cache_data, max_entries=MEDIUM)
def overlap_tables(key: str, _ds, orgs: tuple, epochs: tuple, any_status: bool):
    """Counts and combinations; equal change epochs mean equal tables, whatever the day."""
    snapshots = {o: snapshot(key, _ds, o, e) for o, e in zip(orgs, epochs)}
    table = overlap.count(snapshots, _ds.country_names(), any_status)
    return table, overlap.combinations(table)


@memo(st.cache_resource, max_entries=MEDIUM)
def overlap_combinations(key: str, _ds, orgs: tuple, epochs: tuple, any_status: bool, lang: str):
    """The combinations table as the reader sees it."""
    combos = overlap_tables(key, _ds, orgs, epochs, any_status)[1]
    labels = words(key, _ds, lang)
    return htmltable.render(labels.shown(combos), labels)


@memo(st.cache_data, max_entries=LARGE)
def page_links(key: str, _ds, carried: tuple, lang: str, today: date) -> dict[str, dict]:
    """View -> what its page shows on opening with the carried organisation and date, as
    URL params: the whole menu in one cache lookup."""
    links = {}
    for view in urlstate.VIEWS:
        read = tuple((k, v) for k, v in carried if k in urlstate.READS_CARRIED[view])
        links[view] = page_link(key, _ds, view, read, lang, today)
    return links


@memo(st.cache_data, max_entries=LARGE)
def page_link(key: str, _ds, view: str, carried: tuple, lang: str, today: date) -> dict:
    """What one page shows on opening with the carried values it reads, as URL params."""
    values = urlstate.parse_view(view, dict(carried), _ds, today).values
    return urlstate.to_params(urlstate.with_options(values, lang))


@memo(st.cache_data, max_entries=MEDIUM)
def summit_choices(key: str, _ds, org: str, start: date, end: date) -> dict[str, dict]:
    """Summit id -> its row (with id), newest first, for the picker and the page."""
    listed = attendance.newest_first(_ds.summits, org, start, end)
    return {r["id"]: r for r in listed.to_dict("records")}
