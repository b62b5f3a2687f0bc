"""What kind of page each source is, by its domain: the project's source policy.

The policy itself is data, ``geo/sources.csv`` (pattern, kind, note per site):

- primary: treaty and decision texts (legal databases, the organisations' own sites),
  official transcripts and releases (presidents, governments, ministries), document
  collections;
- press: wire services, newspapers, broadcasters and their archives;
- monitor: think-tank and research monitors (Jamestown, CACI, Carnegie, OSW, ...);
- encyclopedia: encyclopedias and their mirrors, a last resort: such a row's note must
  say why (``LAST_RESORT`` in it);
- repost: copies of another outlet's items (forums, copy sites, mirrors), kept only
  where the original could not be found, and fewer than 2% of rows;
- other: everything not listed (smaller outlets, gazetteer records).
Sites of kind ``never`` are not used at all: aggregators that republish others' items.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

POLICY = Path(__file__).with_name("sources.csv")
LAST_RESORT = "Last resort:"
KINDS = ("primary", "press", "monitor", "encyclopedia", "repost", "other")


@lru_cache(maxsize=1)
def rows() -> tuple[dict, ...]:
    """The policy file's rows (pattern, kind, party, note), in order (earlier lines win)."""
    lines = POLICY.read_text(encoding="utf-8").splitlines()
    return tuple(csv.DictReader(line for line in lines if not line.startswith("#")))


def policy() -> tuple[tuple[str, str, str], ...]:
    """(pattern, kind, note) per listed site."""
    return tuple((r["pattern"], r["kind"], r["note"]) for r in rows())


def party(url: str) -> bool:
    """A site of a party to a conflict over a territory (kept only beside a neutral one)."""
    host = domain(url)
    return any(r["party"] == "yes" and r["pattern"] in host for r in rows())


def listed(kind_: str) -> tuple[str, ...]:
    return tuple(pattern for pattern, k, _ in policy() if k == kind_)


NEVER = listed("never")


def domain(url: str) -> str:
    host = urlparse(url).netloc.lower()
    return re.sub(r"^(www\d?|m|amp)\.", "", host).rstrip(".")


def matches(host: str, patterns) -> bool:
    return any(p in host for p in patterns)


def kind(url: str) -> str:
    """The kind of page a source URL points at (see the module docstring)."""
    host = domain(url)
    for pattern, kind_, _ in policy():
        if kind_ != "never" and pattern in host:
            return kind_
    return "other"


def never_used(url: str) -> bool:
    host = domain(url)
    return any(host == d or host.endswith("." + d) for d in NEVER)


SOURCED = {  # table -> its source columns
    "organisations": ("source_url", "names_source_url"),
    "memberships": ("source_url",),
    "summits": ("source_url",),
    "attendance": ("source_url",),
    "cities": ("source_url", "name_ru_source_url"),
    "territories": ("source_url",),
}


def cited(ds):
    """(table, row index, column, url) for every source the data cites."""
    for table, columns in SOURCED.items():
        frame = getattr(ds, table)
        for column in columns:
            for i, url in zip(frame.index, frame[column]):
                if url:
                    yield table, i, column, url


def kinds_count(ds) -> Counter:
    return Counter(kind(url) for *_, url in cited(ds))
