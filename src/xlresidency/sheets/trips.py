"""The Trips sheet: the season's travel day by day, with miles, nights, costs and conflicts, and the budget."""

from __future__ import annotations

import math

import pandas as pd

from ..ground.costs import has_us_stay, no_base_advice
from ..plan import SeasonPlan
from ..rules.trips import SECOND_LOOK, TripPlan
from .layout import GREEN, OutputSheet

TRIP_COLUMNS = ("Trip", "Date", "City", "State", "Activity", "Program", "Miles", "Nights", "Est. cost", "Conflicts")


def trip_rows(plan: TripPlan) -> pd.DataFrame:
    """One row per day of travel and per activity of every trip, as the trip plan priced them
    (``itinerary.price_days``: miles, hotel nights, cost and conflicts)."""
    records = [{"Trip": f"Trip {trip.number}", "Date": pd.Timestamp(line.day), "City": line.city,
                "State": line.state, "Activity": line.activity, "Program": line.program, "Miles": line.miles,
                "Nights": line.nights, "Est. cost": line.cost, "Conflicts": line.conflicts}
               for trip in plan.trips for line in trip.days]
    frame = pd.DataFrame(records, columns=list(TRIP_COLUMNS))
    if frame.empty:
        return frame.astype({"Date": "datetime64[ns]", "Miles": float, "Nights": "Int64", "Est. cost": float})
    frame["Date"] = pd.to_datetime(frame["Date"]).astype("datetime64[ns]")
    frame["Miles"] = frame["Miles"].astype(float).round(0)
    frame["Nights"] = frame["Nights"].astype("Int64")
    frame["Est. cost"] = frame["Est. cost"].astype(float).round(2)
    frame["Conflicts"] = frame["Conflicts"].astype(object)
    return frame


def trips_sheet(season_plan: SeasonPlan) -> OutputSheet:
    """The Trips sheet: every trip day by day, and below it the second-look total beside the budget."""
    season, plan = season_plan.season, season_plan.trips
    frame = trip_rows(plan)
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
