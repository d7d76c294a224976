"""The policy check's word model: trained on the development corpus only, the same file on every run, and a second
reader that only ever asks for a review of a sentence the grammar passed."""

from __future__ import annotations

import csv
import runpy
from pathlib import Path

import pytest

from xlresidency.core.resources import resource_text
from xlresidency.rules import policy
from xlresidency.rules.policy import model
from xlresidency.rules.policy.wording import normalise

ROOT = Path(__file__).resolve().parents[2]
TRAIN = runpy.run_path(str(ROOT / "scripts" / "train_policy_model.py"))


def test_training_again_gives_the_shipped_model() -> None:
    assert TRAIN["model_text"]() == resource_text(model.MODEL_FILE), \
        "templates/policy/model.json is stale: run python scripts/train_policy_model.py"


def test_only_the_development_rows_are_learnt_from(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.csv"
    with corpus.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Expected", "Sentence", "Part", "Category"])
        writer.writerow(["asks_about_ranking", "Where do I stand, zanzibar?", "dev", "x"])
        writer.writerow(["OK", "Thank you for the tour.", "dev", "x"])
        writer.writerow(["asks_about_ranking", "Where is quixotic on your list?", "holdout", "x"])
    learnt = {feature for found, _ in TRAIN["examples"](corpus) for feature in found}
    assert "zanzibar" in learnt and "quixotic" not in learnt


def test_the_features_are_words_pairs_and_the_question_mark_in_one_order() -> None:
    found = model.features(normalise("Am I on your list?"))
    assert found == tuple(sorted(set(found)))
    assert {"am", "i", "am i", "your list", "?"} <= set(found)


def test_it_leaves_for_review_only_what_the_grammar_passed() -> None:
    firm = "Where do I stand on your rank list?"
    assert {rule for rule, _ in policy.verdict(firm)} == {"asks_about_ranking"}
    unsure = "Could you give me a sense of how my file stacks up against the others?"
    assert policy.verdict(unsure)[0][0] == "review_sentence"
    says = model.second_reading(normalise(unsure))
    assert says is not None and says.startswith("Review this sentence") and "'the others'" in says
    assert model.second_reading(normalise("Thank you for the tour on Tuesday.")) is None


@pytest.mark.parametrize("innocent", [
    "I was first in my class in the internal medicine clerkship.",
    "If I match with you, when would I need to arrive for orientation?",
    "How would my J-1 sponsorship be handled if I matched at your program?",
    "Your program remains one of my top choices.",
])
def test_the_issue_s_innocent_examples_stay_clean(innocent: str) -> None:
    assert policy.verdict(innocent) == ()


def test_the_threshold_leaves_few_innocent_development_sentences_for_review() -> None:
    with (ROOT / "tests" / "data" / "policy_corpus.csv").open(encoding="utf-8") as handle:
        innocent = [row["Sentence"] for row in csv.DictReader(handle)
                    if row["Part"] == "dev" and row["Expected"] == "OK"]
    shipped = model.model()
    above = sum(shipped.score(model.features(normalise(s))) > shipped.threshold for s in innocent)
    assert above / len(innocent) <= TRAIN["REVIEW_SHARE"]  # out of fold it is REVIEW_SHARE; seen rows score lower
