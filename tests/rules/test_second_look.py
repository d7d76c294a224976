import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factories import findings_of, make_season, placed, plan_of
from strategies import program_rows, season_inputs
from xlresidency import regenerate
from xlresidency.ground import costs, days
from xlresidency.ground.season import SeasonGround
from xlresidency.plan import plan_season
from xlresidency.rules import scoring, second_look
from xlresidency.sheets import AMBER, GREEN, GREY
from xlresidency.sheets.second_look import second_look_sheet

PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ABROAD = {"Current country": "India", "Current city": None, "Current state": None}


def season_of(programs, **kwargs):
    season = make_season(programs=programs, **kwargs)
    # More than two second looks is allowed, but named on Checks (the guide's advice).
    assert [p for p in season.problems if not p.problem.startswith("Max second looks is")] == []
    return season


def finding(check, program=None, **kwargs):
    """A criterion or rule for one program (defaults: the factory's attainable, offered program)."""
    season = season_of([{"Program": "Lakeshore IM", "My rank": 1, **(program or {})}], **kwargs)
    named = [n for n, c in {**second_look.CRITERIA, **second_look.RULES}.items() if c is check]
    result = findings_of(season)[named[0]] if named else check(season, scoring.fit_table(season))
    return bool(result.holds.iloc[0]), str(result.reason.iloc[0])


def decision(programs, **kwargs):
    season = season_of(programs, **kwargs)
    return second_look.decide(SeasonGround.of(season), scoring.fit_table(season))


def by_name(frame):
    return frame.set_index("Program")


# --------------------------------------------------------------------------------------------------
# Criterion 1: attainable.


def test_attainable_holds_for_a_fitting_program():
    holds, reason = finding(second_look.attainable)
    assert holds
    assert reason.startswith("Attainable: Fit ") and "sponsors your visa" in reason


@pytest.mark.parametrize(("program", "said"), [
    ({"Min Step 2 CK": 250}, "below the stated minimum 250"),
    ({"Sponsors J-1": "No"}, "does not sponsor your visa"),
    ({"Interview impression": "Negative"}, "interview impression was negative"),
    ({"Max years since graduation": 2}, "graduated 5 years ago; limit 2"),
])
def test_attainable_fails_with_its_reason(program, said):
    holds, reason = finding(second_look.attainable, program)
    assert not holds
    assert said in reason


def test_attainable_fails_below_the_threshold():
    holds, reason = finding(second_look.attainable, settings={"Attainable fit threshold": 99,
                                                              "Likely fit threshold": 99})
    assert not holds and "below the attainable threshold 99" in reason


def test_unknown_visa_does_not_stop_attainable():
    holds, reason = finding(second_look.attainable, {"Sponsors J-1": "Unknown"})
    assert holds and "visa sponsorship still to confirm" in reason


# --------------------------------------------------------------------------------------------------
# Criterion 2: top of the list.


def test_top_of_list_holds_within_the_top_rank_limit():
    holds, reason = finding(second_look.top_of_list, {"My rank": 3, "City": "Cambridge", "State": "MA"},
                            profile={"Support cities": "Boston, MA"})
    assert holds
    assert "you would rank it #3" in reason and "near your support city Boston, MA" in reason


@pytest.mark.parametrize(("program", "said"), [
    ({"My rank": 4}, "ranked #4, outside your top 3"),
    ({"My rank": None}, "not ranked yet"),
    ({"Long-term fit": 2}, "long-term fit only 2 of 5"),
])
def test_top_of_list_fails(program, said):
    holds, reason = finding(second_look.top_of_list, program)
    assert not holds and said in reason


# --------------------------------------------------------------------------------------------------
# Criterion 3: open questions.


def test_open_questions_from_the_program_row():
    holds, reason = finding(second_look.open_questions, {"Unanswered questions": "call schedule; research time"})
    assert holds and "call schedule; research time" in reason


def test_open_questions_from_unknown_visa():
    holds, reason = finding(second_look.open_questions, {"Sponsors J-1": "Unknown"})
    assert holds and "visa sponsorship" in reason


def test_no_open_questions():
    holds, reason = finding(second_look.open_questions)
    assert not holds and "Unanswered questions" in reason


# --------------------------------------------------------------------------------------------------
# Criterion 4: feasible.


def test_feasible_when_living_in_the_us_with_a_free_day():
    holds, reason = finding(second_look.feasible)
    assert holds
    assert "free on 20 Jan 2027" in reason and "of your $1,500 budget" in reason


def test_not_feasible_abroad_without_us_dates():
    holds, reason = finding(second_look.feasible, profile=ABROAD)
    assert not holds and "abroad all season" in reason


def test_feasibility_follows_the_us_period():
    inside = {**ABROAD, "In US from": dt.date(2027, 2, 1), "In US until": dt.date(2027, 2, 10)}
    outside = {**ABROAD, "In US from": dt.date(2027, 3, 5), "In US until": dt.date(2027, 3, 20)}
    holds, reason = finding(second_look.feasible, profile=inside)
    assert holds and "free on 1 Feb 2027" in reason
    holds, reason = finding(second_look.feasible, profile=outside)
    assert not holds and "in the US only 5 Mar 2027 – 20 Mar 2027, not during its window" in reason


def test_a_commitment_that_cannot_move_blocks_and_is_named():
    window = {"Second look from": dt.date(2027, 2, 1), "Second look until": dt.date(2027, 2, 3)}
    exam = {"What": "Step 3 exam", "Type": "Exam", "Start": dt.date(2027, 2, 1), "End": dt.date(2027, 2, 3),
            "City": "Chicago", "State": "IL"}
    holds, reason = finding(second_look.feasible, window, commitments=[{**exam, "Can move": "No"}])
    assert not holds and "commitments you cannot move (Step 3 exam)" in reason
    holds, _ = finding(second_look.feasible, window, commitments=[{**exam, "Can move": "Yes"}])
    assert holds
    holds, reason = finding(second_look.feasible, window,
                            commitments=[{**exam, "End": dt.date(2027, 2, 2), "Can move": "No"}])
    assert holds and "free on 3 Feb 2027" in reason


def test_window_after_the_rank_list_deadline_is_not_feasible():
    late = {"Second look from": dt.date(2027, 3, 5), "Second look until": dt.date(2027, 3, 10)}
    holds, reason = finding(second_look.feasible, late)
    assert not holds and "after the last day before the rank list deadline" in reason
    holds, _ = finding(second_look.feasible, {"Second look from": dt.date(2027, 3, 2), "Second look until": None})
    assert holds  # 2 March is the day before the deadline


def test_blank_window_is_late_january_to_late_february():
    season = season_of([{"Program": "A", "Second look from": None, "Second look until": None},
                        {"Program": "B", "Second look from": dt.date(2027, 2, 10), "Second look until": None},
                        {"Program": "C", "Second look from": None, "Second look until": dt.date(2027, 1, 10)}])
    start, end = days.window(season.programs, season.settings)
    assert [d.date() for d in start] == [dt.date(2027, 1, 20), dt.date(2027, 2, 10), dt.date(2027, 1, 10)]
    assert [d.date() for d in end] == [dt.date(2027, 2, 25), dt.date(2027, 3, 2), dt.date(2027, 1, 10)]


def test_over_budget_is_not_feasible():
    seattle = season_of([{"Program": "x", "City": "Seattle", "State": "WA"}])
    cost = costs.visit_cost(seattle, costs.home_base(seattle), seattle.programs).iloc[0]
    holds, reason = finding(second_look.feasible, {"City": "Seattle", "State": "WA"},
                            profile={"Second look budget": cost - 1})
    assert not holds and "is over your" in reason
    holds, _ = finding(second_look.feasible, {"City": "Seattle", "State": "WA"},
                       profile={"Second look budget": cost + 1})
    assert holds


# --------------------------------------------------------------------------------------------------
# Rules that rule out a visit.


@pytest.mark.parametrize(("rank", "fires"), [(1, False), (5, False), (6, True), (None, True)])
def test_not_ranked_highly(rank, fires):
    fired, reason = finding(second_look.not_ranked_highly, {"My rank": rank})
    assert fired == fires
    assert bool(reason) == fires


@pytest.mark.parametrize(("program", "fires", "said"), [
    ({"IMG share (%)": 3}, True, "takes almost no IMGs (3%, under 5%)"),
    ({"IMG share (%)": 5}, False, ""),
    ({"IMG share (%)": None}, False, ""),
    ({"Sponsors J-1": "No"}, True, "does not sponsor the J-1 you need"),
    ({"Sponsors J-1": "Unknown"}, False, ""),
])
def test_long_shot(program, fires, said):
    fired, reason = finding(second_look.long_shot, program)
    assert fired == fires
    assert said in reason and (reason == "") == (not fires)


@pytest.mark.parametrize(("policy", "fires"), [
    ("Discouraged", True), ("Not offered", True), ("Virtual only", True), ("Offered", False), ("Unknown", False),
    (None, False),
])
def test_policy_rules_out(policy, fires):
    fired, reason = finding(second_look.policy_rules_out, {"Second look policy": policy})
    assert fired == fires and bool(reason) == fires


def test_flying_in_only_for_this_fires_abroad_with_nothing_else_in_the_us():
    fired, reason = finding(second_look.flying_in_only_for_this, profile=ABROAD)
    assert fired and "fly in from abroad only for this visit" in reason


def test_flying_in_does_not_fire_with_an_interview_or_a_us_stay():
    interview = {"Interview format": "In-person", "Interview date": dt.date(2027, 2, 5)}
    assert not finding(second_look.flying_in_only_for_this, interview, profile=ABROAD)[0]
    stay = {**ABROAD, "In US from": dt.date(2027, 2, 1), "In US until": dt.date(2027, 2, 10)}
    assert not finding(second_look.flying_in_only_for_this, profile=stay)[0]
    conference = {"What": "Conference", "Type": "Travel", "Start": dt.date(2027, 2, 22), "City": "Boston",
                  "State": "MA", "Can move": "No"}
    assert not finding(second_look.flying_in_only_for_this, profile=ABROAD, commitments=[conference])[0]
    assert not finding(second_look.flying_in_only_for_this)[0]  # living in the US


def test_virtual_option():
    assert finding(second_look.virtual_option, {"Virtual session date": dt.date(2027, 2, 5)})[0]
    assert finding(second_look.virtual_option, {"Second look policy": "Virtual only"})[0]
    assert not finding(second_look.virtual_option)[0]
    assert not finding(second_look.virtual_option, {"Virtual session date": dt.date(2027, 2, 5), "My rank": 6})[0]


# --------------------------------------------------------------------------------------------------
# The decision.

GOOD = {"Unanswered questions": "call schedule"}  # 4 of 4 criteria with the factory defaults and rank 1-3


def test_visit_needs_three_criteria_and_no_rule():
    result = by_name(decision([
        {"Program": "Four", "My rank": 1, **GOOD},
        {"Program": "Three", "My rank": 2},  # no open questions: 3 of 4
        {"Program": "Ruled out", "My rank": 3, "IMG share (%)": 2, **GOOD},
        {"Program": "Two", "My rank": 4},  # neither open questions nor top of list
    ], profile={"Max second looks": 5}))
    assert result.loc["Four", "Recommendation"] == "Visit" and result.loc["Four", "Criteria met"] == "4 of 4"
    assert result.loc["Three", "Recommendation"] == "Visit" and result.loc["Three", "Criteria met"] == "3 of 4"
    assert result.loc["Ruled out", "Recommendation"] == "Skip"
    assert "takes almost no IMGs" in result.loc["Ruled out", "Why not"]
    assert result.loc["Two", "Recommendation"] == "Skip"
    assert "Not top of your list" in result.loc["Two", "Why not"]
    assert result["Priority"].tolist() == [1, 2, pd.NA, pd.NA]


def test_max_second_looks_by_rank_then_fit():
    result = by_name(decision([
        {"Program": "Second", "My rank": 2, **GOOD},
        {"Program": "First", "My rank": 1, **GOOD},
        {"Program": "Tie weaker", "My rank": 3, "Interview impression": "Neutral", **GOOD},
        {"Program": "Tie stronger", "My rank": 3, **GOOD},
    ], profile={"Max second looks": 3}))
    visits = result[result["Recommendation"] == "Visit"].sort_values("Priority")
    assert visits.index.tolist() == ["First", "Second", "Tie stronger"]
    assert "Max second looks is 3" in result.loc["Tie weaker", "Why not"]


def test_virtual_fallback_and_skip():
    result = by_name(decision([
        {"Program": "Visit", "My rank": 1, **GOOD},
        {"Program": "Virtual date", "My rank": 2, "Virtual session date": dt.date(2027, 2, 4), **GOOD},
        {"Program": "Virtual only", "My rank": 3, "Second look policy": "Virtual only"},
        {"Program": "Too low", "My rank": 7, "Virtual session date": dt.date(2027, 2, 4)},
    ], profile={"Max second looks": 1}))
    assert result["Recommendation"].tolist() == ["Visit", "Virtual", "Virtual", "Skip"]
    assert "Join the virtual session on 4 Feb 2027" in result.loc["Virtual date", "Why"]
    assert "virtual sessions only" in result.loc["Virtual only", "Why not"]
    assert result.loc["Virtual date", "Est. cost"] == 0
    assert "below your top 5" in result.loc["Too low", "Why not"]


def test_unknown_visa_never_rules_out_but_asks():
    result = by_name(decision([{"Program": "Unsure", "My rank": 1, "Sponsors J-1": "Unknown",
                                "Second look policy": "Unknown"}]))
    assert result.loc["Unsure", "Recommendation"] == "Visit"
    questions = result.loc["Unsure", "Questions to resolve"]
    assert second_look.CONFIRM_VISA in questions and second_look.CONFIRM_POLICY in questions


def test_questions_only_when_unknown():
    result = by_name(decision([{"Program": "Sure", "My rank": 1, **GOOD}]))
    assert result.loc["Sure", "Questions to resolve"] == "call schedule"


def test_visa_mismatch_is_never_a_visit():
    result = by_name(decision([{"Program": "No J-1", "My rank": 1, "Sponsors J-1": "No", **GOOD}]))
    assert result.loc["No J-1", "Recommendation"] == "Skip"
    assert "does not sponsor the J-1 you need" in result.loc["No J-1", "Why not"]


def test_the_budget_passes_over_a_visit_it_cannot_pay_for():
    season = season_of([{"Program": "Far", "My rank": 1, "City": "Seattle", "State": "WA", **GOOD},
                        {"Program": "Near", "My rank": 2, **GOOD}])
    cost = second_look.estimated_cost(SeasonGround.of(season))
    budget = float(cost.sum() - 1)
    result = by_name(decision([{"Program": "Far", "My rank": 1, "City": "Seattle", "State": "WA", **GOOD},
                               {"Program": "Near", "My rank": 2, **GOOD}],
                              profile={"Second look budget": budget}))
    assert result.loc["Far", "Recommendation"] == "Visit"
    assert result.loc["Near", "Recommendation"] == "Skip"
    assert "left of your budget" in result.loc["Near", "Why not"]
    assert result.loc["Far", "Est. cost"] == pytest.approx(round(cost.iloc[0]))


def test_without_a_placer_plan_and_date_stay_blank():
    result = decision([{"Program": "A", "My rank": 1, **GOOD}])
    assert result["Plan"].tolist() == [""]
    assert result["Date"].isna().all()
    assert result["Est. cost"].notna().all()


def test_a_placer_fills_plan_date_and_cost():
    def placer(chosen):
        return placed({row: ("A", dt.date(2027, 2, 2), 321.4) for row in chosen.index})

    season = season_of([{"Program": "A", "My rank": 1, **GOOD}])
    result = second_look.decide(SeasonGround.of(season), scoring.fit_table(season), placer=placer)
    assert result[["Plan", "Est. cost"]].values.tolist() == [["A", 321]]
    assert result["Date"].iloc[0] == pd.Timestamp(2027, 2, 2)


def test_a_refused_placement_hands_the_place_to_the_next_candidate():
    calls = []

    def placer(chosen):
        calls.append(chosen["Program"].tolist())
        return placed({row: ("every free day clashes with your flight home" if name == "First"
                             else ("C", dt.date(2027, 2, 9), 500.0))
                       for row, name in chosen["Program"].items()})

    season = season_of([{"Program": "First", "My rank": 1, "Virtual session date": dt.date(2027, 2, 1), **GOOD},
                        {"Program": "Second", "My rank": 2, **GOOD},
                        {"Program": "Third", "My rank": 3, **GOOD}],
                       profile={"Max second looks": 1})
    result = by_name(second_look.decide(SeasonGround.of(season), scoring.fit_table(season), placer=placer))
    assert calls == [["First"], ["Second"]]
    assert result.loc["Second", "Recommendation"] == "Visit" and result.loc["Second", "Priority"] == 1
    assert result.loc["First", "Recommendation"] == "Virtual"
    assert "every free day clashes with your flight home" in result.loc["First", "Why not"]
    assert result.loc["Third", "Recommendation"] == "Skip"


def test_rows_the_placer_leaves_out_keep_their_visit():
    season = season_of([{"Program": "A", "My rank": 1, **GOOD}])
    result = second_look.decide(SeasonGround.of(season), scoring.fit_table(season), placer=lambda chosen: placed({}))
    assert result["Recommendation"].tolist() == ["Visit"] and result["Plan"].tolist() == [""]


# --------------------------------------------------------------------------------------------------
# The sheet and the pipeline.


def test_second_look_sheet_sorted_and_coloured():
    season = season_of([{"Program": "Skip me", "My rank": 9},
                        {"Program": "Virtual", "My rank": 2, "Second look policy": "Virtual only"},
                        {"Program": "Visit", "My rank": 3, **GOOD}])
    sheet = second_look_sheet(plan_of(season, second_look.decide(SeasonGround.of(season), scoring.fit_table(season))))
    assert sheet.name == "Second Look"
    assert list(sheet.frame.columns) == list(second_look.SECOND_LOOK_COLUMNS)
    assert sheet.frame["Program"].tolist() == ["Visit", "Virtual", "Skip me"]
    assert sheet.fills["Recommendation"] == {"Visit": GREEN, "Virtual": AMBER, "Skip": GREY}
    assert {"Why", "Why not", "Questions to resolve"} <= set(sheet.wrap)
    assert sheet.note.startswith("1 Visit, 1 Virtual, 1 Skip.")
    assert [sheet.grid()[2][i] for i in (0, 1, 3)] == ["Visit", "Visit", 1]
    assert "criteria hold" in sheet.grid()[2][2]


def test_pipeline_writes_fit_and_second_look():
    season = season_of([{"Program": "A", "My rank": 1, **GOOD}, {"Program": "B", "My rank": 2}])
    names = [sheet.name for sheet in regenerate.regenerate(season).sheets]
    assert names.index("Fit") < names.index("Second Look")


# --------------------------------------------------------------------------------------------------
# Properties.


@PROPERTY
@given(season_inputs())
def test_decision_invariants(kwargs):
    season = make_season(**kwargs)
    fit = scoring.fit_table(season)
    result = second_look.decide(SeasonGround.of(season), fit)
    visits = result["Recommendation"] == "Visit"
    assert visits.sum() <= season.profile.max_second_looks
    assert not (visits & (fit["Visa"] == scoring.NOT_SPONSORED)).any()
    assert not (visits & season.programs["Second look policy"].isin(["Discouraged", "Not offered"])).any()
    assert sorted(result.loc[visits, "Priority"].tolist()) == list(range(1, int(visits.sum()) + 1))
    assert result.loc[~visits, "Priority"].isna().all()
    assert (result.loc[visits, "Why"] != "").all()
    assert (result.loc[result["Recommendation"] == "Skip", "Why not"] != "").all()
    met = result["Criteria met"].str.slice(0, 1).astype(int)
    assert (met[visits] >= 3).all()


@PROPERTY
@given(season_inputs())
def test_same_inputs_same_sheets(kwargs):
    first = [sheet.grid() for sheet in regenerate.regenerate(make_season(**kwargs)).sheets]
    second = [sheet.grid() for sheet in regenerate.regenerate(make_season(**kwargs)).sheets]
    assert first == second


@PROPERTY
@given(st.lists(program_rows(), min_size=1, max_size=5), st.integers(min_value=0, max_value=3))
def test_placer_refusals_never_exceed_the_limit(rows, limit):
    programs = [{**row, "Program": f"P{i}"} for i, row in enumerate(rows)]
    season = make_season(programs=programs, profile={"Max second looks": limit})

    def refuse_odd_rows(chosen):
        return placed({row: ("no day" if row % 2 else ("B", dt.date(2027, 2, 1), 100.0)) for row in chosen.index})

    result = second_look.decide(SeasonGround.of(season), scoring.fit_table(season), placer=refuse_odd_rows)
    visits = result[result["Recommendation"] == "Visit"]
    assert len(visits) <= limit
    assert all(row % 2 == 0 for row in visits.index)
    assert (visits["Plan"] == "B").all()


def test_empty_programs():
    season = make_season(programs=[])
    result = second_look.decide(SeasonGround.of(season), scoring.fit_table(season))
    assert result.empty and list(result.columns) == list(second_look.SECOND_LOOK_COLUMNS)


def test_scale_is_vectorised():
    rows = [{"Program": f"P{i}", "My rank": float(i % 40 + 1), "IMG share (%)": float(i % 90),
             "Unanswered questions": "x" if i % 3 else ""} for i in range(2000)]
    season = make_season(programs=rows)
    result = second_look.decide(SeasonGround.of(season), scoring.fit_table(season))
    assert len(result) == 2000
    assert (result["Recommendation"] == "Visit").sum() == season.profile.max_second_looks
    assert np.isin(result["Recommendation"].unique(), ["Visit", "Virtual", "Skip"]).all()


def test_a_blank_window_is_said_to_be_assumed() -> None:
    season = make_season(programs=[{"Program": "No dates", "My rank": 1, "Second look from": None,
                                    "Second look until": None},
                                   {"Program": "Dated", "My rank": 2}])
    reasons = findings_of(season)["Feasible"].reason
    assert "(the program gave no dates)" in reasons.iloc[0]
    assert "within its window" in reasons.iloc[1] and "gave no dates" not in reasons.iloc[1]


def test_too_little_known_is_not_attainable() -> None:
    blank = {c: None for c in ("IMG share (%)", "Min Step 2 CK", "Typical Step 2 CK", "Max years since graduation",
                               "Min US clinical experience (months)", "Interview impression", "Long-term fit")}
    season = make_season(programs=[{"Program": "Bare", "My rank": 1, "Specialty": "", **blank},
                                   {"Program": "Known", "My rank": 2}])
    found = second_look.attainable(season, scoring.fit_table(season))
    assert not found.holds.iloc[0] and "too little is known to judge" in found.reason.iloc[0]
    assert found.holds.iloc[1] and "meets the stated minimums" in found.reason.iloc[1]


def test_minimums_are_only_said_to_be_met_when_stated() -> None:
    none_stated = {"Min Step 2 CK": None, "Max years since graduation": None,
                   "Min US clinical experience (months)": None}
    season = make_season(programs=[{"Program": "A", "My rank": 1, **none_stated}])
    assert "minimums" not in second_look.attainable(season, scoring.fit_table(season)).reason.iloc[0]


def test_a_virtual_session_after_the_rank_list_deadline_does_not_count() -> None:
    late = {"Second look policy": "Unknown", "Virtual session date": dt.date(2027, 3, 20)}
    season = make_season(programs=[{"Program": "Late", "My rank": 2, **late}])
    found = second_look.virtual_option(season, scoring.fit_table(season))
    assert not found.holds.iloc[0]
    assert "comes too late: it is after the rank list deadline 3 Mar 2027, so it is no alternative" \
        in found.reason.iloc[0]


def test_a_window_after_the_deadline_names_its_start() -> None:
    season = make_season(programs=[{"Program": "A", "My rank": 1, "Second look from": dt.date(2027, 3, 10),
                                    "Second look until": None}])
    reason = findings_of(season)["Feasible"].reason.iloc[0]
    assert "its window 10 Mar 2027 starts after the last day before the rank list deadline" in reason


def test_reasons_start_with_a_capital() -> None:
    season = make_season(programs=[{"Program": "A", "My rank": 1},
                                   {"Program": "B", "My rank": 9, "Second look policy": "Discouraged"}])
    sheet = second_look.decide(SeasonGround.of(season), scoring.fit_table(season)).set_index("Program")
    assert sheet.loc["B", "Why not"].startswith("You would rank it #9")
    assert all(text[:1].isupper() for text in sheet["Why not"] if text)


def test_the_long_shot_rule_on_img_share_is_for_imgs_only():
    senior = make_season(programs=[{"Program": "Lakeshore IM", "IMG share (%)": 3}],
                         profile={"Visa needed": "None", "Applicant kind": "US MD senior"})
    result = second_look.long_shot(senior, scoring.fit_table(senior))
    assert not result.holds.any() and (result.reason == "").all()


def test_a_window_with_no_working_day_uses_its_own_days_and_why_says_so() -> None:
    weekend = {"Program": "Lakeshore IM", "My rank": 1, "Unanswered questions": "call schedule",
               # Saturday to Monday, Martin Luther King Jr. Day: no working day
               "Second look from": dt.date(2027, 1, 16), "Second look until": dt.date(2027, 1, 18)}
    weekday = {**weekend, "Program": "Prairie IM", "My rank": 2,
               "Second look from": dt.date(2027, 1, 16), "Second look until": dt.date(2027, 1, 19)}
    season = make_season(programs=[weekend, weekday])
    decision = plan_season(season).decision.set_index("Program")
    assert list(decision["Recommendation"]) == ["Visit", "Visit"]
    assert decision.loc["Lakeshore IM", "Date"].date() == dt.date(2027, 1, 16)
    assert "a weekend or holiday: no day of its window you are free is a working day" in decision.loc[
        "Lakeshore IM", "Why"]
    assert decision.loc["Prairie IM", "Date"].date() == dt.date(2027, 1, 19)  # the one working day
    assert "weekend" not in decision.loc["Prairie IM", "Why"]
    cal = second_look.window_days(season, SeasonGround.of(season).days)
    assert cal.no_working_day.tolist() == [True, False]
    assert [d.date() for d in cal.first_free] == [dt.date(2027, 1, 16), dt.date(2027, 1, 19)]
