"""The season as an iCalendar file: in-person interviews, second looks, virtual sessions and commitments.

Command line only (``xlresidency ics``): it needs the ``icalendar`` package, which the Excel paths never import.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

import icalendar

from ..ground.days import as_date
from ..plan import SeasonPlan
from ..rules.trips import Visit


def season_calendar(season_plan: SeasonPlan, stamp: dt.datetime | None = None) -> bytes:
    """The season as an iCalendar file: in-person interviews, second looks, virtual sessions and commitments.

    Every event is an all-day event (a commitment spans Start to End); its UID is stable across runs, so a
    calendar that imports the file again updates the events instead of doubling them.
    """
    season, plan = season_plan.season, season_plan.trips
    stamp = stamp or dt.datetime.now(dt.UTC)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//xlresidency//residency season//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Residency season: {season.profile.full_name}".rstrip(": "))

    def event(uid: str, summary: str, first: dt.date, last: dt.date, where: str = "", about: str = "") -> None:
        item = icalendar.Event()
        item.add("uid", f"{uid}@xlresidency")
        item.add("dtstamp", stamp)
        item.add("summary", summary)
        item.add("dtstart", first)
        item.add("dtend", last + dt.timedelta(days=1))  # all-day events end the next day
        item.add("transp", "OPAQUE")
        if where:
            item.add("location", where)
        if about:
            item.add("description", about)
        calendar.add_component(item)

    programs = season.programs
    in_person = (programs["Interview format"] == "In-person") & programs["Interview date"].notna()
    for row, rec in programs[in_person | programs["Virtual session date"].notna()].iterrows():
        where = ", ".join(str(v) for v in (rec["City"], rec["State"]) if v)
        interview = as_date(rec["Interview date"])
        if interview and rec["Interview format"] == "In-person":
            event(f"interview-{row}-{interview:%Y%m%d}", f"Interview (in person): {rec['Program']}", interview,
                  interview, where, "In-person interview day.")
        session = as_date(rec["Virtual session date"])
        if session:
            event(f"virtual-{row}-{session:%Y%m%d}", f"Virtual session: {rec['Program']}", session, session, "",
                  "Virtual open house or revisit session: ask your open questions here at no travel cost.")
    for row, placed in plan.placements.items():
        if isinstance(placed, Visit):
            city, state = programs.at[cast(int, row), "City"], programs.at[cast(int, row), "State"]
            where = ", ".join(str(v) for v in (city, state) if v)
            event(f"second-look-{row}-{placed.day:%Y%m%d}", f"Second look: {placed.program}", placed.day,
                  placed.day, where,
                  f"Plan {placed.plan}, trip {placed.trip}; estimated cost ${placed.cost:,.0f}. "
                  "Confirm with the coordinator that in-person visits are offered this year.")
    for row, rec in season.commitments.iterrows():
        start = as_date(rec["Start"])
        if start is None:
            continue
        end = max(as_date(rec["End"]) or start, start)
        where = ", ".join(str(v) for v in (rec["City"], rec["State"]) if v)
        movable = "can move" if rec["Can move"] == "Yes" else "cannot move"
        kind = rec["Type"] or "Commitment"
        event(f"commitment-{row}-{start:%Y%m%d}", str(rec["What"]), start, end, where, f"{kind}; {movable}.")
    return bytes(calendar.to_ical())
