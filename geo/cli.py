"""Command line: query, check and export the data without the app.

python -m geo membership --org CIS --date 2009-08-17 [--format json]
python -m geo summits --org CSTO [--from 2010-01-01 --to 2020-12-31]
python -m geo attendance --summit CIS-2022-12-26
python -m geo territories --date 2015-06-01 [--borders de_facto]
python -m geo changes --from 2018-01-01 [--to 2020-01-01] [--orgs CSTO,EAEU] [--iso3 ARM]
python -m geo panel [--org CSTO] [--iso3 ARM] [--from ...] [--to ...]
python -m geo organisations | countries
python -m geo export --org CSTO --date 2012-07-01 --format gpkg -o csto-2012.gpkg
python -m geo export --summit CIS-2022-12-26 --format geojson -o -
python -m geo package -o post-soviet-blocs.zip
python -m geo validate | report [--readme] | geometry
python -m geo release --version 0.3.0

The table commands ask the same questions, with the same parameters and messages, as
the web API (``/api/v1/<command>?...``): both go through ``geo.query``. Every error is
one line on stderr and a non-zero exit, never a traceback; a closed pipe ends quietly.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from pathlib import Path

from geo import query, report
from geo.load import load_dataset
from geo.paths import DATA_DIR
from geo.validate import DataError

CLOSED_PIPE = 141  # as a shell reports a program ended by SIGPIPE
DEST = {"from": "start", "to": "end"}  # argparse names for the parameters that are keywords


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (``error: ...``), exit status 2."""

    def error(self, message: str):
        self.exit(2, f"error: {message}\n")


class Failure(Exception):
    """An error the command reports as one line (exit status ``code``)."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


def given(args, names) -> dict[str, str]:
    """The query parameters given on the command line, as text (as a URL carries them)."""
    return {n: getattr(args, DEST.get(n, n), None) for n in names}


def cmd_query(args) -> int:
    ds = load_dataset(args.data)
    params = [p.name for p in query.QUERIES[args.command].params]
    table = query.answer(ds, args.command, given(args, params))
    emit(query.render(table, args.format).encode("utf-8"), "-")
    return 0


def cmd_export(args) -> int:
    if args.format not in query.EXPORT_FORMATS:
        known = ", ".join(query.EXPORT_FORMATS)
        raise Failure(f"format: unknown format {query.shown(args.format)}; known: {known}")
    from geo import export  # geopandas is only needed here

    target = output_target(args.output)
    ds = load_dataset(args.data)
    layers = export.layers_for(ds, given(args, ("org", "date", "summit")))
    written = emit(export.to_bytes(layers, args.format), target)
    if target != "-":
        print(f"wrote {target} ({written} bytes, {', '.join(layers)})", file=sys.stderr)
    return 0


def cmd_package(args) -> int:
    from geo import export

    target = output_target(args.output)
    written = emit(export.package_zip(load_dataset(args.data)), target)
    if target != "-":
        print(f"wrote {target} ({written} bytes)", file=sys.stderr)
    return 0


def cmd_validate(args) -> int:
    ds = load_dataset(args.data)
    counts = ", ".join(f"{len(getattr(ds, name))} {name}" for name in report.TABLES)
    emit(f"{args.data.name}/ is valid: {counts}\n".encode(), "-")
    return 0


def cmd_report(args) -> int:
    text = report.render(load_dataset(args.data))
    if args.readme:
        page = report.PAGE
        page.write_text(report.with_report(page.read_text(encoding="utf-8"), text), "utf-8")
        print(f"updated the coverage section of {page}")
    else:
        emit(f"{text}\n".encode(), "-")
    return 0


def cmd_release(args) -> int:
    from geo import release

    try:
        written = release.release(args.version, args.data)
    except release.ReleaseError as err:
        raise Failure(str(err)) from None
    for path in written:
        print(f"wrote {path}", file=sys.stderr)
    print(f"release {args.version}: now list its additions and corrections in CHANGELOG.md")
    return 0


def cmd_geometry(args) -> int:
    from geo import geometry  # the Natural Earth sources are only needed here

    for build, path in (
        (geometry.build, geometry.GEOMETRY_FILE),
        (geometry.build_territories, geometry.TERRITORY_FILE),
    ):
        print(f"wrote {path} ({build()} bytes)")
    return 0


def output_target(name: str) -> str:
    """``-`` (standard output) or a path that is absent or a regular file to replace."""
    if name == "-":
        return name
    if not name.strip():
        raise Failure("-o needs a file name, or - for standard output")
    from geo import export

    problem = export.unwritable(Path(name))
    if problem:
        raise Failure(f"cannot write {name}: {problem}")
    return name


def emit(data: bytes, target: str) -> int:
    """Write ``data`` to standard output (``-``) or, all at once, to the file ``target``."""
    if target != "-":
        from geo import export

        try:
            return export.write_bytes(data, Path(target))
        except OSError as exc:
            raise Failure(f"cannot write {target}: {exc.strerror or exc}") from None
    out = sys.stdout.buffer
    out.write(data)
    out.flush()
    return len(data)


def parser() -> argparse.ArgumentParser:
    p = OneLineParser(prog="python -m geo", description=__doc__.splitlines()[0])
    p.add_argument("--data", type=Path, default=DATA_DIR, help="data folder (default: data/)")
    sub = p.add_subparsers(dest="command", required=True, parser_class=OneLineParser)
    for q in query.QUERIES.values():
        cmd = sub.add_parser(q.name, help=q.summary)
        for param in q.params:
            cmd.add_argument(f"--{param.name}", dest=DEST.get(param.name), help=param.help)
        cmd.add_argument("--format", choices=query.FORMATS, default="csv")
        cmd.set_defaults(run=cmd_query)
    e = sub.add_parser("export", help="a map as gpkg, geojson, shp (zipped), fgb or csv")
    for name in ("org", "date", "summit"):
        e.add_argument(f"--{name}")
    e.add_argument("--format", required=True)
    e.add_argument("-o", "--output", required=True, help="a file, or - for standard output")
    e.set_defaults(run=cmd_export)
    z = sub.add_parser("package", help="the data package as a zip, with its codebook")
    z.add_argument("-o", "--output", required=True, help="a file, or - for standard output")
    z.set_defaults(run=cmd_package)
    sub.add_parser("validate", help="check every data file").set_defaults(run=cmd_validate)
    r = sub.add_parser("report", help="coverage of the dataset and its sources")
    r.add_argument("--readme", action="store_true", help="write it into docs/data.md")
    r.set_defaults(run=cmd_report)
    sub.add_parser("geometry", help="rebuild data/geometry/").set_defaults(run=cmd_geometry)
    n = sub.add_parser("release", help="check the data and set a new version everywhere")
    n.add_argument("--version", required=True, help="X.Y.Z (a correction: patch; rows: minor)")
    n.set_defaults(run=cmd_release)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except DataError as err:
        print(f"{args.data.name}/ is not valid:\n{err}", file=sys.stderr)
        return 1
    except (query.QueryError, Failure) as err:
        print(f"error: {err}", file=sys.stderr)
        return getattr(err, "code", 2)
    except BrokenPipeError:
        return closed_pipe()
    except OSError as exc:
        if exc.errno == errno.EPIPE:
            return closed_pipe()
        print(f"error: cannot write to standard output: {exc.strerror or exc}", file=sys.stderr)
        quiet_stdout()
        return 1


def closed_pipe() -> int:
    """The reader went away (``| head -1``): stop without a word."""
    quiet_stdout()
    return CLOSED_PIPE


def quiet_stdout() -> None:
    """Point standard output at /dev/null, so Python's own flush at exit has nothing left
    to fail on (it would print a traceback of its own)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
