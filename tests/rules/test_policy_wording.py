"""How the policy check reads a sentence: in one spelling."""

from __future__ import annotations

import pytest

from xlresidency.rules.policy import wording


@pytest.mark.parametrize(("written", "read"), [
    ("ur my #1 on the ROL", "you are my first on the rank list"),
    ("Your programme is my favourite", "your program is my favorite"),
    ("I'll rnak you No 1", "i will rank you first"),
    ("gonna rank Lakeshore 1st", f"going to rank {wording.PROG} first"),
    ("ure #1 4 me, dont worry", "you are first for me, do not worry"),
    ("Isn't it likely? You've been great", "is not it likely? you have been great"),
])
def test_normalise_spells_one_thing_one_way(written: str, read: str) -> None:
    assert wording.normalise(written) == read


def test_a_program_name_is_one_word_and_a_person_is_not_a_program() -> None:
    assert wording.normalise("I will rank St. Agnes Medical Center first.") == f"i will rank {wording.PROG} first."
    assert wording.PROG not in wording.normalise("Please thank Dr. Rivera for me.")
    assert wording.normalise("Lakeshore is my top choice.").startswith(wording.PROG)
    assert wording.normalise("Thank you for the tour.") == "thank you for the tour."


def test_real_words_near_the_key_words_are_not_corrected() -> None:
    sentence = "I was in the last place I expected, a ranch."
    assert wording.normalise(sentence) == sentence.lower()
    assert wording.normalise("Our first stand-up was fun.") == "our first stand up was fun."
