"""Read a page's state from URL parameters, falling back to defaults with a notice.

Nothing from the URL is trusted: each value is checked against the known choices, every
parameter is capped in length, lists are deduplicated and capped at the known choices
(so no link can make the server work hard), and a repeated key counts by its first
value. A rejected value is kept as plain data in a ``Notice`` and worded in the reader's
language only when shown, as inline code, so it can never render as a link or markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from geo import membership, query, territories
from geo.labels import Labels
from geo.validate import parse_date
from geo.vocabulary import N_

MIN_DATE = membership.FIRST_DAY
MAX_LENGTH = 200  # characters: longer than any valid value of any parameter
MAX_SHOWN = 40  # characters of a rejected value echoed in a notice

VIEWS = ("membership", "summit", "attendance", "overlap", "country", "changes", "data")
# Which of the carried values (organisation, date) each page reads from its link; the
# menu's links are cached by these alone, so a new date leaves most of them unchanged.
READS_CARRIED = {
    "membership": ("org", "date"),
    "summit": ("org",),
    "attendance": ("org",),
    "overlap": ("date",),
    "country": (),
    "changes": (),
    "data": ("org", "date"),
}
SCOPES = ("members", "any")
DEFAULT_OVERLAP = ("CIS", "CSTO", "EAEU")
DATA_TABLES = query.DATA_TABLES
WHY = {
    "empty": N_("empty value"),
    "unknown": N_("not a known choice"),
    "not_date": N_("not a date in the form YYYY-MM-DD"),
    "range": N_("outside {first} to {last}"),
    "year": N_("a year alone means its first day"),
    "month": N_("a month alone means its first day"),
    "year_end": N_("a year alone means its last day"),
    "month_end": N_("a month alone means its last day"),
    "nearest": N_("no summit of that organisation on that day"),
    "page": N_("there is no such page"),
    "reversed": N_("from is after to"),
    "too_long": N_("longer than any valid value"),
    "items": N_("contains unknown, repeated or no choices"),
    "too_many": N_(
        "This link carries more than {fields} parameters or {size} characters, so all of "
        "them were ignored; showing the default view."
    ),
}
# Every parameter some page reads; anything else in a link is ignored before any work.
NAMES = frozenset(
    ("org", "date", "borders", "table", "q", "summit", "from", "to", "orgs", "scope", "iso3")
    + ("lang", "embed", "view", "missing")
)
# Understood, not ignored: the notice says how the value was read.
READ_AS = ("year", "month", "year_end", "month_end")
YEAR = re.compile(r"\d{4}")
MONTH = re.compile(r"(\d{4})-(\d{2})")
SUMMIT_ID = re.compile(r"([A-Za-z_]+)-(\d{4}-\d{2}-\d{2})")
# Characters that could change how the text around them reads: C0 and C1 controls, and
# the bidirectional marks, embeddings, overrides and isolates.
CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069`]")


@dataclass(frozen=True)
class Notice:
    """One ignored parameter: its name, the raw value, why, and what is shown instead."""

    name: str
    raw: str
    why: str
    fallback: str
    detail: tuple = ()

    def text(self, labels: Labels) -> str:
        """'Ignored org=`FOO`: not a known choice; showing `CIS`.' in the reader's language."""
        detail = {k: labels.number(v) if isinstance(v, int) else v for k, v in self.detail}
        why = labels.gettext(WHY[self.why]).format(**detail)
        if not self.name:  # the whole link, not one parameter
            return why
        if self.why in READ_AS:
            return labels.gettext("Read {name}={value} as {fallback}: {why}.").format(
                name=self.name, value=code(self.raw), why=why, fallback=code(self.fallback)
            )
        if self.why == "page":
            return labels.gettext("There is no page {value}; showing {fallback}.").format(
                value=code("/" + self.raw), fallback=code("/" + self.fallback)
            )
        return labels.gettext("Ignored {name}={value}: {why}; showing {fallback}.").format(
            name=self.name, value=code(self.raw), why=why, fallback=code(self.fallback)
        )


def code(value: str) -> str:
    """Inline code for Streamlit's markdown: never a link, never markup, one line, short."""
    text = value if len(value) <= MAX_SHOWN else value[:MAX_SHOWN] + "…"
    text = CONTROLS.sub("?", text)
    return f"`{text}`" if text.strip() else "` `"


@dataclass
class Parsed:
    """Accepted values and a notice for every value that was ignored."""

    values: dict = field(default_factory=dict)
    notices: list[Notice] = field(default_factory=list)

    def reject(self, name: str, raw: str, why: str, fallback: str, **detail) -> None:
        self.notices.append(Notice(name, raw, why, fallback, tuple(detail.items())))


def first(params, name: str) -> str | None:
    """The first value of a parameter (a repeated key counts by its first value)."""
    value = params.get(name)
    if isinstance(value, list | tuple):
        value = value[0] if value else ""
    return value


def raw_value(parsed: Parsed, params, name: str, default: str) -> str | None:
    """The parameter's first value, or None when absent or too long (with a notice)."""
    raw = first(params, name)
    if raw is not None and len(raw) > MAX_LENGTH:
        parsed.reject(name, raw, "too_long", default)
        return None
    return raw


def matching(raw: str, options: list[str]) -> str | None:
    """The option ``raw`` names, whatever its case (codes are typed as csto or Csto too)."""
    if raw in options:
        return raw
    folded = raw.casefold()
    return next((o for o in options if o.casefold() == folded), None)


def choice(parsed: Parsed, params, name: str, options: list[str], default: str) -> str:
    """A value that must be one of ``options`` (in any case)."""
    raw = raw_value(parsed, params, name, default)
    if raw is None:
        return default
    found = matching(raw, options)
    if found is not None:
        return found
    parsed.reject(name, raw, "empty" if raw == "" else "unknown", default)
    return default


def day(parsed: Parsed, params, name: str, default: date, latest: date, end: bool = False) -> date:
    """An ISO date between MIN_DATE and ``latest``; a bare year or month means its first
    day (its last at the ``end`` of a span), and a day outside the range the nearest day
    inside it (each with a notice)."""
    raw = raw_value(parsed, params, name, default.isoformat())
    if raw is None:
        return default
    value, read_as = loose_date(raw, end)
    if value is None:
        parsed.reject(name, raw, "not_date", default.isoformat())
        return default
    kept = min(max(value, MIN_DATE), latest)
    if kept != value and not (read_as and same_period(kept, value, read_as)):
        first, last = MIN_DATE.isoformat(), latest.isoformat()
        parsed.reject(name, raw, "range", kept.isoformat(), first=first, last=last)
    elif read_as:
        parsed.reject(name, raw, read_as, kept.isoformat())
    return kept


def same_period(one: date, other: date, read_as: str) -> bool:
    """Whether two days fall in the year (or month) a bare value named: 2026 read as
    2026-12-31 and kept as today is still 2026, said without a range notice."""
    if read_as.startswith("month"):
        return (one.year, one.month) == (other.year, other.month)
    return one.year == other.year


def loose_date(raw: str, end: bool = False) -> tuple[date | None, str | None]:
    """A day from YYYY-MM-DD, or from YYYY or YYYY-MM (their first day, or their last at
    the end of a span), and how it was read."""
    try:
        if YEAR.fullmatch(raw):
            year = int(raw)
            return (date(year, 12, 31), "year_end") if end else (date(year, 1, 1), "year")
        if month := MONTH.fullmatch(raw):
            first = date(int(month[1]), int(month[2]), 1)
            if not end:
                return first, "month"
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return following - timedelta(days=1), "month_end"
        return parse_date(raw), None
    except ValueError:
        return None, None


def several(parsed: Parsed, params, name: str, options: list[str], default: list[str]) -> list:
    """A comma-separated subset of ``options``, each once, in the given order.

    Unknown or repeated items are dropped with a notice; the work is bounded by the
    capped length of the parameter, never by what a link repeats.
    """
    raw = raw_value(parsed, params, name, ",".join(default))
    if raw is None:
        return list(default)
    items = raw.split(",")
    found = (matching(x, options) for x in items)
    kept = list(dict.fromkeys(x for x in found if x is not None))
    if len(kept) != len(items) or not kept:
        fallback = kept or list(default)
        parsed.reject(name, raw, "items", ",".join(fallback))
        return fallback
    return kept


def span(parsed: Parsed, params, default_from: date, today: date) -> tuple[date, date]:
    """``from`` and ``to`` dates; a reversed pair falls back to the defaults."""
    start = day(parsed, params, "from", default_from, today)
    end = day(parsed, params, "to", today, today, end=True)
    if start > end:
        parsed.reject(
            "from",
            start.isoformat(),
            "reversed",
            f"{default_from.isoformat()} … {today.isoformat()}",
        )
        return default_from, today
    return start, end


def parse_view(view: str, params, ds, today: date) -> Parsed:
    """The state of one page from its parameters (other pages' parameters are ignored)."""
    parsed = Parsed()
    orgs = ds.org_ids()
    v = parsed.values
    org_default, day_default = orgs[0], today
    missing = raw_value(parsed, params, "missing", "")
    if missing:  # a mistyped page address, sent here by the server (app.server)
        parsed.reject("missing", missing, "page", "" if view == "membership" else view)
    if view == "membership" and first(params, "view") is not None:  # an old link's bad view
        choice(parsed, params, "view", ["membership"], "membership")
    if view in ("membership", "data"):
        v["org"] = choice(parsed, params, "org", orgs, org_default)
        v["date"] = day(parsed, params, "date", day_default, today)
    if view in ("membership", "summit"):
        v["borders"] = choice(parsed, params, "borders", list(territories.VIEWS), "de_jure")
    if view == "data":
        v["table"] = choice(parsed, params, "table", list(DATA_TABLES), DATA_TABLES[0])
        v["q"] = (raw_value(parsed, params, "q", "") or "")[:100]
    if view == "summit":
        summit_view(parsed, params, ds, today, org_default)
    if view == "attendance":
        v["org"] = choice(parsed, params, "org", summit_orgs(ds), first_summit_org(ds, org_default))
        v["from"], v["to"] = span(parsed, params, MIN_DATE, today)
    if view == "overlap":
        v["date"] = day(parsed, params, "date", day_default, today)
        v["orgs"] = several(parsed, params, "orgs", orgs, list(DEFAULT_OVERLAP))
        v["scope"] = choice(parsed, params, "scope", list(SCOPES), SCOPES[0])
    if view == "country":
        v["iso3"] = choice(parsed, params, "iso3", ds.countries["iso3"].tolist(), "ARM")
    if view == "changes":
        ten_years_ago = date(today.year - 10, today.month, min(today.day, 28))
        v["from"], v["to"] = span(parsed, params, ten_years_ago, today)
        v["orgs"] = several(parsed, params, "orgs", orgs, orgs)
        v["iso3"] = choice(parsed, params, "iso3", ["", *ds.countries["iso3"]], "")
    return parsed


def summit_orgs(ds) -> list[str]:
    """Organisations that hold summits in the data (EU and NATO do not, here)."""
    return [o for o in ds.org_ids() if o in ds.summit_days]


def first_summit_org(ds, preferred: str) -> str:
    options = summit_orgs(ds)
    return preferred if preferred in options else options[0]


def summit_view(parsed: Parsed, params, ds, today: date, org_default: str) -> None:
    """Organisation, optional date filter, and a summit of that organisation.

    A link naming only the summit (``?summit=CIS-2022-12-26``) implies its organisation.
    """
    orgs = summit_orgs(ds)
    asked = SUMMIT_ID.fullmatch((first(params, "summit") or "")[:MAX_LENGTH])
    implied = asked and matching(asked[1], orgs) if first(params, "org") is None else None
    org = implied or choice(parsed, params, "org", orgs, first_summit_org(ds, org_default))
    start, end = span(parsed, params, MIN_DATE, today)
    days = [(day, i) for day, i in reversed(ds.summit_days.get(org, ())) if start <= day <= end]
    listed = [i for _, i in days]
    nearest = asked and not matching(asked[0], listed) and near(days, asked[2])
    if nearest:
        parsed.reject("summit", asked[0], "nearest", nearest)
        summit = nearest
    else:
        summit = choice(parsed, params, "summit", listed, listed[0]) if listed else None
    parsed.values.update({"org": org, "from": start, "to": end, "summit": summit})


def near(days: list[tuple[date, str]], raw: str) -> str | None:
    """The summit whose first day is nearest to ``raw`` (the earlier one on a tie)."""
    try:
        wanted = parse_date(raw)
    except ValueError:
        return None
    if not days:
        return None
    return min(days, key=lambda d: (abs((d[0] - wanted).days), d[0]))[1]


def with_options(values: dict, lang: str) -> dict:
    """A page's values plus the language; options at their default stay out of the URL."""
    shown = {k: v for k, v in values.items() if (k, v) != ("borders", "de_jure")}
    return {**shown, "lang": None if lang == "en" else lang}


def to_params(values: dict) -> dict[str, str]:
    """The URL form of a page's values: ISO dates, comma-joined lists; empty ones left out."""
    out = {}
    for key, value in values.items():
        if value is None or value == "":
            continue
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, list | tuple):
            value = ",".join(value)
        out[key] = str(value)
    return out
