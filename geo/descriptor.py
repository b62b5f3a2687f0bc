"""The shape of ``datapackage.json`` itself, checked before anything is read through it.

The descriptor is the schema, so a descriptor of the wrong shape (a resource without a
schema, a field without a type, a path leading out of the package) must be named like
a bad CSV row, never reach the loader as a ``KeyError``, and never make the loader read
a file outside the package.
"""

from __future__ import annotations

import re
from datetime import datetime

NAME = "data/datapackage.json"
TABLES = (  # the resources the atlas reads, in this order (see ``geo.load.Dataset``)
    "organisations",
    "countries",
    "memberships",
    "context_memberships",
    "summits",
    "attendance",
    "cities",
    "people",
    "territory_names",
    "territories",
)
TYPES = ("string", "date", "number")
FILE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*\.csv")  # in the package's own folder
VERSION = re.compile(r"\d+\.\d+\.\d+")


def created_day(value) -> bool:
    """An ISO 8601 date-time (2026-12-02T00:00:00Z) or date, as Frictionless allows."""
    if not isinstance(value, str) or len(value) < 10:
        return False
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def problems(descriptor) -> list[str]:
    """Everything wrong with the descriptor's shape; empty when the loader can trust it."""
    if not isinstance(descriptor, dict):
        return [f"{NAME}: is not a JSON object"]
    found = []
    if "created" in descriptor and not created_day(descriptor["created"]):
        found.append(
            f"{NAME}: created {descriptor['created']!r} is not a date-time such as "
            "2026-12-02T00:00:00Z"
        )
    if "version" in descriptor and not VERSION.fullmatch(str(descriptor["version"])):
        found.append(f"{NAME}: version {descriptor['version']!r} is not X.Y.Z")
    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not all(isinstance(r, dict) for r in resources):
        return [*found, f"{NAME}: resources must be a list of objects"]
    names = [r.get("name") for r in resources]
    for missing in [t for t in TABLES if t not in names]:
        found.append(f"{NAME}: resource {missing!r} is missing")
    for extra in [n for n in names if n not in TABLES]:
        found.append(f"{NAME}: resource {extra!r} is not one the atlas reads")
    for dup in sorted({n for n in names if names.count(n) > 1 and isinstance(n, str)}):
        found.append(f"{NAME}: resource {dup!r} is listed twice")
    for resource in resources:
        found += resource_problems(resource)
    return found


def resource_problems(resource: dict) -> list[str]:
    where = f"{NAME}: resource {resource.get('name')!r}"
    out = []
    path = resource.get("path")
    if not isinstance(path, str) or not FILE_NAME.fullmatch(path):
        out.append(f"{where}: path {path!r} must be a .csv file name in the package's folder")
    schema = resource.get("schema")
    if not isinstance(schema, dict):
        return [*out, f"{where}: has no schema"]
    fields = schema.get("fields")
    if not isinstance(fields, list) or not fields:
        return [*out, f"{where}: schema has no list of fields"]
    names = []
    for i, spec in enumerate(fields, start=1):
        if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
            out.append(f"{where}: field {i} has no name")
            continue
        names.append(spec["name"])
        out += field_problems(f"{where}, field {spec['name']!r}", spec)
    key = schema.get("primaryKey")
    if not isinstance(key, list) or not key or any(k not in names for k in key):
        out.append(f"{where}: primaryKey {key!r} must list fields of this resource")
    for fk in schema.get("foreignKeys", []):
        out += foreign_key_problems(where, fk, names)
    return out


def field_problems(where: str, spec: dict) -> list[str]:
    if spec.get("type") not in TYPES:
        return [f"{where}: type {spec.get('type')!r} is not one of {', '.join(TYPES)}"]
    rules = spec.get("constraints", {})
    if not isinstance(rules, dict):
        return [f"{where}: constraints must be an object"]
    out = []
    enum = rules.get("enum")
    if enum is not None and not (isinstance(enum, list) and all(isinstance(v, str) for v in enum)):
        out.append(f"{where}: enum must be a list of texts")
    if "pattern" in rules:
        try:
            re.compile(rules["pattern"])
        except (re.error, TypeError):
            out.append(f"{where}: pattern {rules['pattern']!r} is not a regular expression")
    for bound in ("minimum", "maximum"):
        if bound in rules and not isinstance(rules[bound], int | float):
            out.append(f"{where}: {bound} must be a number")
    return out


def foreign_key_problems(where: str, fk, names: list[str]) -> list[str]:
    ok = (
        isinstance(fk, dict)
        and isinstance(fk.get("fields"), list)
        and all(f in names for f in fk["fields"])
        and isinstance(fk.get("reference"), dict)
        and fk["reference"].get("resource") in TABLES
        and isinstance(fk["reference"].get("fields"), list)
    )
    return [] if ok else [f"{where}: foreign key {fk!r} is malformed"]
