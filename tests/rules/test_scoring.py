import dataclasses
import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factories import make_season
from strategies import season_inputs
from xlresidency.core import text
from xlresidency.plan import plan_season
from xlresidency.rules import scoring
from xlresidency.sheets import AMBER, GREEN, GREY, RED
from xlresidency.sheets.fit import fit_sheet

PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def fit_of(programs=None, **kwargs):
    season = make_season(programs=programs or [{"Program": "Lakeshore IM"}], **kwargs)
    assert season.problems == []
    return scoring.fit_table(season)


def one(programs=None, **kwargs):
    return fit_of([{"Program": "Lakeshore IM", **(programs or {})}], **kwargs).iloc[0]


# --------------------------------------------------------------------------------------------------
# Visa status.


@pytest.mark.parametrize(("needed", "j1", "h1b", "status"), [
    ("J-1", "Yes", "No", "Sponsored"),
    ("J-1", "No", "Yes", "Not sponsored"),
    ("J-1", "Unknown", "Yes", "Unknown"),
    ("J-1", "", "Yes", "Unknown"),
    ("H-1B", "Yes", "No", "Not sponsored"),
    ("H-1B", "No", "Yes", "Sponsored"),
    ("J-1 or H-1B", "No", "Yes", "Sponsored"),
    ("J-1 or H-1B", "Yes", "No", "Sponsored"),
    ("J-1 or H-1B", "No", "No", "Not sponsored"),
    ("J-1 or H-1B", "No", "Unknown", "Unknown"),
    ("None", "No", "No", "Not needed"),
])
def test_visa_status(needed, j1, h1b, status):
    result = scoring.visa_status(needed, pd.Series([j1]), pd.Series([h1b]))
    assert result.tolist() == [status]


def test_visa_status_is_vectorised_over_the_needed_visa_too():
    result = scoring.visa_status(pd.Series(["J-1", "H-1B"]), pd.Series(["Yes", "Yes"]), pd.Series(["No", "No"]))
    assert result.tolist() == ["Sponsored", "Not sponsored"]


def test_visa_component_and_column():
    assert one({"Sponsors J-1": "Yes"})[["Visa fit", "Visa"]].tolist() == [100.0, "Sponsored"]
    assert one({"Sponsors J-1": "No"})[["Visa fit", "Visa"]].tolist() == [0.0, "Not sponsored"]
    assert one({"Sponsors J-1": "Unknown"})[["Visa fit", "Visa"]].tolist() == [50.0, "Unknown"]
    row = one({"Sponsors J-1": "No", "Sponsors H-1B": "No"},
              profile={"Visa needed": "None", "Applicant kind": "US-citizen IMG"})
    assert row[["Visa fit", "Visa"]].tolist() == [100.0, "Not needed"]


# --------------------------------------------------------------------------------------------------
# Graduation year.


def test_years_since_graduation_scalar_series_and_blank():
    today = dt.date(2027, 3, 3)
    assert scoring.years_since_graduation(2019, today) == 8
    assert scoring.years_since_graduation(pd.Series([2019, np.nan]), today).tolist()[0] == 8
    assert math.isnan(scoring.years_since_graduation(pd.Series([2019, np.nan]), today).tolist()[1])
    assert math.isnan(scoring.years_since_graduation(None, today))


def test_graduation_over_the_limit_is_flagged_and_scores_low():
    row = one({"Max years since graduation": 5}, profile={"Graduation year": 2019})
    assert "graduated 8 years ago; limit 5" in row["Flags"]
    assert row["Graduation year"] <= 30


def test_graduation_within_the_limit_is_not_flagged():
    row = one({"Max years since graduation": 5}, profile={"Graduation year": 2024})
    assert "graduated" not in row["Flags"]
    assert row["Graduation year"] == 100


def test_graduation_points_fall_as_years_pass():
    points = scoring.graduation_points(pd.Series([1.0, 3, 4, 5, 6, 7, 12]), pd.Series([5.0] * 7))
    assert points.tolist() == [100, 100, 90, 80, 30, 20, 0]


def test_reference_day_is_the_season_not_the_clock():
    early = make_season(programs=[{"Program": "A"}], settings={"Rank list deadline": dt.date(2027, 3, 3)})
    later = make_season(programs=[{"Program": "A"}], settings={"Rank list deadline": dt.date(2030, 3, 6)})
    assert scoring.fit_table(early)["Graduation year"].iloc[0] == 80  # 2022 -> 5 years, the limit
    assert scoring.fit_table(later)["Graduation year"].iloc[0] == 10  # 8 years
    assert scoring.fit_table(early, today=dt.date(2030, 1, 1))["Graduation year"].iloc[0] == 10


# --------------------------------------------------------------------------------------------------
# Scores.


def test_score_points_anchor_at_typical_and_minimum():
    minimum, typical = pd.Series([220.0] * 5), pd.Series([240.0] * 5)
    got = [scoring.score_points(s, minimum[:1], typical[:1]).iloc[0] for s in (250, 240, 230, 220, 210)]
    assert got == [100, 80, 60, 40, 0]


def test_below_minimum_is_a_flag_not_just_a_low_number():
    row = one({"Min Step 2 CK": 250, "Typical Step 2 CK": 255}, profile={"Step 2 CK": 245})
    assert "Step 2 CK 245 is below the stated minimum 250" in row["Flags"]
    assert row["Scores"] < 40


def test_at_or_above_minimum_is_not_flagged():
    row = one({"Min Step 2 CK": 245}, profile={"Step 2 CK": 245})
    assert "below the stated minimum" not in row["Flags"]


def test_blank_typical_falls_back_to_the_specialty_mean_and_says_so():
    row = one({"Typical Step 2 CK": None, "Min Step 2 CK": None, "Specialty": "Pediatrics"},
              profile={"Step 2 CK": 231})
    assert row["Scores"] == 80  # exactly the Pediatrics mean, 231
    assert "matched IMGs' mean for Pediatrics (231" in row["Notes"]


def test_no_score_expectation_at_all_is_left_out():
    row = one({"Typical Step 2 CK": None, "Min Step 2 CK": None, "Specialty": "Neurosurgery"},
              profile={"Specialty": "Neurosurgery"})
    assert math.isnan(row["Scores"])
    assert "no minimum or typical Step 2 CK known" in row["Notes"]


def test_missing_step2_is_said():
    row = one(profile={"Step 2 CK": None})
    assert math.isnan(row["Scores"])
    assert "Step 2 CK not on your profile" in row["Notes"]


# --------------------------------------------------------------------------------------------------
# Clinical experience, IMG friendliness, impression, long-term fit.


def test_clinical_experience_below_the_minimum():
    row = one({"Min US clinical experience (months)": 6}, profile={"US clinical experience (months)": 3})
    assert "3 months of US clinical experience; the program asks for 6" in row["Flags"]
    assert row["Clinical experience"] == 25


def test_clinical_experience_meeting_the_minimum():
    row = one({"Min US clinical experience (months)": 3}, profile={"US clinical experience (months)": 9})
    assert "clinical experience" not in row["Flags"]
    assert row["Clinical experience"] == 100


@pytest.mark.parametrize(("share", "tier"), [(0, "Low"), (10, "Low"), (11, "Medium"), (49, "Medium"),
                                            (50, "High"), (100, "High")])
def test_img_tiers(share, tier):
    assert scoring.img_tier(pd.Series([float(share)])).tolist() == [tier]


def test_img_points_rise_smoothly_through_the_tiers():
    points = scoring.img_points(pd.Series([0.0, 5, 10, 11, 30, 49, 50, 75, 100]))
    assert points.is_monotonic_increasing
    assert points.tolist()[2] == 40 and points.tolist()[6] == 80 and points.tolist()[-1] == 100


def test_unknown_img_share_is_left_out_not_zero():
    known = one({"IMG share (%)": 40})
    unknown = one({"IMG share (%)": None})
    assert math.isnan(unknown["IMG friendliness"])
    assert "IMG share unknown" in unknown["Notes"]
    others = [c for c in scoring.COMPONENTS if c != "IMG friendliness"]
    weights = {scoring.COMPONENT_COLUMNS[k]: w for k, w in make_season().settings.fit_weights.items()}
    expected = sum(unknown[c] * weights[c] for c in others) / sum(weights[c] for c in others)
    assert unknown["Fit"] == pytest.approx(expected)
    assert known["Fit"] != pytest.approx(expected)


@pytest.mark.parametrize(("impression", "points"), [("Positive", 100), ("Neutral", 60), ("Negative", 10)])
def test_interview_impression(impression, points):
    assert one({"Interview impression": impression})["Interview impression"] == points


def test_blank_impression_and_long_term_fit_are_said():
    row = one({"Interview impression": None, "Long-term fit": None})
    assert "interview impression blank" in row["Notes"] and "long-term fit blank" in row["Notes"]


@pytest.mark.parametrize(("rating", "points"), [(1, 0), (3, 50), (5, 100)])
def test_long_term_fit(rating, points):
    assert one({"Long-term fit": rating})["Long-term fit"] == points


# --------------------------------------------------------------------------------------------------
# Location.


def test_preferred_region():
    midwest = {"Preferred regions": "Midwest"}
    assert one({"City": "Chicago", "State": "IL"}, profile=midwest)["Location preference"] == 100
    assert one({"City": "Houston", "State": "TX"}, profile=midwest)["Location preference"] == 0


def test_support_city_counts_by_real_distance():
    profile = {"Preferred regions": "", "Support cities": "Boston, MA"}
    near = one({"City": "Worcester", "State": "MA"}, profile=profile)  # about 40 miles
    middle = one({"City": "New York", "State": "NY"}, profile=profile)  # about 190 miles
    far = one({"City": "Houston", "State": "TX"}, profile=profile)
    assert near["Location preference"] == 100
    assert 0 < middle["Location preference"] < 100
    assert far["Location preference"] == 0


def test_support_distance_names_the_nearest_city():
    season = make_season(programs=[{"Program": "A", "City": "Cambridge", "State": "MA"},
                                   {"Program": "B", "City": "Houston", "State": "TX"}],
                         profile={"Support cities": "Houston, TX; Boston, MA"})
    miles, city = scoring.support_distance(season)
    assert city.tolist() == ["Boston, MA", "Houston, TX"]
    assert miles.iloc[0] < 10 and miles.iloc[1] < 10


def test_no_location_preferences_are_left_out():
    row = one(profile={"Preferred regions": "", "Support cities": ""})
    assert math.isnan(row["Location preference"])
    assert "no preferred regions or support cities" in row["Notes"]


# --------------------------------------------------------------------------------------------------
# Fit, tier, flags.


def test_fit_is_the_weighted_mean_of_known_components():
    row = one()
    weights = {scoring.COMPONENT_COLUMNS[k]: w for k, w in make_season().settings.fit_weights.items()}
    expected = sum(row[c] * w for c, w in weights.items()) / sum(weights.values())
    assert row["Fit"] == pytest.approx(expected)


def test_weights_come_from_settings():
    only_visa = {label: 0 for label in ("Weight: scores", "Weight: graduation year", "Weight: clinical experience",
                                        "Weight: IMG friendliness", "Weight: interview impression",
                                        "Weight: long-term fit", "Weight: location preference")}
    assert one({"Sponsors J-1": "No"}, settings=only_visa)["Fit"] == 0
    assert one({"Sponsors J-1": "Yes"}, settings=only_visa)["Fit"] == 100


def test_nothing_known_gives_no_fit_and_no_tier():
    fit = scoring.weighted_fit(pd.DataFrame({"Scores": [np.nan]}), {"Scores": 1.0})
    assert math.isnan(fit.iloc[0])
    assert scoring.tier(fit, make_season().settings).tolist() == [""]


def test_tiers_by_thresholds():
    settings_ = make_season().settings
    assert scoring.tier(pd.Series([90.0, 75, 74.9, 60, 59.9]), settings_).tolist() == [
        "Likely", "Likely", "Target", "Target", "Reach"]
    stricter = dataclasses.replace(settings_, likely_threshold=95)
    assert scoring.tier(pd.Series([90.0]), stricter).tolist() == ["Target"]


def test_h1b_flag_when_step3_not_taken():
    row = one({"Sponsors H-1B": "Yes"}, profile={"Visa needed": "H-1B", "Step 3": "Not taken"})
    assert "H-1B needs Step 3 passed (not taken yet) by 3 Mar 2027" in row["Flags"]
    assert "July 1, 2027" in row["Flags"]


def test_h1b_flag_when_step3_scheduled_in_time():
    row = one({"Sponsors H-1B": "Yes"},
              profile={"Visa needed": "H-1B", "Step 3": "Scheduled", "Step 3 date": dt.date(2027, 1, 10)})
    assert "your exam is on 10 Jan 2027; the pass must be in by 3 Mar 2027" in row["Flags"]


def test_h1b_flag_when_step3_scheduled_too_late():
    row = one({"Sponsors H-1B": "Yes"},
              profile={"Visa needed": "H-1B", "Step 3": "Scheduled", "Step 3 date": dt.date(2027, 2, 20)})
    assert "too late" in row["Flags"]


def test_no_h1b_flag_when_step3_passed_or_on_j1():
    assert "Step 3" not in one({"Sponsors H-1B": "Yes"}, profile={"Visa needed": "H-1B", "Step 3": "Passed"})["Flags"]
    assert "Step 3" not in one({"Sponsors J-1": "Yes"}, profile={"Visa needed": "J-1"})["Flags"]


def test_j1_requirement_is_said_once_in_the_fit_note_not_per_row():
    assert "ECFMG" not in one({"Sponsors J-1": "Yes"})["Flags"]
    season = make_season(programs=[{"Program": "A"}, {"Program": "B"}])
    sheet = fit_sheet(plan_season(season))
    assert sheet.note.count("ECFMG certification and a Statement of Need") == 1
    assert not sheet.frame["Flags"].str.contains("ECFMG").any()
    h1b = make_season(programs=[{"Program": "A", "Sponsors H-1B": "Yes"}], profile={"Visa needed": "H-1B"})
    assert "ECFMG" not in fit_sheet(plan_season(h1b)).note
    none = make_season(programs=[{"Program": "A"}], profile={"Visa needed": "None"})
    assert "ECFMG" not in fit_sheet(plan_season(none)).note


def test_either_visa_flags_the_route_the_program_offers():
    h1b_only = one({"Sponsors J-1": "No", "Sponsors H-1B": "Yes"}, profile={"Visa needed": "J-1 or H-1B"})
    assert "H-1B needs Step 3" in h1b_only["Flags"] and "ECFMG" not in h1b_only["Flags"]
    both = one({"Sponsors J-1": "Yes", "Sponsors H-1B": "Yes"}, profile={"Visa needed": "J-1 or H-1B"})
    assert "Step 3" not in both["Flags"]  # the J-1 requirement is in the Fit note, once


def test_visa_flags_for_unknown_and_not_sponsored():
    assert "confirm visa sponsorship" in one({"Sponsors J-1": "Unknown"})["Flags"]
    assert "confirm visa sponsorship" not in one({"Sponsors J-1": "Yes"})["Flags"]
    assert "does not sponsor the J-1 you need" in one({"Sponsors J-1": "No"})["Flags"]


def test_join_text_skips_blanks():
    joined = text.join_text([pd.Series(["a", "", ""]), pd.Series(["b", "c", ""])])
    assert joined.tolist() == ["a; b", "c", ""]


# --------------------------------------------------------------------------------------------------
# The sheet.


def test_fit_sheet_sorted_best_first_with_colours():
    season = make_season(programs=[
        {"Program": "Low", "Sponsors J-1": "No", "IMG share (%)": 2, "Interview impression": "Negative"},
        {"Program": "High"}, {"Program": "Middle", "Interview impression": "Neutral"}])
    sheet = fit_sheet(plan_season(season))
    assert sheet.name == "Fit"
    assert list(sheet.frame.columns) == list(scoring.FIT_COLUMNS)
    assert sheet.frame["Program"].tolist() == ["High", "Middle", "Low"]
    assert sheet.fills["Tier"] == {"Likely": GREEN, "Target": AMBER, "Reach": GREY, "Not eligible": RED}
    assert "Flags" in sheet.wrap
    assert sheet.grid()[2][0] == "High"


# --------------------------------------------------------------------------------------------------
# Properties.


@PROPERTY
@given(season_inputs())
def test_fit_and_components_stay_within_0_and_100(kwargs):
    fit = scoring.fit_table(make_season(**kwargs))
    values = fit[["Fit", *scoring.COMPONENTS]].to_numpy(dtype=float)
    known = values[~np.isnan(values)]
    assert ((known >= 0) & (known <= 100)).all()
    assert (fit["Tier"].eq("") == fit["Fit"].isna()).all()


def _fits(kwargs, **profile):
    return scoring.fit_table(make_season(**{**kwargs, "profile": {**kwargs["profile"], **profile}}))["Fit"]


def _never_lower(before, after):
    both = before.notna() & after.notna()
    assert (after[both] >= before[both] - 1e-9).all()
    assert (before.notna() == after.notna()).all()


@PROPERTY
@given(season_inputs(), st.integers(min_value=190, max_value=260), st.integers(min_value=1, max_value=40))
def test_a_higher_step2_never_lowers_fit(kwargs, score, gain):
    _never_lower(_fits(kwargs, **{"Step 2 CK": score}), _fits(kwargs, **{"Step 2 CK": score + gain}))


@PROPERTY
@given(season_inputs(), st.integers(min_value=0, max_value=24), st.integers(min_value=1, max_value=24))
def test_more_clinical_experience_never_lowers_fit(kwargs, months, more):
    _never_lower(_fits(kwargs, **{"US clinical experience (months)": months}),
                 _fits(kwargs, **{"US clinical experience (months)": months + more}))


@PROPERTY
@given(season_inputs())
def test_a_positive_impression_never_scores_below_a_neutral_one(kwargs):
    def with_impression(impression):
        programs = [{**p, "Interview impression": impression} for p in kwargs["programs"]]
        return scoring.fit_table(make_season(**{**kwargs, "programs": programs}))["Fit"]

    _never_lower(with_impression("Neutral"), with_impression("Positive"))


@PROPERTY
@given(season_inputs())
def test_same_inputs_same_fit(kwargs):
    first = scoring.fit_table(make_season(**kwargs))
    second = scoring.fit_table(make_season(**kwargs))
    pd.testing.assert_frame_equal(first, second)


def test_location_note_says_what_is_missing() -> None:
    none = make_season(profile={"Preferred regions": None}, programs=[{"Program": "A"}])
    assert "no preferred regions or support cities" in scoring.fit_table(none)["Notes"].iloc[0]
    unknown_place = make_season(profile={"Preferred regions": None, "Support cities": "Gotham, IL"},
                                programs=[{"Program": "A"}])
    assert "location not scored" in scoring.fit_table(unknown_place)["Notes"].iloc[0]
