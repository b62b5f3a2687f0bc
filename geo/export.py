"""Downloads: the data package as a zip, a map as a GIS file.

GIS files are written with geopandas (pyogrio) into a temporary folder and returned as
bytes, or moved into place in one step, so a failed export never leaves half a file.
Shapefile field names are cut to ten characters; ``FIELDS.txt`` in the zip says which
field is which. The package zip holds the bytes that passed validation
(``Dataset.files``), never what is on disk at the moment of the download.
"""

from __future__ import annotations

import io
import os
import stat
import tempfile
import zipfile
from collections.abc import Mapping
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo import frames, query

PACKAGE_FOLDER = "post-soviet-blocs"
FORMATS = query.EXPORT_FORMATS
SHORT_NAMES = {  # the dBase format behind shapefiles allows ten characters
    "representative": "represent",
    "signed_final_document": "signed",
    "organisations": "orgs",
    "de_jure_iso3": "de_jure",
    "controlled_by": "controlled",
}


def package_zip(ds, extra: Mapping[str, bytes] | None = None) -> bytes:
    """The validated package (descriptor, licence, changelog, every CSV, the shapes) in
    one zip, with its codebook as README.md and CITATION.cff, plus ``extra`` files."""
    from geo import codebook
    from geo.release import CITATION

    texts = {"README.md": codebook.render(ds.files["datapackage.json"]).encode("utf-8")}
    if CITATION.is_file():
        texts["CITATION.cff"] = CITATION.read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, raw in {**ds.files, **texts, **(extra or {})}.items():
            info = zipfile.ZipInfo(f"{PACKAGE_FOLDER}/{name}", date_time=zip_time(ds))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, raw)
    return buffer.getvalue()


def zip_time(ds) -> tuple[int, int, int, int, int, int]:
    """Every member dated the day the data last changed: the same data, the same bytes."""
    day = ds.updated or date(1991, 12, 8)
    return (day.year, day.month, day.day, 0, 0, 0)


def layers_for(ds, raw: Mapping[str, str | None]) -> dict[str, gpd.GeoDataFrame]:
    """The layers of a map download: a summit (``summit``), or one organisation on one day
    (``org`` and ``date``); parameters as text, checked as the queries check them."""
    if raw.get("summit"):
        summit = query.parse_summit("summit", raw["summit"], ds)
        states, host = frames.summit_frame(summit, ds)
        return {layer_name(summit, "attendance"): states, layer_name(summit, "host_city"): host}
    if not raw.get("org") or not raw.get("date"):
        raise query.QueryError("export needs summit, or both org and date")
    org = query.parse_org("org", raw["org"], ds)
    day = query.parse_day("date", raw["date"], ds)
    name = layer_name(org, day.isoformat())
    layers = {name: frames.membership_frame(org, day, ds)}
    contested = frames.territories_frame(day, ds)
    if len(contested):
        layers[f"{name}_territories"] = contested
    return layers


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


def unwritable(target: Path) -> str | None:
    """Why ``target`` must not be written, or None: it must be absent or a regular file
    (never a device, a pipe or a symbolic link, which a rename would replace), in an
    existing folder."""
    try:
        info = target.lstat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        return exc.strerror or str(exc)
    if info is not None and not stat.S_ISREG(info.st_mode):
        return "it exists and is not a regular file"
    if not target.parent.is_dir():
        return f"the folder {target.parent} does not exist"
    return None


def write_bytes(data: bytes, target: Path) -> int:
    """Write to ``target`` all at once: a temporary file beside it, then a rename; the
    file gets the mode a new file gets under the process's umask."""
    handle, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(tmp, 0o666 & ~current_umask())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(data)


def current_umask() -> int:
    mask = os.umask(0o022)  # reading it means setting it: put it straight back
    os.umask(mask)
    return mask


def write_file(layers: dict[str, gpd.GeoDataFrame], fmt: str, target: Path) -> int:
    return write_bytes(to_bytes(layers, fmt), target)
