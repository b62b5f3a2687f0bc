"""Bad URL parameters fall back to defaults with a notice that carries no markup."""

from datetime import date

import pytest

from geo import urlstate

ORGS = ["CIS", "CSTO", "EAEU"]
TODAY = date(2026, 11, 23)


class Data:
    """The little of a dataset that the membership view's parsing reads."""

    def org_ids(self):
        return ORGS


def parse(**params):
    parsed = urlstate.parse_view({"view": "membership", **params}, Data(), TODAY)
    assert parsed.values.pop("view") == "membership"
    return parsed


def test_valid_link():
    p = parse(org="CSTO", date="2012-07-01")
    assert p.values == {"org": "CSTO", "date": date(2012, 7, 1)} and p.notices == []


def test_defaults_without_parameters():
    p = parse()
    assert p.values == {"org": "CIS", "date": TODAY} and p.notices == []


@pytest.mark.parametrize(
    "params, name, why",
    [
        ({"org": "<script>alert(1)</script>"}, "org", "not a known choice"),
        ({"org": ""}, "org", "empty value"),
        ({"org": "cis"}, "org", "not a known choice"),
        ({"date": "2099-13-45"}, "date", "not a date"),
        ({"date": "2099-12-31"}, "date", "outside 1991-12-08"),
        ({"date": "1990-05-01"}, "date", "outside 1991-12-08"),
        ({"date": ""}, "date", "not a date"),
        ({"date": "2010-6-1"}, "date", "not a date"),
    ],
)
def test_bad_value_falls_back_with_notice(params, name, why):
    p = parse(**params)
    assert p.values == {"org": "CIS", "date": TODAY}
    (notice,) = p.notices
    assert notice.startswith(f"Ignored {name}=") and why in notice


def test_notice_is_inert():
    (notice,) = parse(org="<script>alert(1)</script>![x](http://evil.example/x.png)").notices
    assert "<script>" not in notice and "](" not in notice and "![" not in notice
    assert "\\<script\\>" in notice  # shown literally, as escaped text


def test_long_values_are_cut():
    (notice,) = parse(org="A" * 500).notices
    assert len(notice) < 200


def test_list_values_take_the_first():
    assert parse(org=["CSTO", "CIS"]).values["org"] == "CSTO"
