"""Coverage of the dataset, printed as Markdown for docs/data.md (``python -m geo report``)."""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlparse

import pandas as pd

from geo import sources
from geo.descriptor import TABLES
from geo.paths import ROOT

CORE = ("CIS", "CSTO", "EAEU")
TOP_DOMAINS = 15


def markdown(frame: pd.DataFrame) -> str:
    """A small Markdown table (no extra dependency)."""
    cols = [str(c) for c in frame.columns]
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    lines += [
        "| " + " | ".join(str(v) for v in row) + " |" for row in frame.itertuples(index=False)
    ]
    return "\n".join(lines)


def summits_by_decade(ds) -> pd.DataFrame:
    decades = ds.summits["start"].map(lambda d: f"{d.year // 10 * 10}s")
    table = pd.crosstab(ds.summits["org"], decades)
    table["total"] = table.sum(axis=1)
    return table.reset_index().rename(columns={"org": "organisation"})


def presence_counts(ds) -> pd.DataFrame:
    """Rows of states that held a seat, by presence; guests are counted apart."""
    seats = ds.attendance[ds.attendance["capacity"] == "status"]
    orgs = seats["summit_id"].str.rsplit("-", n=3).str[0]
    table = pd.crosstab(orgs, seats["presence"])
    table["total"] = table.sum(axis=1)
    table["unknown share"] = (table.get("unknown", 0) / table["total"]).map("{:.0%}".format)
    return table.reset_index().rename(
        columns={"summit_id": "organisation", "row_0": "organisation"}
    )


def source_domains(ds) -> pd.DataFrame:
    urls = pd.concat(
        [ds.memberships["source_url"], ds.summits["source_url"], ds.attendance["source_url"]]
    )
    hosts = Counter(urlparse(u).netloc.removeprefix("www.") for u in urls if u)
    top = hosts.most_common(TOP_DOMAINS)
    rest = sum(hosts.values()) - sum(n for _, n in top)
    rows = top + ([(f"{len(hosts) - len(top)} other domains", rest)] if rest else [])
    return pd.DataFrame(rows, columns=["source domain", "rows"])


def guests_by_org(ds) -> pd.DataFrame:
    guests = ds.attendance[ds.attendance["capacity"] == "guest"]
    orgs = guests["summit_id"].str.rsplit("-", n=3).str[0]
    table = pd.crosstab(orgs, guests["presence"]).rename_axis(None, axis=1)
    table["total"] = table.sum(axis=1)
    return table.reset_index().rename(columns={"summit_id": "organisation"})


def newest_sessions(ds) -> pd.DataFrame:
    """The newest session of each organisation in the data (how current the data are)."""
    newest = ds.summits.sort_values("start").groupby("org", sort=False).last()
    rows = [(org, row["start"].isoformat(), row["id"]) for org, row in newest.iterrows()]
    return pd.DataFrame(sorted(rows), columns=["organisation", "newest session", "id"])


def kinds_table(ds) -> pd.DataFrame:
    """Cited sources per kind of page (see geo/sources.py for the policy)."""
    counts = sources.kinds_count(ds)
    total = sum(counts.values())
    rows = [(k, counts.get(k, 0), f"{counts.get(k, 0) / total:.1%}") for k in sources.KINDS]
    return pd.DataFrame(rows, columns=["kind of source", "rows", "share"])


def core_unknown_share(ds) -> float:
    seats = ds.attendance[ds.attendance["capacity"] == "status"]
    orgs = seats["summit_id"].str.rsplit("-", n=3).str[0]
    core = seats[orgs.isin(CORE)]
    return float((core["presence"] == "unknown").mean()) if len(core) else 0.0


def render(ds) -> str:
    counts = ", ".join(f"{len(getattr(ds, t))} {t}" for t in TABLES)
    parts = [
        f"Rows: {counts}.",
        "",
        "Summits per organisation and decade:",
        "",
        markdown(summits_by_decade(ds)),
        "",
        "The newest session of each organisation in the data:",
        "",
        markdown(newest_sessions(ds)),
        "",
        "Attendance rows of states that held a seat, by presence:",
        "",
        markdown(presence_counts(ds)),
        "",
        "Guest rows (states with no status that came), by presence:",
        "",
        markdown(guests_by_org(ds)),
        "",
        f"Unknown share of CIS, CSTO and EAEU attendance rows: {core_unknown_share(ds):.1%}.",
        "",
        "Sources cited, by kind of page:",
        "",
        markdown(kinds_table(ds)),
        "",
        "Rows (memberships, summits, attendance) per source domain:",
        "",
        markdown(source_domains(ds)),
    ]
    return "\n".join(parts)


START, END = "<!-- report:start -->", "<!-- report:end -->"
PAGE = ROOT / "docs" / "data.md"  # the page whose coverage section this report is


def with_report(page: str, text: str) -> str:
    """The page's text with the report placed between its markers."""
    head, rest = page.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{text}\n{END}{tail}"
