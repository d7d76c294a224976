"""The application model against NRMP's published match rates: the fit reproduces the facts file, and the figures
held out of the fit come within a stated tolerance."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from xlresidency.core import facts
from xlresidency.core.schema import NON_US_IMG, US_DO_SENIOR, US_IMG, US_MD_SENIOR
from xlresidency.core.settings import DEFAULT_SETTINGS
from xlresidency.rules import calibration

README = Path(__file__).resolve().parents[2] / "README.md"
HELD_OUT_POINTS = 5.0
"""Percentage points a held-out match rate may differ by."""
MATCHED_INTERVIEWS_WITHIN = 3
"""Interviews the matched applicants' median may differ by: the survey is from 2011, when interviews came easier."""


@pytest.fixture(scope="module")
def fitted() -> calibration.Fitted:
    return calibration.fit(DEFAULT_SETTINGS)


def test_the_facts_file_holds_the_fitted_figures(fitted: calibration.Fitted) -> None:
    settings = DEFAULT_SETTINGS
    assert settings.for_specialty("interview_rates", "All") == pytest.approx(fitted.interview_rate, abs=0.05)
    assert settings.outcome_spread == pytest.approx(fitted.spread, abs=0.01)
    for kind, odds in fitted.kind_odds.items():
        assert settings.kind_odds(kind) == pytest.approx(odds, rel=0.01), kind
    for key in ("interview_rate.all", "model.outcome_spread", "factor.kind.us_img", "factor.kind.us_md_senior",
                "factor.kind.us_do_senior"):
        assert "fitted" in facts.fact(key).source


@pytest.mark.parametrize(("kind", "key"), [
    (NON_US_IMG, "nrmp.match_rate_non_us_img"), (US_IMG, "nrmp.match_rate_us_img_2024"),
    (US_MD_SENIOR, "nrmp.match_rate_us_md_senior"), (US_DO_SENIOR, "nrmp.match_rate_us_do_senior")])
def test_the_shipped_figures_reproduce_the_rates_they_were_fitted_to(kind: str, key: str) -> None:
    found = calibration.cohort(DEFAULT_SETTINGS, kind, calibration.applications_of(kind))
    assert found.match_rate * 100 == pytest.approx(facts.number(key), abs=0.5)


def test_the_chance_of_no_interview_is_fitted_and_independence_could_not_give_it() -> None:
    n = calibration.applications_of(NON_US_IMG)
    moving = calibration.cohort(DEFAULT_SETTINGS, NON_US_IMG, n)
    assert moving.no_interview * 100 == pytest.approx(facts.number("nrmp.no_rank_list_non_us_img"), abs=0.5)
    alone = calibration.cohort(dataclasses.replace(DEFAULT_SETTINGS, outcome_spread=0.0),
                               NON_US_IMG, n)
    assert alone.no_interview < 0.01  # independent applications: nobody goes without an interview


@pytest.mark.parametrize(("kind", "key"), [
    (US_IMG, "nrmp.match_rate_us_img"), (NON_US_IMG, "nrmp.match_rate_non_us_img_2024"),
    (NON_US_IMG, "nrmp.match_rate_non_us_img_2023")])
def test_held_out_match_rates_come_within_five_points(kind: str, key: str) -> None:
    found = calibration.cohort(DEFAULT_SETTINGS, kind, calibration.applications_of(kind))
    assert abs(found.match_rate * 100 - facts.number(key)) <= HELD_OUT_POINTS


def test_held_out_interviews_of_the_matched_and_the_unmatched() -> None:
    """The survey's independent applicants: matched a median 8 interviews, unmatched 2; outcomes that move together
    give the gap, independent applications would not."""
    n = int(facts.number("survey.independent_applications"))
    found = calibration.cohort(DEFAULT_SETTINGS, NON_US_IMG, n)
    assert abs(found.median_matched - facts.number("survey.interviews_matched")) <= MATCHED_INTERVIEWS_WITHIN
    assert abs(found.median_unmatched - facts.number("survey.interviews_unmatched")) <= 1
    assert found.median_matched >= 2 * found.median_unmatched


def test_the_readme_table_is_the_calibration() -> None:
    text = README.read_text(encoding="utf-8")
    for line in calibration.readme_table(DEFAULT_SETTINGS):
        assert line in text, line
