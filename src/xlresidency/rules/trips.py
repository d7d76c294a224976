"""The trip planner: where each second look goes (plans A, B, C or Standalone) and the season's trips.

In-person interviews and commitments with a city (places the applicant must be), close together in time and
place, form the season's fixed trips; each second look is placed beside one of them, on a trip through nearby
Visit programs, or on a trip of its own, by an exact search for the cheapest placement. A trip's stops go in the
order of least travel (``least_travel``). The days come from ``days.SeasonDays`` (the same free days the Feasible
criterion counts), the costs from ``costs.py``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

import pandas as pd

from ..core.records import Place, Problem, Season
from ..ground.costs import DAY_TRIP_MILES, has_us_stay, is_local, no_base_advice, stay_cost, trip_fare
from ..ground.days import as_date, day_text, window
from ..ground.places import miles_between
from ..ground.season import SeasonGround
from .itinerary import away_overnight, price_days
from .routes import (
    COMMITMENT,
    FIXED,
    INTERVIEW,
    PLAN_CLUSTER,
    PLAN_NEARBY,
    PLAN_OWN,
    PLAN_STANDALONE,
    SECOND_LOOK,
    TRAVEL,
    Stop,
    Trip,
    TripDay,
    TripPlan,
    Visit,
    anchor_days,
    least_travel,
    path_miles,
    route_miles,
)

__all__ = [  # the planner, and what a trip is made of (routes.py), for the modules that read a trip plan
    "COMMITMENT", "FIXED", "INTERVIEW", "PLAN_CLUSTER", "PLAN_NEARBY", "PLAN_OWN", "PLAN_STANDALONE", "SECOND_LOOK",
    "TRAVEL", "Stop", "Trip", "TripDay", "TripPlan", "Visit", "away_overnight", "least_travel", "placement_costs",
    "plan_visits", "route_miles", "visit_stays",
]

MAX_STOPS_PER_TRIP = 4
"""Most second looks one multi-program trip (plan C) or one interview trip takes."""
EXACT_SEARCH_LIMIT = 5
"""Most Visit programs placed together by the exhaustive search; beyond it, the rest are placed one at a time.

Measured (benchmarks/bench_trips.py, the hardest shape: every program near every other and near four interview
trips, three-week windows): 1-3 programs under 30 ms, 4 about 0.2 s, 5 about 0.8 s, 6 about 3 s, 8 about 25 s.
``Max second looks`` is 2 by default."""
_DROP_PENALTY = 1e9  # leaving a visit unplaced costs more than any trip: place as many as possible first


@dataclass(frozen=True)
class _Option:
    """One way to schedule a group of second looks: days per member, cost per member, plans, days taken."""

    cost: float
    days: tuple[int, ...]
    costs: tuple[float, ...]
    plans: tuple[str, ...]
    taken: frozenset[int]


@dataclass(frozen=True)
class _Candidate:
    row: object
    program: str
    place: Place
    days: frozenset[int]  # ordinals of the days a visit may fall on
    own_interview: int | None  # ordinal of its own in-person interview day


_Group = tuple[object, list[_Candidate]]  # (interview trip index, or None for a trip of its own; members)


class _Planner:
    """The exact search over one season; see ``plan_visits``."""

    def __init__(self, ground: SeasonGround, chosen: pd.DataFrame, taken: frozenset[int] = frozenset()) -> None:
        season = ground.season
        self.season = season
        self.settings = season.settings
        self.profile = season.profile
        self.base = ground.base
        self.window = max(int(self.settings.cluster_window_days), 1)
        self.radius = float(self.settings.nearby_radius_miles)
        self.problems: list[Problem] = []
        self.day_cost = self.settings.hotel_per_night + self.settings.meals_per_day
        self.day_cost += self.settings.local_transport_per_day
        self.days = ground.days
        self.interview_trips = self._interview_trips()
        self.fixed = self.days.fixed
        self.fixed_days = frozenset(self.fixed)
        self.blocked = self.days.blocked
        self.trip_taken = [self._trip_days(t) for t in self.interview_trips]
        self.all_trip_taken = frozenset().union(taken, *self.trip_taken)
        self.taken = taken  # days already held by visits placed earlier
        self.reasons: dict[object, str] = {}
        starts, ends = window(chosen, self.settings)
        self.candidates = [
            c for c in (self._candidate(row, rec, as_date(first), as_date(last))
                        for (row, rec), first, last in zip(chosen.iterrows(), starts, ends, strict=True)) if c
        ]
        self._cache: dict[tuple[object, ...], list[_Option]] = {}

    # -- the season's fixed travel ----------------------------------------------------------------

    def _commitment_stops(self) -> list[Stop]:
        """Commitments with a known city away from the base: their first and last day are stops of a trip."""
        stops: list[Stop] = []
        commitments = self.season.commitments
        for row, rec in commitments[commitments["City"].astype(str).str.strip() != ""].iterrows():
            first = as_date(rec["Start"])
            place = self.season.places.commitments.get(row)
            if first is None or place is None or not self._away(place):
                continue
            last = max(as_date(rec["End"]) or first, first)
            what = str(rec["What"] or "") or "a commitment"
            stops.extend(Stop(day, place, COMMITMENT, what, ("Commitments", row)) for day in sorted({first, last}))
        return stops

    def _interview_trips(self) -> list[Trip]:
        """The fixed trips: in-person interviews and commitments with a city, joined when at most the clustering
        window apart and within the nearby radius (the two ends of one commitment always share a trip)."""
        programs = self.season.programs
        in_person = programs[(programs["Interview format"] == "In-person") & programs["Interview date"].notna()]
        stops: list[Stop] = []
        for row, rec in in_person.iterrows():
            place = self.season.places.programs.get(row)
            if place is None:
                self.problems.append(Problem(
                    "Programs", int(cast(int, row)), "City",
                    f"The in-person interview at '{rec['Program']}' cannot be placed on a trip: "
                    f"'{rec['City']}, {rec['State']}' is not a place this tool knows",
                    "Check the city and state spelling, or add the program's ZIP.",
                ))
                continue
            stops.append(Stop(as_date(rec["Interview date"]) or dt.date.min, place, INTERVIEW,
                              str(rec["Program"]), row))
        stops.extend(self._commitment_stops())
        stops.sort(key=lambda s: (s.day, s.activity != INTERVIEW, str(s.program)))
        trips_found: list[Trip] = []
        for stop in stops:
            last = trips_found[-1] if trips_found else None
            if last is not None and (
                    any(s.row == stop.row and s.activity == COMMITMENT for s in last.stops)
                    or ((stop.day - last.end).days <= self.window
                        and any(miles_between(s.place, stop.place) <= self.radius for s in last.stops))):
                last.stops.append(stop)
            else:
                trips_found.append(Trip(len(trips_found) + 1, [stop]))
        for trip in trips_found:
            trip.stops = least_travel(trip.stops, self.base)
            trip.cost = self._trip_cost([s.place for s in trip.stops], [s.day.toordinal() for s in trip.stops])
        return trips_found

    def _local(self, place: Place) -> bool:
        return is_local(self.settings, self.base, place)

    def _away(self, place: Place) -> bool:
        return self.base is None or miles_between(self.base, place) > DAY_TRIP_MILES

    def _trip_days(self, trip: Trip) -> frozenset[int]:
        first = trip.start.toordinal() - (1 if self._away(trip.stops[0].place) else 0)
        return frozenset(range(first, trip.end.toordinal() + 1))

    # -- one program's possible days ----------------------------------------------------------------

    def _candidate(self, row: object, rec: pd.Series, start: dt.date | None, end: dt.date | None) -> _Candidate | None:
        """The days a visit to one program may fall on, within ``start``-``end`` (its window from
        ``days.window``, already cut at the day before the deadline); None with a reason when none."""
        place = self.season.places.programs.get(row)
        if place is None:
            self.reasons[row] = (f"its place ({rec['City']}, {rec['State']}) is not one this tool knows, so no "
                                 "trip can be planned; fix it on the Programs sheet")
            self.problems.append(Problem(
                "Programs", int(cast(int, row)), "City",
                f"No second-look trip can be planned for '{rec['Program']}': '{rec['City']}, {rec['State']}' "
                "is not a place this tool knows",
                "Check the city and state spelling, or add the program's ZIP.",
            ))
            return None
        if self.base is None and has_us_stay(self.profile):
            self.reasons[row] = f"no starting city for trips is known: {no_base_advice(self.profile)}"
            return None
        deadline = self.settings.rank_list_deadline
        interview = as_date(rec["Interview date"])
        if interview and (start is None or start <= interview):  # a second look follows the interview
            start = interview + dt.timedelta(days=1)
        if start is None or end is None or start > end:
            self.reasons[row] = ("its second-look window leaves no day after its interview and before the rank "
                                 f"list deadline ({day_text(deadline)})")
            return None
        window = range(start.toordinal(), end.toordinal() + 1)
        in_us = [d for d in window if self.days.in_us(d)]
        if not in_us:
            self.reasons[row] = (f"you are not in the US on any day of its second-look window "
                                 f"({day_text(start)} to {day_text(end)})")
            return None
        free, _ = self.days.visit_days(d for d in in_us if d not in self.blocked)
        if not free:
            holders = sorted({self.blocked[d] for d in in_us})
            self.reasons[row] = ("every day of its window that you are in the US is taken by "
                                 + ", ".join(holders[:3]) + (" and more" if len(holders) > 3 else ""))
            return None
        own = interview.toordinal() if interview and rec["Interview format"] == "In-person" else None
        return _Candidate(row, str(rec["Program"]), place, free, own)

    # -- what trips cost ----------------------------------------------------------------------------

    def _trip_cost(self, places: list[Place], days: list[int]) -> float:
        """A trip from the base through ``places`` on ``days`` (in order) and back; a visit from home (every place
        within the local radius) costs each day's local transport only."""
        settings = self.settings
        if all(self._local(place) for place in places):
            return float(settings.local_transport_per_day * len(set(days)))
        legs = sum(miles_between(a, b) for a, b in itertools.pairwise(places)) * settings.driving_per_mile
        span = days[-1] - days[0]
        if self.base is None:
            return float(settings.international_round_trip + legs + stay_cost(settings, span + 1))
        fare = trip_fare(settings, self.base, places[0], places[-1])
        nights = span + (1 if miles_between(self.base, places[0]) > DAY_TRIP_MILES else 0)
        return float(fare + legs + stay_cost(settings, nights))

    # -- ways to schedule one group -----------------------------------------------------------------

    def _near_trips(self, cand: _Candidate) -> list[int]:
        """Interview trips away from the base with an interview within the nearby radius of the program; none for a
        program within the local radius, visited from home whatever trips pass near it."""
        if self._local(cand.place):
            return []
        return [
            i for i, trip in enumerate(self.interview_trips)
            if self._away(trip.stops[0].place)
            and any(miles_between(s.place, cand.place) <= self.radius for s in trip.stops)
        ]

    def _attached(self, trip_index: int, members: tuple[_Candidate, ...]) -> list[_Option]:
        """Plans A and B: second looks added to the days around an interview trip."""
        trip = self.interview_trips[trip_index]
        start, end = trip.start.toordinal(), trip.end.toordinal()
        before = 1 if self._away(trip.stops[0].place) else 0  # the evening-before travel day
        reach = self.window * len(members)
        interview_days = anchor_days(trip)
        other_trips = frozenset().union(
            *(t for i, t in enumerate(self.trip_taken) if i != trip_index)
        ) if len(self.trip_taken) > 1 else frozenset()
        choices = [sorted(d for d in c.days if start - reach <= d <= end + reach) for c in members]
        options: list[_Option] = []
        for days in itertools.product(*choices):
            if len(set(days)) < len(days):
                continue
            chain = sorted([*interview_days, *days])
            if any(b - a > self.window for a, b in itertools.pairwise(chain)):
                continue
            added = frozenset(range(chain[0] - before, chain[-1] + 1)) - self.trip_taken[trip_index]
            if added & other_trips or (added | frozenset(days)) & self.taken:
                continue
            if added & self.fixed_days:  # travelling or away on a day that cannot move
                continue
            if before and chain[0] < start and not self.profile.in_us_on(dt.date.fromordinal(chain[0] - 1)):
                continue
            # What the trip costs with the visits on their days, in the order of least travel, minus without.
            visits = [Stop(dt.date.fromordinal(d), c.place, SECOND_LOOK, c.program, c.row)
                      for c, d in zip(members, days, strict=True)]
            route = least_travel([*trip.stops, *visits], self.base)
            extra = self._trip_cost([s.place for s in route], [s.day.toordinal() for s in route]) - trip.cost
            costs = (extra / len(members),) * len(members)
            if any(cost > self._alone(c) + 1e-6 for c, cost in zip(members, costs, strict=True)):
                continue  # joining a trip never makes a visit dearer than it is on its own
            # B is the extra day right after the program's own interview; any other day beside the trip is A.
            plans = tuple(PLAN_OWN if c.own_interview is not None and c.own_interview in interview_days
                          and d == c.own_interview + 1 else PLAN_NEARBY for c, d in zip(members, days, strict=True))
            options.append(_Option(sum(costs), tuple(days), costs, plans, added | frozenset(days)))
        return options

    def _free(self, members: tuple[_Candidate, ...]) -> list[_Option]:
        """Standalone, or plan C: one trip through nearby programs on days at most the clustering window apart.

        For each run of days, of all the orders the programs' days allow, only the one of least travel (miles from
        the base through the stops and back) is kept: the planner then chooses the days by cost."""
        by_days: dict[tuple[int, ...], tuple[float, _Option]] = {}
        plan = PLAN_CLUSTER if len(members) > 1 else PLAN_STANDALONE
        for order in itertools.permutations(range(len(members))):
            places = [members[i].place for i in order]
            overnight = self._away(places[0])
            miles = path_miles(places, self.base)
            for days in self._chains([members[i].days for i in order]):
                if overnight and not self.profile.in_us_on(dt.date.fromordinal(days[0] - 1)):
                    continue
                taken = frozenset(range(days[0] - (1 if overnight else 0), days[-1] + 1))
                if taken & self.all_trip_taken or taken & self.fixed_days:
                    continue
                cost = self._trip_cost(places, list(days))
                by_member = [0.0] * len(members)
                day_of = [0] * len(members)
                for position, i in enumerate(order):
                    by_member[i] = cost / len(members)
                    day_of[i] = days[position]
                option = _Option(cost, tuple(day_of), tuple(by_member), (plan,) * len(members), taken)
                kept = by_days.get(tuple(days))
                if kept is None or (miles, cost) < (kept[0] - 1e-9, kept[1].cost):
                    by_days[tuple(days)] = (miles, option)
        return [option for _, option in by_days.values()]

    def _alone(self, cand: _Candidate) -> float:
        """What a visit costs on a trip of its own, at its cheapest day; infinite when no day works."""
        options = self._options(None, (cand,))
        return options[0].cost if options else math.inf

    def _chains(self, allowed: list[frozenset[int]]) -> list[tuple[int, ...]]:
        """Day sequences, one day per stop, each 1 to ``window`` days after the previous."""
        found: list[tuple[int, ...]] = [(d,) for d in sorted(allowed[0])]
        for days in allowed[1:]:
            found = [(*c, c[-1] + g) for c in found for g in range(1, self.window + 1) if c[-1] + g in days]
        return found

    def _options(self, kind: object, members: tuple[_Candidate, ...]) -> list[_Option]:
        key = (kind, *(m.row for m in members))
        if key not in self._cache:
            found = self._free(members) if kind is None else self._attached(cast(int, kind), members)
            self._cache[key] = sorted(found, key=lambda o: (round(o.cost, 6), o.days))
        return self._cache[key]

    # -- the search ---------------------------------------------------------------------------------

    def _structures(self) -> Iterator[list[tuple[object, tuple[_Candidate, ...]]]]:
        """Every way to split the candidates into groups: one interview trip each, or one trip of their own
        through programs that all lie near each other; a candidate may also be left out."""
        cands = self.candidates
        near = [set(self._near_trips(c)) for c in cands]
        local = {c.row for c in cands if self._local(c.place)}  # visited from home, each on a day of its own

        def walk(i: int, groups: list[_Group]) -> Iterator[list[_Group]]:
            if i == len(cands):
                yield groups
                return
            cand = cands[i]
            for g, (kind, members) in enumerate(groups):
                if len(members) >= MAX_STOPS_PER_TRIP or cand.row in local or any(m.row in local for m in members):
                    continue
                if kind is None and not all(miles_between(m.place, cand.place) <= self.radius for m in members):
                    continue
                if kind is not None and kind not in near[i]:
                    continue
                yield from walk(i + 1, [*groups[:g], (kind, [*members, cand]), *groups[g + 1:]])
            used = {kind for kind, _ in groups}
            for trip_index in sorted(near[i] - used):
                yield from walk(i + 1, [*groups, (trip_index, [cand])])
            yield from walk(i + 1, [*groups, (None, [cand])])
            yield from walk(i + 1, groups)  # left out

        for groups in walk(0, []):
            yield [(kind, tuple(members)) for kind, members in groups]

    def solve(self) -> dict[object, tuple[int, object, int, str, float]]:
        """The cheapest placement, {row: (group, interview trip index or None, day ordinal, plan, cost)}.

        As many visits placed as possible (the earlier candidates first), then the lowest total cost, then the
        earliest days."""
        cands = self.candidates
        penalty = {c.row: _DROP_PENALTY * (1 + (len(cands) - i) / (len(cands) + 1)) for i, c in enumerate(cands)}
        best_cost = math.fsum(penalty.values()) + 1
        best: dict[object, tuple[int, object, int, str, float]] = {}
        for structure in self._structures():
            placed = {m.row for _, members in structure for m in members}
            dropped = math.fsum(p for row, p in penalty.items() if row not in placed)
            lists = [self._options(kind, members) for kind, members in structure]
            if any(not options for options in lists):
                continue
            found = _cheapest_disjoint(lists, best_cost - dropped)
            if found is None:
                continue
            cost, picks = found
            best_cost = dropped + cost
            best = {
                m.row: (group, kind, option.days[j], option.plans[j], option.costs[j])
                for group, ((kind, members), option) in enumerate(zip(structure, picks, strict=True))
                for j, m in enumerate(members)
            }
        for cand in cands:
            if cand.row not in best and not self._any_trip(cand):
                self.reasons.setdefault(cand.row, self._no_trip_reason(cand))
        return best

    def _any_trip(self, cand: _Candidate) -> bool:
        """Whether some trip could take this visit on its own."""
        return bool(self._options(None, (cand,))) or any(self._options(i, (cand,)) for i in self._near_trips(cand))

    def _no_trip_reason(self, cand: _Candidate) -> str:
        first, last = min(cand.days), max(cand.days)
        holders = sorted({name for day, name in self.fixed.items() if first - 1 <= day <= last})
        if not holders:
            return ("every trip to it would need a day you are already travelling, away on an interview trip, "
                    "or out of the US")
        return ("every trip to it would have you travelling or away on a day you cannot move: "
                + ", ".join(holders[:3]) + (" and more" if len(holders) > 3 else ""))


def _cheapest_disjoint(lists: list[list[_Option]], bound: float) -> tuple[float, list[_Option]] | None:
    """One option from each list (each sorted by cost) with no day taken twice, cheapest in total and below
    ``bound``; None when there is none. Branch and bound: the cheapest options still open bound what is left."""
    rest = [math.fsum(options[0].cost for options in lists[i:]) for i in range(len(lists) + 1)]
    if rest[0] >= bound:
        return None
    best: list[tuple[float, list[_Option]]] = []
    picks: list[_Option] = []

    def search(i: int, cost: float, taken: frozenset[int]) -> None:
        limit = best[-1][0] if best else bound
        if i == len(lists):
            if cost < limit:
                best.append((cost, list(picks)))
            return
        for option in lists[i]:
            if cost + option.cost + rest[i + 1] >= (best[-1][0] if best else bound):
                break
            if option.taken & taken:
                continue
            picks.append(option)
            search(i + 1, cost + option.cost, taken | option.taken)
            picks.pop()

    search(0, 0.0, frozenset())
    return best[-1] if best else None


def placement_costs(ground: SeasonGround, rows: pd.DataFrame) -> pd.Series:
    """What a second look at each program of ``rows`` costs where the planner can put it on its own: the cheapest
    of the days beside an interview trip near it (plans A and B: the extra nights, meals, local transport and the
    drive from the nearest stop) and a trip of its own; NaN where no day works. The second-look decision weighs
    the budget against this."""
    planner = _Planner(ground, rows)
    cheapest = {
        cand.row: min((options[0].cost for kind in [None, *planner._near_trips(cand)]
                       if (options := planner._options(kind, (cand,)))), default=math.nan)
        for cand in planner.candidates
    }
    return pd.Series(cheapest, index=rows.index, dtype=float)


def plan_visits(ground: SeasonGround, chosen: pd.DataFrame) -> TripPlan:
    """Place a second look for each row of ``chosen`` (Programs rows, best first) and lay out the season's trips.

    A visit's day lies in the program's window (``days.window``: a blank window is the usual weeks) and
    after its own interview, before the rank-list deadline, while the applicant is in the US, on no interview day;
    no day of its trip (the visit, the evening-before travel, the days away between stops) falls on a commitment
    that cannot move.
    Plans: **A** days around an in-person interview trip near the program (at most the clustering window from
    its interviews), **B** the same after
    the program's own in-person interview, **C** one trip through several Visit programs near each other on days
    at most the clustering window apart, else **Standalone**. The search tries every grouping and every day and
    keeps the placement that places the most visits (earlier rows first) at the lowest total cost; the first
    ``EXACT_SEARCH_LIMIT`` rows are searched together, later rows one at a time around them.
    """
    head, tail = chosen.iloc[:EXACT_SEARCH_LIMIT], chosen.iloc[EXACT_SEARCH_LIMIT:]
    planner = _Planner(ground, head)
    solution = planner.solve()
    for row in tail.index:  # beyond the exact search: each further visit around those already placed
        single = _Planner(ground, tail.loc[[row]], taken=_taken_days(planner, solution))
        planner.reasons.update(single.reasons)
        planner.problems.extend(p for p in single.problems if p not in planner.problems)
        planner.candidates.extend(single.candidates)
        offset = len(chosen) + len(solution)
        solution.update({r: (g + offset, k, d, p, c) for r, (g, k, d, p, c) in single.solve().items()})
    return _layout(planner, chosen, solution)


def _taken_days(planner: _Planner, solution: dict[object, tuple[int, object, int, str, float]]) -> frozenset[int]:
    """Days the placed visits and the trips they make already hold."""
    taken: set[int] = set()
    groups: dict[int, list[int]] = {}
    for group, _kind, day, _plan, _cost in solution.values():
        groups.setdefault(group, []).append(day)
    for group, days in groups.items():
        kind = next(k for g, k, *_ in solution.values() if g == group)
        if kind is None:
            taken.update(range(min(days) - 1, max(days) + 1))
        else:
            trip = planner.interview_trips[cast(int, kind)]
            taken.update(range(min([*days, trip.start.toordinal()]) - 1, max([*days, trip.end.toordinal()]) + 1))
    return frozenset(taken)


def _layout(
    planner: _Planner, chosen: pd.DataFrame, solution: dict[object, tuple[int, object, int, str, float]]
) -> TripPlan:
    """The placements and the season's trips (interview trips, extended or not, and second-look trips), each
    trip's days priced (``itinerary.price_days``)."""
    names: dict[object, str] = {row: str(name) for row, name in chosen["Program"].items()}
    places = {c.row: c.place for c in planner.candidates}
    visits_by_trip: dict[object, list[tuple[object, int, str, float]]] = {}
    for row, (group, kind, day, plan, cost) in solution.items():
        key = ("interview", kind) if kind is not None else ("own", group)
        visits_by_trip.setdefault(key, []).append((row, day, plan, cost))
    built: list[tuple[Trip, list[tuple[object, int, str, float]]]] = []
    for index, interview in enumerate(planner.interview_trips):
        added = visits_by_trip.pop(("interview", index), [])
        stops = [*interview.stops, *(_visit_stop(row, day, places, names) for row, day, _, _ in added)]
        extra = math.fsum(cost for *_, cost in added)
        built.append((Trip(0, least_travel(stops, planner.base), interview.cost + extra, extra), added))
    for added in visits_by_trip.values():
        stops = [_visit_stop(row, day, places, names) for row, day, _, _ in added]
        extra = math.fsum(cost for *_, cost in added)
        built.append((Trip(0, least_travel(stops, planner.base), extra, extra), added))
    built.sort(key=lambda pair: (pair[0].start, pair[0].stops[0].program))
    placements: dict[object, Visit | str] = {}
    for number, (trip, added) in enumerate(built, start=1):
        trip.number = number
        for row, day, plan, cost in added:
            placements[row] = Visit(row, str(names[row]), dt.date.fromordinal(day), plan, round(cost, 2), number)
    for row in chosen.index:
        if row not in placements:
            placements[row] = planner.reasons.get(
                row, "every day that would work is already taken by a visit placed before it or by its trip"
            )
    ordered = {row: placements[row] for row in chosen.index}
    trips = [trip for trip, _ in built]
    price_days(planner.season, planner.base, trips, placements)
    return TripPlan(ordered, trips, planner.base, planner.problems)


def _visit_stop(row: object, day: int, places: dict[object, Place], names: dict[object, str]) -> Stop:
    return Stop(dt.date.fromordinal(day), places[row], SECOND_LOOK, str(names[row]), row)


def new_problems(season: Season, plan: TripPlan) -> list[Problem]:
    """The plan's problems that the input checks have not already named (same sheet, row and place column)."""
    named = {(p.sheet, p.row) for p in season.problems if p.column in ("City", "State", "ZIP")}
    fresh: list[Problem] = []
    for problem in plan.problems:
        if (problem.sheet, problem.row) not in named:
            named.add((problem.sheet, problem.row))
            fresh.append(problem)
    return fresh


def visit_stays(season: Season, plan: TripPlan) -> dict[object, tuple[dt.date, dt.date]]:
    """Per placed visit (Programs row), the first and last day its trip spends in the program's city.

    The trip's days in that city are its stops there, and the evening before when the trip starts there; the
    Trips sheet lists the same days.
    """
    programs = season.programs
    where = {row: (str(c).casefold().strip(), str(s).casefold().strip())
             for row, c, s in zip(programs.index, programs["City"], programs["State"], strict=True)}

    def city(stop: Stop) -> tuple[str, str]:
        return where.get(stop.row, (stop.place.city.casefold(), stop.place.state.casefold()))

    stays: dict[object, tuple[dt.date, dt.date]] = {}
    by_number = {trip.number: trip for trip in plan.trips}
    for row, visit in plan.placements.items():
        if not isinstance(visit, Visit) or visit.trip not in by_number:
            continue
        trip = by_number[visit.trip]
        first = trip.stops[0]
        entries = [(first.day - dt.timedelta(days=1 if away_overnight(plan.base, trip) else 0), city(first))]
        entries += [(stop.day, city(stop)) for stop in trip.stops]
        here = city(next(s for s in trip.stops if s.row == row and s.activity == SECOND_LOOK))
        days = [day for day, place in entries if place == here]
        stays[row] = (min(days), max(days))
    return stays
