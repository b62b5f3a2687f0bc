"""Command line: query and check the data without the app.

python -m geo membership --org CIS --date 2009-08-17
python -m geo summits --org CSTO [--from 2010-01-01 --to 2020-12-31]
python -m geo attendance --summit CIS-2022-12-26
python -m geo validate
python -m geo report
python -m geo geometry
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from geo import attendance, membership, report
from geo.load import load_dataset
from geo.paths import DATA_DIR, ROOT
from geo.validate import DataError, parse_date


def iso_date(text: str) -> date:
    try:
        return parse_date(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD") from None


def org_error(ds, org: str) -> str | None:
    if org in ds.org_ids():
        return None
    return f"unknown organisation {org!r}; known: {', '.join(ds.org_ids())}"


def print_csv(table, columns: list[str]) -> int:
    table[columns].to_csv(sys.stdout, index=False, lineterminator="\n")
    return 0


def cmd_membership(args) -> int:
    ds = load_dataset(args.data)
    if problem := org_error(ds, args.org):
        return fail(problem)
    table = membership.statuses_on(ds.memberships, ds.countries, args.org, args.date)
    return print_csv(table, membership.TABLE_COLUMNS)


def cmd_summits(args) -> int:
    ds = load_dataset(args.data)
    if problem := org_error(ds, args.org):
        return fail(problem)
    table = attendance.summits_of(ds.summits, args.org, args.start, args.end)
    return print_csv(table, attendance.SUMMIT_COLUMNS)


def cmd_attendance(args) -> int:
    ds = load_dataset(args.data)
    if args.summit not in set(ds.summits["id"]):
        return fail(f"unknown summit {args.summit!r}; list them with: python -m geo summits")
    return print_csv(attendance.roster(ds, args.summit), attendance.ROSTER_COLUMNS)


def cmd_validate(args) -> int:
    ds = load_dataset(args.data)
    counts = ", ".join(f"{len(getattr(ds, name))} {name}" for name in report.TABLES)
    print(f"data/ is valid: {counts}")
    return 0


def cmd_report(args) -> int:
    text = report.render(load_dataset(args.data))
    if args.readme:
        readme = ROOT / "README.md"
        readme.write_text(report.with_report(readme.read_text(encoding="utf-8"), text), "utf-8")
        print(f"updated the coverage section of {readme}")
    else:
        print(text)
    return 0


def cmd_geometry(args) -> int:
    from geo import geometry  # shapely and pyshp are only needed here

    size = geometry.build()
    print(f"wrote {geometry.GEOMETRY_FILE} ({size} bytes)")
    return 0


def fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m geo", description=__doc__.splitlines()[0])
    p.add_argument("--data", type=Path, default=DATA_DIR, help="data folder (default: data/)")
    sub = p.add_subparsers(dest="command", required=True)
    m = sub.add_parser("membership", help="statuses of the 15 states in one organisation on a day")
    m.add_argument("--org", required=True)
    m.add_argument("--date", required=True, type=iso_date)
    m.set_defaults(run=cmd_membership)
    s = sub.add_parser("summits", help="summits of one organisation, oldest first")
    s.add_argument("--org", required=True)
    s.add_argument("--from", dest="start", type=iso_date)
    s.add_argument("--to", dest="end", type=iso_date)
    s.set_defaults(run=cmd_summits)
    a = sub.add_parser("attendance", help="who came to one summit")
    a.add_argument("--summit", required=True)
    a.set_defaults(run=cmd_attendance)
    sub.add_parser("validate", help="check every data file").set_defaults(run=cmd_validate)
    r = sub.add_parser("report", help="coverage of the dataset")
    r.add_argument("--readme", action="store_true", help="write it into README.md")
    r.set_defaults(run=cmd_report)
    sub.add_parser("geometry", help="rebuild data/geometry/").set_defaults(run=cmd_geometry)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except DataError as err:
        print(f"data/ is not valid:\n{err}", file=sys.stderr)
        return 1
