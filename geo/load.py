"""Read the data package into typed tables, all or nothing.

``load_dataset`` either returns every table, fully validated, or raises one
``DataError`` listing all problems; the app never sees partial data. A file that cannot
be read at all (missing, no permission) raises ``DataUnreadable``, so nobody is told to
fix a row when the fault is the folder. The descriptor's own shape is checked first
(``geo.descriptor``), and only files inside the package are ever read. The bytes that
passed validation are kept (``Dataset.files``), so a download of the package is exactly
the data shown, even while the files on disk are being edited.
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

from geo import descriptor as descriptor_shape
from geo import shapes, validate
from geo.paths import DATA_DIR, geometry_files
from geo.validate import DataError, DataUnreadable, Row, parse_date, reason

DESCRIPTOR_NAME = "datapackage.json"
LICENCE_NAME = "LICENSE.md"
PACKAGE_TEXTS = (LICENCE_NAME, "CHANGELOG.md")  # kept with the data, not validated
NO_FILES = MappingProxyType({})
__all__ = ["DataError", "DataUnreadable", "Dataset", "load_dataset", "reason"]


@dataclass(frozen=True)
class Dataset:
    """The tables, typed: dates are ``datetime.date`` or None, empty text is ""."""

    organisations: pd.DataFrame
    countries: pd.DataFrame
    memberships: pd.DataFrame
    context_memberships: pd.DataFrame  # members outside the fifteen, drawn as context
    summits: pd.DataFrame
    attendance: pd.DataFrame
    cities: pd.DataFrame
    people: pd.DataFrame
    territory_names: pd.DataFrame
    territories: pd.DataFrame
    updated: date | None = None  # the descriptor's "created": when the data last changed
    version: str = ""  # the descriptor's "version": the data release
    folder: Path = DATA_DIR
    # Package file name (as in the zip: "memberships.csv", "geometry/region.geojson") ->
    # the bytes that passed validation.
    files: MappingProxyType = field(
        default_factory=lambda: MappingProxyType({}), repr=False, compare=False
    )
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


def read_descriptor(data_dir: Path = DATA_DIR, raw: bytes | None = None) -> dict:
    """The Frictionless descriptor, the one place the schema is written down, once its
    own shape is known to be what the loader expects."""
    if raw is None:
        raw = read_file(data_dir / DESCRIPTOR_NAME, f"data/{DESCRIPTOR_NAME}")
    try:
        descriptor = json.loads(raw.decode("utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DataError([f"data/{DESCRIPTOR_NAME}: is not valid JSON ({exc})"]) from None
    problems = descriptor_shape.problems(descriptor)
    if problems:
        raise DataError(problems)
    return descriptor


def read_file(path: Path, label: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DataUnreadable([f"{label}: cannot be read ({reason(exc)})"]) from None


def parse_lines(raw: bytes) -> list[tuple[int, list[str]]]:
    """CSV rows with the line on which each begins."""
    reader = csv.reader(io.StringIO(raw.decode("utf-8"), newline=""))
    out, line = [], 1
    for cells in reader:
        if cells:
            out.append((line, cells))
        line = reader.line_num + 1
    return out


def read_tables(
    data_dir: Path, descriptor: dict, problems: list[str], files: dict[str, bytes]
) -> dict[str, list[Row]]:
    """Type-check every resource file named in the descriptor (its bytes kept in ``files``)."""
    tables, unreadable = {}, []
    for resource in descriptor["resources"]:
        label = f"data/{resource['path']}"
        try:
            raw = (data_dir / resource["path"]).read_bytes()
        except OSError as exc:
            unreadable.append(f"{label}: cannot be read ({reason(exc)})")
            continue
        files[resource["path"]] = raw
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
    validate.check_intervals(tables["context_memberships"], ("org", "iso3"), problems)
    validate.check_intervals(tables["territories"], ("territory",), problems)
    validate.check_summits(tables["summits"], tables["organisations"], problems)
    validate.check_places(tables["summits"], tables["cities"], problems)
    validate.check_people(tables["people"], tables["attendance"], problems)
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
    """Load and validate all tables and the shapes; raise DataError naming every problem.

    Parameters
    ----------
    data_dir : pathlib.Path
        A data package folder: ``datapackage.json``, the CSVs it names, and
        ``geometry/`` with the states' and territories' shapes.
    """
    files = {DESCRIPTOR_NAME: read_file(data_dir / DESCRIPTOR_NAME, f"data/{DESCRIPTOR_NAME}")}
    descriptor = read_descriptor(data_dir, files[DESCRIPTOR_NAME])
    problems: list[str] = []
    tables = read_tables(data_dir, descriptor, problems, files)
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
    ds = Dataset(
        **frames,
        updated=parse_date(created[:10]) if created else None,
        version=str(descriptor.get("version", "")),
        folder=data_dir,
    )
    files |= read_shapes(ds, data_dir)
    for name in PACKAGE_TEXTS:
        if (data_dir / name).is_file():
            files[name] = read_file(data_dir / name, f"data/{name}")
    object.__setattr__(ds, "files", MappingProxyType(files))  # before anyone shares it
    return ds


def read_shapes(ds: Dataset, data_dir: Path) -> dict[str, bytes]:
    """The package's own shapes, checked against its states and territories."""
    paths = geometry_files(data_dir)
    raw = [shapes.read(p) for p in paths]
    names = tuple(shapes.label(p) for p in paths)
    shapes.check(ds, raw[0], raw[1], names)
    return {f"geometry/{p.name}": r for p, r in zip(paths, raw)}
