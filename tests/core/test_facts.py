"""The public facts file: well formed, cited, and the one place each figure is written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from xlresidency.core import facts
from xlresidency.core.resources import resource_text

ROOT = Path(__file__).resolve().parents[2]


def test_every_fact_has_a_value_a_source_and_a_year() -> None:
    found = facts.all_facts()
    assert found
    for key, fact in found.items():
        assert fact.key == key and fact.value and fact.source and fact.year, key


def test_the_shipped_file_parses_the_same_way_it_reads() -> None:
    assert facts.parse_facts(resource_text(facts.FACTS_FILE)) == facts.all_facts()


def test_the_spec_figures_are_in_the_file() -> None:
    for key in ("eras.fee_first_30", "eras.fee_from_31", "eras.fee_first_programs", "nrmp.rol_included",
                "nrmp.rol_extra_fee", "nrmp.rol_max", "nrmp.match_rate_non_us_img", "nrmp.rank_list_deadline"):
        assert key in facts.all_facts()
    specialties = set(facts.step2_means())
    assert {"Internal Medicine", "Family Medicine", "Pediatrics", "Psychiatry", "Neurology", "Pathology",
            "General Surgery"} <= specialties


@pytest.mark.parametrize(("text", "problem"), [
    ("key,value\nx,1\n", "columns"),
    ("key,value,unit,source,year,note\nx,1,,,2026,\n", "line 2"),
    ("key,value,unit,source,year,note\nx,1,,AAMC,2026,\nx,2,,AAMC,2026,\n", "appears twice"),
])
def test_a_malformed_file_is_refused_with_the_line(text: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        facts.parse_facts(text)


def test_fill_quotes_figures_from_the_file() -> None:
    fee = facts.fact("eras.fee_first_30")
    assert facts.fill("{eras.fee_first_30:$} in {eras.fee_first_30:y}") == f"${fee.number:,.0f} in {fee.year}"
    assert facts.fill("{nrmp.rol_max:n}") == f"{facts.number('nrmp.rol_max'):,.0f}"


def test_the_code_types_no_public_figure() -> None:
    """The fee rules and their help read the facts: the ERAS and NRMP amounts are not written in the code."""
    amounts = {f"${facts.number(key):,.0f}" for key in ("eras.fee_first_30", "eras.fee_from_31",
                                                        "eras.example_fee", "nrmp.rol_extra_fee")}
    for path in (ROOT / "src" / "xlresidency").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        typed = sorted(a for a in amounts if re.search(re.escape(a) + r"\b", text))
        assert not typed, f"{path.name} types {typed}: read them from the facts file"


def test_readme_points_to_the_facts_file_and_quotes_no_fee() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "templates/facts.csv" in readme
    example = f"${facts.number('eras.example_fee'):,.0f}"
    assert example not in readme


def test_every_figure_is_sourced_or_an_assumption_with_its_reasoning() -> None:
    """A source a reader can find (a URL, a DOI, or a named publication and its publisher) or "assumption" with
    the reasoning in its note; nothing claims to be fitted to a publication whose figures the file does not hold,
    and no figure is printed for comparison."""
    findable = re.compile(r"https?://|doi:|AAMC|NRMP|AAIM|ECFMG|IRS|Intealth|J Grad Med Educ", re.IGNORECASE)
    for key, fact in facts.all_facts().items():
        if fact.source.startswith("assumption"):
            assert "Assumed" in fact.note or "Fitted" in fact.note, f"{key}: an assumption says why"
        else:
            assert findable.search(fact.source), f"{key}: {fact.source}"
        assert "Charting Outcomes, 2026" not in fact.note + fact.source, key
        assert "for comparison" not in fact.note, key
    assert "6,653" not in resource_text(facts.FACTS_FILE)  # counts no source confirmed


def test_the_img_fees_are_facts_with_their_sources() -> None:
    token, transcript = facts.fact("ecfmg.eras_token_fee"), facts.fact("ecfmg.usmle_transcript_fee")
    assert token.number > 0 and "ecfmg.org" in token.source
    assert transcript.number == 80 and "secondary" in transcript.source


def test_the_newest_step2_mean_is_the_fallback() -> None:
    im = facts.specialty_fact(facts.STEP2_MEAN_PREFIX, "Internal Medicine")
    assert im is not None and im.year == "2022"


def test_a_source_is_named_without_its_addresses_on_a_sheet() -> None:
    fees = facts.fact("eras.fee_first_30")
    assert "https://" in fees.source and "https://" not in fees.named and fees.named.startswith("AAMC")
