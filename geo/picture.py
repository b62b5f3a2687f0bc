"""Maps as pictures for slides and articles, drawn with ``GeoDataFrame.plot``.

A picture draws exactly what the web map draws (the same ``choropleth.Drawn``: fills,
hatched territories, the host city, the legend), in Web Mercator, with its title, the
border note and the credit line. No browser, no tiles, no network.
"""

from __future__ import annotations

import io

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")  # no screen: render to memory only
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402
from shapely.geometry import Point, box  # noqa: E402

from geo import frames, palette  # noqa: E402
from geo.choropleth import Drawn, border_note  # noqa: E402
from geo.labels import Labels  # noqa: E402

MERCATOR = "EPSG:3857"
WINDOW = box(18.0, 34.0, 192.0, 78.0)  # lon/lat: the region and a margin of neighbours
SIZE = (12, 6.4)
DPI = 150
HATCH = {
    "annexed": "////",
    "occupied": "\\\\\\\\",
    "partly_occupied": "//",
    "breakaway": "++",
    "breakaway_recognised_by_russia": "xx",
}


def figure(drawn: Drawn, labels: Labels, subtitle: str = "") -> Figure:
    """The map as a matplotlib figure (not yet saved), its legend built from ``drawn``."""
    fig = Figure(figsize=SIZE, dpi=DPI)
    ax = fig.add_axes([0.01, 0.06, 0.98, 0.84])
    ax.set_facecolor(palette.SEA)
    window = gpd.GeoSeries([WINDOW], crs=frames.CRS).to_crs(MERCATOR).total_bounds
    context = frames.context_frame().to_crs(MERCATOR)
    context.plot(ax=ax, color=palette.CONTEXT_FILL, edgecolor=palette.CONTEXT_BORDER, linewidth=0.3)
    states = frames.states_frame()
    states = states.assign(fill=states["iso3"].map(drawn.fills)).to_crs(MERCATOR)
    states.plot(ax=ax, color=states["fill"], edgecolor=palette.BORDER, linewidth=0.4)
    draw_territories(ax, drawn)
    for lat, lon, *_rest in drawn.markers:
        point = gpd.GeoSeries([Point(lon, lat)], crs=frames.CRS).to_crs(MERCATOR)
        fill = _rest[2] if len(_rest) > 2 else palette.MARKER_FILL
        point.plot(ax=ax, color=fill, edgecolor=palette.MARKER_EDGE, linewidth=1.5, markersize=40)
    ax.set_xlim(window[0], window[2])
    ax.set_ylim(window[1], window[3])
    ax.set_axis_off()
    ax.legend(handles=handles(drawn), loc="upper right", fontsize=7.5, framealpha=0.94)
    fig.suptitle(drawn.title, fontsize=14, x=0.01, ha="left", y=0.975)
    if subtitle:
        fig.text(0.01, 0.915, subtitle, fontsize=9, color="#333")
    credit = labels.gettext("Atlas of post-Soviet blocs (CC BY 4.0) · Boundaries: Natural Earth")
    fig.text(
        0.01, 0.02, f"{credit} · {border_note(labels, drawn.de_facto)}", fontsize=7, color="#555"
    )
    return fig


def draw_territories(ax, drawn: Drawn) -> None:
    if not drawn.territories:
        return
    shapes = frames._territory_shapes()
    for t in drawn.territories:
        shape = shapes[shapes["territory"] == t["id"]].to_crs(MERCATOR)
        if t["solid"]:
            shape.plot(ax=ax, color=t["fill"], edgecolor="#1A1A1A", linewidth=0.5)
        else:
            situation = t["fill"].removeprefix("url(#atlas-").removesuffix(")")
            shape.plot(
                ax=ax,
                facecolor="none",
                edgecolor=palette.HATCH_INK,
                linewidth=0.5,
                hatch=HATCH[situation],
            )


def handles(drawn: Drawn) -> list:
    """One legend handle per legend entry of the web map, in the same order."""
    out = []
    for e in drawn.legend.ordered():
        if e.kind == "fill":
            out.append(Patch(facecolor=e.key, edgecolor="#999", label=e.label))
        elif e.kind == "hatch":
            out.append(
                Patch(
                    facecolor="white",
                    edgecolor=palette.HATCH_INK,
                    hatch=HATCH[e.key],
                    label=e.label,
                )
            )
        else:
            out.append(
                Line2D(
                    [],
                    [],
                    marker="o",
                    linestyle="",
                    markerfacecolor=e.key,
                    markeredgecolor=palette.MARKER_EDGE,
                    label=e.label,
                )
            )
    return out


def png(fig: Figure) -> bytes:
    out = io.BytesIO()
    fig.savefig(out, format="png")
    return out.getvalue()
