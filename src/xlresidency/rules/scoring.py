"""Fit: how well the applicant fits each program, as named 0-100 components and their weighted mean.

Every component is a column operation over the Programs table (no loop per program). A component whose
input is missing is NaN: it is left out of the weighted mean and the ``Notes`` column says so, so a blank
cell never counts as a zero. ``Flags`` names what can stop the application (a stated minimum not met, the
graduation-year limit, what the visa needs).

Dates come from the season, not the clock: the reference day is the rank-list deadline in Settings, so the
same workbook always gives the same Fit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..core.records import Profile, Season
from ..core.schema import CONSIDERING, INTERVIEWED, OFFERED
from ..core.settings import Settings
from ..core.text import join_text, text_where, texts, whole
from ..ground import places
from ..ground.days import day_text

COMPONENT_COLUMNS: dict[str, str] = {name: ("Visa fit" if name == "Visa" else name) for name in Settings().fit_weights}
"""Key of ``Settings.fit_weights`` -> its column on the Fit sheet. The visa component is ``Visa fit``, since
``Visa`` is the column saying Sponsored / Not sponsored / Unknown."""
COMPONENTS: tuple[str, ...] = tuple(COMPONENT_COLUMNS.values())
"""The component columns of the Fit sheet, in weight order."""

SPONSORED, NOT_SPONSORED, UNKNOWN, NOT_NEEDED = "Sponsored", "Not sponsored", "Unknown", "Not needed"
LIKELY, TARGET, REACH, NOT_ELIGIBLE = "Likely", "Target", "Reach", "Not eligible"
TIERS: tuple[str, ...] = (LIKELY, TARGET, REACH, NOT_ELIGIBLE)
"""Every tier, best first. ``Not eligible``: the applicant is not *eligible to apply* there (``eligibility``):
it cannot start them, or a graduation-year limit or stated minimum is not met, whatever its Fit."""

FIT_COLUMNS: tuple[str, ...] = ("Program", "Fit", "Tier", *COMPONENTS, "Visa", "Flags", "Notes")
DECISION_COLUMNS: tuple[str, ...] = ("Start chance", "Can start", "Eligible", "Not eligible because", "Waived",
                                     "Cannot start because")
"""The eligibility decision (``Eligibility``), which the Fit table carries beside ``FIT_COLUMNS`` so that every rule
reading Fit reads the one decision; the Fit sheet does not show them."""

IMPRESSION_POINTS = {"Positive": 100.0, "Neutral": 60.0, "Negative": 10.0}
VISA_POINTS = {SPONSORED: 100.0, NOT_NEEDED: 100.0, UNKNOWN: 50.0, NOT_SPONSORED: 0.0}

STEP3_RESULT_DAYS = 28
"""Days from sitting Step 3 to its result, used to tell whether a scheduled exam passes in time."""


# --------------------------------------------------------------------------------------------------
# Season facts.


def season_reference_date(settings: Settings) -> dt.date:
    """The day Fit is measured on: the rank-list deadline of the season."""
    return settings.rank_list_deadline


def start_year(settings: Settings) -> int:
    """The year residency starts (July 1), the year of the rank-list deadline."""
    return settings.rank_list_deadline.year


def years_since_graduation(graduation_year: object, today: dt.date | None = None) -> object:
    """Whole years from the graduation year to ``today`` (a number, array or Series; NaN stays NaN).

    ``today`` defaults to the current date; pass the season's reference date for repeatable results.
    """
    year = (today or dt.date.today()).year
    if isinstance(graduation_year, pd.Series):
        return year - pd.to_numeric(graduation_year, errors="coerce").astype(float)
    if graduation_year is None:
        return float("nan")
    return year - np.asarray(graduation_year, dtype=float)


def visa_status(visa_needed: pd.Series | str, sponsors_j1: pd.Series, sponsors_h1b: pd.Series) -> pd.Series:
    """Sponsored / Not sponsored / Unknown per program for the visa the applicant needs ("Not needed" for None).

    "J-1 or H-1B" is met by either visa; a blank sponsorship cell counts as Unknown.
    """
    index = sponsors_j1.index
    if isinstance(visa_needed, str) and index.equals(sponsors_h1b.index):  # one applicant: a value per program
        answers = zip(_yes_no(sponsors_j1).tolist(), _yes_no(sponsors_h1b).tolist(), strict=True)
        if visa_needed == "J-1 or H-1B":
            values = [SPONSORED if "Yes" in pair else NOT_SPONSORED if pair == ("No", "No") else UNKNOWN
                      for pair in answers]
        else:
            route = {"J-1": 0, "H-1B": 1}.get(visa_needed)
            values = [NOT_NEEDED if route is None else _BY_ONE[pair[route]] for pair in answers]
        return pd.Series(values, index=index, dtype=object)
    needed = (visa_needed if isinstance(visa_needed, pd.Series)
              else pd.Series(visa_needed, index=index, dtype=object)).fillna("").astype(object)
    j1 = _yes_no(sponsors_j1)
    h1b = _yes_no(sponsors_h1b)
    either = pd.Series(np.select([(j1 == "Yes") | (h1b == "Yes"), (j1 == "No") & (h1b == "No")],
                                 [SPONSORED, NOT_SPONSORED], UNKNOWN), index=index, dtype=object)
    by_one = {"Yes": SPONSORED, "No": NOT_SPONSORED, "Unknown": UNKNOWN}
    status = pd.Series(NOT_NEEDED, index=index, dtype=object)
    status = status.mask(needed == "J-1", j1.map(by_one))
    status = status.mask(needed == "H-1B", h1b.map(by_one))
    status = status.mask(needed == "J-1 or H-1B", either)
    return status.astype(object)


def _yes_no(values: pd.Series) -> pd.Series:
    """Yes / No / Unknown, with anything else (blank) as Unknown."""
    folded = (str(value).strip().lower() for value in texts(values))
    return pd.Series([_YES_NO.get(f, "Unknown") for f in folded], index=values.index, dtype=object)


_YES_NO = {"yes": "Yes", "no": "No"}
_BY_ONE = {"Yes": SPONSORED, "No": NOT_SPONSORED, "Unknown": UNKNOWN}


def img_tier(share: pd.Series) -> pd.Series:
    """High (at least 50%), Medium (11-49%), Low (10% or less) IMG share; "" when unknown."""
    tiers = np.select([share >= 50, share > 10, share >= 0], ["High", "Medium", "Low"], "")
    return pd.Series(tiers, index=share.index, dtype=object)


# --------------------------------------------------------------------------------------------------
# Components: each returns points 0-100 (NaN when an input is missing) and what to say about it.


def typical_step2(programs: pd.DataFrame, profile: Profile, settings: Settings) -> tuple[pd.Series, pd.Series]:
    """The typical Step 2 CK to compare with, and a note where it is the specialty mean instead of the program's."""
    typical = programs["Typical Step 2 CK"].astype(float)
    specialty = programs["Specialty"].fillna("").astype(object).where(programs["Specialty"] != "", profile.specialty)
    means = {name: settings.step2_mean(name) for name in specialty.unique()}
    mean = specialty.map(means).astype(float)
    fallback = typical.isna() & mean.notna()
    note = text_where(fallback, "typical Step 2 CK blank: compared with matched IMGs' mean for "
                      + specialty.astype(str) + " (" + whole(mean) + ", Settings)")
    return typical.where(~fallback, mean), note


def score_points(step2: float | None, minimum: pd.Series, typical: pd.Series) -> pd.Series:
    """Step 2 CK against the program's minimum and typical score.

    At the typical score 80 points, +2 per point above (100 at typical + 10); between minimum and typical
    40 to 80; below the stated minimum at most 30 and falling fast. Without a minimum, 2 points lost per point
    below typical; without a typical score, 70 at the minimum, +1.5 per point above.
    """
    score = pd.Series(np.nan if step2 is None else float(step2), index=minimum.index)
    low = minimum.astype(float)
    mid = typical.astype(float)
    mid = mid.where(~(mid < low), low)  # a typical score below the minimum is read as the minimum
    above = (80 + 2 * (score - mid)).clip(upper=100)
    between = 40 + 40 * (score - low) / (mid - low).where(mid > low)
    below = (30 - 3 * (low - score)).clip(lower=0)
    no_typical = (70 + 1.5 * (score - low)).clip(upper=100)
    no_minimum = (80 - 2 * (mid - score)).clip(lower=0)
    points = np.select(
        [score.isna(),
         mid.notna() & (score >= mid),
         low.notna() & (score < low),
         mid.notna() & low.notna(),
         mid.notna(),
         low.notna()],
        [np.nan, above, below, between, no_minimum, no_typical],
        np.nan,
    )
    return pd.Series(points, index=minimum.index, dtype=float).clip(0, 100)


def graduation_points(years: pd.Series, limit: pd.Series) -> pd.Series:
    """Years since graduation against the program's limit: 100 two or more years inside it, 80 at the limit,
    30 one year over, then 10 less per year."""
    within = 100 - 10 * (years - (limit - 2)).clip(0, 2)
    over = (40 - 10 * (years - limit)).clip(0, 30)
    return pd.Series(np.where(years <= limit, within, over), index=years.index).where(years.notna() & limit.notna())


def clinical_points(months: float | None, minimum: pd.Series) -> pd.Series:
    """US clinical months against the program's minimum: 75 at the minimum rising to 100 six months above it;
    below the minimum, a share of 50."""
    have = pd.Series(np.nan if months is None else float(months), index=minimum.index)
    need = minimum.astype(float)
    meets = 75 + 25 * ((have - need) / 6).clip(0, 1)
    short = 50 * have / need.where(need > 0)
    return pd.Series(np.where(have >= need, meets, short), index=minimum.index).where(have.notna() & need.notna())


def img_points(share: pd.Series) -> pd.Series:
    """IMG share as points, smooth within the public tiers: 10% -> 40, 50% -> 80, 75% or more -> 100."""
    points = np.interp(share.fillna(0).to_numpy(dtype=float), [0, 10, 50, 75], [0, 40, 80, 100])
    return pd.Series(points, index=share.index).where(share.notna())


def support_distance(season: Season) -> tuple[pd.Series, pd.Series]:
    """Miles from each program to the nearest support city, and that city ('Boston, MA'); NaN and "" when
    there are no support cities or a place is unknown."""
    programs = season.programs
    index = programs.index
    cities = season.places.supports
    if not cities or programs.empty:
        return pd.Series(np.nan, index=index), pd.Series("", index=index, dtype=object)
    where = season.places.coordinates(index)
    lat = np.array([p.lat for _, _, p in cities])
    lon = np.array([p.lon for _, _, p in cities])
    miles = places.great_circle_miles(where["lat"].to_numpy()[:, None], where["lon"].to_numpy()[:, None],
                                     lat[None, :], lon[None, :])
    known = ~np.isnan(miles).all(axis=1)
    nearest = np.where(known, np.nanargmin(np.where(np.isnan(miles), np.inf, miles), axis=1), 0)
    names = np.array([f"{c}, {s}" for c, s, _ in cities], dtype=object)
    distance = pd.Series(np.where(known, miles[np.arange(len(index)), nearest], np.nan), index=index)
    return distance, pd.Series(np.where(known, names[nearest], ""), index=index, dtype=object)


def location_points(programs: pd.DataFrame, profile: Profile, settings: Settings,
                    support_miles: pd.Series) -> pd.Series:
    """Preferred region (100 in, 0 out) or closeness to a support city (100 within the nearby radius, falling
    to 0 at three times it), whichever is higher; NaN when the profile states neither."""
    index = programs.index
    parts = []
    if profile.preferred_regions:
        regions = {state: places.region_of(state) for state in programs["State"].unique()}
        in_region = programs["State"].map(regions).isin(profile.preferred_regions)
        parts.append(pd.Series(np.where(in_region, 100.0, 0.0), index=index))
    if profile.support_cities:
        radius = max(settings.nearby_radius_miles, 1e-9)
        parts.append((100 * (3 * radius - support_miles) / (2 * radius)).clip(0, 100))
    if not parts:
        return pd.Series(np.nan, index=index)
    return pd.concat(parts, axis=1).max(axis=1, skipna=True)


# --------------------------------------------------------------------------------------------------
# What stands in the way.


def requirement_gaps(programs: pd.DataFrame, profile: Profile, today: dt.date) -> pd.DataFrame:
    """Per program, each stated requirement the applicant misses, in words ("" where met or not stated):
    columns ``Step 2 CK``, ``Graduation year``, ``Clinical experience``."""
    step2 = np.nan if profile.step2ck is None else float(profile.step2ck)
    minimum = programs["Min Step 2 CK"].astype(float)
    score_gap = text_where(minimum > step2, f"Step 2 CK {step2:g} is below the stated minimum " + whole(minimum))
    years = pd.Series(years_since_graduation(profile.graduation_year, today), index=programs.index, dtype=float)
    limit = programs["Max years since graduation"].astype(float)
    grad_gap = text_where(years > limit, "graduated " + whole(years) + " years ago; limit " + whole(limit))
    months = np.nan if profile.usce_months is None else float(profile.usce_months)
    need = programs["Min US clinical experience (months)"].astype(float)
    usce_gap = text_where(need > months, f"{months:g} months of US clinical experience; the program asks for "
                          + whole(need))
    return pd.DataFrame({"Step 2 CK": score_gap, "Graduation year": grad_gap, "Clinical experience": usce_gap},
                        index=programs.index)


def visa_routes(visa_needed: str, sponsors_j1: pd.Series, sponsors_h1b: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Whether the applicant would come on J-1, and on H-1B, at each program (both can hold when unclear)."""
    j1, h1b = _yes_no(sponsors_j1), _yes_no(sponsors_h1b)
    if visa_needed == "J-1":
        return j1 != "No", pd.Series(False, index=j1.index)
    if visa_needed == "H-1B":
        return pd.Series(False, index=j1.index), h1b != "No"
    if visa_needed == "J-1 or H-1B":
        return j1 != "No", (h1b != "No") & (j1 != "Yes")
    return pd.Series(False, index=j1.index), pd.Series(False, index=j1.index)


def step3_flag(profile: Profile, settings: Settings) -> str:
    """What H-1B needs of Step 3 for this applicant, with the date it must be passed by ("" when passed).

    The pass must be in by the rank-list deadline: programs want it before they rank an H-1B applicant, and
    the petition for the July 1 start cannot be filed without it. Results take about four weeks.
    """
    deadline = settings.rank_list_deadline
    when = f"by {day_text(deadline)} (rank list deadline) so the program can file H-1B for the July 1, " \
           f"{start_year(settings)} start"
    if profile.step3 == "Passed":
        return ""
    if profile.step3 == "Scheduled" and profile.step3_date:
        result = profile.step3_date + dt.timedelta(days=STEP3_RESULT_DAYS)
        if result > deadline:
            return (f"H-1B needs Step 3 passed {when}; your exam on {day_text(profile.step3_date)} reports about "
                    f"{day_text(result)}, too late: move it earlier")
        return f"H-1B needs Step 3 passed: your exam is on {day_text(profile.step3_date)}; the pass must be in {when}"
    if profile.step3 == "Scheduled":
        return f"H-1B needs Step 3 passed {when}: add your exam date to the profile"
    return f"H-1B needs Step 3 passed (not taken yet) {when}"


def step3_result_day(profile: Profile) -> dt.date | None:
    """About when a scheduled Step 3 reports (None when not scheduled with a date)."""
    if profile.step3 == "Scheduled" and profile.step3_date:
        return profile.step3_date + dt.timedelta(days=STEP3_RESULT_DAYS)
    return None


def h1b_ready(profile: Profile, settings: Settings) -> bool:
    """Whether the applicant can be on H-1B for the start: Step 3 passed, or scheduled with a date whose result
    (``STEP3_RESULT_DAYS`` later) comes by the rank-list deadline. Not taken, scheduled without a date, or a
    result after the deadline is not ready."""
    result = step3_result_day(profile)
    return profile.step3 == "Passed" or (result is not None and result <= settings.rank_list_deadline)


def step3_not_ready(profile: Profile, settings: Settings) -> str:
    """Why H-1B is not within reach yet, shortly ("" when ``h1b_ready``)."""
    if h1b_ready(profile, settings):
        return ""
    deadline = day_text(settings.rank_list_deadline)
    result, exam = step3_result_day(profile), profile.step3_date
    if result is not None and exam is not None:
        return (f"H-1B needs Step 3 passed by {deadline}: your exam on {day_text(exam)} reports about "
                f"{day_text(result)}, too late")
    return f"H-1B needs Step 3 passed by {deadline}: not yet"


def h1b_only(visa_needed: str, sponsors_j1: pd.Series, sponsors_h1b: pd.Series) -> pd.Series:
    """Programs where H-1B is the applicant's only route: H-1B needed, or "J-1 or H-1B" where J-1 is not
    sponsored. (A program unclear on J-1 still leaves J-1 as a route.)"""
    route_j1, route_h1b = visa_routes(visa_needed, sponsors_j1, sponsors_h1b)
    return route_h1b & ~route_j1


def step3_in_time(profile: Profile, settings: Settings) -> float:
    """The chance (0-1) that Step 3 is passed in time for H-1B: 1 when passed; ``Step 3 passed in time (%)`` when
    scheduled with a result due by the rank-list deadline (or no date given yet); 0 when not taken or too late."""
    if profile.step3 == "Passed":
        return 1.0
    result = step3_result_day(profile)
    if profile.step3 == "Scheduled" and (result is None or result <= settings.rank_list_deadline):
        return min(max(settings.step3_in_time / 100, 0.0), 1.0)
    return 0.0


def start_chance(programs: pd.DataFrame, profile: Profile, settings: Settings,
                 visa: pd.Series | None = None) -> pd.Series:
    """The chance (0-1) that the applicant *can start* at each program if matched there (SPEC "How the rules are
    read"): 0 where the program does not sponsor the visa needed; where H-1B is the only route, the chance that
    Step 3 is passed in time (``step3_in_time``); else 1 (sponsorship not known counts as possible: the interview
    chance carries that doubt)."""
    if visa is None:
        visa = visa_status(profile.visa_needed, programs["Sponsors J-1"], programs["Sponsors H-1B"])
    chance = pd.Series(np.where(visa.reindex(programs.index) == NOT_SPONSORED, 0.0, 1.0), index=programs.index)
    only = h1b_only(profile.visa_needed, programs["Sponsors J-1"], programs["Sponsors H-1B"])
    return chance.where(~only, chance * step3_in_time(profile, settings))


def can_start(programs: pd.DataFrame, profile: Profile, settings: Settings,
              visa: pd.Series | None = None) -> pd.Series:
    """Whether the applicant can start at each program if matched there: the visa needed is sponsored (or not
    known), and where H-1B is the only route, Step 3 is passed or scheduled in time (``start_chance`` above 0)."""
    return start_chance(programs, profile, settings, visa) > 0


def cannot_start_reason(programs: pd.DataFrame, profile: Profile, settings: Settings,
                        visa: pd.Series | None = None) -> pd.Series:
    """Why the applicant cannot start at a program, in words ("" where they can)."""
    if visa is None:
        visa = visa_status(profile.visa_needed, programs["Sponsors J-1"], programs["Sponsors H-1B"])
    visa = visa.reindex(programs.index)
    only = h1b_only(profile.visa_needed, programs["Sponsors J-1"], programs["Sponsors H-1B"])
    late = only & (visa != NOT_SPONSORED) & (step3_in_time(profile, settings) == 0)
    return join_text([text_where(visa == NOT_SPONSORED, f"does not sponsor {visa_words(profile.visa_needed)}"),
                      text_where(late, step3_not_ready(profile, settings) or "H-1B needs Step 3 passed")])


def application_status(programs: pd.DataFrame) -> pd.Series:
    """Each program's Status, a blank one read as Interviewed when an Interview date is given, else Considering."""
    given = programs["Status"].fillna("").astype(object) if "Status" in programs else \
        pd.Series("", index=programs.index, dtype=object)
    default = pd.Series(np.where(programs["Interview date"].notna(), INTERVIEWED, CONSIDERING), index=programs.index,
                        dtype=object)
    return pd.Series(np.where(given != "", given, default), index=programs.index, dtype=object)


INTERVIEWING = (OFFERED, INTERVIEWED)
"""Statuses of a program that has taken the application on to an interview: its stated minimums no longer stand
in the way (it read the application and asked the applicant in)."""


@dataclass(frozen=True)
class Eligibility:
    """The one decision every sheet shows (SPEC "How the rules are read"), per program (index: Programs row).

    ``can_start``: the applicant can start there if matched (``can_start``). ``eligible``: *eligible to apply*:
    can start, and the graduation-year limit and the stated minimums (Step 2 CK, US clinical experience) are
    met, or the program has already offered or held an interview despite them. ``reason``: why not eligible, in
    words ("" where eligible). ``note``: a minimum not met that the program waived by interviewing ("" where
    none). ``cannot_start``: why the applicant cannot start ("" where they can). ``start``: the chance (0-1) that
    they can start there (``start_chance``).
    """

    can_start: pd.Series
    eligible: pd.Series
    reason: pd.Series
    note: pd.Series
    cannot_start: pd.Series
    start: pd.Series

    def columns(self) -> dict[str, pd.Series]:
        """The decision as the Fit table's ``DECISION_COLUMNS``."""
        return dict(zip(DECISION_COLUMNS, (self.start, self.can_start, self.eligible, self.reason, self.note,
                                           self.cannot_start), strict=True))


def eligibility_of(fit: pd.DataFrame, rows: pd.Index | None = None) -> Eligibility:
    """The decision a Fit table carries (``fit_table``), for all of its rows or the given Programs rows."""
    table = fit if rows is None else fit.reindex(rows)
    start, can, eligible, reason, note, cannot = (table[name] for name in DECISION_COLUMNS)
    return Eligibility(can.fillna(False).astype(bool), eligible.fillna(False).astype(bool),
                       reason.fillna("").astype(object), note.fillna("").astype(object),
                       cannot.fillna("").astype(object), start.astype(float))


def eligibility(programs: pd.DataFrame, profile: Profile, settings: Settings, visa: pd.Series,
                gaps: pd.DataFrame) -> Eligibility:
    """*Can start* and *eligible to apply* for every program, from its visa status (``visa_status``) and the stated
    requirements missed (``requirement_gaps``): defined once here, carried by the Fit table (``fit_table``) and
    followed by Fit's tier, Applications' advice and Rank Draft's warnings."""
    start = start_chance(programs, profile, settings, visa)
    starts = start > 0
    no_start = cannot_start_reason(programs, profile, settings, visa)
    unmet = join_text([gaps["Graduation year"], gaps["Step 2 CK"], gaps["Clinical experience"]])
    waived = application_status(programs).isin(INTERVIEWING) & (unmet != "")
    eligible = starts & ((unmet == "") | waived)
    reason = join_text([no_start, text_where(~waived, unmet)])
    note = text_where(waived, "the program asked you to interview although " + unmet)
    return Eligibility(starts.astype(bool), eligible.astype(bool), reason.where(~eligible, ""), note, no_start, start)


J1_FLAG = "J-1 needs ECFMG certification and a Statement of Need from your home country's health ministry"


def flags(programs: pd.DataFrame, profile: Profile, settings: Settings, visa: pd.Series,
          gaps: pd.DataFrame) -> pd.Series:
    """The Flags column: requirements not met and what the visa still needs, in plain words.

    What H-1B needs of Step 3 is about the applicant, but only matters where H-1B is a route, so it stays per row;
    the general J-1 requirement (``J1_FLAG``) is the same for every J-1 program and goes once in ``fit_note``."""
    needed = profile.visa_needed
    _, route_h1b = visa_routes(needed, programs["Sponsors J-1"], programs["Sponsors H-1B"])
    sponsored = visa != NOT_SPONSORED
    return join_text([
        gaps["Step 2 CK"], gaps["Graduation year"], gaps["Clinical experience"],
        text_where(visa == NOT_SPONSORED, f"does not sponsor {visa_words(needed)}"),
        text_where(visa == UNKNOWN, "confirm visa sponsorship"),
        text_where(route_h1b & sponsored, step3_flag(profile, settings)),
    ])


def fit_note(fit: pd.DataFrame, programs: pd.DataFrame, profile: Profile) -> str:
    """What the visa needs of the applicant at every J-1 program, said once ("" when no program is a J-1 route)."""
    route_j1, _ = visa_routes(profile.visa_needed, programs["Sponsors J-1"], programs["Sponsors H-1B"])
    j1_programs = route_j1 & (fit["Visa"].reindex(programs.index) != NOT_SPONSORED)
    return f"At every program you would come to on J-1: {J1_FLAG}." if j1_programs.any() else ""


def visa_words(needed: str) -> str:
    """The visa the applicant needs, as a sentence names it."""
    return "J-1 or H-1B" if needed == "J-1 or H-1B" else f"the {needed} you need"


# --------------------------------------------------------------------------------------------------
# The Fit table.


def weighted_fit(components: pd.DataFrame, weights: dict[str, float]) -> pd.Series:
    """Weighted mean of the known components per row; NaN where no weighted component is known."""
    w = pd.Series(weights, dtype=float).reindex(components.columns).fillna(0.0)
    values = components.to_numpy(dtype=float)
    known = ~np.isnan(values)
    total_weight = (known * w.to_numpy()).sum(axis=1)
    total = (np.where(known, values, 0.0) * w.to_numpy()).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        fit = np.where(total_weight > 0, total / np.where(total_weight > 0, total_weight, 1), np.nan)
    return pd.Series(fit, index=components.index).clip(0, 100)


def tier(fit: pd.Series, settings: Settings, visa: pd.Series | None = None,
         eligible: pd.Series | None = None) -> pd.Series:
    """Likely / Target / Reach by the thresholds in Settings; "" where Fit is unknown; Not eligible, whatever the
    Fit, where ``eligible`` (``eligibility``) is False, or, without it, where ``visa`` is Not sponsored."""
    if eligible is not None:
        no_visa = ~eligible.reindex(fit.index).fillna(False).astype(bool)
    else:
        no_visa = pd.Series(False, index=fit.index) if visa is None else visa.reindex(fit.index) == NOT_SPONSORED
    labels = np.select([no_visa, fit >= settings.likely_threshold, fit >= settings.attainable_threshold, fit.notna()],
                       [NOT_ELIGIBLE, LIKELY, TARGET, REACH], "")
    return pd.Series(labels, index=fit.index, dtype=object)


def score_programs(season: Season, today: dt.date | None = None) -> pd.DataFrame:
    """The Fit table of a season's programs (see ``fit_table``); ``today`` defaults to the season's reference day."""
    programs, profile, settings = season.programs, season.profile, season.settings
    today = today or season_reference_date(settings)
    index = programs.index
    typical, typical_note = typical_step2(programs, profile, settings)
    years = pd.Series(years_since_graduation(profile.graduation_year, today), index=index, dtype=float)
    visa = visa_status(profile.visa_needed, programs["Sponsors J-1"], programs["Sponsors H-1B"])
    share = programs["IMG share (%)"].astype(float)
    long_term = programs["Long-term fit"].astype(float)
    support_miles, _ = support_distance(season) if profile.support_cities else (
        pd.Series(np.nan, index=index), None)
    components = pd.DataFrame({
        "Scores": score_points(profile.step2ck, programs["Min Step 2 CK"], typical),
        "Graduation year": graduation_points(years, programs["Max years since graduation"].astype(float)),
        "Clinical experience": clinical_points(profile.usce_months,
                                               programs["Min US clinical experience (months)"]),
        "Visa fit": visa.map(VISA_POINTS).astype(float),
        "IMG friendliness": img_points(share),
        "Interview impression": programs["Interview impression"].map(IMPRESSION_POINTS).astype(float),
        "Long-term fit": ((long_term.clip(1, 5) - 1) * 25).astype(float),
        "Location preference": location_points(programs, profile, settings, support_miles),
    }, index=index)
    weights = {COMPONENT_COLUMNS[name]: weight for name, weight in settings.fit_weights.items()}
    fit = weighted_fit(components, weights)
    gaps = requirement_gaps(programs, profile, today)
    decision = eligibility(programs, profile, settings, visa, gaps)
    table = pd.DataFrame({"Program": programs["Program"].astype(object), "Fit": fit,
                          "Tier": tier(fit, settings, visa, decision.eligible)}, index=index)
    table = pd.concat([table, components], axis=1)
    table["Visa"] = visa
    table["Flags"] = flags(programs, profile, settings, visa, gaps)
    table["Notes"] = notes(programs, profile, components, typical_note)
    for name, column in decision.columns().items():
        table[name] = column
    table.index.name = programs.index.name
    return table


def notes(programs: pd.DataFrame, profile: Profile, components: pd.DataFrame, typical_note: pd.Series) -> pd.Series:
    """What Fit left out because it is unknown, and what it assumed, in plain words."""
    def missing(component: str, why: pd.Series | str) -> pd.Series:
        return text_where(components[component].isna(), why)

    def either(profile_blank: bool, profile_text: str, program_text: str) -> str:
        return profile_text if profile_blank else program_text

    return join_text([
        typical_note,
        missing("Scores", either(profile.step2ck is None, "Step 2 CK not on your profile",
                                 "no minimum or typical Step 2 CK known")),
        missing("Graduation year", either(profile.graduation_year is None, "graduation year not on your profile",
                                          "graduation-year limit unknown")),
        missing("Clinical experience", either(profile.usce_months is None,
                                              "US clinical experience not on your profile",
                                              "clinical experience minimum unknown")),
        missing("IMG friendliness", "IMG share unknown"),
        missing("Interview impression", "interview impression blank"),
        missing("Long-term fit", "long-term fit blank"),
        missing("Location preference",
                "location not scored: the program's place or your support cities are not places this tool knows"
                if profile.preferred_regions or profile.support_cities
                else "no preferred regions or support cities on your profile"),
        text_where(components.notna().sum(axis=1) == 0, "nothing known to score"),
    ])


def fit_table(season: Season, today: dt.date | None = None) -> pd.DataFrame:
    """Fit for every program of the season: index = Programs row; columns ``FIT_COLUMNS``, then the eligibility
    decision (``DECISION_COLUMNS``, read back with ``eligibility_of``).

    ``Fit`` is the weighted mean (weights from Settings) of the components that are known; ``Tier`` is
    Likely / Target / Reach, or Not eligible where the applicant is not eligible to apply (``eligibility``);
    ``Visa`` is Sponsored / Not sponsored / Unknown (Not needed when the applicant needs no visa); ``Flags`` and
    ``Notes`` say what stands in the way and what was not counted.
    """
    return score_programs(season, today)
