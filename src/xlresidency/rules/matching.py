"""The chance of matching: how many interviews a list of applications brings, and what that many ranks are worth.

- ``interview_distribution``: the exact distribution of the number of interview offers when each application
  brings one independently with its own chance (the Poisson-binomial distribution), by dynamic programming.
- ``match_by_interviews``: the chance of matching with k interviews (k contiguous ranks) in a specialty:
  ``ceiling x (1 - (1 - per_interview)^k)``. The curve is taken as flat once it is within 0.1 % of the ceiling,
  so a distribution whose last bin holds "that many or more" gives the exact match chance of that curve.
- ``match_chance`` and ``match_curve``: the match chance of a list, and of each of its prefixes in one pass.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from ..core.settings import Settings

FLAT_WITHIN = 0.001
"""The curve is treated as flat from the first k where it is within this share of its ceiling."""
MAX_BINS = 400
"""Most interview counts the distribution keeps apart; the last bin holds that many or more."""


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


def match_chance(chances: Sequence[float] | np.ndarray, settings: Settings, specialty: object) -> float:
    """The chance (0-1) of matching with a list whose applications bring interviews with ``chances``."""
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
