"""The atlas's vocabulary: every status, presence, situation, column and view name, in
English, the source language.

The strings are message ids, marked with ``N_`` so ``pybabel extract`` finds them, and
translated where they are shown (``geo.labels.Labels``). Names of organisations, states,
cities and people are data (see ``geo.names``).
"""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark a message for extraction; it is translated where it is shown."""
    return message


STATUS = {
    "member": N_("Member"),
    "associate": N_("Associate member"),
    "participant": N_("Participant (Charter not ratified)"),
    "observer": N_("Observer"),
    "partner": N_("Dialogue partner"),
    "candidate": N_("Candidate"),
    "withdrawing": N_("Withdrawing (notice given)"),
    "suspended": N_("Suspended / frozen"),
    "none": N_("No status"),
}
PRESENCE = {
    "leader": N_("Leader in person"),
    "leader_online": N_("Leader online"),
    "represented": N_("Represented by an official"),
    "absent": N_("Absent"),
    "declined": N_("Declined / boycotted"),
    "unknown": N_("Not verified"),
}
# What each status and presence means, for the About panel.
STATUS_MEANING = {
    "member": N_("Has joined and takes part with all rights."),
    "associate": N_("Takes part in some bodies without full membership."),
    "participant": N_("Signed the founding acts but never ratified the Charter."),
    "observer": N_("Attends without the rights of a member."),
    "partner": N_("A formal partnership short of observer status."),
    "candidate": N_("Officially recognised as a candidate for membership."),
    "withdrawing": N_("Has given notice of withdrawal; still bound until it takes effect."),
    "suspended": N_("Has suspended or frozen its participation, without leaving."),
}
PRESENCE_MEANING = {
    "leader": N_("The head of state (the holder of the council seat) attended in person."),
    "leader_online": N_("The head of state took part by video link."),
    "represented": N_(
        "Someone else came in the leader's place: a head of government, a "
        "minister or an ambassador."
    ),
    "absent": N_("Nobody from the state attended."),
    "declined": N_("The state refused to attend, as a stated political choice."),
    "unknown": N_("No source read says who attended; the atlas does not guess."),
}
CHANGE = {
    "joined": N_("joined as member"),
    "became": N_("became {after}"),
    "left": N_("left"),
    "suspended": N_("suspended participation"),
    "notice": N_("gave notice of withdrawal"),
    "resumed": N_("resumed as member"),
    "moved": N_("{before} → {after}"),
}
CAPACITY = {"status": N_("Seat"), "guest": N_("Guest, no status")}
SIGNED = {"yes": N_("yes"), "no": N_("no"), "unknown": N_("not known")}
SITUATION = {
    "annexed": N_("Annexed"),
    "occupied": N_("Occupied"),
    "partly_occupied": N_("Partly occupied"),
    "breakaway": N_("Breakaway"),
    "breakaway_recognised_by_russia": N_("Breakaway, recognised by Russia"),
}
SITUATION_OR_NONE = {**SITUATION, "none": N_("no contested situation")}
# What began a territory's situation (the data's ``event``), and "returned" for the end of
# its last one: a change of situation, or of meaning within one (a recognition, a claim).
EVENT = {
    "seized": N_("Armed seizure"),
    "invaded": N_("Invasion"),
    "referendum": N_("Separatists' 'referendums'"),
    "proclaimed": N_("Independence proclaimed"),
    "war_ended": N_("End of the war"),
    "ceasefire": N_("Ceasefire"),
    "offensive": N_("Offensive to retake it"),
    "recognised_by_russia": N_("Recognised by Russia as a state"),
    "annexed": N_("Annexation"),
    "annexation_claimed": N_("Annexation claimed"),
    "returned": N_("Back under the state's control"),
}
SITUATION_MEANING = {
    "annexed": N_(
        "Wholly held by a state that claims to have incorporated it; the UN "
        "General Assembly does not recognise the change."
    ),
    "occupied": N_(
        "Wholly held by another state's forces, or forces it backs, with no annexation claimed."
    ),
    "partly_occupied": N_(
        "Part of the unit is held that way and the rest by its state; the "
        "whole unit is hatched, as no open data draw the line of contact."
    ),
    "breakaway": N_("Held by an authority that no UN member recognises."),
    "breakaway_recognised_by_russia": N_(
        "Held by an authority that Russia (and a few other states) recognise, but the UN does not."
    ),
}
SUMMIT_KIND = {
    "regular": N_("regular"),
    "informal": N_("informal"),
    "extraordinary": N_("extraordinary"),
    "online": N_("by video link"),
}
PRECISION = {"day": N_("exact day"), "month": N_("month only"), "year": N_("year only")}
ORG_KIND = {
    "political": N_("political"),
    "military": N_("military"),
    "economic": N_("economic"),
    "union": N_("union"),
}
COLUMNS = {
    "iso3": N_("Code"),
    "iso2": N_("Two-letter code"),
    "name": N_("State"),
    "status": N_("Status"),
    "since": N_("Since"),
    "source_url": N_("Source"),
    "note": N_("Note"),
    "org": N_("Organisation"),
    "organisation": N_("Organisation"),
    "start": N_("From"),
    "end": N_("Until"),
    "precision": N_("Date precision"),
    "presence": N_("Presence"),
    "representative": N_("Who came"),
    "signed_final_document": N_("Signed the final document"),
    "capacity": N_("Capacity"),
    "summit_id": N_("Summit id"),
    "summit": N_("Summit"),
    "id": N_("Id"),
    "city": N_("City"),
    "host_iso3": N_("Host state"),
    "kind": N_("Kind"),
    "date": N_("Date"),
    "before": N_("Before"),
    "after": N_("After"),
    "change": N_("Change"),
    "count": N_("Number of organisations"),
    "memberships": N_("Organisations"),
    "states": N_("States"),
    "number": N_("Number of states"),
    "summits": N_("Summits"),
    "in person %": N_("In person %"),
    "in person or online %": N_("In person or online %"),
    "full_name": N_("Full name"),
    "founded": N_("Founded"),
    "dissolved": N_("Dissolved"),
    "successor": N_("Successor"),
    "url": N_("Website"),
    "capital": N_("Capital"),
    "lat": N_("Latitude"),
    "lon": N_("Longitude"),
    "name_ru": N_("Name in Russian"),
    "full_name_ru": N_("Full name in Russian"),
    "names_source_url": N_("Source of the Russian names"),
    "name_ru_source_url": N_("Source of the Russian name"),
    "territory": N_("Territory"),
    "de_jure_iso3": N_("Part of (UN view)"),
    "situation": N_("Situation"),
    "controlled_by": N_("Held by"),
    "previous": N_("Before"),
    "event": N_("Event"),
    **PRESENCE,
}
NAME = N_("Name in English")  # the "name" column of people and territories (of states: "State")
VIEWS = {
    "membership": N_("Membership map"),
    "summit": N_("Summit attendance"),
    "attendance": N_("Attendance history"),
    "overlap": N_("Overlap"),
    "country": N_("Country profile"),
    "changes": N_("What changed"),
    "data": N_("Data and sources"),
}
# Columns whose codes become labels in shown tables, and the vocabulary for each.
CODED = {
    "status": STATUS,
    "before": STATUS,
    "after": STATUS,
    "presence": PRESENCE,
    "signed_final_document": SIGNED,
    "capacity": CAPACITY,
    "kind": SUMMIT_KIND | ORG_KIND,
    "situation": SITUATION_OR_NONE,
    "previous": SITUATION_OR_NONE,
    "event": EVENT,
    "precision": PRECISION,
}
DATE_COLUMNS = ("since", "start", "end", "date", "founded", "dissolved")
