"""The links the map's iframe uses: Leaflet and the shapes of the data in use."""

from __future__ import annotations

from app import hashed
from geo import assets


def published(ds) -> assets.Assets:
    """Links for this dataset's shapes; folium is pointed at the local Leaflet."""
    links = assets.links(
        hashed.address(ds, "region.geojson"),
        hashed.address(ds, "territories.geojson"),
        hashed.script_address(),
    )
    assets.use_local_assets(links)
    assets.cache_templates()
    return links
