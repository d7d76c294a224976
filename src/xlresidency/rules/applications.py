"""The application season: the chance each application brings an interview, and which programs to apply to.

**Interview chance.** For each program, the specialty's rate for non-US IMG applicants (Settings "Interview
rate (%), <specialty>") as odds, times the odds of the applicant's kind (Profile ``Applicant kind``: a US MD or
DO senior or a US-citizen IMG against a non-US IMG), multiplied by named factors, each a Setting: Step 2 CK
against the program's typical score, an IMG-friendly program or one that takes few IMGs (for an IMG only), visa
sponsorship not known, a recent or an older graduate, US clinical experience, a program in the applicant's state
(Current state or a support city's) or in a division of their ERAS geographic preference, and a signal.
``Drivers`` says in words each factor that moved the chance (the base rate as Settings holds it, the signal by
name). A program the applicant is not eligible to apply to (``scoring.eligibility``: cannot start there, past the
graduation-year limit, a stated minimum not met) gets no chance and is Skip; an application already sent is
"Already applied" whatever it turned out to be, with a warning where it cannot start the applicant and a note
where the program interviewed them despite a minimum. Where H-1B is
the only route and Step 3 is scheduled, the chance counts times ``Step 3 passed in time (%)``: the list's match
chance counts only programs that can start the applicant (``scoring.start_chance``).

**Outcomes that move together.** The chance shown per program is the average over an applicant-level factor
(``matching.outlook``); the list's match chance is a central figure with a range (the factor's 10th to 90th
percentile) and the chance of no interview.

**The list.** Programs already applied to are in the list and its fee. The rest are added in ``Order``: most
match chance per dollar first. With one specialty every next application costs the same, and the programs with
the highest chance first are **optimal**: for each length, no other choice of that many programs has a higher
match chance. With independent applications the marginal gain of a program is its chance times a factor the same
for every program; with outcomes that move together the chance at every value of the applicant-level factor
rises with the chance shown, so the same list is best at every value and so in the integral (tests check both
against brute force). With several specialties the fee schedules differ and the order
(chance per dollar of the next application) is a **heuristic**. The recommended list is the shortest prefix whose
central match chance reaches ``Match chance wanted`` within ``Application budget`` (an IMG's ERAS token and USMLE
transcript fees come out of it first); when none does, the longest the budget allows.

**Signals** go, within the allowance per specialty (signals already in the Signal column count), to the
programs where they raise the interview chance most: gold first, then silver. This greedy choice is a
**heuristic** (the best set of signals depends on the rest of the list); tests compare it with brute force.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..core import facts
from ..core.records import Problem, Profile, Season
from ..core.schema import (
    APPLIED,
    CONSIDERING,
    DIVISION_OF,
    GOLD,
    INTERVIEWED,
    MAX_GEOGRAPHIC_PREFERENCES,
    NO_PREFERENCE,
    OFFERED,
    REJECTED,
    SILVER,
    STATUSES,
    WITHDRAWN,
)
from ..core.settings import Settings, setting_fields, specialty_key
from ..core.text import join_text, text_where, whole
from . import matching, scoring

APPLY, APPLY_GOLD, APPLY_SILVER, ALREADY_APPLIED, SKIP = (
    "Apply", "Apply + gold signal", "Apply + silver signal", "Already applied", "Skip")
ADVICE_VALUES = (APPLY, APPLY_GOLD, APPLY_SILVER, ALREADY_APPLIED, SKIP)
SENT = (APPLIED, OFFERED, INTERVIEWED, REJECTED, WITHDRAWN)
"""Statuses of an application already sent (and paid for)."""
LOWEST, HIGHEST = 0.001, 0.98
"""An interview chance stays within these: no application is certain or hopeless on the model alone."""


def status(programs: pd.DataFrame) -> pd.Series:
    """Each program's Status, a blank one read as Interviewed when an Interview date is given, else Considering
    (``scoring.application_status``)."""
    return scoring.application_status(programs)


def specialty(season: Season) -> pd.Series:
    """Each program's specialty: its own, else the applicant's."""
    own = season.programs["Specialty"].fillna("").astype(str)
    return own.where(own != "", season.profile.specialty or "").astype(object)


def _odds(p: pd.Series | np.ndarray) -> np.ndarray:
    q = np.clip(np.asarray(p, dtype=float), 1e-9, 1 - 1e-9)
    return q / (1 - q)


def _chance(odds: np.ndarray) -> np.ndarray:
    return np.clip(odds / (1 + odds), LOWEST, HIGHEST)


@dataclass(frozen=True)
class Chances:
    """The interview-chance model for every program (index: Programs row).

    ``base`` is the specialty rate for the applicant's kind (0-1); ``odds`` the odds after every factor but a
    signal; ``start`` the chance (0-1) the applicant can start there (``scoring.start_chance``); ``eligible`` and
    ``not_eligible`` say who can be applied to and why not; ``drivers`` names the factors in words.
    """

    base: pd.Series
    odds: pd.Series
    eligible: pd.Series
    not_eligible: pd.Series
    drivers: pd.Series
    specialty: pd.Series
    status: pd.Series
    start: pd.Series
    note: pd.Series | None = None
    """A stated minimum not met that the program waived by interviewing the applicant ("" where none)."""

    def with_signal(self, signals: pd.Series, settings: Settings) -> pd.Series:
        """Interview chances (0-1) with a signal per program ("Gold", "Silver" or "")."""
        boost = signals.reindex(self.odds.index).map({GOLD: settings.signal_gold_odds,
                                                      SILVER: settings.signal_silver_odds}).fillna(1.0)
        return pd.Series(_chance(self.odds.to_numpy() * boost.astype(float).to_numpy()), index=self.odds.index)


def interview_chances(season: Season, fit: pd.DataFrame) -> Chances:
    """The interview-chance model for every program of a season (see the module docstring)."""
    programs, profile, settings = season.programs, season.profile, season.settings
    index = programs.index
    field = specialty(season)
    rates = {name: settings.for_specialty("interview_rates", name) for name in field.unique()}
    fallback = settings.for_specialty("interview_rates", "All") or 5.0
    rate = field.map(rates).astype(float)
    no_rate = rate.isna()
    kind = profile.kind
    kind_odds = settings.kind_odds(kind)
    base = pd.Series(_chance(_odds(rate.fillna(fallback) / 100) * kind_odds), index=index)
    factors: list[tuple[pd.Series, pd.Series]] = []  # (odds multiplier, words) per factor

    def factor(mask: pd.Series, multiplier: float | pd.Series, words: pd.Series | str) -> None:
        mask = mask if mask.dtype == bool else mask.fillna(False).astype(bool)
        if mask.index.equals(index) and (not isinstance(multiplier, pd.Series) or multiplier.index.equals(index)):
            value = multiplier.to_numpy(dtype=float) if isinstance(multiplier, pd.Series) else float(multiplier)
            chosen = pd.Series(np.where(mask.to_numpy(), value, 1.0), index=index)
        else:  # rows in another order: lined up by label, as pandas does
            series = multiplier if isinstance(multiplier, pd.Series) else pd.Series(multiplier, index=index)
            chosen = series.where(mask, 1.0).astype(float)
        factors.append((chosen, text_where(mask, words)))

    step2 = np.nan if profile.step2ck is None else float(profile.step2ck)
    typical, _ = scoring.typical_step2(programs, profile, settings)
    from_mean = programs["Typical Step 2 CK"].astype(float).isna() & typical.notna()
    steps = (step2 - typical) / 10
    step2_odds = pd.Series(settings.step2_odds_per_10, index=index) ** steps
    typical_words = ("the typical " + whole(typical)).where(~from_mean, typical_fallback_words(field, typical,
                                                                                             settings))
    above = "Step 2 CK " + f"{step2:g}" + " is " + whole((step2 - typical).abs())
    factor(steps > 0, step2_odds, above + " above " + typical_words + f" (x{settings.step2_odds_per_10:g} per 10 "
           "points)")
    factor(steps < 0, step2_odds, above + " below " + typical_words + f" (/{settings.step2_odds_per_10:g} per 10 "
           "points)")
    factor(pd.Series(steps == 0, index=index) & from_mean, 1.0, "Step 2 CK at " + typical_words)
    share = programs["IMG share (%)"].astype(float)
    if profile.img:  # a program's IMG share says nothing of a US graduate's chance
        factor(share >= settings.img_high_share, settings.img_high_odds,
               "IMG-friendly: " + whole(share) + "% IMG residents")
        factor(share <= settings.img_low_share, settings.img_low_odds, "takes few IMGs: " + whole(share) + "%")
    factor(fit["Visa"] == scoring.UNKNOWN, settings.visa_unknown_odds, "sponsorship of your visa not known")
    years = pd.Series(scoring.years_since_graduation(profile.graduation_year,
                                                     scoring.season_reference_date(settings)), index=index, dtype=float)
    limit = programs["Max years since graduation"].astype(float)
    factor(years <= settings.recent_graduate_years, settings.recent_graduate_odds,
           "recent graduate (" + whole(years) + " years)")
    factor((years > settings.older_graduate_years) & limit.isna(), settings.older_graduate_odds,
           "graduated " + whole(years) + " years ago")
    months = np.nan if profile.usce_months is None else float(profile.usce_months)
    need = programs["Min US clinical experience (months)"].astype(float)
    meets = (months >= need.fillna(3)) & (months > 0)
    factor(pd.Series(months == 0, index=index), settings.usce_none_odds, "no US clinical experience")
    factor(meets, settings.usce_meets_odds, f"{months:g} months of US clinical experience")
    home = in_state(programs, profile)
    factor(home, settings.in_state_odds, "in your state " + programs["State"].astype(str)
           + f" (x{settings.in_state_odds:g})")
    preferred = in_geographic_preference(programs, profile)
    factor(preferred, settings.geographic_preference_odds, "in your ERAS geographic preference ("
           + programs["State"].map(DIVISION_OF).fillna("").astype(str) + f", x{settings.geographic_preference_odds:g})")

    odds = pd.Series(_odds(base), index=index)
    for multiplier, _ in factors:
        odds = odds * multiplier
    decision = scoring.eligibility_of(fit, index)
    start = decision.start
    kind_words = kind_phrase(kind)
    base_words = ("base " + percent_as_set(base * 100) + f"% for {kind_words} in " + field.astype(str)).where(
        ~no_rate, "base " + percent_as_set(base * 100) + f"% for {kind_words} (no figure for " + field.astype(str)
        + "; all specialties)")
    weighted = (start > 0) & (start < 1)
    counted = text_where(weighted, f"counts x{scoring.step3_in_time(profile, settings):.0%} toward your match: H-1B "
                         "is your only route here and Step 3 is not passed yet (Step 3 passed in time, Settings)")
    drivers = join_text([base_words, *[words for _, words in factors], counted])
    return Chances(base, odds, decision.eligible, decision.reason, drivers, field, status(programs), start,
                   decision.note)


def kind_phrase(kind: str) -> str:
    """'non-US IMGs', 'US MD seniors', ...: the applicants a base rate is about."""
    return kind + "s"


def typical_fallback_words(field: pd.Series, typical: pd.Series, settings: Settings) -> pd.Series:
    """Where a program's typical Step 2 CK is blank: which figure stands in for it, and from what year."""
    words = {}
    for name in field.unique():
        known = facts.specialty_fact(facts.STEP2_MEAN_PREFIX, str(name))
        value = settings.step2_mean(str(name))
        if known is not None and value == known.number:
            words[name] = (f"the {known.year} mean of matched non-US IMGs in {name} (typical Step 2 CK blank; "
                           f"{known.source})")
        else:
            words[name] = f"your Settings mean for {name} (typical Step 2 CK blank)"
    return field.map(words).astype(object)


def in_state(programs: pd.DataFrame, profile: Profile) -> pd.Series:
    """Programs in the applicant's Current state or in the state of a support city."""
    states = {profile.current_state} if profile.current_state and not profile.abroad else set()
    states |= {state for _, state in profile.support_cities if state}
    return programs["State"].astype(str).isin(states)


def geographic_preference(profile: Profile) -> tuple[str, ...]:
    """The US Census divisions of the applicant's ERAS geographic preference (at most three; none for No
    preference)."""
    return tuple(d for d in profile.geographic_preference if d != NO_PREFERENCE)[:MAX_GEOGRAPHIC_PREFERENCES]


def in_geographic_preference(programs: pd.DataFrame, profile: Profile) -> pd.Series:
    """Programs whose State lies in a division of the applicant's ERAS geographic preference."""
    return programs["State"].map(DIVISION_OF).isin(geographic_preference(profile))


# --------------------------------------------------------------------------------------------------
# Fees of a list.


def next_fees(specialties: pd.Series, already: dict[str, int], settings: Settings) -> np.ndarray:
    """The ERAS fee of each application in turn (per specialty: the lower fee up to the threshold, then the
    higher), after ``already`` applications per folded specialty."""
    keys = specialties.map(specialty_key)
    counts = keys.groupby(keys).cumcount().to_numpy() + 1 + keys.map(already).fillna(0).to_numpy(dtype=int)
    return np.where(counts <= settings.eras_fee_first_programs, settings.eras_fee_first_30,
                    settings.eras_fee_from_31).astype(float)


def application_order(chances: pd.Series, specialties: pd.Series, already: dict[str, int],
                      settings: Settings) -> pd.Index:
    """Candidates in the order they add most match chance per dollar (see the module docstring): within a
    specialty by chance, across specialties by chance over the fee of that specialty's next application."""
    by_specialty: dict[str, list[tuple[float, object]]] = {}
    ranked = chances.sort_values(ascending=False, kind="stable")
    for row, chance in ranked.items():
        by_specialty.setdefault(specialty_key(specialties.at[row]), []).append((float(chance), row))
    counts = dict(already)

    def fee(key: str) -> float:
        return settings.eras_fee_first_30 if counts.get(key, 0) < settings.eras_fee_first_programs \
            else settings.eras_fee_from_31

    heap = [(-lst[0][0] / max(fee(key), 1e-9), key, 0) for key, lst in by_specialty.items() if lst]
    heapq.heapify(heap)
    order: list[object] = []
    while heap:
        _, key, position = heapq.heappop(heap)
        order.append(by_specialty[key][position][1])
        counts[key] = counts.get(key, 0) + 1
        if position + 1 < len(by_specialty[key]):
            chance = by_specialty[key][position + 1][0]
            heapq.heappush(heap, (-chance / max(fee(key), 1e-9), key, position + 1))
    return pd.Index(order)


def assign_signals(chances: Chances, candidates: pd.Index, given: pd.Series, settings: Settings) -> pd.Series:
    """The signal advised for each candidate (Gold / Silver / ""): where it raises the interview chance most,
    gold first, within each specialty's allowance less the signals already in the Signal column."""
    advised = pd.Series("", index=candidates, dtype=object)
    spent = given[given != ""].groupby(chances.specialty.reindex(given.index).map(specialty_key)).value_counts()
    none = pd.Series("", index=candidates, dtype=object)
    plain = chances.with_signal(none, settings)
    for tier, field in ((GOLD, "gold_signals"), (SILVER, "silver_signals")):
        lifted = chances.with_signal(pd.Series(tier, index=candidates, dtype=object), settings) - plain
        open_rows = advised[advised == ""].index
        for name, rows in pd.Series(open_rows, index=open_rows).groupby(
                chances.specialty.reindex(open_rows).map(specialty_key)).groups.items():
            allowance = settings.for_specialty(field, name) or 0
            left = int(allowance) - int(spent.get((name, tier), 0))
            if left <= 0:
                continue
            best = lifted.reindex(rows).sort_values(ascending=False, kind="stable").index[:left]
            advised.loc[best] = tier
    return advised


def allowance_words(settings: Settings, name: str) -> str:
    """'3 gold and 12 silver' signals for a specialty."""
    gold = int(settings.for_specialty("gold_signals", name) or 0)
    silver = int(settings.for_specialty("silver_signals", name) or 0)
    return f"{gold} gold and {silver} silver" if silver else f"{gold}"



# --------------------------------------------------------------------------------------------------
# The advice.

APPLICATION_COLUMNS: tuple[str, ...] = (
    "Program", "Status", "Fit", "Tier", "Interview chance", "Drivers", "Advice", "Why", "Order", "Cumulative fee",
)


@dataclass(frozen=True)
class ApplicationList:
    """The advice for every program (``table``, index: Programs row, columns ``APPLICATION_COLUMNS``) and the list.

    ``curve``: the central estimated match chance (0-1) with the applications already sent plus the first n in
    Order, n = 0..; ``curve_low`` / ``curve_high``: the same at the applicant-level factor's 10th and 90th
    percentiles; ``curve_none``: the chance of no interview. ``recommended``: how many of the Order to add;
    ``reached``: whether the list reaches the chance wanted; ``diminishing``: the list length (sent + added)
    beyond which one more application adds under one percentage point (None when it never drops so low).
    ``fee`` is the ERAS fee of the list; ``img_fees`` the IMG's fees through ECFMG (token and transcript), which
    come out of ``budget`` first. ``weighted``: programs counted with a start chance under 1 (H-1B only, Step 3
    scheduled); ``cannot_start``: programs left out of every figure because the applicant cannot start there.
    """

    table: pd.DataFrame
    curve: pd.Series
    sent: int
    recommended: int
    fee: float
    budget: float | None
    wanted: float
    reached: bool
    expected_interviews: float
    match_chance: float
    diminishing: int | None
    specialty: str
    why_short: str
    problems: tuple[Problem, ...] = ()
    curve_low: pd.Series | None = None
    curve_high: pd.Series | None = None
    curve_none: pd.Series | None = None
    low: float = 0.0
    high: float = 0.0
    no_interview: float = 0.0
    img_fees: float = 0.0
    kind: str = ""
    spread: float = 0.0
    weighted: int = 0
    cannot_start: int = 0
    sent_order: tuple[object, ...] = ()
    """The applications already sent, in list order (``list_of_sent``): first on the sheet, fees adding up."""

    @property
    def total_fee(self) -> float:
        """What the list costs in all: its ERAS fee and the IMG fees."""
        return self.fee + self.img_fees


def img_fees(profile: Profile, settings: Settings) -> float:
    """The fees an IMG pays ECFMG each season to apply (ERAS token, USMLE transcript); 0 for a US senior."""
    return settings.eras_token_fee + settings.usmle_transcript_fee if profile.img else 0.0


def advise(season: Season, fit: pd.DataFrame) -> ApplicationList:
    """Per program the interview chance and the advice, and the recommended list (see the module docstring)."""
    programs, profile, settings = season.programs, season.profile, season.settings
    chances = interview_chances(season, fit)
    index = programs.index
    current = chances.status
    given = programs["Signal"].fillna("").astype(str) if "Signal" in programs else pd.Series("", index=index)
    sent = current.isin(SENT)
    sent_rows = list_of_sent(current)
    candidates = index[((current == CONSIDERING) & chances.eligible).to_numpy()]
    advised = assign_signals(chances, candidates[(given.reindex(candidates) == "").to_numpy()], given, settings)
    signal = given.copy()
    signal.loc[advised.index] = advised.where(advised != "", signal.reindex(advised.index))
    chance = chances.with_signal(signal, settings)
    chance = chance.where(~current.isin([OFFERED, INTERVIEWED]), 1.0).where(~current.isin([REJECTED, WITHDRAWN]), 0.0)
    chance = chance.where(chances.eligible, 0.0) * chances.start  # only a program that can start you counts

    field = profile.specialty or (chances.specialty.mode().iloc[0] if len(index) else "")
    counted = chances.specialty.reindex(sent_rows).map(specialty_key).value_counts()
    already = {str(k): int(v) for k, v in counted.items()}
    order = application_order(chance.reindex(candidates), chances.specialty, already, settings)
    seen = matching.outlook(chance.reindex(order).to_numpy(), settings, field,
                            start=chance.reindex(sent_rows).to_numpy())
    curve_values = seen.central
    fees = next_fees(chances.specialty.reindex(order), already, settings)
    sent_fees = np.cumsum(next_fees(chances.specialty.reindex(sent_rows), {}, settings))
    sent_fee = float(sent_fees[-1]) if len(sent_fees) else 0.0
    cumulative = sent_fee + np.cumsum(fees)
    budget = profile.application_budget
    extra = img_fees(profile, settings)
    wanted = float(profile.match_chance_wanted) / 100
    affordable = len(order) if budget is None else int(np.searchsorted(cumulative, budget - extra + 1e-9,
                                                                       side="right"))
    reaching = np.flatnonzero(curve_values >= wanted - 1e-12)
    reached = bool(len(reaching)) and int(reaching[0]) <= affordable
    recommended = int(reaching[0]) if reached else affordable
    gains = np.diff(curve_values)
    small = np.flatnonzero(gains < 0.01)
    diminishing = len(sent_rows) + int(small[0]) if len(small) else None

    order_of = pd.Series(range(1, len(order) + 1), index=order, dtype="Int64")
    fee_of = pd.Series(cumulative, index=order)
    gain_of = pd.Series(gains, index=order)
    in_list = order_of.reindex(index) <= recommended
    advice = pd.Series(SKIP, index=index, dtype=object)
    advice[sent] = ALREADY_APPLIED  # sent and paid for: never Skip, whatever the program turns out to be
    chosen = in_list.fillna(False).astype(bool)
    advice[chosen] = np.where(signal[chosen] == GOLD, APPLY_GOLD, np.where(signal[chosen] == SILVER, APPLY_SILVER,
                                                                          APPLY))
    why = _why(season, chances, current, chosen, gain_of, pd.Series(fees, index=order), wanted, reached)
    sent_cumulative = pd.Series(sent_fees, index=sent_rows, dtype=float)
    table = pd.DataFrame({
        "Program": programs["Program"].astype(object),
        "Status": current,
        "Fit": fit["Fit"].round(0),
        "Tier": fit["Tier"],
        "Interview chance": (chance * 100).round(0).where(chances.eligible),
        "Drivers": signal_drivers(chances.drivers, signal, settings).where(chances.eligible, ""),
        "Advice": advice,
        "Why": why,
        "Order": order_of.reindex(index),
        "Cumulative fee": pd.concat([sent_cumulative, fee_of]).reindex(index).astype(float),
    }, index=index)
    fee = float(sent_fee + fees[:recommended].sum())
    why_short = "" if reached else _short_reason(curve_values, affordable, wanted, budget, len(order), extra)
    lengths = pd.RangeIndex(len(sent_rows), len(sent_rows) + len(order) + 1)
    return ApplicationList(
        table=table,
        curve=pd.Series(curve_values, index=lengths),
        sent=len(sent_rows), recommended=recommended, fee=fee, budget=budget, wanted=wanted, reached=reached,
        expected_interviews=float(seen.expected[recommended]), match_chance=float(curve_values[recommended]),
        diminishing=diminishing, specialty=str(field), why_short=why_short,
        problems=tuple(signal_problems(given, chances.specialty, settings)),
        curve_low=pd.Series(seen.low, index=lengths), curve_high=pd.Series(seen.high, index=lengths),
        curve_none=pd.Series(seen.no_interview, index=lengths),
        low=float(seen.low[recommended]), high=float(seen.high[recommended]),
        no_interview=float(seen.no_interview[recommended]), img_fees=extra, kind=profile.kind,
        spread=float(settings.outcome_spread),
        weighted=int(((chances.start > 0) & (chances.start < 1) & chances.eligible).sum()),
        cannot_start=int((chances.start == 0).sum()),
        sent_order=tuple(sent_rows),
    )


def list_of_sent(current: pd.Series) -> pd.Index:
    """The applications already sent, in the order the list shows them (by Status as the Programs sheet lists
    statuses, then Programs row): their fees add up in this order."""
    rank = current.map({s: i for i, s in enumerate(STATUSES)}).fillna(len(STATUSES))
    sent = current.isin(SENT)
    keys = pd.DataFrame({"status": rank[sent], "row": range(int(sent.sum()))}, index=current.index[sent.to_numpy()])
    return keys.sort_values(["status", "row"], kind="stable").index


def signal_drivers(drivers: pd.Series, signal: pd.Series, settings: Settings) -> pd.Series:
    """Drivers with the signal that moves each chance named, with its odds (Settings)."""
    words = signal.reindex(drivers.index).map({
        GOLD: f"gold signal (x{settings.signal_gold_odds:g}, Odds: gold signal, Settings)",
        SILVER: f"silver signal (x{settings.signal_silver_odds:g}, Odds: silver signal, Settings)",
    }).fillna("").astype(object)
    return join_text([drivers, words])


def percent_as_set(values: pd.Series) -> pd.Series:
    """Percents as a Setting holds them: to a tenth, without a trailing zero (3.5, 4, 12.3)."""
    return values.astype(float).round(1).map(lambda v: "" if v != v else f"{v:g}").astype(object)


def signal_problems(given: pd.Series, specialties: pd.Series, settings: Settings) -> list[Problem]:
    """Signals in the Signal column beyond what a specialty allows, named for Checks."""
    problems: list[Problem] = []
    for tier, field in ((GOLD, "gold_signals"), (SILVER, "silver_signals")):
        sent = given[given == tier]
        for name, rows in sent.groupby(specialties.reindex(sent.index).astype(str)).groups.items():
            allowance = int(settings.for_specialty(field, name) or 0)
            if len(rows) > allowance:
                where = ", ".join(str(r) for r in list(rows)[:5]) + (" and more" if len(rows) > 5 else "")
                problems.append(Problem(
                    "Programs", int(min(rows)), "Signal",
                    f"{len(rows)} {tier.lower()} signals for {name or 'your specialty'} (rows {where}); "
                    f"the allowance is {allowance}", f"Keep at most {allowance} {tier.lower()} signal(s), or correct "
                    f"'{settings_label(field)}{name}' on Settings if this season allows more."))
    return problems


def settings_label(field: str) -> str:
    """The Settings label prefix of a per-specialty figure."""
    return str(next(f.metadata["label"] for f in setting_fields() if f.name == field))


def _short_reason(curve: np.ndarray, affordable: int, wanted: float, budget: float | None, candidates: int,
                  img: float = 0.0) -> str:
    """Why the list cannot reach the chance wanted: too few eligible programs, the budget, or both."""
    best = float(curve[-1])
    after = f" (after ${img:,.0f} of IMG fees)" if img else ""
    within = (f"your ${budget or 0:,.0f} budget{after} covers {affordable} more application(s), which reach "
              f"{below(float(curve[affordable]), wanted)}")
    if best < wanted:
        reason = (f"even all {candidates} eligible programs reach only {below(best, wanted)}, under the "
                  f"{percent_text(wanted)} you want: add programs that sponsor your visa and take IMGs, or lower "
                  "Match chance wanted")
        return f"{reason}; {within}" if affordable < candidates else reason
    return f"{within}; {percent_text(wanted)} needs more: raise Application budget or lower Match chance wanted"


def percent_text(value: float) -> str:
    """A chance (0-1) as a percent to the precision it was given (80%, 87.5%)."""
    return f"{round(value * 100, 2):g}%"


def below(value: float, wanted: float) -> str:
    """A chance under ``wanted`` as a percent with as many decimals as it takes to read under it once both are
    rounded (79.7%, never "80%" beside a wanted 80%)."""
    for decimals in range(4):
        shown = round(value * 100, decimals)
        if shown < round(wanted * 100, 2):
            return f"{shown:.{decimals}f}%"
    return f"{value * 100:.4f}%"


def _why(season: Season, chances: Chances, current: pd.Series, chosen: pd.Series, gain: pd.Series,
         fee: pd.Series, wanted: float, reached: bool) -> pd.Series:
    """Why each program gets its advice, in plain words."""
    index = season.programs.index
    gained = (gain.reindex(index) * 100).round(1).map("{:.1f}".format).astype(object)
    cost = fee.reindex(index).map("{:,.0f}".format).astype(object)
    adds = "adds " + gained + " points of match chance for $" + cost
    considering = current == CONSIDERING
    left_out = considering & chances.eligible & ~chosen
    status_words = current.map({
        APPLIED: "applied: part of your list and its fee",
        OFFERED: "interview offered",
        INTERVIEWED: "interviewed",
        REJECTED: "rejected: no interview from this application",
        WITHDRAWN: "withdrawn",
    }).fillna("")
    beyond = ("not needed: the list reaches your " + f"{wanted:.0%}" + " without it; it would add "
              + gained + " points for $" + cost) if reached else (
        "beyond your budget: it would add " + gained + " points for $" + cost)
    sent = current.isin(SENT)
    no_start = chances.start.reindex(index) == 0
    note = chances.note if chances.note is not None else pd.Series("", index=index, dtype=object)
    return join_text([
        text_where(~chances.eligible & ~(sent & no_start), "Not eligible: " + chances.not_eligible),
        text_where(sent & no_start, "Warning: you cannot start here if matched (" + chances.not_eligible
                   + "): a match is binding, so leave it off your rank list unless that changes"),
        status_words,
        text_where(note != "", "Note: " + note),
        text_where(chosen, adds),
        text_where(left_out, beyond),
    ])
