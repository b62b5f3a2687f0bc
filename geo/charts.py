"""Altair charts (Streamlit ships Altair): the attendance heatmap and the status timeline.

Every value a chart shows is a label from ``geo.labels``; each colour scale is built from
the categories the chart actually draws, so its legend names them all. Legends sit
below the chart, one entry a line, and never truncate a label, so they fit a phone.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from geo import palette
from geo.labels import Labels
from geo.vocabulary import PRESENCE, STATUS

GUEST = "guest"


def legend(title: str) -> alt.Legend:
    return alt.Legend(title=title, orient="bottom", columns=1, labelLimit=0, symbolType="square")


def scale(keys: list[str], colours: dict[str, str], words: dict[str, str]) -> alt.Scale:
    """A categorical scale of labels for exactly ``keys``, in the palette's order."""
    return alt.Scale(domain=[words[k] for k in keys], range=[colours[k] for k in keys])


def heatmap(matrix: pd.DataFrame, labels: Labels) -> alt.Chart:
    """Countries down, summits across in time order, one cell per presence; guests apart."""
    col = labels.column
    category = matrix["presence"].where(matrix["capacity"] != GUEST, GUEST)
    marks = palette.PRESENCE_MARKS
    words = {k: labels.presence(k) for k in PRESENCE} | {GUEST: labels.gettext("Guest, no status")}
    words |= {k: f"{mark} {words[k]}" for k, mark in marks.items()}  # the legend shows marks
    colours = palette.PRESENCE_COLOURS | {GUEST: palette.GUEST}
    keys = [k for k in colours if k in set(category)]
    data = pd.DataFrame(
        {
            "day": matrix["start"].map(lambda d: d.isoformat()),
            "summit": matrix["label"],
            "state": matrix["iso3"].map(labels.country),
            "shown": category.map(words),
            "mark": category.map(marks).fillna(""),
            "presence": matrix["presence"].map(labels.presence),
            "who": matrix["representative"].map(labels.representative),
        }
    )
    base = alt.Chart(data, height=alt.Step(20)).encode(
        x=alt.X(
            "day:O",
            title=labels.gettext("Summit (first day)"),
            sort="ascending",
            axis=alt.Axis(labelAngle=-60, labelOverlap=True),
        ),
        y=alt.Y("state:N", title=None, sort="ascending"),
        tooltip=[
            alt.Tooltip("summit:N", title=col("summit")),
            alt.Tooltip("state:N", title=col("name")),
            alt.Tooltip("presence:N", title=col("presence")),
            alt.Tooltip("who:N", title=col("representative")),
        ],
    )
    cells = base.mark_rect(stroke="white", strokeWidth=0.5).encode(
        color=alt.Color(
            "shown:N", scale=scale(keys, colours, words), legend=legend(col("presence"))
        )
    )
    return cells + base.mark_text(fontSize=13, color="#1A1A1A").encode(text="mark:N")


def first_held(data: pd.DataFrame) -> list[str]:
    """Organisations in the order the state first held a status in them (ties by name)."""
    first = data.groupby("organisation")["begin"].min().reset_index()
    return first.sort_values(["begin", "organisation"])["organisation"].tolist()


def gantt(timeline: pd.DataFrame, labels: Labels) -> alt.Chart:
    """One bar per status interval, one row per organisation."""
    col = labels.column
    keys = [k for k in palette.STATUS_COLOURS if k in set(timeline["status"])]
    words = {k: labels.status(k) for k in STATUS}
    ongoing = labels.gettext("ongoing")
    data = pd.DataFrame(
        {
            "organisation": timeline["org"].map(labels.org),
            "status": timeline["status"].map(words),
            "begin": pd.to_datetime(timeline["start"]),
            "finish": pd.to_datetime(timeline["until"]),
            "since": timeline["start"].map(lambda d: d.isoformat()),
            "to": [
                ongoing if o else u.isoformat()
                for o, u in zip(timeline["ongoing"], timeline["until"])
            ],
            "source": timeline["source_url"],
        }
    )
    return (
        alt.Chart(data, height=alt.Step(30))
        .mark_bar(cornerRadius=2)
        .encode(
            x=alt.X("begin:T", title=None),
            x2="finish:T",
            # by when the state first held a status there, the same in every language
            y=alt.Y("organisation:N", title=None, sort=first_held(data)),
            color=alt.Color(
                "status:N",
                scale=scale(keys, palette.STATUS_COLOURS, words),
                legend=legend(col("status")),
            ),
            tooltip=[
                alt.Tooltip("organisation:N", title=col("org")),
                alt.Tooltip("status:N", title=col("status")),
                alt.Tooltip("since:N", title=col("start")),
                alt.Tooltip("to:N", title=col("end")),
                alt.Tooltip("source:N", title=col("source_url")),
            ],
        )
    )
