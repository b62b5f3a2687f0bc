"""Command line: query, check and export the data without the app.

python -m geo membership --org CIS --date 2009-08-17
python -m geo summits --org CSTO [--from 2010-01-01 --to 2020-12-31]
python -m geo attendance --summit CIS-2022-12-26
python -m geo territories --date 2015-06-01
python -m geo export --org CSTO --date 2012-07-01 --format gpkg -o csto-2012.gpkg
python -m geo export --summit CIS-2022-12-26 --format geojson -o cis-2022.geojson
python -m geo validate
python -m geo report [--readme]
python -m geo geometry

Every error is one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from geo import attendance, membership, report, territories
from geo.load import load_dataset
from geo.paths import DATA_DIR, ROOT
from geo.validate import DataError, parse_date


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (``error: ...``), exit status 2."""

    def error(self, message: str):
        self.exit(2, f"error: {message}\n")


def iso_date(text: str) -> date:
    try:
        return parse_date(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD") from None


def org_error(ds, org: str) -> str | None:
    if org in ds.org_ids():
        return None
    return f"unknown organisation {org!r}; known: {', '.join(ds.org_ids())}"


def summit_error(ds, summit: str) -> str | None:
    if summit in set(ds.summits["id"]):
        return None
    return f"unknown summit {summit!r}; list them with: python -m geo summits --org ORG"


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
    if problem := summit_error(ds, args.summit):
        return fail(problem)
    return print_csv(attendance.roster(ds, args.summit), attendance.ROSTER_COLUMNS)


def cmd_territories(args) -> int:
    ds = load_dataset(args.data)
    names = dict(zip(ds.territory_names["territory"], ds.territory_names["name"]))
    return print_csv(territories.table_on(ds.territories, names, args.date), territories.COLUMNS)


def cmd_export(args) -> int:
    from geo import export, frames  # geopandas is only needed here

    ds = load_dataset(args.data)
    if args.format not in export.FORMATS:
        return fail(f"unknown format {args.format!r}; known: {', '.join(export.FORMATS)}")
    if args.summit:
        if problem := summit_error(ds, args.summit):
            return fail(problem)
        states, host = frames.summit_frame(args.summit, ds)
        layers = {
            export.layer_name(args.summit, "attendance"): states,
            export.layer_name(args.summit, "host_city"): host,
        }
    else:
        if args.org is None or args.date is None:
            return fail("export needs --summit, or both --org and --date")
        if problem := org_error(ds, args.org):
            return fail(problem)
        layers = {
            export.layer_name(args.org, args.date.isoformat()): frames.membership_frame(
                args.org, args.date, ds
            )
        }
    target = Path(args.output)
    if not target.parent.is_dir():
        return fail(f"cannot write {target}: the folder {target.parent} does not exist")
    try:
        size = export.write_file(layers, args.format, target)
    except OSError as exc:
        return fail(f"cannot write {target}: {exc.strerror or exc}")
    print(f"wrote {target} ({size} bytes, {', '.join(layers)})")
    return 0


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
    from geo import geometry  # the Natural Earth sources are only needed here

    for build, path in (
        (geometry.build, geometry.GEOMETRY_FILE),
        (geometry.build_territories, geometry.TERRITORY_FILE),
    ):
        print(f"wrote {path} ({build()} bytes)")
    return 0


def fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def parser() -> argparse.ArgumentParser:
    p = OneLineParser(prog="python -m geo", description=__doc__.splitlines()[0])
    p.add_argument("--data", type=Path, default=DATA_DIR, help="data folder (default: data/)")
    sub = p.add_subparsers(dest="command", required=True, parser_class=OneLineParser)
    m = sub.add_parser("membership", help="statuses of the 15 states in one organisation on a day")
    m.add_argument("--org", required=True)
    m.add_argument("--date", required=True, type=iso_date)
    m.set_defaults(run=cmd_membership)
    s = sub.add_parser("summits", help="summits of one organisation, oldest first")
    s.add_argument("--org", required=True)
    s.add_argument("--from", dest="start", type=iso_date)
    s.add_argument("--to", dest="end", type=iso_date)
    s.set_defaults(run=cmd_summits)
    a = sub.add_parser("attendance", help="who came to one summit (seats and guests)")
    a.add_argument("--summit", required=True)
    a.set_defaults(run=cmd_attendance)
    t = sub.add_parser("territories", help="contested territories' situations on a day")
    t.add_argument("--date", required=True, type=iso_date)
    t.set_defaults(run=cmd_territories)
    e = sub.add_parser("export", help="a map as gpkg, geojson, shp (zipped), fgb or csv")
    e.add_argument("--org")
    e.add_argument("--date", type=iso_date)
    e.add_argument("--summit")
    e.add_argument("--format", required=True)
    e.add_argument("-o", "--output", required=True)
    e.set_defaults(run=cmd_export)
    sub.add_parser("validate", help="check every data file").set_defaults(run=cmd_validate)
    r = sub.add_parser("report", help="coverage of the dataset and its sources")
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
