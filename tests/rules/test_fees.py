"""The ERAS and NRMP fees: expectations computed from the facts file, never typed in."""

from __future__ import annotations

import dataclasses

import pytest

from xlresidency.core import facts
from xlresidency.core.errors import InputError
from xlresidency.core.settings import Settings
from xlresidency.rules import fees

DEFAULTS = Settings()
FIRST = int(facts.number("eras.fee_first_programs"))
LOW, HIGH = facts.number("eras.fee_first_30"), facts.number("eras.fee_from_31")
INCLUDED, EXTRA = int(facts.number("nrmp.rol_included")), facts.number("nrmp.rol_extra_fee")
MOST = int(facts.number("nrmp.rol_max"))


def schedule(n: int, low: float = LOW, high: float = HIGH, first: int = FIRST) -> float:
    """The ERAS fee of one specialty, from first principles."""
    return min(n, first) * low + max(n - first, 0) * high


def test_eras_fee_matches_the_aamc_worked_example():
    example = facts.fact("eras.example_programs").numbers
    assert fees.eras_fee(example, DEFAULTS) == facts.number("eras.example_fee")


@pytest.mark.parametrize("counts", [[], [0], [1], [FIRST - 1], [FIRST], [FIRST + 1], [FIRST, FIRST], [100],
                                    (43.0, 7.0)])
def test_eras_fee_per_specialty_at_the_boundaries(counts):
    assert fees.eras_fee(counts, DEFAULTS) == sum(schedule(int(n)) for n in counts)


def test_eras_fee_boundary_is_where_the_price_changes():
    assert fees.eras_fee([FIRST + 1], DEFAULTS) - fees.eras_fee([FIRST], DEFAULTS) == HIGH
    assert fees.eras_fee([FIRST], DEFAULTS) - fees.eras_fee([FIRST - 1], DEFAULTS) == LOW


def test_eras_fee_follows_settings():
    newer = dataclasses.replace(DEFAULTS, eras_fee_first_30=12, eras_fee_from_31=32, eras_fee_first_programs=25)
    assert fees.eras_fee([43, 7], newer) == schedule(43, 12, 32, 25) + schedule(7, 12, 32, 25)


@pytest.mark.parametrize("bad", [[-1], [2.5], ["many"], [None], [float("nan")]])
def test_eras_fee_refuses_bad_counts(bad):
    with pytest.raises(InputError):
        fees.eras_fee(bad, DEFAULTS)


@pytest.mark.parametrize("n", [0, 1, INCLUDED, INCLUDED + 1, INCLUDED + 2, MOST, float(INCLUDED)])
def test_rank_list_fee_boundaries(n):
    assert fees.rank_list_fee(n, DEFAULTS) == max(int(n) - INCLUDED, 0) * EXTRA


@pytest.mark.parametrize("n", [MOST + 1, -1, 1.5, "x"])
def test_rank_list_fee_refuses(n):
    with pytest.raises(InputError):
        fees.rank_list_fee(n, DEFAULTS)


def test_rank_list_fee_follows_settings():
    newer = dataclasses.replace(DEFAULTS, nrmp_rol_included=25, nrmp_rol_extra_fee=35, nrmp_rol_max=50)
    assert fees.rank_list_fee(25, newer) == 0
    assert fees.rank_list_fee(26, newer) == 35
    with pytest.raises(InputError, match="at most 50"):
        fees.rank_list_fee(51, newer)


def test_fee_sources_name_the_source_and_year():
    fee = facts.fact("nrmp.rol_extra_fee")
    assert fees.setting_source("nrmp_rol_extra_fee") == f"Source: {fee.source}, {fee.year}."
    eras = facts.fact("eras.fee_first_30")
    assert eras.source in fees.setting_source("eras_fee_first_30")
    assert eras.year in fees.setting_source("eras_fee_first_30")


def test_an_img_pays_the_token_and_transcript_fees_out_of_the_budget_first():
    from factories import make_season, with_fit
    from xlresidency.rules import applications

    rows = [{"Program": f"P{i}", "Status": "Considering", "Interview date": None, "Sponsors J-1": "Yes",
             "IMG share (%)": 40} for i in range(40)]
    extra = facts.number("ecfmg.eras_token_fee") + facts.number("ecfmg.usmle_transcript_fee")
    budget = extra + 10 * LOW
    img = applications.advise(*with_fit(make_season(programs=rows, profile={
        "Visa needed": "J-1", "Application budget": budget, "Match chance wanted": 99})))
    assert img.img_fees == extra and img.recommended == 10 and img.fee == 10 * LOW
    assert img.total_fee == budget
    senior = applications.advise(*with_fit(make_season(programs=rows, profile={
        "Visa needed": "None", "Applicant kind": "US MD senior", "Application budget": budget,
        "Match chance wanted": 99.0})))
    assert senior.img_fees == 0 and senior.fee <= budget and senior.recommended > 10
