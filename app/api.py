"""The read-only web API under ``/api/v1/``: the command line's questions at stable
addresses, for researchers' scripts and for the app's own download links.

Every handler is a plain function that Starlette runs in its worker threads, never in
a Streamlit session or a script thread. It reads the same validated dataset as the
pages, asks ``geo.query`` (the command line's one implementation), and answers from a
bounded cache of finished bodies: each body is compressed once, when it is made, and
carries an ETag from its content, so a repeated question costs a dictionary lookup and a
revalidation costs nothing. Cache keys are made of validated values only; a bad value
is a 400 with the command line's message, and never reaches a cache.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import brotli
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from app import data
from geo import labels, names, query

PREFIX = "/api/v1"
MAX_AGE = 300  # seconds a browser or proxy may reuse an answer before revalidating
COMPRESS_FROM = 1024  # bytes: smaller bodies travel as they are
MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "zip": "application/zip",
}


class ApiError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Body:
    """A finished answer: its bytes, their compressed forms, and a validator."""

    raw: bytes
    media_type: str
    encoded: tuple[tuple[str, bytes], ...]  # (content coding, bytes), best first
    etag: str
    filename: str = ""

    @classmethod
    def of(cls, raw: bytes, media_type: str, filename: str = "") -> Body:
        encoded = ()
        if len(raw) >= COMPRESS_FROM and not media_type.startswith(
            ("application/zip", "image/png")
        ):
            encoded = (
                ("br", brotli.compress(raw, quality=5)),
                ("gzip", gzip.compress(raw, 6, mtime=0)),
            )
        etag = f'W/"{hashlib.sha256(raw).hexdigest()[:20]}"'
        return cls(raw, media_type, encoded, etag, filename)

    @property
    def size(self) -> int:
        return len(self.raw) + sum(len(b) for _, b in self.encoded)


class Bodies:
    """A least-recently-used store of bodies, bounded by their total size in bytes."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.items: OrderedDict[tuple, Body] = OrderedDict()
        self.total = 0
        self.lock = threading.Lock()

    def peek(self, key: tuple) -> Body | None:
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        return None

    def get(self, key: tuple, make: Callable[[], Body]) -> Body:
        found = self.peek(key)
        if found is not None:
            return found
        body = make()  # outside the lock: two readers of one new key may both make it
        with self.lock:
            if key not in self.items and body.size <= self.max_bytes // 4:
                self.items[key] = body
                self.total += body.size
                while self.total > self.max_bytes:
                    _, old = self.items.popitem(last=False)
                    self.total -= old.size
        return body


BODIES = Bodies(48 * 1024 * 1024)
# What a route decides before any work: the data release, the cache key of its answer
# (validated values only), and how to make the answer if it is not cached yet.
Plan = tuple[str, tuple, Callable[[], Body]]


def current():
    """(content key, dataset) to answer from: the current data, or while the files on
    disk are broken the last good data (as open pages show); a 503 with nothing good."""
    key, ds, problem = data.LAST_GOOD.serving()
    if ds is None:
        raise ApiError(503, "the data files cannot be used now; the atlas's pages say why")
    return key, ds


@lru_cache(maxsize=4)
def words(key: str, lang: str) -> labels.Labels:
    """The vocabulary for matching rows as a reader of ``lang`` sees them (one per data)."""
    return labels.Labels(lang, names.build(data.loaded(key)))


def negotiated(request: Request, formats=query.FORMATS) -> str:
    """``format=`` if given, else what ``Accept`` prefers among ``formats``, else CSV."""
    asked = request.query_params.get("format")
    if asked is not None:
        if asked not in formats:
            raise ApiError(400, f"format: {query.shown(asked)} is not one of {', '.join(formats)}")
        return asked
    accept = request.headers.get("accept", "")
    if "application/json" in accept and "text/csv" not in accept:
        return "json"
    return formats[0]


def params(request: Request) -> dict[str, str]:
    """The first value of each parameter (as ``streamlit`` and ``argparse`` keep one)."""
    return {k: request.query_params.get(k) for k in request.query_params}


def table_body(request: Request, name: str) -> Plan:
    key, ds = current()
    fmt = negotiated(request)
    q = query.QUERIES[name]
    try:
        parsed = query.values(ds, q, params(request))
    except query.QueryError as err:
        raise ApiError(400, str(err)) from None
    cache_key = (key, name, fmt, tuple(sorted((k, repr(v)) for k, v in parsed.items())))

    def make() -> Body:
        table = query.answer(ds, name, params(request), lambda lang: words(key, lang))
        raw = query.render(table, fmt).encode("utf-8")
        return Body.of(raw, MEDIA[fmt], f"{name}.{fmt}")

    return ds.version, cache_key, make


def package_body(request: Request) -> Plan:
    from geo import export  # geopandas: only when a file is asked for

    key, ds = current()
    return (
        ds.version,
        (key, "package"),
        lambda: Body.of(export.package_zip(ds), MEDIA["zip"], "post-soviet-blocs.zip"),
    )


def citation_body(request: Request) -> Plan:
    """CITATION.cff: how to cite the data release."""
    from geo.release import CITATION

    key, ds = current()
    return (
        ds.version,
        (key, "citation"),
        lambda: Body.of(CITATION.read_bytes(), "text/plain; charset=utf-8"),
    )


def changelog_body(request: Request) -> Plan:
    """The changelog: what each data release added and corrected."""
    key, ds = current()
    raw = ds.files.get("CHANGELOG.md", b"# Changelog\n")
    return ds.version, (key, "changelog"), lambda: Body.of(raw, "text/markdown; charset=utf-8")


def export_body(request: Request) -> Plan:
    from geo import export

    key, ds = current()
    fmt = request.query_params.get("format", "")
    if fmt not in query.EXPORT_FORMATS:
        known = ", ".join(query.EXPORT_FORMATS)
        raise ApiError(400, f"format: unknown format {query.shown(fmt)}; known: {known}")
    raw = params(request)
    try:
        layers_key = export_key(ds, raw)
    except query.QueryError as err:
        raise ApiError(400, str(err)) from None

    def make() -> Body:
        layers = export.layers_for(ds, raw)
        suffix = "zip" if fmt == "shp" else fmt
        return Body.of(
            export.to_bytes(layers, fmt), export.FORMATS[fmt][2], f"{next(iter(layers))}.{suffix}"
        )

    return ds.version, (key, "export", fmt, layers_key), make


RENDERING = threading.Lock()  # matplotlib draws one figure at a time (and one core)
PREVIEW = (8.0, 4.2)  # inches at 150 dpi: 1200 × 630


def preview_body(request: Request) -> Plan:
    """The picture a link preview shows: 1200 × 630, as Open Graph asks."""
    return picture_body(request, size=PREVIEW)


def picture_body(request: Request, size: tuple[float, float] | None = None) -> Plan:
    """The map of a link (membership or summit) as a PNG, with the download's legend,
    title and credit, in the link's language; one render per distinct view."""
    from geo import picture, views

    key, ds, view, lang = map_view(request)

    def make() -> Body:
        vocabulary = words(key, lang)
        with RENDERING:
            drawn = views.drawn(ds, view, vocabulary)
            figure = picture.figure(drawn, vocabulary, ds=ds, size=size or picture.SIZE)
            png = picture.png(figure)
        return Body.of(png, "image/png")

    return ds.version, (key, "map.png", view, lang, size), make


def map_view(request: Request):
    """The data's key and dataset, and the map a picture's parameters ask for, checked
    (a 400 with the command line's message, before any drawing)."""
    from geo import views

    key, ds = current()
    raw = params(request)
    try:
        view = views.parse(ds, raw)
        lang = query.parse_lang("lang", raw.get("lang") or "en", ds)
    except query.QueryError as err:
        raise ApiError(400, str(err)) from None
    return key, ds, view, lang


CREDIT = "{atlas} (CC BY 4.0) · Natural Earth"


def svg_body(request: Request) -> Plan:
    """The map of a link as a standalone SVG: the PNG's title, key and credit, drawn by
    ``geo.svgmap`` (no matplotlib, so it is cheap and never waits for the PNG's lock)."""
    from geo import svgmap, views

    key, ds, view, lang = map_view(request)

    def make() -> Body:
        vocabulary = words(key, lang)
        drawn = views.drawn(ds, view, vocabulary)
        shapes = svgmap.outlines(
            ds.files["geometry/region.geojson"], ds.files["geometry/territories.geojson"]
        )
        atlas = vocabulary.gettext("Atlas of post-Soviet blocs")
        picture = svgmap.document(drawn, vocabulary, shapes, CREDIT.format(atlas=atlas))
        return Body.of(picture.encode("utf-8"), "image/svg+xml")

    return ds.version, (key, "map.svg", view, lang), make


def export_key(ds, raw: dict) -> tuple:
    """The validated values that decide an export (raises ``QueryError`` like the export)."""
    if raw.get("summit"):
        return ("summit", query.parse_summit("summit", raw["summit"], ds))
    if not raw.get("org") or not raw.get("date"):
        raise query.QueryError("export needs summit, or both org and date")
    return (query.parse_org("org", raw["org"], ds), query.parse_day("date", raw["date"], ds))


def respond(
    request: Request, version: str, body: Body, caching: str = f"public, max-age={MAX_AGE}"
) -> Response:
    """The body in the best coding the client accepts, with validators and CORS."""
    headers = {
        "ETag": body.etag,
        "Cache-Control": caching,
        "Access-Control-Allow-Origin": "*",
        "Vary": "Accept, Accept-Encoding",
        "X-Atlas-Data-Version": version,
    }
    if body.filename:
        headers["Content-Disposition"] = f'attachment; filename="{body.filename}"'
    if body.etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    accepted = accepted_codings(request.headers.get("accept-encoding", ""))
    for coding, encoded in body.encoded:
        if coding in accepted:
            headers["Content-Encoding"] = coding
            return Response(encoded, media_type=body.media_type, headers=headers)
    return Response(body.raw, media_type=body.media_type, headers=headers)


def accepted_codings(header: str) -> set[str]:
    """The content codings an ``Accept-Encoding`` header allows (q above zero)."""
    out = set()
    for part in header.split(","):
        coding, _, rest = part.strip().partition(";")
        q = rest.strip().removeprefix("q=")
        try:
            weight = float(q) if q else 1.0
        except ValueError:
            weight = 0.0
        if coding and weight > 0:
            out.add(coding.strip().lower())
    return out


def error(status: int, message: str) -> Response:
    """``{"error": "..."}``: JSON with markup characters escaped, so no browser that
    sniffs it could ever read a tag into it."""
    text = json.dumps({"error": message}, ensure_ascii=False)
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, code)
    return Response(
        text,
        status_code=status,
        media_type="application/json",
        headers={"Access-Control-Allow-Origin": "*", "Cache-Control": "no-store"},
    )


def endpoint(plan: Callable[[Request], Plan]):
    """A route handler around ``plan``: errors become JSON, success a negotiated body.

    A cached answer is sent from the event loop itself; only an answer to make goes to a
    worker thread. (Handing every request to a thread and back cost readers' sessions:
    each hand-over waits for the GIL held by script runs.)"""

    async def handle(request: Request) -> Response:
        try:  # changed files are read and validated in a thread, never on the loop
            planned = (
                plan(request) if data.LAST_GOOD.warm() else await run_in_threadpool(plan, request)
            )
        except ApiError as err:
            return error(err.status, str(err))
        version, key, make = planned
        body = BODIES.peek(key) or await run_in_threadpool(BODIES.get, key, make)
        answer = respond(request, version, body)
        if data.LAST_GOOD.serving()[2] is not None:
            answer.headers["X-Atlas-Data-Stale"] = "the files on disk failed validation"
        return answer

    return handle


def not_found(request: Request) -> Response:
    return error(404, f"no such address under {PREFIX}/; see {PREFIX}/openapi.json")
