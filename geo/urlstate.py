"""Read the view from URL parameters, falling back to defaults with a notice.

Nothing from the URL is trusted: each value is checked against the known choices,
and a rejected value is quoted in the notice only after ``inert`` has made it plain
text (markdown punctuation escaped, length capped), so a link cannot inject markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

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


def parse_membership(params, orgs: list[str], today: date) -> Parsed:
    """``?org=CSTO&date=2012-07-01`` -> values org and date, plus notices."""
    parsed = Parsed()
    parsed.values["org"] = choice(parsed, params, "org", orgs, orgs[0])
    parsed.values["date"] = day(parsed, params, "date", today, today)
    return parsed
