"""A page opened as readers open it; run on demand: ``python tests/bench_open.py``.

Starts the app as the README does (or measures ``--url``), opens a link in Debian's
Chromium with the network emulated through the DevTools protocol, and prints per
network and run: seconds to a visible map (filled SVG shapes on screen in any frame; the
first response's picture counts), seconds to the live Leaflet map, seconds with no map
on screen in between, kilobytes on the wire over HTTP (as sent, compressed) and over the
WebSocket, and requests. Each network is measured cold (an empty browser cache) and
warm (the same browser opening the link a second time). A static floor page (Leaflet
and the same shapes, gzipped, no Streamlit) is measured beside it for reference.

Networks follow the DevTools presets: ``slow4g`` (150 ms, 1.6 Mbit/s down, 750 kbit/s
up, Lighthouse's mobile preset), ``4g`` (40 ms, 9 Mbit/s), ``none`` (loopback).
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import statistics
import sys
import tempfile
import threading
import time
from contextlib import contextmanager, nullcontext, suppress
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))

from browser import CHROMIUM, CHROMIUM_ARGS, free_port, streamlit_server  # noqa: E402

NETWORKS = {
    "none": None,
    "4g": {"latency": 40, "downloadThroughput": 9e6 / 8, "uploadThroughput": 1.5e6 / 8},
    "slow4g": {"latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8},
}
LINK = "?org=CSTO&date=2012-07-01"
SHAPES = 15  # filled shapes that make "a map on screen"
VISIBLE = """() => [...document.querySelectorAll('svg path')].filter(p => {
  const fill = getComputedStyle(p).fill, box = p.getBoundingClientRect();
  return fill && fill !== 'none' && !fill.endsWith(', 0)') && box.width > 1 && box.height > 1
    && box.bottom > 0 && box.top < innerHeight && getComputedStyle(p).visibility !== 'hidden';
}).length"""


def count(page, script: str) -> int:
    best = 0
    for frame in page.frames:
        with suppress(Exception):  # a frame navigating or gone: count it as empty
            best = max(best, frame.evaluate(script))
    return best


def live(page) -> int:
    return count(page, "() => document.querySelectorAll('path.leaflet-interactive').length")


def open_once(context, url: str, network: dict | None) -> dict:
    """Open ``url`` in a new tab of ``context``; the figures of that one open."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    if network:
        cdp.send("Network.emulateNetworkConditions", {"offline": False, **network})
    wire = {"http": 0, "ws": 0, "requests": 0}

    def finished(event):
        wire["http"] += event.get("encodedDataLength", 0)
        wire["requests"] += 1

    cdp.on("Network.loadingFinished", finished)
    cdp.on(
        "Network.webSocketFrameReceived",
        lambda e: wire.__setitem__("ws", wire["ws"] + len(e["response"].get("payloadData", ""))),
    )
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    deadline, seen, shown, blank, last = start + 90, None, None, 0.0, start
    while time.perf_counter() < deadline:
        now = time.perf_counter()
        visible = count(page, VISIBLE) >= SHAPES
        if visible and seen is None:
            seen = now - start
        elif seen is not None and not visible:
            blank += now - last
        if live(page) >= SHAPES and visible:
            shown = now - start
            break
        last = now
        page.wait_for_timeout(40)
    page.wait_for_timeout(1000)  # the last messages, counted
    page.close()
    return {"map": seen, "live": shown, "blank": blank, "kb": wire["http"] / 1024,
            "ws_kb": wire["ws"] / 1024, "requests": wire["requests"]}  # fmt: skip


def measure(browser, url: str, network: dict | None, runs: int) -> dict[str, list[dict]]:
    out = {"cold": [], "warm": []}
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        out["cold"].append(open_once(context, url, network))
        out["warm"].append(open_once(context, url, network))
        context.close()
    return out


def median(runs: list[dict], key: str) -> str:
    values = [r[key] for r in runs if r[key] is not None]
    return f"{statistics.median(values):6.2f}" if values else "     -"


@contextmanager
def floor_page():
    """A static page drawing the same shapes with the same Leaflet, every file gzipped:
    what a map page costs without Streamlit."""
    import xstatic.pkg.leaflet as leaflet

    from geo.paths import GEOMETRY_FILE  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        files = {
            "leaflet.js": (Path(leaflet.BASE_DIR) / "leaflet.js").read_bytes(),
            "leaflet.css": (Path(leaflet.BASE_DIR) / "leaflet.css").read_bytes(),
            "region.geojson": GEOMETRY_FILE.read_bytes(),
            "index.html": FLOOR.encode(),
        }
        for name, raw in files.items():
            (root / name).write_bytes(gzip.compress(raw, 9))
        handler = partial(Gzipped, directory=str(root))
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{httpd.server_address[1]}/index.html"
        finally:
            httpd.shutdown()


class Gzipped(http.server.SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("Content-Encoding", "gzip")
        super().end_headers()

    def log_message(self, *args):
        pass


FLOOR = """<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="leaflet.css"><script src="leaflet.js"></script>
<style>html,body,#map{height:100%;margin:0}</style></head><body><div id="map"></div><script>
var map = L.map("map").fitBounds([[35, 20], [76, 191]]);
fetch("region.geojson").then(r => r.json()).then(g => L.geoJSON(g, {style: f =>
  ({fillColor: f.properties.region ? "#0072B2" : "#F1EDE4", fillOpacity: 1, weight: 1})
}).addTo(map));
</script></body></html>"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running server (default: start one)")
    parser.add_argument("--link", default=LINK)
    parser.add_argument("--networks", default="none,4g,slow4g")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-floor", action="store_true")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with nullcontext(args.url) if args.url else streamlit_server() as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        pages = {"atlas": url.rstrip("/") + "/" + args.link.lstrip("/")}
        with nullcontext(None) if args.no_floor else floor_page() as floor:
            if floor:
                pages["floor page"] = floor
            print(
                "page       | network | open | map s | live s | blank s |     KB | WS KB | requests"
            )
            for name in args.networks.split(","):
                for page, link in pages.items():
                    found = measure(browser, link, NETWORKS[name], args.runs)
                    for kind, runs in found.items():
                        print(
                            f"{page:10} | {name:7} | {kind:4} | {median(runs, 'map')} | "
                            f"{median(runs, 'live')} | {median(runs, 'blank')} | "
                            f"{median(runs, 'kb')} | {median(runs, 'ws_kb')} | "
                            f"{median(runs, 'requests')}"
                        )
        browser.close()


if __name__ == "__main__":
    main()
