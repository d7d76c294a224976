"""The Settings table: one declaration, public figures from the facts file, Step 2 CK means one row per specialty."""

from __future__ import annotations

import dataclasses

import pytest

from factories import make_season
from xlresidency.core import facts
from xlresidency.core.settings import DEFAULT_SETTINGS, STEP2_MEAN_LABEL, Settings, setting_fields, setting_rows
from xlresidency.rules import scoring

ONE = [{"Program": "Lakeshore IM", "My rank": 1}]
FACT_FIELDS = [f for f in setting_fields() if "fact" in f.metadata and f.name != "step2_means"]


@pytest.mark.parametrize("field", FACT_FIELDS, ids=lambda f: f.name)
def test_public_figures_default_to_the_facts_file(field: dataclasses.Field) -> None:
    fact = facts.fact(field.metadata["fact"])
    default = getattr(DEFAULT_SETTINGS, field.name)
    expected = fact.date if field.metadata["kind"] == "date" else fact.number
    assert default == expected


def test_a_public_figure_says_where_it_comes_from() -> None:
    for field in FACT_FIELDS:
        fact = facts.fact(field.metadata["fact"])
        if field.metadata["meaning"] == fact.meaning:  # a meaning of its own may replace the cited one
            assert fact.source in field.metadata["meaning"] and fact.year in field.metadata["meaning"]


def test_step2_means_are_one_row_per_specialty_in_the_facts_file() -> None:
    in_file = {key for key in facts.all_facts() if key.startswith(facts.STEP2_MEAN_PREFIX)}
    rows = [row for row in setting_rows() if row.name == "step2_means"]
    assert len(rows) == len(in_file) >= 7
    for row in rows:
        assert row.label == STEP2_MEAN_LABEL + row.specialty
        assert DEFAULT_SETTINGS.step2_mean(row.specialty) == row.value
        assert "Source:" in row.meaning
    assert DEFAULT_SETTINGS.step2_mean("internal  medicine") == DEFAULT_SETTINGS.step2_mean("Internal Medicine")
    assert DEFAULT_SETTINGS.step2_mean("Dermatology") is None


def test_every_row_has_a_label_a_meaning_and_a_kind() -> None:
    rows = setting_rows()
    labels = [row.label for row in rows]
    assert len(labels) == len(set(labels))
    assert all(row.meaning.endswith(".") and row.kind for row in rows)
    assert {row.name for row in rows} == {f.name for f in setting_fields()}


def test_setting_rows_show_the_values_given() -> None:
    changed = dataclasses.replace(DEFAULT_SETTINGS, hotel_per_night=99)
    assert next(r.value for r in setting_rows(changed) if r.name == "hotel_per_night") == 99


def test_an_edited_mean_and_a_new_specialty_are_read_from_the_table() -> None:
    season = make_season(programs=ONE, settings={STEP2_MEAN_LABEL + "Pediatrics": 240,
                                   STEP2_MEAN_LABEL + "Anesthesiology": 233})
    assert season.problems == []
    assert season.settings.step2_mean("Pediatrics") == 240
    assert season.settings.step2_mean("Anesthesiology") == 233
    assert season.settings.step2_mean("Internal Medicine") == facts.number("step2ck_mean.internal_medicine")


def test_fit_compares_with_the_edited_mean_when_the_typical_score_is_blank() -> None:
    program = {"Program": "Kids IM", "Specialty": "Pediatrics", "Typical Step 2 CK": None, "Min Step 2 CK": None}
    plain = scoring.fit_table(make_season(programs=[program]))
    raised = scoring.fit_table(make_season(programs=[program], settings={STEP2_MEAN_LABEL + "Pediatrics": 260}))
    assert "(260, Settings)" in raised["Notes"].iloc[0]
    assert raised["Scores"].iloc[0] < plain["Scores"].iloc[0]


def test_a_bad_mean_keeps_the_default_and_is_named() -> None:
    season = make_season(programs=ONE, settings={STEP2_MEAN_LABEL + "Pediatrics": "high"})
    assert season.settings.step2_mean("Pediatrics") == facts.number("step2ck_mean.pediatrics")
    assert [p.column for p in season.problems] == ["Value"]
    assert "Mean Step 2 CK, Pediatrics" in season.problems[0].problem


def test_an_unknown_setting_is_named() -> None:
    season = make_season(programs=ONE, settings={"Hotel per nite": 120})
    assert [p.column for p in season.problems] == ["Setting"]
    assert season.settings.hotel_per_night == Settings().hotel_per_night
