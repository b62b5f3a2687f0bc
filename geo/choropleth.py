"""Folium maps split in two: a base map that never changes and a small style layer.

The base map (no tiles by default) is the same on every rerun, so streamlit-folium
keeps it mounted. What differs between dates or summits is a ``StyleLayer``: a few
kilobytes of colours, tooltips and a legend that colour shapes the browser fetched
once (per map) from the app's static route. Swapping it redraws without a remount or flicker.
"""

from __future__ import annotations

import html
import json
from urllib.parse import urlparse

import folium
from branca.element import MacroElement
from jinja2 import Template

from geo import palette

BOUNDS = [[35.0, 20.0], [76.0, 191.0]]  # Kushka to the Arctic coast, Kaliningrad to Chukotka
ATTRIBUTION = "Natural Earth · de jure borders (UN view)"
BORDER_NOTE = (
    "Borders de jure (UN view): Crimea is drawn as part of Ukraine. "
    "Boundaries: Natural Earth (public domain)"
)


class BaseSetup(MacroElement):
    """Constant touches on the base map: sea colour, legend style, attribution."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
          .leaflet-container { background: {{ this.sea }}; }
          .atlas-legend { background: rgba(255,255,255,.92); padding: 6px 9px;
            font: 12px/1.5 sans-serif; border-radius: 4px; box-shadow: 0 0 4px rgba(0,0,0,.3); }
          .atlas-legend i { display: inline-block; width: 12px; height: 12px;
            margin-right: 6px; vertical-align: -1px; border: 1px solid #999; }
          .atlas-legend b { display: block; margin-bottom: 2px; }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.attributionControl.setPrefix({{ this.note|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "BaseSetup"
        self.sea = palette.SEA
        self.note = ATTRIBUTION


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
    m.add_child(BaseSetup())
    return m


class StyleLayer(MacroElement):
    """Draws the shared geometry with per-country fills, tooltips and a legend."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
          var group = {{ this._parent.get_name() }};
          var map = {{ this._parent._parent.get_name() }};
          var spec = {{ this.spec }};
          if (!window.atlasGeometry) {
            // Loaded once per map, synchronously, so the shapes exist when streamlit-folium
            // binds its click handler right after this script; later layers reuse it.
            var request = new XMLHttpRequest();
            request.open("GET", spec.geometry, false);
            request.send();
            window.atlasGeometry = JSON.parse(request.responseText);
          }
          (function (data) {
            L.geoJSON(data, {
              style: function (f) {
                var code = f.properties.iso3;
                if (!f.properties.region) {
                  return {fillColor: spec.context, fillOpacity: 1, color: spec.contextBorder,
                          weight: 0.6};
                }
                var strong = spec.emphasis.indexOf(code) >= 0;
                return {fillColor: spec.fills[code] || spec.noneFill, fillOpacity: 0.92,
                        color: strong ? "#333" : spec.border, weight: strong ? 2 : 1};
              },
              interactive: true,
              onEachFeature: function (f, layer) {
                var tip = spec.tips[f.properties.iso3];
                if (!f.properties.region || !tip) { layer.options.interactive = false; return; }
                layer.bindTooltip(tip, {sticky: true});
                layer.on("mouseover", function () { layer.setStyle({weight: 2.5}); });
                layer.on("mouseout", function () {
                  var strong = spec.emphasis.indexOf(f.properties.iso3) >= 0;
                  layer.setStyle({weight: strong ? 2 : 1});
                });
              }
            }).addTo(group);
            spec.markers.forEach(function (mk) {
              L.circleMarker([mk[0], mk[1]], {radius: 7, color: "#000", weight: 2,
                fillColor: "#fff", fillOpacity: 1}).bindTooltip(mk[2]).addTo(group);
            });
            if (!window.atlasFitted) {  // first draw only: later draws keep the user's view
              map.invalidateSize();
              map.fitBounds(spec.bounds);
              window.atlasFitted = true;
            }
            document.body.setAttribute("data-atlas-layer", spec.key);
          })(window.atlasGeometry);
          if (window.atlasLegend) { window.atlasLegend.remove(); }
          var legend = L.control({position: "topright"});
          legend.onAdd = function () {
            var div = L.DomUtil.create("div", "atlas-legend");
            div.innerHTML = spec.legend;
            return div;
          };
          legend.addTo(map);
          window.atlasLegend = legend;
        })();
        {% endmacro %}
        """
    )

    def __init__(self, spec: dict):
        super().__init__()
        self._name = "StyleLayer"
        self.spec = safe_json(spec)


def safe_json(value) -> str:
    """JSON that can sit in a script: no raw <, > or & survive."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def legend_html(title: str, entries: list[tuple[str, str]]) -> str:
    """Legend markup; every label is escaped even though labels come from code."""
    rows = "".join(
        f'<div><i style="background:{html.escape(colour)}"></i>{html.escape(label)}</div>'
        for colour, label in entries
    )
    return f"<b>{html.escape(title)}</b>{rows}"


def source_domain(url: str | None) -> str:
    """Show a source as its host name in tooltips (tooltips cannot be clicked)."""
    if not url:
        return ""
    host = urlparse(url).netloc
    return host[4:] if host.startswith("www.") else host


def style_layer(spec: dict) -> folium.FeatureGroup:
    """Wrap a style spec in the FeatureGroup that streamlit-folium swaps on rerun."""
    full = {
        "fills": {},
        "tips": {},
        "emphasis": [],
        "markers": [],
        "legend": "",
        "key": "",
        "bounds": BOUNDS,
        "noneFill": palette.STATUS_COLOURS["none"],
        "context": palette.CONTEXT_FILL,
        "contextBorder": palette.CONTEXT_BORDER,
        "border": palette.BORDER,
        **spec,
    }
    group = folium.FeatureGroup(name="atlas", control=False)
    group.add_child(StyleLayer(full))
    return group


def membership_spec(table, org_name: str, day: str, geometry_url: str) -> dict:
    """Fills, tooltips and legend for one organisation on one day.

    ``table`` is the snapshot from ``membership.statuses_on``.
    """
    tips = {row.iso3: membership_tooltip(row, org_name) for row in table.itertuples(index=False)}
    entries = palette.legend(palette.STATUS_COLOURS, palette.STATUS_LABELS, table["status"])
    return {
        "geometry": geometry_url,
        "fills": palette.status_fills(table),
        "tips": tips,
        "legend": legend_html(f"{org_name}, {day}", entries),
        "key": f"{org_name}|{day}",
    }


def membership_tooltip(row, org_name: str) -> str:
    """Name, status, since when, and source; every value from data is escaped."""
    esc = html.escape
    label = palette.STATUS_LABELS[row.status]
    if row.status == "none":
        when = f" (left {row.since})" if row.since else ""
        line = f"{esc(org_name)}: {esc(label.lower())}{esc(when)}"
    else:
        line = f"{esc(org_name)}: {esc(label.lower())} since {esc(str(row.since))}"
    source = source_domain(row.source_url)
    tail = f"<br><small>Source: {esc(source)}</small>" if source else ""
    return f"<b>{esc(row.name)}</b><br>{line}{tail}"


def summit_spec(roster, summit: dict, org_name: str, geometry_url: str, place=None) -> dict:
    """Presence at one summit; ``place`` is (lat, lon) of the host city when known."""
    esc = html.escape
    fills, tips, keys = {}, {}, set()
    for row in roster.itertuples(index=False):
        key = row.presence if row.status != "none" else "none"
        keys.add(key)
        fills[row.iso3] = palette.PRESENCE_COLOURS[key]
        lines = [f"<b>{esc(row.name)}</b>", esc(palette.PRESENCE_LABELS.get(key, key))]
        if row.representative:
            lines.append(esc(row.representative))
        if row.status not in ("none", "member"):
            lines.append(f"Status in {esc(org_name)}: {esc(row.status)}")
        lines.append(f"Signed the final document: {esc(row.signed_final_document)}")
        source = source_domain(row.source_url)
        if source:
            lines.append(f"<small>Source: {esc(source)}</small>")
        tips[row.iso3] = "<br>".join(lines)
    entries = palette.legend(palette.PRESENCE_COLOURS, palette.PRESENCE_LABELS, keys)
    city = summit["city"] or "by video link"
    markers = [[place[0], place[1], esc(f"Host: {city}")]] if place else []
    return {
        "geometry": geometry_url,
        "fills": fills,
        "tips": tips,
        "markers": markers,
        "legend": legend_html(f"{org_name}, {summit['start'].isoformat()}, {city}", entries),
        "key": f"{summit['id']}",
    }


def overlap_spec(table, day: str, orgs: list[str], geometry_url: str) -> dict:
    """Number of chosen organisations per state, on a light-to-dark ramp."""
    esc = html.escape
    colour = palette.count_colour
    fills = {r.iso3: colour(r.count) for r in table.itertuples(index=False)}
    tips = {
        r.iso3: f"<b>{esc(r.name)}</b><br>{r.count} of {len(orgs)}: "
        f"{esc(r.organisations or 'none')}"
        for r in table.itertuples(index=False)
    }
    counts = sorted(set(table["count"]))
    entries = [(colour(c), f"{c} organisation{'s' if c != 1 else ''}") for c in counts]
    entries.append((palette.CONTEXT_FILL, palette.CONTEXT_LABEL))
    title = f"{', '.join(orgs)} on {day}"
    return {
        "geometry": geometry_url,
        "fills": fills,
        "tips": tips,
        "legend": legend_html(title, entries),
        "key": f"overlap|{day}|{','.join(orgs)}",
    }


def changes_spec(changes, countries, start: str, end: str, geometry_url: str) -> dict:
    """States whose status changed between two dates, outlined, with their changes listed."""
    esc = html.escape
    by_state: dict[str, list[str]] = {}
    for row in changes.itertuples(index=False):
        by_state.setdefault(row.iso3, []).append(
            f"{row.date.isoformat()} {esc(row.org)}: {esc(row.change)}"
        )
    fills, tips = {}, {}
    for iso3, name in zip(countries["iso3"], countries["name"]):
        items = by_state.get(iso3, [])
        fills[iso3] = palette.CHANGED if items else palette.STATUS_COLOURS["none"]
        body = "<br>".join(items[:12] + (["…"] if len(items) > 12 else [])) or "No change"
        tips[iso3] = f"<b>{esc(name)}</b><br>{body}"
    entries = [
        (palette.CHANGED, "Status changed"),
        (palette.STATUS_COLOURS["none"], "No change"),
        (palette.CONTEXT_FILL, palette.CONTEXT_LABEL),
    ]
    return {
        "geometry": geometry_url,
        "fills": fills,
        "tips": tips,
        "emphasis": sorted(by_state),
        "legend": legend_html(f"{start} → {end}", entries),
        "key": f"changes|{start}|{end}",
    }
