"""What to ask on a visit, how two programs compare, and the rank list taking shape.

- **Visit Guide**: for each Visit program, the question bank (``templates/visit_questions.csv``: Area, Visa,
  Question) for the four areas, the program's own open questions, the questions for the applicant's visa, a
  conduct reminder, and a Notes column to write in; printable.
- **Compare**: two programs side by side on the four choosing factors (the applicant's Ratings) and Fit, with
  a one-line reading built only from those; never from reputation or prestige.
- **Rank Draft**: programs in the applicant's own order (My rank) with Fit, average rating, visa and flags; the
  NRMP rank order list fee for its length (``rank_list_fee``), a warning when the list is short, and one for each
  ranked program that cannot sponsor the applicant's visa (matching there means no start).

Fees come from ``fees.py`` (public figures with their source and year, editable on Settings). Each part takes
the season plan; the sheets are built from these tables in ``sheets/``.
"""

from __future__ import annotations

import csv
import functools
import io
import math
from collections.abc import Sequence
from typing import Any

import pandas as pd

from ..core.errors import InputError
from ..core.records import Season
from ..core.resources import resource_text
from ..core.schema import RATING_AREAS, fold
from ..core.settings import Settings
from ..ground.days import format_dates
from . import matching, scoring
from .fees import rank_list_fee, setting_source
from .second_look import VIRTUAL, VISIT, Decided

VISIT_AREAS: tuple[str, ...] = (
    "Resident culture and support",
    "Education and clinical exposure",
    "Visa and administrative support",
    "Life outside the hospital",
)
OPEN_QUESTIONS = "Your open questions"
ON_THE_DAY = "On the day"
ON_THE_CALL = "On the call"
CALL_REMINDER = (
    "A virtual session costs nothing and is the guide's alternative to a trip. Test the link, camera and sound the "
    "day before, join a few minutes early from a quiet room, and keep your camera on. Questions that work on a "
    "call are short and ask for an example; save the rest for an email afterwards. Do not record without asking, "
    "speak of other programs without criticising them, and ask nobody how they will rank you."
)
CONDUCT_REMINDER = (
    "Dress business casual and arrive 10–15 minutes early. Keep to the time the program gives you. You are there "
    "to observe: do not open charts or examine patients, and keep what you see and hear about patients to yourself, "
    "on the day and afterwards, in your thank-you note too. Speak of other programs without criticising them, and "
    "do not press residents about the program's internal disputes. Ask nobody how they will rank you, and promise "
    "no rank."
)
GUIDE_COLUMNS = ["Program", "Area", "Question", "Notes"]

TRUE_PREFERENCE_NOTE = (
    "Rank in your true order of preference. The Match algorithm works from the applicant's side: it tries your "
    "first choice first, so putting a program lower because you guess your chances there are slim never helps you."
)
PRESTIGE_NOTE = "Rank the one where you will learn and be supported most, not the better-known name."

_VISA_TAGS = {
    "None": frozenset({""}),
    "J-1": frozenset({"", "Any visa", "J-1"}),
    "H-1B": frozenset({"", "Any visa", "H-1B"}),
    "J-1 or H-1B": frozenset({"", "Any visa", "J-1", "H-1B"}),
}


# --------------------------------------------------------------------------------------------------
# Visit Guide.


@functools.cache
def _bank(name: str, columns: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """A packaged question bank's rows (the given columns, stripped), checked for areas xlresidency knows."""
    rows = tuple(tuple(row[c].strip() for c in columns)
                 for row in csv.DictReader(io.StringIO(resource_text(name))))
    unknown = {row[0] for row in rows} - set(VISIT_AREAS)
    if unknown:
        raise InputError(f"{name} has areas xlresidency does not know: {', '.join(sorted(unknown))}")
    return rows


def question_bank() -> pd.DataFrame:
    """The packaged visit questions: Area, Visa ("" for everyone, "Any visa", "J-1" or "H-1B"), Question."""
    columns = ("Area", "Visa", "Question")
    return pd.DataFrame(list(_bank("visit_questions.csv", columns)), columns=list(columns))


def _visits(plan: Decided) -> pd.DataFrame:
    """The Visit programs (Programs rows) with their second-look row, in Priority then My rank order."""
    programs, decision = plan.season.programs, plan.decision.reindex(plan.season.programs.index)
    table = programs.assign(
        _recommendation=decision["Recommendation"].fillna("").astype(str),
        _priority=pd.to_numeric(decision["Priority"], errors="coerce"),
        _date=pd.to_datetime(decision["Date"], errors="coerce"),
        _plan=decision["Plan"].fillna("").astype(str),
        _questions=decision["Questions to resolve"].fillna("").astype(str),
    )
    visits = table[table["_recommendation"] == VISIT]
    return visits.sort_values(["_priority", "My rank", "Program"], na_position="last", kind="stable")


def _sentence(text: str) -> str:
    """A question as typed, with a capital first letter."""
    return text[:1].upper() + text[1:]


def _own_questions(*lists: object) -> list[str]:
    """A program's own open questions (``;``-separated lists, blank ones left out), each once (ignoring case and
    punctuation), as typed with a capital first letter."""
    kept: dict[str, str] = {}
    for text in lists:
        for question in str(text or "").split(";"):
            if question.strip():
                kept.setdefault(fold(_sentence(question.strip())), _sentence(question.strip()))
    return list(kept.values())


def virtual_question_bank() -> pd.DataFrame:
    """The packaged questions for a virtual session (Area, Question): short, and answerable on a video call."""
    columns = ("Area", "Question")
    return pd.DataFrame(list(_bank("virtual_questions.csv", columns)), columns=list(columns))


def _virtual_sessions(plan: Decided) -> list[tuple[object, str, str]]:
    """The Virtual programs' guide: the call's reminder, their open questions, then the questions for a call."""
    programs, decision = plan.season.programs, plan.decision.reindex(plan.season.programs.index)
    virtual = programs[decision["Recommendation"].fillna("").astype(str) == VIRTUAL]
    virtual = virtual.sort_values(["My rank", "Program"], na_position="last", kind="stable")
    if virtual.empty:
        return []
    session = pd.to_datetime(virtual["Virtual session date"], errors="coerce")
    when = ("Session on " + format_dates(session) + ". ").where(session.notna(), "Ask for the session's date. ")
    bank = _bank("virtual_questions.csv", ("Area", "Question"))
    rows: list[tuple[object, str, str]] = []
    for name, intro, asked in zip(virtual["Program"], when, virtual["Unanswered questions"], strict=True):
        rows.append((name, ON_THE_CALL, str(intro) + CALL_REMINDER))
        own = [q.strip() for q in str(asked or "").split(";") if q.strip()]
        rows += [(name, OPEN_QUESTIONS, _sentence(q)) for q in dict.fromkeys(own)]
        rows += [(name, area, question) for area, question in bank]
    return rows


def visit_guide(plan: Decided) -> pd.DataFrame:
    """The Visit Guide rows (``GUIDE_COLUMNS``): per Visit program, the day's reminder, its open questions, then
    the bank's questions for the four areas that apply to the applicant's visa and the program's sponsorship;
    after them, per Virtual program, a shorter guide for the call (``_virtual_sessions``)."""
    needed = plan.season.profile.visa_needed
    visits = _visits(plan)
    rows: list[tuple[object, str, str]] = []
    if not visits.empty:
        tags = _VISA_TAGS.get(needed, _VISA_TAGS["None"])
        area_order = {area: i for i, area in enumerate(VISIT_AREAS)}
        bank = sorted((row for row in _bank("visit_questions.csv", ("Area", "Visa", "Question")) if row[1] in tags),
                      key=lambda row: area_order[row[0]])
        days = format_dates(visits["_date"])
        for name, day, text, plan_name, unanswered, questions, j1, h1b in zip(
                visits["Program"], days, visits["_date"].notna(), visits["_plan"], visits["Unanswered questions"],
                visits["_questions"], visits["Sponsors J-1"], visits["Sponsors H-1B"], strict=True):
            planned = f"Planned for {day}{f' (plan {plan_name})' if plan_name else ''}. " if text else ""
            rows.append((name, ON_THE_DAY, planned + CONDUCT_REMINDER))
            rows += [(name, OPEN_QUESTIONS, q) for q in _own_questions(unanswered, questions)]
            # Someone who can use either visa need not ask about the one this program plainly does not sponsor.
            moot = {"J-1"} if needed == "J-1 or H-1B" and j1 == "No" else set()
            moot |= {"H-1B"} if needed == "J-1 or H-1B" and h1b == "No" else set()
            rows += [(name, area, question) for area, visa, question in bank if visa not in moot]
    rows += _virtual_sessions(plan)
    return pd.DataFrame([(*row, "") for row in rows], columns=GUIDE_COLUMNS)


# --------------------------------------------------------------------------------------------------
# Ratings.


def area_ratings(ratings: pd.DataFrame) -> pd.DataFrame:
    """Average rating per program (index: folded name) and area (columns ``RATING_AREAS``), plus ``Average``:
    the mean of the areas rated, so an area rated many times does not outweigh the others."""
    if ratings.empty:
        table = pd.DataFrame(columns=[*RATING_AREAS, "Average"], dtype=float)
        table.index.name = "_key"
        return table
    # the mean rating per program and area: a season holds a few dozen ratings, summed here without a group-by
    given: dict[tuple[str, object], list[float]] = {}
    for key, area, rating in zip(ratings["Program"].map(fold), ratings["Area"], ratings["Rating"].astype(float),
                                 strict=True):
        if not pd.isna(area) and not math.isnan(rating):
            given.setdefault((key, area), []).append(rating)
    keys = sorted({key for key, _ in given})
    table = pd.DataFrame([[math.fsum(given[key, area]) / len(given[key, area]) if (key, area) in given else math.nan
                           for area in RATING_AREAS] for key in keys],
                         index=pd.Index(keys, name="_key", dtype=object), columns=list(RATING_AREAS), dtype=float)
    return table.assign(Average=table.mean(axis=1))


# --------------------------------------------------------------------------------------------------
# Compare.

COMPARE_ROWS: tuple[str, ...] = (
    *RATING_AREAS, "Average of your ratings", "Fit (0-100)", "Tier", "Visa", "My rank", "Flags",
)
NOT_RATED = "not rated"


def compare_pair(season: Season) -> tuple[str, str] | None:
    """The two programs to compare: Settings Compare A and B, each blank one filled from the top of My rank."""
    programs = season.programs
    names = {fold(n): n for n in programs["Program"]}
    chosen = list(dict.fromkeys(names[fold(n)] for n in (season.settings.compare_a, season.settings.compare_b)
                                if n and fold(n) in names))  # the same program named twice counts once
    ranked = programs[programs["My rank"].notna()].sort_values(["My rank", "Program"], kind="stable")["Program"]
    for name in ranked:
        if len(chosen) >= 2:
            break
        if name not in chosen:
            chosen.append(name)
    return (chosen[0], chosen[1]) if len(chosen) >= 2 and chosen[0] != chosen[1] else None


def _fit_of(fit: pd.DataFrame, rows: Sequence[object] | pd.Index) -> pd.DataFrame:
    """Fit, Tier, Visa and Flags of the given Programs rows (blank where there is no Fit table)."""
    columns = ["Fit", "Tier", "Visa", "Flags"]
    if fit.empty:
        return pd.DataFrame(index=pd.Index(list(rows)), columns=columns, dtype=object)
    return fit.reindex(pd.Index(list(rows))).reindex(columns=columns)


def _listing(items: Sequence[str]) -> str:
    words = [item.lower() for item in items]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def compare_reading(a: str, b: str, ratings_a: pd.Series, ratings_b: pd.Series, visa_a: str, visa_b: str) -> str:
    """One line on how two programs compare, from the applicant's own ratings and visa support only."""
    parts: list[str] = []
    sponsors = {a: visa_a, b: visa_b}
    for name, other in ((a, b), (b, a)):
        if sponsors[name] in ("Sponsored", "Not needed") and sponsors[other] == "Not sponsored":
            parts.append(f"Only {name} sponsors the visa you need.")
    areas = [area for area in RATING_AREAS if pd.notna(ratings_a.get(area)) and pd.notna(ratings_b.get(area))]
    lead_a = [area for area in areas if ratings_a[area] > ratings_b[area]]
    lead_b = [area for area in areas if ratings_b[area] > ratings_a[area]]
    if ratings_a.notna().sum() == 0 and ratings_b.notna().sum() == 0:
        parts.append("Neither program has ratings yet: rate the four areas on the Ratings sheet after each visit "
                     "or virtual session.")
    elif not areas:
        rated = a if ratings_a.notna().sum() else b
        parts.append(f"Only {rated} has ratings so far; rate the other on the same areas to compare them.")
    elif lead_a or lead_b:
        leads = [f"{name} on {_listing(lead)}" for name, lead in ((a, lead_a), (b, lead_b)) if lead]
        parts.append("Your ratings favour " + "; ".join(leads) + ".")
        unrated = [area for area in RATING_AREAS if area not in areas]
        if unrated:
            parts[-1] = parts[-1][:-1] + f" ({_listing(unrated)} not rated for both)."
    else:
        parts.append("You rated them the same on every area rated for both.")
    return " ".join([*parts, PRESTIGE_NOTE])


def compare(season: Season, fit: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """The Compare table (Factor, then one column per program) and its one-line reading."""
    pair = compare_pair(season)
    if pair is None:
        return pd.DataFrame(columns=["Factor"]), (
            "Two programs are needed: give at least two programs a My rank, or name them in Settings "
            "(Compare A, Compare B).")
    a, b = pair
    rated = area_ratings(season.ratings)
    programs = season.programs
    row_of: dict[str, Any] = {fold(name): row for row, name in programs["Program"].items()}
    rows = [row_of[fold(a)], row_of[fold(b)]]
    fitted = _fit_of(fit, rows)
    columns: dict[str, list[object]] = {"Factor": list(COMPARE_ROWS)}
    for name, row in zip(pair, rows, strict=True):
        key = fold(name)
        scores = rated.reindex([key]).iloc[0]
        fit_row = fitted.loc[row]
        rank: Any = programs.at[row, "My rank"]
        values: list[object] = [NOT_RATED if pd.isna(scores[area]) else round(float(scores[area]), 1)
                                for area in (*RATING_AREAS, "Average")]
        fit_value = pd.to_numeric(pd.Series([fit_row["Fit"]]), errors="coerce").iloc[0]
        values += [
            None if pd.isna(fit_value) else round(float(fit_value)),
            None if pd.isna(fit_row["Tier"]) else fit_row["Tier"],
            None if pd.isna(fit_row["Visa"]) else fit_row["Visa"],
            None if pd.isna(rank) else int(rank),
            None if pd.isna(fit_row["Flags"]) else fit_row["Flags"],
        ]
        columns[name] = values
    frame = pd.DataFrame(columns)
    areas = rated.reindex([fold(a), fold(b)])[list(RATING_AREAS)].astype(float)
    visa = fitted["Visa"].fillna("")
    reading = compare_reading(a, b, areas.iloc[0], areas.iloc[1], str(visa.loc[rows[0]]), str(visa.loc[rows[1]]))
    return frame, reading


# --------------------------------------------------------------------------------------------------
# Rank Draft.

RANK_COLUMNS = ["#", "Program", "My rank", "Fit", "Tier", "Average rating", "Visa", "Flags"]
NO_START = "matching there means no start: it cannot sponsor {visa}, and a match is binding"


NO_START_OTHER = "matching there means no start: {reason}, and a match is binding"


def no_start(visa_needed: str, reason: str = "") -> str:
    """The warning for a ranked program that cannot start the applicant (``scoring.can_start``): it cannot sponsor
    the visa they need, or ``reason`` (H-1B is the only route and Step 3 is not passed in time)."""
    said = "does not sponsor " + scoring.visa_words(visa_needed)
    if not reason or reason.startswith(said):
        return NO_START.format(visa=scoring.visa_words(visa_needed))
    return NO_START_OTHER.format(reason=reason)


def rank_draft(season: Season, fit: pd.DataFrame) -> pd.DataFrame:
    """The programs the applicant has ranked, in My rank order (``RANK_COLUMNS``); shared ranks are flagged, and a
    program that cannot sponsor the visa says first that matching there means no start."""
    programs = season.programs
    ranked = programs[programs["My rank"].notna()].sort_values(["My rank", "Program"], kind="stable")
    key = ranked["Program"].map(fold).to_numpy()  # Ratings name programs as the Programs sheet does
    fitted = _fit_of(fit, ranked.index)
    average = area_ratings(season.ratings)["Average"].reindex(key)
    shared = ranked["My rank"].duplicated(keep=False)
    rank_text = ranked["My rank"].astype("Int64").astype(str)
    shared_flag = ("My rank " + rank_text + " is given to more than one program").where(shared, "")
    flags = pd.Series(fitted["Flags"].fillna("").astype(str).to_numpy(), index=ranked.index)
    needed = season.profile.visa_needed
    decision = cannot_start_at(fit, ranked.index)
    cannot = decision != ""
    warning = pd.Series([no_start(needed, reason) for reason in decision], index=ranked.index, dtype=object)
    said = "does not sponsor " + scoring.visa_words(needed)  # the Fit flag the warning says again, left out
    rest = flags.str.split("; ", regex=False).map(lambda parts: "; ".join(p for p in parts if p and p != said))
    flags = flags.where(~cannot, (warning + "; " + rest).str.strip("; "))
    flags = (flags + "; " + shared_flag).str.strip("; ").where(shared, flags)
    return pd.DataFrame({
        "#": range(1, len(ranked) + 1),
        "Program": ranked["Program"].to_numpy(),
        "My rank": ranked["My rank"].astype(int).to_numpy(),
        "Fit": pd.to_numeric(fitted["Fit"], errors="coerce").round(0).to_numpy(),
        "Tier": fitted["Tier"].to_numpy(),
        "Average rating": average.round(1).to_numpy(),
        "Visa": fitted["Visa"].to_numpy(),
        "Flags": flags.to_numpy(),
    }, columns=RANK_COLUMNS)


def cannot_start_at(fit: pd.DataFrame, rows: pd.Index) -> pd.Series:
    """Why the applicant cannot start at each of the given Programs rows, "" where they can: the one decision
    (``scoring.eligibility``) the Fit table carries, followed by Fit and Applications too; "" throughout without
    a Fit table."""
    if fit.empty:
        return pd.Series("", index=rows, dtype=object)
    decision = scoring.eligibility_of(fit, rows)
    return decision.cannot_start.where(~decision.can_start, "").astype(object)


def ranked_match_chance(starts: Sequence[float], settings: Settings, specialty: str = "") -> float:
    """The chance (0-1) of matching with these ranks, each given the chance the applicant can start there
    (``scoring.start_chance``): a program that cannot start them counts for nothing; where H-1B is the only route,
    Step 3 passing in time is one event for all such programs, so the chance is the mixture of the list with and
    without them."""
    values = [min(max(float(v), 0.0), 1.0) for v in starts]
    sure = sum(1 for v in values if v >= 1)
    pending = [v for v in values if 0 < v < 1]
    field = specialty or "All"
    without = float(matching.match_by_interviews(sure, settings, field))
    if not pending:
        return without
    passing = max(pending)  # every such program hangs on the same Step 3 result
    return passing * float(matching.match_by_interviews(sure + len(pending), settings, field)) \
        + (1 - passing) * without


def rank_draft_notes(count: int, unranked: int, settings: Settings, specialty: str = "",
                     cannot_sponsor: Sequence[str] = (), visa_needed: str = "",
                     starts: Sequence[float] | None = None, reasons: Sequence[str] = ()) -> list[str]:
    """The lines under the Rank Draft: true preference order, a warning for each ranked program that cannot
    sponsor the visa (``cannot_sponsor``, by name), a short-list warning, the fee and what it includes, the
    estimated match chance with the ranks that can start the applicant (``starts``: each ranked program's start
    chance; all of them when not given), what is left off."""
    lines = [TRUE_PREFERENCE_NOTE]
    why = list(reasons) + [""] * (len(cannot_sponsor) - len(reasons))
    lines += [f"{name}: {no_start(visa_needed, reason)}. " + (
        "Take it off your list unless it confirms sponsorship in writing." if no_start(visa_needed, reason)
        == no_start(visa_needed) else "Take it off your list unless that changes before the deadline.")
        for name, reason in zip(cannot_sponsor, why, strict=True)]
    if count < settings.short_list_warning:
        lines.append(f"Short list: {count} program(s) ranked, fewer than the {settings.short_list_warning} set "
                     "under Short list warning. Add every program where you would be willing to train.")
    source = setting_source("nrmp_rol_extra_fee")
    try:
        fee = rank_list_fee(count, settings)
        lines.append(f"NRMP rank order list fee for {count} program(s): ${fee:,.0f} on top of the "
                     f"${settings.nrmp_registration_fee:,.0f} Match registration fee, "
                     f"which includes up to {settings.nrmp_rol_included} programs; each program beyond them costs "
                     f"${settings.nrmp_rol_extra_fee:,.0f}. {source} {setting_source('nrmp_registration_fee')}")
    except InputError:
        lines.append(f"Too long: a rank order list holds at most {settings.nrmp_rol_max} programs; remove "
                     f"{count - settings.nrmp_rol_max}. {setting_source('nrmp_rol_max')}")
    starts = [1.0] * count if starts is None else list(starts)
    chance = ranked_match_chance(starts, settings, specialty)
    left_out = sum(1 for v in starts if v <= 0)
    pending = sum(1 for v in starts if 0 < v < 1)
    counted = ("" if not left_out and not pending else
               " It counts only programs that can start you"
               + (f": {left_out} of your ranks cannot and count for nothing" if left_out else "")
               + (f"{';' if left_out else ':'} {pending} where H-1B is your only route count only if Step 3 is "
                  f"passed in time ({settings.step3_in_time:g}%, Settings)" if pending else "") + ".")
    lines.append(f"Estimated chance of matching with {count} rank(s) in {specialty or 'your specialty'}: "
                 f"{chance:.0%}, from the match chance per interview on Settings (an assumption where no public "
                 f"figure exists: see templates/facts.csv); an estimate, not a promise.{counted}")
    if unranked:
        lines.append(f"{unranked} program(s) have no My rank and are not on this draft.")
    return lines
