"""Serve Leaflet and the geometry from the app's own origin, read-only.

Streamlit serves the folder of every declared component at
``<base>/component/<module>.<name>/``; declaring the two folders this way serves them in
place, with path-traversal checks, and writes nothing (a read-only checkout works, and
``server.enableStaticServing`` is not needed). The components are never drawn.
"""

from __future__ import annotations

import streamlit.components.v1 as components

from geo import assets


def publish() -> assets.Assets:
    """Register the served folders (once per process, inside a script run) and link them."""
    names = {}
    for short, folder in assets.served_folders().items():
        names[short] = components.declare_component(short, path=str(folder)).name
    published = assets.links(names["leaflet"], names["geometry"])
    assets.use_local_assets(published)
    assets.cache_templates()
    return published
