"""Every word the atlas shows, in one place: codes to labels, in the reader's language.

Maps, legends, tooltips, charts, tables and pickers all read ``Labels``; none spells a
status, a presence or a column header itself. The words are in ``geo.vocabulary`` (English
message ids) and the catalogue; names of organisations, states, cities and people are data
(see ``geo.names``). Downloads keep the data's own column names and codes.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlparse

import pandas as pd

from geo import i18n, representatives
from geo.names import Names
from geo.vocabulary import (
    CHANGE,
    CODED,
    COLUMNS,
    DATE_COLUMNS,
    NAME,
    PRESENCE,
    STATUS,
    VIEWS,
)


@dataclass(frozen=True)
class Labels:
    """The vocabulary in one language: messages, codes and the data's names.

    Shared between sessions (one per language and dataset) and never modified.
    """

    lang: str
    names: Names

    @property
    def catalogue(self):
        return i18n.translation(self.lang)

    def gettext(self, message: str) -> str:
        return self.catalogue.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int, **values) -> str:
        """The plural form for ``n`` (Russian has three), with ``{n}`` and ``values`` filled in."""
        return self.catalogue.ngettext(singular, plural, n).format(n=n, **values)

    def status(self, code: str) -> str:
        return self.gettext(STATUS[code])

    def presence(self, code: str) -> str:
        return self.gettext(PRESENCE[code])

    def column(self, name: str) -> str:
        return self.gettext(COLUMNS[name]) if name in COLUMNS else name

    def view(self, key: str) -> str:
        return self.gettext(VIEWS[key])

    def code(self, column: str, value) -> str:
        """A coded cell (status, presence, kind, ...) as words."""
        words = CODED[column].get(value)
        return self.gettext(words) if words else str(value)

    def change(self, code: str, before: str, after: str) -> str:
        """'became observer', 'left', 'member → suspended / frozen'."""
        return self.gettext(CHANGE[code]).format(
            before=self.status(before).lower(), after=self.status(after).lower()
        )

    def memberships(self, pairs) -> str:
        """'CIS, CSTO (observer)' from (organisation, status) pairs; '(none)' when empty."""
        words = [
            self.org(org)
            if status == "member"
            else f"{self.org(org)} ({self.status(status).lower()})"
            for org, status in pairs
        ]
        return ", ".join(words) or self.gettext("(none)")

    def day(self, value: date | None) -> str:
        """A date in prose: '1 July 2012', '1 июля 2012 г.'."""
        return i18n.prose_date(value, self.lang) if value else ""

    def org(self, org_id: str, full: bool = False) -> str:
        return self.names.org(org_id, self.lang, full)

    def country(self, iso3: str) -> str:
        return self.names.country(iso3, self.lang)

    def city(self, city: str) -> str:
        return self.names.city(city, self.lang) if city else self.gettext("by video link")

    def representative(self, text: str) -> str:
        """Who came, in this language: people by their sourced names, offices and phrases
        by the catalogue (see ``geo.representatives``)."""
        if self.lang == "en" or not text:
            return text
        return representatives.render(
            text, lambda who: self.names.person(who, self.lang), self.gettext
        )

    def territory(self, territory_id: str) -> str:
        return self.names.territory(territory_id, self.lang)

    def number(self, value: int) -> str:
        """A whole number as the language writes it: 524,288 in English, 524 288 in Russian."""
        return i18n.number(value, self.lang)

    def table_day(self, value: date | None) -> str:
        """A date in a table cell: ISO in English, 01.07.2012 in Russian."""
        return i18n.table_date(value, self.lang) if value else ""

    def shown(self, frame: pd.DataFrame, iso_dates: bool = False) -> pd.DataFrame:
        """A table as the reader sees it: labelled headers, words for codes and names.

        Dates are written as the reader's language writes them in a table, or ISO for a
        grid that sorts by them (``iso_dates``); an open interval's end reads "ongoing",
        never None. Downloads use the frame itself, not this.
        """
        out = frame.copy()
        if "iso3" in out.columns and "name" not in out.columns:  # a code alone says little
            out.insert(list(out.columns).index("iso3") + 1, "name", "")
            frame = out
        for col in out.columns:
            out[col] = self.cells(frame, col, iso_dates)
        headers = {c: self.column(c) for c in out.columns}
        if "iso3" not in frame.columns and "name" in headers:  # a person's or a territory's
            headers["name"] = self.gettext(NAME)
        return out.rename(columns=headers)

    def cells(self, frame: pd.DataFrame, col: str, iso_dates: bool = False) -> list:
        values = frame[col]
        if col == "change":
            return [self.change(*v) for v in zip(values, frame["before"], frame["after"])]
        if col in CODED:
            return [self.code(col, v) if v else "" for v in values]
        if col in ("org", "successor"):
            return [self.org(v) if v else "" for v in values]
        if col in ("host_iso3", "de_jure_iso3", "controlled_by"):
            return [self.country(v) if v else "" for v in values]
        if col == "territory":
            return [self.territory(v) for v in values]
        if col == "representative":
            return [self.representative(v) for v in values]
        if col == "city" and "lat" not in frame.columns:  # a summit's place (empty: online)
            return [self.city(v) for v in values]
        if col == "name" and "iso3" in frame.columns:
            return [self.country(c) for c in frame["iso3"]]
        if col == "memberships":
            return [self.memberships(v) for v in values]
        if col == "states":
            return [", ".join(self.country(c) for c in v) for v in values]
        day = (lambda v: v.isoformat() if v else "") if iso_dates else self.table_day
        if col == "end":
            ongoing = self.gettext("ongoing")
            return [day(v) if v else ongoing for v in values]
        if col in DATE_COLUMNS:
            return [day(v) for v in values]
        if values.dtype == object:
            return ["" if v is None else v for v in values]
        return list(values)


def source_domain(url: str | None) -> str:
    """Show a source as its host name in tooltips (tooltips cannot be clicked)."""
    if not url:
        return ""
    host = urlparse(url).netloc
    return host[4:] if host.startswith("www.") else host


def source_line(labels: Labels, url: str | None) -> str:
    """'Source: kremlin.ru' as a tooltip's last, small line (one definition for all maps)."""
    domain = source_domain(url)
    if not domain:
        return ""
    text = labels.gettext("Source: {domain}").format(domain=domain)
    return f"<small>{html.escape(text)}</small>"
