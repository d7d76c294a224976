"""Hypothesis strategies for the applicant's inputs: profiles, program rows, commitments and whole seasons.

Each strategy draws plain dicts keyed by the workbook's column and field names, so ``factories.make_season``
turns them into a validated Season through the same path as a real workbook. Values stay within what the
Programs and Profile dropdowns and ranges allow; blanks (None) appear wherever the applicant may leave one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from factories import make_season
from xlresidency.core import records, schema

# Places the installed geodata knows, spread over the four Census regions.
PLACES: tuple[tuple[str, str], ...] = (
    ("Chicago", "IL"), ("Boston", "MA"), ("Houston", "TX"), ("Seattle", "WA"), ("Detroit", "MI"),
    ("Atlanta", "GA"), ("Newark", "NJ"), ("Phoenix", "AZ"), ("Cleveland", "OH"), ("Baltimore", "MD"),
)

SEASON_START = dt.date(2027, 1, 5)
SEASON_END = dt.date(2027, 3, 10)


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A value or a blank cell."""
    return st.one_of(st.none(), strategy)


def season_days(start: dt.date = SEASON_START, end: dt.date = SEASON_END) -> st.SearchStrategy[dt.date]:
    return st.dates(min_value=start, max_value=end)


def step2_scores() -> st.SearchStrategy[int]:
    return st.integers(min_value=190, max_value=270)


@st.composite
def program_rows(draw: st.DrawFn, name: str = "Program") -> dict[str, Any]:
    """One Programs row (every column the rules read), blanks included."""
    city, state = draw(st.sampled_from(PLACES))
    minimum = draw(maybe(st.integers(min_value=190, max_value=250)))
    typical = draw(maybe(st.integers(min_value=200, max_value=265)))
    window_start = draw(maybe(season_days()))
    window_end = draw(maybe(season_days(window_start or SEASON_START)))
    return {
        "Program": name,
        "Specialty": draw(st.sampled_from(["Internal Medicine", "Family Medicine", "Pediatrics", "Neurosurgery", ""])),
        "City": city,
        "State": state,
        "Sponsors J-1": draw(maybe(st.sampled_from(schema.YES_NO_UNKNOWN))),
        "Sponsors H-1B": draw(maybe(st.sampled_from(schema.YES_NO_UNKNOWN))),
        "IMG share (%)": draw(maybe(st.integers(min_value=0, max_value=100))),
        "Min Step 2 CK": minimum,
        "Typical Step 2 CK": typical,
        "Max years since graduation": draw(maybe(st.integers(min_value=0, max_value=15))),
        "Min US clinical experience (months)": draw(maybe(st.integers(min_value=0, max_value=24))),
        "Interview date": draw(maybe(st.dates(min_value=dt.date(2026, 10, 1), max_value=dt.date(2027, 2, 15)))),
        "Interview format": draw(maybe(st.sampled_from(["In-person", "Virtual"]))),
        "Interview impression": draw(maybe(st.sampled_from(["Positive", "Neutral", "Negative"]))),
        "My rank": draw(maybe(st.integers(min_value=1, max_value=12))),
        "Long-term fit": draw(maybe(st.integers(min_value=1, max_value=5))),
        "Second look policy": draw(maybe(st.sampled_from(
            ["Offered", "Virtual only", "Discouraged", "Not offered", "Unknown"]))),
        "Second look from": window_start,
        "Second look until": window_end,
        "Virtual session date": draw(maybe(season_days())),
        "Unanswered questions": draw(st.sampled_from(["", "call schedule", "research time; H-1B cap"])),
        "Status": draw(maybe(st.sampled_from(schema.STATUSES))),
        "Signal": draw(maybe(st.sampled_from(schema.SIGNALS))),
    }


@st.composite
def program_lists(draw: st.DrawFn, min_size: int = 1, max_size: int = 8) -> list[dict[str, Any]]:
    """Programs rows with unique names."""
    size = draw(st.integers(min_value=min_size, max_value=max_size))
    return [draw(program_rows(name=f"Program {i + 1}")) for i in range(size)]


@st.composite
def profiles(draw: st.DrawFn) -> dict[str, Any]:
    """Profile fields over the factory's defaults: visa, scores, experience, where and when in the US."""
    abroad = draw(st.booleans())
    in_from = draw(maybe(season_days()))
    in_until = draw(maybe(season_days(in_from or SEASON_START)))
    city, state = draw(st.sampled_from(PLACES))
    return {
        "Visa needed": draw(st.sampled_from(["None", "J-1", "H-1B", "J-1 or H-1B"])),
        "Step 2 CK": draw(maybe(step2_scores())),
        "Step 3": draw(st.sampled_from(["Passed", "Scheduled", "Not taken"])),
        "Step 3 date": draw(maybe(season_days())),
        "Graduation year": draw(maybe(st.integers(min_value=2008, max_value=2026))),
        "US clinical experience (months)": draw(maybe(st.integers(min_value=0, max_value=36))),
        "Current city": None if abroad else city,
        "Current state": None if abroad else state,
        "Current country": "India" if abroad else "United States",
        "In US from": in_from,
        "In US until": in_until,
        "Second look budget": draw(maybe(st.integers(min_value=0, max_value=5000))),
        "Max second looks": draw(st.integers(min_value=0, max_value=3)),
        "Preferred regions": draw(st.sampled_from(["", "Midwest", "Northeast; South", "West"])),
        "Support cities": draw(st.sampled_from(["", "Boston, MA", "Houston, TX; Chicago, IL"])),
    }


@st.composite
def commitment_lists(draw: st.DrawFn, max_size: int = 3) -> list[dict[str, Any]]:
    """Commitments in the second-look season, some that cannot move."""
    rows = []
    for i in range(draw(st.integers(min_value=0, max_value=max_size))):
        start = draw(season_days())
        city, state = draw(st.sampled_from(PLACES))
        rows.append({
            "What": f"Commitment {i + 1}",
            "Type": draw(st.sampled_from(["Exam", "Visa appointment", "Work", "Travel", "Other"])),
            "Start": start,
            "End": draw(maybe(season_days(start, start + dt.timedelta(days=6)))),
            "City": city,
            "State": state,
            "Can move": draw(st.sampled_from(["Yes", "No"])),
        })
    return rows


@st.composite
def season_inputs(draw: st.DrawFn, max_programs: int = 8) -> dict[str, Any]:
    """Keyword arguments for ``make_season``: a profile, programs and commitments."""
    return {
        "profile": draw(profiles()),
        "programs": draw(program_lists(max_size=max_programs)),
        "commitments": draw(commitment_lists()),
    }


def seasons(max_programs: int = 8) -> st.SearchStrategy[records.Season]:
    """Validated seasons built from drawn inputs."""
    return season_inputs(max_programs=max_programs).map(lambda kwargs: make_season(**kwargs))


@st.composite
def candidate_lists(draw: st.DrawFn, min_size: int = 1, max_size: int = 8) -> list[dict[str, Any]]:
    """Programs of the application season: no interview yet; being considered, applied to or rejected."""
    rows = draw(program_lists(min_size=min_size, max_size=max_size))
    for row in rows:
        row.update({"Interview date": None, "Interview impression": None, "My rank": None,
                    "Status": draw(st.sampled_from([schema.CONSIDERING] * 3 + [schema.APPLIED, schema.REJECTED])),
                    "Signal": draw(st.sampled_from([None, None, None, schema.GOLD, schema.SILVER]))})
    return rows


@st.composite
def applicant_profiles(draw: st.DrawFn) -> dict[str, Any]:
    """Profiles for the application season: a budget (or none) and the match chance wanted."""
    profile = draw(profiles())
    profile.update({"Application budget": draw(maybe(st.integers(min_value=0, max_value=3000))),
                    "Match chance wanted": draw(st.integers(min_value=10, max_value=95)),
                    "Specialty": draw(st.sampled_from(["Internal Medicine", "Family Medicine", "Psychiatry"]))})
    return profile


# Places around Chicago: some within the default local radius of its centre (30 miles), some beyond it.
HOME_AREA: tuple[tuple[str, str], ...] = (
    ("Chicago", "IL"), ("Evanston", "IL"), ("Oak Park", "IL"), ("Cicero", "IL"), ("Aurora", "IL"),
    ("Joliet", "IL"), ("Gary", "IN"), ("Milwaukee", "WI"),
)


@st.composite
def home_area_inputs(draw: st.DrawFn, max_programs: int = 5) -> dict[str, Any]:
    """``make_season`` arguments for an applicant living in Chicago (a Home ZIP or the city's centre) whose
    programs lie around it, in-person interviews among them."""
    programs = draw(program_lists(max_size=max_programs))
    for row in programs:
        row["City"], row["State"] = draw(st.sampled_from(HOME_AREA))
        row["Second look policy"] = "Offered"
    profile = {**draw(profiles()), "Current city": "Chicago", "Current state": "IL",
               "Current country": "United States", "In US from": None, "In US until": None,
               "Home ZIP": draw(st.sampled_from([None, "60637", "60614"]))}
    return {"profile": profile, "programs": programs, "commitments": draw(commitment_lists())}
