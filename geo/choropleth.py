"""Folium maps split in two: a base map that never changes and a small style layer.

The base map (no tiles by default) is the same on every rerun, so streamlit-folium
keeps it mounted. What differs between dates or summits is a ``StyleLayer``: a few
kilobytes of colours, tooltips and a legend that colour shapes the browser fetched
once from the app's static route. Swapping it redraws without a remount or flicker.
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
          window.atlasGeometry = window.atlasGeometry ||
            fetch(spec.geometry).then(function (r) { return r.json(); });
          window.atlasGeometry.then(function (data) {
            L.geoJSON(data, {
              style: function (f) {
                var code = f.properties.iso3;
                if (!f.properties.region) {
                  return {fillColor: spec.context, fillOpacity: 1, color: spec.contextBorder,
                          weight: 0.6};
                }
                var strong = spec.emphasis.indexOf(code) >= 0;
                return {fillColor: spec.fills[code] || spec.noneFill, fillOpacity: 0.92,
                        color: strong ? "#000" : spec.border, weight: strong ? 3 : 1};
              },
              interactive: true,
              onEachFeature: function (f, layer) {
                var tip = spec.tips[f.properties.iso3];
                if (!f.properties.region || !tip) { layer.options.interactive = false; return; }
                layer.bindTooltip(tip, {sticky: true});
                layer.on("mouseover", function () { layer.setStyle({weight: 2.5}); });
                layer.on("mouseout", function () {
                  var strong = spec.emphasis.indexOf(f.properties.iso3) >= 0;
                  layer.setStyle({weight: strong ? 3 : 1});
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
          });
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
    fills, tips = {}, {}
    for row in table.itertuples(index=False):
        fills[row.iso3] = palette.STATUS_COLOURS[row.status]
        tips[row.iso3] = membership_tooltip(row, org_name)
    shown = [s for s in palette.STATUS_COLOURS if s in set(table["status"])]
    entries = [(palette.STATUS_COLOURS[s], palette.STATUS_LABELS[s]) for s in shown]
    entries.append((palette.CONTEXT_FILL, palette.CONTEXT_LABEL))
    return {
        "geometry": geometry_url,
        "fills": fills,
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
        line = f"{esc(label)} in {esc(org_name)}{esc(when)}"
    else:
        line = f"{esc(label)} of {esc(org_name)} since {esc(str(row.since))}"
    source = source_domain(row.source_url)
    tail = f"<br><small>Source: {esc(source)}</small>" if source else ""
    return f"<b>{esc(row.name)}</b><br>{line}{tail}"
