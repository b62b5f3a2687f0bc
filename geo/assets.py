"""Serve Leaflet and the country shapes from the app's own origin.

Streamlit serves ``static/`` at ``/app/static/`` when ``server.enableStaticServing``
is on. ``publish`` copies Leaflet from the installed XStatic-Leaflet package and the
committed geometry there (the folder is generated and git-ignored), and
``use_local_assets`` points folium at those copies, so no page ever asks a CDN.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import branca.element
import folium
import jinja2
import xstatic.pkg.leaflet as xleaflet

from geo.paths import GEOMETRY_FILE, STATIC_DIR

# streamlit-folium draws in an iframe at <base>/component/<name>/index.html; going up
# two levels reaches <base>/, so the links also work when the app has a path prefix.
FROM_COMPONENT = "../../app/static/"


@dataclass(frozen=True)
class Assets:
    """Relative URLs of the published files, as seen from the map's iframe."""

    leaflet_js: str
    leaflet_css: str
    geometry: str


def copy_if_changed(src: Path, dst: Path) -> None:
    """Copy only when the target is missing or differs, so reruns stay cheap."""
    same_size = dst.exists() and dst.stat().st_size == src.stat().st_size
    if same_size and dst.read_bytes() == src.read_bytes():
        return
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)


def publish(static_dir: Path = STATIC_DIR, geometry: Path = GEOMETRY_FILE) -> Assets:
    """Copy Leaflet and the geometry under ``static_dir``; return their URLs."""
    leaflet_src = Path(xleaflet.BASE_DIR)
    leaflet_dir = f"vendor/leaflet-{xleaflet.VERSION}"
    for name in ("leaflet.js", "leaflet.css"):
        copy_if_changed(leaflet_src / name, static_dir / leaflet_dir / name)
    for image in (leaflet_src / "images").iterdir():
        copy_if_changed(image, static_dir / leaflet_dir / "images" / image.name)
    digest = hashlib.sha256(geometry.read_bytes()).hexdigest()[:10]
    geometry_name = f"build/region-{digest}.geojson"  # the hash busts browser caches
    copy_if_changed(geometry, static_dir / geometry_name)
    return Assets(
        leaflet_js=FROM_COMPONENT + f"{leaflet_dir}/leaflet.js",
        leaflet_css=FROM_COMPONENT + f"{leaflet_dir}/leaflet.css",
        geometry=FROM_COMPONENT + geometry_name,
    )


@lru_cache(maxsize=512)
def compiled_template(source: str) -> jinja2.Template:
    """One compiled Jinja template per distinct source string (templates are immutable)."""
    return jinja2.Template(source)


def cache_templates() -> None:
    """branca compiles a template for every element built from a string, a dozen per map
    and rerun (about 1 ms each); compile each distinct string once instead."""
    branca.element.Template = compiled_template


def use_local_assets(assets: Assets) -> None:
    """Make every folium map link only the local Leaflet (no jQuery, Bootstrap or fonts)."""
    folium.Map.default_js = [("leaflet", assets.leaflet_js)]
    folium.Map.default_css = [("leaflet_css", assets.leaflet_css)]
