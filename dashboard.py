"""Atlas of post-Soviet blocs: page layout and widgets; every computation lives in ``geo``."""

import os
import time
from datetime import date
from pathlib import Path

import streamlit as st
from streamlit_folium import st_folium

from geo import (
    assets,
    attendance,
    changes,
    charts,
    choropleth,
    export,
    history,
    membership,
    overlap,
    profile,
    shapes,
    tables,
    urlstate,
)  # fmt: skip
from geo.load import load_dataset
from geo.paths import DATA_DIR
from geo.validate import DataError

TITLE = "Atlas of post-Soviet blocs"
MAP_HEIGHT = 540
PLAY_SECONDS = 1.0
MAX_ROWS = 300  # rows drawn in the data view; downloads carry every matching row
PAGES = {
    "membership": "Membership map", "summit": "Summit attendance",
    "attendance": "Attendance history", "overlap": "Overlap", "country": "Country profile",
    "changes": "What changed", "data": "Data and sources",
}  # fmt: skip


@st.cache_resource(show_spinner=False)
def dataset(fingerprint: tuple):
    """Validated tables, shared by all sessions; reloaded when a data file changes."""
    return load_dataset(Path(fingerprint[0]))


@st.cache_resource(show_spinner=False)
def web_assets():
    published = assets.publish()
    assets.use_local_assets(published)
    assets.cache_templates()
    return published


@st.cache_resource(show_spinner=False)
def region_shapes():
    return shapes.load()


@st.cache_data(show_spinner=False)
def snapshot(fp: tuple, org: str, epoch: date | None):
    """Status table per organisation and change epoch: a few dozen per organisation."""
    ds = dataset(fp)
    return membership.statuses_on(ds.memberships, ds.countries, org, epoch or urlstate.MIN_DATE)


@st.cache_data(show_spinner=False)
def change_days(fp: tuple, org: str):
    return membership.change_dates(dataset(fp).memberships, org)


@st.cache_data(show_spinner=False)
def summit_roster(fp: tuple, summit_id: str):
    return attendance.roster(dataset(fp), summit_id)


@st.cache_data(show_spinner=False)
def changes_between(fp: tuple, start: date, end: date, orgs: tuple):
    return changes.status_changes(dataset(fp), start, end, list(orgs))


@st.cache_data(show_spinner=False)
def country_story(fp: tuple, iso3: str, today: date):
    """Timeline, its Gantt spec, summit rows and record for one state."""
    ds = dataset(fp)
    line = profile.timeline(ds, iso3, today)
    rows = profile.summit_rows(ds, iso3)
    spec = charts.gantt(line).to_dict() if len(line) else None
    return line, spec, rows, profile.summit_record(rows)


@st.cache_data(show_spinner=False)
def attendance_story(fp: tuple, org: str, start: date, end: date):
    """The heatmap spec and each country's record, or (None, None) without summits."""
    data = history.presence_matrix(dataset(fp), org, start, end)
    if data.empty:
        return None, None
    return charts.heatmap(data).to_dict(), history.leader_record(data)


@st.cache_data(show_spinner=False)
def overlap_tables(fp: tuple, orgs: tuple, epochs: tuple, any_status: bool):
    """Counts and combinations; equal change epochs mean equal tables, whatever the day."""
    snapshots = {o: snapshot(fp, o, e) for o, e in zip(orgs, epochs)}
    table = overlap.count(snapshots, dataset(fp).country_names(), any_status)
    return table, overlap.combinations(table)


@st.cache_data(show_spinner=False)
def summit_choices(fp: tuple, org: str, start: date, end: date) -> dict[str, dict]:
    """Summit id -> its row (with id), newest first, for the picker and the page."""
    listed = attendance.newest_first(dataset(fp).summits, org, start, end)
    return {r["id"]: r for r in listed.to_dict("records")}


def data_fingerprint() -> tuple:
    """The data folder (ATLAS_DATA_DIR may point at a working copy) and its files' mtimes."""
    folder = Path(os.environ.get("ATLAS_DATA_DIR") or DATA_DIR)
    return (str(folder), *((p.name, p.stat().st_mtime_ns) for p in sorted(folder.glob("*.*"))))


def state_on(fp, org: str, day: date):
    return snapshot(fp, org, membership.epoch(change_days(fp, org), day))


def show_map(spec: dict, osm: bool = False) -> None:
    """The shared base map plus this view's style layer; a click opens the country."""
    st_folium(
        choropleth.base_map(osm),
        feature_group_to_add=choropleth.style_layer(spec),
        height=MAP_HEIGHT,
        use_container_width=True,
        returned_objects=["last_object_clicked_tooltip"],
        key="map",
        on_change=open_clicked_country,
    )
    st.caption(choropleth.BORDER_NOTE + ". Click a state to open its profile.")


def open_clicked_country() -> None:
    tip = (st.session_state.get("map") or {}).get("last_object_clicked_tooltip") or ""
    iso3 = tables.country_from_tooltip(tip, dataset(data_fingerprint()).country_names())
    if iso3:
        st.session_state.update(view="country", iso3=iso3, notices=[])


def show_table(frame, links: bool = True) -> None:
    """A sortable table whose source_url column is clickable."""
    config = {"source_url": st.column_config.LinkColumn("source_url")} if links else None
    st.dataframe(frame, hide_index=True, width="stretch", column_config=config)


def show_chart(spec, empty: str) -> bool:
    """Draw a Vega-Lite chart, or say why there is none; True when drawn."""
    if spec is None:
        st.info(empty)
        return False
    st.vega_lite_chart(spec, width="stretch")
    return True


def csv_button(frame, name: str) -> None:
    """Download of exactly the rows shown; the CSV is built only when clicked."""
    st.download_button(f"Download {name}.csv", lambda: frame.to_csv(index=False), f"{name}.csv",
                       "text/csv", key=f"csv-{name}")  # fmt: skip


def pick_org(ds, key: str = "org") -> str:
    names = ds.org_names()
    return st.sidebar.selectbox("Organisation", list(names), key=key, format_func=names.get)


def pick_date(label: str, key: str) -> date:
    return st.sidebar.date_input(label, key=key, min_value=urlstate.MIN_DATE,
                                 max_value=date.today(), format="YYYY-MM-DD")  # fmt: skip


def membership_page(fp, ds) -> dict:
    org, day = pick_org(ds), pick_date("Date", "date")
    osm = st.sidebar.toggle("OpenStreetMap background (needs internet)", key="osm")
    steps = membership.travel_steps(change_days(fp, org), date.today())
    time_travel(steps, day)
    table = state_on(fp, org, day)
    name = ds.org_names()[org]
    show_map(choropleth.membership_spec(table, name, day.isoformat(), web_assets().geometry), osm)
    st.subheader(f"{ds.org_names(full=True)[org]} on {day.isoformat()}")
    shown = table[membership.TABLE_COLUMNS]
    st.markdown(tables.markdown_links(shown, profile_links=True))
    csv_button(shown, f"membership_{org}_{day.isoformat()}")
    # Last on the page, so the timer's element never shifts the map's place (no remount).
    playing = st.session_state.get("play", False)
    st.fragment(run_every=PLAY_SECONDS if playing else None)(advance)(steps)
    return {"org": org, "date": day}


def time_travel(steps: list[date], day: date) -> None:
    """A year slider (years plus exact change days) and a play button that steps through it."""
    left, right = st.columns([5, 1])
    st.session_state["step"] = membership.epoch(steps, day) or steps[0]
    left.select_slider(
        "Travel through time", steps, key="step", format_func=membership.step_label,
        on_change=lambda: st.session_state.update(date=st.session_state["step"]),
    )  # fmt: skip
    right.toggle("Play", key="play")


def advance(steps: list[date]) -> None:
    """While playing, move the date to the next step once per interval (fragment timer)."""
    if not st.session_state.get("play") or time.monotonic() - st.session_state.get("tick", 0) < 0.8:
        return
    st.session_state["tick"] = time.monotonic()
    later = [s for s in steps if s > st.session_state["date"]]
    if later:
        st.session_state["date"] = later[0]
    else:
        st.session_state["play"] = False
    st.rerun()


def summit_page(fp, ds) -> dict:
    org = pick_org(ds)
    start, end = pick_date("Summits from", "from"), pick_date("to", "to")
    listed = summit_choices(fp, org, start, end)
    if not listed:
        st.info(f"No summit of {org} between {start.isoformat()} and {end.isoformat()}.")
        return {"org": org, "from": start, "to": end}
    if st.session_state.get("summit") not in listed:
        st.session_state["summit"] = next(iter(listed))
    label = lambda s: attendance.summit_label(listed[s])  # noqa: E731
    summit_id = st.sidebar.selectbox("Summit", list(listed), key="summit", format_func=label)
    summit = listed[summit_id]
    roster = summit_roster(fp, summit_id)
    place = ds.place(summit["city"], summit["host_iso3"]) if summit["city"] else None
    name = ds.org_names()[org]
    show_map(choropleth.summit_spec(roster, summit, name, web_assets().geometry, place))
    st.subheader(f"{name} summit, {attendance.summit_label(summit)}")
    st.markdown(tables.inert(attendance.summary(roster)))
    st.caption(f"Summit source: {summit['source_url']}  \n{tables.inert(summit['note'] or '')}")
    show_table(roster[attendance.ROSTER_COLUMNS + ["status", "note"]])
    csv_button(roster, f"attendance_{summit_id}")
    return {"org": org, "from": start, "to": end, "summit": summit_id}


def attendance_page(fp, ds) -> dict:
    org = pick_org(ds)
    start, end = pick_date("From", "from"), pick_date("To", "to")
    spec, record = attendance_story(fp, org, start, end)
    st.subheader(f"Who came to {org} summits, {start.isoformat()} to {end.isoformat()}")
    if show_chart(spec, f"No summit of {org} between {start.isoformat()} and {end.isoformat()}."):
        st.markdown("**Each country's record** (sort by any column)")
        show_table(record, links=False)
    return {"org": org, "from": start, "to": end}


def overlap_page(fp, ds) -> dict:
    day = pick_date("Date", "date")
    orgs = st.sidebar.multiselect("Organisations", ds.org_ids(), key="orgs")
    scope = st.sidebar.radio("Count", urlstate.SCOPES, key="scope",
                             format_func={"members": "full members only",
                                          "any": "any status"}.get)  # fmt: skip
    if not orgs:
        st.info("Choose at least one organisation.")
        return {"date": day, "orgs": orgs, "scope": scope}
    epochs = tuple(membership.epoch(change_days(fp, o), day) for o in orgs)
    table, combos = overlap_tables(fp, tuple(orgs), epochs, scope == "any")
    show_map(choropleth.overlap_spec(table, day.isoformat(), orgs, web_assets().geometry))
    st.subheader(f"Combinations on {day.isoformat()}")
    show_table(combos, links=False)
    return {"date": day, "orgs": orgs, "scope": scope}


def country_page(fp, ds) -> dict:
    names = ds.country_names()
    iso3 = st.sidebar.selectbox("State", list(names), key="iso3", format_func=names.get)
    st.subheader(names[iso3])
    line, spec, rows, record = country_story(fp, iso3, date.today())
    show_chart(spec, f"{names[iso3]} has held no status in any organisation covered here.")
    st.markdown("**Summit record** (rows for summits where the state held a status)")
    show_table(record, links=False)
    show_table(rows)
    st.markdown("**Statuses**")
    show_table(line[["org", "status", "start", "end", "precision", "source_url", "note"]])
    return {"iso3": iso3}


def changes_page(fp, ds) -> dict:
    start, end = pick_date("Changes after", "from"), pick_date("up to and including", "to")
    orgs = st.sidebar.multiselect("Organisations", ds.org_ids(), key="orgs")
    found = changes_between(fp, start, end, tuple(orgs))
    show_map(choropleth.changes_spec(found, ds.countries, start.isoformat(), end.isoformat(),
                                     web_assets().geometry))  # fmt: skip
    if found.empty:
        st.info(f"No status change between {start.isoformat()} and {end.isoformat()}.")
    else:
        st.subheader(f"{len(found)} changes, in date order")
        show_table(found)
    return {"from": start, "to": end, "orgs": orgs}


def data_page(fp, ds) -> dict:
    name = st.sidebar.selectbox("Table", urlstate.DATA_TABLES, key="table")
    org, day = pick_org(ds), pick_date("Map date (for the map downloads)", "date")
    frame = getattr(ds, name)
    query = st.text_input("Filter rows containing", key="q")
    shown = tables.filter_rows(frame, query)
    st.caption(f"{len(shown)} of {len(frame)} rows of data/{name}.csv" + (
        f"; the first {MAX_ROWS} are shown, the download has them all" if len(shown) > MAX_ROWS
        else ""))  # fmt: skip
    show_table(shown.head(MAX_ROWS), links="source_url" in frame)
    cols = st.columns(4)
    with cols[0]:
        csv_button(shown, name)
    folder = Path(fp[0])
    cols[1].download_button("Data package (zip)", lambda: export.package_zip(folder),
                            "post-soviet-blocs.zip", "application/zip")  # fmt: skip
    table = state_on(fp, org, day)
    extra = {"org": org, "date": day.isoformat()}
    geojson = lambda: export.snapshot_geojson(region_shapes(), table, extra)  # noqa: E731 (on click)
    cols[2].download_button("Map data (GeoJSON)", geojson, f"{org}_{day.isoformat()}.geojson",
                            "application/geo+json")  # fmt: skip
    png = lambda: export.membership_png(region_shapes(), table, org, day)  # noqa: E731 (built on click)
    cols[3].download_button("Map picture (PNG)", png, f"{org}_{day.isoformat()}.png", "image/png")
    return {"table": name, "org": org, "date": day}


RENDER = {
    "membership": membership_page, "summit": summit_page, "attendance": attendance_page,
    "overlap": overlap_page, "country": country_page, "changes": changes_page, "data": data_page,
}  # fmt: skip


def seed_from_url(ds) -> None:
    """On a session's first run, take the view from the URL (or defaults, with notices)."""
    if "view" in st.session_state:
        return
    parsed = urlstate.parse_view(st.query_params.to_dict(), ds, date.today())
    st.session_state.update(parsed.values, notices=parsed.notices)


def switch_view(ds) -> None:
    """A newly chosen view starts from its defaults, keeping the organisation and date."""
    fresh = urlstate.parse_view({"view": st.session_state["view"]}, ds, date.today()).values
    keep = {k: st.session_state[k] for k in ("org", "date") if k in fresh and k in st.session_state}
    st.session_state.update(fresh | keep, notices=[])


def log_timing(started: float) -> None:
    """With ATLAS_TIMINGS=<file>, append this rerun's script time in ms (for the benchmark)."""
    target = os.environ.get("ATLAS_TIMINGS")
    if target:
        with open(target, "a", encoding="utf-8") as out:
            out.write(f"{(time.perf_counter() - started) * 1000:.2f}\n")


def main() -> None:
    started = time.perf_counter()
    st.set_page_config(page_title=TITLE, layout="wide")
    st.title(TITLE)
    fp = data_fingerprint()
    try:
        ds = dataset(fp)
    except DataError as err:
        st.error("The data files did not pass validation, so no map is shown.")
        st.code(str(err), language=None)
        st.stop()
    seed_from_url(ds)
    view = st.sidebar.radio("View", list(PAGES), key="view", format_func=PAGES.get,
                            on_change=switch_view, args=(ds,))  # fmt: skip
    for notice in st.session_state.get("notices", []):
        st.warning(notice)
    values = urlstate.to_params({"view": view, **RENDER[view](fp, ds)})
    if st.query_params.to_dict() != values:
        st.query_params.from_dict(values)
    log_timing(started)


main()
