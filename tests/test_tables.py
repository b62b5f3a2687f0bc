"""Markdown tables and text: data cannot inject markup or links; sources become links."""

import re

import pandas as pd
import pytest

from geo import tables

UNESCAPED = re.compile(r"(?<!\\)(<[a-z/]|\]\(|!\[|\$|\*\*|`)")


@pytest.fixture(scope="module")
def labels(ds):
    from geo import names
    from geo.labels import Labels

    return Labels("en", names.build(ds))


def snapshot(name="Armenia", url="https://www.tass.com/politics/1 (x)"):
    return pd.DataFrame(
        [{"iso3": "ARM", "name": name, "status": "member", "since": None, "source_url": url}]
    )


def test_values_are_inert():
    row = tables.inert("<b>x</b> [a](http://evil) | ![i](http://e/i.png) $x$")
    assert not UNESCAPED.search(row), row
    assert "\\|" in row  # a pipe in data cannot add a column


@pytest.mark.parametrize("text", ["# heading", "- item", "1. item", "> quote", "**bold** `code`"])
def test_line_start_and_emphasis_are_escaped(text):
    out = tables.inert(text)
    assert out.startswith("\\") or "\\*" in out


def test_urls_in_notes_stay_readable():
    assert (
        tables.inert("see https://tass.ru/politika/1 (2022)")
        == "see https://tass.ru/politika/1 (2022)"
    )


def test_sources_become_domain_links(labels):
    row = tables.markdown_table(snapshot(), labels).splitlines()[2]
    assert "[tass.com](https://www.tass.com/politics/1%20%28x%29)" in row


def test_only_http_links(labels):
    assert "javascript" not in tables.markdown_table(snapshot(url="javascript:alert(1)"), labels)


def test_states_link_to_their_profile_page(labels):
    lines = tables.markdown_table(snapshot(), labels).splitlines()
    assert lines[0] == "| State | Status | Since | Source |"
    assert lines[2].startswith("| [Armenia](country?iso3=ARM) | Member |  |")


def test_filter_is_plain_text():
    frame = pd.DataFrame({"a": ["Moscow", "Minsk", "a.b"]})
    assert frame[tables.matches(frame, frame, "mos")]["a"].tolist() == ["Moscow"]
    assert frame[tables.matches(frame, frame, ".")]["a"].tolist() == ["a.b"]
    assert tables.matches(frame, frame, "  ").all()


def test_filter_matches_names_as_well_as_codes(ds, labels):
    """'Georgia' finds every Georgian row, although the table stores GEO."""
    shown = labels.shown(ds.memberships)
    hits = ds.memberships[tables.matches(ds.memberships, shown, "Georgia")]
    georgian = ds.memberships[ds.memberships["iso3"] == "GEO"]
    assert set(georgian.index) <= set(hits.index)
    stored_only = ds.memberships[tables.matches(ds.memberships, ds.memberships, "Georgia")]
    assert not set(georgian.index) <= set(stored_only.index)  # the codes alone would miss some
