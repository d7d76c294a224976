"""The match-chance model: the interview distribution is exact, the curve only rises, a longer list never hurts."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xlresidency.core.settings import Settings
from xlresidency.rules import matching

DEFAULTS = Settings()
chances = st.lists(st.floats(min_value=0, max_value=1, allow_nan=False), min_size=0, max_size=9)


def brute_force_distribution(p: list[float]) -> np.ndarray:
    """P(k interviews) by summing over every outcome of every application."""
    dist = np.zeros(len(p) + 1)
    for outcome in itertools.product((0, 1), repeat=len(p)):
        weight = 1.0
        for got, chance in zip(outcome, p, strict=True):
            weight *= chance if got else 1 - chance
        dist[sum(outcome)] += weight
    return dist


@given(chances)
def test_the_distribution_equals_brute_force(p: list[float]) -> None:
    assert np.allclose(matching.interview_distribution(p), brute_force_distribution(p), atol=1e-12)


@given(chances, st.integers(min_value=1, max_value=4))
def test_the_last_bin_holds_that_many_or_more(p: list[float], bins: int) -> None:
    exact = brute_force_distribution(p)
    kept = matching.interview_distribution(p, bins=bins)
    assert np.isclose(kept.sum(), 1.0)
    if len(p) > bins:
        assert np.allclose(kept[:-1], exact[:bins]) and np.isclose(kept[-1], exact[bins:].sum())


@given(chances)
def test_match_chance_is_the_expected_worth_of_the_interviews(p: list[float]) -> None:
    exact = brute_force_distribution(p)
    worth = matching.match_by_interviews(np.arange(len(p) + 1), DEFAULTS, "Internal Medicine")
    assert matching.match_chance(p, DEFAULTS, "Internal Medicine") == pytest.approx(float(exact @ worth), abs=1e-9)


@given(chances, st.floats(min_value=0, max_value=1, allow_nan=False))
def test_adding_a_program_never_lowers_the_match_chance(p: list[float], extra: float) -> None:
    before = matching.match_chance(p, DEFAULTS, "Pediatrics")
    assert matching.match_chance([*p, extra], DEFAULTS, "Pediatrics") >= before - 1e-12


@given(chances)
@settings(max_examples=50)
def test_the_curve_is_each_prefix(p: list[float]) -> None:
    curve = matching.match_curve(p, DEFAULTS, "Psychiatry", start=[0.5])
    for n in range(len(p) + 1):
        assert curve[n] == pytest.approx(matching.match_chance([0.5, *p[:n]], DEFAULTS, "Psychiatry"), abs=1e-9)
    assert (np.diff(curve) >= -1e-12).all()


@pytest.mark.parametrize("specialty", ["Internal Medicine", "Family Medicine", "General Surgery", "Unknown Field"])
def test_the_curve_rises_to_its_ceiling(specialty: str) -> None:
    values = matching.match_by_interviews(np.arange(0, 200), DEFAULTS, specialty)
    assert values[0] == 0 and (np.diff(values) >= 0).all()
    assert values[-1] == pytest.approx(DEFAULTS.match_ceiling / 100, rel=matching.FLAT_WITHIN * 1.01)


def test_an_unknown_specialty_uses_the_all_specialty_figure() -> None:
    figure = DEFAULTS.for_specialty("match_per_interview", "All")
    assert figure is not None and matching.per_interview(DEFAULTS, "Unknown Field") == figure / 100


# --- outcomes that move together ----------------------------------------------------------------------------


@given(chances)
def test_with_no_spread_the_outlook_is_the_independent_curve(p: list[float]) -> None:
    seen = matching.outlook(p, DEFAULTS, "Internal Medicine", spread=0.0)
    independent = matching.match_curve(p, DEFAULTS, "Internal Medicine")
    assert np.allclose(seen.central, independent) and np.allclose(seen.low, independent)
    assert np.allclose(seen.high, independent)
    assert seen.no_interview[-1] == pytest.approx(float(np.prod([1 - c for c in p])), abs=1e-9)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(min_value=0.0, max_value=1.0, allow_nan=False), min_size=1, max_size=12),
       st.floats(min_value=0.1, max_value=3.0))
def test_each_chance_is_the_average_over_the_applicant_factor(p: list[float], spread: float) -> None:
    rows = matching.conditional_chances(p, spread, matching._Z)
    assert np.allclose(matching._W @ rows, p, atol=1e-9)
    assert (np.diff(rows, axis=0) >= -1e-12).all()  # a better-rated applicant never has a lower chance


def test_the_quadrature_agrees_with_a_fine_integral_over_the_factor() -> None:
    """The central figure against the integral of the match chance over z on a fine grid (trapezoid rule)."""
    p = np.array([0.03, 0.05, 0.08, 0.12, 0.2] * 12)
    spread = 1.27
    seen = matching.outlook(p, DEFAULTS, "Internal Medicine", spread=spread)
    z = np.linspace(-8, 8, 4001)
    rows = matching.conditional_chances(p, spread, z)
    density = np.exp(-z ** 2 / 2) / np.sqrt(2 * np.pi)
    at_z = np.array([matching.match_chance(row, DEFAULTS, "Internal Medicine") for row in rows])
    none_z = np.prod(1 - rows, axis=1)
    assert seen.central[-1] == pytest.approx(np.trapezoid(at_z * density, z), abs=1e-4)
    assert seen.no_interview[-1] == pytest.approx(np.trapezoid(none_z * density, z), abs=1e-5)
    low_z, high_z = matching.conditional_chances(p, spread, matching.RANGE_Z)
    assert seen.low[-1] == pytest.approx(matching.match_chance(low_z, DEFAULTS, "Internal Medicine"))
    assert seen.high[-1] == pytest.approx(matching.match_chance(high_z, DEFAULTS, "Internal Medicine"))
    assert seen.low[-1] < seen.central[-1] < seen.high[-1]


def test_the_mixed_distribution_sums_to_one_and_keeps_the_expected_interviews() -> None:
    p = np.full(60, 0.06)
    dist = matching.mixed_distribution(p, 1.27)
    assert dist.sum() == pytest.approx(1.0) and np.arange(61) @ dist == pytest.approx(p.sum())
    assert dist[0] > 10 * matching.interview_distribution(p)[0]
