"""The season plan: fit, the application advice, the second-look decision with each visit placed, and the trips.

``plan_season`` is the one chain "fit -> decide with trip placement -> trip plan". Regenerate, the cell
functions, the calendar export and the emails all take the ``SeasonPlan`` it returns; each part is indexed by
Programs row, so nothing downstream joins by program name or reads a finished sheet back.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import cast

import pandas as pd

from .core.records import Problem, Season
from .rules import applications, emails, scoring, second_look, trips
from .rules.applications import ApplicationList
from .rules.second_look import VISIT, Placement


@dataclass(frozen=True)
class SeasonPlan:
    """Everything the output sheets are built from.

    ``fit``: the Fit table; ``decision``: the Second Look table (columns ``second_look.SECOND_LOOK_COLUMNS``);
    ``trips``: where each Visit program went and the season's trips; ``stays``: per placed visit, the first and
    last day in the program's city; ``applications``: the interview chance and advice per program, and the list
    worth sending. All indexed by Programs row.
    """

    season: Season
    fit: pd.DataFrame
    decision: pd.DataFrame
    trips: trips.TripPlan
    stays: dict[object, tuple[dt.date, dt.date]] = field(default_factory=dict)
    applications: ApplicationList | None = None

    @functools.cached_property
    def drafts(self) -> tuple[pd.DataFrame, list[Problem]]:
        """The email drafts (``emails.EMAIL_COLUMNS``) and the template problems met writing them: worked out once,
        for the Emails sheet, the .eml files and Checks alike."""
        return emails.drafts(self)

    @property
    def problems(self) -> list[Problem]:
        """Problems the plan met that the input checks did not already name (for Checks)."""
        signals = list(self.applications.problems) if self.applications is not None else []
        return [*signals, *trips.new_problems(self.season, self.trips), *self.drafts[1]]

    def visits(self) -> pd.Index:
        """The Visit programs' rows in Priority order."""
        return visit_rows(self.decision)


def visit_rows(decision: pd.DataFrame) -> pd.Index:
    """The rows a Second Look table sends on a visit, in Priority order."""
    chosen = decision[decision["Recommendation"] == VISIT]
    return chosen.sort_values("Priority", kind="stable", na_position="last").index


def place_visits(season: Season, chosen: pd.DataFrame) -> dict[Hashable, Placement | str]:
    """The placer the second-look decision calls: per row of ``chosen``, where the trip planner puts the visit
    (plan, day, cost) or the reason no day works."""
    return _placements(trips.plan_visits(season, chosen))


def _placements(placed: trips.TripPlan) -> dict[Hashable, Placement | str]:
    return {
        cast(Hashable, row): Placement(v.plan, v.day, v.cost) if isinstance(v, trips.Visit) else v
        for row, v in placed.placements.items()
    }


def plan_season(season: Season, fit: pd.DataFrame | None = None) -> SeasonPlan:
    """Fit, the second-look decision (each visit placed by the trip planner) and the trip plan for a season."""
    fit = scoring.fit_table(season) if fit is None else fit
    last: dict[tuple[Hashable, ...], trips.TripPlan] = {}  # the placer's last plan: the season's, when it is kept

    def placer(planned: Season, chosen: pd.DataFrame) -> dict[Hashable, Placement | str]:
        placed = trips.plan_visits(planned, chosen)
        last.clear()
        last[tuple(chosen.index)] = placed
        return _placements(placed)

    decision = second_look.decide(season, fit, placer=placer, quote=trips.placement_costs)
    rows = visit_rows(decision)
    kept = tuple(rows)
    trip_plan = last[kept] if kept in last else trips.plan_visits(season, season.programs.loc[rows])
    return SeasonPlan(season, fit, decision, trip_plan, trips.visit_stays(season, trip_plan),
                      applications.advise(season, fit))

