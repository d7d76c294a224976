"""Build seasons for tests from plain dicts, through the same validation the workbook readers use."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path
from typing import Any

import pandas as pd

from xlresidency.core import schema
from xlresidency.core.records import RawTable, Season
from xlresidency.core.settings import setting_rows as all_setting_rows
from xlresidency.ground.season import SeasonGround
from xlresidency.plan import SeasonPlan
from xlresidency.rules import scoring, second_look
from xlresidency.rules.second_look import SECOND_LOOK_COLUMNS
from xlresidency.rules.trips import TripPlan, Visit
from xlresidency.rules.validation import validate
from xlresidency.workbook import demo

BASE_PROFILE: dict[str, Any] = {
    "Full name": "Amina Test",
    "Email": "amina@example.org",
    "AAMC ID": "12345678",
    "ERAS ID": "2027000001",
    "Specialty": "Internal Medicine",
    "Visa needed": "J-1",
    "Step 1": "Pass",
    "Step 2 CK": 245,
    "Step 3": "Not taken",
    "Graduation year": 2022,
    "US clinical experience (months)": 6,
    "Current city": "Chicago",
    "Current state": "IL",
    "Current country": "United States",
    "Second look budget": 1500,
    "Max second looks": 2,
    "Preferred regions": "Midwest; Northeast",
}

BASE_PROGRAM: dict[str, Any] = {
    "City": "Chicago",
    "State": "IL",
    "Specialty": "Internal Medicine",
    "Sponsors J-1": "Yes",
    "Sponsors H-1B": "No",
    "IMG share (%)": 40,
    "Min Step 2 CK": 220,
    "Typical Step 2 CK": 235,
    "Max years since graduation": 5,
    "Min US clinical experience (months)": 3,
    "Interview date": dt.date(2026, 12, 10),
    "Interview format": "Virtual",
    "Interview impression": "Positive",
    "Long-term fit": 4,
    "Second look policy": "Offered",
    "Second look from": dt.date(2027, 1, 20),
    "Second look until": dt.date(2027, 2, 20),
    "Coordinator": "Pat Lee",
    "Coordinator email": "pat.lee@example.org",
    "Program director": "Dr. Rivera",
    "Reasons for interest": "its cardiology exposure and supportive residents",
}


def raw_table(name: str, records: list[dict[str, Any]], first_row: int = 3, complete: bool = True) -> RawTable:
    """A RawTable as an adapter would hand it over, with headers from the union of the records' keys, followed
    (``complete``, as in a workbook made from the template) by every other declared column."""
    headers: list[str] = []
    for record in records:
        headers.extend(k for k in record if k not in headers)
    if complete or not headers:
        headers.extend(c.name for c in schema.INPUT_BY_NAME[name].columns if c.name not in headers)
    rows = [[record.get(h) for h in headers] for record in records]
    return RawTable(name, name, list(headers), rows, first_row)


def raw_tables(
    profile: dict[str, Any] | None = None,
    programs: list[dict[str, Any]] | None = None,
    commitments: list[dict[str, Any]] | None = None,
    ratings: list[dict[str, Any]] | None = None,
    settings: dict[str, Any] | None = None,
    templates: list[dict[str, Any]] | None = None,
    base: bool = True,
) -> dict[str, RawTable]:
    """Raw tables: profile fields and settings merged over sensible defaults, program rows over BASE_PROGRAM."""
    fields = {**(BASE_PROFILE if base else {}), **(profile or {})}
    if base:  # every field a template's Profile has, blank unless given
        fields = {**{c.name: None for c in schema.PROFILE_FIELDS}, **fields}
    program_rows = [{**(BASE_PROGRAM if base else {}), **p} for p in (programs or [])]
    labels = {row.label: row.value for row in all_setting_rows()}
    setting_rows = [{"Setting": k, "Value": v} for k, v in {**{k: None for k in labels}, **(settings or {})}.items()]
    return {
        "Profile": raw_table("Profile", [{"Field": k, "Value": v} for k, v in fields.items()]),
        "Programs": raw_table("Programs", program_rows),
        "Commitments": raw_table("Commitments", commitments or []),
        "Ratings": raw_table("Ratings", ratings or []),
        "Settings": raw_table("Settings", setting_rows),
        "Templates": raw_table("Templates", templates or []),
    }


def make_season(**kwargs: Any) -> Season:
    """A validated Season; see ``raw_tables`` for the arguments."""
    return validate(raw_tables(**kwargs))


def plan_of(season: Season, decision: pd.DataFrame, stays: dict[str, tuple[dt.date, dt.date]] | None = None,
            ) -> SeasonPlan:
    """A season plan with a given second-look decision (rows named by Program, as on the sheet; missing columns
    blank) and the days each visit spends in its city, by program name: for testing what is built from a plan."""
    rows = {schema.fold(name): row for row, name in season.programs["Program"].items()}
    frame = decision.copy()
    frame.index = pd.Index([rows[schema.fold(name)] for name in decision["Program"]], dtype="int64")
    for column in SECOND_LOOK_COLUMNS:
        if column not in frame:
            frame[column] = pd.NaT if column == "Date" else None
    by_row = {rows[schema.fold(name)]: days for name, days in (stays or {}).items()}
    return SeasonPlan(season, scoring.fit_table(season), frame, TripPlan({}, [], None, []), by_row)


def with_fit(season: Season) -> tuple[Season, pd.DataFrame]:
    """A season and its Fit table, as the plan hands them to the rules that read both: ``advise(*with_fit(s))``."""
    return season, scoring.fit_table(season)


def findings_of(season: Season, fit: pd.DataFrame | None = None) -> dict[str, second_look.Finding]:
    """Every second-look criterion and rule of a season, with the costs and the calendar the decision uses."""
    ground = SeasonGround.of(season)
    fit = scoring.fit_table(season) if fit is None else fit
    return second_look.assess(season, fit, second_look.estimated_cost(ground),
                              second_look.window_days(season, ground.days))


def placed(placements: dict[object, tuple[str, dt.date, float] | str]) -> TripPlan:
    """A trip plan that places each row as given ((plan, day, cost), or the reason no day works): what a test
    placer hands the second-look decision."""
    return TripPlan({row: Visit(row, "", v[1], v[0], v[2], 0) if isinstance(v, tuple) else v
                     for row, v in placements.items()}, [], None, [])


def with_trips(season: Season, trips: TripPlan) -> SeasonPlan:
    """A season plan holding a given trip plan (its Fit computed, its second-look table blank)."""
    return SeasonPlan(season, scoring.fit_table(season), pd.DataFrame(columns=list(SECOND_LOOK_COLUMNS)), trips)


def season_rows(programs: int) -> dict[str, list[dict[str, Any]]]:
    """The demo season with its programs repeated (renamed) up to ``programs``, every one ranked."""
    rows = demo.demo_rows()
    template = rows["Programs"]
    listed = []
    for i in range(programs):
        base = dict(template[i % len(template)])
        if i >= len(template):
            base["Program"] = f"{base['Program']} ({i // len(template) + 1})"
            base["Program ID"] = f"IM-{9000 + i}"
        base["My rank"] = i + 1
        listed.append(base)
    rows["Programs"] = listed
    return rows


def load_script(name: str) -> Any:
    """A script of the repository's scripts/ folder as a module (they are build tools, not part of the package)."""
    path = Path(__file__).resolve().parents[1] / "scripts" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
