"""Read the data package into typed tables, all or nothing.

``load_dataset`` either returns every table, fully validated, or raises one
``DataError`` listing all problems; the app never sees partial data.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from geo import validate
from geo.paths import DATA_DIR
from geo.validate import DataError, Row

DESCRIPTOR_NAME = "datapackage.json"


@dataclass(frozen=True)
class Dataset:
    """The tables, typed: dates are ``datetime.date`` or None, empty text is ""."""

    organisations: pd.DataFrame
    countries: pd.DataFrame
    memberships: pd.DataFrame
    summits: pd.DataFrame
    attendance: pd.DataFrame
    cities: pd.DataFrame

    def org_ids(self) -> list[str]:
        return self.organisations["id"].tolist()

    def org_names(self, full: bool = False) -> dict[str, str]:
        """Organisation id -> short (or full) name, in the table's order."""
        column = "full_name" if full else "name"
        return dict(zip(self.organisations["id"], self.organisations[column]))

    def country_names(self) -> dict[str, str]:
        return dict(zip(self.countries["iso3"], self.countries["name"]))

    def place(self, city: str, iso3: str) -> tuple[float, float] | None:
        """Coordinates of a summit's host place, if the gazetteer has it."""
        hit = self.cities[(self.cities["city"] == city) & (self.cities["iso3"] == iso3)]
        return (hit.iloc[0]["lat"], hit.iloc[0]["lon"]) if len(hit) else None


def read_descriptor(data_dir: Path = DATA_DIR) -> dict:
    """The Frictionless descriptor: the one place the schema is written down."""
    path = data_dir / DESCRIPTOR_NAME
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise DataError([f"{path.name}: cannot be read ({exc})"]) from exc


def read_lines(path: Path) -> list[tuple[int, list[str]]]:
    """CSV rows with the line on which each begins."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        out, line = [], 1
        for cells in reader:
            if cells:
                out.append((line, cells))
            line = reader.line_num + 1
        return out


def read_tables(data_dir: Path, descriptor: dict, problems: list[str]) -> dict[str, list[Row]]:
    """Type-check every resource file named in the descriptor."""
    tables = {}
    for resource in descriptor["resources"]:
        path = data_dir / resource["path"]
        label = f"data/{resource['path']}"
        try:
            lines = read_lines(path)
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            problems.append(f"{label}: cannot be read ({exc})")
            continue
        tables[resource["name"]] = validate.check_rows(label, lines, resource["schema"], problems)
    return tables


def load_dataset(data_dir: Path = DATA_DIR) -> Dataset:
    """Load and validate all tables; raise DataError naming every problem."""
    descriptor = read_descriptor(data_dir)
    problems: list[str] = []
    tables = read_tables(data_dir, descriptor, problems)
    if not problems:
        validate.check_foreign_keys(tables, descriptor, problems)
        validate.check_intervals(tables["memberships"], problems)
        validate.check_summits(tables["summits"], tables["organisations"], problems)
        validate.check_attendance(
            tables["attendance"], tables["summits"], tables["memberships"], problems
        )
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
    return Dataset(**frames)
