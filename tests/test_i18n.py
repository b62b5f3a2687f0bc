"""The Russian catalogue is complete and current, and Russian reads like Russian."""

import ast
import re
import subprocess
import sys
from datetime import date

import pytest
from babel.messages.pofile import read_po

from geo import i18n, names
from geo.labels import Labels
from geo.paths import LOCALE_DIR, ROOT

PO = LOCALE_DIR / "ru" / "LC_MESSAGES" / "messages.po"
POT = LOCALE_DIR / "messages.pot"
PLACEHOLDER = re.compile(r"\{(\w*)\}")
KEYWORDS = {"_": 1, "gettext": 1, "N_": 1, "ngettext": 2}


def catalogue(path):
    with path.open("rb") as handle:
        return read_po(handle, locale="ru" if path == PO else None)


def ids(cat) -> set:
    return {m.id if isinstance(m.id, str) else tuple(m.id) for m in cat if m.id}


def test_every_message_has_a_russian_translation():
    missing, fuzzy = [], []
    for m in catalogue(PO):
        if not m.id:
            continue
        forms = m.string if isinstance(m.string, tuple) else (m.string,)
        if not all(f.strip() for f in forms) or (isinstance(m.id, tuple) and len(forms) != 3):
            missing.append(m.id)
        if m.fuzzy:
            fuzzy.append(m.id)
    assert missing == [] and fuzzy == []


def test_translations_keep_their_placeholders():
    for m in catalogue(PO):
        if not m.id:
            continue
        wanted = set(PLACEHOLDER.findall(m.id if isinstance(m.id, str) else m.id[1]))
        for form in m.string if isinstance(m.string, tuple) else (m.string,):
            assert set(PLACEHOLDER.findall(form)) == wanted, m.id


def test_the_catalogue_is_current(tmp_path):
    """pybabel extract finds exactly the messages of the committed template and catalogue."""
    fresh = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-o", str(fresh)],
                   cwd=ROOT, check=True, capture_output=True)  # fmt: skip
    assert ids(catalogue(fresh)) == ids(catalogue(POT)) == ids(catalogue(PO))


def literal_messages() -> set:
    """Every literal passed to _, gettext, ngettext or N_ in the code, f-strings included
    (pybabel cannot see calls inside f-strings on this Python, so they must not exist)."""
    found = set()
    for path in [ROOT / "dashboard.py", *ROOT.glob("app/**/*.py"), *ROOT.glob("geo/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            count = KEYWORDS.get(name)
            args = node.args[:count] if count else []
            if count and all(
                isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args
            ):
                found.add(args[0].value if count == 1 else tuple(a.value for a in args))
    return found


def test_every_message_in_the_code_is_in_the_catalogue():
    assert literal_messages() - ids(catalogue(POT)) == set()


@pytest.fixture(scope="module")
def ru(ds):
    return Labels("ru", names.build(ds))


@pytest.mark.parametrize(
    "n, expected",
    [(1, "1 организация"), (3, "3 организации"), (5, "5 организаций"), (11, "11 организаций"),
     (21, "21 организация"), (22, "22 организации")],
)  # fmt: skip
def test_russian_plural_forms(ru, n, expected):
    assert ru.ngettext("{n} organisation", "{n} organisations", n) == expected


def test_dates_as_russians_write_them(ru, ds):
    assert ru.day(date(2012, 7, 1)).replace("\u202f", " ") == "1 июля 2012 г."
    assert Labels("en", names.build(ds)).day(date(2012, 7, 1)) == "1 July 2012"


def test_names_in_russian_come_from_data_and_choices(ru):
    assert ru.country("KGZ") == "Кыргызстан"  # the CIS's form, kept in name_forms.csv
    assert ru.country("BLR") == "Беларусь" and ru.org("CSTO") == "ОДКБ"
    assert ru.org("CSTO", full=True) == "Организация Договора о коллективной безопасности"
    assert ru.city("Almaty") == "Алматы" and ru.territory("CRIMEA") == "Крым"


def test_the_language_is_chosen_per_reader():
    assert i18n.pick_language("ru", "en-US") == "ru"
    assert i18n.pick_language(None, "ru-RU") == "ru"
    assert i18n.pick_language(None, "de-DE") == "en"
    assert i18n.pick_language("xx", "ru") == "ru"  # a bad ?lang= falls back to the browser's


def test_a_translation_object_per_language_is_shared_and_not_installed():
    import builtins

    assert i18n.translation("ru") is i18n.translation("ru")
    assert i18n.translation("ru").gettext("Member") == "Член"
    assert not hasattr(builtins, "_")
