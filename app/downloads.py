"""Download links for what a page shows: plain links to the web API's stable addresses.

A file is never kept in a reader's session: each link names exactly what it holds
(``api/v1/export?org=CSTO&date=2012-07-01&format=gpkg``), so any replica can answer it,
after a failover too, and a researcher can copy it. A small script fetches the file
itself, so it can retry a server that is restarting and, if the file still cannot be
had, say so beside the link; without the script the link downloads as any link does.
The script and the links' style arrive once, with the page (``app.shell``), not with
every rerun.
"""

from __future__ import annotations

import html
from datetime import date
from urllib.parse import urlencode

import streamlit as st

from app.session import Run
from geo.vocabulary import N_

MAP_FILES = {  # format -> label; "csv" is the map's table, "png" its picture
    "csv": N_("Table (CSV)"),
    "gpkg": N_("GeoPackage"),
    "shp": N_("Shapefile (zip)"),
    "geojson": N_("GeoJSON"),
    "fgb": N_("FlatGeobuf"),
    "png": N_("Picture (PNG)"),
}
SUFFIX = {"shp": "zip"}


def address(route: str, **params) -> str:
    """A page-relative link to the API (``api/v1/...``): it works under any base path."""
    given = {k: v.isoformat() if isinstance(v, date) else v for k, v in params.items() if v}
    return f"api/v1/{route}" + (f"?{urlencode(given)}" if given else "")


def links(run: Run, files: list[tuple[str, str, str]], where=st) -> None:
    """A row of download links: (label, address, file name) each, and a status line that
    says when a file is being fetched or could not be had."""
    _ = run._
    esc = html.escape
    anchors = "".join(
        f'<a href="{esc(href)}" download="{esc(name)}">{esc(label)}</a>'
        for label, href, name in files
    )
    words = {
        "busy": _("Preparing the file…"),
        "failed": _("The download failed ({why}). Please try again."),
        "status": _("the server answered {code}"),
        "offline": _("no connection to the server"),
    }
    data = " ".join(f'data-{k}="{esc(v)}"' for k, v in words.items())
    body = (
        f'<div class="atlas-files" {data}>{anchors}'
        '<span class="atlas-files-status" role="status" aria-live="polite"></span></div>'
    )
    where.html(body)


def map_files(run: Run, name: str, table: str, target: dict, where=st) -> None:
    """A button opening the map in view as files: its table, GIS files and the picture
    (a dialog, so the links travel only when asked for, not with every rerun).

    ``table`` is the API query of its table (``membership`` or ``attendance``);
    ``target`` the map's parameters (``org`` and ``date``, or ``summit``, and ``borders``).
    """
    title = run._("Download this map and its data")
    if where.button(title, icon=":material/download:", key="map-files"):
        st.dialog(title, width="medium")(map_files_body)(run, name, table, target)


def map_files_body(run: Run, name: str, table: str, target: dict) -> None:
    _ = run._
    st.caption(
        _(
            "Files of exactly the map above: its states with their facts and "
            "sources. The CSV has no shapes; GIS files open in QGIS or geopandas."
        )
    )
    place = {k: v for k, v in target.items() if k != "borders"}
    files = []
    for fmt, label in MAP_FILES.items():
        if fmt == "csv":
            href = address(table, **place, format="csv")
        elif fmt == "png":
            href = address("map.png", **target, lang=run.lang)
        else:
            href = address("export", **place, format=fmt)
        files.append((_(label), href, f"{name}.{SUFFIX.get(fmt, fmt)}"))
    links(run, files)


def csv_link(run: Run, label: str, route: str, name: str, where=st, **params) -> None:
    """One table as CSV with the data's own column names and codes."""
    links(run, [(label, address(route, **params, format="csv"), f"{name}.csv")], where)
