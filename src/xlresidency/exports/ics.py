"""The season as an iCalendar file: every interview (a virtual one "Online"), second looks, virtual sessions and
commitments.

Command line only (``xlresidency ics``): it needs the ``icalendar`` package, which the Excel paths never import.
Every free-text field goes in as iCalendar text, escaped (commas, semicolons, line breaks). The file is written
through the one safe-write path, and replaces only a calendar xlresidency wrote (``write_calendar``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import cast

import icalendar

from ..core.errors import XlresidencyError
from ..core.fileio import Written, atomic_write, check_ours, head
from ..ground.days import as_date
from ..plan import SeasonPlan
from ..rules.trips import Visit

PRODID = "-//xlresidency//residency season//EN"
ONLINE = "Online"
"""The LOCATION of a virtual interview."""


def season_calendar(season_plan: SeasonPlan, stamp: dt.datetime | None = None) -> bytes:
    """The season as an iCalendar file: every interview (LOCATION "Online" for a virtual one), second looks,
    virtual sessions and commitments.

    Every event is an all-day event (a commitment spans Start to End); its UID is stable across runs, so a
    calendar that imports the file again updates the events instead of doubling them.
    """
    season, plan = season_plan.season, season_plan.trips
    stamp = stamp or dt.datetime.now(dt.UTC)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    # an X- property is not escaped as text unless it says so: a line break in Full name would split the line
    calendar.add("x-wr-calname", icalendar.vText(f"Residency season: {season.profile.full_name}".rstrip(": ")))

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
    dated = programs["Interview date"].notna() | programs["Virtual session date"].notna()
    for row, rec in programs[dated].iterrows():
        where = ", ".join(str(v) for v in (rec["City"], rec["State"]) if v)
        interview = as_date(rec["Interview date"])
        if interview and rec["Interview format"] == "Virtual":
            event(f"interview-{row}-{interview:%Y%m%d}", f"Interview (virtual): {rec['Program']}", interview,
                  interview, ONLINE, "Virtual interview day: test the link, camera and sound the day before.")
        elif interview:
            form = "in person" if rec["Interview format"] == "In-person" else "format not given"
            event(f"interview-{row}-{interview:%Y%m%d}", f"Interview ({form}): {rec['Program']}", interview,
                  interview, where, "In-person interview day." if form == "in person"
                  else "Interview day: confirm with the coordinator whether it is in person or virtual.")
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


def is_our_calendar(path: Path) -> bool:
    """Whether a file is a calendar xlresidency wrote (an iCalendar file whose PRODID names xlresidency)."""
    text = head(path)
    return text.lstrip(b"\xef\xbb\xbf").startswith(b"BEGIN:VCALENDAR") and b"PRODID:" + PRODID.encode() in text


def write_calendar(target: Path, data: bytes, force: bool = False) -> Written:
    """Write a calendar to ``target`` atomically; an existing file is replaced only when it is a calendar of ours
    (or with ``force``, which keeps the file it replaces as ``NAME.backup.ics``)."""
    foreign = check_ours(target, is_our_calendar, "a calendar xlresidency wrote", force)
    try:
        return atomic_write(target, lambda temp: temp.write_bytes(data), backup=foreign)
    except OSError as problem:
        raise XlresidencyError(f"{target}: cannot write the calendar ({problem.strerror or problem})") from problem
