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

# The key sits under the map, never over it: the map keeps all of its box (Kamchatka and
# Chukotka included) and the key is read without a tap, on a phone too.
CSS = f"""
html, body {{ height: 100%; margin: 0; overflow: hidden; }}
body > span {{ display: none; }}  /* streamlit-folium's spacer line would push the key out */
.leaflet-container {{ background: {palette.SEA}; }}
.atlas-legend {{ display: flex; flex-wrap: wrap; gap: 1px 14px; padding: 6px 2px 0;
  font: 12.5px/1.35 "Source Sans", "Source Sans Pro", sans-serif; color: #31333F; }}
.atlas-row {{ display: flex; align-items: center; gap: 6px; }}
.atlas-swatch {{ flex: none; }}
.leaflet-control-attribution {{ font: 11px/1.4 sans-serif; }}
path.leaflet-interactive:focus {{ outline: none; }}
path.leaflet-interactive:focus-visible {{ stroke: #000; stroke-width: 3.5px; }}
.atlas-tools button {{ display: block; width: 30px; height: 30px; padding: 6px; border: 0;
  border-bottom: 1px solid #ccc; background: #fff; cursor: pointer; }}
.atlas-tools button:last-child {{ border-bottom: 0; }}
.atlas-tools button:hover {{ background: #f4f4f4; }}
.atlas-tools button:focus-visible {{ outline: 2px solid #0072B2; outline-offset: -2px; }}
.atlas-hint {{ position: absolute; inset: 0; z-index: 1000; display: flex; align-items: center;
  justify-content: center; padding: 1em; text-align: center; color: #fff;
  background: rgba(0,0,0,.5); font: 16px/1.4 sans-serif; opacity: 0; transition: opacity .3s;
  pointer-events: none; }}
.atlas-hint.shown {{ opacity: 1; }}
.leaflet-tooltip {{ max-width: min(320px, 80vw); white-space: normal; }}
"""
RESET_ICON = (
    '<svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true"><path d="M2 7V2h5M16 7V2'
    'h-5M2 11v5h5M16 11v5h-5" fill="none" stroke="#333" stroke-width="2"/><circle cx="9" cy="9" '
    'r="2" fill="#333"/></svg>'
)
FULL_ICON = (
    '<svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true"><path d="M1 6V1h5M17 6V1'
    'h-5M1 12v5h5M17 12v5h-5M5 5h8v8H5z" fill="none" stroke="#333" stroke-width="1.8"/></svg>'
)


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
        "resetIcon": RESET_ICON,
        "fullIcon": FULL_ICON,
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
  // A tooltip's text as one line for screen readers: its lines joined, entities read
  // (DOMParser runs nothing it parses).
  function plain(text) {
    var lines = text.split("\\n").map(function (line) { return line.replace(/^\\t/, ""); });
    return new DOMParser().parseFromString(lines.join("; "), "text/html").body.textContent;
  }
  function legendHtml(entries) {
    return entries.map(function (e) {
      return '<div class="atlas-row" role="listitem">' + swatch(e) + "<span>" + esc(e[2]) +
        "</span></div>";
    }).join("");
  }
  // The map gets the frame's height less its key's, whenever either changes.
  function fitHeight(map) {
    var key = document.getElementById("atlas-key"), box = map.getContainer();
    var height = Math.max(180, window.innerHeight - (key ? key.offsetHeight : 0));
    if (box.style.height !== height + "px") {
      box.style.height = height + "px";
      map.invalidateSize();
    }
  }
  // A tooltip stays inside the map: moved back in by what sticks out (after Leaflet has
  // placed it, which it does again on every move of the pointer).
  function inside(map, tooltip) {
    var el = tooltip && tooltip.getElement();
    if (!el) { return; }
    el.style.translate = "0 0";
    var r = el.getBoundingClientRect(), b = map.getContainer().getBoundingClientRect();
    var dx = Math.max(0, b.left + 4 - r.left) + Math.min(0, b.right - 4 - r.right);
    var dy = Math.max(0, b.top + 4 - r.top) + Math.min(0, b.bottom - 4 - r.bottom);
    el.style.translate = dx + "px " + dy + "px";
  }
  function button(bar, icon, label, act) {
    var b = L.DomUtil.create("button", "", bar);
    b.type = "button";
    b.innerHTML = icon;
    b.title = label;
    b.setAttribute("aria-label", label);
    L.DomEvent.on(b, "click", function (e) { L.DomEvent.stop(e); act(b); });
    return b;
  }
  // The whole region in view. A fit made while a zoom is still animating would be undone
  // when that animation ends (Leaflet finishes it on its own), so wait for its end.
  function fitRegion(map) {
    if (map._animatingZoom) { map.once("zoomend", function () { fitRegion(map); }); return; }
    map.fitBounds(window.atlasBounds, {animate: false});
  }
  // Once per map: the wheel scrolls the page unless the reader holds Ctrl (or Cmd, or
  // pinches a touchpad) or has clicked into the map; a reset and a full-screen button;
  // tooltips kept inside; the map's height kept in step with the frame's.
  function prepare(map, words) {
    var box = map.getContainer(), active = false, sum = 0, timer = null;
    map.scrollWheelZoom.disable();
    var hint = L.DomUtil.create("div", "atlas-hint", box);
    hint.textContent = words.wheel;
    hint.setAttribute("aria-hidden", "true");
    box.addEventListener("mousedown", function () { active = true; });
    // Until the reader moves the map, it stays fitted to the region as its frame is sized.
    ["pointerdown", "keydown", "wheel"].forEach(function (type) {
      box.addEventListener(type, function (e) {
        if (type !== "wheel" || e.ctrlKey || e.metaKey || active) { window.atlasMoved = true; }
      }, true);
    });
    box.addEventListener("mouseleave", function () { active = false; });
    box.addEventListener("wheel", function (e) {
      if (!(e.ctrlKey || e.metaKey || active)) {
        hint.className = "atlas-hint shown";
        clearTimeout(timer);
        timer = setTimeout(function () { hint.className = "atlas-hint"; }, 1500);
        return;  // not stopped: the page around the map scrolls
      }
      e.preventDefault();
      hint.className = "atlas-hint";
      sum += e.deltaMode === 1 ? e.deltaY * 40 : e.deltaY;
      if (Math.abs(sum) < 50) { return; }  // a touchpad sends many small steps
      var step = sum > 0 ? -0.5 : 0.5;
      sum = 0;
      map.setZoomAround(map.mouseEventToContainerPoint(e), map.getZoom() + step);
    }, {passive: false});
    var tools = L.control({position: "topleft"});
    tools.onAdd = function () {
      var bar = L.DomUtil.create("div", "leaflet-bar atlas-tools");
      button(bar, K.resetIcon, words.reset, function () {
        fitRegion(map);
        window.atlasMoved = false;
      });
      var frame = window.frameElement, page = frame && frame.ownerDocument;
      if (page && page.fullscreenEnabled) {
        var full = button(bar, K.fullIcon, words.fullscreen, function () {
          if (page.fullscreenElement) { page.exitFullscreen(); } else { frame.requestFullscreen(); }
        });
        page.addEventListener("fullscreenchange", function () {
          var label = page.fullscreenElement ? words.exit : words.fullscreen;
          full.title = label;
          full.setAttribute("aria-label", label);
        });
      }
      return bar;
    };
    tools.addTo(map);
    map.on("tooltipopen", function (e) { window.atlasTip = e.tooltip; inside(map, e.tooltip); });
    map.on("tooltipclose", function () { window.atlasTip = null; });
    map.on("mousemove", function () { inside(map, window.atlasTip); });
    window.addEventListener("resize", function () {
      fitHeight(map);
      if (!window.atlasMoved) { fitRegion(map); }
    });
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
    if (!window.atlasPrepared) { prepare(map, spec.words); window.atlasPrepared = true; }
    map.attributionControl.setPrefix(spec.attribution);
    function strong(code) { return spec.emphasis.indexOf(code) >= 0; }
    L.geoJSON(file(spec.geometry), {
      style: function (f) {
        var code = f.properties.iso3;
        if (!f.properties.region) {
          return {fillColor: spec.contextFills[code] || K.context, fillOpacity: 1,
                  color: K.contextBorder, weight: 0.6};
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
          var text = wanted[f.properties.territory].tip;
          layer.bindTooltip(tip(text), {sticky: true});
          layer.on("add", function () {  // reachable by Tab, named as its tooltip reads
            var path = layer.getElement();
            if (!path) { return; }
            path.setAttribute("tabindex", "0");
            path.setAttribute("role", "img");
            path.setAttribute("aria-label", plain(text));
            path.addEventListener("focus", function () {
              layer.openTooltip(layer.getBounds().getCenter());
            });
            path.addEventListener("blur", function () { layer.closeTooltip(); });
          });
        }
      }).addTo(group);
    }
    spec.markers.forEach(function (mk) {
      L.circleMarker([mk[0], mk[1]], {radius: mk[3] || 7, color: "#000", weight: 2,
        fillColor: mk[4] || "#fff", fillOpacity: 1}).bindTooltip(mk[2]).addTo(group);
    });
    var key = document.getElementById("atlas-key");
    if (!key) {
      key = document.createElement("div");
      key.id = "atlas-key";
      key.className = "atlas-legend";
      key.setAttribute("role", "list");
      document.body.appendChild(key);
    }
    key.setAttribute("aria-label", spec.title);
    key.innerHTML = legendHtml(spec.legend);
    fitHeight(map);
    window.atlasBounds = spec.bounds;
    if (!window.atlasFitted || spec.refit || !window.atlasMoved) {  // else keep the reader's
      fitRegion(map);
      window.atlasFitted = true;
    }
    document.body.setAttribute("data-atlas-layer", spec.key);"""
