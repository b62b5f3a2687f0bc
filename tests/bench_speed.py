"""Speed figures for the dashboard; run on demand: ``python tests/bench_speed.py``.

Prints, for the membership view:
- server time per rerun when only the date changes (median and p90 over 50 dates),
  measured with Streamlit's AppTest running the real script (no browser);
- what the browser receives per date change (WebSocket bytes) and how long the round
  trip takes until the new layer is drawn, with a check that the map never remounted;
- time from opening the page to the map drawn (median of 5 fresh browser contexts).
Targets (issue #2): rerun < 30 ms, < 60 KB per change, map drawn < 1.5 s.
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from browser import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    map_frame,
    set_date,
    streamlit_server,
    wait_for_app,
    wait_for_layer,
)

APP = str(Path(__file__).resolve().parent.parent / "dashboard.py")
N_DATES = 50
N_BROWSER_CHANGES = 12
N_OPENS = 5


def spread_dates(n: int, first=date(1992, 1, 1), last=date(2026, 6, 1)) -> list[date]:
    step = (last - first) / (n - 1)
    return [first + timedelta(days=round(step.days * i)) for i in range(n)]


def bench_reruns() -> tuple[list[float], list[float]]:
    """Milliseconds per AppTest rerun: first pass (epoch caches cold), second pass (warm)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["org"] = "CIS"
    at.run()
    passes = []
    for _ in range(2):
        times = []
        for d in spread_dates(N_DATES):
            start = time.perf_counter()
            at.date_input(key="date").set_value(d).run()
            times.append((time.perf_counter() - start) * 1000)
            assert not at.exception, at.exception
        passes.append(times)
    return passes[0], passes[1]


def bench_browser() -> dict:
    from playwright.sync_api import sync_playwright

    out = {"opens": [], "bytes": [], "roundtrips": []}
    with streamlit_server() as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(N_OPENS):  # fresh context: no cached Leaflet or geometry
            ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = ctx.new_page()
            start = time.perf_counter()
            page.goto(f"{url}/?org=CIS&date=2010-06-01")
            wait_for_layer(map_frame(page), "CIS|2010-06-01")
            out["opens"].append(time.perf_counter() - start)
            ctx.close()
        ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = ctx.new_page()
        received = []
        page.on("websocket", lambda ws: ws.on("framereceived", lambda f: received.append(len(f))))
        page.goto(f"{url}/?org=CIS&date=2010-06-01")
        wait_for_app(page)
        frame = map_frame(page)
        wait_for_layer(frame, "CIS|2010-06-01")
        frame.evaluate("window.atlasMarker = 1")
        for d in spread_dates(N_BROWSER_CHANGES, date(1993, 3, 1), date(2025, 3, 1)):
            wait_for_app(page)
            received.clear()
            start = time.perf_counter()
            set_date(page, d.isoformat())
            page.get_by_role("heading", level=1).click()
            wait_for_layer(frame, f"CIS|{d.isoformat()}")
            wait_for_app(page)
            out["roundtrips"].append(time.perf_counter() - start)
            out["bytes"].append(sum(received))
        out["remounted"] = frame.evaluate("window.atlasMarker") != 1
        browser.close()
    return out


def summary(values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[int(0.9 * (len(ordered) - 1))]
    return f"median {statistics.median(values):.1f}, p90 {p90:.1f}, max {max(values):.1f}"


def main() -> None:
    cold, warm = bench_reruns()
    print(f"Server rerun on date change, ms over {N_DATES} dates (AppTest, real script):")
    print(f"  first pass  {summary(cold)}")
    print(f"  second pass {summary(warm)}    target: median < 30")
    b = bench_browser()
    kb = [n / 1024 for n in b["bytes"]]
    print(f"Browser, {N_BROWSER_CHANGES} date changes (WebSocket bytes received per change):")
    print(f"  KB {summary(kb)}    target: < 60")
    rt = [s * 1000 for s in b["roundtrips"]]
    print(f"  round trip to new layer drawn, ms {summary(rt)} (includes typing the date)")
    print(f"  map remounted during changes: {'YES' if b['remounted'] else 'no'}")
    opens = ", ".join(f"{s:.2f}" for s in b["opens"])
    print(f"Page open to map drawn, s: median {statistics.median(b['opens']):.2f} ({opens})")
    print("  target: < 1.5")


if __name__ == "__main__":
    main()
