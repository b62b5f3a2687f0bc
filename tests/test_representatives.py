"""Who came, in Russian: people by their sourced names, offices and phrases by the catalogue."""

import re

import pytest

from geo import names, representatives
from geo.labels import Labels
from geo.load import load_dataset
from geo.validate import DataError

from test_validate import append, rewrite

LATIN = re.compile(r"[A-Za-z]")


def test_parts_split_people_but_not_an_office_holding_a_semicolon():
    text = "Redzhep Saparov (Deputy Chairman of the Government); Rashid Meredov (Foreign Minister)"
    assert representatives.parts(text) == [
        ("Redzhep Saparov", "Deputy Chairman of the Government"),
        ("Rashid Meredov", "Foreign Minister"),
    ]
    assert representatives.parts("G. Berdimuhamedov (Chairman; former President)") == [
        ("G. Berdimuhamedov", "Chairman; former President")
    ]
    assert representatives.parts("Not named") == [("Not named", "")]
    assert representatives.parts("") == []


def test_every_representative_reads_in_russian(ds):
    """No Latin letter is left in a Russian cell, except in the name of a person whom no
    page read prints in Russian (people.csv says so in a note)."""
    labels = Labels("ru", names.build(ds))
    unsourced = set(ds.people.loc[ds.people["name_ru"] == "", "name"])
    assert all(ds.people.loc[ds.people["name_ru"] == "", "note"])
    left = set()
    for text in ds.attendance["representative"].unique():
        shown = labels.representative(text)
        for name in unsourced:
            shown = shown.replace(name, "")
        if LATIN.search(shown):
            left.add((text, shown))
    assert not left


def test_english_keeps_the_curators_words(ds):
    labels = Labels("en", names.build(ds))
    text = "Vladimir Putin (President)"
    assert labels.representative(text) == text
    ru = Labels("ru", names.build(ds)).representative(text)
    assert ru == "Владимир Путин (президент)"
    assert Labels("ru", names.build(ds)).representative("Prime Minister") == "Премьер-министр"


def test_a_person_in_no_representative_cell_is_named(data_copy):
    line = append(data_copy / "people.csv", ["Nobody Atall", "Никто", "https://example.org", ""])
    with pytest.raises(DataError, match=rf"people.csv.*line {line}.*'Nobody Atall' is in no"):
        load_dataset(data_copy)


def test_a_russian_form_needs_its_source_and_a_missing_one_its_reason(data_copy):
    def edit(rows):
        for row in rows:
            if row[0] == "Vladimir Putin":
                row[2] = ""
            if row[0] == "Yuri Lazebnik":
                row[1:] = ["", "", ""]
        return rows

    rewrite(data_copy / "people.csv", edit)
    with pytest.raises(DataError) as caught:
        load_dataset(data_copy)
    text = str(caught.value)
    assert "must be given exactly when name_ru is ('Владимир Путин')" in text
    assert "say why name_ru is empty" in text
