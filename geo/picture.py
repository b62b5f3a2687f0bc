"""Maps as pictures for slides and articles, drawn with ``GeoDataFrame.plot``.

A picture draws exactly what the web map draws (the same ``choropleth.Drawn``: fills,
hatched territories, the host city, the legend), in Mercator like the web map, with its
title, the border note and the credit line. No browser, no tiles, no network.
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

MERCATOR = "+proj=merc +lon_0=100 +datum=WGS84 +units=m +no_defs"
WINDOW = (18.0, 34.0, 192.0, 78.0)  # lon/lat: the region and a margin of neighbours
SIZE = (12, 6.4)
AXES = (0.01, 0.06, 0.98, 0.84)  # left, bottom, width, height as figure fractions
DPI = 150
HATCH = {  # as palette.HATCHES: heavy lines, light lines the other way, dots, two grids
    "annexed": "/////",
    "occupied": "\\\\",
    "partly_occupied": "..",
    "breakaway": "++",
    "breakaway_recognised_by_russia": "xx",
}


def mercator(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The frame in Mercator centred on the region, so Chukotka's longitudes past 180° stay
    east of Russia instead of folding back to -180° and tearing it across the picture."""
    return frame.to_crs(MERCATOR)


def figure(drawn: Drawn, labels: Labels, subtitle: str = "", ds=None, size: tuple = SIZE) -> Figure:
    """The map as a matplotlib figure (not yet saved), its legend built from ``drawn``,
    on the shapes of ``ds``'s package (default: data/); ``size`` in inches at 150 dpi."""
    fig = Figure(figsize=size, dpi=DPI)
    ax = fig.add_axes(AXES)
    ax.set_facecolor(palette.SEA)
    window = mercator(gpd.GeoDataFrame(geometry=[box(*WINDOW)], crs=frames.CRS)).total_bounds
    context = mercator(frames.context_frame(ds))
    context.plot(
        ax=ax,
        color=[drawn.context_fills.get(code, palette.CONTEXT_FILL) for code in context["iso3"]],
        edgecolor=palette.CONTEXT_BORDER,
        linewidth=0.3,
    )
    states = frames.states_frame(ds)
    states = mercator(states.assign(fill=states["iso3"].map(drawn.fills)))
    states.plot(ax=ax, color=states["fill"], edgecolor=palette.BORDER, linewidth=0.4)
    draw_territories(ax, drawn, ds)
    for lat, lon, *_rest in drawn.markers:
        point = mercator(gpd.GeoDataFrame(geometry=[Point(lon, lat)], crs=frames.CRS))
        fill = _rest[2] if len(_rest) > 2 else palette.MARKER_FILL
        point.plot(
            ax=ax,
            color=fill,
            edgecolor=palette.MARKER_EDGE,
            linewidth=1.5,
            markersize=40,
        )
    x0, y0, x1, y1 = fill_box(window, AXES[2] * size[0] / (AXES[3] * size[1]))
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
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


def draw_territories(ax, drawn: Drawn, ds=None) -> None:
    if not drawn.territories:
        return
    shapes = frames._territory_shapes(ds)
    for t in drawn.territories:
        shape = mercator(shapes[shapes["territory"] == t["id"]])
        if t["solid"]:
            shape.plot(ax=ax, color=t["fill"], edgecolor="#1A1A1A", linewidth=0.9, linestyle="--")
        else:
            situation = t["fill"].removeprefix("url(#atlas-").removesuffix(")")
            shape.plot(
                ax=ax,
                facecolor="none",
                edgecolor=palette.HATCH_INK,
                linewidth=0.5,
                hatch=HATCH[situation],
            )


def fill_box(bounds, ratio: float) -> tuple[float, float, float, float]:
    """``bounds`` grown about its centre to width/height ``ratio``, so the map keeps true
    shapes and still fills the whole frame (more neighbours show, nothing is cut)."""
    x0, y0, x1, y1 = bounds
    width, height = x1 - x0, y1 - y0
    if width / height < ratio:
        grow = (height * ratio - width) / 2
        return x0 - grow, y0, x1 + grow, y1
    grow = (width / ratio - height) / 2
    return x0, y0 - grow, x1, y1 + grow


def handles(drawn: Drawn) -> list:
    """One legend handle per legend entry of the web map, in the same order."""
    out = []
    for e in drawn.legend.ordered():
        if e.kind == "fill":
            out.append(Patch(facecolor=e.key, edgecolor="#999", label=e.label))
        elif e.kind == "outline":
            out.append(
                Patch(facecolor="white", edgecolor=palette.HATCH_INK, linestyle="--", label=e.label)
            )
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
