"""Leaflet and the country shapes, linked from the app's own origin.

The server serves Leaflet from the installed XStatic-Leaflet package under
``/assets/leaflet/<version>/`` and the data's shapes under
``/assets/geometry/<digest>/`` (see ``app.static`` and ``app.geometry``). This module
works out the links the map's iframe uses and points folium at them, so no page ever
asks a CDN.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from types import SimpleNamespace

import branca.element
import folium
import jinja2
import xstatic.pkg.leaflet as xleaflet

# streamlit-folium draws in an iframe at <base>/component/<its name>/index.html, so the
# site's root (with any base path) is two levels up.
TO_ROOT = "../../"
LEAFLET = f"assets/leaflet/{xleaflet.VERSION}/"


@dataclass(frozen=True)
class Assets:
    """Relative URLs of the served files, as seen from the map's iframe."""

    leaflet_js: str
    leaflet_css: str
    geometry: str
    territories: str
    script: str = ""  # the map's drawing script (``geo.mapscript``)


def links(geometry: str, territories: str, script: str = "") -> Assets:
    """The iframe's links: Leaflet by its version, the shapes and the map's script by the
    site-relative paths the server gives them (``app.hashed``)."""
    return Assets(
        leaflet_js=f"{TO_ROOT}{LEAFLET}leaflet.js",
        leaflet_css=f"{TO_ROOT}{LEAFLET}leaflet.css",
        geometry=f"{TO_ROOT}{geometry}",
        territories=f"{TO_ROOT}{territories}",
        script=f"{TO_ROOT}{script}" if script else "",
    )


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
    if assets.script:
        folium.Map.default_js.append(("atlas", assets.script))
    folium.Map.default_css = [("leaflet_css", assets.leaflet_css)]
