"""The Season Calendar sheet: the season at a glance, a week per pair of rows, Monday to Sunday.

The first row of a week says what each day holds, in one word that its colour repeats (the word is there for
printing in black and white and for screen readers); the second row names the programs, places and
commitments of that day. The weeks run from the first thing in the season (an interview, a commitment, a
session, a trip) to the rank-list deadline, at most ``MAX_WEEKS`` of them, ending with the deadline's week.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd

from ..ground.days import as_date, day_text
from ..plan import SeasonPlan
from ..rules.second_look import VIRTUAL
from ..rules.trips import COMMITMENT, INTERVIEW, SECOND_LOOK, TRAVEL, away_overnight
from .layout import OutputSheet

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
CALENDAR_COLUMNS = ("Week of", *DAYS)
MAX_WEEKS = 26
"""Most weeks shown: half a year before the rank-list deadline is the whole interview and second-look season."""

DEADLINE, VIRTUAL_SESSION, IN_US, ABROAD = "Deadline", "Virtual session", "In the US", "Abroad"
KINDS: tuple[str, ...] = (DEADLINE, INTERVIEW, SECOND_LOOK, VIRTUAL_SESSION, TRAVEL, COMMITMENT, IN_US, ABROAD)
"""What a day can hold, most important first: a day's word (and colour) is the first kind it has. A commitment,
often long and movable, comes after the season's own events so it never hides them: where something above it
falls on one of its days, the commitment is the last line of the day's second row, named as one."""

COLOURS = {
    DEADLINE: "FFC7CE", INTERVIEW: "BDD7EE", SECOND_LOOK: "C6EFCE", COMMITMENT: "F8CBAD",
    VIRTUAL_SESSION: "FFEB9C", TRAVEL: "D9D2E9", IN_US: "F2F2F2", ABROAD: "FFFFFF",
}
MEANINGS = {
    DEADLINE: "the rank-list deadline", INTERVIEW: "an interview (in person or virtual)",
    SECOND_LOOK: "a planned second look", COMMITMENT: "a commitment (exam, visa appointment, work, travel)",
    VIRTUAL_SESSION: "a virtual session to join", TRAVEL: "a travel day of a planned trip",
    IN_US: "in the US, nothing planned", ABROAD: "outside the US",
}


def _events(plan: SeasonPlan) -> dict[dt.date, list[tuple[str, str]]]:
    """Per day, what it holds: (kind, what), from the inputs and the plan."""
    season = plan.season
    found: dict[dt.date, list[tuple[str, str]]] = {}

    def add(day: object, kind: str, what: str) -> None:
        date = as_date(day)
        if date is not None:
            found.setdefault(date, []).append((kind, what))

    programs = season.programs
    for name, day, form, city in zip(programs["Program"], programs["Interview date"], programs["Interview format"],
                                     programs["City"], strict=True):
        add(day, INTERVIEW, f"{name} ({'virtual' if form == 'Virtual' else city})")
    for trip in plan.trips.trips:
        for stop in trip.stops:
            if stop.activity == SECOND_LOOK:
                add(stop.day, SECOND_LOOK, f"{stop.program} ({stop.place.city})")
        first = trip.stops[0]
        if away_overnight(plan.trips.base, trip):  # the evening-before journey; a day trip has none
            add(first.day - dt.timedelta(days=1), TRAVEL, f"Trip {trip.number} to {first.place.city}")
    decision = plan.decision.reindex(programs.index)
    virtual = programs[decision["Recommendation"] == VIRTUAL]
    for name, day in zip(virtual["Program"], virtual["Virtual session date"], strict=True):
        add(day, VIRTUAL_SESSION, str(name))
    commitments = season.commitments
    for what, start, end, city in zip(commitments["What"], commitments["Start"], commitments["End"],
                                      commitments["City"], strict=True):
        begins = as_date(start)
        if begins is None:
            continue
        ends = max(as_date(end) or begins, begins)
        label = (str(what or "") or "a commitment") + (f" ({city})" if str(city or "").strip() else "")
        for offset in range(min((ends - begins).days, 7 * MAX_WEEKS) + 1):
            add(begins + dt.timedelta(days=offset), COMMITMENT, label)
    add(season.settings.rank_list_deadline, DEADLINE, "Rank list certified by 9 p.m. ET")
    return found


def _weeks(events: Iterable[dt.date], deadline: dt.date) -> list[dt.date]:
    """The Mondays shown: from the first event's week (at most ``MAX_WEEKS`` back) to the deadline's week."""
    last = deadline - dt.timedelta(days=deadline.weekday())
    earliest = last - dt.timedelta(weeks=MAX_WEEKS - 1)
    dates = [d for d in events if d <= deadline]
    first = min([*dates, last]) if dates else last - dt.timedelta(weeks=7)
    first = max(first - dt.timedelta(days=first.weekday()), earliest)
    return [first + dt.timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]


def calendar_frame(plan: SeasonPlan) -> pd.DataFrame:
    """Two rows per week (``CALENDAR_COLUMNS``): the kind of each day, then what it holds."""
    season = plan.season
    events = _events(plan)
    deadline = season.settings.rank_list_deadline
    rows: list[list[object]] = []
    for monday in _weeks(events, deadline):
        kinds: list[object] = [pd.Timestamp(monday)]
        names: list[object] = [None]
        for offset in range(7):
            day = monday + dt.timedelta(days=offset)
            held = sorted(events.get(day, []), key=lambda e: KINDS.index(e[0]))
            if held:
                top = held[0][0]
                kinds.append(top)
                names.append("\n".join(dict.fromkeys(
                    f"{COMMITMENT}: {what}" if kind == COMMITMENT and top != COMMITMENT else what
                    for kind, what in held)))
            else:
                kinds.append(IN_US if season.profile.in_us_on(day) else ABROAD)
                names.append(None)
        rows += [kinds, names]
    frame = pd.DataFrame(rows, columns=list(CALENDAR_COLUMNS))
    frame["Week of"] = pd.to_datetime(frame["Week of"]).astype("datetime64[ns]")
    return frame


def calendar_sheet(plan: SeasonPlan) -> OutputSheet:
    """The Season Calendar sheet, with its legend below: each colour, its word and what it means."""
    frame = calendar_frame(plan)
    deadline = plan.season.settings.rank_list_deadline
    legend: list[list[object]] = [["Legend", *(None for _ in DAYS)]]
    legend += [[None, kind, MEANINGS[kind]] for kind in KINDS]
    return OutputSheet(
        "Season Calendar", frame,
        note=(f"The season week by week up to the rank-list deadline ({day_text(deadline)}): the first row of a "
              "week says what each day holds, the second row names it."),
        widths={"Week of": 12, **dict.fromkeys(DAYS, 19)},
        wrap=DAYS,
        fills={day: dict(COLOURS) for day in DAYS},
        number_formats={"Week of": "d mmm yyyy"},
        footer=legend,
        autofilter=False,
    )
