"""Markdown tables: data cannot inject markup or links, sources become links."""

import pandas as pd

from geo import tables


def test_values_are_inert():
    frame = pd.DataFrame([{"name": "<b>x</b> [a](http://evil) | ![i](http://e/i.png)", "source_url": ""}])
    text = tables.markdown_links(frame)
    row = text.splitlines()[2]
    assert "<b>" not in row and "](" not in row and "![" not in row
    assert row.count(" | ") == 1  # a pipe in data cannot add a column


def test_sources_become_domain_links():
    frame = pd.DataFrame([{"iso3": "RUS", "source_url": "https://www.tass.com/politics/1 (x)"}])
    row = tables.markdown_links(frame).splitlines()[2]
    assert "[tass\\.com](https://www.tass.com/politics/1%20%28x%29)" in row


def test_only_http_links():
    frame = pd.DataFrame([{"iso3": "RUS", "source_url": "javascript:alert(1)"}])
    assert "javascript" not in tables.markdown_links(frame)
