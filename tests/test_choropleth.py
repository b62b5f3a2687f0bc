"""What the map renders: local assets only, fills and legends that agree, escaped text,
contested territories on exactly the days their situation holds."""

import json
import re
from datetime import date

import pandas as pd
import pytest

from geo import assets, attendance, changes, choropleth, membership, names, overlap, palette
from geo import territories as terr
from geo.labels import Labels

URL_IN_HTML = re.compile(r"""(?:src|href)=["']([^"']+)["']""")
D = date.fromisoformat


@pytest.fixture(scope="module")
def urls():
    out = assets.links("assets/geometry/0/region.geojson", "assets/geometry/0/territories.geojson")
    assets.use_local_assets(out)
    return out


@pytest.fixture(scope="module")
def labels(ds):
    return Labels("en", names.build(ds))


def render(spec) -> str:
    m = choropleth.base_map()
    m.add_child(choropleth.style_layer(spec))
    return m.get_root().render()


def spec_of(html: str) -> dict:
    raw = re.search(r"var spec = (\{.*?\});\n", html).group(1)
    return json.loads(raw)


def membership_drawn(ds, labels, org, day, de_facto=None):
    table = membership.statuses_on(ds.memberships, ds.countries, org, D(day))
    contested = None if de_facto is None else terr.on_day(ds.territories, D(day), de_facto)
    return choropleth.membership(table, labels, org, D(day), contested)


def summit_drawn(ds, labels, summit_id):
    roster = attendance.roster(ds, summit_id)
    summit = ds.summits.set_index("id").loc[summit_id].to_dict() | {"id": summit_id}
    place = ds.place(summit["city"], summit["host_iso3"]) if summit["city"] else None
    return choropleth.summit(
        roster, summit, labels, place, terr.on_day(ds.territories, summit["start"])
    )


def drawn_colours(spec: dict) -> dict[str, set]:
    """What the style layer paints: fills (states, context, solid territories), hatches, markers."""
    fills = set(spec["fills"].values()) | {palette.CONTEXT_FILL}  # the script draws neighbours
    hatches, outlines = set(), set()
    for t in spec["territories"]:
        if t["solid"]:
            outlines.add("3 2")
        if t["fill"].startswith("url(#atlas-"):
            hatches.add(t["fill"].removeprefix("url(#atlas-").removesuffix(")"))
        else:
            fills.add(t["fill"])
    markers = {m[4] for m in spec["markers"]}
    return {"fill": fills, "hatch": hatches, "marker": markers, "outline": outlines}


def legend_colours(spec: dict) -> dict[str, set]:
    found = {"fill": set(), "hatch": set(), "marker": set(), "outline": set()}
    for kind, key, _label in spec["legend"]:
        found[kind].add(key)
    return found


def legend_labels(spec: dict) -> list[str]:
    return [label for _kind, _key, label in spec["legend"]]


def test_no_third_party_asset(urls, ds, labels):
    html = render(choropleth.spec(membership_drawn(ds, labels, "CIS", "2010-06-01"), labels, urls))
    links = URL_IN_HTML.findall(html)
    assert links, "expected the local Leaflet links"
    assert all(not u.startswith(("http:", "https:", "//")) for u in links), links
    assert "cdn" not in html.lower()
    assert (
        urls.leaflet_js == "../../assets/leaflet/1.9.3/leaflet.js"
    )  # the site root, from the iframe


def test_fills_follow_statuses(urls, ds, labels):
    spec = spec_of(
        render(choropleth.spec(membership_drawn(ds, labels, "CIS", "2010-06-01"), labels, urls))
    )
    assert spec["fills"]["RUS"] == palette.STATUS_COLOURS["member"]
    assert spec["fills"]["UKR"] == palette.STATUS_COLOURS["participant"]
    assert spec["fills"]["TKM"] == palette.STATUS_COLOURS["associate"]
    assert spec["fills"]["GEO"] == spec["fills"]["EST"] == palette.STATUS_COLOURS["none"]
    assert len(spec["fills"]) == len(spec["aria"]) == 15
    assert spec["aria"]["TKM"] == "Turkmenistan: Associate member"


def every_view(ds, labels):
    found = changes.status_changes(ds, D("2008-01-01"), D("2010-01-01"), ds.org_ids())
    table = overlap.belonging(
        ds, D("2015-06-01"), ["CIS", "CSTO", "EAEU", "UNION_STATE", "SCO", "EURASEC", "EACU"], False
    )
    from geo import shapes

    return {
        "membership CIS 2009": membership_drawn(ds, labels, "CIS", "2009-01-01", False),
        "membership CSTO 2015 de facto": membership_drawn(ds, labels, "CSTO", "2015-06-01", True),
        "summit CIS-2022-12-26": summit_drawn(ds, labels, "CIS-2022-12-26"),
        "summit GUAM-2005-04-22": summit_drawn(ds, labels, "GUAM-2005-04-22"),
        "summit EAEU-2023-05-25": summit_drawn(ds, labels, "EAEU-2023-05-25"),
        "overlap": choropleth.overlap(table, labels, D("2015-06-01"), ["CIS", "CSTO", "EAEU"]),
        "changes": choropleth.changes(
            found, labels, D("2008-01-01"), D("2010-01-01"), shapes.centres()
        ),
    }


def test_every_map_legend_names_exactly_what_it_draws(urls, ds, labels):
    for name, drawn in every_view(ds, labels).items():
        spec = spec_of(render(choropleth.spec(drawn, labels, urls)))
        assert drawn_colours(spec) == legend_colours(spec), name


def test_summit_map_names_states_without_a_seat_and_the_host(urls, ds, labels):
    spec = choropleth.spec(summit_drawn(ds, labels, "CIS-2022-12-26"), labels, urls)
    assert spec["fills"]["EST"] == spec["fills"]["GEO"] == palette.NO_SEAT
    assert "No status that day, not recorded as a guest" in legend_labels(spec)
    assert "Host city" in legend_labels(spec) and len(spec["markers"]) == 1


def test_guests_have_their_own_category(urls, ds, labels):
    spec = choropleth.spec(summit_drawn(ds, labels, "EAEU-2015-05-08"), labels, urls)
    assert spec["fills"]["KGZ"] == palette.GUEST and "Guest, no status" in legend_labels(spec)
    assert "Guest, no status: leader in person" in spec["tips"]["KGZ"]


def test_legend_order_and_context_last(ds, labels):
    drawn = membership_drawn(ds, labels, "CIS", "2009-01-01")
    assert drawn.legend.labels() == [
        "Member",
        "Associate member",
        "Participant (Charter not ratified)",
        "Withdrawing (notice given)",
        "No status",
        "Outside the post-Soviet space (not classified)",
    ]


@pytest.mark.parametrize(
    "day, hatched",
    [
        ("2014-02-26", False),  # the day before the seizure
        ("2014-02-27", True),  # the first day
        ("2014-03-18", True),  # annexed from here
        ("2026-11-30", True),  # still holds
    ],
)
def test_crimea_hatched_exactly_when_its_situation_holds(urls, ds, labels, day, hatched):
    spec = choropleth.spec(membership_drawn(ds, labels, "CSTO", day, False), labels, urls)
    crimea = [t for t in spec["territories"] if t["id"] == "CRIMEA"]
    assert bool(crimea) == hatched
    if hatched:
        assert crimea[0]["fill"].startswith("url(#atlas-") and not crimea[0]["solid"]
        assert "part of Ukraine (UN view)" in crimea[0]["tip"]
        assert any(kind == "hatch" for kind, _key, _label in spec["legend"])


def test_nothing_hatched_before_any_situation_began(ds, labels, urls):
    spec = choropleth.spec(membership_drawn(ds, labels, "CIS", "1991-12-08", False), labels, urls)
    assert {t["id"] for t in spec["territories"]} == {"NAGORNO_KARABAKH"}  # proclaimed in 1991
    assert not any("Annexed" in label for label in legend_labels(spec))


def test_de_facto_view_gives_crimea_russias_colour(ds, labels, urls):
    spec = choropleth.spec(membership_drawn(ds, labels, "CSTO", "2015-06-01", True), labels, urls)
    by_id = {t["id"]: t for t in spec["territories"]}
    assert by_id["CRIMEA"]["fill"] == spec["fills"]["RUS"] == palette.STATUS_COLOURS["member"]
    assert by_id["ABKHAZIA"]["fill"] == palette.UNRECOGNISED  # a breakaway authority: no member
    assert by_id["DONETSK"]["fill"].startswith("url(")  # partly held: hatched in both views
    assert "de facto" in spec["attribution"]
    # the dashed edge that sets Crimea apart from Russia is in the legend (it was not)
    assert ["outline", "3 2", "Dashed edge: contested, in the colour of whoever holds it"] in [
        list(e) for e in spec["legend"]
    ]
    jure = choropleth.spec(membership_drawn(ds, labels, "CSTO", "2015-06-01", False), labels, urls)
    assert {t["id"]: t for t in jure["territories"]}["CRIMEA"]["fill"] == "url(#atlas-annexed)"


def test_tooltip_escapes_data(urls, ds):
    labels = Labels("en", names.build(ds))
    evil = pd.DataFrame(
        [
            {
                "iso3": "ARM",
                "name": "x",
                "status": "member",
                "since": date(2000, 1, 1),
                "source_url": 'https://a.org/"><script>',
                "note": "",
            }
        ]
    )
    object.__setattr__(labels.names, "countries", {"en": {"ARM": "<img src=x onerror=alert(1)>"}})
    html = render(
        choropleth.spec(choropleth.membership(evil, labels, "CIS", D("2000-01-01")), labels, urls)
    )
    assert "<img src=x" not in html
    spec = spec_of(html)
    assert "&lt;img src=x onerror=alert(1)&gt;" in spec["tips"]["ARM"]
    body = html.split("var spec = ", 1)[1].split(";\n", 1)[0]
    assert "<" not in body and ">" not in body  # nothing can close the script element


def test_base_map_is_identical_between_dates_and_languages(urls):
    """The component remounts when the base map's script changes; it must not."""
    from streamlit_folium import _get_map_string, generate_js_hash

    a, b = choropleth.base_map(), choropleth.base_map()
    a.get_root().render()
    b.get_root().render()
    assert generate_js_hash(_get_map_string(a)) == generate_js_hash(_get_map_string(b))


def test_context_countries_have_their_own_tone():
    assert palette.CONTEXT_FILL not in palette.STATUS_COLOURS.values()
    assert palette.STATUS_COLOURS["none"] != palette.CONTEXT_FILL


def test_tiles_only_when_asked_for(urls):
    offline = choropleth.base_map().get_root().render()
    online = choropleth.base_map(osm=True).get_root().render()
    assert "tile.openstreetmap.org" not in offline and "L.tileLayer" not in offline
    assert "tile.openstreetmap.org" in online


def test_changes_map_marks_small_states_and_zooms(ds, labels):
    from geo import shapes

    found = changes.status_changes(ds, D("2024-01-01"), D("2024-12-31"), ["CSTO"])
    drawn = choropleth.changes(found, labels, D("2024-01-01"), D("2024-12-31"), shapes.centres())
    assert [m[0:2] for m in drawn.markers] == [list(shapes.centres()["ARM"])]
    assert drawn.refit and drawn.bounds != choropleth.BOUNDS
    assert "Status changed (small state)" in drawn.legend.labels()


def test_every_situation_has_its_own_kind_of_mark():
    """Hatches differ in more than their angle: kind, density or weight (Crimea, annexed,
    and the Donbas, partly occupied, read apart at a glance)."""
    marks = [(h["kind"], h["gap"], h["width"]) for h in palette.HATCHES.values()]
    assert len(set(marks)) == len(marks)
    assert palette.HATCHES["annexed"]["kind"] != palette.HATCHES["partly_occupied"]["kind"]
    assert len({h["kind"] for h in palette.HATCHES.values()}) == 3


def test_overlap_ramp_steps_differ_visibly():
    """Neighbouring counts differ by at least 20 % in lightness (CIE L*)."""

    def lightness(hex_colour):
        r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
        y = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
        return 116 * y ** (1 / 3) - 16 if y > 0.008856 else 903.3 * y

    ramp = [lightness(palette.count_colour(n)) for n in range(1, len(palette.COUNT_COLOURS) + 1)]
    assert all(a - b > 10 for a, b in zip(ramp, ramp[1:])), ramp


def test_members_outside_the_region_give_the_organisation_its_shape(ds, labels, urls):
    """On the EU map of 2024 Poland, Finland and Romania are members outside the region, in
    their own tone with their own legend entry; in 2000 they were not yet members."""
    from geo import svgmap, views

    eu_2024 = views.drawn(ds, views.MapView("EU", D("2024-01-01"), "", "de_jure"), labels)
    assert {"POL", "FIN", "ROU", "DEU"} <= set(eu_2024.context_fills)
    assert set(eu_2024.context_fills.values()) == {palette.CONTEXT_MEMBER}
    assert "TUR" not in eu_2024.context_fills and "NOR" not in eu_2024.context_fills
    entry = "Member outside the post-Soviet space (not classified here)"
    assert entry in [e.label for e in eu_2024.legend.ordered()]
    spec = choropleth.spec(eu_2024, labels, urls)
    assert spec["contextFills"]["POL"] == palette.CONTEXT_MEMBER
    eu_2000 = views.drawn(ds, views.MapView("EU", D("2000-01-01"), "", "de_jure"), labels)
    assert "POL" not in eu_2000.context_fills and "AUT" in eu_2000.context_fills
    nato_2022 = views.drawn(ds, views.MapView("NATO", D("2022-06-01"), "", "de_jure"), labels)
    assert "FIN" not in nato_2022.context_fills and "TUR" in nato_2022.context_fills
    cis = views.drawn(ds, views.MapView("CIS", D("2024-01-01"), "", "de_jure"), labels)
    assert not cis.context_fills and entry not in [e.label for e in cis.legend.ordered()]
    shapes = svgmap.outlines(
        ds.files["geometry/region.geojson"], ds.files["geometry/territories.geojson"]
    )
    picture = svgmap.svg(eu_2024, labels, shapes, "credit")
    shapes_filled = re.findall(rf'<path d="[^"]*" fill="{palette.CONTEXT_MEMBER}"/>', picture)
    assert len(shapes_filled) == 15 and entry in picture  # the EU's 15 neighbours, and the key
