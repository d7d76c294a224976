"""Second look or not: the guide's criteria and "not worth it" rules as named predicates, and the decision.

Each criterion (``attainable``, ``top_of_list``, ``open_questions``, ``feasible``) and each rule
(``not_ranked_highly``, ``interview_to_come``, ``long_shot``, ``policy_rules_out``, ``flying_in_only_for_this``,
``negative_impression``) takes the season
and its Fit table and returns a ``Finding``: whether it holds for each program (a boolean Series indexed
by Programs row) and why, in plain words. ``decide`` composes them into the Second Look sheet:

- **Visit** when no rule fires, at least 3 of the 4 criteria hold, the estimated cost fits what is left of
  the budget, and the program is among the ``Max second looks`` best such candidates (by My rank, then Fit);
- else **Virtual** when the program offers a virtual session (policy Virtual only, or a Virtual session
  date) and My rank is within the top-rank stretch;
- else **Skip**. Unknown visa sponsorship never rules a visit out; it adds a question to resolve.

All dates come from the workbook (the rank-list deadline fixes the season), so the same inputs always give
the same sheet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import NamedTuple, Protocol

import numpy as np
import pandas as pd

from ..core.records import Season
from ..core.text import capitalised, join_text, money, text_where, unique_clauses, whole
from ..ground import costs, places
from ..ground.days import DayAxis, SeasonDays, after_interview, day_text, day_texts, span_texts, window
from ..ground.season import SeasonGround
from . import scoring
from .routes import TripPlan, Visit
from .standing import DECIDE_AFTER, Finding, interview_to_come, late_virtual, not_ranked_highly

VISIT, VIRTUAL, SKIP = "Visit", "Virtual", "Skip"
CRITERIA_NEEDED = 3

SECOND_LOOK_COLUMNS: tuple[str, ...] = (
    "Program", "Recommendation", "Reason", "Priority", "Criteria met", "Why", "Why not", "Plan", "Date",
    "Est. cost", "Questions to resolve",
)
"""``Reason`` is the decision in one line (the deciding rule or criterion); Why and Why not give every reason."""

RULE_IN_SHORT = {
    "Not ranked highly": "you would not rank it high enough",
    "Interview to come": DECIDE_AFTER,
    "Long shot": "a long shot for you",
    "Policy": "no in-person second looks there",
    "Flying in only for this": "a flight from abroad for this visit alone",
    "Negative impression": "your interview impression was negative",
}
FAILED_IN_SHORT = {
    "Attainable": "not attainable for you",
    "Top of list": "not near the top of your list",
    "Open questions": "no open questions left",
    "Feasible": "no day or cost that works",
}

CONFIRM_VISA = "confirm visa sponsorship"
CONFIRM_POLICY = "confirm in-person visits are offered this year"
NEGATIVE_WORDS = "your interview impression was negative"
NEGATIVE_REASON = f"{NEGATIVE_WORDS}: the guide says you already know you would not rank it"

class Decided(Protocol):
    """What the rules after the decision read (the emails, the visit guide): the season, the Second Look table
    indexed by Programs row, and per placed visit the first and last day spent in the program's city.

    ``plan.SeasonPlan`` is one; a test can build another."""

    @property
    def season(self) -> Season: ...

    @property
    def decision(self) -> pd.DataFrame: ...

    @property
    def stays(self) -> Mapping[object, tuple[dt.date, dt.date]]: ...


Placer = Callable[[pd.DataFrame], TripPlan]
"""``placer(chosen)``: the trip plan that places a visit for each row of ``chosen`` (Programs rows picked for a
visit, best first): per row a ``Visit`` (plan, day, cost) or the reason no day works."""

Quoter = Callable[[pd.DataFrame], pd.Series]
"""``quote(rows)``: what a visit to each row of ``rows`` would cost where the trip planner can put it on its own
(an extra day beside an interview trip, or a trip of its own); NaN where it cannot."""


@dataclass(frozen=True)
class WindowDays:
    """Each program's window and what the applicant's season looks like on each day of it (``SeasonDays``).

    ``start``/``end`` is the window as the program gives it (or the usual weeks); ``visit_start`` moves its start to
    the day after the program's own interview, as the trip planner does; the counts are over that visit window.
    """

    start: pd.Series
    end: pd.Series
    visit_start: pd.Series
    window_days: np.ndarray
    visit_days: np.ndarray
    us_in_window: np.ndarray
    us_days: np.ndarray
    free_days: np.ndarray
    first_free: pd.Series
    no_working_day: np.ndarray  # free days, but none of them a working day: its own days are used
    obligation_days: np.ndarray
    blockers: pd.Series


def window_days(season: Season, days: SeasonDays) -> WindowDays:
    """The windows of every program against the season's days (``days``, the one day calendar of the season),
    counted in one step over a day axis."""
    programs, settings = season.programs, season.settings
    start, end = window(programs, settings)
    visit_start = after_interview(start, programs["Interview date"])
    cluster = pd.Timedelta(days=settings.cluster_window_days)
    known_start = start.dropna()
    first = (known_start.min() if len(known_start) else pd.Timestamp(settings.rank_list_deadline)) - cluster
    last = (end.dropna().max() if end.notna().any() else first) + cluster
    axis = DayAxis(first, last)
    in_us, free = days.free_flags(axis.days)
    free_working = free & days.working_flags(axis.days)
    # Anything that brings the applicant to the US anyway: a commitment in a US state, an in-person interview.
    in_person = programs[(programs["Interview format"] == "In-person") & programs["Interview date"].notna()]
    us_commitments = season.commitments[season.commitments["State"] != ""]
    obligations = axis.mark(
        axis.offsets(pd.concat([us_commitments["Start"], in_person["Interview date"]], ignore_index=True)),
        axis.offsets(pd.concat([us_commitments["End"], in_person["Interview date"]], ignore_index=True)))
    at_start, at_visit, at_end = axis.offsets(start), axis.offsets(visit_start), axis.offsets(end)
    us_days = axis.count(in_us, at_visit, at_end)
    free_days = axis.count(free, at_visit, at_end)
    no_working_day = (free_days > 0) & (axis.count(free_working, at_visit, at_end) == 0)
    # The day Feasible quotes is the first free working day, or the first free day where the window has none.
    first_free = axis.first_flagged(free_working, at_visit, at_end, programs.index)
    first_free = first_free.where(~no_working_day, axis.first_flagged(free, at_visit, at_end, programs.index))
    held: list[str] = [""] * len(programs)
    for i in np.flatnonzero((us_days > 0) & (free_days == 0)):  # only the programs with no free day: few
        first_day, last_day = visit_start.iloc[i].date().toordinal(), end.iloc[i].date().toordinal()
        holders = sorted({days.blocked[d] for d in range(first_day, last_day + 1) if d in days.blocked
                          and days.in_us(d)})
        listed = ", ".join(holders[:3]) + (" and more" if len(holders) > 3 else "")
        interviews = any(d in days.interviews and d not in days.fixed and days.in_us(d)
                         for d in range(first_day, last_day + 1))
        held[i] = (f"is taken by {listed}" if interviews
                   else f"clashes with commitments you cannot move ({listed})")
    blockers = pd.Series(held, index=programs.index, dtype=object)
    return WindowDays(
        start=start, end=end, visit_start=visit_start,
        window_days=axis.count(np.ones(len(axis.days), dtype=bool), at_start, at_end),
        visit_days=axis.count(np.ones(len(axis.days), dtype=bool), at_visit, at_end),
        us_in_window=axis.count(in_us, at_start, at_end),
        us_days=us_days,
        free_days=free_days,
        first_free=first_free,
        no_working_day=no_working_day,
        obligation_days=axis.count(obligations, at_start - cluster.days, at_end + cluster.days),
        blockers=blockers,
    )


def estimated_cost(ground: SeasonGround, programs: pd.DataFrame | None = None) -> pd.Series:
    """The distance-based cost of a second look at each program (of the season, or of ``programs``) as a trip of
    its own from the season's base (USD; NaN when unknown)."""
    programs = ground.season.programs if programs is None else programs
    return pd.Series(costs.visit_cost(ground.season, ground.base, programs), index=programs.index, dtype=float)


# --------------------------------------------------------------------------------------------------
# The four criteria.


MIN_KNOWN_SHARE = 0.5
"""Below this share of the fit weights known, a program is not called attainable: too little evidence."""


def attainable(season: Season, fit: pd.DataFrame) -> Finding:
    """Attainable: Fit at the attainable threshold or above, every stated minimum met, the visa sponsored (or
    not yet known), the applicant ready for the visa, and an interview impression that was not negative.

    Visa readiness: where H-1B is the only route (``scoring.h1b_only``), the applicant must have Step 3 passed,
    or scheduled with its result due (``scoring.STEP3_RESULT_DAYS`` after the exam) by the rank-list deadline
    (``scoring.h1b_ready``); otherwise the program is not attainable, and "sponsors your visa" is never said
    for it without Step 3 passed."""
    programs, settings = season.programs, season.settings
    score = fit["Fit"].astype(float)
    gaps = scoring.requirement_gaps(programs, season.profile, scoring.season_reference_date(settings))
    gap_text = join_text([gaps[c] for c in gaps.columns])
    visa = fit["Visa"]
    negative = programs["Interview impression"] == "Negative"
    pending, not_ready = step3_pending(season, fit)
    weights = pd.Series(settings.fit_weights).rename(index=scoring.COMPONENT_COLUMNS)
    known_share = fit[list(weights.index)].notna().astype(float).mul(weights).sum(axis=1) / max(weights.sum(), 1e-9)
    too_little = known_share < MIN_KNOWN_SHARE  # no second look unless the evidence is clear
    stated = programs[["Min Step 2 CK", "Max years since graduation", "Min US clinical experience (months)"]]
    holds = ((score >= settings.attainable_threshold) & (gap_text == "") & (visa != scoring.NOT_SPONSORED)
             & ~not_ready & ~negative & ~too_little)
    fit_words = "Fit " + whole(score) + " (" + fit["Tier"].astype(str) + ")"
    for_it = join_text([
        fit_words,
        text_where(stated.notna().any(axis=1), "meets the stated minimums"),
        visa.map({scoring.SPONSORED: "sponsors your visa", scoring.NOT_NEEDED: "",
                  scoring.UNKNOWN: "visa sponsorship still to confirm", scoring.NOT_SPONSORED: ""}).fillna("")
        .where(~pending, ""),
        text_where(pending & ~not_ready, _step3_in_time(season)),
        programs["Interview impression"].map({"Positive": "positive interview", "Neutral": "neutral interview"})
        .fillna("").astype(object),
    ], sep=", ")
    against = join_text([
        text_where(score.isna(), "Fit unknown: fill in your scores and the program's figures"),
        text_where(too_little & score.notna(), "too little is known to judge: fill in the program's score "
                   "expectations, IMG share and your interview impression"),
        text_where(score < settings.attainable_threshold,
                   fit_words + f" is below the attainable threshold {settings.attainable_threshold:g}"),
        gap_text,
        text_where(visa == scoring.NOT_SPONSORED, "does not sponsor your visa"),
        text_where(not_ready, scoring.step3_not_ready(season.profile, settings)),
        text_where(negative, NEGATIVE_WORDS),
    ])
    return Finding(holds, _either(holds, "Attainable: " + for_it, "Not attainable: " + against))


def step3_pending(season: Season, fit: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Per program: H-1B is the only route, the visa is not refused and Step 3 is not passed yet (``pending``);
    and of those, the ones where the result cannot be in by the rank-list deadline (``not_ready``)."""
    programs, profile = season.programs, season.profile
    only = scoring.h1b_only(profile.visa_needed, programs["Sponsors J-1"], programs["Sponsors H-1B"])
    pending = only & (fit["Visa"] != scoring.NOT_SPONSORED) & (profile.step3 != "Passed")
    return pending, pending & (not scoring.h1b_ready(profile, season.settings))


def _step3_in_time(season: Season) -> str:
    profile, result = season.profile, scoring.step3_result_day(season.profile)
    if result is None or profile.step3_date is None:
        return ""
    return (f"H-1B within reach if your Step 3 on {day_text(profile.step3_date)} is passed (result about "
            f"{day_text(result)}, before the rank list deadline {day_text(season.settings.rank_list_deadline)})")


def top_of_list(season: Season, fit: pd.DataFrame) -> Finding:
    """Top of the list: My rank within the top-rank limit, and a long-term fit that is not poor (3 or more of
    5, or not rated)."""
    programs, profile, settings = season.programs, season.profile, season.settings
    rank = programs["My rank"].astype(float)
    long_term = programs["Long-term fit"].astype(float)
    high = rank <= settings.top_rank_limit
    poor_fit = long_term <= 2
    holds = high & ~poor_fit
    miles, city = scoring.support_distance(season)
    near = miles <= settings.nearby_radius_miles
    regions = programs["State"].map({s: places.region_of(s) for s in programs["State"].unique()}).fillna("")
    regions = regions.astype(str).astype(object)
    preferred = regions.isin(profile.preferred_regions)
    for_it = join_text([
        "you would rank it #" + whole(rank),
        text_where(long_term >= 3, "long-term fit " + whole(long_term) + " of 5"),
        text_where(near, "near your support city " + city + " (" + whole(miles) + " miles)"),
        text_where(preferred, "in your preferred region, " + regions),
    ], sep=", ")
    against = join_text([
        text_where(rank.isna(), "not ranked yet (My rank blank)"),
        text_where(rank > settings.top_rank_limit,
                   "ranked #" + whole(rank) + f", outside your top {settings.top_rank_limit}"),
        text_where(poor_fit, "long-term fit only " + whole(long_term) + " of 5"),
    ], sep=", ")
    return Finding(holds, _either(holds, "Top of your list: " + for_it, "Not top of your list: " + against))


def open_questions(season: Season, fit: pd.DataFrame) -> Finding:
    """Open questions: the program's own unanswered questions, or visa sponsorship still to confirm."""
    programs = season.programs
    asked = programs["Unanswered questions"].fillna("").astype(str).str.strip() != ""
    visa_open = fit["Visa"] == scoring.UNKNOWN
    holds = asked | visa_open
    for_it = join_text([
        programs["Unanswered questions"].fillna("").astype(object).where(asked, ""),
        text_where(visa_open, "visa sponsorship"),
    ])
    return Finding(holds, _either(holds, "Open questions: " + for_it,
                                  "No open questions listed: add them under Unanswered questions"))


def feasible(season: Season, fit: pd.DataFrame, cost: pd.Series, cal: WindowDays) -> Finding:
    """Feasible: some day of the program's window after its own interview falls before the rank-list deadline,
    while the applicant is in the US, on no interview day and on no commitment that cannot move (the free days
    the trip planner uses); and the estimated cost fits the budget (when both known)."""
    programs, profile = season.programs, season.profile
    budget = np.nan if profile.budget is None else float(profile.budget)
    over_budget = cost > budget
    has_day = cal.free_days > 0
    holds = pd.Series(has_day, index=programs.index) & ~over_budget
    span = span_texts(cal.start, cal.end)
    no_window = cal.window_days == 0
    none_after_interview = ~no_window & (cal.visit_days == 0)
    not_in_us = ~no_window & ~none_after_interview & (cal.us_days == 0)
    clashes = ~no_window & ~none_after_interview & ~not_in_us & ~has_day
    us_period = _us_period_words(season)
    deadline = day_text(season.settings.rank_list_deadline)
    against = join_text([
        text_where(pd.Series(no_window, index=programs.index),
                   "its window " + day_texts(cal.start) + " starts after the last day before the rank list "
                   "deadline"),
        text_where(pd.Series(none_after_interview, index=programs.index),
                   f"its window leaves no day after its interview and before the rank list deadline ({deadline})"),
        text_where(pd.Series(not_in_us, index=programs.index), f"you are {us_period}, not during its window " + span),
        text_where(pd.Series(clashes, index=programs.index),
                   "every day of its window you are in the US " + cal.blockers),
        text_where(over_budget, "estimated cost " + money(cost) + f" is over your ${budget:,.0f} budget"),
    ])
    return Finding(holds, _either(holds, "Feasible: " + feasible_words(season, cal, cal.first_free, cost),
                                  "Not feasible: " + against))


def feasible_words(season: Season, cal: WindowDays, day: pd.Series, cost: pd.Series) -> pd.Series:
    """Why a program is feasible: the day a visit can fall on, its window, and what it costs against the budget.

    ``decide`` calls it again with the day and cost of the placement the trip planner made, so that Why names
    the same day and cost as the Date and Est. cost columns.
    """
    programs, budget = season.programs, season.profile.budget
    no_dates = (programs["Second look from"].isna() & programs["Second look until"].isna()).to_numpy()
    window_words = pd.Series(np.where(no_dates, "within the usual second-look weeks ", "within its window "),
                             index=programs.index, dtype=object) + span_texts(cal.start, cal.end)
    window_words = window_words.where(~no_dates, window_words + " (the program gave no dates)")
    weekend = pd.Series(cal.no_working_day, index=programs.index)
    return join_text([
        "in the US and free on " + day_texts(day) + ", " + window_words,
        text_where(weekend, "a weekend or holiday: no day of its window you are free is a working day (Monday to "
                            "Friday, not a federal holiday), so confirm the program receives visitors then"),
        text_where(cost.notna(),
                   "about " + money(cost) + (f" of your ${budget:,.0f} budget" if budget is not None else "")),
        text_where(cost.isna(), "cost not estimated"),
    ], sep=", ")


def _us_period_words(season: Season) -> str:
    profile = season.profile
    if profile.in_us_from is None and profile.in_us_until is None:
        return "abroad all season (In US from/until blank)" if profile.abroad else "in the US all season"
    start = day_text(profile.in_us_from) if profile.in_us_from else "the start of the season"
    end = day_text(profile.in_us_until) if profile.in_us_until else "the end of the season"
    return f"in the US only {start} – {end}"


# --------------------------------------------------------------------------------------------------
# The "not worth it" rules: any one that fires rules out an in-person visit.


def long_shot(season: Season, fit: pd.DataFrame) -> Finding:
    """Fires when the program takes almost no IMGs (share below the long-shot setting; for an IMG applicant only)
    or does not sponsor the visa the applicant needs."""
    limit = season.settings.long_shot_img_share
    share = season.programs["IMG share (%)"].astype(float)
    few_imgs = (share < limit) & season.profile.img
    no_visa = fit["Visa"] == scoring.NOT_SPONSORED
    needed = season.profile.visa_needed
    reason = join_text([
        text_where(few_imgs, "a long shot: takes almost no IMGs (" + whole(share) + f"%, under {limit:g}%)"),
        text_where(no_visa, f"a long shot: does not sponsor {scoring.visa_words(needed)}"),
    ])
    return Finding(few_imgs | no_visa, reason)


POLICY_REASONS = {
    "Discouraged": "the program discourages second looks",
    "Not offered": "the program offers no second looks this year",
    "Virtual only": "the program offers virtual sessions only, no visits",
}


def policy_rules_out(season: Season, fit: pd.DataFrame) -> Finding:
    """Fires when the program's policy is Discouraged, Not offered, or Virtual only."""
    reason = season.programs["Second look policy"].map(POLICY_REASONS).fillna("").astype(object)
    return Finding(reason != "", reason)


def flying_in_only_for_this(season: Season, fit: pd.DataFrame, cal: WindowDays) -> Finding:
    """Fires when the applicant lives abroad, is not in the US during the program's window, and has no interview
    or other US commitment near it: the flight would be only for this visit."""
    index = season.programs.index
    if not season.profile.abroad:
        return Finding(pd.Series(False, index=index), pd.Series("", index=index, dtype=object))
    in_us = cal.us_in_window > 0
    fires = pd.Series(~in_us & (cal.obligation_days == 0), index=index)
    reason = text_where(fires, "you would fly in from abroad only for this visit, with no interview or other "
                        "plans in the US near its window " + span_texts(cal.start, cal.end))
    return Finding(fires, reason)


def negative_impression(season: Season, fit: pd.DataFrame) -> Finding:
    """Fires when the interview impression was Negative: the guide's reading is that the applicant already knows
    they would not rank it, so no visit."""
    fires = season.programs["Interview impression"] == "Negative"
    return Finding(fires, text_where(fires, NEGATIVE_REASON))


# Each takes (season, fit); Feasible also the costs and the calendar, Flying in only for this the calendar.
CRITERIA: dict[str, Callable[..., Finding]] = {
    "Attainable": attainable,
    "Top of list": top_of_list,
    "Open questions": open_questions,
    "Feasible": feasible,
}

RULES: dict[str, Callable[..., Finding]] = {
    "Not ranked highly": not_ranked_highly,
    "Interview to come": interview_to_come,
    "Long shot": long_shot,
    "Policy": policy_rules_out,
    "Flying in only for this": flying_in_only_for_this,
    "Negative impression": negative_impression,
}


def virtual_option(season: Season, fit: pd.DataFrame) -> Finding:
    """Holds when the program offers a virtual session (policy Virtual only, or a Virtual session date) and My
    rank is within the top-rank stretch."""
    programs, stretch = season.programs, season.settings.top_rank_stretch
    given = pd.to_datetime(programs["Virtual session date"])
    too_late = given > pd.Timestamp(season.settings.rank_list_deadline)  # of no use once the list is certified
    session = given.where(~too_late)
    offered = (programs["Second look policy"] == "Virtual only") | session.notna()
    holds = offered & (programs["My rank"].astype(float) <= stretch)
    reason = join_text([
        text_where(session.notna(), "Join the virtual session on " + day_texts(session) + ": it costs nothing"),
        text_where(given.isna() & offered, "Ask for the date of its virtual session: it costs nothing"),
        late_virtual(season).reason,
    ])
    return Finding(holds, reason)


def questions_to_resolve(season: Season, fit: pd.DataFrame) -> pd.Series:
    """The program's own unanswered questions, plus confirming visa sponsorship and the visit policy when unknown,
    and when Step 3 will be passed where H-1B is the only route and it is not passed yet; each question once."""
    programs, settings = season.programs, season.settings
    policy = programs["Second look policy"].fillna("")
    pending, not_ready = step3_pending(season, fit)
    deadline = day_text(settings.rank_list_deadline)
    result = scoring.step3_result_day(season.profile)
    return unique_clauses(join_text([
        programs["Unanswered questions"].fillna("").astype(object),
        text_where(fit["Visa"] == scoring.UNKNOWN, CONFIRM_VISA),
        text_where((policy == "Unknown") | (policy == ""), CONFIRM_POLICY),
        text_where(not_ready, f"when will Step 3 be passed? H-1B needs the pass by {deadline}"),
        text_where(pending & ~not_ready, f"confirm the program can file H-1B with your Step 3 result due about "
                   f"{day_text(result) if result else deadline}"),
    ]))


def _either(holds: pd.Series, yes: pd.Series | str, no: pd.Series | str) -> pd.Series:
    return pd.Series(np.where(holds, yes, no), index=holds.index, dtype=object)


# --------------------------------------------------------------------------------------------------
# The decision.


def _judged(season: Season, fit: pd.DataFrame, cal: WindowDays) -> dict[str, Finding]:
    """Every criterion and rule but Feasible, which weighs the cost (``assess``)."""
    findings = {name: check(season, fit) for name, check in CRITERIA.items() if check is not feasible}
    findings.update({name: check(season, fit) if check is not flying_in_only_for_this
                     else flying_in_only_for_this(season, fit, cal) for name, check in RULES.items()})
    return findings


def assess(season: Season, fit: pd.DataFrame, cost: pd.Series, cal: WindowDays) -> dict[str, Finding]:
    """Every criterion and rule by name (criteria first), with ``cost`` the estimated cost of each visit and
    ``cal`` the programs' windows against the season's days."""
    findings = {**_judged(season, fit, cal), "Feasible": feasible(season, fit, cost, cal)}
    return {name: findings[name] for name in [*CRITERIA, *RULES]}


def candidate_order(season: Season, fit: pd.DataFrame) -> pd.Index:
    """Programs rows ordered as visit candidates: My rank (blank last), then Fit (best first), then name."""
    keys = pd.DataFrame({"rank": season.programs["My rank"].astype(float), "fit": fit["Fit"].astype(float),
                         "name": season.programs["Program"].astype(str), "row": season.programs.index})
    keys = keys.sort_values(["rank", "fit", "name", "row"], ascending=[True, False, True, True],
                            na_position="last", kind="stable")
    return pd.Index(keys["row"])


class PassedOver(NamedTuple):
    """Why a candidate that met the criteria gets no visit: in full (Why not) and in a few words (Reason)."""

    why: str
    short: str


OVER_BUDGET = "over what is left of your budget"
NO_DAY = "no day works for a visit"


def _choose(order: pd.Index, eligible: pd.Series, cost: pd.Series, budget: float | None,
            limit: int) -> tuple[list[Hashable], dict[Hashable, PassedOver]]:
    """The first ``limit`` eligible candidates whose costs fit the budget together; why others were passed over."""
    chosen: list[Hashable] = []
    passed: dict[Hashable, PassedOver] = {}
    spent = 0.0
    for row in order[eligible.reindex(order).to_numpy()]:
        if len(chosen) >= limit:
            passed[row] = PassedOver((f"Max second looks is {limit}, and programs you rank higher take "
                                      f"{'that place' if limit == 1 else 'those places'}") if limit
                                     else "Max second looks is 0", "programs you rank higher take the second looks")
            continue
        price = cost.get(row, np.nan)
        if budget is not None and price == price and spent + price > budget:
            # Over the whole budget on its own is Feasible's reason already; say only what the visits before took.
            if price <= budget:
                passed[row] = PassedOver(
                    f"its estimated cost ${price:,.0f} is more than the ${max(budget - spent, 0):,.0f} left of your "
                    "budget after higher-ranked visits", OVER_BUDGET)
            continue
        chosen.append(row)
        spent += price if price == price else 0.0
    return chosen, passed


def _over_budget(chosen: list[Hashable], answer: Mapping[object, Visit | str],
                 budget: float | None) -> dict[Hashable, PassedOver]:
    """The first placed visit (in priority order) whose placement takes the running total over the budget."""
    if budget is None:
        return {}
    spent = 0.0
    for row in chosen:
        placed = answer.get(row)
        if not isinstance(placed, Visit):
            continue
        if spent + placed.cost > budget + 0.5:
            left = max(budget - spent, 0.0)
            return {row: PassedOver(f"placed with the visits before it, it would cost ${placed.cost:,.0f}, more "
                                    f"than the ${left:,.0f} left of your ${budget:,.0f} budget", OVER_BUDGET)}
        spent += placed.cost
    return {}


def _in_short(recommendation: pd.Series, met: pd.Series, findings: Mapping[str, Finding], placed: pd.DataFrame,
              passed: Mapping[Hashable, str]) -> pd.Series:
    """The decision in one line: for a Visit, the criteria and the placement; otherwise the deciding reason (the
    first rule that fired, else the first criterion that failed, else why it was passed over)."""
    fired = pd.DataFrame({RULE_IN_SHORT[name]: findings[name].holds for name in RULES}).reindex(recommendation.index)
    failed = pd.DataFrame({FAILED_IN_SHORT[name]: ~findings[name].holds for name in CRITERIA})
    failed = failed.reindex(recommendation.index)
    placed = placed.reindex(recommendation.index)
    # the rows as plain values: a row of a DataFrame costs a Series each
    fired_flags, failed_flags = fired.to_numpy(dtype=bool), failed.to_numpy(dtype=bool)
    fired_names, failed_names = list(fired.columns), list(failed.columns)
    counts = met.tolist()
    plans, days, costs_placed = (placed[column].tolist() for column in ("plan", "date", "cost"))
    lines: list[str] = []
    for i, (row, verdict) in enumerate(recommendation.items()):
        if verdict == VISIT:
            text = f"{counts[i]} of {len(CRITERIA)} criteria hold"
            plan, day, cost = plans[i], days[i], costs_placed[i]
            if isinstance(plan, str):
                text += f"; plan {plan} on {day_text(pd.Timestamp(day).date())}, about ${cost:,.0f}"
            lines.append(text)
            continue
        reasons = [*(name for name, on in zip(fired_names, fired_flags[i], strict=True) if on),
                   *(name for name, on in zip(failed_names, failed_flags[i], strict=True) if on),
                   *([passed[row]] if row in passed else [])]
        deciding = str(reasons[0]) if reasons else "fewer than three criteria hold"
        if deciding == DECIDE_AFTER:  # the day of the interview, where known
            deciding = str(findings["Interview to come"].reason.get(row, "")) or deciding
        lines.append(f"A virtual session instead: {deciding}" if verdict == VIRTUAL
                     else deciding[:1].upper() + deciding[1:])
    return pd.Series(lines, index=recommendation.index, dtype=object)


def decide(ground: SeasonGround, fit: pd.DataFrame, placer: Placer | None = None,
           quote: Quoter | None = None) -> pd.DataFrame:
    """The Second Look table (index = Programs row, columns ``SECOND_LOOK_COLUMNS``); see ``decide_and_place``."""
    return decide_and_place(ground, fit, placer, quote)[0]


def decide_and_place(ground: SeasonGround, fit: pd.DataFrame, placer: Placer | None = None,
                     quote: Quoter | None = None) -> tuple[pd.DataFrame, TripPlan | None]:
    """The Second Look table (index = Programs row, columns ``SECOND_LOOK_COLUMNS``) and the trip plan of its
    visits (None without a placer, or when no program gets a visit).

    ``placer`` (optional) is the trip planner: ``placer(chosen)`` gets the Programs rows chosen for a visit (best
    first) and returns the trip plan placing them, per row a ``Visit`` (plan, day, cost) or a string saying why no
    day works. A program with such a reason loses its visit (the reason goes to Why not; it falls back to Virtual
    or Skip) and the next eligible candidate takes the place; the placer is asked again until every chosen
    program has a placement. Rows the placer leaves out keep their visit with Plan and Date blank. Without a
    placer, Plan and Date stay blank and Est. cost shows the estimated cost of each visit.

    ``quote`` (optional, with the placer) prices each candidate where the planner can put it: the budget is
    weighed against that placement (an extra day after an in-person interview costs the night, meals and local
    transport), not against a separate round trip. Once the visits are placed together, a visit whose placement
    takes the total over the budget loses its place as well.
    """
    season = ground.season
    programs, profile = season.programs, season.profile
    index = programs.index
    if programs.empty:
        empty = pd.DataFrame({name: pd.Series(dtype=object) for name in SECOND_LOOK_COLUMNS}, index=index)
        return empty, None
    cost = estimated_cost(ground)
    cal = window_days(season, ground.days)
    judged = _judged(season, fit, cal)
    ruled_out = pd.concat([judged[name].holds for name in RULES], axis=1).any(axis=1) if len(index) \
        else pd.Series(False, index=index)
    if quote is not None:  # price the programs that could get a visit where the planner would put them
        has_day = pd.Series(cal.free_days > 0, index=index)
        others = sum((judged[name].holds.astype(int) for name in CRITERIA if name != "Feasible"),
                     pd.Series(0, index=index))
        open_rows = index[(~ruled_out & has_day & (others >= CRITERIA_NEEDED - 1)).to_numpy()]
        if len(open_rows):
            quoted = quote(programs.loc[open_rows]).reindex(index)
            cost = quoted.where(quoted.notna(), cost)
    judged["Feasible"] = feasible(season, fit, cost, cal)  # once, at the cost the visit would have
    findings = {name: judged[name] for name in [*CRITERIA, *RULES]}
    met = sum((findings[name].holds.astype(int) for name in CRITERIA), pd.Series(0, index=index))
    eligible = ~ruled_out & (met >= CRITERIA_NEEDED)
    order = candidate_order(season, fit)

    no_date: dict[Hashable, PassedOver] = {}
    placements: dict[object, Visit] = {}
    trip_plan: TripPlan | None = None
    while True:
        chosen, passed = _choose(order, eligible & ~index.isin(list(no_date)), cost, profile.budget,
                                 max(profile.max_second_looks, 0))
        trip_plan = None
        if placer is None or not chosen:
            break
        trip_plan = placer(programs.loc[chosen])
        answer = trip_plan.placements
        refused = {row: PassedOver(f"{NO_DAY}: {v}", NO_DAY) for row, v in answer.items()
                   if row in chosen and isinstance(v, str)}
        refused = refused or _over_budget(chosen, answer, profile.budget)
        if not refused:
            placements = {row: v for row, v in answer.items() if row in chosen and isinstance(v, Visit)}
            break
        no_date.update(refused)

    visit = pd.Series(index.isin(chosen), index=index)
    virtual = virtual_option(season, fit)
    recommendation = pd.Series(np.where(visit, VISIT, np.where(virtual.holds, VIRTUAL, SKIP)), index=index,
                               dtype=object)
    priority = pd.Series(dict(zip(chosen, range(1, len(chosen) + 1), strict=True)), dtype="Int64").reindex(index)

    dropped = {**no_date, **passed}
    extra_against = pd.Series({row: p.why for row, p in dropped.items()}, dtype=object).reindex(index)
    extra_against = extra_against.fillna("").astype(object)
    placed = pd.DataFrame([(row, p.plan, pd.Timestamp(p.day), round(float(p.cost))) for row, p in placements.items()],
                          columns=["row", "plan", "date", "cost"]).set_index("row").reindex(index)
    has_place = placed["plan"].notna()
    if has_place.any():  # Why names the day and cost of the placement made, as Date and Est. cost do
        words = "Feasible: " + feasible_words(season, cal, pd.to_datetime(placed["date"]), placed["cost"].astype(float))
        found = findings["Feasible"]
        findings["Feasible"] = Finding(found.holds, found.reason.where(~has_place, words))
    why = unique_clauses(join_text([
        text_where(recommendation == VIRTUAL, virtual.reason),
        *[text_where(findings[name].holds, findings[name].reason) for name in CRITERIA],
    ]))
    # The negative impression is said by its rule; Attainable, which it also fails, does not say it again.
    negative = findings["Negative impression"].holds
    said_once = findings["Attainable"].reason.str.replace("; " + NEGATIVE_WORDS, "", regex=False)
    said_once = said_once.where(said_once != "Not attainable: " + NEGATIVE_WORDS, "Not attainable for the same reason")
    against = {**{name: findings[name].reason for name in CRITERIA},
               "Attainable": said_once.where(negative, findings["Attainable"].reason)}
    why_not = unique_clauses(join_text([
        *[capitalised(findings[name].reason) for name in RULES],
        *[text_where(~findings[name].holds, against[name]) for name in CRITERIA],
        capitalised(extra_against),
        text_where(recommendation != VIRTUAL, late_virtual(season).reason),
    ]))
    short = _in_short(recommendation, met, findings, placed, {row: p.short for row, p in dropped.items()})
    est = cost.round(0).where(visit).where(recommendation != VIRTUAL, 0.0)
    est = placed["cost"].astype(float).where(placed["plan"].notna(), est)
    plan = placed["plan"].fillna("").astype(object)
    date = pd.to_datetime(placed["date"]).astype("datetime64[ns]")
    table = pd.DataFrame({
        "Program": programs["Program"].astype(object),
        "Recommendation": recommendation,
        "Reason": short,
        "Priority": priority,
        "Criteria met": met.astype(str) + f" of {len(CRITERIA)}",
        "Why": why,
        "Why not": why_not,
        "Plan": plan,
        "Date": date,
        "Est. cost": est,
        "Questions to resolve": questions_to_resolve(season, fit),
    }, index=index)
    return table, trip_plan
