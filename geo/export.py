"""Downloads: the whole data package as a zip, a map's data as GeoJSON, a map as PNG."""

from __future__ import annotations

import io
import json
import math
import zipfile
from pathlib import Path

from geo import palette

PACKAGE_FILES = ("datapackage.json", "LICENSE.md")
CREDIT = "Data: Atlas of post-Soviet blocs (CC BY 4.0) · Boundaries: Natural Earth"


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


def snapshot_geojson(geometry: dict, table, extra: dict) -> str:
    """The fifteen states' shapes with the shown table's columns as properties."""
    rows = {r["iso3"]: r for r in table.to_dict("records")}
    features = []
    for f in geometry["features"]:
        props = rows.get(f["properties"]["iso3"])
        if props is None:
            continue
        clean = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in props.items()}
        features.append(
            {"type": "Feature", "properties": {**clean, **extra}, "geometry": f["geometry"]}
        )
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


def mercator(lat: float) -> float:
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def rings(geometry: dict):
    """Outer and inner rings of a (Multi)Polygon as lists of (x, y) in Mercator degrees."""
    polys = (
        geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    )
    for poly in polys:
        for ring in poly:
            yield [(x, mercator(max(min(y, 85.0), -85.0))) for x, y in ring]


def render_png(geometry: dict, fills: dict, title: str, legend: list[tuple[str, str]]) -> bytes:
    """Draw the map with matplotlib (no browser, no tiles) for slides and articles."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch, PathPatch
    from matplotlib.path import Path as MplPath

    fig = Figure(figsize=(12, 6.4), dpi=150)
    ax = fig.add_axes([0.01, 0.06, 0.98, 0.86])
    ax.set_facecolor(palette.SEA)
    for feature in geometry["features"]:
        region = feature["properties"]["region"]
        none = palette.STATUS_COLOURS["none"]
        colour = fills.get(feature["properties"]["iso3"], none) if region else palette.CONTEXT_FILL
        edge = palette.BORDER if region else palette.CONTEXT_BORDER
        for ring in rings(feature["geometry"]):
            path = MplPath(ring, closed=True)
            ax.add_patch(PathPatch(path, facecolor=colour, edgecolor=edge, linewidth=0.4))
    ax.set_xlim(18, 192)
    ax.set_ylim(mercator(34), mercator(78))
    ax.set_xticks([])
    ax.set_yticks([])
    handles = [Patch(facecolor=c, edgecolor="#999", label=label) for c, label in legend]
    ax.legend(handles=handles, loc="upper right", fontsize=8, framealpha=0.92)
    fig.suptitle(title, fontsize=14, x=0.01, ha="left", y=0.97)
    fig.text(0.01, 0.02, CREDIT + " · de jure borders (UN view)", fontsize=7, color="#555")
    out = io.BytesIO()
    fig.savefig(out, format="png")
    return out.getvalue()


def membership_png(geometry: dict, table, org: str, day) -> bytes:
    """The membership map for ``org`` on ``day`` as a titled PNG with its legend."""
    legend = palette.legend(palette.STATUS_COLOURS, palette.STATUS_LABELS, table["status"])
    fills = palette.status_fills(table)
    title = f"{org}: status of the post-Soviet states on {day.isoformat()}"
    return render_png(geometry, fills, title, legend)
