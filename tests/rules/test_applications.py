"""The application season: interview chances, the recommended list, signals, fees, and the Applications sheet."""

from __future__ import annotations

import dataclasses
import itertools
import time
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factories import make_season, with_fit
from strategies import applicant_profiles, candidate_lists
from xlresidency import regenerate
from xlresidency.core.records import Season
from xlresidency.core.schema import OUTPUT_SHEETS
from xlresidency.plan import plan_season
from xlresidency.rules import applications, matching, scoring
from xlresidency.rules.applications import ALREADY_APPLIED, APPLY, APPLY_GOLD, APPLY_SILVER, SKIP
from xlresidency.sheets.applications import applications_sheet

SLOW = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CANDIDATE = {"Interview date": None, "Interview impression": None, "Status": "Considering", "Long-term fit": None}
CITIES = [("Chicago", "IL"), ("Boston", "MA"), ("Houston", "TX"), ("Cleveland", "OH"), ("Newark", "NJ"),
          ("Detroit", "MI"), ("Atlanta", "GA"), ("Phoenix", "AZ"), ("Seattle", "WA"), ("Baltimore", "MD")]


def candidates(n: int, **overrides: Any) -> list[dict[str, Any]]:
    rows = []
    for i in range(n):
        city, state = CITIES[i % len(CITIES)]
        rows.append({**CANDIDATE, "Program": f"Program {i + 1:03d}", "City": city, "State": state,
                     "IMG share (%)": [5, 15, 30, 45, 60, 75][i % 6], "Typical Step 2 CK": 225 + (i * 7) % 30,
                     "Min Step 2 CK": None, "Sponsors J-1": ["Yes", "Yes", "Yes", "Unknown", "No"][i % 5],
                     **overrides})
    return rows


def j1_season(n: int = 60, budget: float | None = 1500, wanted: int = 80, **profile: Any) -> Season:
    return make_season(programs=candidates(n), profile={"Visa needed": "J-1", "Application budget": budget,
                                                        "Match chance wanted": wanted, **profile})


# --- the J-1 applicant with 60 candidates -------------------------------------------------------------------


def test_a_j1_applicant_gets_a_list_within_budget_without_a_program_that_cannot_sponsor() -> None:
    season = j1_season()
    advice = applications.advise(season, scoring.fit_table(season))
    table = advice.table
    listed = table[table["Advice"].isin([APPLY, APPLY_GOLD, APPLY_SILVER])]
    assert len(listed) == advice.recommended > 0
    assert advice.fee <= 1500
    assert (season.programs.loc[listed.index, "Sponsors J-1"] != "No").all()
    no_visa = season.programs["Sponsors J-1"] == "No"
    assert (table.loc[no_visa, "Advice"] == SKIP).all()
    assert table.loc[no_visa, "Why"].str.contains("does not sponsor the J-1 you need").all()
    if advice.reached:
        assert advice.match_chance >= 0.80
    else:
        assert advice.why_short and "80%" in advice.why_short


def test_a_list_that_cannot_reach_the_chance_wanted_says_why() -> None:
    small = applications.advise(*with_fit(j1_season(n=8, budget=None, wanted=90)))
    assert not small.reached and "even all" in small.why_short and "90%" in small.why_short
    poor = applications.advise(*with_fit(j1_season(budget=40, wanted=80)))
    assert not poor.reached and "$40 budget" in poor.why_short and poor.fee <= 40


def test_a_list_already_good_enough_adds_nothing() -> None:
    rows = candidates(12, **{"Status": "Interviewed", "Interview date": pd.Timestamp("2026-12-01")})
    rows += candidates(5)[:5]
    for i, row in enumerate(rows[12:]):
        row["Program"] = f"Extra {i}"
    advice = applications.advise(*with_fit(make_season(programs=rows, profile={"Match chance wanted": 80})))
    assert advice.reached and advice.recommended == 0
    assert (advice.table["Advice"].isin([ALREADY_APPLIED, SKIP])).all()
    table = advice.table
    eligible = applications.interview_chances(*with_fit(make_season(programs=rows))).eligible
    assert table["Why"][(table["Status"] == "Considering") & eligible].str.startswith("not needed").all()


# --- the model's invariants -------------------------------------------------------------------------------


@SLOW
@given(candidate_lists(max_size=6), applicant_profiles(), st.integers(min_value=1, max_value=40))
def test_a_higher_step2_never_lowers_an_interview_chance(programs: list[dict[str, Any]], profile: dict[str, Any],
                                                         more: int) -> None:
    profile = {**profile, "Step 2 CK": profile.get("Step 2 CK") or 220}
    low = make_season(programs=programs, profile=profile)
    high = make_season(programs=programs, profile={**profile, "Step 2 CK": min(300, profile["Step 2 CK"] + more)})
    signals = low.programs["Signal"]
    before = applications.interview_chances(low, scoring.fit_table(low)).with_signal(signals, low.settings)
    after = applications.interview_chances(high, scoring.fit_table(high)).with_signal(signals, high.settings)
    eligible = applications.interview_chances(low, scoring.fit_table(low)).eligible
    assert (after[eligible] >= before[eligible] - 1e-12).all()
    # meeting a minimum never unmeets it
    assert applications.interview_chances(high, scoring.fit_table(high)).eligible[eligible].all()


@SLOW
@given(candidate_lists(max_size=6), applicant_profiles())
def test_a_signal_never_lowers_an_interview_chance(programs: list[dict[str, Any]], profile: dict[str, Any]) -> None:
    season = make_season(programs=programs, profile=profile)
    model = applications.interview_chances(season, scoring.fit_table(season))
    none = pd.Series("", index=season.programs.index, dtype=object)
    plain = model.with_signal(none, season.settings)
    for tier in ("Gold", "Silver"):
        signalled = model.with_signal(pd.Series(tier, index=season.programs.index, dtype=object), season.settings)
        assert (signalled >= plain - 1e-12).all()
    gold = pd.Series("Gold", index=season.programs.index, dtype=object)
    silver = pd.Series("Silver", index=season.programs.index, dtype=object)
    assert (model.with_signal(gold, season.settings) >= model.with_signal(silver, season.settings) - 1e-12).all()


@SLOW
@given(candidate_lists(max_size=7), applicant_profiles(), st.integers(min_value=0, max_value=2000),
       st.integers(min_value=0, max_value=2000))
def test_a_larger_budget_never_gives_a_lower_match_chance(programs: list[dict[str, Any]], profile: dict[str, Any],
                                                          first: int, extra: int) -> None:
    small = applications.advise(*with_fit(make_season(programs=programs,
                                                      profile={**profile, "Application budget": first})))
    large = applications.advise(*with_fit(make_season(programs=programs,
                                            profile={**profile, "Application budget": first + extra})))
    assert large.match_chance >= small.match_chance - 1e-12
    unlimited = applications.advise(*with_fit(make_season(programs=programs,
                                                          profile={**profile, "Application budget": None})))
    assert unlimited.match_chance >= large.match_chance - 1e-12


@SLOW
@given(candidate_lists(max_size=7), applicant_profiles())
def test_the_list_fits_the_budget_and_signals_stay_within_the_allowance(programs: list[dict[str, Any]],
                                                                         profile: dict[str, Any]) -> None:
    season = make_season(programs=programs, profile=profile)
    advice = applications.advise(season, scoring.fit_table(season))
    table = advice.table
    sent_fee = table.loc[table["Status"].isin(applications.SENT), "Cumulative fee"].max()
    if advice.budget is not None and advice.recommended:
        assert advice.fee <= max(advice.budget, 0 if pd.isna(sent_fee) else sent_fee) + 1e-9
    specialty = applications.specialty(season)
    own = season.programs["Signal"]
    for tier, field in (("Gold", "gold_signals"), ("Silver", "silver_signals")):
        advised = (own == "") & (table["Advice"] == f"Apply + {tier.lower()} signal")  # signals the sheet adds
        for name in specialty.unique():
            allowance = int(season.settings.for_specialty(field, name) or 0)
            here = specialty == name
            spent = int(((own == tier) & here).sum())
            assert int((advised & here).sum()) <= max(allowance - spent, 0), (name, tier)
            named = [p for p in advice.problems if p.column == "Signal" and name in p.problem
                     and tier.lower() in p.problem]
            assert bool(named) == (spent > allowance), (name, tier)


# --- optimality ---------------------------------------------------------------------------------------------


@settings(deadline=None)  # brute force over subsets, integrated over the factor: slow on a busy machine
@given(st.lists(st.floats(min_value=0.001, max_value=0.9, allow_nan=False), min_size=1, max_size=8),
       st.integers(min_value=0, max_value=8))
def test_the_highest_chances_first_is_the_best_list_of_each_length(chances: list[float], size: int) -> None:
    """With one specialty every application costs the same at a given length: brute force over all subsets, with
    independent applications and with outcomes that move together."""
    size = min(size, len(chances))
    defaults = make_season().settings
    ranked = sorted(chances, reverse=True)[:size]
    for spread in (0.0, defaults.outcome_spread):
        ours = matching.match_chance(ranked, defaults, "Internal Medicine", spread=spread)
        best = max(matching.match_chance(list(subset), defaults, "Internal Medicine", spread=spread)
                   for subset in itertools.combinations(chances, size))
        assert ours == pytest.approx(best, abs=1e-9)


def test_the_order_is_by_chance_within_a_specialty() -> None:
    season = j1_season(n=20, budget=None)
    advice = applications.advise(season, scoring.fit_table(season))
    ordered = advice.table.dropna(subset=["Order"]).sort_values("Order")
    chances = ordered["Interview chance"].to_numpy()
    assert (np.diff(chances) <= 1e-9).all()


@pytest.mark.parametrize("seed", range(3))
def test_the_signals_chosen_are_close_to_the_best_set(seed: int) -> None:
    """Signals are a greedy heuristic: on small lists the chance they give is within half a point of the best
    choice found by trying every way to send them."""
    rng = np.random.default_rng(seed)
    rows = candidates(7)
    for row in rows:
        row["IMG share (%)"] = int(rng.integers(0, 90))
        row["Typical Step 2 CK"] = int(rng.integers(215, 255))
        row["Sponsors J-1"] = "Yes"
    season = make_season(programs=rows, profile={"Application budget": None, "Match chance wanted": 95},
                         settings={"Gold signals, Internal Medicine": 1, "Silver signals, Internal Medicine": 2})
    advice = applications.advise(season, scoring.fit_table(season))
    model = applications.interview_chances(season, scoring.fit_table(season))
    index = season.programs.index
    best = 0.0
    for gold in index:
        for silver in itertools.combinations([i for i in index if i != gold], 2):
            signals = pd.Series("", index=index, dtype=object)
            signals[gold] = "Gold"
            signals[list(silver)] = "Silver"
            chance = model.with_signal(signals, season.settings)
            best = max(best, matching.match_chance(chance.to_numpy(), season.settings, "Internal Medicine",
                                                   spread=season.settings.outcome_spread))
    assert advice.match_chance == pytest.approx(best, abs=0.005)
    assert advice.match_chance <= best + 1e-12


# --- statuses, signals and fees ----------------------------------------------------------------------------


def test_status_sets_the_chance_and_the_advice() -> None:
    rows = candidates(6)
    rows[0].update(Status="Interview offered")
    rows[1].update(Status="Interviewed", **{"Interview date": pd.Timestamp("2026-11-20")})
    rows[2].update(Status="Rejected")
    rows[3].update(Status="Withdrawn")
    rows[4].update(Status="Applied", Signal="Gold")
    rows[5].update(Status=None)
    table = applications.advise(*with_fit(make_season(programs=rows))).table.set_index("Program")
    assert table.loc["Program 001", "Interview chance"] == 100 and table.loc["Program 002", "Interview chance"] == 100
    assert table.loc["Program 003", "Interview chance"] == 0 and table.loc["Program 004", "Interview chance"] == 0
    assert (table.loc[["Program 001", "Program 002", "Program 004"], "Advice"] == ALREADY_APPLIED).all()
    # Sent to a program that cannot sponsor J-1: still "Already applied" (never Skip), with the warning.
    assert table.loc["Program 005", "Drivers"] == "" and table.loc["Program 005", "Advice"] == ALREADY_APPLIED
    assert table.loc["Program 005", "Why"].startswith("Warning: you cannot start here if matched (does not sponsor")
    assert table.loc["Program 006", "Status"] == "Considering"


def test_signals_already_sent_count_towards_the_allowance() -> None:
    rows = candidates(30, **{"Sponsors J-1": "Yes"})
    for row in rows[:3]:
        row.update(Status="Applied", Signal="Gold")
    table = applications.advise(*with_fit(make_season(programs=rows, profile={"Application budget": None}))).table
    gold = make_season().settings.for_specialty("gold_signals", "Internal Medicine")
    assert gold == 3
    assert (table["Advice"] == APPLY_GOLD).sum() == 0  # the three gold signals are spent
    silver = make_season().settings.for_specialty("silver_signals", "Internal Medicine")
    assert (table["Advice"] == APPLY_SILVER).sum() == silver


def test_drivers_name_each_factor_that_moved_the_chance() -> None:
    rows = candidates(2)
    rows[0].update({"IMG share (%)": 70, "Typical Step 2 CK": 230, "Sponsors J-1": "Unknown"})
    season = make_season(programs=rows, profile={"Step 2 CK": 250, "US clinical experience (months)": 0})
    drivers = applications.interview_chances(season, scoring.fit_table(season)).drivers.iloc[0]
    for words in ("base", "Internal Medicine", "20 above the typical 230", "IMG-friendly: 70%",
                  "sponsorship of your visa not known", "no US clinical experience"):
        assert words in drivers


@pytest.mark.parametrize("sent", [0, 29, 30, 31])
def test_the_cumulative_fee_follows_the_schedule_at_its_boundary(sent: int) -> None:
    rows = candidates(40, **{"Sponsors J-1": "Yes", "Min Step 2 CK": None})
    for row in rows[:sent]:
        row["Status"] = "Applied"
    settings_ = make_season().settings
    table = applications.advise(*with_fit(make_season(programs=rows, profile={"Application budget": None}))).table
    low, high, first = settings_.eras_fee_first_30, settings_.eras_fee_from_31, settings_.eras_fee_first_programs

    def schedule(n: int) -> float:
        return min(n, first) * low + max(n - first, 0) * high

    fees = table["Cumulative fee"].dropna().sort_values().to_numpy()
    assert list(fees) == [schedule(n) for n in range(1, len(fees) + 1)]


# --- the sheet ----------------------------------------------------------------------------------------------


def test_applications_is_the_first_output_sheet_with_its_footer_and_chart() -> None:
    season = j1_season(n=30)
    sheets = regenerate.regenerate(season).sheets
    assert OUTPUT_SHEETS[0] == "Applications" and sheets[0].name == "Applications"
    sheet = sheets[0]
    assert list(sheet.frame.columns) == list(applications.APPLICATION_COLUMNS)
    footer = " ".join(line[0] for line in sheet.footer)
    for words in ("ERAS fee of the list", "application budget", "Expected interviews", "Estimated match chance",
                  "Sources", "templates/facts.csv"):
        assert words in footer
    assert sheet.chart is not None and sheet.chart_block is not None
    header, last, _ = sheet.chart_block
    grid = sheet.grid()
    assert grid[header - 1] == list(sheet.chart.data.columns) and len(grid) == last
    marked = sheet.chart.data.dropna(subset=["Recommended list"])
    plan = plan_season(season)
    assert plan.applications is not None
    assert marked["Applications"].tolist() == [plan.applications.sent + plan.applications.recommended]


def test_the_sheet_lists_sent_then_the_order_then_the_rest() -> None:
    rows = candidates(12)
    rows[11]["Status"] = "Applied"
    sheet = applications_sheet(plan_season(make_season(programs=rows, profile={"Visa needed": "J-1"})))
    advice = sheet.frame["Advice"].tolist()
    assert advice[0] == ALREADY_APPLIED
    ordered = sheet.frame["Order"].dropna().tolist()
    assert ordered == sorted(ordered)
    assert advice[-1] == SKIP


# --- scale -----------------------------------------------------------------------------------------------------


def test_thirteen_thousand_candidates_in_about_a_second() -> None:
    season = make_season(programs=candidates(13_000), profile={"Application budget": None})
    fit = scoring.fit_table(season)
    start = time.perf_counter()
    advice = applications.advise(season, fit)
    elapsed = time.perf_counter() - start
    assert len(advice.table) == 13_000
    assert elapsed < 3, f"{elapsed:.2f} s"  # benchmarks/bench_applications.py measures it against a floor


def test_settings_change_the_model() -> None:
    season = j1_season(n=10)
    doubled = dataclasses.replace(season.settings, signal_gold_odds=season.settings.signal_gold_odds * 2)
    model = applications.interview_chances(*with_fit(dataclasses.replace(season, settings=doubled)))
    gold = pd.Series("Gold", index=season.programs.index, dtype=object)
    plain = applications.interview_chances(season, scoring.fit_table(season)).with_signal(gold, season.settings)
    assert (model.with_signal(gold, doubled) >= plain).all()


# --- kinds of applicant, outcomes that move together, visa readiness, factors as published --------------------


def kind_season(**profile: Any) -> Season:
    return make_season(programs=candidates(12), profile={"Application budget": None, **profile})


def test_the_base_rate_and_its_words_follow_the_applicant_kind() -> None:
    img = applications.interview_chances(*with_fit(kind_season(**{"Visa needed": "J-1"})))
    senior = applications.interview_chances(*with_fit(kind_season(**{"Visa needed": "None",
                                                                     "Applicant kind": "US MD senior"})))
    assert img.drivers.str.contains("for non-US IMGs in").all()
    assert senior.drivers.str.contains("for US MD seniors in").all()
    assert (senior.base > img.base).all()
    odds = senior.base / (1 - senior.base) / (img.base / (1 - img.base))
    assert np.allclose(odds, make_season().settings.us_md_senior_odds, rtol=1e-6)
    # a program's IMG share moves only an IMG's chance
    assert img.drivers.str.contains("takes few IMGs|IMG-friendly").any()
    assert not senior.drivers.str.contains("IMG-friendly|takes few IMGs").any()


def test_a_blank_kind_is_a_non_us_img_with_a_visa_and_else_named_on_checks() -> None:
    with_visa = kind_season(**{"Visa needed": "J-1"})
    assert with_visa.profile.kind == "non-US IMG"
    assert not [p for p in with_visa.problems if "Applicant kind" in p.problem]
    without = make_season(programs=candidates(3), profile={"Visa needed": "None"})
    assert without.profile.kind == "US-citizen IMG"
    named = [p for p in without.problems if "Applicant kind" in p.problem]
    assert named and named[0].how_to_fix.startswith("Say which kind you are")


def test_outcomes_that_move_together_keep_the_chances_and_widen_the_outcome() -> None:
    profile = {"Visa needed": "J-1", "Application budget": None}
    independent = applications.advise(*with_fit(make_season(programs=candidates(40), profile=profile,
                                                  settings={"Outcome spread": 0})))
    together = applications.advise(*with_fit(make_season(programs=candidates(40), profile=profile)))
    # the chance shown per program is the average over the applicant-level factor: the same either way
    pd.testing.assert_series_equal(independent.table["Interview chance"], together.table["Interview chance"])
    n = 30
    assert independent.curve_low.iloc[n] == pytest.approx(independent.curve.iloc[n]) == pytest.approx(
        independent.curve_high.iloc[n])
    assert together.curve_low.iloc[n] < together.curve.iloc[n] < together.curve_high.iloc[n]
    assert together.curve_none.iloc[n] > 10 * independent.curve_none.iloc[n]
    assert together.curve.iloc[n] < independent.curve.iloc[n]  # the same expected interviews are worth less


def test_h1b_without_step3_counts_only_programs_that_can_start_the_applicant() -> None:
    rows = candidates(10, **{"Sponsors J-1": "No", "Sponsors H-1B": "Yes"})
    for row in rows[:3]:
        row["Sponsors H-1B"] = "No"

    def advise(step3: str, date: Any = None) -> applications.ApplicationList:
        return applications.advise(*with_fit(make_season(programs=rows, profile={
            "Visa needed": "H-1B", "Step 3": step3, "Step 3 date": date, "Application budget": None})))

    passed, scheduled, not_taken = advise("Passed"), advise("Scheduled", pd.Timestamp("2026-12-01")), \
        advise("Not taken")
    h1b_only = passed.table.index[3:]
    ratio = scheduled.table.loc[h1b_only, "Interview chance"] / passed.table.loc[h1b_only, "Interview chance"]
    assert ((ratio > 0.7) & (ratio < 0.9)).all()  # percents rounded to whole numbers
    season = make_season(programs=rows, profile={"Visa needed": "H-1B", "Step 3": "Scheduled",
                                                 "Step 3 date": pd.Timestamp("2026-12-01")})
    start = applications.interview_chances(season, scoring.fit_table(season)).start
    assert start.tolist() == [0.0] * 3 + [season.settings.step3_in_time / 100] * 7
    assert scheduled.table.loc[h1b_only, "Drivers"].str.contains("Step 3 passed in time").all()
    assert scheduled.weighted == 7 and scheduled.cannot_start == 3
    assert (not_taken.table["Advice"] == SKIP).all()
    assert not_taken.table.loc[h1b_only, "Why"].str.contains("H-1B needs Step 3 passed").all()
    assert not_taken.match_chance == 0
    assert scheduled.match_chance < passed.match_chance


def test_in_state_and_geographic_preference_are_the_published_factors() -> None:
    settings = make_season().settings
    plain = applications.interview_chances(*with_fit(kind_season(**{"Visa needed": "J-1", "Current state": "NV",
                                                          "Current city": "Las Vegas"})))
    near = applications.interview_chances(*with_fit(kind_season(**{
        "Visa needed": "J-1", "Current state": "IL", "Current city": "Chicago",
        "Geographic preference": "South Atlantic; Pacific", "Preferred regions": "West"})))
    programs = make_season(programs=candidates(12)).programs
    ratio = near.odds / plain.odds
    expected = np.where(programs["State"] == "IL", settings.in_state_odds, 1.0) * np.where(
        programs["State"].isin(["GA", "MD", "WA"]), settings.geographic_preference_odds, 1.0)
    assert np.allclose(ratio, expected)
    assert 2.45 <= settings.in_state_odds <= 5.14 and 1.83 <= settings.geographic_preference_odds <= 2.75
    assert near.drivers[programs["State"] == "GA"].str.contains("ERAS geographic preference (South Atlantic",
                                                                        regex=False).all()
    assert not near.drivers.str.contains("preferred region").any()  # Preferred regions is Fit's, not the model's


def test_a_blank_typical_score_names_the_figure_used_and_its_year() -> None:
    chances = applications.interview_chances(*with_fit(make_season(
        programs=candidates(2, **{"Typical Step 2 CK": None}), profile={"Visa needed": "J-1", "Step 2 CK": 240})))
    assert chances.drivers.str.contains("the 2022 mean of matched non-US IMGs in Internal Medicine").all()


def test_the_chart_has_round_ticks_a_band_the_wanted_line_and_fits_the_page() -> None:
    from xlresidency.sheets.layout import CHART_SIZE_CM
    from xlresidency.workbook.sheetxml import chart_xml

    sheet = applications_sheet(plan_season(j1_season(n=120, budget=None)))
    chart = sheet.chart
    assert chart is not None and chart.band and chart.dashed == ("Match chance wanted",)
    assert set(chart.data["Match chance wanted"]) == {0.8}
    advice = plan_season(j1_season(n=120, budget=None)).applications
    assert advice is not None and advice.curve_none is not None
    first = int(chart.data["Applications"].iloc[0])
    assert chart.data["Chance of no interview"].iloc[0] == round(float(advice.curve_none.loc[first]), 4)
    xml = chart_xml(sheet).decode()
    assert '<c:majorUnit val="0.2"/>' in xml and '<c:max val="1"/>' in xml and "<c:areaChart>" in xml
    lengths = chart.data["Applications"]
    assert len(lengths) <= 30 and lengths.diff().dropna().nunique() == 1  # a readable x axis, evenly spaced
    printed_cm = sum(sheet.width(str(c)) for c in sheet.frame.columns) * 0.19  # about 0.19 cm per character
    assert CHART_SIZE_CM[0] < printed_cm


def test_the_footer_quotes_the_match_rate_of_the_applicants_kind() -> None:
    for kind, rate in (("non-US IMG", "58%"), ("US MD senior", "93.5%"), ("US-citizen IMG", "67.8%")):
        season = make_season(programs=candidates(5), profile={"Applicant kind": kind, "Visa needed": "J-1"})
        footer = " ".join(line[0] for line in applications_sheet(plan_season(season)).footer)
        assert f"{rate} of active {kind}s matched in 2025 Main Match" in footer, kind


def test_a_geographic_preference_of_more_than_three_divisions_is_named() -> None:
    season = make_season(programs=candidates(3), profile={
        "Geographic preference": "New England; Pacific; Mountain; South Atlantic"})
    named = [p for p in season.problems if "Geographic preference" in p.problem]
    assert named and "ERAS allows 3" in named[0].problem
    assert applications.geographic_preference(season.profile) == ("New England", "Pacific", "Mountain")
    mixed = make_season(programs=candidates(3), profile={"Geographic preference": "No preference; Pacific"})
    assert any("No preference" in p.problem for p in mixed.problems)
    assert applications.geographic_preference(mixed.profile) == ("Pacific",)


# --- one decision, shown alike on every sheet ---------------------------------------------------------------


def _sheet_frame(season: Season) -> pd.DataFrame:
    return applications_sheet(plan_season(season)).frame


@given(st.data())
@SLOW
def test_sheets_agree_sent_is_never_skip_and_the_fee_rises_down_the_sheet(data: st.DataObject) -> None:
    rows = data.draw(candidate_lists(max_size=7))
    for row in rows:  # some applications sent and interviewed too, as in the middle of a season
        row["Status"] = data.draw(st.sampled_from([None, "Considering", "Applied", "Interview offered",
                                                   "Interviewed", "Rejected", "Withdrawn"]))
    season = make_season(programs=rows, profile=data.draw(applicant_profiles()))
    plan = plan_season(season)
    table = plan.applications.table
    sent = table["Status"].isin(applications.SENT)
    assert (table.loc[sent, "Advice"] == ALREADY_APPLIED).all()
    assert (table.loc[~sent, "Advice"] != ALREADY_APPLIED).all()
    frame = applications_sheet(plan).frame
    fees = frame["Cumulative fee"].dropna().to_numpy(dtype=float)
    assert (np.diff(fees) >= 0).all(), fees
    # the sheet is in list order: sent, then Order 1, 2, ..., then the rest
    group = np.select([frame["Status"].isin(applications.SENT), frame["Order"].notna()], [0, 1], 2)
    assert (np.diff(group) >= 0).all()
    orders = frame["Order"].dropna().to_numpy(dtype=float)
    assert (np.diff(orders) > 0).all()
    # Fit's tier and Applications' advice agree on eligibility
    not_eligible = plan.fit["Tier"].reindex(table.index) == scoring.NOT_ELIGIBLE
    said = table["Why"].str.contains("Not eligible: ", regex=False) \
        | table["Why"].str.startswith("Warning: you cannot start here")
    assert (not_eligible == said).all()
    assert not table.loc[not_eligible, "Advice"].isin([APPLY, APPLY_GOLD, APPLY_SILVER]).any()


def test_a_sent_application_below_a_minimum_reads_already_applied_and_not_eligible_until_interviewed() -> None:
    rows = candidates(3, **{"Sponsors J-1": "Yes", "Min US clinical experience (months)": 12})
    rows[0].update(Status="Applied")
    rows[1].update(Status="Interviewed", **{"Interview date": pd.Timestamp("2026-11-20")})
    season = make_season(programs=rows, profile={"Visa needed": "J-1", "US clinical experience (months)": 6})
    plan = plan_season(season)
    table = plan.applications.table.set_index("Program")
    tiers = plan.fit.set_index("Program")["Tier"]
    assert table.loc["Program 001", "Advice"] == ALREADY_APPLIED
    assert tiers["Program 001"] == scoring.NOT_ELIGIBLE
    assert table.loc["Program 001", "Why"].startswith("Not eligible: 6 months of US clinical experience")
    # The program interviewed them anyway: a note, not Not eligible, on both sheets.
    assert table.loc["Program 002", "Advice"] == ALREADY_APPLIED
    assert tiers["Program 002"] != scoring.NOT_ELIGIBLE
    assert "Not eligible" not in table.loc["Program 002", "Why"]
    assert "Note: the program asked you to interview although 6 months of US clinical experience" \
        in table.loc["Program 002", "Why"]
    assert table.loc["Program 003", "Advice"] == SKIP and tiers["Program 003"] == scoring.NOT_ELIGIBLE


def test_fit_is_not_eligible_wherever_applications_is_graduation_year_included() -> None:
    rows = candidates(2, **{"Sponsors J-1": "Yes", "Max years since graduation": 3})
    season = make_season(programs=rows, profile={"Visa needed": "J-1", "Graduation year": 2015})
    plan = plan_season(season)
    assert (plan.fit["Tier"] == scoring.NOT_ELIGIBLE).all()
    assert (plan.applications.table["Advice"] == SKIP).all()
    assert plan.applications.table["Why"].str.startswith("Not eligible: graduated 12 years ago; limit 3").all()


def test_h1b_without_step3_in_time_is_not_eligible_on_fit_and_warned_when_already_sent() -> None:
    rows = candidates(2, **{"Sponsors J-1": "No", "Sponsors H-1B": "Yes"})
    rows[0].update(Status="Applied")
    season = make_season(programs=rows, profile={"Visa needed": "H-1B", "Step 3": "Not taken"})
    plan = plan_season(season)
    table = plan.applications.table.set_index("Program")
    assert (plan.fit["Tier"] == scoring.NOT_ELIGIBLE).all()
    assert table.loc["Program 001", "Advice"] == ALREADY_APPLIED
    assert table.loc["Program 001", "Why"].startswith("Warning: you cannot start here if matched (H-1B needs Step 3")
    assert table.loc["Program 002", "Advice"] == SKIP


def test_drivers_quote_the_base_rate_as_set_and_name_the_signal() -> None:
    season = j1_season(n=20, budget=None)
    rates = tuple((name, 3.5 if name == "Internal Medicine" else rate)
                  for name, rate in season.settings.interview_rates)
    settings_ = dataclasses.replace(season.settings, interview_rates=rates)
    season = dataclasses.replace(season, settings=settings_)
    table = applications.advise(season, scoring.fit_table(season)).table
    eligible = table["Drivers"] != ""
    assert table.loc[eligible, "Drivers"].str.startswith("base 3.5% for non-US IMGs in Internal Medicine").all()
    gold = table["Advice"] == APPLY_GOLD
    assert gold.any()
    odds = f"{season.settings.signal_gold_odds:g}"
    assert table.loc[gold, "Drivers"].str.contains(f"gold signal (x{odds}, Odds: gold signal, Settings)",
                                                   regex=False).all()
    plain = table["Advice"] == APPLY
    assert not table.loc[plain, "Drivers"].str.contains("signal (x", regex=False).any()


@pytest.mark.parametrize(("best", "wanted", "shown"), [(0.797, 0.80, "79.7%"), (0.7999, 0.80, "79.99%"),
                                                       (0.42, 0.80, "42%"), (0.8749, 0.875, "87%")])
def test_a_chance_under_the_one_wanted_never_reads_as_it_after_rounding(best: float, wanted: float,
                                                                         shown: str) -> None:
    assert applications.below(best, wanted) == shown
    reason = applications._short_reason(np.array([0.0, best]), 1, wanted, None, 1)
    assert f"reach only {shown}, under the {applications.percent_text(wanted)}" in reason
