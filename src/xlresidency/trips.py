"""Places, distances and travel: geodata from the installed ``zipcodes`` package, great-circle miles.

Places are looked up offline: by ZIP when one is given, else by City + State (names folded so that
"St. Louis" finds "Saint Louis" and "Winston-Salem" finds "Winston Salem"). A place that cannot be found
is ``None``, never guessed.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import math
import re
from collections.abc import Hashable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

import numpy as np
import pandas as pd
import zipcodes

from .settings import Settings

if TYPE_CHECKING:  # schema imports this module for its place checks
    from .regenerate import OutputSheet
    from .schema import Problem, Profile, Season
    from .second_look import Placement

EARTH_RADIUS_MILES = 3958.8

US_STATES = frozenset(
    (
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
        "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC",
        "ND", "OH", "OK", "OR", "PA", "PR", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "VI", "WA", "WV",
        "WI", "WY", "GU", "AS", "MP",
    )
)

REGIONS: dict[str, frozenset[str]] = {
    # US Census Bureau regions; DC belongs to the South.
    "Northeast": frozenset(
        (
            "CT", "ME", "MA", "NH", "RI", "VT", "NJ", "NY", "PA",
        )
    ),
    "Midwest": frozenset(
        (
            "IL", "IN", "MI", "OH", "WI", "IA", "KS", "MN", "MO", "NE", "ND", "SD",
        )
    ),
    "South": frozenset(
        (
            "DE", "DC", "FL", "GA", "MD", "NC", "SC", "VA", "WV", "AL", "KY", "MS", "TN", "AR", "LA", "OK",
            "TX", "PR", "VI",
        )
    ),
    "West": frozenset(
        (
            "AZ", "CO", "ID", "MT", "NV", "NM", "UT", "WY", "AK", "CA", "HI", "OR", "WA", "GU", "AS", "MP",
        )
    ),
}

_PREFIXES = {"ST": "SAINT", "STE": "SAINTE", "FT": "FORT", "MT": "MOUNT"}


@dataclass(frozen=True)
class Place:
    """A US place with coordinates."""

    city: str
    state: str
    lat: float
    lon: float


def fold_city(city: object) -> str:
    """A city name folded for matching: upper case, no punctuation, St/Ft/Mt spelled out."""
    words = re.sub(r"[^A-Z0-9 ]+", " ", str(city).upper().replace("-", " ")).split()
    if words and words[0] in _PREFIXES:
        words[0] = _PREFIXES[words[0]]
    return " ".join(words)


@dataclass(frozen=True)
class _Index:
    by_city: dict[tuple[str, str], Place]
    by_zip: dict[str, Place]


@functools.cache
def _index() -> _Index:
    coords: dict[tuple[str, str], list[tuple[float, float]]] = {}
    names: dict[tuple[str, str], str] = {}
    by_zip: dict[str, Place] = {}
    for entry in zipcodes.list_all():
        lat, lon = float(entry["lat"]), float(entry["long"])
        state = entry["state"]
        by_zip[entry["zip_code"]] = Place(entry["city"], state, lat, lon)
        if entry["zip_code_type"] in ("MILITARY",):
            continue
        for name in [entry["city"], *entry.get("acceptable_cities", [])]:
            key = (fold_city(name), state)
            coords.setdefault(key, []).append((lat, lon))
            names.setdefault(key, entry["city"])
    by_city = {
        key: Place(names[key], key[1], float(np.mean([c[0] for c in pts])), float(np.mean([c[1] for c in pts])))
        for key, pts in coords.items()
    }
    return _Index(by_city, by_zip)


def normalise_zip(value: object) -> str:
    """A ZIP as five digits ('2115' -> '02115', '02115-1234' -> '02115'), or '' when not a ZIP."""
    text = str(value).strip()
    if re.fullmatch(r"\d+(\.0+)?", text):
        text = str(int(float(text))).zfill(5)
    match = re.fullmatch(r"(\d{5})(-\d{4})?", text)
    return match.group(1) if match else ""


def find_place(city: object, state: object, zip_code: object = "") -> Place | None:
    """The place for a ZIP (when given and known) or a City + State; None when unknown."""
    index = _index()
    zip5 = normalise_zip(zip_code) if zip_code not in (None, "") else ""
    if zip5 and zip5 in index.by_zip:
        return index.by_zip[zip5]
    if city is None or state is None or not str(city).strip():
        return None
    return index.by_city.get((fold_city(city), str(state).strip().upper()))


def region_of(state: object) -> str:
    """The Census region of a 2-letter state code, or '' when unknown."""
    code = str(state).strip().upper()
    return next((name for name, states in REGIONS.items() if code in states), "")


def locate(
    frame: pd.DataFrame, city: str = "City", state: str = "State", zip_column: str | None = "ZIP"
) -> pd.DataFrame:
    """Latitude and longitude columns (``lat``, ``lon``) for each row; NaN where the place is unknown."""
    zips = frame[zip_column] if zip_column and zip_column in frame else pd.Series("", index=frame.index)
    keys = pd.DataFrame({"c": frame[city].astype(str), "s": frame[state].astype(str), "z": zips.astype(str)})
    # Each distinct place is looked up once: a national list repeats its cities many times.
    unique = keys.drop_duplicates()
    places = [find_place(c, s, z) for c, s, z in unique.itertuples(index=False, name=None)]
    found = unique.assign(
        lat=[p.lat if p else np.nan for p in places], lon=[p.lon if p else np.nan for p in places]
    )
    located = keys.merge(found, on=["c", "s", "z"], how="left")
    return pd.DataFrame(
        {"lat": located["lat"].to_numpy(dtype=float), "lon": located["lon"].to_numpy(dtype=float)}, index=frame.index
    )


def great_circle_miles(lat1: object, lon1: object, lat2: object, lon2: object) -> np.ndarray:
    """Great-circle distance in miles, element-wise over arrays (haversine); NaN where a point is unknown."""
    la1, lo1, la2, lo2 = (np.radians(np.asarray(v, dtype=float)) for v in (lat1, lon1, lat2, lon2))
    a = np.sin((la2 - la1) / 2) ** 2 + np.cos(la1) * np.cos(la2) * np.sin((lo2 - lo1) / 2) ** 2
    return np.asarray(2 * EARTH_RADIUS_MILES * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0))))


def miles_between(a: Place | None, b: Place | None) -> float:
    """Miles between two places; NaN when either is unknown."""
    if a is None or b is None:
        return float("nan")
    return float(great_circle_miles(a.lat, a.lon, b.lat, b.lon))


# --------------------------------------------------------------------------------------------------
# Where trips start, and what a trip costs.

DAY_TRIP_MILES = 60.0
"""A place this close to the applicant's base is visited in a day, with no hotel night."""


def _dates(value: object) -> dt.date | None:
    """A cell value as a date, or None when blank."""
    if value is None or value is pd.NaT or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def has_us_stay(profile: Profile) -> bool:
    """Whether the applicant is in the US on some days this season (living there, or In US from/until given)."""
    return not profile.abroad or profile.in_us_from is not None or profile.in_us_until is not None


def home_base(season: Season) -> Place | None:
    """Where the applicant's trips start while in the US; None when there is no US base at all.

    Living in the US: the current city (else the first support city, else the first in-person interview city,
    so that a blank profile city still gives estimates). Living abroad but in the US for part of the season:
    the first support city (family or community, where an applicant usually stays), else the current city if it
    is a US place, else the city of the earliest in-person interview (where the stay in the US begins). Living
    abroad with no US dates: None, and every visit is priced as an international round trip.
    """
    profile = season.profile
    if not has_us_stay(profile):
        return None
    current = find_place(profile.current_city, profile.current_state) if profile.current_state else None
    supports = [find_place(city, state) for city, state in profile.support_cities]
    support = next((p for p in supports if p is not None), None)
    order = [current, support] if not profile.abroad else [support, current]
    found = next((p for p in order if p is not None), None)
    return found or _first_interview_place(season.programs)


def no_base_advice(profile: Profile) -> str:
    """What to fill in on Profile so that trips have a starting city."""
    if profile.abroad:
        return "add a Support city on Profile (City, ST: where you stay while in the US)"
    return "fill in Current city and Current state on Profile (or a Support city)"


def _first_interview_place(programs: pd.DataFrame) -> Place | None:
    in_person = programs[(programs["Interview format"] == "In-person") & programs["Interview date"].notna()]
    for _, row in in_person.sort_values("Interview date", kind="stable").iterrows():
        place = find_place(row["City"], row["State"], row.get("ZIP", ""))
        if place is not None:
            return place
    return None


def round_trip_fare(settings: Settings, miles: object) -> np.ndarray:
    """Getting there and back over a one-way distance: driven under ``Drive under (miles)``, else flown.

    Driving costs the per-mile car rate both ways; a flight costs the airfare base plus the per-mile rate on
    the one-way distance. NaN stays NaN.
    """
    d = np.asarray(miles, dtype=float)
    drive = 2 * d * settings.driving_per_mile
    fly = settings.airfare_base + settings.airfare_per_mile * d
    return np.where(d < settings.drive_under_miles, drive, fly)


def stay_cost(settings: Settings, nights: object) -> np.ndarray:
    """Hotel nights plus meals and local transport for each day away (one more day than nights)."""
    n = np.asarray(nights, dtype=float)
    return n * settings.hotel_per_night + (n + 1) * (settings.meals_per_day + settings.local_transport_per_day)


def visit_cost(season: Season, programs: pd.DataFrame) -> pd.Series:
    """The estimated cost (USD) of a second look at each program as a trip of its own; NaN where the place is unknown.

    From the base (``home_base``): there and back (``round_trip_fare``), one hotel night unless the program is
    within ``DAY_TRIP_MILES``, meals and local transport for each day away. An applicant abroad with no US dates
    pays the international round trip instead, and one night. Vectorised over the rows of ``programs``.
    """
    settings = season.settings
    where = locate(programs)
    base = home_base(season)
    known = where["lat"].notna().to_numpy()
    if base is None:
        if has_us_stay(season.profile):
            return pd.Series(np.nan, index=programs.index, dtype=float)
        cost = settings.international_round_trip + stay_cost(settings, 1)
        return pd.Series(np.where(known, cost, np.nan), index=programs.index, dtype=float)
    miles = great_circle_miles(base.lat, base.lon, where["lat"], where["lon"])
    nights = np.where(miles <= DAY_TRIP_MILES, 0.0, 1.0)
    cost = round_trip_fare(settings, miles) + stay_cost(settings, nights)
    return pd.Series(np.where(known, cost, np.nan), index=programs.index, dtype=float)


# --------------------------------------------------------------------------------------------------
# Placing second looks: plans A, B, C and Standalone, by an exact search for the cheapest placement.

PLAN_NEARBY, PLAN_OWN, PLAN_CLUSTER, PLAN_STANDALONE = "A", "B", "C", "Standalone"
MAX_STOPS_PER_TRIP = 4
"""Most second looks one multi-program trip (plan C) or one interview trip takes."""
EXACT_SEARCH_LIMIT = 5
"""Most Visit programs placed together by the exhaustive search; beyond it, the rest are placed one at a time.

Measured (benchmarks/bench_trips.py, the hardest shape: every program near every other and near four interview
trips, three-week windows): 1-3 programs under 30 ms, 4 about 0.2 s, 5 about 0.8 s, 6 about 3 s, 8 about 25 s.
``Max second looks`` is 2 by default."""
_DROP_PENALTY = 1e9  # leaving a visit unplaced costs more than any trip: place as many as possible first


def _problem(sheet: str, row: int | None, column: str, problem: str, how_to_fix: str) -> Problem:
    from .schema import Problem  # schema imports this module for its place checks

    return Problem(sheet, row, column, problem, how_to_fix)


def day_text(day: dt.date) -> str:
    """A date as '3 Mar 2027' (the same on every platform)."""
    return f"{day.day} {day:%b %Y}"


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


@dataclass
class Trip:
    """A journey from the base and back: its stops in day order, what it costs, how much is for second looks."""

    number: int
    stops: list[Stop]
    cost: float = 0.0
    second_look_cost: float = 0.0

    @property
    def start(self) -> dt.date:
        return self.stops[0].day

    @property
    def end(self) -> dt.date:
        return self.stops[-1].day


@dataclass
class TripPlan:
    """Where each Visit program goes (a ``Visit``, or the reason no day works) and the season's trips."""

    placements: dict[object, Visit | str]
    trips: list[Trip]
    base: Place | None
    problems: list[Problem]

    @property
    def second_look_total(self) -> float:
        return float(sum(v.cost for v in self.placements.values() if isinstance(v, Visit)))


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

    def __init__(self, season: Season, chosen: pd.DataFrame, taken: frozenset[int] = frozenset()) -> None:
        self.season = season
        self.settings = season.settings
        self.profile = season.profile
        self.base = home_base(season)
        self.window = max(int(self.settings.cluster_window_days), 1)
        self.radius = float(self.settings.nearby_radius_miles)
        self.problems: list[Problem] = []
        self.day_cost = self.settings.hotel_per_night + self.settings.meals_per_day
        self.day_cost += self.settings.local_transport_per_day
        self.interview_trips = self._interview_trips()
        self.fixed = self._fixed_days()
        self.fixed_days = frozenset(self.fixed)
        self.blocked = self._blocked_days()
        self.trip_taken = [self._trip_days(t) for t in self.interview_trips]
        self.all_trip_taken = frozenset().union(taken, *self.trip_taken)
        self.taken = taken  # days already held by visits placed earlier
        self.reasons: dict[object, str] = {}
        from . import second_look  # second_look prices visits with this module

        starts, ends = second_look.window(chosen, self.settings)
        self.candidates = [
            c for c in (self._candidate(row, rec, _dates(first), _dates(last))
                        for (row, rec), first, last in zip(chosen.iterrows(), starts, ends, strict=True)) if c
        ]
        self._cache: dict[tuple[object, ...], list[_Option]] = {}

    # -- the season's fixed travel ----------------------------------------------------------------

    def _interview_trips(self) -> list[Trip]:
        programs = self.season.programs
        in_person = programs[(programs["Interview format"] == "In-person") & programs["Interview date"].notna()]
        stops: list[Stop] = []
        for row, rec in in_person.iterrows():
            place = find_place(rec["City"], rec["State"], rec.get("ZIP", ""))
            if place is None:
                self.problems.append(_problem(
                    "Programs", int(cast(int, row)), "City",
                    f"The in-person interview at '{rec['Program']}' cannot be placed on a trip: "
                    f"'{rec['City']}, {rec['State']}' is not a place this tool knows",
                    "Check the city and state spelling, or add the program's ZIP.",
                ))
                continue
            stops.append(Stop(_dates(rec["Interview date"]) or dt.date.min, place, "Interview",
                              str(rec["Program"]), row))
        stops.sort(key=lambda s: (s.day, str(s.program)))
        trips_found: list[Trip] = []
        for stop in stops:
            last = trips_found[-1] if trips_found else None
            if (last is not None and (stop.day - last.end).days <= self.window
                    and any(miles_between(s.place, stop.place) <= self.radius for s in last.stops)):
                last.stops.append(stop)
            else:
                trips_found.append(Trip(len(trips_found) + 1, [stop]))
        for trip in trips_found:
            trip.cost = self._trip_cost([s.place for s in trip.stops], [s.day.toordinal() for s in trip.stops])
        return trips_found

    def _away(self, place: Place) -> bool:
        return self.base is None or miles_between(self.base, place) > DAY_TRIP_MILES

    def _trip_days(self, trip: Trip) -> frozenset[int]:
        first = trip.start.toordinal() - (1 if self._away(trip.stops[0].place) else 0)
        return frozenset(range(first, trip.end.toordinal() + 1))

    def _fixed_days(self) -> dict[int, str]:
        """Days held by a commitment that cannot move, with its name: no second look, and no travel or day
        away on a second-look trip, may fall on them."""
        fixed: dict[int, str] = {}
        commitments = self.season.commitments
        for _, rec in commitments[commitments["Can move"] == "No"].iterrows():
            start = _dates(rec["Start"])
            if start is None:
                continue
            end = _dates(rec["End"]) or start
            for day in range(start.toordinal(), end.toordinal() + 1):
                fixed.setdefault(day, str(rec["What"] or "") or "a commitment")
        return fixed

    def _blocked_days(self) -> dict[int, str]:
        """Days no second look can fall on, with what holds them: the fixed commitments and every interview."""
        blocked = dict(self.fixed)
        programs = self.season.programs
        dated = programs[programs["Interview date"].notna()]
        for name, day in zip(dated["Program"], dated["Interview date"], strict=True):
            blocked.setdefault(pd.Timestamp(day).date().toordinal(), f"the interview at {name}")
        return blocked

    # -- one program's possible days ----------------------------------------------------------------

    def _candidate(self, row: object, rec: pd.Series, start: dt.date | None, end: dt.date | None) -> _Candidate | None:
        """The days a visit to one program may fall on, within ``start``-``end`` (its window from
        ``second_look.window``, already cut at the day before the deadline); None with a reason when none."""
        place = find_place(rec["City"], rec["State"], rec.get("ZIP", ""))
        if place is None:
            self.reasons[row] = (f"its place ({rec['City']}, {rec['State']}) is not one this tool knows, so no "
                                 "trip can be planned; fix it on the Programs sheet")
            self.problems.append(_problem(
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
        interview = _dates(rec["Interview date"])
        if interview and (start is None or start <= interview):  # a second look follows the interview
            start = interview + dt.timedelta(days=1)
        if start is None or end is None or start > end:
            self.reasons[row] = ("its second-look window leaves no day after its interview and before the rank "
                                 f"list deadline ({day_text(deadline)})")
            return None
        window = range(start.toordinal(), end.toordinal() + 1)
        in_us = [d for d in window if self.profile.in_us_on(dt.date.fromordinal(d))]
        if not in_us:
            self.reasons[row] = (f"you are not in the US on any day of its second-look window "
                                 f"({day_text(start)} to {day_text(end)})")
            return None
        free = frozenset(d for d in in_us if d not in self.blocked)
        if not free:
            holders = sorted({self.blocked[d] for d in in_us})
            self.reasons[row] = ("every day of its window that you are in the US is taken by "
                                 + ", ".join(holders[:3]) + (" and more" if len(holders) > 3 else ""))
            return None
        own = interview.toordinal() if interview and rec["Interview format"] == "In-person" else None
        return _Candidate(row, str(rec["Program"]), place, free, own)

    # -- what trips cost ----------------------------------------------------------------------------

    def _trip_cost(self, places: list[Place], days: list[int]) -> float:
        """A trip from the base through ``places`` on ``days`` (in order) and back."""
        settings = self.settings
        legs = sum(miles_between(a, b) for a, b in itertools.pairwise(places)) * settings.driving_per_mile
        span = days[-1] - days[0]
        if self.base is None:
            return float(settings.international_round_trip + legs + stay_cost(settings, span + 1))
        out, back = miles_between(self.base, places[0]), miles_between(places[-1], self.base)
        if max(out, back) < settings.drive_under_miles:
            fare = (out + back) * settings.driving_per_mile
        else:
            fare = settings.airfare_base + settings.airfare_per_mile * (out + back) / 2
        nights = span + (1 if out > DAY_TRIP_MILES else 0)
        return float(fare + legs + stay_cost(settings, nights))

    def _leg(self, a: Place, b: Place) -> float:
        """Getting from a stop of a trip to a nearby place and back."""
        return float(round_trip_fare(self.settings, miles_between(a, b)))

    # -- ways to schedule one group -----------------------------------------------------------------

    def _near_trips(self, cand: _Candidate) -> list[int]:
        """Interview trips away from the base with an interview within the nearby radius of the program."""
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
        interview_days = [s.day.toordinal() for s in trip.stops]
        other_trips = frozenset().union(
            *(t for i, t in enumerate(self.trip_taken) if i != trip_index)
        ) if len(self.trip_taken) > 1 else frozenset()
        choices = [sorted(d for d in c.days if start - reach <= d <= end + reach) for c in members]
        legs = [min(self._leg(s.place, c.place) for s in trip.stops) for c in members]
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
            extra = (chain[-1] - chain[0] - (end - start)) * self.day_cost
            costs = tuple(leg + extra / len(members) for leg in legs)
            # B is the extra day right after the program's own interview; any other day beside the trip is A.
            plans = tuple(PLAN_OWN if c.own_interview is not None and c.own_interview in interview_days
                          and d == c.own_interview + 1 else PLAN_NEARBY for c, d in zip(members, days, strict=True))
            options.append(_Option(sum(costs), tuple(days), costs, plans, added | frozenset(days)))
        return options

    def _free(self, members: tuple[_Candidate, ...]) -> list[_Option]:
        """Standalone, or plan C: one trip through nearby programs on days at most the clustering window apart."""
        options: list[_Option] = []
        plan = PLAN_CLUSTER if len(members) > 1 else PLAN_STANDALONE
        for order in itertools.permutations(range(len(members))):
            places = [members[i].place for i in order]
            overnight = self._away(places[0])
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
                options.append(_Option(cost, tuple(day_of), tuple(by_member), (plan,) * len(members), taken))
        return options

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

        def walk(i: int, groups: list[_Group]) -> Iterator[list[_Group]]:
            if i == len(cands):
                yield groups
                return
            cand = cands[i]
            for g, (kind, members) in enumerate(groups):
                if len(members) >= MAX_STOPS_PER_TRIP:
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


def plan_visits(season: Season, chosen: pd.DataFrame) -> TripPlan:
    """Place a second look for each row of ``chosen`` (Programs rows, best first) and lay out the season's trips.

    A visit's day lies in the program's window (``second_look.window``: a blank window is the usual weeks) and
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
    planner = _Planner(season, head)
    solution = planner.solve()
    for row in tail.index:  # beyond the exact search: each further visit around those already placed
        single = _Planner(season, tail.loc[[row]], taken=_taken_days(planner, solution))
        planner.reasons.update(single.reasons)
        planner.problems.extend(p for p in single.problems if p not in planner.problems)
        planner.candidates.extend(single.candidates)
        offset = len(chosen) + len(solution)
        solution.update({r: (g + offset, k, d, p, c) for r, (g, k, d, p, c) in single.solve().items()})
    return _layout(season, planner, chosen, solution)


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
    season: Season, planner: _Planner, chosen: pd.DataFrame, solution: dict[object, tuple[int, object, int, str, float]]
) -> TripPlan:
    """The placements and the season's trips (interview trips, extended or not, and second-look trips)."""
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
        built.append((Trip(0, sorted(stops, key=_stop_order), interview.cost + extra, extra), added))
    for added in visits_by_trip.values():
        stops = [_visit_stop(row, day, places, names) for row, day, _, _ in added]
        extra = math.fsum(cost for *_, cost in added)
        built.append((Trip(0, sorted(stops, key=_stop_order), extra, extra), added))
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
    return TripPlan(ordered, [trip for trip, _ in built], planner.base, planner.problems)


def _visit_stop(row: object, day: int, places: dict[object, Place], names: dict[object, str]) -> Stop:
    return Stop(dt.date.fromordinal(day), places[row], "Second look", str(names[row]), row)


def _stop_order(stop: Stop) -> tuple[dt.date, int, str]:
    return stop.day, 0 if stop.activity == "Interview" else 1, stop.program


def place_visits(season: Season, chosen: pd.DataFrame) -> dict[Hashable, Placement | str]:
    """The placer the second-look decision calls: per row of ``chosen``, a ``second_look.Placement`` (plan, day,
    cost) or the reason no day works."""
    from . import second_look  # second_look prices visits with this module

    plan = plan_visits(season, chosen)
    return {
        cast(Hashable, row): second_look.Placement(v.plan, v.day, v.cost) if isinstance(v, Visit) else v
        for row, v in plan.placements.items()
    }


# --------------------------------------------------------------------------------------------------
# The Trips sheet.

TRIP_COLUMNS = ("Trip", "Date", "City", "State", "Activity", "Program", "Miles", "Nights", "Est. cost", "Conflicts")


def plan_from_decision(season: Season, decision: pd.DataFrame) -> TripPlan:
    """The trip plan for the programs the Second Look table sends on a visit, in Priority order."""
    visits = decision[decision["Recommendation"] == "Visit"]
    rows = visits.sort_values("Priority", kind="stable", na_position="last").index
    return plan_visits(season, season.programs.loc[rows])


def trip_rows(season: Season, plan: TripPlan) -> pd.DataFrame:
    """One row per day of travel and per activity of every trip, with miles, hotel nights, cost and conflicts.

    A trip starts with a Travel row (the evening before when the first stop is beyond a day trip) and ends with
    one on the last day. A stop's row holds the nights until the next stop and the days they cover. On a trip
    built around in-person interviews, the interview and travel rows show what the trip costs without second
    looks and each Second look row what it adds, so the Second look rows add up to the second-look total.
    """
    settings = season.settings
    daily = settings.meals_per_day + settings.local_transport_per_day
    where = {row: (str(c), str(st)) for row, c, st in zip(season.programs.index, season.programs["City"],
                                                          season.programs["State"], strict=True)}

    def city_of(stop: Stop) -> tuple[str, str]:
        return where.get(stop.row, (stop.place.city, stop.place.state))

    records: list[dict[str, object]] = []
    for trip in plan.trips:
        interviews = [s for s in trip.stops if s.activity == "Interview"]
        costed = interviews or trip.stops  # the stops whose trip the travel rows pay for
        # Each costed stop's share: the nights and days until the next costed stop (the last one: its own day),
        # and the drive from the one before; stops on the same day share that day.
        share: dict[int, float] = {}
        for k, stop in enumerate(costed):
            gap = (costed[k + 1].day - stop.day).days if k + 1 < len(costed) else 0
            days = gap + (0 if k + 1 < len(costed) else 1)
            drive = miles_between(costed[k - 1].place, stop.place) * settings.driving_per_mile if k else 0.0
            share[id(stop)] = gap * settings.hotel_per_night + days * daily + drive
        first, last = trip.stops[0], trip.stops[-1]
        away = plan.base is None or miles_between(plan.base, first.place) > DAY_TRIP_MILES
        out = np.nan if plan.base is None else miles_between(plan.base, first.place)
        back = np.nan if plan.base is None else miles_between(last.place, plan.base)
        fare = _fare(settings, plan.base, costed[0].place, costed[-1].place) / 2
        label = f"Trip {trip.number}"

        city, state = city_of(first)
        start_day = first.day - dt.timedelta(days=1 if away else 0)
        records.append(_row(label, start_day, city, state, "Travel", "", out, 1 if away else 0,
                            fare + (settings.hotel_per_night + daily if away else 0)))
        for k, stop in enumerate(trip.stops):
            following = trip.stops[k + 1].day if k + 1 < len(trip.stops) else None
            nights = (following - stop.day).days if following else 0
            leg = miles_between(trip.stops[k - 1].place, stop.place) if k else np.nan
            city, state = city_of(stop)
            if id(stop) in share:
                cost = share[id(stop)]
            else:
                visit = plan.placements.get(stop.row)
                cost = visit.cost if isinstance(visit, Visit) else np.nan
            records.append(_row(label, stop.day, city, state, stop.activity, stop.program, leg, nights, cost))
        city, state = city_of(last)
        records.append(_row(label, last.day, city, state, "Travel", "", back, 0, fare))
    frame = pd.DataFrame(records, columns=list(TRIP_COLUMNS))
    if frame.empty:
        return frame.astype({"Date": "datetime64[ns]", "Miles": float, "Nights": "Int64", "Est. cost": float})
    frame["Date"] = pd.to_datetime(frame["Date"]).astype("datetime64[ns]")
    frame["Miles"] = frame["Miles"].astype(float).round(0)
    frame["Nights"] = frame["Nights"].astype("Int64")
    frame["Est. cost"] = frame["Est. cost"].astype(float).round(2)
    frame["Conflicts"] = _conflicts(season, frame)
    return frame


def _fare(settings: Settings, base: Place | None, first: Place, last: Place) -> float:
    """There and back for a trip: international when there is no US base, else driven or flown."""
    if base is None:
        return float(settings.international_round_trip)
    out, back = miles_between(base, first), miles_between(last, base)
    if max(out, back) < settings.drive_under_miles:
        return float((out + back) * settings.driving_per_mile)
    return float(settings.airfare_base + settings.airfare_per_mile * (out + back) / 2)


def _row(trip: str, day: dt.date, city: str, state: str, activity: str, program: str, miles: float,
         nights: int, cost: float) -> dict[str, object]:
    return {"Trip": trip, "Date": pd.Timestamp(day), "City": city, "State": state, "Activity": activity,
            "Program": program, "Miles": miles, "Nights": nights, "Est. cost": cost, "Conflicts": ""}


def _conflicts(season: Season, frame: pd.DataFrame) -> pd.Series:
    """What each row's day clashes with: commitments (saying whether they can move), days out of the US, and
    another trip's activity on the same day."""
    notes: list[list[str]] = [[] for _ in range(len(frame))]
    dates = frame["Date"].dt.date.tolist()
    commitments = season.commitments
    for _, rec in commitments.iterrows():
        start = _dates(rec["Start"])
        if start is None:
            continue
        end = _dates(rec["End"]) or start
        movable = "can move" if rec["Can move"] == "Yes" else "cannot move"
        for i, day in enumerate(dates):
            if start <= day <= end:
                notes[i].append(f"{rec['What'] or 'a commitment'} ({movable})")
    profile = season.profile
    for i, day in enumerate(dates):
        if not profile.in_us_on(day):
            notes[i].append("you are not in the US on this day")
    active = frame[frame["Activity"] != "Travel"]
    for _day, group in active.groupby(active["Date"].dt.date):
        if group["Trip"].nunique() > 1:
            for i in group.index:
                others = sorted(set(group["Program"]) - {frame.at[i, "Program"]})
                notes[i].append("same day as " + ", ".join(others))
    return pd.Series(["; ".join(n) for n in notes], index=frame.index, dtype=object)


def trips_sheet(season: Season, plan: TripPlan) -> OutputSheet:
    """The Trips sheet: every trip day by day, and below it the second-look total beside the budget."""
    from .regenerate import GREEN, OutputSheet  # regenerate imports the sheet builders lazily too

    frame = trip_rows(season, plan)
    total = round(plan.second_look_total, 2)
    budget = season.profile.budget
    # What the interview trips cost without their second looks; a second-look trip adds nothing here.
    interview_travel = round(max(0.0, math.fsum(t.cost - t.second_look_cost for t in plan.trips)), 2)
    label, value = TRIP_COLUMNS.index("Program"), TRIP_COLUMNS.index("Est. cost")

    def line(text: str, amount: object, note: str = "") -> list[object]:
        cells: list[object] = [None] * len(TRIP_COLUMNS)
        cells[label], cells[value], cells[-1] = text, amount, note or None
        return cells

    footer = [line("Second looks, estimated total", total)]
    if budget is None:
        footer.append(line("Second look budget", None, "Fill in Second look budget on Profile to compare."))
    else:
        left = round(budget - total, 2)
        footer.append(line("Second look budget", budget))
        footer.append(line("Left in the budget" if left >= 0 else "Over the budget by", abs(left)))
    footer.append(line("Interview travel (not from the budget)", interview_travel))
    base = plan.base
    if base is not None:
        start = f"Trips start from {base.city}, {base.state}."
    elif not has_us_stay(season.profile):
        start = "You have no US base this season: a trip would be an international round trip."
    else:
        start = f"No starting city is known, so no trip can be planned: {no_base_advice(season.profile)}."
    note = (f"{start} Costs are estimates from the cost assumptions on Settings; "
            "a Second look row on an interview trip shows only what the visit adds.")
    return OutputSheet(
        "Trips",
        frame,
        note=note,
        widths={"Trip": 8, "Date": 12, "City": 16, "State": 6, "Activity": 12, "Program": 34, "Miles": 8,
                "Nights": 7, "Est. cost": 11, "Conflicts": 44},
        wrap=("Program", "Conflicts"),
        fills={"Activity": {"Second look": GREEN}},
        number_formats={"Date": "d mmm yyyy", "Miles": "#,##0", "Est. cost": "$#,##0"},
        footer=footer,
    )


def new_problems(season: Season, plan: TripPlan) -> list[Problem]:
    """The plan's problems that the input checks have not already named (same sheet, row and place column)."""
    named = {(p.sheet, p.row) for p in season.problems if p.column in ("City", "State", "ZIP")}
    fresh: list[Problem] = []
    for problem in plan.problems:
        if (problem.sheet, problem.row) not in named:
            named.add((problem.sheet, problem.row))
            fresh.append(problem)
    return fresh


# --------------------------------------------------------------------------------------------------
# The season as an iCalendar file.


def season_plan(season: Season) -> TripPlan:
    """The trip plan the whole pipeline would make: Fit, the second-look decision with placement, the trips."""
    from . import scoring, second_look  # they import this module

    decision = second_look.decide(season, scoring.fit_table(season), placer=place_visits)
    return plan_from_decision(season, decision)


def season_calendar(season: Season, plan: TripPlan | None = None, stamp: dt.datetime | None = None) -> bytes:
    """The season as an iCalendar file: in-person interviews, second looks, virtual sessions and commitments.

    Every event is an all-day event (a commitment spans Start to End); its UID is stable across runs, so a
    calendar that imports the file again updates the events instead of doubling them.
    """
    import icalendar

    plan = season_plan(season) if plan is None else plan
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
        interview = _dates(rec["Interview date"])
        if interview and rec["Interview format"] == "In-person":
            event(f"interview-{row}-{interview:%Y%m%d}", f"Interview (in person): {rec['Program']}", interview,
                  interview, where, "In-person interview day.")
        session = _dates(rec["Virtual session date"])
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
        start = _dates(rec["Start"])
        if start is None:
            continue
        end = max(_dates(rec["End"]) or start, start)
        where = ", ".join(str(v) for v in (rec["City"], rec["State"]) if v)
        movable = "can move" if rec["Can move"] == "Yes" else "cannot move"
        kind = rec["Type"] or "Commitment"
        event(f"commitment-{row}-{start:%Y%m%d}", str(rec["What"]), start, end, where, f"{kind}; {movable}.")
    return bytes(calendar.to_ical())
