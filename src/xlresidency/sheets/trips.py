"""The Trips sheet: the season's travel day by day, with miles, nights, costs and conflicts, and the budget."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd

from ..core.records import Season
from ..ground.costs import has_us_stay, no_base_advice, trip_fare
from ..ground.days import as_date
from ..ground.places import miles_between
from ..plan import SeasonPlan
from ..rules.trips import COMMITMENT, FIXED, SECOND_LOOK, TRAVEL, Stop, TripPlan, Visit, away_overnight
from .layout import GREEN, OutputSheet

TRIP_COLUMNS = ("Trip", "Date", "City", "State", "Activity", "Program", "Miles", "Nights", "Est. cost", "Conflicts")


def trip_rows(season: Season, plan: TripPlan) -> pd.DataFrame:
    """One row per day of travel and per activity of every trip, with miles, hotel nights, cost and conflicts.

    A trip starts with a Travel row (the evening before when the first stop is beyond a day trip) and ends with
    one on the last day. A stop's row holds the nights until the next stop and the days they cover. On a trip
    built around in-person interviews or commitments with a city (a Commitment row on each of its first and last
    days), those rows and the travel rows show what the trip costs without second looks and each Second look row
    what it adds, so the Second look rows add up to the second-look total.
    """
    settings = season.settings
    daily = settings.meals_per_day + settings.local_transport_per_day
    where = {row: (str(c), str(st)) for row, c, st in zip(season.programs.index, season.programs["City"],
                                                          season.programs["State"], strict=True)}

    def city_of(stop: Stop) -> tuple[str, str]:
        return where.get(stop.row, (stop.place.city, stop.place.state))

    records: list[dict[str, object]] = []
    for trip in plan.trips:
        fixed = [s for s in trip.stops if s.activity in FIXED]
        costed = fixed or trip.stops  # the stops whose trip the travel rows pay for
        # Each costed stop's share: the nights and days until the next costed stop (the last one: its own day),
        # and the drive from the one before; stops on the same day share that day.
        share: dict[int, float] = {}
        for k, stop in enumerate(costed):
            gap = (costed[k + 1].day - stop.day).days if k + 1 < len(costed) else 0
            days = gap + (0 if k + 1 < len(costed) else 1)
            drive = miles_between(costed[k - 1].place, stop.place) * settings.driving_per_mile if k else 0.0
            share[id(stop)] = gap * settings.hotel_per_night + days * daily + drive
        first, last = trip.stops[0], trip.stops[-1]
        away = away_overnight(plan, trip)
        out = np.nan if plan.base is None else miles_between(plan.base, first.place)
        back = np.nan if plan.base is None else miles_between(last.place, plan.base)
        fare = trip_fare(settings, plan.base, costed[0].place, costed[-1].place) / 2
        label = f"Trip {trip.number}"

        city, state = city_of(first)
        start_day = first.day - dt.timedelta(days=1 if away else 0)
        records.append(_row(label, start_day, city, state, TRAVEL, "", out, 1 if away else 0,
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
        records.append(_row(label, last.day, city, state, TRAVEL, "", back, 0, fare))
    frame = pd.DataFrame(records, columns=list(TRIP_COLUMNS))
    if frame.empty:
        return frame.astype({"Date": "datetime64[ns]", "Miles": float, "Nights": "Int64", "Est. cost": float})
    frame["Date"] = pd.to_datetime(frame["Date"]).astype("datetime64[ns]")
    frame["Miles"] = frame["Miles"].astype(float).round(0)
    frame["Nights"] = frame["Nights"].astype("Int64")
    frame["Est. cost"] = frame["Est. cost"].astype(float).round(2)
    frame["Conflicts"] = _conflicts(season, frame)
    return frame


def _row(trip: str, day: dt.date, city: str, state: str, activity: str, program: str, miles: float,
         nights: int, cost: float) -> dict[str, object]:
    return {"Trip": trip, "Date": pd.Timestamp(day), "City": city, "State": state, "Activity": activity,
            "Program": program, "Miles": miles, "Nights": nights, "Est. cost": cost, "Conflicts": ""}


def _conflicts(season: Season, frame: pd.DataFrame) -> pd.Series:
    """What each row's day clashes with: commitments (saying where they are and whether they can move; a
    Commitment row does not clash with itself), days out of the US, and another trip's activity on the same day."""
    notes: list[list[str]] = [[] for _ in range(len(frame))]
    dates = frame["Date"].dt.date.tolist()
    commitments = season.commitments
    for _, rec in commitments.iterrows():
        start = as_date(rec["Start"])
        if start is None:
            continue
        end = as_date(rec["End"]) or start
        movable = "can move" if rec["Can move"] == "Yes" else "cannot move"
        what = str(rec["What"] or "") or "a commitment"
        where = ", ".join(str(rec[c]) for c in ("City", "State") if str(rec[c]).strip())
        for i, day in enumerate(dates):
            own = frame.at[i, "Activity"] == COMMITMENT and frame.at[i, "Program"] == what
            if start <= day <= end and not own:
                notes[i].append(f"{what}{' in ' + where if where else ''} ({movable})")
    profile = season.profile
    for i, day in enumerate(dates):
        if not profile.in_us_on(day):
            notes[i].append("you are not in the US on this day")
    active = frame[frame["Activity"] != TRAVEL]
    for _day, group in active.groupby(active["Date"].dt.date):
        if group["Trip"].nunique() > 1:
            for i in group.index:
                others = sorted(set(group["Program"]) - {frame.at[i, "Program"]})
                notes[i].append("same day as " + ", ".join(others))
    return pd.Series(["; ".join(n) for n in notes], index=frame.index, dtype=object)


def trips_sheet(season_plan: SeasonPlan) -> OutputSheet:
    """The Trips sheet: every trip day by day, and below it the second-look total beside the budget."""
    season, plan = season_plan.season, season_plan.trips
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
    footer.append(line("Interview and commitment travel (not from the budget)", interview_travel))
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
        fills={"Activity": {SECOND_LOOK: GREEN}},
        number_formats={"Date": "d mmm yyyy", "Miles": "#,##0", "Est. cost": "$#,##0"},
        footer=footer,
    )
