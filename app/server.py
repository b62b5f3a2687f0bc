"""The server around the pages: the atlas's own routes and middleware (one seam).

``dashboard.py`` hands these to ``st.App``, which ``streamlit run dashboard.py`` finds
and serves with uvicorn. None of the routes opens a Streamlit session.

Routes
    /api/v1/<query>        the command line's questions (``geo.query``), CSV or JSON
    /api/v1/export         a map as a GIS file; /api/v1/package.zip the data package
    /api/v1/openapi.json   the description of all of them
    /api/v1/status         200 while the data are valid, 503 while they are broken
    /assets/geometry/...   the shapes the map draws, and /assets/atlas/... its drawing
                           script, each named by its content (``app.hashed``)
    /, /summit, ...        each page's first HTML: its title, preview tags and a picture
                           of its map before any script runs (``app.firstpage``)
Middleware (outermost first)
    headers                refuse a foreign Host, and /_stcore/metrics to visitors; a
                           mistyped page to the nearest page; security headers
    static                 Streamlit's front end and Leaflet, compressed once (ServeStatic)
"""

from __future__ import annotations

import difflib
import re
from contextlib import asynccontextmanager
from functools import partial
from urllib.parse import urlencode

from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from streamlit.web.server.starlette.starlette_websocket import is_host_allowed

from app import api, data, firstpage, hashed, openapi, static
from geo import query

# What the pages need: Streamlit's scripts and styles, its inline start-up script and
# styles, expressions in charts, the map's iframe (same origin), tiles over https when a
# reader asks for the OpenStreetMap background. Any site may embed the atlas.
POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob: https:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "frame-src 'self'",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors *",
    )
)
HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"content-security-policy", POLICY.encode()),
]


# Streamlit's session counts and cache sizes: for a monitor on the machine, not for the
# public (docs/deploying.md lists which of Streamlit's routes are public and why).
PRIVATE = ("/_stcore/metrics",)
LOOPBACK = ("127.0.0.1", "::1")


def from_this_machine(scope) -> bool:
    """A client on this machine that did not come through a proxy (nginx and gateways
    add X-Forwarded-For, so a request they pass on is a visitor's)."""
    client = scope.get("client") or ("", 0)
    names = {name for name, _ in scope["headers"]}
    return client[0] in LOOPBACK and not names & {b"x-forwarded-for", b"forwarded"}


# One path segment without a dot that no route of the atlas or of Streamlit answers: a
# mistyped page (Streamlit would show its own English "Page not found").
PAGE_LIKE = re.compile(r"/([A-Za-z0-9_-]{1,40})/?")
RESERVED = {"api", "assets", "component", "media", "static", "app", "_stcore"}


def unknown_page(path: str) -> str | None:
    """The atlas page a mistyped one most resembles ('' for the map), or None when the
    path is not a mistyped page."""
    found = PAGE_LIKE.fullmatch(path)
    if not found or found[1] in firstpage.PATHS or found[1] in RESERVED:
        return None
    close = difflib.get_close_matches(found[1].lower(), [p for p in firstpage.PATHS if p], 1, 0.6)
    return close[0] if close else ""


def misplaced(request: Request, page: str) -> Response:
    """To the page meant, its parameters kept, and a notice there that the address was
    wrong (in the reader's language, from urlstate)."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "missing"]
    params.append(("missing", request.url.path.strip("/")))
    return RedirectResponse(f"/{page}?{urlencode(params)}", status_code=307)


class Headers:
    """Refuse a Host outside ``server.allowedHosts`` (HTTP and WebSocket alike, so a
    rebound name reaches nothing) and a private route to visitors, and add the security
    headers to every answer."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        host = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
        if not is_host_allowed(host):
            if scope["type"] == "websocket":
                return await send({"type": "websocket.close", "code": 1008})
            return await Response("unknown host", 400, media_type="text/plain")(
                scope, receive, send
            )
        if scope["type"] == "websocket":
            return await self.app(scope, receive, send)
        if scope["path"].endswith(PRIVATE) and not from_this_machine(scope):
            return await Response("not found", 404, media_type="text/plain")(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                present = {name for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in HEADERS if k not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        page = unknown_page(scope["path"]) if scope["method"] in ("GET", "HEAD") else None
        if page is not None:
            return await misplaced(Request(scope), page)(scope, receive, with_headers)
        return await self.app(scope, receive, with_headers)


def status(request: Request) -> Response:
    """For readiness probes and monitors: are the data files on disk valid now? (While
    they are not, the API answers from the last good data, but a balancer should send
    new readers to a replica whose files are good.)"""
    _, ds, problem = data.LAST_GOOD.serving()
    if problem is not None:
        return api.error(503, "the data files did not pass validation or cannot be read")
    return JSONResponse(
        {"data": "valid", "version": ds.version, "updated": str(ds.updated or "")},
        headers={"Cache-Control": "no-store"},
    )


def openapi_json(request: Request) -> Response:
    version = ""
    found = data.loaded(data.content_key(data.fingerprint()))
    if not isinstance(found, Exception):
        version = found.version
    return JSONResponse(openapi.document(version), headers={"Access-Control-Allow-Origin": "*"})


@asynccontextmanager
async def lifespan(app):
    """At start-up, before any reader: register the map's component, so its files are
    served from the first request. Streamlit registers a component only inside a script
    run, and behind a proxy a reader's page can ask a replica for the map's iframe before
    any session has run there (a failover, a restart)."""
    import streamlit_folium
    from streamlit.runtime import get_instance

    get_instance().component_registry.register_component(streamlit_folium._component_func)
    yield


def routes() -> list[Route]:
    prefix = api.PREFIX
    tables = [
        Route(f"{prefix}/{name}", api.endpoint(partial(api.table_body, name=name)))
        for name in query.QUERIES
    ]
    return [
        Route(f"{prefix}/openapi.json", openapi_json),
        Route(f"{prefix}/status", status),
        Route(f"{prefix}/export", api.endpoint(api.export_body)),
        Route(f"{prefix}/package.zip", api.endpoint(api.package_body)),
        Route(f"{prefix}/citation.cff", api.endpoint(api.citation_body)),
        Route(f"{prefix}/changelog.md", api.endpoint(api.changelog_body)),
        Route(f"{prefix}/map.png", api.endpoint(api.picture_body)),
        Route(f"{prefix}/map.svg", api.endpoint(api.svg_body)),
        Route(f"{prefix}/preview.png", api.endpoint(api.preview_body)),
        *tables,
        Route(f"{prefix}/{{rest:path}}", api.not_found),
        Route(f"{prefix}", api.not_found),
        Route(f"{hashed.PREFIX}{{digest}}/{{name}}", hashed.serve),
        Route(f"{hashed.SCRIPT_PREFIX}{{digest}}/map.js", hashed.serve_script),
        *(Route(f"/{path}", firstpage.serve, methods=["GET"]) for path in firstpage.PATHS),
    ]


def middleware() -> list[Middleware]:
    return [
        Middleware(Headers),
        Middleware(static.middleware, root=static.folder()),
    ]
