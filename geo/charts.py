"""Altair charts (Streamlit ships Altair): the attendance heatmap and the status timeline."""

from __future__ import annotations

import altair as alt
import pandas as pd

from geo import palette


def presence_scale() -> alt.Scale:
    keys = [k for k in palette.PRESENCE_COLOURS if k != "none"]
    return alt.Scale(domain=keys, range=[palette.PRESENCE_COLOURS[k] for k in keys])


def heatmap(matrix: pd.DataFrame) -> alt.Chart:
    """Countries down, summits across in time order, one cell per presence."""
    data = matrix.assign(day=matrix["start"].map(lambda d: d.isoformat()))
    data = data[["day", "label", "name", "presence", "representative"]]
    return (
        alt.Chart(data, height=alt.Step(20))
        .mark_rect(stroke="white", strokeWidth=0.5)
        .encode(
            x=alt.X(
                "day:O",
                title="Summit (first day)",
                sort="ascending",
                axis=alt.Axis(labelAngle=-60, labelOverlap=True),
            ),
            y=alt.Y("name:N", title=None, sort="ascending"),
            color=alt.Color(
                "presence:N",
                scale=presence_scale(),
                legend=alt.Legend(title="Presence", orient="bottom"),
            ),
            tooltip=["label", "name", "presence", "representative"],
        )
    )


def status_scale() -> alt.Scale:
    keys = [k for k in palette.STATUS_COLOURS if k != "none"]
    return alt.Scale(domain=keys, range=[palette.STATUS_COLOURS[k] for k in keys])


def gantt(timeline: pd.DataFrame) -> alt.Chart:
    """One bar per status interval, one row per organisation."""
    data = timeline.assign(
        begin=pd.to_datetime(timeline["start"]),
        finish=pd.to_datetime(timeline["until"]),
        since=timeline["start"].map(lambda d: d.isoformat()),
        to=timeline.apply(lambda r: "today" if r["ongoing"] else r["until"].isoformat(), axis=1),
    )
    data = data[["organisation", "status", "begin", "finish", "since", "to", "source_url"]]
    return (
        alt.Chart(data, height=alt.Step(30))
        .mark_bar(cornerRadius=2)
        .encode(
            x=alt.X("begin:T", title=None),
            x2="finish:T",
            y=alt.Y("organisation:N", title=None),
            color=alt.Color(
                "status:N", scale=status_scale(), legend=alt.Legend(title="Status", orient="bottom")
            ),
            tooltip=["organisation", "status", "since", "to", "source_url"],
        )
    )
