"""Visit Guide, Compare and Rank Draft."""

from __future__ import annotations

import datetime as dt
import time

import pandas as pd
import pytest

from factories import make_season, plan_of
from xlresidency.core import schema
from xlresidency.core.settings import Settings
from xlresidency.plan import plan_season
from xlresidency.rules import fees, guide, matching, scoring
from xlresidency.sheets.compare import compare_sheet
from xlresidency.sheets.rank_draft import rank_draft_sheet
from xlresidency.sheets.visit_guide import visit_guide_sheet

DEFAULTS = Settings()

# --- Visit Guide -------------------------------------------------------------------------------------------

PROGRAMS = [
    {"Program": "Lakeshore IM", "My rank": 1, "Unanswered questions": "night float workload; who covers sick calls"},
    {"Program": "Riverside IM", "My rank": 2, "City": "Boston", "State": "MA", "Sponsors H-1B": "Yes"},
    {"Program": "Harbor IM", "My rank": 3},
    {"Program": "Prairie IM"},
]


def looks(**recommendations):
    names = [p["Program"] for p in PROGRAMS]
    rec = [recommendations.get(n.split()[0].lower(), "Skip") for n in names]
    priority = {}
    for name, r in zip(names, rec, strict=True):
        if r == "Visit":
            priority[name] = len(priority) + 1
    return pd.DataFrame({
        "Program": names,
        "Recommendation": rec,
        "Priority": pd.array([priority.get(n) for n in names], dtype="Int64"),
        "Plan": ["A" if n == "Riverside IM" else "" for n in names],
        "Date": pd.to_datetime(["2027-02-03" if n == "Riverside IM" else None for n in names]),
        "Questions to resolve": ["night float workload; confirm visa sponsorship" if n == "Lakeshore IM" else ""
                                 for n in names],
    })


def guide_for(visa="J-1", **recommendations):
    season = make_season(profile={"Visa needed": visa}, programs=PROGRAMS)
    return guide.visit_guide(plan_of(season, looks(**recommendations)))


def test_bank_is_well_formed():
    bank = guide.question_bank()
    assert list(bank.columns) == ["Area", "Visa", "Question"]
    assert set(bank["Area"]) == set(guide.VISIT_AREAS)
    assert set(bank["Visa"]) <= {"", "Any visa", "J-1", "H-1B"}
    assert bank["Question"].str.endswith("?").all()
    assert not bank["Question"].duplicated().any()
    for area in guide.VISIT_AREAS:
        assert (bank[(bank["Area"] == area) & (bank["Visa"] == "")].shape[0] >= 1)


def test_visit_guide_blocks_in_priority_order():
    frame = guide_for(lakeshore="Visit", riverside="Visit", harbor="Virtual")
    assert list(frame.columns) == ["Program", "Area", "Question", "Notes"]
    # The visits first, then the virtual session's shorter guide.
    assert list(dict.fromkeys(frame["Program"])) == ["Lakeshore IM", "Riverside IM", "Harbor IM"]
    assert (frame["Notes"] == "").all()
    visits = frame[frame["Program"] != "Harbor IM"]
    assert guide.ON_THE_CALL not in set(visits["Area"])
    for _, block in visits.groupby("Program", sort=False):
        first = block.iloc[0]
        assert first["Area"] == guide.ON_THE_DAY
        for words in ("business casual", "10–15 minutes early", "time the program gives you", "charts", "patients"):
            assert words in first["Question"]
        areas = list(dict.fromkeys(block["Area"]))
        assert [a for a in areas if a in guide.VISIT_AREAS] == list(guide.VISIT_AREAS)
        assert (block["Area"].value_counts()[list(guide.VISIT_AREAS)] >= 3).all()


def test_open_questions_merge_program_and_second_look_without_repeats():
    frame = guide_for(lakeshore="Visit")
    own = frame.loc[frame["Area"] == guide.OPEN_QUESTIONS, "Question"].tolist()
    assert own == ["Night float workload", "Who covers sick calls", "Confirm visa sponsorship"]
    assert frame["Area"].tolist().index(guide.OPEN_QUESTIONS) == 1  # right after the day's reminder


def test_planned_date_and_plan_in_the_reminder():
    frame = guide_for(riverside="Visit")
    assert frame.iloc[0]["Question"].startswith("Planned for February 3, 2027 (plan A). Dress")
    lakeshore = guide_for(lakeshore="Visit")
    assert lakeshore.iloc[0]["Question"].startswith("Dress")


def visa_text(frame: pd.DataFrame) -> str:
    return " ".join(frame.loc[frame["Area"] == "Visa and administrative support", "Question"])


def test_j1_questions():
    text = visa_text(guide_for("J-1", lakeshore="Visit"))
    assert "ECFMG" in text and "DS-2019" in text
    assert "Step 3" not in text and "H-1B" not in text


def test_h1b_questions():
    text = visa_text(guide_for("H-1B", riverside="Visit"))
    assert "Step 3" in text and "limit how many" in text
    assert "DS-2019" not in text and "ECFMG" not in text


def test_either_visa_asks_both_unless_the_program_rules_one_out():
    riverside = visa_text(guide_for("J-1 or H-1B", riverside="Visit"))  # sponsors both
    assert "DS-2019" in riverside and "Step 3" in riverside
    lakeshore = visa_text(guide_for("J-1 or H-1B", lakeshore="Visit"))  # Sponsors H-1B: No
    assert "DS-2019" in lakeshore and "Step 3" not in lakeshore


def test_no_visa_no_visa_questions():
    text = visa_text(guide_for("None", lakeshore="Visit"))
    assert "visa" not in text.lower() and text  # the onboarding question stays


def test_no_visits_empty_guide_and_a_note():
    season = make_season(programs=PROGRAMS)
    sheet = visit_guide_sheet(plan_of(season, looks()))
    assert sheet.name == "Visit Guide" and sheet.frame.empty
    assert "nothing to prepare" in sheet.note
    assert sheet.grid()[1] == ["Program", "Area", "Question", "Notes"]


def test_visit_guide_sheet_prints():
    season = make_season(programs=PROGRAMS)
    sheet = visit_guide_sheet(plan_of(season, looks(lakeshore="Visit")))
    assert sheet.landscape and "Notes" in sheet.wrap and sheet.widths["Notes"] >= 40
    assert "1 visit" in sheet.note


def test_visit_guide_scale():
    n = 13_000
    season = make_season(programs=[{"Program": f"P{i}", "My rank": i + 1} for i in range(n)])
    look = pd.DataFrame({"Program": [f"P{i}" for i in range(n)],
                         "Recommendation": ["Visit", "Visit"] + ["Skip"] * (n - 2),
                         "Priority": [1, 2] + [None] * (n - 2)})
    plan = plan_of(season, look)
    start = time.perf_counter()
    frame = guide.visit_guide(plan)
    elapsed = time.perf_counter() - start
    assert list(dict.fromkeys(frame["Program"])) == ["P0", "P1"]
    assert elapsed < 2, f"{elapsed:.2f} s"


# --- Ratings, Compare ----------------------------------------------------------------------------------

RATINGS = [
    {"Program": "Lakeshore IM", "Area": "Resident culture", "Rating": 5},
    {"Program": "Lakeshore IM", "Area": "Resident culture", "Rating": 4},
    {"Program": "Lakeshore IM", "Area": "Training quality", "Rating": 3},
    {"Program": "Lakeshore IM", "Area": "Visa support", "Rating": 4},
    {"Program": "Lakeshore IM", "Area": "Quality of life", "Rating": 4},
    {"Program": "riverside im", "Area": "Resident culture", "Rating": 3},
    {"Program": "Riverside IM", "Area": "Training quality", "Rating": 5},
    {"Program": "Riverside IM", "Area": "Visa support", "Rating": 4},
]


def test_area_ratings_average_per_area_then_across_areas():
    season = make_season(programs=PROGRAMS, ratings=RATINGS)
    table = guide.area_ratings(season.ratings)
    assert table.loc["lakeshoreim", "Resident culture"] == 4.5
    assert table.loc["lakeshoreim", "Average"] == pytest.approx((4.5 + 3 + 4 + 4) / 4)
    assert pd.isna(table.loc["riversideim", "Quality of life"])
    assert table.loc["riversideim", "Average"] == 4
    assert guide.area_ratings(make_season(programs=PROGRAMS).ratings).empty


def test_compare_pair_choices():
    season = make_season(programs=PROGRAMS)
    assert guide.compare_pair(season) == ("Lakeshore IM", "Riverside IM")
    chosen = make_season(programs=PROGRAMS, settings={"Compare A": "harbor im", "Compare B": "Lakeshore IM"})
    assert guide.compare_pair(chosen) == ("Harbor IM", "Lakeshore IM")
    one = make_season(programs=PROGRAMS, settings={"Compare B": "Harbor IM"})
    assert guide.compare_pair(one) == ("Harbor IM", "Lakeshore IM")
    alone = make_season(programs=[{"Program": "Only IM", "My rank": 1}, {"Program": "Other IM"}])
    assert guide.compare_pair(alone) is None


def test_compare_table_and_reading():
    season = make_season(programs=PROGRAMS, ratings=RATINGS)
    fit = scoring.fit_table(season)
    frame, reading = guide.compare(season, fit)
    assert list(frame.columns) == ["Factor", "Lakeshore IM", "Riverside IM"]
    table = frame.set_index("Factor")
    assert table.loc["Resident culture"].tolist() == [4.5, 3.0]
    assert table.loc["Quality of life"].tolist() == [4.0, guide.NOT_RATED]
    assert table.loc["My rank"].tolist() == [1, 2]
    assert table.loc["Visa", "Riverside IM"] == "Sponsored"
    assert table.loc["Fit (0-100)", "Lakeshore IM"] == round(float(fit.loc[fit["Program"] == "Lakeshore IM",
                                                                            "Fit"].iloc[0]))
    assert reading == ("Your ratings favour Lakeshore IM on resident culture; Riverside IM on training quality "
                       "(quality of life not rated for both). " + guide.PRESTIGE_NOTE)


def test_reading_visa_and_no_ratings():
    reading = guide.compare_reading("A", "B", pd.Series(dtype=float), pd.Series(dtype=float),
                                    "Not sponsored", "Sponsored")
    assert reading.startswith("Only B sponsors the visa you need. Neither program has ratings yet")
    same = pd.Series({"Resident culture": 4.0, "Training quality": 4.0})
    assert "the same on every area" in guide.compare_reading("A", "B", same, same, "Sponsored", "Sponsored")
    only = guide.compare_reading("A", "B", pd.Series(dtype=float), same, "Unknown", "Unknown")
    assert only.startswith("Only B has ratings so far")


@pytest.mark.parametrize("word", ["prestig", "reputation", "famous", "elite", "top-tier", "ranked #"])
def test_reading_never_recommends_by_prestige(word):
    season = make_season(programs=PROGRAMS, ratings=RATINGS)
    _, reading = guide.compare(season, scoring.fit_table(season))
    assert word not in reading.lower()


def test_compare_needs_two_programs():
    season = make_season(programs=[{"Program": "Only IM", "My rank": 1}])
    sheet = compare_sheet(plan_season(season))
    assert sheet.frame.empty and "Two programs are needed" in sheet.footer[0][1]


# --- Rank Draft --------------------------------------------------------------------------------------------


def test_rank_draft_order_flags_and_notes():
    programs = [*PROGRAMS, {"Program": "Bayside IM", "My rank": 2}]
    season = make_season(programs=programs, ratings=RATINGS)
    sheet = rank_draft_sheet(plan_season(season))
    frame = sheet.frame
    assert list(frame.columns) == guide.RANK_COLUMNS
    assert frame["Program"].tolist() == ["Lakeshore IM", "Bayside IM", "Riverside IM", "Harbor IM"]
    assert frame["#"].tolist() == [1, 2, 3, 4]
    assert frame["My rank"].tolist() == [1, 2, 2, 3]
    assert frame["Flags"].str.contains("My rank 2 is given to more than one program").tolist() == [
        False, True, True, False]
    assert frame["Average rating"].tolist()[0] == pytest.approx(3.9, abs=0.05)
    assert pd.isna(frame["Average rating"].tolist()[1])
    assert frame["Visa"].tolist()[0] == "Sponsored"
    notes = [line[0] for line in sheet.footer]
    assert notes[0] == guide.TRUE_PREFERENCE_NOTE and "applicant's side" in notes[0]
    assert notes[1].startswith("Short list: 4 program(s) ranked, fewer than the 10")
    settings = DEFAULTS
    assert notes[2].startswith(f"NRMP rank order list fee for 4 program(s): $0 on top of the "
                               f"${settings.nrmp_registration_fee:,.0f} Match registration fee, which includes up to "
                               f"{settings.nrmp_rol_included} programs; each program beyond them costs "
                               f"${settings.nrmp_rol_extra_fee:,.0f}.")
    assert fees.setting_source("nrmp_rol_extra_fee") in notes[2]
    chance = matching.match_by_interviews(4, settings, "Internal Medicine")
    assert notes[3].startswith(f"Estimated chance of matching with 4 rank(s) in Internal Medicine: {chance:.0%}")
    assert "templates/facts.csv" in notes[3]
    assert notes[4] == "1 program(s) have no My rank and are not on this draft."


def test_rank_draft_fee_for_a_long_list_and_no_short_warning():
    notes = guide.rank_draft_notes(25, 0, DEFAULTS)
    assert not any(n.startswith("Short list") for n in notes)
    assert f"fee for 25 program(s): ${5 * DEFAULTS.nrmp_rol_extra_fee:,.0f}" in notes[1]
    assert "remove 5" in guide.rank_draft_notes(305, 0, DEFAULTS)[1]
    assert any(n.startswith("Short list") for n in guide.rank_draft_notes(9, 0, DEFAULTS))
    assert not any(n.startswith("Short list") for n in guide.rank_draft_notes(10, 0, DEFAULTS))


def test_rank_draft_without_fit():
    season = make_season(programs=PROGRAMS)
    frame = guide.rank_draft(season, pd.DataFrame())  # no Fit table: Fit, Tier, Visa and Flags blank
    assert frame["Program"].tolist() == ["Lakeshore IM", "Riverside IM", "Harbor IM"]
    assert frame["Fit"].isna().all() and (frame["Flags"] == "").all()


# --- on the demo season -------------------------------------------------------------------------------


def test_compare_on_the_demo(demo_season):
    sheet = compare_sheet(plan_season(demo_season))
    settings = demo_season.settings
    assert list(sheet.frame.columns) == ["Factor", settings.compare_a, settings.compare_b]
    table = sheet.frame.set_index("Factor")
    for area in schema.RATING_AREAS:  # the demo rates its top four programs on every area
        assert all(isinstance(v, float) and 1 <= v <= 5 for v in table.loc[area])
    ranks = demo_season.programs.set_index("Program")["My rank"]
    assert table.loc["My rank"].tolist() == [int(ranks[settings.compare_a]), int(ranks[settings.compare_b])]
    reading = sheet.footer[0][1]
    assert reading.endswith(guide.PRESTIGE_NOTE)
    assert settings.compare_a in reading or settings.compare_b in reading or "the same" in reading


def test_rank_draft_on_the_demo(demo_season):
    sheet = rank_draft_sheet(plan_season(demo_season))
    programs = demo_season.programs
    ranked = programs[programs["My rank"].notna()].sort_values("My rank")
    assert sheet.frame["Program"].tolist() == ranked["Program"].tolist()
    assert sheet.frame["Fit"].notna().all()
    assert sheet.frame["Average rating"].notna().sum() == 4
    fee = fees.rank_list_fee(len(ranked), demo_season.settings)
    assert any(f"fee for {len(ranked)} program(s): ${fee:,.0f}" in line[0] for line in sheet.footer)


def test_visit_guide_on_the_demo(demo_season):
    plan = plan_season(demo_season)
    decision = plan.decision
    frame = guide.visit_guide(plan)
    visits = decision.loc[decision["Recommendation"] == "Visit"].sort_values("Priority")["Program"].tolist()
    assert visits and list(dict.fromkeys(frame.loc[frame["Area"] == guide.ON_THE_DAY, "Program"])) == visits
    calls = decision.loc[decision["Recommendation"] == "Virtual", "Program"].tolist()
    assert set(frame.loc[frame["Area"] == guide.ON_THE_CALL, "Program"]) == set(calls)
    assert list(dict.fromkeys(frame["Program"]))[:len(visits)] == visits  # visits first, then the calls
    assert "DS-2019" in " ".join(frame["Question"])  # the demo applicant needs a J-1


def test_regenerate_builds_the_guide_sheets_on_the_demo(demo_season):
    from xlresidency.regenerate import regenerate

    names = [sheet.name for sheet in regenerate(demo_season).sheets]
    for name in ("Emails", "Visit Guide", "Compare", "Rank Draft"):
        assert name in names
    assert names.index("Emails") < names.index("Visit Guide") < names.index("Compare") < names.index("Rank Draft")


def test_compare_a_and_b_naming_the_same_program_still_compares_two() -> None:
    season = make_season(programs=[{"Program": "A", "My rank": 1}, {"Program": "B", "My rank": 2}],
                         settings={"Compare A": "B", "Compare B": "b"})
    assert guide.compare_pair(season) == ("B", "A")


def test_a_virtual_session_gets_a_short_guide_for_a_video_call():
    frame = guide_for(lakeshore="Visit", harbor="Virtual")
    call = frame[frame["Program"] == "Harbor IM"]
    assert call.iloc[0]["Area"] == guide.ON_THE_CALL
    for words in ("camera", "early", "record", "rank"):
        assert words in call.iloc[0]["Question"]
    assert guide.ON_THE_DAY not in set(call["Area"])  # no dress code or charts: nobody travels
    asked = call[call["Area"].isin(guide.VISIT_AREAS)]
    assert list(dict.fromkeys(asked["Area"])) == list(guide.VISIT_AREAS)
    assert len(asked) < len(frame[(frame["Program"] == "Lakeshore IM") & frame["Area"].isin(guide.VISIT_AREAS)])
    assert set(asked["Question"]) == set(guide.virtual_question_bank()["Question"])


def test_the_virtual_question_bank_is_short_and_covers_every_area():
    bank = guide.virtual_question_bank()
    assert set(bank["Area"]) == set(guide.VISIT_AREAS)
    assert bank["Question"].str.endswith("?").all() and not bank["Question"].duplicated().any()
    assert len(bank) <= 2 * len(guide.VISIT_AREAS)


def test_rank_draft_counts_only_the_ranks_that_can_start_you():
    """An H-1B applicant without Step 3: two ranked programs sponsor only H-1B and two do not sponsor it at all.
    The chance counts the ranks that can start the applicant, and says so; with Step 3 scheduled the H-1B-only
    ranks count with the chance it is passed in time."""
    rows = [{"Program": f"P{i}", "My rank": i, "Sponsors J-1": "No", "Sponsors H-1B": "Yes"} for i in range(1, 7)]
    rows[4].update({"Sponsors H-1B": "No"})
    rows[5].update({"Sponsors H-1B": "No"})
    field = "Internal Medicine"

    def chance_line(step3: str, date: object = None) -> str:
        season = make_season(programs=rows, profile={"Visa needed": "H-1B", "Step 3": step3, "Step 3 date": date})
        notes = [line[0] for line in rank_draft_sheet(plan_season(season)).footer]
        return next(n for n in notes if n.startswith("Estimated chance of matching"))

    passed = chance_line("Passed")
    assert f"{matching.match_by_interviews(4, DEFAULTS, field):.0%}" in passed  # 4 of 6 ranks can start
    assert "2 of your ranks cannot and count for nothing" in passed
    not_taken = chance_line("Not taken")
    assert ": 0%" in not_taken and "6 of your ranks cannot" in not_taken
    scheduled = chance_line("Scheduled", dt.date(2026, 12, 1))
    step3 = DEFAULTS.step3_in_time / 100
    expected = step3 * matching.match_by_interviews(4, DEFAULTS, field)
    assert f"{float(expected):.0%}" in scheduled and "count only if Step 3 is passed in time" in scheduled
    assert guide.ranked_match_chance([1, 1, 0.8, 0.8, 0], DEFAULTS, field) == pytest.approx(
        0.8 * matching.match_by_interviews(4, DEFAULTS, field) + 0.2 * matching.match_by_interviews(2, DEFAULTS, field))
