"""Downloads: the data package as a zip, a map as a GIS file, a map as a PNG.

GIS files are written with geopandas (pyogrio) into a temporary folder and returned as
bytes, or moved into place in one step, so a failed export never leaves half a file.
Shapefile field names are cut to ten characters; ``FIELDS.txt`` in the zip says which
field is which.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
import zipfile
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd

PACKAGE_FILES = ("datapackage.json", "LICENSE.md")
FORMATS = {
    "gpkg": ("GeoPackage", "GPKG", "application/geopackage+sqlite3"),
    "geojson": ("GeoJSON", "GeoJSON", "application/geo+json"),
    "shp": ("Shapefile (zip)", "ESRI Shapefile", "application/zip"),
    "fgb": ("FlatGeobuf", "FlatGeobuf", "application/octet-stream"),
    "csv": ("CSV (no geometry)", None, "text/csv"),
}
SHORT_NAMES = {  # the dBase format behind shapefiles allows ten characters
    "representative": "represent",
    "signed_final_document": "signed",
    "organisations": "orgs",
    "de_jure_iso3": "de_jure",
    "controlled_by": "controlled",
}


def package_zip(data_dir: Path) -> bytes:
    """datapackage.json, the licence and every CSV it names, in one zip."""
    descriptor = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    names = [*PACKAGE_FILES, *(r["path"] for r in descriptor["resources"])]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            path = data_dir / name
            if path.exists():
                archive.write(path, f"post-soviet-blocs/{name}")
    return buffer.getvalue()


def layer_name(*parts: str) -> str:
    """'csto_2012-07-01': what the layer shows, safe as a file and layer name."""
    return "_".join(p.lower().replace(" ", "-") for p in parts if p)


def plain(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Dates as ISO text, empty values as empty text: the same in every format."""
    out = frame.copy()
    for col in out.columns:
        if col != out.geometry.name and out[col].dtype == object:
            out[col] = out[col].map(
                lambda v: v.isoformat() if isinstance(v, date) else ("" if v is None else v)
            )
    return out


def fields_note(frame: gpd.GeoDataFrame) -> str:
    lines = ["Shapefile field names are cut to 10 characters. Field -> full name:"]
    for col in frame.columns:
        if col != frame.geometry.name:
            lines.append(f"{SHORT_NAMES.get(col, col)} -> {col}")
    return "\n".join(lines) + "\n"


def to_bytes(layers: dict[str, gpd.GeoDataFrame], fmt: str) -> bytes:
    """The layers (name -> frame) in one file of format ``fmt``.

    GeoPackage and the Shapefile zip hold every layer; GeoJSON, FlatGeobuf and CSV hold
    the first (the states), which carries the facts.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    frames = {name: plain(frame) for name, frame in layers.items()}
    first_name, first = next(iter(frames.items()))
    if fmt == "csv":
        return pd.DataFrame(first.drop(columns=first.geometry.name)).to_csv(index=False).encode()
    driver = FORMATS[fmt][1]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if fmt == "shp":
            return shapefile_zip(frames, folder)
        path = folder / f"{first_name}.{fmt}"
        written = frames.items() if fmt == "gpkg" else [(first_name, first)]
        for name, frame in written:
            frame.to_file(path, driver=driver, layer=name, engine="pyogrio")
        return path.read_bytes()


def shapefile_zip(frames: dict[str, gpd.GeoDataFrame], folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, frame in frames.items():
            if frame.empty:
                continue
            short = frame.rename(columns=SHORT_NAMES)
            short.to_file(
                folder / f"{name}.shp", driver="ESRI Shapefile", engine="pyogrio", encoding="UTF-8"
            )
            for part in sorted(folder.glob(f"{name}.*")):
                archive.write(part, part.name)
            archive.writestr(f"{name}_FIELDS.txt", fields_note(frame))
    return buffer.getvalue()


def write_file(layers: dict[str, gpd.GeoDataFrame], fmt: str, target: Path) -> int:
    """Write to ``target`` all at once: a temporary file beside it, then a rename."""
    data = to_bytes(layers, fmt)
    handle, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(data)
