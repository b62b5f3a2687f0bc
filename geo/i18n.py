"""Message catalogues: one gettext translation object per language, built once per process.

The Russian catalogue is the committed ``geo/locale/ru/LC_MESSAGES/messages.po``
(managed with ``pybabel extract/update``, configured in ``pyproject.toml``). It is compiled
in memory when first asked for, so a plain clone runs with no build step and nothing is
written to disk. Callers get a translation object and pass it on; nothing here installs
``_`` into builtins, because every session of the app shares one process.
"""

from __future__ import annotations

import gettext
import io
from datetime import date
from functools import lru_cache

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from geo.paths import LOCALE_DIR

LANGUAGES = {"en": "English", "ru": "Русский"}
DEFAULT = "en"
DOMAIN = "messages"
# Babel locales for prose dates: "1 July 2012" and "1 июля 2012 г.".
DATE_LOCALES = {"en": "en_GB", "ru": "ru"}


def catalogue_path(lang: str):
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=len(LANGUAGES))
def translation(lang: str) -> gettext.NullTranslations:
    """The translation object for ``lang``; English is the source language (identity).

    Parameters
    ----------
    lang : str
        A key of ``LANGUAGES``.

    Returns
    -------
    gettext.NullTranslations
        Shared and never modified: use only its ``gettext`` and ``ngettext``.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    if lang == DEFAULT:
        return gettext.NullTranslations()
    with catalogue_path(lang).open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


@lru_cache(maxsize=8192)  # Babel takes about 50 µs a date; a page writes dozens
def prose_date(day: date, lang: str) -> str:
    """A date as readers of ``lang`` write it in a sentence (ISO stays for tables and URLs)."""
    return format_date(day, format="long", locale=DATE_LOCALES[lang])


@lru_cache(maxsize=8192)
def table_date(day: date, lang: str) -> str:
    """A date in a table: ISO 8601 in English (it sorts as text), the local short form
    elsewhere (Russian readers write 01.07.2012)."""
    return day.isoformat() if lang == "en" else format_date(day, format="dd.MM.yyyy")


def number(value: int, lang: str) -> str:
    return format_decimal(value, locale=DATE_LOCALES[lang])


def pick_language(requested: str | None, browser_locale: str | None) -> str:
    """``?lang=`` if it names a language, else the browser's language, else English."""
    if requested in LANGUAGES:
        return requested
    primary = (browser_locale or "").replace("_", "-").split("-")[0].lower()
    return primary if primary in LANGUAGES else DEFAULT
