"""How the policy check reads a text: sentence by sentence."""

from __future__ import annotations

from xlresidency.rules.policy import sentences


def test_sentences_split_at_their_ends_not_at_abbreviations() -> None:
    text = "Dr. Rivera and St. Agnes were lovely. You are my No. 1 program!\nThanks, Amina"
    assert sentences.split_sentences(text) == ["Dr. Rivera and St. Agnes were lovely.", "You are my No. 1 program!",
                                              "Thanks, Amina"]


def test_a_wrapped_line_runs_on_and_a_new_line_starts_a_sentence() -> None:
    text = "Thank you for the day, and I\nwill rank you first.\nBest wishes,\nAmina"
    assert sentences.split_sentences(text) == ["Thank you for the day, and I will rank you first.", "Best wishes,",
                                               "Amina"]
