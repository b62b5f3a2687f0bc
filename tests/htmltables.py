"""Read the atlas's HTML reading tables back into frames, for tests."""

from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pandas as pd


class Reader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables, self.row, self.text, self.href, self.cell = [], None, "", None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.tables.append({"head": [], "rows": []})
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.cell, self.text, self.href = True, "", None
        elif tag == "a":
            self.href = attrs.get("href")

    def handle_data(self, data):
        if self.cell:
            self.text += data

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.row.append((self.text, self.href))
            self.cell = False
        elif tag == "tr":
            table = self.tables[-1]
            if not table["head"]:
                table["head"] = [text for text, _ in self.row]
            else:
                table["rows"].append(self.row)


def frame(table: dict) -> pd.DataFrame:
    """Cells as text; a linked cell's address in '<column> link'; a profile link's state in
    'Code' (the table shows the name, its link carries the code)."""
    records = []
    for row in table["rows"]:
        record = {}
        for head, (text, href) in zip(table["head"], row):
            record[head] = text
            if href:
                record[f"{head} link"] = href
                iso3 = parse_qs(urlsplit(href).query).get("iso3")
                if urlsplit(href).path == "country" and iso3:
                    record["Code"] = iso3[0]
        records.append(record)
    return pd.DataFrame(records, columns=None if records else table["head"])


def read(markup: str) -> list[pd.DataFrame]:
    reader = Reader()
    reader.feed(markup)
    return [frame(t) for t in reader.tables]


def tables(at) -> list[pd.DataFrame]:
    """Every HTML table on an AppTest page, in order."""
    return [t for m in at.markdown if "atlas-table" in m.value for t in read(m.value)]
