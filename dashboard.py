"""Atlas of post-Soviet blocs: page layout and widgets; the logic lives in ``geo``."""

import os
from datetime import date
from pathlib import Path

import streamlit as st
from streamlit_folium import st_folium

from geo import assets, choropleth, membership, tables, urlstate
from geo.load import load_dataset
from geo.paths import DATA_DIR
from geo.validate import DataError

TITLE = "Atlas of post-Soviet blocs"
MAP_HEIGHT = 560


@st.cache_resource(show_spinner=False)
def dataset(fingerprint: tuple):
    """Validated tables; reloaded when any data file changes on disk."""
    return load_dataset(Path(fingerprint[0]))


@st.cache_resource(show_spinner=False)
def web_assets():
    published = assets.publish()
    assets.use_local_assets(published)
    return published


@st.cache_data(show_spinner=False)
def snapshot(fingerprint: tuple, org: str, epoch: date | None):
    """Status table per organisation and change epoch: a handful per organisation."""
    ds = dataset(fingerprint)
    return membership.statuses_on(ds.memberships, ds.countries, org, epoch or urlstate.MIN_DATE)


@st.cache_data(show_spinner=False)
def changes(fingerprint: tuple, org: str):
    return membership.change_dates(dataset(fingerprint).memberships, org)


def data_fingerprint() -> tuple:
    """The data folder (ATLAS_DATA_DIR may point at a working copy) and its files' mtimes."""
    folder = Path(os.environ.get("ATLAS_DATA_DIR") or DATA_DIR)
    return (str(folder), *((p.name, p.stat().st_mtime_ns) for p in sorted(folder.glob("*.*"))))


def seed_from_url(orgs: list[str]) -> None:
    """On a session's first run, take the view from the URL (or defaults, with notices)."""
    if "org" in st.session_state:
        return
    parsed = urlstate.parse_membership(st.query_params.to_dict(), orgs, date.today())
    st.session_state.update(parsed.values)
    st.session_state["notices"] = parsed.notices


def clear_notices() -> None:
    st.session_state["notices"] = []


def sidebar(ds) -> tuple[str, date, bool]:
    names = dict(zip(ds.organisations["id"], ds.organisations["name"]))
    with st.sidebar:
        st.header("View")
        org = st.selectbox(
            "Organisation", list(names), key="org", format_func=names.get, on_change=clear_notices
        )
        day = st.date_input(
            "Date",
            key="date",
            min_value=urlstate.MIN_DATE,
            max_value=date.today(),
            format="YYYY-MM-DD",
            on_change=clear_notices,
        )
        osm = st.toggle("OpenStreetMap background (needs internet)", key="osm")
    return org, day, osm


def membership_view(fp: tuple, ds, org: str, day: date, osm: bool) -> None:
    org_row = ds.organisations.set_index("id").loc[org]
    epoch = membership.epoch(changes(fp, org), day)
    table = snapshot(fp, org, epoch)
    spec = choropleth.membership_spec(
        table, org_row["name"], day.isoformat(), web_assets().geometry
    )
    st_folium(
        choropleth.base_map(osm),
        feature_group_to_add=choropleth.style_layer(spec),
        height=MAP_HEIGHT,
        use_container_width=True,
        returned_objects=[],
        key="map",
    )
    st.caption(choropleth.BORDER_NOTE + ". Grey-beige countries lie outside the scope.")
    st.subheader(f"{org_row['full_name']} on {day.isoformat()}")
    shown = table[membership.TABLE_COLUMNS]
    st.markdown(tables.markdown_links(shown))
    st.download_button(
        "Download this table (CSV)",
        shown.to_csv(index=False).encode("utf-8"),
        file_name=f"membership_{org}_{day.isoformat()}.csv",
        mime="text/csv",
    )


def main() -> None:
    st.set_page_config(page_title=TITLE, layout="wide")
    st.title(TITLE)
    fp = data_fingerprint()
    try:
        ds = dataset(fp)
    except DataError as err:
        st.error("The data files did not pass validation, so no map is shown.")
        st.code(str(err), language=None)
        st.stop()
    seed_from_url(ds.org_ids())
    org, day, osm = sidebar(ds)
    for notice in st.session_state.get("notices", []):
        st.warning(notice)
    membership_view(fp, ds, org, day, osm)
    st.query_params.update({"org": org, "date": day.isoformat()})


main()
