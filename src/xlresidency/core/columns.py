"""What each input column (and Profile field) feeds, and the header the applicant may have meant instead.

When a column the rules read is missing from its table (renamed ``Sponsors J-1`` to ``J1 sponsor``, ``My rank``
to ``Rank``), its cells are read as blank. That must never pass silently: validation names the column on Checks
with the closest header the table does have ("did you mean 'J1 sponsor'?"), and the output sheets that depend on
it say which rules could not be judged. ``USES`` is that dependency, as data: one entry per declared column the
rules read; a column no rule reads (Notes, Program ID, ...) has none and its absence is not a problem.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .schema import fold_choice


@dataclass(frozen=True)
class Use:
    """What cannot be judged without a column, in the applicant's words, and the output sheets that depend on it."""

    rules: str
    sheets: tuple[str, ...]


_PLANNING = ("Applications", "Fit", "Second Look", "Rank Draft")
_FIT = ("Applications", "Fit", "Second Look")
_TRAVEL = ("Second Look", "Trips")

USES: dict[str, dict[str, Use]] = {
    "Profile": {
        "Field": Use("your whole profile (every field was read as blank)", (*_PLANNING, "Trips", "Emails")),
        "Value": Use("your whole profile (every field was read as blank)", (*_PLANNING, "Trips", "Emails")),
        "Full name": Use("the emails' signature", ("Emails",)),
        "Email": Use("the emails' sender", ("Emails",)),
        "AAMC ID": Use("the emails' signature", ("Emails",)),
        "ERAS ID": Use("the emails' signature", ("Emails",)),
        "Specialty": Use("the specialty's interview rate, signals and match chances", ("Applications", "Rank Draft")),
        "Visa needed": Use("the visa rules (no visa need was assumed)", _PLANNING),
        "Step 2 CK": Use("your score against the programs' minimum and typical scores", _FIT),
        "Step 3": Use("H-1B readiness (Step 3)", ("Fit", "Second Look", "Rank Draft")),
        "Step 3 date": Use("H-1B readiness (Step 3)", ("Fit", "Second Look", "Rank Draft")),
        "Graduation year": Use("the graduation-year limits", _FIT),
        "US clinical experience (months)": Use("the clinical-experience minimums", _FIT),
        "Current city": Use("where your trips start", _TRAVEL),
        "Current state": Use("where your trips start", _TRAVEL),
        "Current country": Use("whether you live abroad (the US was assumed)", _TRAVEL),
        "In US from": Use("when you are in the US", _TRAVEL),
        "In US until": Use("when you are in the US", _TRAVEL),
        "Second look budget": Use("the budget of the Feasible criterion", _TRAVEL),
        "Max second looks": Use("how many visits (2 was used)", ("Second Look",)),
        "Preferred regions": Use("the location preference", _FIT),
        "Support cities": Use("ties to a support city", _FIT),
    },
    "Programs": {
        "Program": Use("every program (a row without a Program is not read)", (*_PLANNING, "Trips", "Emails")),
        "Specialty": Use("each program's specialty (your Profile's Specialty was used)", ("Applications",)),
        "City": Use("distances, trips and their costs", (*_FIT, "Trips")),
        "State": Use("distances, trips and their costs", (*_FIT, "Trips")),
        "Sponsors J-1": Use("visa sponsorship (the visa part of Fit, Not eligible and long shot)", _PLANNING),
        "Sponsors H-1B": Use("visa sponsorship (the visa part of Fit, Not eligible and long shot)", _PLANNING),
        "IMG share (%)": Use("IMG friendliness and the long-shot rule", _FIT),
        "Min Step 2 CK": Use("the programs' score minimums", _FIT),
        "Typical Step 2 CK": Use("the scores part of Fit", _FIT),
        "Max years since graduation": Use("the graduation-year limits", _FIT),
        "Min US clinical experience (months)": Use("the clinical-experience minimums", _FIT),
        "Interview date": Use("interview days: trips joined to interviews, the interview status, the emails' dates",
                              ("Applications", "Second Look", "Trips", "Emails")),
        "Interview format": Use("in-person interviews a visit could join", _TRAVEL),
        "Interview impression": Use("the interview impression (Fit and the negative-impression rule)",
                                    ("Fit", "Second Look")),
        "My rank": Use("the rank-based rules (top of the list, not ranked highly, the visit order)",
                       ("Second Look", "Compare", "Rank Draft")),
        "Long-term fit": Use("the long-term fit part of Fit", ("Fit", "Second Look")),
        "Second look policy": Use("each program's second-look policy", ("Second Look",)),
        "Second look from": Use("the second-look windows", (*_TRAVEL, "Emails")),
        "Second look until": Use("the second-look windows", (*_TRAVEL, "Emails")),
        "Virtual session date": Use("the virtual sessions", ("Second Look", "Emails")),
        "Unanswered questions": Use("the open questions (criterion 3)", ("Second Look", "Visit Guide")),
        "Reasons for interest": Use("the emails' reasons for interest", ("Emails",)),
        "Program director": Use("the emails' greeting", ("Emails",)),
        "Coordinator": Use("the emails' greeting", ("Emails",)),
        "Coordinator email": Use("the emails' addresses", ("Emails",)),
    },
    "Commitments": {
        "What": Use("your commitments", _TRAVEL),
        "Start": Use("your commitments", _TRAVEL),
        "End": Use("how long commitments last (one day was assumed)", _TRAVEL),
        "City": Use("where commitments are", _TRAVEL),
        "State": Use("where commitments are", _TRAVEL),
        "Can move": Use("which commitments cannot move (all were treated as movable)", _TRAVEL),
    },
    "Ratings": {
        "Program": Use("your ratings", ("Compare", "Rank Draft")),
        "Area": Use("your ratings", ("Compare", "Rank Draft")),
        "Rating": Use("your ratings", ("Compare", "Rank Draft")),
    },
    "Settings": {
        "Setting": Use("your settings (the defaults were used)", ("Applications", "Fit", "Second Look", "Trips")),
        "Value": Use("your settings (the defaults were used)", ("Applications", "Fit", "Second Look", "Trips")),
    },
    "Templates": {
        "Name": Use("your email wording (the packaged templates were used)", ("Emails",)),
        "Subject": Use("your email wording (the packaged templates were used)", ("Emails",)),
        "Body": Use("your email wording (the packaged templates were used)", ("Emails",)),
    },
}


def use_of(table: str, column: str) -> Use | None:
    """What a column (or Profile field) feeds; None when no rule reads it."""
    return USES.get(table, {}).get(column)


def _likeness(wanted: str, found: str) -> float:
    """How alike two headers are, 0-1: as typed (case and punctuation ignored), and with their words sorted."""
    import difflib  # only when a header is not the one expected

    a, b = fold_choice(wanted), fold_choice(found)
    if not a or not b:
        return 0.0
    sorted_a, sorted_b = (" ".join(sorted(re.findall(r"[^\W_]+", text.casefold()))) for text in (wanted, found))
    score = max(difflib.SequenceMatcher(None, a, b).ratio(), difflib.SequenceMatcher(None, sorted_a, sorted_b).ratio())
    if min(len(a), len(b)) >= 3 and (a in b or b in a):
        score = max(score, 0.7)  # "Visa" for "Visa needed"
    return score


LIKENESS_CUTOFF = 0.6


def closest_headers(missing: Sequence[str], found: Iterable[str]) -> dict[str, str]:
    """For each missing column, the header found in the table that it most likely became, if any is alike enough.

    Each header is offered for one missing column at most, the most alike pair first: with ``J1 sponsor`` in the
    table, ``Sponsors J-1`` is offered it and ``Sponsors H-1B`` is not.
    """
    candidates = list(dict.fromkeys(str(h).strip() for h in found if str(h).strip()))
    pairs = sorted(((_likeness(name, header), i, j) for i, name in enumerate(missing)
                    for j, header in enumerate(candidates)), key=lambda p: (-p[0], p[1], p[2]))
    offered: dict[str, str] = {}
    taken: set[int] = set()
    for score, i, j in pairs:
        if score < LIKENESS_CUTOFF:
            break
        if missing[i] in offered or j in taken:
            continue
        offered[missing[i]] = candidates[j]
        taken.add(j)
    return offered


def not_judged(missing: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Per output sheet, the sentence saying which rules could not be judged, from (table, column) pairs missing."""
    per_sheet: dict[str, list[str]] = {}
    for table, column in missing:
        use = use_of(table, column)
        if use is None:
            continue
        what = "field" if table == "Profile" and column not in ("Field", "Value") else "column"
        clause = f"{column} {what} missing from {table}: {use.rules} not judged"
        for sheet in use.sheets:
            if clause not in per_sheet.setdefault(sheet, []):
                per_sheet[sheet].append(clause)
    return {sheet: "Not judged (see Checks): " + "; ".join(clauses) + "." for sheet, clauses in per_sheet.items()}


def missing_column(table: str, column: str, required: bool, offered: str | None) -> tuple[str, str]:
    """The Checks problem and how to fix it for a column (or Profile field) a table lacks, with the header (or
    field) the applicant may have meant."""
    field = table == "Profile" and column not in ("Field", "Value")
    what = "field" if field else "column"
    use = use_of(table, column)
    if required:
        problem = f"The field '{column}' is missing" if field else f"Required column '{column}' is missing"
    else:
        problem = f"The {what} '{column}' is missing from the {table} table and was read as blank"
        if use is not None:
            problem += f": {use.rules} not judged"
    if offered is not None:
        where = "Field" if field else "header"
        how = f"Did you mean '{offered}'? Rename that {where} to '{column}' (case and spaces do not matter)."
    elif field:
        how = f"Add a row with Field '{column}' to the Profile table" + (" and fill in its Value." if required else ".")
    else:
        how = f"Add a column headed '{column}' to the {table} table (a new template has it: xlresidency new)."
    return problem, how
