"""The joined map as GeoDataFrames, for researchers and for the GIS downloads.

>>> from geo import frames
>>> csto = frames.membership_frame("CSTO", "2012-07-01")
>>> csto.plot(column="status", legend=True)

Every frame is in EPSG:4326 (longitude, latitude; Chukotka continues past 180° so Russia
is one piece) and carries the same facts as the command line (``python -m geo
membership``, ``attendance``, ``territories``). The shapes are the dataset's own
(``data/geometry/`` of its package), read once per content and never handed out: each
call returns a new frame the caller may change.
"""

from __future__ import annotations

import io
from datetime import date
from functools import lru_cache

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

from geo import attendance, membership, overlap, territories
from geo.load import Dataset, load_dataset
from geo.paths import GEOMETRY_FILE, TERRITORY_FILE
from geo.validate import parse_date

CRS = "EPSG:4326"
STATES = f"geometry/{GEOMETRY_FILE.name}"
TERRITORIES = f"geometry/{TERRITORY_FILE.name}"


@lru_cache(maxsize=4)
def _read(raw: bytes) -> gpd.GeoDataFrame:
    """Shapes from a package's validated GeoJSON bytes (private: callers get copies)."""
    return gpd.read_file(io.BytesIO(raw))


def _shapes(ds: Dataset | None = None) -> gpd.GeoDataFrame:
    """The states and context countries of ``ds``'s own package (default: data/)."""
    return _read((ds or _default_dataset()).files[STATES])


def _territory_shapes(ds: Dataset | None = None) -> gpd.GeoDataFrame:
    return _read((ds or _default_dataset()).files[TERRITORIES])


@lru_cache(maxsize=1)
def _default_dataset() -> Dataset:
    return load_dataset()


def as_day(day: date | str) -> date:
    return day if isinstance(day, date) else parse_date(day)


def join(table: pd.DataFrame, shapes: gpd.GeoDataFrame, on: str, columns: list[str]):
    """``table``'s ``columns`` (and the curators' ``note`` where the table has one, as the
    CSV has) with each row's shape, in the table's order."""
    columns = [*columns, *(["note"] if "note" in table and "note" not in columns else [])]
    joined = table[columns].merge(shapes[[on, "geometry"]], on=on, how="left")
    return gpd.GeoDataFrame(joined, geometry="geometry", crs=CRS)


def states_frame(ds: Dataset | None = None) -> gpd.GeoDataFrame:
    """The fifteen post-Soviet states: ``iso3``, ``name``, ``geometry``."""
    shapes = _shapes(ds)
    return shapes[shapes["region"]][["iso3", "name", "geometry"]].reset_index(drop=True)


def context_frame(ds: Dataset | None = None) -> gpd.GeoDataFrame:
    """The neighbouring countries drawn for context only (never classified)."""
    shapes = _shapes(ds)
    return shapes[~shapes["region"]][["iso3", "name", "geometry"]].reset_index(drop=True)


def membership_frame(org: str, day: date | str, ds: Dataset | None = None) -> gpd.GeoDataFrame:
    """Each state's status in ``org`` on ``day``.

    Parameters
    ----------
    org : str
        Organisation id, e.g. ``"CSTO"`` (see ``organisations.csv``).
    day : datetime.date or str
        The day, or an ISO date such as ``"2012-07-01"``.
    ds : Dataset, optional
        A loaded dataset; by default ``data/`` is loaded (once per process).

    Returns
    -------
    geopandas.GeoDataFrame
        15 rows: ``iso3``, ``name``, ``status``, ``since``, ``source_url``, ``geometry``.
    """
    ds = ds or _default_dataset()
    if org not in ds.org_ids():
        raise ValueError(f"unknown organisation {org!r}; known: {', '.join(ds.org_ids())}")
    table = membership.statuses_on(ds.memberships, ds.countries, org, as_day(day))
    return join(table, _shapes(ds), "iso3", membership.TABLE_COLUMNS)


def summit_frame(summit_id: str, ds: Dataset | None = None):
    """Who came to one summit, with shapes, and the host city as a point.

    Parameters
    ----------
    summit_id : str
        A summit id such as ``"CIS-2022-12-26"`` (see ``summits.csv``).
    ds : Dataset, optional
        A loaded dataset; by default ``data/``.

    Returns
    -------
    states : geopandas.GeoDataFrame
        One row per state that held a seat, and per guest: ``iso3``, ``name``,
        ``capacity``, ``presence``, ``representative``, ``signed_final_document``,
        ``source_url``, ``geometry`` (the same rows as ``python -m geo attendance``).
    host : geopandas.GeoDataFrame
        The host city (``city``, ``iso3``, ``geometry``); empty for a session held only
        by video link or a place the gazetteer lacks.
    """
    ds = ds or _default_dataset()
    if summit_id not in set(ds.summits["id"]):
        raise ValueError(f"unknown summit {summit_id!r}")
    roster = attendance.roster(ds, summit_id)
    states = join(roster, _shapes(ds), "iso3", attendance.ROSTER_COLUMNS)
    summit = ds.summits[ds.summits["id"] == summit_id].iloc[0]
    place = ds.place(summit["city"], summit["host_iso3"]) if summit["city"] else None
    rows = (
        [
            {
                "city": summit["city"],
                "iso3": summit["host_iso3"],
                "geometry": Point(place[1], place[0]),
            }
        ]
        if place
        else []
    )
    host = gpd.GeoDataFrame(
        rows, columns=["city", "iso3", "geometry"], geometry="geometry", crs=CRS
    )
    return states, host


def overlap_frame(
    day: date | str, orgs: list[str], ds: Dataset | None = None, any_status: bool = False
) -> gpd.GeoDataFrame:
    """How many of ``orgs`` each state belonged to on ``day``.

    Returns
    -------
    geopandas.GeoDataFrame
        15 rows: ``iso3``, ``name``, ``count``, ``organisations`` (e.g. ``"CIS; CSTO"``,
        with a status in brackets when ``any_status`` counts more than members),
        ``geometry``.
    """
    ds = ds or _default_dataset()
    table = overlap.belonging(ds, as_day(day), list(orgs), any_status)
    table["organisations"] = [
        "; ".join(o if s == "member" else f"{o} ({s})" for o, s in pairs)
        for pairs in table["memberships"]
    ]
    return join(table, _shapes(ds), "iso3", ["iso3", "name", "count", "organisations"])


def territories_frame(day: date | str, ds: Dataset | None = None) -> gpd.GeoDataFrame:
    """Contested territories whose situation holds on ``day`` (empty before 1991).

    Returns
    -------
    geopandas.GeoDataFrame
        ``territory``, ``name``, ``de_jure_iso3``, ``situation``, ``controlled_by``,
        ``since``, ``source_url``, ``geometry`` (as ``python -m geo territories``).
    """
    ds = ds or _default_dataset()
    names = dict(zip(ds.territory_names["territory"], ds.territory_names["name"]))
    table = territories.table_on(ds.territories, names, as_day(day))
    return join(table, _territory_shapes(ds), "territory", territories.COLUMNS)
