"""How the rules are read (SPEC §2, clarified after trying real seasons): scenarios through the rules."""

import datetime as dt

from factories import make_season
from xlresidency.ground.season import SeasonGround
from xlresidency.plan import plan_season
from xlresidency.rules import guide, scoring, second_look
from xlresidency.rules.validation import MAX_SECOND_LOOKS_ADVISED
from xlresidency.sheets.fit import fit_sheet
from xlresidency.sheets.rank_draft import rank_draft_sheet

OPEN = {"Unanswered questions": "call schedule"}


def decide(programs, **kwargs):
    season = make_season(programs=programs, **kwargs)
    return season, second_look.decide(SeasonGround.of(season), scoring.fit_table(season)).set_index("Program")


# 1. Not eligible is not Likely.

def test_a_program_that_cannot_sponsor_the_visa_is_not_eligible_whatever_its_fit():
    season = make_season(programs=[{"Program": "No visa", "Sponsors J-1": "No", "IMG share (%)": 80},
                                   {"Program": "Fine"}])
    fit = scoring.fit_table(season).set_index("Program")
    assert fit.loc["No visa", "Fit"] >= season.settings.attainable_threshold  # would have been Target or Likely
    assert fit.loc["No visa", "Tier"] == scoring.NOT_ELIGIBLE
    assert fit.loc["Fine", "Tier"] in (scoring.LIKELY, scoring.TARGET, scoring.REACH)
    sheet = fit_sheet(plan_season(season))
    assert sheet.fills["Tier"][scoring.NOT_ELIGIBLE] and "1 Not eligible" in sheet.note


def test_rank_draft_warns_that_matching_where_the_visa_is_not_sponsored_means_no_start():
    season = make_season(programs=[{"Program": "No visa", "Sponsors J-1": "No", "My rank": 1},
                                   {"Program": "Fine", "My rank": 2}])
    draft = guide.rank_draft(season, scoring.fit_table(season)).set_index("Program")
    assert draft.loc["No visa", "Flags"].startswith("matching there means no start: it cannot sponsor the J-1")
    assert "does not sponsor" not in draft.loc["No visa", "Flags"]  # said once
    assert "no start" not in draft.loc["Fine", "Flags"]
    footer = [line[0] for line in rank_draft_sheet(plan_season(season)).footer]
    warnings = [line for line in footer if "matching there means no start" in line]
    assert len(warnings) == 1 and warnings[0].startswith("No visa:")


# 2. Visa readiness.

H1B_PROGRAM = {"Program": "H-1B only", "My rank": 1, "Sponsors J-1": "No", "Sponsors H-1B": "Yes", **OPEN}


def test_without_step3_an_h1b_only_program_is_not_attainable_and_says_so():
    season, table = decide([H1B_PROGRAM], profile={"Visa needed": "H-1B", "Step 3": "Not taken"})
    row = table.loc["H-1B only"]
    assert "sponsors your visa" not in row["Why"]
    assert "H-1B needs Step 3 passed by 3 Mar 2027: not yet" in row["Why not"]
    assert "when will Step 3 be passed?" in row["Questions to resolve"]
    holds, _ = second_look.attainable(season, scoring.fit_table(season))
    assert not holds.iloc[0]
    flags = guide.rank_draft(season, scoring.fit_table(season))["Flags"].iloc[0]
    assert "H-1B needs Step 3 passed" in flags


def test_either_visa_where_only_h1b_is_sponsored_needs_step3_too():
    _, table = decide([H1B_PROGRAM], profile={"Visa needed": "J-1 or H-1B", "Step 3": "Not taken"})
    assert "Step 3 passed by" in table.loc["H-1B only", "Why not"]
    _, both = decide([{**H1B_PROGRAM, "Sponsors J-1": "Yes"}],
                     profile={"Visa needed": "J-1 or H-1B", "Step 3": "Not taken"})
    assert "Step 3" not in both.loc["H-1B only", "Why not"]  # J-1 is a route there


def test_step3_scheduled_with_its_result_before_the_deadline_is_attainable_without_claiming_sponsorship():
    profile = {"Visa needed": "H-1B", "Step 3": "Scheduled", "Step 3 date": dt.date(2027, 1, 10)}
    season, table = decide([H1B_PROGRAM], profile=profile)
    holds, reason = second_look.attainable(season, scoring.fit_table(season))
    assert holds.iloc[0] and "sponsors your visa" not in reason.iloc[0]
    assert "if your Step 3 on 10 Jan 2027 is passed" in reason.iloc[0]
    late = {**profile, "Step 3 date": dt.date(2027, 2, 20)}
    season, table = decide([H1B_PROGRAM], profile=late)
    assert "too late" in table.loc["H-1B only", "Why not"]
    assert "when will Step 3 be passed?" in table.loc["H-1B only", "Questions to resolve"]


def test_step3_passed_keeps_sponsors_your_visa():
    _, table = decide([H1B_PROGRAM], profile={"Visa needed": "H-1B", "Step 3": "Passed"})
    assert "sponsors your visa" in table.loc["H-1B only", "Why"]
    assert "Step 3" not in table.loc["H-1B only", "Questions to resolve"]


# 3. Default no.

def test_a_negative_impression_is_a_named_rule_said_once():
    _, table = decide([{"Program": "Cold", "My rank": 1, "Interview impression": "Negative", **OPEN}])
    assert "Negative impression" in second_look.RULES
    why_not = table.loc["Cold", "Why not"]
    assert why_not.startswith("Your interview impression was negative: the guide says you already know you would "
                              "not rank it")
    assert why_not.lower().count("impression was negative") == 1
    assert table.loc["Cold", "Recommendation"] != second_look.VISIT


def test_the_same_question_is_never_asked_twice():
    _, table = decide([{"Program": "Twice", "My rank": 1, "Sponsors J-1": "Unknown",
                        "Unanswered questions": "Confirm visa sponsorship; call schedule"}])
    questions = table.loc["Twice", "Questions to resolve"].lower()
    assert questions.count("confirm visa sponsorship") == 1


def test_more_than_two_second_looks_is_named_on_checks_with_the_guides_advice():
    season = make_season(programs=[{"Program": "A"}], profile={"Max second looks": MAX_SECOND_LOOKS_ADVISED + 1})
    named = [p for p in season.problems if p.problem.startswith("Max second looks is 3")]
    assert len(named) == 1 and named[0].sheet == "Profile" and "one or two" in named[0].how_to_fix
    assert not make_season(programs=[{"Program": "A"}], profile={"Max second looks": 2}).problems


def test_rank_draft_warns_of_no_start_where_h1b_is_the_only_route_without_step3_in_time():
    season = make_season(programs=[{**H1B_PROGRAM, "Program": "H-1B only"}, {"Program": "Fine", "My rank": 2,
                                                                             "Sponsors H-1B": "Yes"}],
                         profile={"Visa needed": "H-1B", "Step 3": "Not taken"})
    plan = plan_season(season)
    draft = guide.rank_draft(season, plan.fit).set_index("Program")
    assert draft.loc["H-1B only", "Flags"].startswith("matching there means no start: H-1B needs Step 3 passed by")
    assert draft.loc["H-1B only", "Tier"] == scoring.NOT_ELIGIBLE
    footer = [line[0] for line in rank_draft_sheet(plan).footer]
    assert any(line.startswith("H-1B only: matching there means no start: H-1B needs Step 3") for line in footer)
