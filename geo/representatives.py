"""Who came, in the reader's language.

``attendance.representative`` is written by the curators in English: one or more parts
separated by "; ", each a person with an office in brackets ("Nikol Pashinyan (Prime
Minister)") or a phrase for someone unnamed ("Delegation head not named"). People's names
are data: ``people.csv`` gives each person's Russian form with the page it was read on.
Offices and phrases are words: ``extract`` hands them to ``pybabel extract`` so they sit
in the translation catalogue beside every other word the atlas shows.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from pathlib import Path


def parts(text: str) -> list[tuple[str, str]]:
    """The (who, office) pairs of a representative cell; office is "" when none is given.

    "; " separates people only outside brackets: an office may itself hold one
    ("Chairman of the Halk Maslahaty; former President").
    """
    pieces, depth, start = [], 0, 0
    for i, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == ";" and depth == 0:
            pieces.append(text[start:i])
            start = i + 1
    pieces.append(text[start:])
    out = []
    for piece in (p.strip() for p in pieces if p.strip()):
        if piece.endswith(")") and " (" in piece:
            who, office = piece[:-1].split(" (", 1)
            out.append((who.strip(), office.strip()))
        else:
            out.append((piece, ""))
    return out


def render(text: str, person: Callable[[str], str | None], word: Callable[[str], str]) -> str:
    """A representative cell in another language.

    ``person`` gives a person's name in that language (None when the text is not a
    person's name), ``word`` translates an office or a phrase. A person without a
    sourced form keeps the spelling of the data.
    """
    shown = []
    for who, office in parts(text):
        name = person(who)
        if name is None:  # a phrase stands first in its cell: capitalised in any language
            phrase = word(who)
            who = phrase[:1].upper() + phrase[1:]
        else:
            who = name or who
        shown.append(f"{who} ({word(office)})" if office else who)
    return "; ".join(shown)


def words(representatives, people: set[str]) -> Iterator[str]:
    """Every office and phrase to translate: the parts that are not a listed person."""
    for text in representatives:
        for who, office in parts(text or ""):
            if who not in people:
                yield who
            if office:
                yield office


def extract(fileobj, keywords, comment_tags, options) -> Iterator[tuple]:
    """A Babel extractor for ``attendance.csv``: offices and phrases, with the summit they
    first appear at as a translator's comment (``people.csv`` beside it names the people)."""
    people_file = Path(fileobj.name).with_name("people.csv")
    with open(people_file, encoding="utf-8", newline="") as handle:
        people = {row["name"] for row in csv.DictReader(handle)}
    rows = csv.DictReader(line.decode("utf-8") for line in fileobj)
    seen = set()
    for lineno, row in enumerate(rows, start=2):
        for message in words([row["representative"]], people):
            if message not in seen:
                seen.add(message)
                yield lineno, None, message, [f"representative at {row['summit_id']}"]
