"""The questions a researcher asks of the data, by name, with their parameters as text.

One implementation behind the command line (``python -m geo membership --org CSTO
--date 2012-07-01``) and the web API (``/api/v1/membership?org=CSTO&date=2012-07-01``):
both pass the same names and values here, get the same table with the data's own column
names and codes, and show the same message for a bad value (``QueryError``).

>>> from geo import query
>>> query.answer(ds, "membership", {"org": "CSTO", "date": "2012-07-01"})
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd

from geo import attendance, changes, history, i18n, membership, tables, territories
from geo.validate import parse_date


class QueryError(ValueError):
    """A parameter is missing or wrong; the message names it and what it takes."""


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # one of PARSERS
    required: bool = False
    help: str = ""


@dataclass(frozen=True)
class Query:
    name: str
    summary: str
    params: tuple[Param, ...]
    columns: tuple[str, ...] | None  # None: every column of the data table, in its order
    run: Callable[..., pd.DataFrame]


SHOWN = 40  # characters of a bad value repeated in a message


def shown(value: str) -> str:
    """A bad value as a message repeats it: quoted, printable, and short."""
    text = re.sub(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]", "?", value)
    return repr(text if len(text) <= SHOWN else text[:SHOWN] + "…")


def parse_day(name: str, value: str, ds) -> date:
    try:
        return parse_date(value)
    except ValueError:
        raise QueryError(f"{name}: {shown(value)} is not a date in the form YYYY-MM-DD") from None


def parse_org(name: str, value: str, ds) -> str:
    known = ds.org_ids()
    found = next((o for o in known if o.lower() == value.strip().lower()), None)
    if found is None:
        raise QueryError(f"{name}: unknown organisation {shown(value)}; known: {', '.join(known)}")
    return found


def parse_orgs(name: str, value: str, ds) -> tuple[str, ...]:
    parts = [p for p in value.split(",") if p.strip()]
    if len(parts) > len(ds.org_ids()):
        raise QueryError(f"{name}: at most {len(ds.org_ids())} organisations")
    return tuple(dict.fromkeys(parse_org(name, p, ds) for p in parts))


def parse_summit(name: str, value: str, ds) -> str:
    ids = ds.summits["id"]
    found = next((s for s in ids if s.lower() == value.strip().lower()), None)
    if found is not None:
        return found
    hint = nearest_summit(ds, value)
    raise QueryError(
        f"{name}: unknown summit {shown(value)}"
        + (f"; the nearest of its organisation is {hint}" if hint else "; ids are ORG-YYYY-MM-DD")
    )


def nearest_summit(ds, value: str) -> str | None:
    """The summit of the same organisation closest in time to a mistyped id."""
    org, _, rest = value.strip().partition("-")
    try:
        org, day = parse_org("", org, ds), parse_date(rest)
    except (QueryError, ValueError):
        return None
    held = ds.summit_days.get(org, ())
    return min(held, key=lambda d: abs((d[0] - day).days))[1] if held else None


def parse_iso3(name: str, value: str, ds) -> str:
    code = value.strip().upper()
    if code not in set(ds.countries["iso3"]):
        known = ", ".join(ds.countries["iso3"])
        raise QueryError(f"{name}: unknown state {shown(value)}; known: {known}")
    return code


def parse_borders(name: str, value: str, ds) -> str:
    if value not in territories.VIEWS:
        raise QueryError(f"{name}: {shown(value)} is not one of {', '.join(territories.VIEWS)}")
    return value


def parse_table(name: str, value: str, ds) -> str:
    if value not in DATA_TABLES:
        raise QueryError(f"{name}: {shown(value)} is not one of {', '.join(DATA_TABLES)}")
    return value


def parse_lang(name: str, value: str, ds) -> str:
    if value not in i18n.LANGUAGES:
        raise QueryError(f"{name}: {shown(value)} is not one of {', '.join(i18n.LANGUAGES)}")
    return value


def parse_text(name: str, value: str, ds) -> str:
    if len(value) > MAX_TEXT:
        raise QueryError(f"{name}: longer than {MAX_TEXT} characters")
    return value


MAX_TEXT = 200
DATA_TABLES = (
    "memberships",
    "context_memberships",
    "summits",
    "attendance",
    "organisations",
    "countries",
    "cities",
    "people",
    "territories",
    "territory_names",
)

PARSERS = {
    "date": parse_day,
    "org": parse_org,
    "orgs": parse_orgs,
    "summit": parse_summit,
    "iso3": parse_iso3,
    "borders": parse_borders,
    "table": parse_table,
    "lang": parse_lang,
    "text": parse_text,
}


def values(ds, query: Query, raw: Mapping[str, str]) -> dict:
    """The query's parameters parsed from text; unknown names are ignored."""
    out = {}
    for p in query.params:
        text = raw.get(p.name)
        if text is None or text == "":
            if p.required:
                raise QueryError(f"{p.name}: required ({p.help})")
            continue
        out[p.name] = PARSERS[p.kind](p.name, text, ds)
    if "from" in out and "to" in out and out["to"] < out["from"]:
        raise QueryError(f"to: {out['to']} is before from: {out['from']}")
    return out


def answer(ds, name: str, raw: Mapping[str, str], words=None) -> pd.DataFrame:
    """The table ``name`` answers for these parameters (text, as in a URL or on a command
    line), with exactly the query's columns; ``QueryError`` for a bad parameter.

    ``words(lang)`` gives the vocabulary (``geo.labels.Labels``) for the queries that
    match what a reader sees (``rows``); by default it is built for the call."""
    query = QUERIES[name]
    parsed = values(ds, query, raw)
    if name == "rows":
        parsed["words"] = words or (lambda lang: default_words(ds, lang))
    table = query.run(ds, **parsed)
    columns = list(query.columns) if query.columns is not None else list(table.columns)
    return table[columns].reset_index(drop=True)


FORMATS = ("csv", "json")
EXPORT_FORMATS = {  # a map as a file (``geo.export``): label, GDAL driver, media type
    "gpkg": ("GeoPackage", "GPKG", "application/geopackage+sqlite3"),
    "geojson": ("GeoJSON", "GeoJSON", "application/geo+json"),
    "shp": ("Shapefile (zip)", "ESRI Shapefile", "application/zip"),
    "fgb": ("FlatGeobuf", "FlatGeobuf", "application/octet-stream"),
    "csv": ("CSV (no geometry)", None, "text/csv"),
}


def to_csv(table: pd.DataFrame) -> str:
    """The table as CSV: ISO dates, empty cells for missing values, LF line ends."""
    return table.to_csv(index=False, lineterminator="\n")


def to_json(table: pd.DataFrame) -> str:
    """The table as a JSON array of records: ISO dates, ``null`` for missing values."""

    def cell(value):
        if isinstance(value, date):
            return value.isoformat()
        if value is None or (isinstance(value, float) and value != value):
            return None
        return value

    rows = [{k: cell(v) for k, v in row.items()} for row in table.to_dict("records")]
    return json.dumps(rows, ensure_ascii=False, indent=1)


def render(table: pd.DataFrame, fmt: str) -> str:
    return to_json(table) if fmt == "json" else to_csv(table)


# The questions. Each run function takes the dataset and the parsed values by name.


def run_membership(ds, org: str, date: date) -> pd.DataFrame:
    return membership.statuses_on(ds.memberships, ds.countries, org, date)


def run_summits(ds, org: str, **window) -> pd.DataFrame:
    return attendance.summits_of(ds.summits, org, window.get("from"), window.get("to"))


def run_attendance(ds, summit: str) -> pd.DataFrame:
    return attendance.roster(ds, summit)


def run_territories(ds, date: date, borders: str = "de_jure") -> pd.DataFrame:
    names = dict(zip(ds.territory_names["territory"], ds.territory_names["name"]))
    table = territories.table_on(ds.territories, names, date)
    table["shown_as"] = [
        territories.shown_as(r, borders == "de_facto") for _, r in table.iterrows()
    ]
    return table


def run_changes(ds, orgs: tuple = (), iso3: str | None = None, **window) -> pd.DataFrame:
    start = window.get("from", membership.FIRST_DAY)
    end = window.get("to", date.today())
    return changes.status_changes(ds, start, end, list(orgs) or None, iso3)


def run_organisations(ds) -> pd.DataFrame:
    return ds.organisations


def run_countries(ds) -> pd.DataFrame:
    return ds.countries


def run_panel(ds, org: str | None = None, iso3: str | None = None, **window) -> pd.DataFrame:
    """One row per summit and state that held a seat or came as a guest, with the summit's
    organisation, dates, place and kind beside the presence: no join needed."""
    summits = ds.summits.rename(columns={"id": "summit_id", "source_url": "summit_source_url"})
    table = ds.attendance.merge(summits.drop(columns=["note"]), on="summit_id", how="left")
    table["name"] = table["iso3"].map(ds.country_names())
    if org:
        table = table[table["org"] == org]
    if iso3:
        table = table[table["iso3"] == iso3]
    if "from" in window:
        table = table[table["start"] >= window["from"]]
    if "to" in window:
        table = table[table["start"] <= window["to"]]
    return table.sort_values(["start", "org", "iso3"], kind="stable")


def run_record(ds, org: str, **window) -> pd.DataFrame:
    """Each state's record at the organisation's summits in the window (seats only)."""
    matrix = history.presence_matrix(ds, org, window.get("from"), window.get("to"))
    return history.leader_record(matrix)


def run_rows(ds, table: str, words, q: str = "", lang: str = "en") -> pd.DataFrame:
    """The rows of a data table containing ``q`` in its codes or in the words a reader of
    ``lang`` sees (as the Data page filters), with the table's own columns."""
    frame = getattr(ds, table)
    return frame[tables.matches(frame, words(lang).shown(frame), q)]


def default_words(ds, lang: str):
    from geo import labels, names

    return labels.Labels(lang, names.build(ds))


ORG = Param("org", "org", True, "an organisation id such as CSTO")
DATE = Param("date", "date", True, "a day as YYYY-MM-DD")
FROM = Param("from", "date", False, "first day, YYYY-MM-DD")
TO = Param("to", "date", False, "last day, YYYY-MM-DD")
PANEL_COLUMNS = (
    "summit_id",
    "org",
    "start",
    "end",
    "city",
    "host_iso3",
    "kind",
    "iso3",
    "name",
    "capacity",
    "presence",
    "representative",
    "signed_final_document",
    "source_url",
    "note",
)

QUERIES = {
    q.name: q
    for q in (
        Query(
            "membership",
            "every state's status in one organisation on one day, since when, and the source",
            (ORG, DATE),
            (*membership.TABLE_COLUMNS, "note"),
            run_membership,
        ),
        Query(
            "summits",
            "the summits of one organisation whose first day is in [from, to], oldest first",
            (ORG, FROM, TO),
            tuple(attendance.SUMMIT_COLUMNS),
            run_summits,
        ),
        Query(
            "attendance",
            "who held each seat at one summit, and the guests",
            (Param("summit", "summit", True, "a summit id such as CIS-2022-12-26"),),
            (*attendance.ROSTER_COLUMNS, "note"),
            run_attendance,
        ),
        Query(
            "territories",
            "the contested territories' situations on one day and whose colour each takes",
            (DATE, Param("borders", "borders", False, "de_jure (default) or de_facto")),
            (*territories.COLUMNS, "shown_as"),
            run_territories,
        ),
        Query(
            "changes",
            "every status change after from and up to and including to",
            (
                FROM,
                TO,
                Param("orgs", "orgs", False, "organisation ids, comma-separated"),
                Param("iso3", "iso3", False, "one state, such as ARM"),
            ),
            tuple(changes.COLUMNS),
            run_changes,
        ),
        Query(
            "organisations",
            "the organisations, their names in both languages and lifetimes",
            (),
            None,
            run_organisations,
        ),
        Query("countries", "the fifteen post-Soviet states", (), None, run_countries),
        Query(
            "panel",
            "one row per summit and state with a seat or a guest row, summit facts beside it",
            (
                Param("org", "org", False, "an organisation id such as CSTO"),
                Param("iso3", "iso3", False, "one state, such as ARM"),
                FROM,
                TO,
            ),
            PANEL_COLUMNS,
            run_panel,
        ),
        Query(
            "record",
            "each state's record at one organisation's summits: how often its leader came",
            (ORG, FROM, TO),
            tuple(history.RECORD_COLUMNS),
            run_record,
        ),
        Query(
            "rows",
            "the rows of one data table that contain a text, in codes or in words",
            (
                Param("table", "table", True, ", ".join(DATA_TABLES)),
                Param("q", "text", False, "text to look for (case does not matter)"),
                Param("lang", "lang", False, "en (default) or ru: the words matched"),
            ),
            None,
            run_rows,
        ),
    )
}
