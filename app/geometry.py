"""The shapes the map draws, at addresses named by their content.

The map's iframe fetches ``/assets/geometry/<digest>/region.geojson``: the shapes of
the data in use (a working copy's own, under ``ATLAS_DATA_DIR``), compressed once per
content. An address never changes its bytes, so browsers keep it for a year; an edited
file gets a new digest, so its new address reaches readers with the next page.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

from starlette.requests import Request
from starlette.responses import Response

from app import api

PREFIX = "/assets/geometry/"
NAMES = ("region.geojson", "territories.geojson")
YEAR = 365 * 24 * 3600


@lru_cache(maxsize=8)
def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()[:16]


def address(ds, name: str) -> str:
    """The path the map fetches ``name`` from (relative to the site's root)."""
    return f"{PREFIX.lstrip('/')}{digest(ds.files[f'geometry/{name}'])}/{name}"


@lru_cache(maxsize=4)
def body(raw: bytes) -> api.Body:
    return api.Body.of(raw, "application/geo+json")


def serve(request: Request) -> Response:
    name, wanted = request.path_params["name"], request.path_params["digest"]
    try:
        _, ds = api.current()
    except api.ApiError as err:
        return api.error(err.status, str(err))
    raw = ds.files.get(f"geometry/{name}") if name in NAMES else None
    if raw is None or digest(raw) != wanted:  # not this data's shapes (any more)
        return api.error(404, "no such shapes; reload the page for the current ones")
    return api.respond(request, ds.version, body(raw), f"public, max-age={YEAR}, immutable")
