"""Download buttons for the map in view: its table as CSV, the map as GIS files and as PNG.

Every file is built only when its button is clicked (Streamlit calls the function then),
so a rerun costs nothing for downloads nobody asked for. CSVs keep the data's own
column names and codes; only what is shown on screen uses labels.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import streamlit as st

from app.session import Run
from geo.choropleth import Drawn
from geo.labels import N_

# geopandas, pyogrio and matplotlib (about 70 MB) are imported on the first download, not
# at start-up: most processes serve maps for hours before anyone asks for a file.
FILES = {  # what the picker offers: label, file suffix, mime type
    "csv": (N_("Table (CSV)"), "csv", "text/csv"),
    "gpkg": (N_("GeoPackage"), "gpkg", "application/geopackage+sqlite3"),
    "shp": (N_("Shapefile (zip)"), "zip", "application/zip"),
    "geojson": (N_("GeoJSON"), "geojson", "application/geo+json"),
    "fgb": (N_("FlatGeobuf"), "fgb", "application/octet-stream"),
    "png": (N_("Picture (PNG)"), "png", "image/png"),
}


def map_files(run: Run, drawn: Drawn | Callable[[], Drawn], table, name: str, layers) -> None:
    """The map in view as a file: a format picker and one button, built only on click.

    ``layers`` is a function returning {layer name: GeoDataFrame}, called on click;
    ``drawn`` (for the picture) and ``table`` may be ones too, when the page draws no map
    itself.
    """
    _ = run._
    with st.expander(_("Download this map and its data")):
        st.caption(
            _(
                "Files of exactly the map above: its states with their facts and "
                "sources. The CSV has no shapes; GIS files open in QGIS or geopandas."
            )
        )
        left, right = st.columns([2, 1], vertical_alignment="bottom")
        fmt = left.selectbox(
            _("Format"),
            list(FILES),
            key="map-format",
            format_func=lambda f: _(FILES[f][0]),
        )
        label, suffix, mime = FILES[fmt]

        def build():
            if fmt == "csv":
                return (table() if callable(table) else table).to_csv(index=False)
            from geo import export, picture

            if fmt == "png":
                return picture.png(
                    picture.figure(drawn() if callable(drawn) else drawn, run.labels)
                )
            return export.to_bytes(layers(), fmt)

        right.download_button(
            _("Download"), build, f"{name}.{suffix}", mime, key="dl-map", icon=":material/download:"
        )


def membership_layers(run: Run, org: str, day: date) -> dict:
    """The membership map as layers: the states, and the territories holding that day."""
    from geo import export, frames

    name = export.layer_name(org, day.isoformat())
    layers = {name: frames.membership_frame(org, day, run.ds)}
    contested = frames.territories_frame(day, run.ds)
    if len(contested):
        layers[f"{name}_territories"] = contested
    return layers


def summit_layers(run: Run, summit_id: str) -> dict:
    from geo import export, frames

    states, host = frames.summit_frame(summit_id, run.ds)
    name = export.layer_name(summit_id, "attendance")
    return {name: states, f"{export.layer_name(summit_id)}_host_city": host}


def package_zip(folder) -> bytes:
    """The whole data package as a zip (built on click)."""
    from geo import export

    return export.package_zip(folder)
