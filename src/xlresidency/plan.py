"""The season plan: fit, the application advice, the second-look decision with each visit placed, and the trips.

``plan_season`` is the one chain "fit -> decide with trip placement -> trip plan". Regenerate, the cell
functions, the calendar export and the emails all take the ``SeasonPlan`` it returns; each part is indexed by
Programs row, so nothing downstream joins by program name or reads a finished sheet back.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field

import pandas as pd

from .core.records import Problem, Season
from .ground.season import SeasonGround
from .rules import applications, emails, scoring, second_look, trips
from .rules.applications import ApplicationList
from .rules.second_look import VISIT


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
    ground: SeasonGround | None = None  # the base and the day calendar the plan was made with

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


def plan_season(season: Season) -> SeasonPlan:
    """Fit, the second-look decision (each visit placed by the trip planner), the trip plan and the application
    advice of a season: each worked out once, from one base and one day calendar (``SeasonGround``)."""
    fit = scoring.fit_table(season)
    ground = SeasonGround.of(season)
    decision, placed = second_look.decide_and_place(ground, fit, placer=functools.partial(trips.plan_visits, ground),
                                                    quote=functools.partial(trips.placement_costs, ground))
    # with no visit chosen, the season's trips are its interviews and commitments with a city
    trip_plan = placed if placed is not None else trips.plan_visits(ground, season.programs.iloc[0:0])
    return SeasonPlan(season, fit, decision, trip_plan, trips.visit_stays(season, trip_plan),
                      applications.advise(season, fit), ground)
