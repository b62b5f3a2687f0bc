"""Download links for what a page shows: plain links to the web API's stable addresses.

A file is never kept in a reader's session: each link names exactly what it holds
(``api/v1/export?org=CSTO&date=2012-07-01&format=gpkg``), so any replica can answer it,
after a failover too, and a researcher can copy it. A small script fetches the file
itself, so it can retry a server that is restarting and, if the file still cannot be
had, say so beside the link; without the script the link downloads as any link does.
"""

from __future__ import annotations

import html
from datetime import date
from urllib.parse import urlencode

import streamlit as st

from app.session import Run
from geo.labels import N_

MAP_FILES = {  # format -> label; "csv" is the map's table, "png" its picture
    "csv": N_("Table (CSV)"),
    "gpkg": N_("GeoPackage"),
    "shp": N_("Shapefile (zip)"),
    "geojson": N_("GeoJSON"),
    "fgb": N_("FlatGeobuf"),
    "png": N_("Picture (PNG)"),
}
SUFFIX = {"shp": "zip"}
STYLE = """<style>
.atlas-files { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
.atlas-files a { border: 1px solid rgba(49,51,63,.2); border-radius: .5rem; padding: .3rem .75rem;
  color: inherit; text-decoration: none; font-size: .95rem; line-height: 1.6; }
.atlas-files a:hover { border-color: #0072B2; color: #0072B2; }
.atlas-files a:focus-visible { outline: 2px solid #0072B2; outline-offset: 2px; }
.atlas-files-status { flex-basis: 100%; font-size: .9rem; }
.atlas-files-status.failed { color: #B3261E; }
</style>"""
# One listener for the whole page, added once; links are redrawn on every rerun.
SCRIPT = """<script>
if (!window.atlasDownloads) {
  window.atlasDownloads = true;
  var wait = function (ms) { return new Promise(function (r) { setTimeout(r, ms); }); };
  // A server error or no answer is tried again (a restarting replica, a failover).
  var get = function (url, box, tries) {
    var again = function () {
      return wait(700).then(function () { return get(url, box, tries - 1); });
    };
    return fetch(url).then(function (answer) {
      if (answer.ok) return answer.blob();
      if (answer.status >= 500 && tries > 1) return again();
      throw box.dataset.status.replace("{code}", answer.status);
    }, function () {
      if (tries > 1) return again();
      throw box.dataset.offline;
    });
  };
  document.addEventListener("click", function (event) {
    var link = event.target.closest(".atlas-files a[download]");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    var box = link.closest(".atlas-files"), status = box.querySelector(".atlas-files-status");
    status.className = "atlas-files-status";
    status.textContent = box.dataset.busy;
    get(link.href, box, 3).then(function (blob) {
      var url = URL.createObjectURL(blob), save = document.createElement("a");
      save.href = url; save.download = link.getAttribute("download");
      document.body.appendChild(save); save.click(); save.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
      status.textContent = "";
    }).catch(function (why) {
      status.className = "atlas-files-status failed";
      status.textContent = box.dataset.failed.replace("{why}", why);
    });
  });
}
</script>"""


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
    where.html(STYLE + body + SCRIPT, unsafe_allow_javascript=True)


def map_files(run: Run, name: str, table: str, target: dict) -> None:
    """The map in view as files: its table, GIS files and the picture.

    ``table`` is the API query of its table (``membership`` or ``attendance``);
    ``target`` the map's parameters (``org`` and ``date``, or ``summit``, and ``borders``).
    """
    _ = run._
    with st.expander(_("Download this map and its data")):
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
