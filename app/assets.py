"""The links the map's iframe uses: Leaflet and the shapes of the data in use."""

from __future__ import annotations

from app import geometry
from geo import assets


def published(ds) -> assets.Assets:
    """Links for this dataset's shapes; folium is pointed at the local Leaflet."""
    links = assets.links(
        geometry.address(ds, "region.geojson"), geometry.address(ds, "territories.geojson")
    )
    assets.use_local_assets(links)
    assets.cache_templates()
    return links
