"""Many readers at once; run on demand: ``python tests/bench_load.py [--sessions 1,10,50,100]``.

Starts the app as the README does (``streamlit run dashboard.py``, on a free loopback port)
and opens N concurrent sessions that speak Streamlit's own WebSocket protocol, as a browser
does: connect to ``/_stcore/stream``, send ``BackMsg.rerun_script`` with the link's query
string, wait for ``script_finished``; then change the ``date`` widget five times, a few
seconds apart, each rerun carrying the new ``WidgetStates`` and the query string the server
last wrote. Per N it prints first-load and per-change p50/p95/p99, errors, and the server's
resident memory. Targets on a 2-core machine (issue #13): 50 sessions, per-change p95 <= 1 s,
first-load p95 <= 2 s, 0 errors; 100 sessions slower but never an error.

``--url http://127.0.0.1:PORT`` measures a running server instead (for example
``deploy/serve``); RSS is then the sum over that machine's streamlit processes.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import time
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))

import websockets  # noqa: E402  (a dependency of streamlit)
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from browser import streamlit_server  # noqa: E402

CHANGES = 5
GAP_S = 3.0  # between one reader's clicks, +-40 % jitter so readers do not click in step
TIMEOUT_S = 120.0  # one run that takes longer than this counts as an error
LINK = "org=CIS&date=2010-06-01"


@dataclass
class Reader:
    """What one simulated reader saw."""

    first_load: float | None = None
    changes: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class Session:
    """One browser tab, reduced to the protocol: rerun requests out, forward messages in."""

    def __init__(self, ws, link: str = LINK):
        self.ws = ws
        self.query = link
        self.page_hash = ""
        self.date_widget: str | None = None

    async def run(self, widgets=None) -> None:
        """Request a rerun and wait until the script finishes; raise on any failure."""
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_script_hash = self.page_hash
        if widgets:
            state.widget_states.widgets.extend(widgets)
        await self.ws.send(msg.SerializeToString())
        while True:
            fwd = ForwardMsg()
            fwd.ParseFromString(await self.ws.recv())
            self.read(fwd)
            if fwd.WhichOneof("type") == "script_finished":
                if fwd.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue
                if fwd.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                    raise RuntimeError(f"script finished with {fwd.script_finished}")
                return

    def read(self, fwd: ForwardMsg) -> None:
        kind = fwd.WhichOneof("type")
        if kind == "new_session":
            self.page_hash = fwd.new_session.page_script_hash
        elif kind == "page_info_changed":
            self.query = fwd.page_info_changed.query_string
        elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
            element = fwd.delta.new_element
            which = element.WhichOneof("type")
            if which == "exception":
                raise RuntimeError(f"exception on the page: {element.exception.message[:80]}")
            if which == "date_input" and element.date_input.id.endswith("-date"):
                self.date_widget = element.date_input.id

    def date_state(self, day: date):
        msg = BackMsg()
        widget = msg.rerun_script.widget_states.widgets.add()
        widget.id = self.date_widget
        widget.string_array_value.data.append(day.isoformat())
        return list(msg.rerun_script.widget_states.widgets)


async def reader(url: str, rng: random.Random, start_gate: asyncio.Event, changes: int = CHANGES,
                 link: str = LINK) -> Reader:  # fmt: skip
    seen = Reader()
    host = urlparse(url).netloc
    await start_gate.wait()
    try:
        t0 = time.perf_counter()
        async with websockets.connect(
            f"ws://{host}/_stcore/stream",
            subprotocols=["streamlit"],
            max_size=None,
            open_timeout=TIMEOUT_S,
            origin=f"http://{host}",
        ) as ws:
            session = Session(ws, link)
            await asyncio.wait_for(session.run(), TIMEOUT_S)
            seen.first_load = time.perf_counter() - t0
            if changes and session.date_widget is None:
                raise RuntimeError("no date widget on the page")
            day = date(2010, 6, 1)
            for _ in range(changes):
                await asyncio.sleep(GAP_S * rng.uniform(0.6, 1.4))
                day = day - timedelta(days=rng.randint(200, 900))
                t1 = time.perf_counter()
                await asyncio.wait_for(session.run(session.date_state(day)), TIMEOUT_S)
                seen.changes.append(time.perf_counter() - t1)
    except Exception as exc:  # every failure is counted, whatever its kind
        seen.errors.append(f"{type(exc).__name__}: {exc}"[:120])
    return seen


def rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        total += next(int(ln.split()[1]) for ln in status.splitlines() if ln.startswith("VmRSS"))
    return total / 1024


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time the processes have used (unlike wall time, it does not grow
    when other programs load the machine)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / os.sysconf("SC_CLK_TCK")


def streamlit_pids(url: str, replicas: bool = False) -> list[int]:
    """The server process on ``url``'s port, or with ``replicas`` every app process of this
    machine (the replicas behind ``deploy/serve``, whose ports nginx hides)."""
    port = str(urlparse(url).port).encode()
    pids = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                cmd = (proc / "cmdline").read_bytes()
            except OSError:
                continue
            mine = b"dashboard.py" in cmd if replicas else port in cmd
            if b"streamlit" in cmd and b"run" in cmd and mine:
                pids.append(int(proc.name))
    return pids


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def figures(values: list[float]) -> str:
    if not values:
        return "      -"
    return " / ".join(f"{quantile(values, q):5.2f}" for q in (0.5, 0.95, 0.99))


async def wave(url: str, n: int, seed: int, changes: int = CHANGES, link: str = LINK):
    """``n`` readers arriving at once; each loads ``link`` and makes ``changes`` changes."""
    gate = asyncio.Event()
    tasks = [
        asyncio.create_task(reader(url, random.Random(seed + i), gate, changes, link))
        for i in range(n)
    ]
    gate.set()  # every reader arrives at once: the worst case for first loads
    return await asyncio.gather(*tasks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", default="1,10,50,100", help="comma-separated N")
    parser.add_argument("--url", help="measure this running server instead of starting one")
    args = parser.parse_args()
    counts = [int(n) for n in args.sessions.split(",")]
    server = nullcontext(args.url) if args.url else streamlit_server()
    with server as url:
        pids = streamlit_pids(url, replicas=bool(args.url))
        print(
            f"server {url}, {os.cpu_count()} cores; each reader: 1 load + {CHANGES} date "
            f"changes ~{GAP_S:.0f} s apart"
        )
        print("sessions | first load p50/p95/p99 s | date change p50/p95/p99 s | errors | RSS MB")
        for n in counts:
            readers = asyncio.run(wave(url, n, seed=n))
            loads = [r.first_load for r in readers if r.first_load is not None]
            changes = [c for r in readers for c in r.changes]
            errors = [e for r in readers for e in r.errors]
            print(
                f"{n:8d} | {figures(loads)} | {figures(changes)} | {len(errors):6d} | "
                f"{rss_mb(pids):6.0f}"
            )
            for message in sorted(set(errors))[:5]:
                print(f"         error: {message}")
            time.sleep(2)  # let closed sessions go before the next wave


if __name__ == "__main__":
    main()
