"""What a trip is made of and the order of least travel: stops, placed visits, trips and their priced days.

The trip planner (``trips.py``) makes these; the itinerary (``itinerary.py``) prices each day of a trip; the Trips
and Season Calendar sheets, the emails and the calendar export read them. ``least_travel`` puts a trip's stops in
the order of least travel.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from dataclasses import dataclass, field

from ..core.records import Place, Problem
from ..ground.places import miles_between

INTERVIEW, SECOND_LOOK, TRAVEL, COMMITMENT = "Interview", "Second look", "Travel", "Commitment"
"""What a day of a trip is for (the Activity column of the Trips sheet)."""
FIXED = (INTERVIEW, COMMITMENT)
"""Stops that are there before any second look is placed: the trips are built around them."""

PLAN_NEARBY, PLAN_OWN, PLAN_CLUSTER, PLAN_STANDALONE = "A", "B", "C", "Standalone"


@dataclass(frozen=True)
class Stop:
    """One day's activity at one place: an in-person interview or a second look."""

    day: dt.date
    place: Place
    activity: str  # Interview / Second look
    program: str
    row: object


@dataclass(frozen=True)
class Visit:
    """A placed second look: its day, plan, estimated cost, and the trip it belongs to."""

    row: object
    program: str
    day: dt.date
    plan: str
    cost: float
    trip: int


@dataclass(frozen=True)
class TripDay:
    """One line of a trip as the Trips sheet shows it: a travel day or a stop, with the miles to it, the nights
    until the next stop, its share of the trip's cost, and what else that day holds (``conflicts``)."""

    day: dt.date
    city: str
    state: str
    activity: str  # Travel / Interview / Commitment / Second look
    program: str
    miles: float
    nights: int
    cost: float
    conflicts: str = ""


@dataclass
class Trip:
    """A journey from the base and back: its stops in day order, what it costs, how much is for second looks, and
    (once the season's trips are laid out) its days priced line by line (``days``)."""

    number: int
    stops: list[Stop]
    cost: float = 0.0
    second_look_cost: float = 0.0
    days: list[TripDay] = field(default_factory=list)

    @property
    def start(self) -> dt.date:
        return self.stops[0].day

    @property
    def end(self) -> dt.date:
        return self.stops[-1].day


@dataclass
class TripPlan:
    """Where each Visit program goes (a ``Visit``, or the reason no day works) and the season's trips, each with
    its days priced (``Trip.days``)."""

    placements: dict[object, Visit | str]
    trips: list[Trip]
    base: Place | None
    problems: list[Problem]

    @property
    def second_look_total(self) -> float:
        return float(sum(v.cost for v in self.placements.values() if isinstance(v, Visit)))


EXACT_ORDER_LIMIT = 7
"""Most stops on one day whose every order is tried; beyond it (never in a real season) they keep their order."""


def route_miles(stops: list[Stop], base: Place | None) -> float:
    """Miles from the base through the stops in their order and back (no base: between the stops only)."""
    return path_miles([s.place for s in stops], base)


def path_miles(places: list[Place], base: Place | None) -> float:
    ends = [base, *places, base] if base is not None and places else places
    return math.fsum(miles_between(a, b) for a, b in itertools.pairwise(ends))


def least_travel(stops: list[Stop], base: Place | None) -> list[Stop]:
    """The stops in day order and, within a day, in the order of least travel from the base and back.

    Exact: every order of each day's stops is tried, carried from one day to the next by the stop it ends on
    (dynamic programming over days), so the result is the shortest of all day-respecting orders. Ties keep the
    usual order (interviews, then commitments, then second looks, then by name).
    """
    ordered = sorted(stops, key=_stop_order)
    days = [list(group) for _, group in itertools.groupby(ordered, key=lambda s: s.day)]
    # best[i]: (miles so far, order so far) for routes ending on stop i of the current day's group
    best: dict[int, tuple[float, list[Stop]]] = {-1: (0.0, [])}
    for group in days:
        orders = itertools.permutations(group) if len(group) <= EXACT_ORDER_LIMIT else iter([tuple(group)])
        found: dict[int, tuple[float, list[Stop]]] = {}
        for order in orders:
            inner = math.fsum(miles_between(a.place, b.place) for a, b in itertools.pairwise(order))
            for miles, route in best.values():
                here = route[-1].place if route else base
                total = miles + inner + (miles_between(here, order[0].place) if here is not None else 0.0)
                last = group.index(order[-1])
                if last not in found or total < found[last][0] - 1e-9:
                    found[last] = (total, [*route, *order])
        best = found
    finish = [(miles + (miles_between(route[-1].place, base) if base is not None and route else 0.0), route)
              for miles, route in best.values()]
    return min(finish, key=lambda pair: pair[0])[1] if finish else []


def anchor_days(trip: Trip) -> list[int]:
    """The days a fixed trip is somewhere on: its stops, and every day between the two ends of a commitment."""
    days = {s.day.toordinal() for s in trip.stops}
    ends: dict[object, list[int]] = {}
    for stop in trip.stops:
        if stop.activity == COMMITMENT:
            ends.setdefault(stop.row, []).append(stop.day.toordinal())
    for found in ends.values():
        days.update(range(min(found), max(found) + 1))
    return sorted(days)


def _stop_order(stop: Stop) -> tuple[dt.date, int, str]:
    return stop.day, {INTERVIEW: 0, COMMITMENT: 1}.get(stop.activity, 2), stop.program
