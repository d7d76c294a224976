"""Where each program stands in the season for a second look: its interview (still to come or over), its rank,
its virtual session against the rank-list deadline; the rules of ``second_look`` that read only that.

``not_ranked_highly`` speaks only where a rank or a finished interview says so; before the interview
``interview_to_come`` says to decide after it (on its date when known), so such a program never gets a visit;
``late_virtual`` names a virtual session that comes after the rank-list deadline.
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from ..core.records import Season
from ..core.schema import APPLIED, CONSIDERING, OFFERED
from ..core.text import join_text, text_where, whole
from ..ground.days import day_text, day_texts
from . import scoring

DECIDE_AFTER = "decide after your interview"


class Finding(NamedTuple):
    """A rule or criterion for every program: whether it holds, and its reason in plain words."""

    holds: pd.Series
    reason: pd.Series


def not_ranked_highly(season: Season, fit: pd.DataFrame) -> Finding:
    """Fires when My rank is worse than the top-rank stretch, or blank once the interview is over (a rank or a
    finished interview says so; before the interview ``interview_to_come`` speaks instead)."""
    stretch = season.settings.top_rank_stretch
    rank = season.programs["My rank"].astype(float)
    before = _before_interview(season)
    fires = (rank.isna() & ~before) | (rank > stretch)
    reason = join_text([
        text_where(rank.isna() & ~before, "not on your rank list yet: fill in My rank if you would rank it"),
        text_where(rank > stretch, "you would rank it #" + whole(rank) + f", below your top {stretch}"),
    ])
    return Finding(fires, reason)


BEFORE_INTERVIEW = (CONSIDERING, APPLIED, OFFERED)
"""Statuses of a program that has not interviewed the applicant yet."""


def _before_interview(season: Season) -> pd.Series:
    return scoring.application_status(season.programs).isin(BEFORE_INTERVIEW)


def interview_to_come(season: Season, fit: pd.DataFrame) -> Finding:
    """Fires when the program has not interviewed the applicant yet (Considering, Applied, Interview offered):
    no visit before the interview; decide after it, on its date when known."""
    programs = season.programs
    fires = _before_interview(season)
    day = pd.to_datetime(programs["Interview date"]).where(fires)
    reason = join_text([
        text_where(day.notna(), DECIDE_AFTER + " on " + day_texts(day)),
        text_where(fires & day.isna(), DECIDE_AFTER + " (no interview yet)"),
    ])
    return Finding(fires, reason)


def late_virtual(season: Season) -> Finding:
    """Holds where the program's virtual session falls after the rank-list deadline: it comes too late to be an
    alternative to a visit, and the reason says so."""
    given = pd.to_datetime(season.programs["Virtual session date"])
    deadline = season.settings.rank_list_deadline
    too_late = given > pd.Timestamp(deadline)
    return Finding(too_late, text_where(too_late, "Its virtual session on " + day_texts(given) + " comes too late: "
                                        "it is after the rank list deadline " + day_text(deadline) + ", so it is no "
                                        "alternative; ask whether there is an earlier one"))
