"""Download buttons for the map in view: its table as CSV, the map as GIS files and as PNG.

Every file is built only when its button is clicked (Streamlit calls the function then),
so a rerun costs nothing for downloads nobody asked for. CSVs keep the data's own
column names and codes; only what is shown on screen uses labels.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from app.session import Run
from geo import export, frames, picture
from geo.choropleth import Drawn


def map_files(run: Run, drawn: Drawn, table, name: str, layers) -> None:
    """A row of buttons: CSV of the table, GeoPackage, Shapefile, GeoJSON, FlatGeobuf, PNG.

    ``layers`` is a function returning {layer name: GeoDataFrame}, called on click.
    """
    _ = run._
    with st.expander(_("Download this map and its data")):
        st.caption(
            _(
                "Files of exactly the map above: its states with their facts and "
                "sources. The CSV has no shapes; GIS files open in QGIS or geopandas."
            )
        )
        cols = st.columns(6)
        cols[0].download_button(
            "CSV",
            lambda: table.to_csv(index=False),
            f"{name}.csv",
            "text/csv",
            key=f"dl-csv-{name}",
        )
        for col, fmt in zip(cols[1:5], ("gpkg", "shp", "geojson", "fgb")):
            label, mime = export.FORMATS[fmt][0], export.FORMATS[fmt][2]
            suffix = "zip" if fmt == "shp" else fmt
            col.download_button(
                _(label),
                lambda f=fmt: export.to_bytes(layers(), f),
                f"{name}.{suffix}",
                mime,
                key=f"dl-{fmt}-{name}",
            )
        cols[5].download_button(
            _("Picture (PNG)"),
            lambda: picture.png(picture.figure(drawn, run.labels)),
            f"{name}.png",
            "image/png",
            key=f"dl-png-{name}",
        )


def membership_layers(run: Run, org: str, day: date) -> dict:
    """The membership map as layers: the states, and the territories holding that day."""
    name = export.layer_name(org, day.isoformat())
    layers = {name: frames.membership_frame(org, day, run.ds)}
    contested = frames.territories_frame(day, run.ds)
    if len(contested):
        layers[f"{name}_territories"] = contested
    return layers


def summit_layers(run: Run, summit_id: str) -> dict:
    states, host = frames.summit_frame(summit_id, run.ds)
    name = export.layer_name(summit_id, "attendance")
    return {name: states, f"{export.layer_name(summit_id)}_host_city": host}
