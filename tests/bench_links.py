"""What a hostile link costs; run on demand: ``python tests/bench_links.py [--url URL]``.

Opens sessions through Streamlit's own protocol (as ``bench_load`` does) and prints:
- the server's CPU time per first load of a normal link and of one carrying 997 junk
  parameter names (medians of ``--opens`` sessions each, one at a time);
- another reader's date changes (p50/p95 of ``--changes``, back to back) alone, and
  while ``--attackers`` clients open the junk link in a loop.

CPU time, unlike wall time, is not inflated by a busy machine. ``--url`` measures a
running server (another version of the app, or ``deploy/serve``'s nginx, whose rate
limit then answers the loop with 429s).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import time
from contextlib import nullcontext
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_load import (  # noqa: E402
    LINK,
    TIMEOUT_S,
    Session,
    cpu_seconds,
    quantile,
    streamlit_pids,
)
from browser import streamlit_server  # noqa: E402

# 997 junk names: with the link's own two, just under Streamlit's 1,000-parameter limit,
# above which it drops the whole query string unread.
JUNK = LINK + "".join(f"&x{i}=1" for i in range(997))


async def open_once(url: str, link: str, source: str | None = None) -> None:
    """One session's first load of ``link`` (from the local address ``source``)."""
    import websockets

    host = url.split("//", 1)[1]
    options = {"local_addr": (source, 0)} if source else {}
    async with websockets.connect(
        f"ws://{host}/_stcore/stream", subprotocols=["streamlit"], max_size=None,
        origin=f"http://{host}", open_timeout=TIMEOUT_S, **options,
    ) as ws:  # fmt: skip
        await asyncio.wait_for(Session(ws, link).run(), TIMEOUT_S)


def cpu_per_open(url: str, link: str, opens: int, pids: list[int]) -> float:
    """Median server CPU milliseconds of one session's first load of ``link``."""
    spent = []
    for _ in range(opens):
        before = cpu_seconds(pids)
        asyncio.run(open_once(url, link))
        time.sleep(0.2)  # let the closed session's last messages go out
        spent.append((cpu_seconds(pids) - before) * 1000)
    return statistics.median(spent)


async def changes_while(
    url: str, changes: int, attackers: int, source: str
) -> tuple[list[float], int]:
    """One reader's date changes while ``attackers`` loop the junk link from the address
    ``source`` (another client, for a per-client rate limit); (times, loops)."""
    import websockets

    stop, loops = asyncio.Event(), [0]

    async def attacker():
        while not stop.is_set():
            try:
                await open_once(url, JUNK, source)
            except Exception:  # a refused or cut connection (the rate limit): try again
                await asyncio.sleep(0.05)
            loops[0] += 1

    host = url.split("//", 1)[1]
    tasks = [asyncio.create_task(attacker()) for _ in range(attackers)]
    times = []
    try:
        async with websockets.connect(
            f"ws://{host}/_stcore/stream", subprotocols=["streamlit"], max_size=None,
            origin=f"http://{host}", open_timeout=TIMEOUT_S,
        ) as ws:  # fmt: skip
            session = Session(ws, LINK)
            await asyncio.wait_for(session.run(), TIMEOUT_S)
            rng, day = random.Random(1), date(2010, 6, 1)
            for _ in range(changes):
                day -= timedelta(days=rng.randint(200, 900))
                t0 = time.perf_counter()
                await asyncio.wait_for(session.run(session.date_state(day)), TIMEOUT_S)
                times.append(time.perf_counter() - t0)
    finally:
        stop.set()
        await asyncio.gather(*tasks, return_exceptions=True)
    return times, loops[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="measure this running server instead of starting one")
    parser.add_argument(
        "--replicas", action="store_true", help="count every app process (behind deploy/serve)"
    )
    parser.add_argument("--opens", type=int, default=15)
    parser.add_argument("--changes", type=int, default=40)
    parser.add_argument("--attackers", type=int, default=4)
    parser.add_argument("--source", default="127.0.0.2", help="the attackers' own address")
    args = parser.parse_args()
    with nullcontext(args.url) if args.url else streamlit_server() as url:
        pids = streamlit_pids(url, replicas=args.replicas)
        asyncio.run(open_once(url, LINK))  # warm caches
        normal = cpu_per_open(url, LINK, args.opens, pids)
        junk = cpu_per_open(url, JUNK, args.opens, pids)
        print(f"server CPU per first load: normal {normal:.0f} ms, 997 junk names {junk:.0f} ms")
        for attackers in (0, args.attackers):
            times, loops = asyncio.run(changes_while(url, args.changes, attackers, args.source))
            p50, p95 = quantile(times, 0.5) * 1000, quantile(times, 0.95) * 1000
            print(
                f"date changes with {attackers} clients looping the junk link: "
                f"p50 {p50:.0f} ms, p95 {p95:.0f} ms ({loops} junk opens)"
            )


if __name__ == "__main__":
    main()
