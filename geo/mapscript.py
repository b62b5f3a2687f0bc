"""The map's drawing script: one file the browser fetches once, with Leaflet.

A view's style layer (``choropleth.StyleLayer``) then carries only its data (fills,
tooltips, territories, legend entries) and calls ``atlasDraw(map, group, spec)``. The
script holds what never changes: how shapes are styled and made keyboard-reachable,
the hatch patterns (the same ones the legend, the PNG and the SVG draw), the legend's
swatches and the map's own styles. It is served at an address named by its content
(``app.hashed``).
"""

from __future__ import annotations

import json

from geo import palette
from geo.legend import OUTLINE_DASH, SWATCH, pattern

CSS = f"""
.leaflet-container {{ background: {palette.SEA}; }}
.atlas-legend {{ background: rgba(255,255,255,.94); padding: 5px 8px; max-width: 260px;
  font: 12px/1.45 sans-serif; border-radius: 4px; box-shadow: 0 0 4px rgba(0,0,0,.3); }}
.atlas-legend summary {{ font-weight: bold; cursor: pointer; }}
.atlas-row {{ display: flex; align-items: center; gap: 6px; margin-top: 2px; }}
.atlas-swatch {{ flex: none; }}
.leaflet-control-attribution {{ font: 11px/1.4 sans-serif; }}
path.leaflet-interactive:focus {{ outline: none; }}
path.leaflet-interactive:focus-visible {{ stroke: #000; stroke-width: 3.5px; }}
@media (max-width: 520px) {{ .atlas-legend {{ max-width: 170px; font-size: 11px; }} }}
"""


def constants() -> str:
    values = {
        "css": CSS,
        "patterns": "".join(pattern(s, f"atlas-{s}") for s in palette.HATCHES),
        "legendPatterns": {s: pattern(s, f"legend-{s}") for s in palette.HATCHES},
        "swatch": SWATCH,
        "markerEdge": palette.MARKER_EDGE,
        "context": palette.CONTEXT_FILL,
        "contextBorder": palette.CONTEXT_BORDER,
        "border": palette.BORDER,
        "dash": OUTLINE_DASH,
    }
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


LIBRARY = """(function () {
  var K = CONSTANTS;
  // The page's styles and the hatches (SVG patterns the fills point at), added once.
  function setup() {
    if (document.getElementById("atlas-patterns")) { return; }
    var style = document.createElement("style");
    style.textContent = K.css;
    document.head.appendChild(style);
    var defs = document.createElement("div");
    defs.id = "atlas-patterns";
    defs.innerHTML = '<svg width="0" height="0" style="position:absolute">' +
      "<defs>" + K.patterns + "</defs></svg>";
    document.body.appendChild(defs);
  }
  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }
  // A small picture of what the map draws, as geo.legend.swatch makes it.
  function swatch(entry) {
    var n = K.swatch, box = 'width="' + n + '" height="' + n + '"', key = esc(entry[1]);
    var body;
    if (entry[0] === "marker") {
      body = '<circle cx="7" cy="7" r="5" fill="' + key + '" stroke="' + K.markerEdge +
        '" stroke-width="2"/>';
    } else if (entry[0] === "outline") {
      body = '<rect x="1" y="1" width="' + (n - 2) + '" height="' + (n - 2) +
        '" fill="#FFFFFF" stroke="#1A1A1A" stroke-width="1.5" stroke-dasharray="' + key + '"/>';
    } else if (entry[0] === "hatch") {
      body = "<defs>" + K.legendPatterns[entry[1]] + "</defs><rect " + box +
        ' fill="#FFFFFF" stroke="#999"/><rect ' + box + ' fill="url(#legend-' + key + ')"/>';
    } else {
      body = "<rect " + box + ' fill="' + key + '" stroke="#999"/>';
    }
    return '<svg class="atlas-swatch" ' + box + ' aria-hidden="true" data-' + entry[0] +
      '="' + key + '">' + body + "</svg>";
  }
  // A tooltip as choropleth.compact sent it: bold first line, a tab marks the small one.
  function tip(text) {
    var lines = text.split("\\n");
    return "<b>" + lines[0] + "</b>" + lines.slice(1).map(function (line) {
      return "<br>" + (line.charAt(0) === "\\t" ? "<small>" + line.slice(1) + "</small>" : line);
    }).join("");
  }
  function legendHtml(title, entries) {
    return "<summary>" + esc(title) + "</summary>" + entries.map(function (e) {
      return '<div class="atlas-row">' + swatch(e) + "<span>" + esc(e[2]) + "</span></div>";
    }).join("");
  }
  // A state's profile, opened in the page the map sits in with one entry in the browser's
  // history (Back returns to this view); in an embedded view, in the full atlas instead.
  function openProfile(code) {
    var page = window.parent, here = new URL(page.location.href);
    var lang = here.searchParams.get("lang");
    var path = here.pathname.replace(/[^/]*$/, "") + "country?iso3=" + code +
      (lang ? "&lang=" + lang : "");
    if (here.searchParams.get("embed") === "true") {
      window.open(path, "_blank", "noopener");
      return;
    }
    page.history.pushState(null, "", path);
    page.dispatchEvent(new PopStateEvent("popstate", {state: null}));
  }
  window.atlasDraw = function (map, group, spec) {
BODY  };
})();
"""


def library() -> str:
    """The script's text (its constants filled in)."""
    return LIBRARY.replace("CONSTANTS", constants()).replace("BODY", BODY)


BODY = """    // Each geometry file is fetched once per map, synchronously, so the shapes exist
    // when streamlit-folium binds its click handler right after this script.
    window.atlasFiles = window.atlasFiles || {};
    function file(url) {
      if (!window.atlasFiles[url]) {
        var request = new XMLHttpRequest();
        request.open("GET", url, false);
        request.send();
        window.atlasFiles[url] = JSON.parse(request.responseText);
      }
      return window.atlasFiles[url];
    }
    setup();
    map.attributionControl.setPrefix(spec.attribution);
    function strong(code) { return spec.emphasis.indexOf(code) >= 0; }
    L.geoJSON(file(spec.geometry), {
      style: function (f) {
        var code = f.properties.iso3;
        if (!f.properties.region) {
          return {fillColor: K.context, fillOpacity: 1, color: K.contextBorder,
                  weight: 0.6};
        }
        return {fillColor: spec.fills[code], fillOpacity: 0.92,
                color: strong(code) ? "#333" : K.border, weight: strong(code) ? 2 : 1};
      },
      onEachFeature: function (f, layer) {
        var code = f.properties.iso3, text = spec.tips[code];
        if (!f.properties.region || !text) { layer.options.interactive = false; return; }
        layer.bindTooltip(tip(text), {sticky: true});
        layer.on("click", function () { openProfile(code); });
        layer.on("mouseover", function () { layer.setStyle({weight: 2.5}); });
        layer.on("mouseout", function () { layer.setStyle({weight: strong(code) ? 2 : 1}); });
        layer.on("add", function () {
          var path = layer.getElement();
          if (!path) { return; }
          path.setAttribute("tabindex", "0");
          path.setAttribute("role", "button");
          path.setAttribute("aria-label", spec.aria[code]);
          path.addEventListener("focus", function () {
            layer.openTooltip(layer.getBounds().getCenter());
          });
          path.addEventListener("blur", function () { layer.closeTooltip(); });
          path.addEventListener("keydown", function (e) {
            if (e.key === "Enter" || e.key === " ") {
              e.preventDefault();
              layer.fire("click", {latlng: layer.getBounds().getCenter()});
            }
          });
        });
      }
    }).addTo(group);
    if (spec.territories.length) {
      var wanted = {};
      spec.territories.forEach(function (t) { wanted[t.id] = t; });
      L.geoJSON(file(spec.territoryGeometry), {
        filter: function (f) { return wanted[f.properties.territory] !== undefined; },
        style: function (f) {
          var t = wanted[f.properties.territory];
          return {fillColor: t.fill, fillOpacity: t.solid ? 0.92 : 1, color: "#1A1A1A",
                  weight: t.solid ? 1.5 : 0.8, dashArray: t.solid ? K.dash : null};
        },
        onEachFeature: function (f, layer) {
          layer.bindTooltip(tip(wanted[f.properties.territory].tip), {sticky: true});
        }
      }).addTo(group);
    }
    spec.markers.forEach(function (mk) {
      L.circleMarker([mk[0], mk[1]], {radius: mk[3] || 7, color: "#000", weight: 2,
        fillColor: mk[4] || "#fff", fillOpacity: 1}).bindTooltip(mk[2]).addTo(group);
    });
    if (!window.atlasFitted || spec.refit) {  // later draws keep the reader's view
      map.invalidateSize();
      map.fitBounds(spec.bounds);
      window.atlasFitted = true;
    }
    if (window.atlasLegend) { window.atlasLegend.remove(); }
    var legend = L.control({position: "topright"});
    legend.onAdd = function () {
      var box = L.DomUtil.create("details", "atlas-legend");
      box.innerHTML = legendHtml(spec.title, spec.legend);
      if (window.innerWidth > 520) { box.open = true; }  // folded on phones
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    legend.addTo(map);
    window.atlasLegend = legend;
    document.body.setAttribute("data-atlas-layer", spec.key);"""
