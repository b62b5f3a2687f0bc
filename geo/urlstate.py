"""Read the view from URL parameters, falling back to defaults with a notice.

Nothing from the URL is trusted: each value is checked against the known choices,
and a rejected value is quoted in the notice only after ``inert`` has made it plain
text (markdown punctuation escaped, length capped), so a link cannot inject markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from geo import attendance
from geo.validate import parse_date

MIN_DATE = date(1991, 12, 8)  # the Belavezha Accords: the first day of the post-Soviet blocs
MAX_SHOWN = 40


@dataclass
class Parsed:
    """Accepted values and a notice for every value that was ignored."""

    values: dict = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)

    def reject(self, name: str, raw: str, why: str, fallback: str) -> None:
        self.notices.append(f"Ignored {name}={inert(raw)}: {why}; showing {inert(fallback)}.")


def inert(value: str) -> str:
    """Plain text safe for Streamlit markdown: punctuation escaped, at most 40 characters."""
    text = value if len(value) <= MAX_SHOWN else value[:MAX_SHOWN] + "…"
    text = re.sub(r"[\x00-\x1f\x7f]", "?", text)
    return "“" + re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", text) + "”"


def first(params, name: str) -> str | None:
    """The first value of a parameter (Streamlit gives the last; lists are allowed)."""
    value = params.get(name)
    if isinstance(value, list):
        value = value[0] if value else ""
    return value


def choice(parsed: Parsed, params, name: str, options: list[str], default: str) -> str:
    """A value that must be one of ``options``."""
    raw = first(params, name)
    if raw is None:
        return default
    if raw in options:
        return raw
    why = "empty value" if raw == "" else "not a known choice"
    parsed.reject(name, raw, why, default)
    return default


def day(parsed: Parsed, params, name: str, default: date, latest: date) -> date:
    """An ISO date between MIN_DATE and ``latest``."""
    raw = first(params, name)
    if raw is None:
        return default
    try:
        value = parse_date(raw)
    except ValueError:
        parsed.reject(name, raw, "not a date in the form YYYY-MM-DD", default.isoformat())
        return default
    if not MIN_DATE <= value <= latest:
        span = f"outside {MIN_DATE.isoformat()} to {latest.isoformat()}"
        parsed.reject(name, raw, span, default.isoformat())
        return default
    return value


VIEWS = ("membership", "summit", "attendance", "overlap", "country", "changes", "data")
SCOPES = ("members", "any")
DEFAULT_OVERLAP = ("CIS", "CSTO", "EAEU")
DATA_TABLES = ("memberships", "summits", "attendance", "organisations", "countries", "cities")


def several(parsed: Parsed, params, name: str, options: list[str], default: list[str]) -> list:
    """A comma-separated subset of ``options``; unknown items are dropped with a notice."""
    raw = first(params, name)
    if raw is None:
        return list(default)
    items = [x for x in raw.split(",") if x]
    kept = [x for x in items if x in options]
    if len(kept) != len(items) or not kept:
        fallback = kept or list(default)
        parsed.reject(name, raw, "contains unknown or no choices", ",".join(fallback))
        return fallback
    return kept


def span(parsed: Parsed, params, default_from: date, today: date) -> tuple[date, date]:
    """``from`` and ``to`` dates; a reversed pair falls back to the defaults."""
    start = day(parsed, params, "from", default_from, today)
    end = day(parsed, params, "to", today, today)
    if start > end:
        parsed.notices.append(
            f"Ignored from={start.isoformat()} and to={end.isoformat()}: from is after to; "
            f"showing {default_from.isoformat()} to {today.isoformat()}."
        )
        return default_from, today
    return start, end


def parse_view(params, ds, today: date) -> Parsed:
    """The whole page state: ``view`` and the parameters that view reads."""
    parsed = Parsed()
    view = choice(parsed, params, "view", list(VIEWS), VIEWS[0])
    orgs = ds.org_ids()
    v = parsed.values
    v["view"] = view
    if view in ("membership", "data"):
        v["org"] = choice(parsed, params, "org", orgs, orgs[0])
        v["date"] = day(parsed, params, "date", today, today)
    if view == "data":
        v["table"] = choice(parsed, params, "table", list(DATA_TABLES), DATA_TABLES[0])
    if view == "summit":
        summit_view(parsed, params, ds, today)
    if view == "attendance":
        v["org"] = choice(parsed, params, "org", orgs, orgs[0])
        v["from"], v["to"] = span(parsed, params, MIN_DATE, today)
    if view == "overlap":
        v["date"] = day(parsed, params, "date", today, today)
        v["orgs"] = several(parsed, params, "orgs", orgs, list(DEFAULT_OVERLAP))
        v["scope"] = choice(parsed, params, "scope", list(SCOPES), SCOPES[0])
    if view == "country":
        v["iso3"] = choice(parsed, params, "iso3", ds.countries["iso3"].tolist(), "ARM")
    if view == "changes":
        ten_years_ago = date(today.year - 10, today.month, min(today.day, 28))
        v["from"], v["to"] = span(parsed, params, ten_years_ago, today)
        v["orgs"] = several(parsed, params, "orgs", orgs, orgs)
    return parsed


def summit_view(parsed: Parsed, params, ds, today: date) -> None:
    """Organisation, optional date filter, and a summit of that organisation.

    A link naming only the summit (``?view=summit&summit=CIS-2022-12-26``) implies its org.
    """
    orgs = ds.org_ids()
    org_of = dict(zip(ds.summits["id"], ds.summits["org"]))
    implied = org_of.get(first(params, "summit")) if first(params, "org") is None else None
    org = implied or choice(parsed, params, "org", orgs, orgs[0])
    start, end = span(parsed, params, MIN_DATE, today)
    listed = attendance.newest_first(ds.summits, org, start, end)["id"].tolist()
    summit = choice(parsed, params, "summit", listed, listed[0]) if listed else None
    parsed.values.update({"org": org, "from": start, "to": end, "summit": summit})


def to_params(values: dict) -> dict[str, str]:
    """The URL form of a view's values: ISO dates, comma-joined lists."""
    out = {}
    for key, value in values.items():
        if value is None:
            continue
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, list | tuple):
            value = ",".join(value)
        out[key] = str(value)
    return out
