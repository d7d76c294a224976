"""The season's ground, worked out once per regeneration: where trips start and what each day holds.

``Season.places`` already holds where every place is (validation looked each one up once); ``SeasonGround`` adds
the applicant's base (``costs.home_base``) and the one free-day calendar (``days.SeasonDays``) that the
second-look decision, the trip planner and the sheets all read.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.records import Place, Season
from .costs import home_base
from .days import SeasonDays


@dataclass(frozen=True)
class SeasonGround:
    """A season with its base and its day calendar."""

    season: Season
    base: Place | None
    days: SeasonDays

    @classmethod
    def of(cls, season: Season) -> SeasonGround:
        """Work out the base and the day calendar of a season (once)."""
        return cls(season, home_base(season), SeasonDays(season))
