"""The map on the page: streamlit-folium's own front end, fed a base map rendered once.

``st_folium`` renders the whole folium map on every call: a dozen Jinja templates whose
sources hold fresh element ids, so none can be cached, although only the style layer
changes between reruns. Here the base map's parts are rendered once per process (plain
strings, shared, never modified) and every rerun sends them with the new style layer:
the same arguments ``st_folium`` itself would send, which a test checks against the
pinned streamlit-folium. A rerun's map costs the style layer alone.
"""

from __future__ import annotations

import re
from types import MappingProxyType

import streamlit as st
import streamlit_folium as sf

from app import cache
from geo import choropleth

RETURNED = ()  # a click opens a profile in the page itself (geo.mapscript): no rerun here
KEY = "map"


@cache.memo(st.cache_resource, max_entries=2)
def base_parts(osm: bool) -> MappingProxyType:
    """The base map as streamlit-folium sends it (script, header, html, id, links).

    Call ``cache.assets`` first: it points folium at the local Leaflet."""
    m = choropleth.base_map(osm)
    m.get_root().render()
    m.render()
    html, header = sf._get_html(m), tight(sf._get_header(m))  # in st_folium's order: the next
    script = sf._get_map_string(m)  # call renames the map's elements
    return MappingProxyType(
        {
            "script": script,
            "header": header,
            "html": html,
            "id": sf.get_full_id(m),
            "key": sf.generate_js_hash(script, KEY, False),
            "css_links": [href for _, href in m.default_css],
            "js_links": [src for _, src in m.default_js],
        }
    )


def tight(markup: str) -> str:
    """folium's header (meta tags and styles) with its runs of white space made one
    space: half its size, and it travels with every change."""
    return re.sub(r"\s+", " ", markup).strip()


def style_script(spec: dict) -> str:
    """The style layer as the feature-group script streamlit-folium would build for it."""
    scratch = choropleth.base_map()  # a bare map to attach the group to (not rendered)
    return sf._get_feature_group_string(choropleth.style_layer(spec), map=scratch, idx=0)


def show(spec: dict, height: int, osm: bool = False):
    """Draw the map with this rerun's style layer."""
    parts = base_parts(osm)

    return sf._component_func(
        script=parts["script"],
        header=parts["header"],
        html=parts["html"],
        id=parts["id"],
        key=parts["key"],
        height=height,
        width=None,
        returned_objects=list(RETURNED),
        default=dict.fromkeys(RETURNED),
        zoom=None,
        center=None,
        feature_group=style_script(spec),
        return_on_hover=False,
        layer_control=None,
        pixelated=False,
        css_links=list(parts["css_links"]),
        js_links=list(parts["js_links"]),
        on_change=None,
        wrap_longitude=False,
    )
