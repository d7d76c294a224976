"""Fit, second-look triage and the application advice over the national list: 13,000 synthetic programs, timed.

Run: python3 benchmarks/bench_scoring.py [--programs N] [--repeat R]

The Programs frame is built already typed (as validation hands it on), so the figures are the scoring and the
decision alone; the geodata index is warmed first, since a workbook's validation has loaded it by then. Each
figure is also printed as a ratio to Fit, the floor measured in the same run (one pass of column operations over
every program).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import zipcodes

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from xlresidency.core import schema
from xlresidency.core.records import Season, new_profile
from xlresidency.core.settings import Settings
from xlresidency.ground import places
from xlresidency.plan import SeasonPlan
from xlresidency.rules import applications, scoring, second_look
from xlresidency.rules.trips import TripPlan
from xlresidency.sheets.applications import applications_sheet
from xlresidency.sheets.fit import fit_sheet
from xlresidency.sheets.second_look import second_look_sheet


def synthetic_programs(count: int, seed: int = 7) -> pd.DataFrame:
    """``count`` Programs rows with every column typed as validation produces them, values spread realistically."""
    rng = np.random.default_rng(seed)
    places = sorted({(z["city"], z["state"]) for z in zipcodes.list_all()
                     if z["zip_code_type"] == "STANDARD" and z["state"] in schema.US_STATES})
    picks = rng.integers(0, len(places), count)

    def choice(options: list[str], p: list[float] | None = None) -> pd.Series:
        return pd.Series(rng.choice(np.array(options, dtype=object), count, p=p), dtype=object)

    def numbers(low: float, high: float, blank: float) -> pd.Series:
        values = rng.integers(int(low), int(high) + 1, count).astype(float)
        values[rng.random(count) < blank] = np.nan
        return pd.Series(values)

    def dates(start: dt.date, span_days: int, blank: float) -> pd.Series:
        days = pd.to_datetime(start) + pd.to_timedelta(rng.integers(0, span_days, count), unit="D")
        return pd.Series(days.where(rng.random(count) >= blank)).astype("datetime64[ns]")

    window_start = dates(dt.date(2027, 1, 15), 30, 0.3)
    frame = pd.DataFrame({
        "Program": pd.Series([f"Program {i:05d}" for i in range(count)], dtype=object),
        "Program ID": "",
        "Specialty": choice(["Internal Medicine", "Family Medicine", "Pediatrics", "Psychiatry", "General Surgery",
                             ""]),
        "City": pd.Series([places[i][0] for i in picks], dtype=object),
        "State": pd.Series([places[i][1] for i in picks], dtype=object),
        "ZIP": "",
        "Sponsors J-1": choice(["Yes", "No", "Unknown", ""], [0.6, 0.15, 0.15, 0.1]),
        "Sponsors H-1B": choice(["Yes", "No", "Unknown", ""], [0.3, 0.4, 0.2, 0.1]),
        "IMG share (%)": numbers(0, 90, 0.2),
        "Min Step 2 CK": numbers(200, 240, 0.4),
        "Typical Step 2 CK": numbers(220, 255, 0.3),
        "Max years since graduation": numbers(1, 10, 0.4),
        "Min US clinical experience (months)": numbers(0, 12, 0.5),
        "Interview date": dates(dt.date(2026, 10, 15), 110, 0.5),
        "Interview format": choice(["In-person", "Virtual", ""], [0.2, 0.6, 0.2]),
        "Interview impression": choice(["Positive", "Neutral", "Negative", ""], [0.3, 0.3, 0.1, 0.3]),
        "My rank": pd.Series(np.where(rng.random(count) < 0.01, rng.integers(1, 15, count), np.nan)),
        "Long-term fit": numbers(1, 5, 0.5),
        "Second look policy": choice(["Offered", "Virtual only", "Discouraged", "Not offered", "Unknown", ""]),
        "Second look from": window_start,
        "Second look until": (window_start + pd.to_timedelta(rng.integers(3, 30, count), unit="D")),
        "Virtual session date": dates(dt.date(2027, 1, 20), 35, 0.7),
        "Unanswered questions": choice(["", "call schedule", "research time; H-1B cap"]),
        "Reasons for interest": "",
        "Program director": "",
        "Coordinator": "",
        "Coordinator email": "",
        "Notes": "",
        "Status": choice(["", "Considering", "Applied", "Rejected"], [0.3, 0.5, 0.15, 0.05]),
        "Signal": choice(["", "Gold", "Silver"], [0.998, 0.001, 0.001]),
        "Positions": numbers(2, 40, 0.5),
        "Highlight": "",
    })
    frame.index = pd.Index(range(3, count + 3), name="Row")
    return frame


def synthetic_season(count: int) -> Season:
    profile = new_profile(
        full_name="Bench Applicant", specialty="Internal Medicine", visa_needed="J-1 or H-1B", step1="Pass",
        step2ck=238, step3="Scheduled", step3_date=dt.date(2027, 1, 12), graduation_year=2021, usce_months=6,
        current_city="Chicago", current_state="IL", budget=2500, max_second_looks=2,
        preferred_regions=("Midwest", "Northeast"), support_cities=(("Boston", "MA"), ("Houston", "TX")),
        application_budget=4000, match_chance_wanted=80,
    )
    empty = {t.name: pd.DataFrame({c.name: pd.Series(dtype=object) for c in t.columns})
             for t in schema.INPUT_TABLES}
    commitments = pd.DataFrame({
        "What": ["Step 3 exam"], "Type": ["Exam"], "Start": pd.to_datetime(["2027-01-12"]),
        "End": pd.to_datetime(["2027-01-13"]), "City": ["Chicago"], "State": ["IL"], "Can move": ["No"],
    }, index=pd.Index([3], name="Row"))
    return Season(profile, synthetic_programs(count), commitments, empty["Ratings"], Settings(),
                         empty["Templates"])


def timed(action, repeat: int) -> tuple[float, float]:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        runs.append(time.perf_counter() - start)
    return min(runs), statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--programs", type=int, default=13_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    places.find_place("Chicago", "IL")  # load the geodata index, as validation does before scoring
    season = synthetic_season(args.programs)
    fit = scoring.fit_table(season)
    decision = second_look.decide(season, fit)

    def plan(advised: bool) -> SeasonPlan:
        """A plan holding what the timed step computes: the decision, or the application advice."""
        return SeasonPlan(season, fit, decision if advised else second_look.decide(season, fit),
                          TripPlan({}, [], None, []), {}, applications.advise(season, fit) if advised else None)

    def sheets() -> None:
        built = plan(advised=False)
        fit_sheet(built), second_look_sheet(built)

    fit_best, fit_median = timed(lambda: scoring.fit_table(season), args.repeat)
    decide_best, decide_median = timed(lambda: second_look.decide(season, fit), args.repeat)
    sheets_best, sheets_median = timed(sheets, args.repeat)
    apps_best, apps_median = timed(lambda: applications_sheet(plan(advised=True)), args.repeat)
    counts = decision["Recommendation"].value_counts().to_dict()
    advice = applications.advise(season, fit)
    print(f"{args.programs:,} programs, best / median of {args.repeat} (ratio: best over the best Fit run):")
    print(f"  Fit (fit_table), the floor     {fit_best:6.3f} s / {fit_median:6.3f} s")
    for label, best, median in (("Second look (decide)", decide_best, decide_median),
                                ("decide + both sheets", sheets_best, sheets_median),
                                ("advise + Applications sheet", apps_best, apps_median)):
        print(f"  {label:<30} {best:6.3f} s / {median:6.3f} s   {best / fit_best:5.1f}x")
    print(f"  tiers: {fit['Tier'].value_counts().to_dict()}; recommendations: {counts}")
    print(f"  applications: {advice.table['Advice'].value_counts().to_dict()}; "
          f"match chance {advice.match_chance:.0%} with {advice.sent + advice.recommended} applications")


if __name__ == "__main__":
    main()
