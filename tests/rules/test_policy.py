"""The policy check: what an email to a program may not say under the NRMP Match rules, and what is unfilled."""

from __future__ import annotations

import ast
import csv
import time
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xlresidency.rules import policy

HERE = Path(__file__).resolve().parents[1]
CORPUS = HERE / "data" / "policy_corpus.csv"


def corpus(part: str | None = "dev") -> list[dict[str, str]]:
    """The development corpus (Expected, Sentence, Part, Category): the part the detector was built on ("dev"),
    the part the earlier detector was measured on after it was finished ("holdout"), or all of it (None)."""
    with CORPUS.open(encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if part is None or row["Part"] == part]


def verdicts(sentence: str) -> set[str]:
    """The Match rules that fire on a sentence ("review_sentence" among them)."""
    return {name for name, _ in policy.policy_findings("", sentence)} & policy.MATCH_RULES


def measure(rows: list[dict[str, str]]) -> dict[str, float]:
    """Recall, false-positive rate and review rate of the Match rules; review verdicts count as flagged."""
    rows = [row for row in rows if row["Expected"] != "leftover_placeholder"]
    must = [row for row in rows if row["Expected"] != "OK"]
    innocent = [row for row in rows if row["Expected"] == "OK"]
    caught = sum(bool(verdicts(row["Sentence"])) for row in must)
    wrong = sum(bool(verdicts(row["Sentence"])) for row in innocent)
    reviewed = sum(verdicts(row["Sentence"]) == {"review_sentence"} for row in innocent)
    return {"recall": caught / max(1, len(must)), "fpr": wrong / max(1, len(innocent)), "must": len(must),
            "innocent": len(innocent), "review": reviewed / max(1, len(innocent))}


def report(name: str, figures: dict[str, float]) -> str:
    return (f"policy corpus, {name}: recall {figures['recall']:.3f} of {figures['must']:.0f} must-flag, "
            f"false positives {figures['fpr']:.3f} of {figures['innocent']:.0f} innocent "
            f"(review verdicts on innocent text {figures['review']:.3f})")


# --- the development corpus -------------------------------------------------------------------------


def test_the_development_corpus_is_large_and_covers_every_class() -> None:
    rows = corpus()
    kinds = Counter(row["Expected"] for row in rows)
    assert sum(n for kind, n in kinds.items() if kind not in ("OK", "leftover_placeholder")) >= 700
    assert kinds["OK"] >= 700
    assert {"OK", "rank_promise", "asks_about_ranking", "mentions_other_programs", "leftover_placeholder"} <= set(kinds)
    innocent = " ".join(row["Sentence"].lower() for row in rows if row["Expected"] == "OK")
    for word in ("rank", "list", "top", "first", "chance", "match", "stand", "number"):
        assert innocent.count(word) >= 20, word  # the innocent part uses the same words as the must-flag part


def test_the_development_corpus_bars(capsys: pytest.CaptureFixture[str]) -> None:
    dev, earlier = measure(corpus("dev")), measure(corpus("holdout"))
    with capsys.disabled():
        print("\n" + report("development part", dev) + "\n" + report("earlier held-out part", earlier))
    assert dev["recall"] >= 0.98 and dev["fpr"] <= 0.01
    assert earlier["recall"] >= 0.95 and earlier["fpr"] <= 0.05


def test_each_category_of_the_development_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    """Every class of phrasing is decided well on its own, not only on average."""
    by_category: dict[str, list[bool]] = defaultdict(list)
    for row in corpus():
        if row["Expected"] != "leftover_placeholder":
            by_category[row["Category"]].append(bool(verdicts(row["Sentence"])) == (row["Expected"] != "OK"))
    shares = {category: sum(right) / len(right) for category, right in by_category.items()}
    with capsys.disabled():
        print("\npolicy corpus, weakest categories: " + ", ".join(
            f"{category} {share:.2f}" for category, share in sorted(shares.items(), key=lambda kv: kv[1])[:4]))
    assert min(shares.values()) >= 0.9, shares


def test_firm_verdicts_name_the_right_rule() -> None:
    """A must-flag sentence is flagged by the rule its row names, or left for review; never by another rule only."""
    rows = [row for row in corpus() if row["Expected"] not in ("OK", "leftover_placeholder")]
    agree = sum(row["Expected"] in verdicts(row["Sentence"]) for row in rows)
    assert agree / len(rows) >= 0.9


@pytest.mark.parametrize("row", [row for row in corpus() if row["Expected"] == "leftover_placeholder"],
                         ids=lambda row: row["Sentence"][:30])
def test_placeholders_in_the_corpus(row: dict[str, str]) -> None:
    assert "leftover_placeholder" in {name for name, _ in policy.policy_findings("", row["Sentence"])}


def test_the_detector_has_no_corpus_sentence_in_it() -> None:
    """No special cases: no corpus sentence is a string in the detector's code (its docstrings may quote examples)."""
    code = ""
    for path in sorted(Path(policy.__file__).parent.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
                      and ast.get_docstring(node) is not None}
        code += "\n".join(node.value.casefold() for node in ast.walk(tree) if isinstance(node, ast.Constant)
                           and isinstance(node.value, str) and id(node) not in docstrings)
    assert "rank" in code and "first" in code  # the detector's words were read
    for row in corpus(None) + (heldout() if HELDOUT.exists() else []):
        assert row["Sentence"].casefold().rstrip(".?!") not in code


# --- the held-out corpus: written apart from the detector, never used to tune it ----------------------

HELDOUT = HERE / "data" / "policy_heldout.csv"
INNOCENT = frozenset({"ok", "pass", "innocent", "clean", "no", "false", "0", "allowed", "fine"})


def heldout() -> list[dict[str, str]]:
    """The held-out corpus (Expected, Sentence, Category) in the development corpus's terms: Expected "OK" for an
    innocent phrasing, otherwise the must-flag label as written there."""
    with HELDOUT.open(encoding="utf-8") as handle:
        return [{"Expected": "OK" if row["Expected"].strip().casefold() in INNOCENT else row["Expected"].strip(),
                 "Sentence": row["Sentence"], "Category": row.get("Category") or ""}
                for row in csv.DictReader(handle) if row["Sentence"].strip()]


@pytest.mark.skipif(not HELDOUT.exists(), reason="the held-out corpus is written on its own branch")
def test_the_held_out_false_positive_bar(capsys: pytest.CaptureFixture[str]) -> None:
    figures = measure(heldout())
    with capsys.disabled():
        print("\n" + report("held-out", figures))
    assert figures["must"] >= 50 and figures["innocent"] >= 50
    assert figures["fpr"] <= 0.05, report("held-out", figures)


@pytest.mark.skipif(not HELDOUT.exists(), reason="the held-out corpus is written on its own branch")
def test_the_held_out_recall_bar(capsys: pytest.CaptureFixture[str]) -> None:
    """The held-out corpus was written apart from the detector and is never used to tune it (nor read by
    ``scripts/train_policy_model.py``); review verdicts count as flagged."""
    figures = measure(heldout())
    with capsys.disabled():
        print("\n" + report("held-out", figures))
    assert figures["recall"] >= 0.95, report("held-out", figures)


# --- the examples of the issue, decided by their class ------------------------------------------------


@pytest.mark.parametrize("sentence", [
    "Is my name near the top of the list you are putting together?",
    "I just wanted to check in on my standing after the interview.",
    "Would you say I'm in your top tier?",
    "Realistically, what are the odds I'll be joining your intern class in July?",
    "Can I expect good news from your program on Match Day?",
    "Whatever happens, I'll be ranking St. Agnes first.",
    "There won't be any program above yours when I submit.",
    "The top spot on my ROL has been reserved for Northfield.",
    "will def have you at #1 on my rol",
    "Your programme is my favourite, and it will be No 1 on my list.",
    "I have ranked you 1st.",
])
def test_wordings_the_earlier_check_missed_are_flagged(sentence: str) -> None:
    assert verdicts(sentence) - {"review_sentence"}, policy.normalise(sentence)


@pytest.mark.parametrize("sentence", [
    "I was first in my class in the internal medicine clerkship.",
    "If I match with you, when would I need to arrive for orientation?",
    "How would my J-1 sponsorship be handled if I matched at your program?",
    "Your program remains one of my top choices.",
    "Thank you for the chance to meet the residents; the morning report stood out.",
    "Here is my list of questions for the visit, first about the clinic schedule.",
    "I hope to join your program in July, and I wanted to ask about housing.",
])
def test_innocent_wordings_pass(sentence: str) -> None:
    assert verdicts(sentence) == set(), policy.normalise(sentence)


def test_asking_about_an_errand_does_not_make_a_hope_a_question() -> None:
    assert verdicts("I wanted to ask about housing and whether I will match with you.")
    assert verdicts("Could I ask about my chances of matching with you?")


def test_a_singular_top_choice_is_a_hint_and_a_group_is_interest() -> None:
    assert "rank_promise" in verdicts("You are my top choice.")
    assert verdicts("You are one of my top choices.") == set()


# --- how a flag reads ----------------------------------------------------------------------------------


def test_each_flag_quotes_its_sentence_and_says_what_it_does() -> None:
    check = policy.policy_check("", "Thank you for the day. Where am I on your rank list? I hope to hear soon. "
                                    "You are my No. 1.")
    reasons = check.split("; ")
    assert reasons[0] == ("Asks how the program will rank you or where you stand ('Where am I on your rank list?'): "
                          "programs may not answer this, so leave it out")
    assert reasons[1].startswith("Promises a rank") and "('You are my No. 1.')" in reasons[1]


def test_two_flagged_sentences_are_two_reasons() -> None:
    findings = policy.findings("I will rank you first. The weather was lovely. What are my chances of matching there?")
    assert [(f.rule, f.sentence) for f in findings] == [
        ("rank_promise", "I will rank you first."),
        ("asks_about_ranking", "What are my chances of matching there?"),
    ]
    assert findings[1].says == "Asks your chances of matching there"


def test_an_unsure_sentence_is_left_for_review() -> None:
    sentence = "Your programme is my favourite."  # a favourite names no place on a list, but it may read as one
    assert verdicts(sentence) == {"review_sentence"}
    assert policy.policy_check("", sentence).startswith("Review this sentence")


# --- subject, body and length ---------------------------------------------------------------------------


def test_policy_check_in_the_subject_too() -> None:
    assert policy.policy_check("You are my first choice", "Thank you.").startswith("Promises a rank")


def test_over_long_email() -> None:
    assert policy.policy_check("Hello", "word " * policy.MAX_WORDS) == "OK"
    assert policy.policy_check("Hello", "word " * (policy.MAX_WORDS + 1)).startswith(f"Long: {policy.MAX_WORDS + 1}")
    assert "Long subject" in policy.policy_check("x" * 101, "fine")


def test_reasons_are_joined() -> None:
    result = policy.policy_check("Hi", "I will rank you first. Where else have you interviewed? See [date].")
    assert result.count("; ") == 2


@pytest.mark.parametrize(("text", "subject", "body"), [
    ("Subject: Thank you\n\nDear Dr. Lee,\nThank you.", "Thank you", "Dear Dr. Lee,\nThank you."),
    ("Thank you\n\nDear Dr. Lee,\nThank you.", "Thank you", "Dear Dr. Lee,\nThank you."),
    ("Dear Dr. Lee,\nThank you for the day.", "", "Dear Dr. Lee,\nThank you for the day."),
    ("Thank you for the day.", "", "Thank you for the day."),
    ("Dear Dr. Lee,\n\nThank you.\n\nBest, Amina", "", "Dear Dr. Lee,\n\nThank you.\n\nBest, Amina"),
])
def test_split_email_by_its_shape(text: str, subject: str, body: str) -> None:
    assert policy.split_email(text) == (subject, body)


@given(st.text(max_size=400))
def test_any_text_gets_a_verdict(text: str) -> None:
    verdict = policy.policy_check(text[:50], text)
    assert verdict == "OK" or verdict.strip()


@given(st.sampled_from([row["Sentence"] for row in corpus() if row["Expected"] == "OK"]))
def test_an_innocent_sentence_never_hides_a_flag(innocent: str) -> None:
    assert "rank_promise" in verdicts_of_text(f"{innocent} I will rank your program first.")


def verdicts_of_text(text: str) -> set[str]:
    return {name for name, _ in policy.policy_findings("", text)}


# --- speed ---------------------------------------------------------------------------------------------


def test_a_season_of_drafts_is_checked_well_under_a_second(capsys: pytest.CaptureFixture[str]) -> None:
    """100 emails of about a dozen sentences, none read before (the caches are emptied), in well under a second."""
    sentences = [row["Sentence"] for row in corpus(None)]
    emails = [" ".join(sentences[(i * 12 + k) % len(sentences)] + f" Note {i}-{k}." for k in range(12))
              for i in range(100)]
    policy.normalise.cache_clear()
    policy.read_sentence.cache_clear()
    start = time.process_time()  # the processor time this check takes, whatever else the machine is doing
    for i, body in enumerate(emails):
        policy.policy_check(f"Second look request {i}", body)
    elapsed = time.process_time() - start
    with capsys.disabled():
        print(f"\npolicy check: 100 emails, {sum(len(policy.split_sentences(b)) for b in emails)} sentences, "
              f"{elapsed:.3f} s")
    assert elapsed < 0.5, f"{elapsed:.2f} s"
