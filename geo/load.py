"""Read the data package into typed tables, all or nothing.

``load_dataset`` either returns every table, fully validated, or raises one
``DataError`` listing all problems; the app never sees partial data. A file that cannot
be read at all (missing, no permission) raises ``DataUnreadable``, so nobody is told to
fix a row when the fault is the folder.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from geo import validate
from geo.paths import DATA_DIR
from geo.validate import DataError, Row, parse_date

DESCRIPTOR_NAME = "datapackage.json"


class DataUnreadable(DataError):
    """A data file could not be opened or read (missing, or no permission)."""


@dataclass(frozen=True)
class Dataset:
    """The tables, typed: dates are ``datetime.date`` or None, empty text is ""."""

    organisations: pd.DataFrame
    countries: pd.DataFrame
    memberships: pd.DataFrame
    summits: pd.DataFrame
    attendance: pd.DataFrame
    cities: pd.DataFrame
    territory_names: pd.DataFrame
    territories: pd.DataFrame
    updated: date | None = None  # the descriptor's "created": when the data last changed
    # Derived once, here: every rerun asks for them several times.
    _org_ids: tuple[str, ...] = field(init=False, repr=False, compare=False)
    lifespans: MappingProxyType = field(init=False, repr=False, compare=False)
    summit_days: MappingProxyType = field(init=False, repr=False, compare=False)
    _places: MappingProxyType = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        rows = self.organisations[["id", "founded", "dissolved", "successor"]].to_dict("records")
        days: dict[str, list] = {}
        for org, start, summit_id in zip(
            self.summits["org"], self.summits["start"], self.summits["id"]
        ):
            days.setdefault(org, []).append((start, summit_id))
        places = zip(
            self.cities["city"], self.cities["iso3"], self.cities["lat"], self.cities["lon"]
        )
        derived = {
            "_org_ids": tuple(r["id"] for r in rows),
            "lifespans": MappingProxyType({r["id"]: MappingProxyType(r) for r in rows}),
            # org -> ((first day, summit id), ...), oldest first
            "summit_days": MappingProxyType({o: tuple(sorted(d)) for o, d in days.items()}),
            "_places": MappingProxyType({(c, i): (lat, lon) for c, i, lat, lon in places}),
        }
        for name, value in derived.items():  # frozen: set once, before anyone shares it
            object.__setattr__(self, name, value)

    def org_ids(self) -> list[str]:
        return list(self._org_ids)

    def org_names(self, full: bool = False) -> dict[str, str]:
        """Organisation id -> short (or full) English name, in the table's order."""
        column = "full_name" if full else "name"
        return dict(zip(self.organisations["id"], self.organisations[column]))

    def country_names(self) -> dict[str, str]:
        return dict(zip(self.countries["iso3"], self.countries["name"]))

    def place(self, city: str, iso3: str) -> tuple[float, float] | None:
        """Coordinates of a summit's host place, if the gazetteer has it."""
        return self._places.get((city, iso3))


def reason(exc: OSError) -> str:
    """Why a file could not be read, without the server's paths."""
    return exc.strerror or type(exc).__name__


def read_descriptor(data_dir: Path = DATA_DIR) -> dict:
    """The Frictionless descriptor: the one place the schema is written down."""
    path = data_dir / DESCRIPTOR_NAME
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataUnreadable([f"data/{DESCRIPTOR_NAME}: cannot be read ({reason(exc)})"]) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError([f"data/{DESCRIPTOR_NAME}: is not valid JSON ({exc})"]) from None


def parse_lines(raw: bytes) -> list[tuple[int, list[str]]]:
    """CSV rows with the line on which each begins."""
    reader = csv.reader(io.StringIO(raw.decode("utf-8"), newline=""))
    out, line = [], 1
    for cells in reader:
        if cells:
            out.append((line, cells))
        line = reader.line_num + 1
    return out


def read_tables(data_dir: Path, descriptor: dict, problems: list[str]) -> dict[str, list[Row]]:
    """Type-check every resource file named in the descriptor."""
    tables, unreadable = {}, []
    for resource in descriptor["resources"]:
        label = f"data/{resource['path']}"
        try:
            raw = (data_dir / resource["path"]).read_bytes()
        except OSError as exc:
            unreadable.append(f"{label}: cannot be read ({reason(exc)})")
            continue
        try:
            lines = parse_lines(raw)
        except (UnicodeDecodeError, csv.Error) as exc:
            problems.append(f"{label}: is not UTF-8 CSV ({exc})")
            continue
        validate.check_line_endings(label, raw, problems)
        tables[resource["name"]] = validate.check_rows(label, lines, resource["schema"], problems)
    if unreadable:
        raise DataUnreadable(unreadable)
    return tables


def check_facts(tables: dict[str, list[Row]], descriptor: dict, problems: list[str]) -> None:
    """The checks across rows and files, run only on files that passed their own checks,
    so a broken file is named as such instead of through its neighbours."""
    validate.check_foreign_keys(tables, descriptor, problems)
    validate.check_intervals(tables["memberships"], ("org", "iso3"), problems)
    validate.check_intervals(tables["territories"], ("territory",), problems)
    validate.check_summits(tables["summits"], tables["organisations"], problems)
    found: list[str] = []
    validate.check_attendance(tables["attendance"], tables["summits"], tables["memberships"], found)
    blamed = sum(MEMBERSHIPS_HINT in p for p in found)
    if blamed >= 3:  # many rows disagree with one file: that file is the likelier culprit
        found.insert(
            0,
            f"data/memberships.csv: {blamed} attendance rows disagree with it; if it "
            "was just edited, it may be incomplete",
        )
    problems.extend(found)


MEMBERSHIPS_HINT = "(see data/memberships.csv)"


def load_dataset(data_dir: Path = DATA_DIR) -> Dataset:
    """Load and validate all tables; raise DataError naming every problem."""
    descriptor = read_descriptor(data_dir)
    problems: list[str] = []
    tables = read_tables(data_dir, descriptor, problems)
    if not problems:
        check_facts(tables, descriptor, problems)
    if problems:
        raise DataError(problems)
    frames = {
        res["name"]: pd.DataFrame(
            [row.values for row in tables[res["name"]]],
            columns=[f["name"] for f in res["schema"]["fields"]],
            dtype=object,
        )
        for res in descriptor["resources"]
    }
    created = descriptor.get("created", "")
    return Dataset(**frames, updated=parse_date(created[:10]) if created else None)
