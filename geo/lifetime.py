"""Why an organisation's map is empty: not founded yet, or dissolved (and its successor)."""

from __future__ import annotations

from datetime import date

from geo.labels import Labels


def explain(lifespans, org: str, day: date, labels: Labels) -> tuple[str, dict | None] | None:
    """A sentence for a day outside ``org``'s lifetime, and the link params of its successor
    on that day (or None); None when the organisation existed that day.

    ``lifespans`` maps each organisation id to its founded, dissolved and successor
    (``Dataset.lifespans``).
    """
    row = lifespans[org]
    name = labels.org(org)
    if day < row["founded"]:
        text = labels.gettext("{org} was founded on {founded}; no state held a status before.")
        return text.format(org=name, founded=labels.day(row["founded"])), None
    if row["dissolved"] and day >= row["dissolved"]:
        successor = row["successor"]
        if successor:
            text = labels.gettext(
                "{org} was dissolved on {dissolved}; its successor is the {next}."
            )
            link = {"org": successor, "date": day.isoformat()}
            return text.format(
                org=name, dissolved=labels.day(row["dissolved"]), next=labels.org(successor)
            ), link
        text = labels.gettext("{org} was dissolved on {dissolved}.")
        return text.format(org=name, dissolved=labels.day(row["dissolved"])), None
    return None
