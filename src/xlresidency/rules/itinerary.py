"""Each trip day by day, priced: what the Trips sheet lists and what the calendar and emails read.

A trip starts with a Travel line (the evening before when its first stop is beyond a day trip from the base) and
ends with one on its last day; a second look from home (within the local radius) is one line, its day's local
transport, with no Travel lines, night or fare. A stop's line holds the nights until the next stop. On a trip built
around in-person interviews or commitments with a city, those lines and the travel lines carry what the trip costs
without second looks (each fixed stop its nights, days and the drive from the stop before; each travel line half
the fare), and each Second look line what it adds, so the Second look lines add up to the second-look total.
Conflicts name what else the day holds: a commitment (where it is and whether it can move), a day out of the US,
another trip's activity.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace

from ..core.records import Place, Season
from ..ground.costs import DAY_TRIP_MILES, is_local, trip_fare
from ..ground.days import as_date
from ..ground.places import miles_between
from .routes import COMMITMENT, FIXED, TRAVEL, Stop, Trip, TripDay, Visit


def away_overnight(base: Place | None, trip: Trip) -> bool:
    """Whether a trip starts the evening before its first stop: from abroad, or beyond a day trip from the base."""
    return base is None or miles_between(base, trip.stops[0].place) > DAY_TRIP_MILES


def price_days(season: Season, base: Place | None, trips: list[Trip], placements: dict[object, Visit | str]) -> None:
    """Fill each trip's ``days``: its travel and stop lines with miles, nights, cost and conflicts."""
    settings = season.settings
    daily = settings.meals_per_day + settings.local_transport_per_day
    where = {row: (str(c), str(st)) for row, c, st in zip(season.programs.index, season.programs["City"],
                                                          season.programs["State"], strict=True)}

    def city_of(stop: Stop) -> tuple[str, str]:
        return where.get(stop.row, (stop.place.city, stop.place.state))

    for trip in trips:
        if all(s.activity not in FIXED and is_local(settings, base, s.place) for s in trip.stops):
            trip.days = [TripDay(s.day, *city_of(s), s.activity, s.program, miles_between(base, s.place), 0,
                                 settings.local_transport_per_day) for s in trip.stops]
            continue
        costed = [s for s in trip.stops if s.activity in FIXED] or trip.stops  # what the travel lines pay for
        # Each costed stop's share: the nights and days until the next costed stop (the last one: its own day),
        # and the drive from the one before; stops on the same day share that day.
        share: dict[int, float] = {}
        for k, stop in enumerate(costed):
            gap = (costed[k + 1].day - stop.day).days if k + 1 < len(costed) else 0
            days = gap + (0 if k + 1 < len(costed) else 1)
            drive = miles_between(costed[k - 1].place, stop.place) * settings.driving_per_mile if k else 0.0
            share[id(stop)] = gap * settings.hotel_per_night + days * daily + drive
        first, last = trip.stops[0], trip.stops[-1]
        away = away_overnight(base, trip)
        out = math.nan if base is None else miles_between(base, first.place)
        back = math.nan if base is None else miles_between(last.place, base)
        fare = trip_fare(settings, base, costed[0].place, costed[-1].place) / 2
        lines = [TripDay(first.day - dt.timedelta(days=1 if away else 0), *city_of(first), TRAVEL, "", out,
                         1 if away else 0, fare + (settings.hotel_per_night + daily if away else 0))]
        for k, stop in enumerate(trip.stops):
            following = trip.stops[k + 1].day if k + 1 < len(trip.stops) else None
            visit = placements.get(stop.row)
            cost = share[id(stop)] if id(stop) in share else visit.cost if isinstance(visit, Visit) else math.nan
            lines.append(TripDay(stop.day, *city_of(stop), stop.activity, stop.program,
                                 miles_between(trip.stops[k - 1].place, stop.place) if k else math.nan,
                                 (following - stop.day).days if following else 0, cost))
        lines.append(TripDay(last.day, *city_of(last), TRAVEL, "", back, 0, fare))
        trip.days = lines
    _note_conflicts(season, trips)


def _note_conflicts(season: Season, trips: list[Trip]) -> None:
    """What each line's day clashes with: commitments (saying where they are and whether they can move; a
    Commitment line does not clash with itself), days out of the US, and another trip's activity on the same day."""
    lines = [(trip.number, i, line) for trip in trips for i, line in enumerate(trip.days)]
    notes: dict[tuple[int, int], list[str]] = {(number, i): [] for number, i, _ in lines}
    commitments = season.commitments
    for what_cell, start_cell, end_cell, movable_cell, city, state in zip(
            *(commitments[c] for c in ("What", "Start", "End", "Can move", "City", "State")), strict=True):
        start = as_date(start_cell)
        if start is None:
            continue
        end = as_date(end_cell) or start
        movable = "can move" if movable_cell == "Yes" else "cannot move"
        what = str(what_cell or "") or "a commitment"
        where = ", ".join(str(v) for v in (city, state) if str(v).strip())
        for number, i, line in lines:
            own = line.activity == COMMITMENT and line.program == what
            if start <= line.day <= end and not own:
                notes[number, i].append(f"{what}{' in ' + where if where else ''} ({movable})")
    profile = season.profile
    for number, i, line in lines:
        if not profile.in_us_on(line.day):
            notes[number, i].append("you are not in the US on this day")
    active: dict[dt.date, list[tuple[int, int, TripDay]]] = {}
    for number, i, line in lines:
        if line.activity != TRAVEL:
            active.setdefault(line.day, []).append((number, i, line))
    for same_day in active.values():
        if len({number for number, _, _ in same_day}) > 1:
            programs = {line.program for _, _, line in same_day}
            for number, i, line in same_day:
                notes[number, i].append("same day as " + ", ".join(sorted(programs - {line.program})))
    by_number = {trip.number: trip for trip in trips}
    for (number, i), found in notes.items():
        if found:
            trip = by_number[number]
            trip.days[i] = replace(trip.days[i], conflicts="; ".join(found))
