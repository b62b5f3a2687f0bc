"""Leaflet and the country shapes, linked from the app's own origin.

The app serves two folders in place, read-only: Leaflet from the installed XStatic-Leaflet
package and ``data/geometry/`` (see ``app.assets``). This module works out the links the
map's iframe uses and points folium at them, so no page ever asks a CDN. Nothing is
copied or written, so a read-only checkout works.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace

import branca.element
import folium
import jinja2
import xstatic.pkg.leaflet as xleaflet

from geo.paths import GEOMETRY_DIR, GEOMETRY_FILE, TERRITORY_FILE

LEAFLET_DIR = Path(xleaflet.BASE_DIR)
# streamlit-folium draws in an iframe at <base>/component/<its name>/index.html, and each
# served folder sits beside it at <base>/component/<name>/, so links go up one level.
FROM_COMPONENT = "../"


@dataclass(frozen=True)
class Assets:
    """Relative URLs of the served files, as seen from the map's iframe."""

    leaflet_js: str
    leaflet_css: str
    geometry: str
    territories: str


def digest(path: Path) -> str:
    """A short content hash, so a changed file gets a new URL (browsers cache the old)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:10]


def links(leaflet_name: str, geometry_name: str) -> Assets:
    """The iframe's links to files served under the two component names."""
    leaflet = f"{FROM_COMPONENT}{leaflet_name}/"
    shapes = f"{FROM_COMPONENT}{geometry_name}/"
    return Assets(
        leaflet_js=f"{leaflet}leaflet.js?v={xleaflet.VERSION}",
        leaflet_css=f"{leaflet}leaflet.css?v={xleaflet.VERSION}",
        geometry=f"{shapes}{GEOMETRY_FILE.name}?v={digest(GEOMETRY_FILE)}",
        territories=f"{shapes}{TERRITORY_FILE.name}?v={digest(TERRITORY_FILE)}",
    )


def served_folders() -> dict[str, Path]:
    """What the app serves, by short name: nothing outside these two folders."""
    return {"leaflet": LEAFLET_DIR, "geometry": GEOMETRY_DIR}


class PlainText:
    """A template without any Jinja syntax: it renders to its source, as Jinja would (one
    trailing newline dropped), with no compiling. folium wraps every rendered script in
    such an element; the style layer's script differs on every rerun, so compiling it,
    or keeping it in a cache, is pure waste."""

    module = SimpleNamespace()  # no macros: header, html and script are absent

    def __init__(self, source: str):
        self.source = source

    def render(self, *args, **kwargs) -> str:
        return self.source.removesuffix("\n")


JINJA_SYNTAX = re.compile(r"\{[{%#]|\r")  # Jinja's openers, and newlines it would rewrite


def compiled_template(source: str) -> jinja2.Template | PlainText:
    """The template for a source string: plain text as is, otherwise compiled once."""
    if not JINJA_SYNTAX.search(source):
        return PlainText(source)
    return _compiled(source)


@lru_cache(maxsize=512)
def _compiled(source: str) -> jinja2.Template:
    return jinja2.Template(source)  # templates are immutable: safe to share


def cache_templates() -> None:
    """branca compiles a template for every element built from a string, a dozen per map
    and rerun (about 1 ms each); compile each distinct string once instead."""
    branca.element.Template = compiled_template


def use_local_assets(assets: Assets) -> None:
    """Make every folium map link only the local Leaflet (no jQuery, Bootstrap or fonts)."""
    folium.Map.default_js = [("leaflet", assets.leaflet_js)]
    folium.Map.default_css = [("leaflet_css", assets.leaflet_css)]
