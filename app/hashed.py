"""Files at addresses named by their content: the data's shapes and the map's script.

The map's iframe fetches ``/assets/geometry/<digest>/region.geojson`` (the shapes of the
data in use, a working copy's own under ``ATLAS_DATA_DIR``) and
``/assets/atlas/<digest>/map.js`` (the drawing, ``geo.mapscript``). Each is compressed
once per content. An address never changes its bytes, so browsers keep it for a year;
an edited file gets a new digest, so its new address reaches readers with the next page.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

from starlette.requests import Request
from starlette.responses import Response

from app import api
from geo import mapscript

PREFIX = "/assets/geometry/"
SCRIPT_PREFIX = "/assets/atlas/"
NAMES = ("region.geojson", "territories.geojson")
YEAR = f"public, max-age={365 * 24 * 3600}, immutable"


@lru_cache(maxsize=8)
def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()[:16]


def address(ds, name: str) -> str:
    """The path the map fetches ``name`` from (relative to the site's root)."""
    return f"{PREFIX.lstrip('/')}{digest(ds.files[f'geometry/{name}'])}/{name}"


@lru_cache(maxsize=1)
def script() -> bytes:
    return mapscript.library().encode("utf-8")


def script_address() -> str:
    return f"{SCRIPT_PREFIX.lstrip('/')}{digest(script())}/map.js"


@lru_cache(maxsize=4)
def body(raw: bytes, media_type: str) -> api.Body:
    return api.Body.of(raw, media_type)


def serve(request: Request) -> Response:
    name, wanted = request.path_params["name"], request.path_params["digest"]
    try:
        _, ds = api.current()
    except api.ApiError as err:
        return api.error(err.status, str(err))
    raw = ds.files.get(f"geometry/{name}") if name in NAMES else None
    if raw is None or digest(raw) != wanted:  # not this data's shapes (any more)
        return api.error(404, "no such shapes; reload the page for the current ones")
    return api.respond(request, ds.version, body(raw, "application/geo+json"), YEAR)


def serve_script(request: Request) -> Response:
    if request.path_params["digest"] != digest(script()):
        return api.error(404, "no such script; reload the page for the current one")
    return api.respond(request, "", body(script(), "text/javascript; charset=utf-8"), YEAR)
