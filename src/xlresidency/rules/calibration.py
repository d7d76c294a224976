"""The application model checked against NRMP's published match rates: a cohort, the fit, the held-out checks.

**The cohort.** Each applicant of a kind applies to as many programs as the published mean for that kind
(``eras.applications_img``: IMGs; ``eras.applications_us_md``: US MD graduates, also used for US DO seniors, for
whom no figure was found), every application with the all-specialty base rate of the kind (the program's typical
score met, no other factor), outcomes moving together by ``Outcome spread``, and the match chance per interview
and the ceiling of Settings. NRMP's match rate counts *active* applicants (a certified rank order list), read here
as applicants with at least one interview: the cohort's rate is P(match) / P(at least one interview).

**The fit** solves, in this order: the all-specialty interview rate and the spread, so that non-US IMGs match at
the 2025 rate and the share of registered non-US IMGs without a rank list is the chance of no interview; then
the odds of each other kind against a non-US IMG, each to one published rate (US-citizen IMGs to 2024's, so
that 2025's stays held out). The facts file holds the fitted figures, rounded; a test fits again and compares.

**Held out** (never used in the fit): the 2025 US-citizen IMG rate, the 2024 and 2023 non-US IMG rates, and the
median interviews of matched and unmatched independent applicants in an older NRMP applicant survey.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from ..core import facts
from ..core.schema import NON_US_IMG, US_DO_SENIOR, US_IMG, US_MD_SENIOR
from ..core.settings import Settings
from . import matching

ALL = "All"
KIND_APPLICATIONS = {NON_US_IMG: "eras.applications_img", US_IMG: "eras.applications_img",
                     US_MD_SENIOR: "eras.applications_us_md", US_DO_SENIOR: "eras.applications_us_md"}
"""The fact giving each kind's list length in the cohort."""
KIND_TARGETS = {US_IMG: "nrmp.match_rate_us_img_2024", US_MD_SENIOR: "nrmp.match_rate_us_md_senior",
                US_DO_SENIOR: "nrmp.match_rate_us_do_senior"}
"""The published rate each kind's odds are fitted to."""
KIND_FIELDS = {US_IMG: "us_img_odds", US_MD_SENIOR: "us_md_senior_odds", US_DO_SENIOR: "us_do_senior_odds"}


@dataclass(frozen=True)
class Outcome:
    """What the model gives a cohort: the match rate of active applicants, the chance of no interview, and the
    median interviews of the matched and of the unmatched who had at least one (as survey respondents ranked)."""

    match_rate: float
    no_interview: float
    median_matched: int
    median_unmatched: int


def _median(weights: np.ndarray) -> int:
    cumulative = np.cumsum(weights) / weights.sum()
    return int(np.searchsorted(cumulative, 0.5))


def cohort(settings: Settings, kind: str, applications: int) -> Outcome:
    """The model's outcome for an applicant of ``kind`` sending ``applications`` alike at the all-specialty rate."""
    rate = (settings.for_specialty("interview_rates", ALL) or 0.0) / 100
    odds = rate / (1 - rate) * settings.kind_odds(kind)
    chance = odds / (1 + odds)
    dist = matching.mixed_distribution(np.full(applications, chance), settings.outcome_spread)
    worth = matching.match_by_interviews(np.arange(len(dist)), settings, ALL)
    matched, unmatched = dist * worth, dist * (1 - worth)
    active = 1 - dist[0]
    return Outcome(float(matched.sum() / active), float(dist[0]), _median(matched),
                   1 + _median(unmatched[1:]))


def applications_of(kind: str) -> int:
    """The cohort's list length for a kind, from the facts."""
    return int(facts.number(KIND_APPLICATIONS[kind]))


def _solve(f: Callable[[float], float], low: float, high: float, steps: int = 45) -> float:
    """The root of an increasing ``f`` between ``low`` and ``high`` by bisection."""
    for _ in range(steps):
        middle = (low + high) / 2
        low, high = (low, middle) if f(middle) > 0 else (middle, high)
    return (low + high) / 2


def _with_rate(settings: Settings, logit: float) -> Settings:
    rates = tuple((name, v) for name, v in settings.interview_rates if name != ALL)
    return replace(settings, interview_rates=((ALL, 100 / (1 + math.exp(-logit))), *rates))


def _kind_gap(settings: Settings, kind: str, target: float) -> Callable[[float], float]:
    """The cohort's match rate less ``target`` as a function of the log-odds of ``kind`` against a non-US IMG."""
    field = KIND_FIELDS[kind]

    def gap(log_odds: float) -> float:
        changed = replace(settings, **{field: math.exp(log_odds)})  # type: ignore[arg-type]
        return cohort(changed, kind, applications_of(kind)).match_rate - target

    return gap


@dataclass(frozen=True)
class Fitted:
    """The fitted figures: the all-specialty interview rate (%), the spread, and the odds of each other kind."""

    interview_rate: float
    spread: float
    kind_odds: dict[str, float]


def fit(settings: Settings) -> Fitted:
    """Fit the free figures to the published rates (see the module docstring); other figures as in ``settings``."""
    n = applications_of(NON_US_IMG)
    rate = facts.number("nrmp.match_rate_non_us_img") / 100
    none = facts.number("nrmp.no_rank_list_non_us_img") / 100

    def rate_for(spread: float) -> float:
        return _solve(lambda logit: cohort(_with_rate(replace(settings, outcome_spread=spread), logit),
                                           NON_US_IMG, n).match_rate - rate, -9.0, 3.0)

    spread = _solve(lambda s: cohort(_with_rate(replace(settings, outcome_spread=s), rate_for(s)),
                                     NON_US_IMG, n).no_interview - none, 0.0, 4.0, steps=30)
    base = _with_rate(replace(settings, outcome_spread=spread), rate_for(spread))
    odds = {kind: math.exp(_solve(_kind_gap(base, kind, facts.number(key) / 100), -3.0, 8.0))
            for kind, key in KIND_TARGETS.items()}
    fitted_rate = base.for_specialty("interview_rates", ALL) or 0.0
    return Fitted(fitted_rate, spread, odds)


@dataclass(frozen=True)
class Check:
    """One row of the README's calibration table: a published figure, its source, and the model's figure."""

    what: str
    published: str
    source: str
    model: str
    use: str  # "fitted" or "held out"


def _percent_row(what: str, key: str, model: float, use: str) -> Check:
    found = facts.fact(key)
    return Check(what, f"{found.number:.1f} %", f"{found.source}, {found.year}", f"{model * 100:.1f} %", use)


def checks(settings: Settings) -> list[Check]:
    """Every published figure the model is fitted to or checked against, with the model's figure (``settings``:
    the shipped defaults)."""
    img = cohort(settings, NON_US_IMG, applications_of(NON_US_IMG))
    us_img = cohort(settings, US_IMG, applications_of(US_IMG))
    rows = [
        _percent_row("Match rate, non-US IMGs (2025)", "nrmp.match_rate_non_us_img", img.match_rate, "fitted"),
        _percent_row("Registered non-US IMGs without a rank list (2024)", "nrmp.no_rank_list_non_us_img",
                     img.no_interview, "fitted (model: no interview)"),
        _percent_row("Match rate, US-citizen IMGs (2024)", "nrmp.match_rate_us_img_2024", us_img.match_rate, "fitted"),
        _percent_row("Match rate, US MD seniors (2025)", "nrmp.match_rate_us_md_senior",
                     cohort(settings, US_MD_SENIOR, applications_of(US_MD_SENIOR)).match_rate, "fitted"),
        _percent_row("Match rate, US DO seniors (2025)", "nrmp.match_rate_us_do_senior",
                     cohort(settings, US_DO_SENIOR, applications_of(US_DO_SENIOR)).match_rate, "fitted"),
        _percent_row("Match rate, US-citizen IMGs (2025)", "nrmp.match_rate_us_img", us_img.match_rate, "held out"),
        _percent_row("Match rate, non-US IMGs (2024)", "nrmp.match_rate_non_us_img_2024", img.match_rate, "held out"),
        _percent_row("Match rate, non-US IMGs (2023)", "nrmp.match_rate_non_us_img_2023", img.match_rate, "held out"),
    ]
    survey = cohort(settings, NON_US_IMG, int(facts.number("survey.independent_applications")))
    for what, key, value in (("Median interviews, matched independent applicants", "survey.interviews_matched",
                              survey.median_matched),
                             ("Median interviews, unmatched independent applicants", "survey.interviews_unmatched",
                              survey.median_unmatched)):
        found = facts.fact(key)
        rows.append(Check(what, f"{found.number:g}", f"{found.source}, {found.year}", f"{value}", "held out"))
    rows.append(Check("Match rate of non-US IMGs per specialty", "not found", "NRMP Charting Outcomes (charts not "
                      "available as text)", "not checked", "-"))
    return rows


def readme_table(settings: Settings) -> list[str]:
    """The README's calibration table as Markdown lines."""
    lines = ["| Published figure | Published | Source | Model | Use |", "|---|---|---|---|---|"]
    lines += [f"| {c.what} | {c.published} | {c.source} | {c.model} | {c.use} |" for c in checks(settings)]
    return lines
