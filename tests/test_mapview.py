"""The map component gets exactly what st_folium would send it, base map rendered once."""

import json
import re
from datetime import date

import jinja2
import pytest
import streamlit_folium as sf

from app import mapview
from geo import assets, choropleth, membership, names
from geo.labels import Labels

FRESH_IDS = re.compile(r"_[0-9a-f]{32}")  # folium's random element ids


@pytest.fixture
def captured(monkeypatch):
    calls = []
    monkeypatch.setattr(sf, "_component_func", lambda **kw: calls.append(kw))
    monkeypatch.setattr(mapview.cache, "assets", lambda *a: None)
    return calls


def spec(ds):
    urls = assets.links("assets/geometry/0/region.geojson", "assets/geometry/0/territories.geojson")
    assets.use_local_assets(urls)
    labels = Labels("en", names.build(ds))
    table = membership.statuses_on(ds.memberships, ds.countries, "CSTO", date(2012, 7, 1))
    return choropleth.spec(
        choropleth.membership(table, labels, "CSTO", date(2012, 7, 1)), labels, urls
    )


def plain(value):
    return FRESH_IDS.sub("_ID", value) if isinstance(value, str) else value


@pytest.mark.parametrize("osm", [False, True])
def test_same_arguments_as_st_folium(ds, captured, osm):
    layer = spec(ds)
    sf.st_folium(
        choropleth.base_map(osm),
        feature_group_to_add=choropleth.style_layer(layer),
        height=540,
        use_container_width=True,
        returned_objects=list(mapview.RETURNED),
        key=mapview.KEY,
    )
    mapview.base_parts.clear()
    mapview.show(layer, 540, osm)
    theirs, ours = captured
    assert set(theirs) == set(ours)
    for name in theirs:
        if name == "header":  # the same markup, its white space made tight
            assert ours[name] == mapview.tight(theirs[name])
        elif name != "on_change":
            assert plain(ours[name]) == plain(theirs[name]), name


def test_the_base_map_is_rendered_once(ds, captured, monkeypatch):
    mapview.base_parts.clear()
    renders = []
    real = choropleth.base_map
    monkeypatch.setattr(choropleth, "base_map", lambda osm=False: renders.append(osm) or real(osm))
    for _ in range(3):
        mapview.show(spec(ds), 540)
    # one base map rendered for the cache, plus one bare scratch map per style layer
    assert len(renders) == 1 + 3
    assert len({c["key"] for c in captured}) == 1 and len({c["script"] for c in captured}) == 1


TAG_LIKE = "{{ 7 * 7 }} {% if true %}yes{% endif %} {# note #}"


def layer_spec(script: str) -> dict:
    return json.loads(re.search(r"var spec = (\{.*?\});\n", script).group(1))


def test_a_new_style_layer_compiles_no_template(ds, monkeypatch):
    """Only the style layer changes between reruns; its script is plain text, so a rerun
    compiles nothing (and caches nothing) for it, even when the data's text looks like a
    Jinja tag, and that text reaches the browser as written."""
    assets.cache_templates()
    mapview.style_script(spec(ds))  # the scratch map's fixed templates, compiled once
    compiled = []
    real = jinja2.Environment.compile
    monkeypatch.setattr(
        jinja2.Environment, "compile", lambda env, *a, **k: compiled.append(1) or real(env, *a, **k)
    )
    for day in (date(1995, 1, 1), date(2005, 1, 1)):
        layer = spec(ds) | {"key": f"CSTO|{day}"}
        layer["tips"] = {**layer["tips"], "ARM": TAG_LIKE}
        drawn = layer_spec(mapview.style_script(layer))
        assert drawn["key"] == f"CSTO|{day}" and drawn["tips"]["ARM"] == TAG_LIKE
    assert compiled == []
