"""Checks that every CSV row fits the descriptor and that the facts hang together.

The field rules (types, required, enums, patterns, keys) are read from
``data/datapackage.json``; nothing here repeats them. Every problem names the file,
the line, the column and the value, so a curator can go straight to it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from geo import representatives

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MAX_REPORTED = 50


class DataError(Exception):
    """Raised when the data files break the schema or contradict themselves."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        shown = problems[:MAX_REPORTED]
        more = len(problems) - len(shown)
        tail = [f"... and {more} more"] if more > 0 else []
        super().__init__("\n".join(shown + tail))


class DataUnreadable(DataError):
    """A data file could not be opened or read (missing, or no permission)."""


def reason(exc: OSError) -> str:
    """Why a file could not be read, without the server's paths."""
    return exc.strerror or type(exc).__name__


@dataclass(frozen=True)
class Row:
    """One parsed CSV row, with where it came from."""

    file: str
    line: int
    values: dict

    def where(self, column: str) -> str:
        return f"{self.file}, line {self.line}, column '{column}'"

    def __getitem__(self, key):
        return self.values[key]


def parse_date(text: str) -> date:
    """Strict ISO 8601 calendar date (YYYY-MM-DD), nothing looser."""
    if not ISO_DATE.fullmatch(text):
        raise ValueError
    return date.fromisoformat(text)


def check_field(row: Row, spec: dict, raw: str, problems: list[str]):
    """Return the typed value of one cell, recording any problem."""
    name = spec["name"]
    rules = spec.get("constraints", {})
    if raw == "":
        if rules.get("required"):
            problems.append(f"{row.where(name)}: value is required but empty")
        return "" if spec["type"] == "string" else None
    if spec["type"] == "date":
        try:
            return parse_date(raw)
        except ValueError:
            problems.append(f"{row.where(name)}: {raw!r} is not an ISO 8601 date (YYYY-MM-DD)")
            return None
    if spec["type"] == "number":
        return check_number(row, name, raw, rules, problems)
    if "enum" in rules and raw not in rules["enum"]:
        allowed = ", ".join(rules["enum"])
        problems.append(f"{row.where(name)}: {raw!r} is not one of: {allowed}")
    if "pattern" in rules and not re.fullmatch(rules["pattern"], raw):
        problems.append(f"{row.where(name)}: {raw!r} does not match {rules['pattern']}")
    return raw


def check_number(row: Row, name: str, raw: str, rules: dict, problems: list[str]):
    """A decimal number within the descriptor's minimum and maximum."""
    try:
        value = float(raw)
    except ValueError:
        problems.append(f"{row.where(name)}: {raw!r} is not a number")
        return None
    low, high = rules.get("minimum", float("-inf")), rules.get("maximum", float("inf"))
    if not low <= value <= high:
        problems.append(f"{row.where(name)}: {raw!r} is outside {low} to {high}")
    return value


def check_rows(file: str, lines: list[tuple[int, list[str]]], schema: dict, problems: list[str]):
    """Type-check each row; the first entry of ``lines`` is the header."""
    fields = schema["fields"]
    names = [f["name"] for f in fields]
    header_line, header = lines[0] if lines else (1, [])
    if header != names:
        found, expected = ",".join(header), ",".join(names)
        problems.append(f"{file}, line {header_line}: header is {found!r}, expected {expected!r}")
        return []
    rows = []
    for line, cells in lines[1:]:
        row = Row(file, line, {})
        if len(cells) != len(names):
            problems.append(f"{file}, line {line}: {len(cells)} columns, expected {len(names)}")
            continue
        for spec, raw in zip(fields, cells):
            row.values[spec["name"]] = check_field(row, spec, raw.strip(), problems)
        rows.append(row)
    check_unique(file, rows, schema, problems)
    return rows


def check_unique(file: str, rows: list[Row], schema: dict, problems: list[str]):
    """Primary keys and unique columns must not repeat."""
    keys = [schema["primaryKey"]] + [
        [f["name"]] for f in schema["fields"] if f.get("constraints", {}).get("unique")
    ]
    for key in {tuple(k) for k in keys}:
        seen: dict[tuple, int] = {}
        for row in rows:
            value = tuple(row[k] for k in key)
            if value in seen:
                problems.append(
                    f"{row.where(key[0])}: {'/'.join(map(str, value))!r} repeats line {seen[value]}"
                )
            seen.setdefault(value, row.line)


def check_foreign_keys(tables: dict[str, list[Row]], descriptor: dict, problems: list[str]):
    """Every reference (org, iso3, summit_id, successor) must resolve."""
    for resource in descriptor["resources"]:
        for fk in resource["schema"].get("foreignKeys", []):
            (column,) = fk["fields"]
            target = fk["reference"]
            known = {r[target["fields"][0]] for r in tables.get(target["resource"], [])}
            for row in tables.get(resource["name"], []):
                value = row[column]
                if value not in (None, "") and value not in known:
                    problems.append(
                        f"{row.where(column)}: {value!r} is not a known {target['resource']} "
                        f"{target['fields'][0]}"
                    )


def check_intervals(rows: list[Row], key: tuple[str, ...], problems: list[str]):
    """Half-open intervals: end after start, no overlap for one ``key`` (e.g. org and state)."""
    by_key = defaultdict(list)
    for row in rows:
        if row["start"] is None:
            continue
        if row["end"] is not None and row["end"] <= row["start"]:
            problems.append(f"{row.where('end')}: {row['end']} is not after start {row['start']}")
            continue
        by_key[tuple(row[k] for k in key)].append(row)
    for spans in by_key.values():
        spans.sort(key=lambda r: r["start"])
        for before, after in zip(spans, spans[1:]):
            if before["end"] is None or before["end"] > after["start"]:
                problems.append(
                    f"{after.where('start')}: {'/'.join(after[k] for k in key)} interval from "
                    f"{after['start']} overlaps line {before.line} "
                    f"({before['start']} to {before['end'] or 'open'})"
                )


def check_summits(summits: list[Row], orgs: list[Row], problems: list[str]):
    """Summit ids are <ORG>-<start>, end not before start, inside the org's lifetime."""
    life = {o["id"]: (o["founded"], o["dissolved"]) for o in orgs}
    for row in summits:
        if None in (row["org"], row["start"], row["end"]):
            continue
        expected = f"{row['org']}-{row['start'].isoformat()}"
        if row["id"] != expected:
            problems.append(f"{row.where('id')}: {row['id']!r} should be {expected!r}")
        if row["end"] < row["start"]:
            problems.append(f"{row.where('end')}: {row['end']} is before start {row['start']}")
        founded, dissolved = life.get(row["org"], (None, None))
        if founded and row["start"] < founded:
            problems.append(
                f"{row.where('start')}: {row['start']} is before {row['org']} "
                f"was founded ({founded})"
            )
        if dissolved and row["end"] >= dissolved:
            problems.append(
                f"{row.where('end')}: {row['end']} is after {row['org']} "
                f"was dissolved ({dissolved})"
            )


def check_places(summits: list[Row], cities: list[Row], problems: list[str]):
    """Every host place has its row in cities.csv: the map marks it, Russian names it."""
    known = {(c["city"], c["iso3"]) for c in cities}
    for row in summits:
        if row["city"] and (row["city"], row["host_iso3"]) not in known:
            problems.append(
                f"{row.where('city')}: {row['city']!r} in {row['host_iso3']} has no row in "
                "data/cities.csv (its coordinates and Russian name)"
            )


def check_people(people: list[Row], attendance: list[Row], problems: list[str]):
    """Each person is named in some representative cell; a Russian form has its source,
    and a missing one its reason."""
    named = {
        who for row in attendance for who, _ in representatives.parts(row["representative"] or "")
    }
    for row in people:
        if row["name"] and row["name"] not in named:
            problems.append(f"{row.where('name')}: {row['name']!r} is in no representative cell")
        if bool(row["name_ru"]) != bool(row["source_url"]):
            problems.append(
                f"{row.where('source_url')}: {row['source_url']!r} must be given exactly when "
                f"name_ru is ({row['name_ru']!r})"
            )
        if not row["name_ru"] and not row["note"]:
            problems.append(f"{row.where('note')}: empty; say why name_ru is empty")


def check_attendance(
    attendance: list[Row], summits: list[Row], memberships: list[Row], problems: list[str]
):
    """Every state holding a status on a summit's first day has a row, in capacity ``status``.

    A row for a state with no status that day is an invited guest: capacity ``guest``. A
    state holding a status is never a guest, and a guest row records someone who came.
    """
    spans = defaultdict(list)
    for m in memberships:
        spans[(m["org"], m["iso3"])].append((m["start"], m["end"]))
    holders = defaultdict(set)
    for org, iso3 in spans:
        holders[org].add(iso3)
    rows_by_summit = defaultdict(dict)
    for row in attendance:
        rows_by_summit[row["summit_id"]][row["iso3"]] = row
    for summit in summits:
        day, org = summit["start"], summit["org"]
        expected = {
            iso3
            for iso3 in holders[org]
            if any(s <= day and (e is None or day < e) for s, e in spans[(org, iso3)])
        }
        present = rows_by_summit.get(summit["id"], {})
        for iso3 in sorted(expected - set(present)):
            problems.append(
                f"{summit.where('id')}: {summit['id']} has no attendance row for {iso3}, "
                f"which held a status in {org} that day (see data/memberships.csv)"
            )
        for iso3, row in sorted(present.items()):
            check_capacity(row, iso3 in expected, org, day, problems)


def check_capacity(row: Row, holds_status: bool, org: str, day: date, problems: list[str]):
    """``status`` exactly for states that held one that day; a guest must have come."""
    capacity = row["capacity"]
    if holds_status and capacity == "guest":
        problems.append(
            f"{row.where('capacity')}: {row['iso3']} held a status in {org} on {day}, "
            "so it cannot be a guest (see data/memberships.csv)"
        )
    elif not holds_status and capacity == "status":
        problems.append(
            f"{row.where('capacity')}: {row['iso3']} held no status in {org} on {day} "
            "(see data/memberships.csv); a row for it must be capacity 'guest'"
        )
    elif not holds_status and row["presence"] in ABSENT:
        problems.append(
            f"{row.where('presence')}: a guest row records who came; {row['presence']!r} "
            "is for states that held a seat"
        )


ABSENT = ("absent", "declined", "unknown")


def check_line_endings(label: str, raw: bytes, problems: list[str]):
    """A file that stops mid-line was cut short, most often while it was being written."""
    if raw and not raw.endswith(b"\n"):
        problems.append(
            f"{label}: the last line has no line break; the file may be incomplete "
            "(cut short or still being written)"
        )
