"""Names of organisations, states, cities and territories in each language.

English names and the Russian names of organisations, cities and territories are facts
kept in the data package, each with its source. Russian names of states come from
Babel's copy of the Unicode CLDR (a kept library), except where the project writes a
state as the CIS itself does on its Russian site: those choices are data in
``geo/locale/name_forms.csv`` (one row per choice, with its source and reason), never code.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field

from babel import Locale

from geo.paths import NAME_FORMS


def read_forms(path=NAME_FORMS) -> dict[tuple[str, str], str]:
    """(lang, iso3) -> the chosen form, from the committed table of choices."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {(r["lang"], r["iso3"]): r["name"] for r in csv.DictReader(handle)}


def cldr_names(iso2: dict[str, str], lang: str) -> dict[str, str]:
    """iso3 -> CLDR's short name in ``lang`` for each state with an alpha-2 code."""
    territories = Locale.parse(lang).territories
    return {iso3: territories[code] for iso3, code in iso2.items() if code in territories}


@dataclass(frozen=True)
class Names:
    """Lookups by code and language, built once per dataset (immutable once built)."""

    orgs: dict[str, dict[str, str]] = field(default_factory=dict)  # lang -> id -> short
    orgs_full: dict[str, dict[str, str]] = field(default_factory=dict)
    countries: dict[str, dict[str, str]] = field(default_factory=dict)  # lang -> iso3 -> name
    cities: dict[str, dict[str, str]] = field(default_factory=dict)  # lang -> city -> name
    territories: dict[str, dict[str, str]] = field(default_factory=dict)
    # lang -> a person's name as the data spells it -> that language's form ("": none sourced)
    people: dict[str, dict[str, str]] = field(default_factory=dict)

    def org(self, org_id: str, lang: str, full: bool = False) -> str:
        table = self.orgs_full if full else self.orgs
        return table.get(lang, {}).get(org_id) or table["en"].get(org_id, org_id)

    def country(self, iso3: str, lang: str) -> str:
        return self.countries.get(lang, {}).get(iso3) or self.countries["en"].get(iso3, iso3)

    def city(self, city: str, lang: str) -> str:
        return self.cities.get(lang, {}).get(city) or city

    def person(self, name: str, lang: str) -> str | None:
        """A person's name in ``lang`` ("" when no form is sourced); None for a text that
        is not a listed person (an office or a phrase)."""
        if name not in self.people.get("en", {}):
            return None
        return name if lang == "en" else self.people.get(lang, {}).get(name, "")

    def territory(self, territory_id: str, lang: str) -> str:
        found = self.territories.get(lang, {}).get(territory_id)
        return found or self.territories.get("en", {}).get(territory_id, territory_id)


def build(ds, forms: dict[tuple[str, str], str] | None = None) -> Names:
    """All names the interface shows, from a loaded dataset."""
    forms = read_forms() if forms is None else forms
    orgs, countries = ds.organisations, ds.countries
    iso2 = dict(zip(countries["iso3"], countries["iso2"]))
    ru_states = cldr_names(iso2, "ru")
    ru_states.update({iso3: name for (lang, iso3), name in forms.items() if lang == "ru"})
    places = ds.cities.drop_duplicates("city")
    terr = ds.territory_names
    return Names(
        orgs={
            "en": dict(zip(orgs["id"], orgs["name"])),
            "ru": dict(zip(orgs["id"], orgs["name_ru"])),
        },
        orgs_full={
            "en": dict(zip(orgs["id"], orgs["full_name"])),
            "ru": dict(zip(orgs["id"], orgs["full_name_ru"])),
        },
        countries={"en": dict(zip(countries["iso3"], countries["name"])), "ru": ru_states},
        cities={"en": {}, "ru": dict(zip(places["city"], places["name_ru"]))},
        territories={
            "en": dict(zip(terr["territory"], terr["name"])),
            "ru": dict(zip(terr["territory"], terr["name_ru"])),
        },
        people={
            "en": dict(zip(ds.people["name"], ds.people["name"])),
            "ru": dict(zip(ds.people["name"], ds.people["name_ru"])),
        },
    )
