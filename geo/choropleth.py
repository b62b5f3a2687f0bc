"""Folium maps split in two: a base map that never changes and a small style layer.

The base map (no tiles by default) is the same on every rerun and in every language, so
streamlit-folium keeps it mounted. What differs between dates, summits and languages is a
``StyleLayer``: a few kilobytes of fills, tooltips and a legend that colour shapes the
browser fetched once from the app's own origin. Every spec builder assigns its fills
through a ``Legend``, so the legend names exactly what the map draws.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field

import folium
from branca.element import MacroElement
from jinja2 import Template

from geo import palette, territories
from geo.labels import Labels, source_line
from geo.legend import Legend
from geo.membership import NONE
from geo.vocabulary import N_, STATUS

BOUNDS = [[35.0, 20.0], [76.0, 191.0]]  # Kushka to the Arctic coast, Kaliningrad to Chukotka
N_("Borders: de jure (UN view)")
N_("Borders: de facto (who holds the ground)")
SITUATION_LEGEND = {
    "annexed": N_("Annexed, not recognised by the UN General Assembly"),
    "occupied": N_("Occupied"),
    "partly_occupied": N_("Partly occupied (the whole unit is hatched)"),
    "breakaway": N_("Held by an unrecognised authority"),
    "breakaway_recognised_by_russia": N_("Held by an unrecognised authority, recognised by Russia"),
}
UNRECOGNISED_LABEL = N_("Unrecognised authority (member of no organisation)")
MAP_WORDS = {  # the map's own controls and hints
    "reset": N_("Show the whole region"),
    "fullscreen": N_("Full screen"),
    "exit": N_("Leave full screen"),
    "wheel": N_("To zoom the map, hold Ctrl while scrolling, or click the map first"),
}
OUTLINE_LABEL = N_("Dashed edge: contested, in the colour of whoever holds it")
SMALL_STATES = ("ARM", "MDA", "EST", "LVA", "LTU", "GEO", "AZE", "TJK", "KGZ")


def base_map(osm: bool = False) -> folium.Map:
    """The map every view shares; with ``osm`` it adds OpenStreetMap tiles (online only)."""
    m = folium.Map(
        tiles="OpenStreetMap" if osm else None,
        location=[58.0, 95.0],
        zoom_start=3,
        min_zoom=2,
        max_zoom=8,
        zoom_snap=0.25,
        world_copy_jump=False,
    )
    return m


class StyleLayer(MacroElement):
    """Draws the shared geometry with this view's fills, tooltips, hatches and legend.

    Only the view's data travels with each change; the drawing itself is the map's
    script (``geo.mapscript``), which the browser fetched once with Leaflet."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
          var spec = {{ this.spec }};
          var map = {{ this._parent._parent.get_name() }}, group = {{ this._parent.get_name() }};
          window.atlasDraw(map, group, spec);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, spec: dict):
        super().__init__()
        self._name = "StyleLayer"
        self.spec = safe_json(spec)


def compact(tip: str) -> str:
    """A tooltip for the wire: every tooltip is a bold first line, lines of escaped text
    and maybe a small source line; lines travel as text, ``\\t`` marking the small one,
    and the map's script puts the markup back (a tag costs 14 bytes escaped as JSON)."""
    lines = tip.split("<br>")
    first = lines[0].removeprefix("<b>").removesuffix("</b>")
    rest = [
        "\t" + line.removeprefix("<small>").removesuffix("</small>")
        if line.startswith("<small>")
        else line
        for line in lines[1:]
    ]
    return "\n".join([first, *rest])


def safe_json(value) -> str:
    """JSON that can sit in a script: no raw <, > or &, and no Jinja tag, survive."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    # folium wraps the rendered script in a new template; with no Jinja opener in it, that
    # one is plain text and needs no compiling (geo.assets.PlainText). JSON itself never
    # puts "{" before "{", "%" or "#", so only text inside strings is touched.
    return re.sub(r"\{(?=[{%#])", r"\\u007b", text)


def style_layer(spec: dict) -> folium.FeatureGroup:
    """Wrap a style spec in the FeatureGroup that streamlit-folium swaps on rerun."""
    group = folium.FeatureGroup(name="atlas", control=False)
    group.add_child(StyleLayer(spec))
    return group


@dataclass
class Drawn:
    """What one map draws, in one language: the same for the web map and the PNG."""

    fills: dict[str, str]
    tips: dict[str, str]
    aria: dict[str, str]
    legend: Legend
    title: str
    key: str
    territories: list[dict] = field(default_factory=list)
    markers: list[list] = field(default_factory=list)
    emphasis: list[str] = field(default_factory=list)
    bounds: list[list[float]] = field(default_factory=lambda: BOUNDS)
    refit: bool = False
    de_facto: bool = False
    context_fills: dict[str, str] = field(default_factory=dict)  # members outside the region


def with_context(legend: Legend, labels: Labels) -> Legend:
    """Register the neighbours' tone last: every map draws them."""
    label = labels.gettext("Outside the post-Soviet space (not classified)")
    legend.fill(palette.CONTEXT_FILL, label, (90,))
    return legend


def border_note(labels: Labels, de_facto: bool) -> str:
    view = "Borders: de facto (who holds the ground)" if de_facto else "Borders: de jure (UN view)"
    return labels.gettext(view)


def spec(drawn: Drawn, labels: Labels, urls) -> dict:
    """The style layer's payload: geometry links, fills, tooltips, legend, attribution."""
    return {
        "geometry": urls.geometry,
        "territoryGeometry": urls.territories,
        "fills": drawn.fills,
        "contextFills": drawn.context_fills,
        "tips": {code: compact(tip) for code, tip in drawn.tips.items()},
        "aria": drawn.aria,
        "emphasis": drawn.emphasis,
        "markers": drawn.markers,
        "territories": [{**t, "tip": compact(t["tip"])} for t in drawn.territories],
        "bounds": drawn.bounds,
        "refit": drawn.refit,
        "attribution": border_note(labels, drawn.de_facto) + " · Natural Earth",
        "title": drawn.title,
        "legend": [[e.kind, e.key, e.label] for e in drawn.legend.ordered()],
        "key": drawn.key,
        "words": {name: labels.gettext(text) for name, text in MAP_WORDS.items()},
    }


def membership(table, labels: Labels, org: str, day, contested=None, context=()) -> Drawn:
    """Fills, tooltips and legend for one organisation on one day.

    ``table`` is the snapshot from ``membership.statuses_on``; ``contested`` the territories'
    situations on that day (``territories.on_day``) with the border view to draw them in;
    ``context`` the neighbouring countries that were members (``membership.context_members``).
    """
    legend = Legend()
    order = list(STATUS)
    fills, tips, aria = {}, {}, {}
    org_name = labels.org(org)
    for row in table.itertuples(index=False):
        label = labels.status(row.status)
        fills[row.iso3] = legend.fill(
            palette.STATUS_COLOURS[row.status], label, (order.index(row.status),)
        )
        name = labels.country(row.iso3)
        tips[row.iso3] = membership_tooltip(row, name, org_name, labels)
        aria[row.iso3] = f"{name}: {label}"
    drawn = Drawn(
        fills, tips, aria, legend, f"{org_name}, {labels.day(day)}", f"{org}|{day.isoformat()}"
    )
    if context:
        label = labels.gettext("Member outside the post-Soviet space (not classified here)")
        colour = legend.fill(palette.CONTEXT_MEMBER, label, (len(order),))
        drawn.context_fills = dict.fromkeys(context, colour)
    return with_territories(drawn, contested, labels)


def with_territories(drawn: Drawn, contested, labels: Labels) -> Drawn:
    if contested is not None:
        drawn.territories = territory_styles(contested, drawn.fills, drawn.legend, labels)
        drawn.de_facto = contested.de_facto
    with_context(drawn.legend, labels)
    return drawn


def membership_tooltip(row, name: str, org_name: str, labels: Labels) -> str:
    """Name, status, since when, and the source; every value from data is escaped."""
    esc = html.escape
    if row.status == NONE:
        line = (
            labels.gettext("{org}: no status (left on {day})")
            if row.since
            else labels.gettext("{org}: no status")
        )
    else:
        line = labels.gettext("{org}: {status} since {day}")
    text = line.format(
        org=org_name, status=labels.status(row.status).lower(), day=labels.day(row.since)
    )
    parts = [f"<b>{esc(name)}</b>", esc(text), source_line(labels, row.source_url)]
    return "<br>".join(p for p in parts if p)


def summit(roster, summit: dict, labels: Labels, place=None, contested=None) -> Drawn:
    """Presence at one summit; guests are a category of their own; the host city marked."""
    esc = html.escape
    legend = Legend()
    order = list(palette.PRESENCE_COLOURS)
    fills, tips, aria = {}, {}, {}
    recorded = {r.iso3: r for r in roster.itertuples(index=False)}
    for iso3 in labels.names.countries["en"]:
        name = labels.country(iso3)
        row = recorded.get(iso3)
        if row is None:
            label = labels.gettext("No status that day, not recorded as a guest")
            fills[iso3] = legend.fill(palette.NO_SEAT, label, (50,))
            tips[iso3] = f"<b>{esc(name)}</b><br>{esc(label)}"
        else:
            if row.capacity == "guest":
                label = labels.gettext("Guest, no status")
                fills[iso3] = legend.fill(palette.GUEST, label, (40,))
            else:
                label = labels.presence(row.presence)
                fills[iso3] = legend.fill(
                    palette.PRESENCE_COLOURS[row.presence], label, (order.index(row.presence),)
                )
            tips[iso3] = summit_tooltip(row, name, summit, labels)
        aria[iso3] = f"{name}: {label}"
    city = labels.city(summit["city"])
    markers = []
    if place:
        host = labels.gettext("Host city: {city}").format(city=city)
        fill = legend.marker(labels.gettext("Host city"))
        markers.append([place[0], place[1], esc(host), 7, fill])
    title = f"{labels.org(summit['org'])}, {labels.day(summit['start'])}, {city}"
    drawn = Drawn(fills, tips, aria, legend, title, summit["id"], markers=markers)
    return with_territories(drawn, contested, labels)


def summit_tooltip(row, name: str, summit: dict, labels: Labels) -> str:
    esc = html.escape
    lines = [f"<b>{esc(name)}</b>"]
    if row.capacity == "guest":
        lines.append(
            esc(
                labels.gettext("Guest, no status: {presence}").format(
                    presence=labels.presence(row.presence).lower()
                )
            )
        )
    else:
        lines.append(esc(labels.presence(row.presence)))
    if row.representative:
        lines.append(
            esc(
                labels.gettext("Who came: {who}").format(
                    who=labels.representative(row.representative)
                )
            )
        )
    if row.capacity != "guest" and row.status not in (NONE, "member"):
        status = labels.status(row.status).lower()
        lines.append(
            esc(
                labels.gettext("Status in {org}: {status}").format(
                    org=labels.org(summit["org"]), status=status
                )
            )
        )
    signed = labels.code("signed_final_document", row.signed_final_document)
    lines.append(esc(labels.gettext("Signed the final document: {answer}").format(answer=signed)))
    lines.append(source_line(labels, row.source_url))
    return "<br>".join(p for p in lines if p)


def territory_styles(contested, fills: dict, legend: Legend, labels: Labels) -> list[dict]:
    """How each territory holding a situation that day is drawn over its state."""
    out = []
    for row in contested.rows:
        solid = territories.solid(row, contested.de_facto)
        if solid:  # de facto: the holder's colour (in the legend through that state), and
            legend.outline(labels.gettext(OUTLINE_LABEL))  # an edge that says it is contested
        if solid and row["controlled_by"]:
            fill = fills[row["controlled_by"]]
        elif solid:
            fill = legend.fill(palette.UNRECOGNISED, labels.gettext(UNRECOGNISED_LABEL), (60,))
        else:
            situation = row["situation"]
            rank = (70, list(SITUATION_LEGEND).index(situation))
            legend.hatch(situation, labels.gettext(SITUATION_LEGEND[situation]), rank)
            fill = f"url(#atlas-{situation})"
        tip = territories.tooltip(row, labels)
        out.append({"id": row["territory"], "fill": fill, "solid": solid, "tip": tip})
    return out


def overlap(table, labels: Labels, day, orgs: list[str]) -> Drawn:
    """Number of chosen organisations per state, on a ramp whose steps differ visibly."""
    esc = html.escape
    legend = Legend()
    top = len(palette.COUNT_COLOURS)
    fills, tips, aria = {}, {}, {}
    for r in table.itertuples(index=False):
        if r.count >= top:
            label = labels.gettext("{n} or more organisations").format(n=top)
        else:
            label = labels.ngettext("{n} organisation", "{n} organisations", r.count)
        fills[r.iso3] = legend.fill(palette.count_colour(r.count), label, (min(r.count, top),))
        name = labels.country(r.iso3)
        which = labels.memberships(r.memberships)
        count = labels.gettext("{count} of {total}").format(count=r.count, total=len(orgs))
        tips[r.iso3] = f"<b>{esc(name)}</b><br>{esc(count)}: {esc(which)}"
        aria[r.iso3] = f"{name}: {label}"
    title = labels.gettext("{orgs} on {day}").format(
        orgs=", ".join(labels.org(o) for o in orgs), day=labels.day(day)
    )
    key = f"overlap|{day.isoformat()}|{','.join(orgs)}"
    return Drawn(fills, tips, aria, with_context(legend, labels), title, key)


def changes(found, labels: Labels, start, end, centres: dict) -> Drawn:
    """States whose status changed in the window, outlined, small ones marked, map zoomed."""
    esc = html.escape
    legend = Legend()
    by_state: dict[str, list[str]] = {}
    for row in found.itertuples(index=False):
        by_state.setdefault(row.iso3, []).append(
            f"{labels.day(row.date)} {labels.org(row.org)}: "
            f"{labels.change(row.change, row.before, row.after)}"
        )
    fills, tips, aria = {}, {}, {}
    changed_label = labels.gettext("Status changed")
    for iso3 in labels.names.countries["en"]:
        items = by_state.get(iso3, [])
        label = changed_label if items else labels.gettext("No change")
        colour = palette.CHANGED if items else palette.UNCHANGED
        fills[iso3] = legend.fill(colour, label, (0 if items else 1,))
        name = labels.country(iso3)
        body = "<br>".join(esc(i) for i in items[:12]) + ("<br>…" if len(items) > 12 else "")
        tips[iso3] = f"<b>{esc(name)}</b><br>{body or esc(label)}"
        aria[iso3] = f"{name}: {label}"
    small = [c for c in by_state if c in SMALL_STATES and c in centres]
    markers = [[*centres[c], tips[c], 6, palette.CHANGED] for c in small]
    if markers:
        legend.marker(labels.gettext("Status changed (small state)"), palette.CHANGED, (2,))
    title = f"{labels.day(start)} → {labels.day(end)}"
    key = f"changes|{start.isoformat()}|{end.isoformat()}"
    drawn = Drawn(
        fills,
        tips,
        aria,
        with_context(legend, labels),
        title,
        key,
        markers=markers,
        emphasis=sorted(by_state),
    )
    if by_state:
        drawn.bounds = zoom_to([centres[c] for c in by_state if c in centres])
        drawn.refit = True
    return drawn


def zoom_to(points: list[tuple[float, float]], pad: float = 6.0) -> list[list[float]]:
    """Bounds around the changed states' centres, never tighter than ~12 degrees."""
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    return [[min(lats) - pad, min(lons) - pad], [max(lats) + pad, max(lons) + pad]]
