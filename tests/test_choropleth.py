"""What the map renders: local assets only, the right fills, a full legend, escaped text."""

import json
import re
from datetime import date

import pandas as pd
import pytest

from geo import assets, choropleth, membership, palette

URL_IN_HTML = re.compile(r"""(?:src|href)=["']([^"']+)["']""")


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    out = assets.publish(tmp_path_factory.mktemp("static"))
    assets.use_local_assets(out)
    return out


def render(spec) -> str:
    m = choropleth.base_map()
    m.add_child(choropleth.style_layer(spec))
    return m.get_root().render()


def spec_of(html: str) -> dict:
    raw = re.search(r"var spec = (\{.*?\});\n", html).group(1)
    return json.loads(raw)


def cis_spec(ds, day, url="geo.json"):
    table = membership.statuses_on(ds.memberships, ds.countries, "CIS", date.fromisoformat(day))
    return choropleth.membership_spec(table, "CIS", day, url)


def test_publish_copies_leaflet_and_geometry(tmp_path):
    out = assets.publish(tmp_path)
    assert (tmp_path / out.leaflet_js.removeprefix(assets.FROM_COMPONENT)).stat().st_size > 100_000
    assert (tmp_path / out.geometry.removeprefix(assets.FROM_COMPONENT)).exists()
    assert out.leaflet_js.startswith("../../app/static/")


def test_no_third_party_asset(published, ds):
    html = render(cis_spec(ds, "2010-06-01", published.geometry))
    urls = URL_IN_HTML.findall(html)
    assert urls, "expected the local Leaflet links"
    assert all(not u.startswith(("http:", "https:", "//")) for u in urls), urls
    assert "cdn" not in html.lower()


def test_fills_follow_statuses(published, ds):
    spec = spec_of(render(cis_spec(ds, "2010-06-01")))
    assert spec["fills"]["RUS"] == palette.STATUS_COLOURS["member"]
    assert spec["fills"]["UKR"] == palette.STATUS_COLOURS["participant"]
    assert spec["fills"]["TKM"] == palette.STATUS_COLOURS["associate"]
    assert spec["fills"]["GEO"] == palette.STATUS_COLOURS["none"]
    assert spec["fills"]["EST"] == palette.STATUS_COLOURS["none"]


def test_legend_names_every_status_shown_and_the_context(published, ds):
    spec = spec_of(render(cis_spec(ds, "2009-01-01")))
    for label in (
        "Member",
        "Withdrawing (notice given)",
        "Associate member",
        "No status",
        palette.CONTEXT_LABEL,
    ):
        assert label in spec["legend"]
    assert "Candidate" not in spec["legend"]


def test_tooltip_escapes_data():
    evil = pd.DataFrame(
        [
            {
                "iso3": "ARM",
                "name": "<img src=x onerror=alert(1)>",
                "status": "member",
                "since": date(2000, 1, 1),
                "source_url": 'https://a.org/"><script>',
                "note": "",
            }
        ]
    )
    html = render(choropleth.membership_spec(evil, "<b>CIS</b>", "2000-01-01", "g.json"))
    assert "<img src=x" not in html
    spec = spec_of(html)
    assert "&lt;img src=x onerror=alert(1)&gt;" in spec["tips"]["ARM"]
    assert "<img" not in spec["tips"]["ARM"]
    assert "&lt;b&gt;CIS&lt;/b&gt;" in spec["tips"]["ARM"]
    body = html.split("var spec = ", 1)[1].split(";\n", 1)[0]
    assert "<" not in body and ">" not in body  # nothing can close the script element


def test_base_map_is_identical_between_dates(published):
    """The component remounts when the base map's script changes; it must not."""
    from streamlit_folium import _get_map_string, generate_js_hash

    a, b = choropleth.base_map(), choropleth.base_map()
    a.get_root().render()
    b.get_root().render()
    assert generate_js_hash(_get_map_string(a)) == generate_js_hash(_get_map_string(b))


def test_context_countries_have_their_own_tone():
    assert palette.CONTEXT_FILL not in palette.STATUS_COLOURS.values()
    assert palette.STATUS_COLOURS["none"] != palette.CONTEXT_FILL


def test_tiles_only_when_asked_for(published):
    offline = choropleth.base_map().get_root().render()
    online = choropleth.base_map(osm=True).get_root().render()
    assert "tile.openstreetmap.org" not in offline and "L.tileLayer" not in offline
    assert "tile.openstreetmap.org" in online
