"""The web API under load beside readers; run on demand: ``python tests/bench_api.py``.

Starts the app as the README does (or measures ``--url``), opens ``--sessions`` readers
through Streamlit's protocol (``bench_load``: a first load, then date changes a few
seconds apart) and at the same time, from a second process (so neither client slows the
other's clock), sends ``--rate`` API requests a second for ``--seconds`` seconds
(bounded in count and time, loopback only): tables, exports and pictures, repeated
views mixed with distinct ones (a distinct date is a new view, never seen before).
Prints the readers' date-change p50/p95 and the API's p50/p95/p99 per kind of request,
and the errors of each.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import threading
import time
import urllib.request
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_load import cpu_seconds, figures, streamlit_pids, wave  # noqa: E402
from browser import streamlit_server  # noqa: E402

REPEATED = [
    ("table", "membership", {"org": "CSTO", "date": "2012-07-01"}),
    ("table", "attendance", {"summit": "CIS-2022-12-26", "format": "json"}),
    ("table", "summits", {"org": "SCO"}),
    ("table", "panel", {"org": "GUAM"}),
    ("table", "changes", {"from": "2018-01-01", "to": "2024-12-31"}),
    ("picture", "map.svg", {"org": "CSTO", "date": "2012-07-01", "lang": "ru"}),
    ("picture", "map.png", {"org": "CIS", "date": "2009-08-18"}),
    ("file", "export", {"summit": "CIS-2022-12-26", "format": "geojson"}),
]


def distinct(rng: random.Random) -> tuple[str, str, dict]:
    """A view never asked for before: a random day (tables and the SVG picture)."""
    day = date(1992, 1, 1) + timedelta(days=rng.randrange(12_000))
    org = rng.choice(["CIS", "CSTO", "EAEU", "SCO", "GUAM", "OTS"])
    if rng.random() < 0.5:
        return "new table", "membership", {"org": org, "date": day.isoformat()}
    return "new picture", "map.svg", {"org": org, "date": day.isoformat()}


async def connection(host: str, port: int, jobs: asyncio.Queue, found: dict) -> None:
    """One keep-alive connection taking requests off the queue (a browser's way: light
    on the client, so the client does not compete with the server for the CPU)."""
    reader = writer = None
    while True:
        job = await jobs.get()
        if job is None:
            break
        kind, path, due = job
        start = time.perf_counter()
        error = None
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(host, port)
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = int(next(
                ln.split(b":", 1)[1] for ln in head.split(b"\r\n") if ln.lower().startswith(b"content-length:")
            ))  # fmt: skip
            await reader.readexactly(length)
            if status >= 400:
                error = str(status)
        except Exception as exc:  # every failure is counted, whatever its kind
            error, writer = type(exc).__name__, None
        found.setdefault(kind, []).append((time.perf_counter() - start, error))


def api_load(url: str, rate: int, seconds: float, share_new: float, seed: int = 1) -> dict:
    """Send ``rate`` requests a second for ``seconds``; latencies and errors per kind."""
    return asyncio.run(paced(url, rate, seconds, share_new, seed))


async def paced(url: str, rate: int, seconds: float, share_new: float, seed: int) -> dict:
    rng, found, jobs = random.Random(seed), {}, asyncio.Queue()
    host, port = url.split("//", 1)[1].split(":")
    workers = [asyncio.create_task(connection(host, int(port), jobs, found)) for _ in range(48)]
    start = time.perf_counter()
    for i in range(int(rate * seconds)):
        wait = start + i / rate - time.perf_counter()
        if wait > 0:
            await asyncio.sleep(wait)
        kind, route, params = distinct(rng) if rng.random() < share_new else rng.choice(REPEATED)
        jobs.put_nowait((kind, f"/api/v1/{route}?{urlencode(params)}", i / rate))
    for _ in workers:
        jobs.put_nowait(None)
    await asyncio.gather(*workers)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running server (default: start one)")
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--rate", type=int, default=200, help="API requests a second")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--new", type=float, default=0.2, help="share of never-seen views")
    args = parser.parse_args()
    with nullcontext(args.url) if args.url else streamlit_server() as url:
        for route in REPEATED:  # the repeated views built once, as a running site has them
            urllib.request.urlopen(f"{url}/api/v1/{route[1]}?{urlencode(route[2])}").read()
        pids = streamlit_pids(url, replicas=bool(args.url))
        spent = cpu_seconds(pids)
        readers = {}

        def read() -> None:
            readers["all"] = asyncio.run(wave(url, args.sessions, seed=7, changes=8))

        with ProcessPoolExecutor(1) as other:
            crowd = threading.Thread(target=read)
            crowd.start()
            time.sleep(3)  # the readers' first loads under way
            found = other.submit(api_load, url, args.rate, args.seconds, args.new).result()
            crowd.join()
        busy = (cpu_seconds(pids) - spent) / args.seconds
        changes = [c for r in readers["all"] for c in r.changes]
        errors = [e for r in readers["all"] for e in r.errors]
        print(f"{args.sessions} readers, date changes p50/p95/p99 s: {figures(changes)}; "
              f"errors {len(errors)}")  # fmt: skip
        print(f"API at {args.rate}/s for {args.seconds:.0f} s, {args.new:.0%} never-seen views; "
              f"server CPU about {busy:.0%} of one core:")  # fmt: skip
        print("kind        | requests | p50 / p95 / p99 s      | errors")
        everything = [r for results in found.values() for r in results]
        for kind, results in [*sorted(found.items()), ("all", everything)]:
            took = [t for t, _ in results]
            failed = sum(1 for _, e in results if e)
            print(f"{kind:11} | {len(results):8d} | {figures(took)} | {failed}")


if __name__ == "__main__":
    main()
