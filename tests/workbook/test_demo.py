from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import pytest

from factories import findings_of, raw_table
from xlresidency import regenerate
from xlresidency.core import records, schema
from xlresidency.ground import places
from xlresidency.rules import applications, scoring, second_look, trips, validation
from xlresidency.workbook import demo

SEEDS = (2027, 1, 7, 99, 12345)


def season_of(rows: dict[str, list[dict[str, Any]]]) -> records.Season:
    """The demo rows read through the same validation a workbook's tables go through."""
    return validation.validate({name: raw_table(name, records) for name, records in rows.items()})


@pytest.fixture
def rows(demo_rows: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    return demo_rows


@pytest.fixture
def season(demo_season: records.Season) -> records.Season:
    return demo_season


def by_rank(season: records.Season) -> pd.DataFrame:
    return season.programs.set_index("My rank", drop=False).sort_index()


@pytest.mark.parametrize("seed", SEEDS)
def test_demo_validates_without_problems(seed: int) -> None:
    season = season_of(demo.demo_rows(seed))
    assert season.problems == []
    assert len(season.programs) == demo.PROGRAM_COUNT + demo.APPLICATION_COUNT
    assert season.programs["Interview date"].notna().sum() == demo.PROGRAM_COUNT
    assert season.settings.compare_a and season.settings.compare_b


def test_every_profile_field_is_given(rows: dict[str, list[dict[str, Any]]]) -> None:
    assert [r["Field"] for r in rows["Profile"]] == [f.name for f in schema.PROFILE_FIELDS]
    assert set(rows) == {"Profile", "Programs", "Commitments", "Ratings", "Settings"}


def test_same_seed_same_season_other_seed_other_season() -> None:
    assert demo.demo_rows(2027) == demo.demo_rows(2027)
    assert demo.demo_rows() == demo.demo_rows(2027)
    assert demo.demo_rows(2027)["Programs"] != demo.demo_rows(2028)["Programs"]


@pytest.mark.parametrize("seed", SEEDS)
def test_every_program_place_is_in_the_geodata(seed: int) -> None:
    for program in demo.demo_rows(seed)["Programs"]:
        assert places.find_place(program["City"], program["State"]) is not None, program["City"]
        if program["ZIP"]:
            assert places.find_place("", "", program["ZIP"]).state == program["State"]  # type: ignore[union-attr]
    support = next(r["Value"] for r in demo.demo_rows(seed)["Profile"] if r["Field"] == "Support cities")
    city, _, state = support.rpartition(",")
    assert places.find_place(city, state.strip()) is not None


def interviewed(season: records.Season) -> pd.DataFrame:
    """The programs the applicant interviewed with (the second-look season)."""
    return season.programs[season.programs["Interview date"].notna()]


def test_programs_cover_all_regions_policies_and_formats(season: records.Season) -> None:
    programs = interviewed(season)
    assert set(programs["State"].map(places.region_of)) == set(schema.REGION_NAMES)
    assert set(programs["Second look policy"]) == {"Offered", "Virtual only", "Discouraged", "Not offered", "Unknown"}
    assert set(programs["Interview format"]) == {"In-person", "Virtual"}
    assert (programs["Interview format"] == "Virtual").sum() > (programs["Interview format"] == "In-person").sum()
    for column in ("Sponsors J-1", "Sponsors H-1B"):
        assert set(programs[column]) == {"Yes", "No", "Unknown"}
    assert programs["IMG share (%)"].min() < 5 and programs["IMG share (%)"].max() >= 70
    assert programs["Virtual session date"].notna().sum() >= 3
    assert programs["Interview impression"].nunique() == 3


@pytest.mark.parametrize("seed", SEEDS)
def test_ranks_are_unique_and_gapless_for_most_programs(seed: int) -> None:
    ranks = season_of(demo.demo_rows(seed)).programs["My rank"].dropna()
    assert ranks.is_unique
    assert sorted(ranks) == list(range(1, len(ranks) + 1))
    assert len(ranks) == demo.PROGRAM_COUNT - demo.UNRANKED_COUNT


def test_names_are_fictional_and_addresses_reserved(rows: dict[str, list[dict[str, Any]]]) -> None:
    names = [p["Program"] for p in rows["Programs"]]
    assert len(set(names)) == len(names)
    assert all(name.split()[0] in demo.NAME_STEMS and name.endswith("Internal Medicine") for name in names)
    emails = [p["Coordinator email"] for p in rows["Programs"]]
    assert all(e.endswith((".example.org", ".example.edu")) for e in emails)
    assert len(set(emails)) == len(emails)
    profile = {r["Field"]: r["Value"] for r in rows["Profile"]}
    assert profile["Email"].endswith("@example.org")


def test_applicant_is_an_img_abroad_who_needs_a_j1(season: records.Season) -> None:
    p = season.profile
    assert p.visa_needed == "J-1" and p.abroad and p.current_state == ""
    assert p.in_us_from is not None and p.in_us_from.month == 1 and p.in_us_from.day >= 20
    assert p.in_us_until is not None and p.in_us_until.month in (2, 3)
    assert p.step2ck and p.graduation_year and p.usce_months and p.budget
    assert p.max_second_looks == 2
    assert p.career_interests and p.preferred_regions and p.support_cities


def test_interviews_fit_the_season_and_in_person_ones_the_us_stay(season: records.Season) -> None:
    programs, p = interviewed(season), season.profile
    dates = programs["Interview date"]
    assert dates.min() >= pd.Timestamp(2026, 11, 1) and dates.max() <= pd.Timestamp(2027, 1, 31)
    assert (dates.dt.day_of_week < 5).all()
    in_person = programs.loc[programs["Interview format"] == "In-person", "Interview date"]
    assert len(in_person) >= 3
    assert all(p.in_us_on(day.date()) for day in in_person)
    windows = programs.loc[programs["Second look policy"] == "Offered", ["Second look from", "Second look until"]]
    assert windows.notna().all().all()
    assert (windows["Second look from"] >= pd.Timestamp(2027, 1, 20)).all()
    assert (windows["Second look until"] <= pd.Timestamp(2027, 2, 28)).all()
    assert (windows["Second look from"] <= windows["Second look until"]).all()


def test_top_two_are_worth_a_visit_near_in_person_interviews(season: records.Season) -> None:
    top = by_rank(season).loc[[1, 2]]
    p, radius = season.profile, season.settings.nearby_radius_miles
    assert (top["Sponsors J-1"] == "Yes").all() and (top["Second look policy"] == "Offered").all()
    assert (top["Interview impression"] == "Positive").all() and (top["Unanswered questions"] != "").all()
    assert (top["Min Step 2 CK"] <= p.step2ck).all() and (top["Typical Step 2 CK"] <= p.step2ck).all()
    assert (top["IMG share (%)"] >= 40).all()
    for _, program in top.iterrows():
        assert p.in_us_on(program["Second look from"].date()) and p.in_us_on(program["Second look until"].date())
    where = places.locate(season.programs.set_index("Program"), zip_column=None)
    first, second = top["Program"]
    assert places.great_circle_miles(*where.loc[first], *where.loc[second]) <= radius  # plan C
    in_person = season.programs[season.programs["Interview format"] == "In-person"].set_index("Program")
    near_first = places.great_circle_miles(where.loc[first, "lat"], where.loc[first, "lon"],
                                          where.loc[in_person.index, "lat"], where.loc[in_person.index, "lon"])
    assert (near_first <= radius).any()  # plan A for the first choice
    assert second in in_person.index  # plan B for the second


def test_the_rest_of_the_top_five_and_the_skips_have_their_reasons(season: records.Season) -> None:
    ranked = by_rank(season)
    p = season.profile
    third, fourth, fifth = ranked.loc[3], ranked.loc[4], ranked.loc[5]
    assert third["Second look policy"] == "Offered" and pd.notna(third["Virtual session date"])
    assert fourth["Second look policy"] == "Virtual only" and fourth["Sponsors J-1"] == "Unknown"
    assert pd.notna(fourth["Virtual session date"])
    assert fifth["Second look policy"] == "Offered"
    assert not p.in_us_on(fifth["Second look from"].date()) and not p.in_us_on(fifth["Second look until"].date())
    programs = season.programs
    assert (programs["IMG share (%)"] < season.settings.long_shot_img_share).any()
    assert ((programs["Sponsors J-1"] == "No") & programs["My rank"].notna()).any()
    assert (programs["Min Step 2 CK"] > p.step2ck).any()
    assert p.graduation_year is not None
    assert (programs["Max years since graduation"] < 2027 - p.graduation_year).any()
    assert programs["IMG share (%)"].isna().any()
    assert (programs["Min US clinical experience (months)"] > p.usce_months).any()
    assert interviewed(season)["My rank"].isna().sum() == demo.UNRANKED_COUNT


def test_commitments_block_move_and_precede_travel(season: records.Season) -> None:
    c, p = season.commitments, season.profile
    fixed_exam = c[(c["Type"] == "Exam") & (c["Can move"] == "No")]
    assert len(fixed_exam) == 1 and p.step3 == "Scheduled"
    assert fixed_exam["Start"].iloc[0].date() == p.step3_date
    assert p.in_us_on(fixed_exam["Start"].iloc[0].date()) and p.in_us_on(fixed_exam["End"].iloc[0].date())
    visa = c[c["Type"] == "Visa appointment"]
    assert len(visa) == 1 and visa["Start"].iloc[0].date() < p.in_us_from  # type: ignore[operator]
    assert (c["Can move"] == "Yes").any()
    travel = c[c["Type"] == "Travel"]
    assert {d.date() for d in travel["Start"]} == {p.in_us_from, p.in_us_until}


def test_ratings_cover_the_top_three_on_all_four_areas(season: records.Season) -> None:
    ratings, ranked = season.ratings, by_rank(season)
    for rank in (1, 2, 3):
        areas = set(ratings.loc[ratings["Program"] == ranked.loc[rank, "Program"], "Area"])
        assert areas == set(schema.RATING_AREAS)
    assert ratings["Rating"].between(1, 5).all()
    assert (ratings["Notes"] != "").all()


def test_compare_names_two_programs_of_the_list(season: records.Season) -> None:
    names = set(season.programs["Program"])
    assert {season.settings.compare_a, season.settings.compare_b} <= names
    assert season.settings.compare_a != season.settings.compare_b


def test_generating_is_quick() -> None:
    demo.demo_rows()  # geodata loaded once
    start = dt.datetime.now()
    for seed in range(20):
        demo.demo_rows(seed)
    assert (dt.datetime.now() - start).total_seconds() < 2


@pytest.mark.parametrize("seed", SEEDS[:3])
def test_regenerated_demo_visits_two_offers_virtual_and_skips_for_every_reason(seed: int) -> None:
    season = season_of(demo.demo_rows(seed))
    sheets = {sheet.name: sheet.frame for sheet in regenerate.regenerate(season).sheets}
    assert sheets["Checks"].empty
    decision = sheets["Second Look"].set_index("Program")
    counts = decision["Recommendation"].value_counts()
    assert counts.get(second_look.VISIT) == season.profile.max_second_looks
    assert counts.get(second_look.VIRTUAL, 0) >= 2
    assert counts.get(second_look.SKIP, 0) >= 10
    ranked = by_rank(season).set_index("Program")["My rank"]
    visits = decision.index[decision["Recommendation"] == second_look.VISIT]
    assert sorted(ranked[visits]) == [1, 2]
    assert (decision.loc[decision["Recommendation"] != second_look.VISIT, "Priority"].isna()).all()
    assert (decision["Why"] + decision["Why not"] != "").all()

    fit = scoring.fit_table(season)
    findings = findings_of(season, fit)
    skipped = season.programs["Program"].map(decision["Recommendation"]) == second_look.SKIP
    for rule in second_look.RULES:
        assert (findings[rule].holds & skipped).any(), rule
    policy = season.programs["Second look policy"]
    assert (findings["Policy"].holds & skipped & (policy == "Discouraged")).any()
    assert (findings["Policy"].holds & skipped & (policy == "Not offered")).any()
    share = season.programs["IMG share (%)"]
    assert (findings["Long shot"].holds & (share < season.settings.long_shot_img_share)).any()
    assert (findings["Long shot"].holds & (fit["Visa"] == scoring.NOT_SPONSORED)).any()
    only_abroad = findings["Flying in only for this"].holds & ~findings["Not ranked highly"].holds
    assert only_abroad.any()  # a top-5 program skipped for the flight alone
    questions = decision["Questions to resolve"]
    assert questions.str.contains(second_look.CONFIRM_VISA).any()
    assert questions.str.contains(second_look.CONFIRM_POLICY).any()
    flags = sheets["Fit"].set_index("Program")["Flags"]
    assert flags.str.contains("below the stated minimum").any()
    assert flags.str.contains("years ago; limit").any()
    assert sheets["Fit"]["Notes"].str.contains("IMG share unknown").any()
    assert set(sheets["Fit"]["Tier"]) <= set(scoring.TIERS)
    assert {scoring.LIKELY, scoring.TARGET, scoring.REACH} <= set(sheets["Fit"]["Tier"])


@pytest.mark.parametrize("seed", SEEDS[:3])
def test_regenerated_demo_clusters_its_second_looks_with_interview_travel(seed: int) -> None:
    season = season_of(demo.demo_rows(seed))
    sheets = {sheet.name: sheet for sheet in regenerate.regenerate(season).sheets}
    decision = sheets["Second Look"].frame
    visits = decision[decision["Recommendation"] == second_look.VISIT]
    assert visits["Date"].notna().all()
    assert set(visits["Plan"]) & {trips.PLAN_NEARBY, trips.PLAN_OWN, trips.PLAN_CLUSTER}
    assert all(season.profile.in_us_on(day.date()) for day in visits["Date"])
    exam = season.commitments[season.commitments["Type"] == "Exam"].iloc[0]
    assert not visits["Date"].between(exam["Start"], exam["End"]).any()
    travel = sheets["Trips"].frame
    activities = travel.groupby("Trip")["Activity"].agg(set)
    assert activities.map(lambda a: {"Interview", "Second look"} <= a).any()  # one trip serves both
    assert season.profile.budget in [cell for row in sheets["Trips"].footer for cell in row]
    assert (travel["Conflicts"].fillna("") == "").all()


def test_regenerated_demo_drafts_clean_emails_and_fills_the_decision_sheets(season: records.Season) -> None:
    sheets = {sheet.name: sheet.frame for sheet in regenerate.regenerate(season).sheets}
    drafts = sheets["Emails"]
    assert set(drafts["Kind"]) == {"Inquiry", "Thank you", "Follow-up"}
    before_visit = drafts[drafts["Kind"] != "Thank you"]
    assert (before_visit["Policy check"] == "OK").all()
    assert not before_visit["Body"].str.contains("{{", regex=False).any()
    # The thank-you note waits for the visit: what to mention comes from the Highlight cell, filled after it.
    thanks = drafts[drafts["Kind"] == "Thank you"]
    assert thanks["Policy check"].str.contains("Highlight on Programs").all()
    assert (thanks["Body"].str.count("{{") == 1).all() and thanks["Body"].str.contains("{{ highlight }}").all()
    decision = sheets["Second Look"]
    visits = set(decision.loc[decision["Recommendation"] == second_look.VISIT, "Program"])
    assert visits <= set(sheets["Visit Guide"]["Program"])
    assert {season.settings.compare_a, season.settings.compare_b} <= set(sheets["Compare"].columns)
    assert len(sheets["Rank Draft"]) == demo.PROGRAM_COUNT - demo.UNRANKED_COUNT


def test_applications_sent_without_an_interview_and_signals(season: records.Season) -> None:
    programs = season.programs
    waiting = programs[programs["Interview date"].isna()]
    assert len(waiting) == demo.APPLICATION_COUNT and set(waiting["Status"]) == {"Applied", "Rejected"}
    assert waiting["My rank"].isna().all()
    signals = programs["Signal"].value_counts()
    allowance = season.settings
    assert 0 < signals.get("Gold", 0) <= allowance.for_specialty("gold_signals", "Internal Medicine")
    assert 0 < signals.get("Silver", 0) <= allowance.for_specialty("silver_signals", "Internal Medicine")


@pytest.mark.parametrize("seed", SEEDS[:3])
def test_the_early_season_recommends_a_real_list(seed: int) -> None:
    season = season_of(demo.demo_rows(seed, early=True))
    assert season.problems == []
    programs = season.programs
    assert programs["Interview date"].isna().all() and programs["My rank"].isna().all()
    assert (programs["Status"] == "Applied").sum() == demo.EARLY_APPLIED
    advice = applications.advise(season, scoring.fit_table(season))
    assert 10 <= advice.recommended < (programs["Status"] == "Considering").sum()
    assert advice.reached and advice.fee <= season.profile.application_budget
    table = advice.table
    assert (table["Advice"] == applications.APPLY).any()
    assert table["Advice"].isin([applications.APPLY_GOLD, applications.APPLY_SILVER]).any()
    assert (table["Advice"] == applications.SKIP).any()
