"""The chance of matching: how many interviews a list of applications brings, and what that many ranks are worth.

- ``interview_distribution``: the exact distribution of the number of interview offers when each application
  brings one independently with its own chance (the Poisson-binomial distribution), by dynamic programming.
- ``match_by_interviews``: the chance of matching with k interviews (k contiguous ranks) in a specialty:
  ``ceiling x (1 - (1 - per_interview)^k)``. The curve is taken as flat once it is within 0.1 % of the ceiling,
  so a distribution whose last bin holds "that many or more" gives the exact match chance of that curve.
- ``match_chance`` and ``match_curve``: the match chance of a list, and of each of its prefixes in one pass.

**Outcomes that move together.** One applicant's applications are not independent: a profile that programs
filter out is filtered out everywhere. ``outlook`` adds an applicant-level factor z, normal with mean 0, to the
log-odds of every application alike, times ``Outcome spread`` (Settings; 0 gives independent applications).
Each program's chance as given is kept as the *average* over z (``conditional_chances`` solves for the log-odds
that average to it), so the expected number of interviews does not change. The interview distribution and the
match chance are integrated over z by Gauss-Hermite quadrature (``NODES`` points, no sampling): the central
figure is that integral; the range is the match chance at the 10th and 90th percentiles of z; the chance of no
interview is the integral of the chance that every application fails.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.polynomial.hermite_e import hermegauss

from ..core.settings import Settings

FLAT_WITHIN = 0.001
"""The curve is treated as flat from the first k where it is within this share of its ceiling."""
MAX_BINS = 400
"""Most interview counts the distribution keeps apart; the last bin holds that many or more."""
NODES = 32
"""Gauss-Hermite points the applicant-level factor is integrated over."""
RANGE_PERCENTILES = (0.10, 0.90)
RANGE_Z = (-1.2815515655446004, 1.2815515655446004)
"""The standard normal quantiles of ``RANGE_PERCENTILES``: where the range's ends are read."""


def _quadrature() -> tuple[np.ndarray, np.ndarray]:
    nodes, weights = hermegauss(NODES)  # weight exp(-z^2 / 2): the standard normal up to a constant
    return nodes, weights / weights.sum()


_Z, _W = _quadrature()


def per_interview(settings: Settings, specialty: object) -> float:
    """The chance (0-1) each interview adds in a specialty: its own figure, else the all-specialty one."""
    found = settings.for_specialty("match_per_interview", specialty)
    if found is None:
        found = settings.for_specialty("match_per_interview", "All")
    return min(max((found if found is not None else 20.0) / 100, 0.0), 1.0)


def flat_from(rate: float) -> int:
    """The interview count from which the curve counts as flat (at least 1)."""
    if rate >= 1:
        return 1
    if rate <= 0:
        return MAX_BINS
    return int(min(MAX_BINS, max(1, math.ceil(math.log(FLAT_WITHIN) / math.log(1 - rate)))))


def match_by_interviews(k: object, settings: Settings, specialty: object) -> np.ndarray:
    """The chance (0-1) of matching with k interviews ranked, element-wise; nondecreasing in k, 0 at k = 0."""
    rate = per_interview(settings, specialty)
    count = np.minimum(np.asarray(k, dtype=float), flat_from(rate))
    return np.asarray(settings.match_ceiling / 100 * (1 - (1 - rate) ** count))


def interview_distribution(chances: Sequence[float] | np.ndarray, bins: int | None = None) -> np.ndarray:
    """P(number of interviews = k) for k = 0..bins, each application independent with its own chance (0-1).

    Exact (Poisson-binomial by dynamic programming); with ``bins`` the last entry holds "bins or more".
    """
    p = np.clip(np.asarray(chances, dtype=float), 0.0, 1.0)
    size = len(p) if bins is None else min(bins, len(p))
    dist = np.zeros(size + 1)
    dist[0] = 1.0
    for chance in p:
        dist = _add(dist, float(chance))
    return dist


def _add(dist: np.ndarray, chance: float) -> np.ndarray:
    """The distribution after one more application; the last bin keeps "that many or more"."""
    moved = dist * chance
    out = dist * (1 - chance)
    out[1:] += moved[:-1]
    out[-1] += moved[-1]
    return out


def match_chance(chances: Sequence[float] | np.ndarray, settings: Settings, specialty: object,
                 spread: float = 0.0) -> float:
    """The chance (0-1) of matching with a list whose applications bring interviews with ``chances``: independent
    applications by default, the central figure of ``outlook`` with an applicant-level ``spread``."""
    if spread > 0:
        return float(outlook(chances, settings, specialty, spread=spread).central[-1])
    return float(match_curve(chances, settings, specialty, start=())[-1])


def match_curve(chances: Sequence[float] | np.ndarray, settings: Settings, specialty: object,
                start: Sequence[float] | np.ndarray = ()) -> np.ndarray:
    """The match chance (0-1) of ``start`` plus the first n of ``chances``, for n = 0..len(chances).

    One pass: each application is added to the distribution once (the work grows with the list length times
    the number of interview counts kept apart, not with its square).
    """
    bins = flat_from(per_interview(settings, specialty))
    worth = match_by_interviews(np.arange(bins + 1), settings, specialty)
    dist = np.zeros(bins + 1)
    dist[0] = 1.0
    for chance in np.clip(np.asarray(start, dtype=float), 0.0, 1.0):
        dist = _add(dist, float(chance))
    curve = np.empty(len(chances) + 1)
    curve[0] = float(dist @ worth)
    for n, chance in enumerate(np.clip(np.asarray(chances, dtype=float), 0.0, 1.0), start=1):
        dist = _add(dist, float(chance))
        curve[n] = float(dist @ worth)
    return curve


# --------------------------------------------------------------------------------------------------
# Outcomes that move together: the applicant-level factor.


def _logistic(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1 + np.tanh(x / 2))  # 1 / (1 + e^-x) without overflow


def conditional_chances(chances: Sequence[float] | np.ndarray, spread: float,
                        z: Sequence[float] | np.ndarray) -> np.ndarray:
    """Each application's chance (0-1) at each value of the applicant-level factor z (rows: z; columns:
    applications), such that its average over the standard normal z is the chance given. A chance of 0 or 1 stays
    what it is."""
    p = np.clip(np.asarray(chances, dtype=float), 0.0, 1.0)
    at = np.asarray(z, dtype=float)
    if spread <= 0 or not len(p):
        return np.broadcast_to(p, (len(at), len(p))).copy()
    inner = (p > 0) & (p < 1)
    q = np.clip(p, 1e-12, 1 - 1e-12)
    # The average over z rises with the log-odds eta: read eta off a fine grid of that average (on the logit scale,
    # where it is nearly straight), then two Newton steps.
    grid = np.linspace(-60.0, 60.0, 6001)
    averaged = _logistic(grid[:, None] + spread * _Z[None, :]) @ _W
    safe = np.clip(averaged, 1e-300, 1 - 1e-16)
    eta = np.interp(np.log(q / (1 - q)), np.log(safe / (1 - safe)), grid)
    for _ in range(2):
        at_nodes = _logistic(eta[None, :] + spread * _Z[:, None])
        value = _W @ at_nodes
        slope = np.maximum(_W @ (at_nodes * (1 - at_nodes)), 1e-300)
        eta = eta - np.clip((value - q) / slope, -1.0, 1.0)
    result = _logistic(eta[None, :] + spread * at[:, None])
    return np.where(inner[None, :], result, p[None, :])


@dataclass(frozen=True)
class Outlook:
    """The match chance of a list and of each of its prefixes, with outcomes that move together (index n: the
    start plus the first n applications): ``central`` (the integral over the applicant-level factor), ``low`` and
    ``high`` (at its 10th and 90th percentiles), ``no_interview`` (the chance that no application brings one) and
    ``expected`` (expected interviews)."""

    central: np.ndarray
    low: np.ndarray
    high: np.ndarray
    no_interview: np.ndarray
    expected: np.ndarray


def outlook(chances: Sequence[float] | np.ndarray, settings: Settings, specialty: object,
            start: Sequence[float] | np.ndarray = (), spread: float | None = None) -> Outlook:
    """The ``Outlook`` of ``start`` plus the first n of ``chances`` for n = 0..len(chances), in one pass; the
    applicant-level spread is ``Outcome spread`` on Settings unless given. With spread 0 every figure is that of
    independent applications (``match_curve``)."""
    spread = settings.outcome_spread if spread is None else float(spread)
    bins = flat_from(per_interview(settings, specialty))
    worth = match_by_interviews(np.arange(bins + 1), settings, specialty)
    at = np.concatenate([_Z, RANGE_Z])
    given = np.clip(np.asarray(chances, dtype=float), 0.0, 1.0)
    first = np.clip(np.asarray(start, dtype=float), 0.0, 1.0)
    rows = conditional_chances(np.concatenate([first, given]), spread, at)
    dist = np.zeros((len(at), bins + 1))
    dist[:, 0] = 1.0
    for column in range(len(first)):
        dist = _add_rows(dist, rows[:, column])
    size = len(given) + 1
    central, low, high, none = np.empty(size), np.empty(size), np.empty(size), np.empty(size)

    def record(n: int) -> None:
        values = dist @ worth
        central[n] = float(_W @ values[:NODES])
        low[n], high[n] = float(values[NODES]), float(values[NODES + 1])
        none[n] = float(_W @ dist[:NODES, 0])

    record(0)
    for n in range(1, size):
        dist = _add_rows(dist, rows[:, len(first) + n - 1])
        record(n)
    expected = float(first.sum()) + np.concatenate([[0.0], np.cumsum(given)])
    return Outlook(central, low, high, none, expected)


def _add_rows(dist: np.ndarray, chance: np.ndarray) -> np.ndarray:
    """``_add`` for every row of the factor at once (one chance per row)."""
    moved = dist * chance[:, None]
    out = dist * (1 - chance[:, None])
    out[:, 1:] += moved[:, :-1]
    out[:, -1] += moved[:, -1]
    return out


def mixed_distribution(chances: Sequence[float] | np.ndarray, spread: float) -> np.ndarray:
    """P(number of interviews = k), k = 0..len(chances), with the applicant-level factor integrated out
    (``spread`` 0: ``interview_distribution``)."""
    rows = conditional_chances(chances, spread, _Z)
    dist = np.zeros((NODES, len(rows[0]) + 1))
    dist[:, 0] = 1.0
    for column in range(rows.shape[1]):
        dist = _add_rows(dist, rows[:, column])
    return np.asarray(_W @ dist)
