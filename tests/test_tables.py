"""Markdown tables and text: data cannot inject markup or links; sources become links."""

import re

import pandas as pd
import pytest

from geo import tables

UNESCAPED = re.compile(r"(?<!\\)(<[a-z/]|\]\(|!\[|\$|\*\*|`)")


def test_values_are_inert():
    frame = pd.DataFrame(
        [{"name": "<b>x</b> [a](http://evil) | ![i](http://e/i.png) $x$", "source_url": ""}]
    )
    row = tables.markdown_links(frame).splitlines()[2]
    assert not UNESCAPED.search(row), row
    assert row.count(" | ") == 1  # a pipe in data cannot add a column


@pytest.mark.parametrize("text", ["# heading", "- item", "1. item", "> quote", "**bold** `code`"])
def test_line_start_and_emphasis_are_escaped(text):
    out = tables.inert(text)
    assert out.startswith("\\") or "\\*" in out


def test_urls_in_notes_stay_readable():
    assert (
        tables.inert("see https://tass.ru/politika/1 (2022)")
        == "see https://tass.ru/politika/1 (2022)"
    )


def test_sources_become_domain_links():
    frame = pd.DataFrame([{"iso3": "RUS", "source_url": "https://www.tass.com/politics/1 (x)"}])
    row = tables.markdown_links(frame).splitlines()[2]
    assert "[tass.com](https://www.tass.com/politics/1%20%28x%29)" in row


def test_only_http_links():
    frame = pd.DataFrame([{"iso3": "RUS", "source_url": "javascript:alert(1)"}])
    assert "javascript" not in tables.markdown_links(frame)


def test_profile_links_only_for_codes():
    frame = pd.DataFrame([{"iso3": "ARM"}, {"iso3": "](x)"}])
    lines = tables.markdown_links(frame, profile_links=True).splitlines()
    assert "[ARM](?view=country&iso3=ARM)" in lines[2]
    assert "?view" not in lines[3]


def test_country_from_tooltip():
    names = {"ARM": "Armenia", "GEO": "Georgia"}
    assert tables.country_from_tooltip("GeorgiaMember of CIS since 1993", names) == "GEO"
    assert tables.country_from_tooltip("Georgia\nMember of CIS since 1993", names) == "GEO"
    assert tables.country_from_tooltip("Poland", names) is None
    assert tables.country_from_tooltip("", names) is None


def test_filter_rows_is_plain_text():
    frame = pd.DataFrame({"a": ["Moscow", "Minsk", "a.b"]})
    assert tables.filter_rows(frame, "mos")["a"].tolist() == ["Moscow"]
    assert tables.filter_rows(frame, ".")["a"].tolist() == ["a.b"]
    assert len(tables.filter_rows(frame, "  ")) == 3
