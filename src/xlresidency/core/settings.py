"""The applicant's Settings table as one frozen object, with every default and what it means.

Each field carries the label the Settings sheet shows (``Setting`` column), its meaning, and the kind
of value it takes; the template, the validation and the docs are built from these fields (``setting_rows``),
so this is the single declaration of every setting. Public figures take their default from
``templates/facts.csv`` (``facts.py``); a figure that differs by specialty (Step 2 CK means, interview rates,
signals) is one row per specialty there and here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from . import facts
from .schema import US_DO_SENIOR, US_IMG, US_MD_SENIOR

STEP2_MEAN_LABEL = "Mean Step 2 CK, "

SettingKind = Literal["number", "integer", "percent", "money", "date", "text"]
PerSpecialty = tuple[tuple[str, float], ...]
"""(specialty, value) pairs: a figure that differs by specialty, one Settings row each."""


def _setting(default: Any, label: str, meaning: str, kind: SettingKind = "number",
             minimum: float | None = 0, maximum: float | None = None) -> Any:
    return field(default=default, metadata={"label": label, "meaning": meaning, "kind": kind,
                                            "minimum": minimum, "maximum": maximum})


def _fact(key: str, label: str, kind: SettingKind = "number", meaning: str | None = None,
          minimum: float | None = 0, maximum: float | None = None) -> Any:
    """A setting whose default is a public fact; its meaning cites the fact's source and year."""
    found = facts.fact(key)
    if kind == "date":
        default: Any = found.date
    elif kind == "integer":
        default = int(found.number)
    else:
        default = found.number
    return field(default=default, metadata={"label": label, "meaning": meaning or found.meaning, "kind": kind,
                                            "minimum": minimum, "maximum": maximum, "fact": key})


def _per_specialty(prefix: str, label: str, kind: SettingKind, meaning: str, minimum: float | None = 0,
                   maximum: float | None = None) -> Any:
    """A figure per specialty: one Settings row "<label><specialty>" for each specialty in the facts file (rows
    for other specialties may be added on the sheet); defaults and sources come from the facts with ``prefix``."""
    return field(default=tuple(facts.by_specialty(prefix).items()),
                 metadata={"label": label, "meaning": meaning, "kind": kind, "minimum": minimum, "maximum": maximum,
                           "per_specialty": prefix})


@dataclass(frozen=True)
class Settings:
    """Every tunable number of the rules, read from the Settings table (defaults where blank)."""

    # Fit weights: relative, they need not add up to 100.
    weight_scores: float = _setting(25, "Weight: scores", "How much Step 2 CK against the program's minimum and typical score counts in Fit.")
    weight_graduation: float = _setting(10, "Weight: graduation year", "How much years since graduation against the program's limit counts in Fit.")
    weight_clinical: float = _setting(10, "Weight: clinical experience", "How much US clinical experience counts in Fit.")
    weight_visa: float = _setting(20, "Weight: visa", "How much the program sponsoring the visa you need counts in Fit.")
    weight_img: float = _setting(15, "Weight: IMG friendliness", "How much the program's share of IMG residents counts in Fit.")
    weight_interview: float = _setting(10, "Weight: interview impression", "How much your interview-day impression counts in Fit.")
    weight_long_term: float = _setting(10, "Weight: long-term fit", "How much your 1-5 long-term fit rating counts in Fit.")
    weight_location: float = _setting(5, "Weight: location preference", "How much preferred regions and nearby support cities count in Fit.")
    likely_threshold: float = _setting(75, "Likely fit threshold", "Fit at or above this is tier Likely.", maximum=100)
    attainable_threshold: float = _setting(60, "Attainable fit threshold", "Fit at or above this is tier Target and counts as attainable; below is Reach.", maximum=100)

    # Second-look rules.
    top_rank_limit: int = _setting(3, "Top rank limit", "A program you rank this high or better is top of your list.", "integer", minimum=1)
    top_rank_stretch: int = _setting(5, "Top rank stretch", "The furthest rank still treated as near the top; worse ranks rule out a visit.", "integer", minimum=1)
    long_shot_img_share: float = _setting(5, "Long-shot IMG share (%)", "A program with fewer IMG residents than this share is a long shot.", "percent", maximum=100)
    local_radius_miles: float = _fact("travel.local_radius_miles", "Local radius (miles)")
    nearby_radius_miles: float = _setting(150, "Nearby radius (miles)", "Places within this distance count as the same region for clustering and support cities.")
    cluster_window_days: int = _setting(2, "Clustering window (days)", "A second look this many days from other travel can share the trip.", "integer")
    rank_list_deadline: dt.date = _fact("nrmp.rank_list_deadline", "Rank list deadline", "date", "Last day to certify your rank order list; check the NRMP Match calendar for your season.", minimum=None)

    # Cost assumptions, USD.
    hotel_per_night: float = _setting(160, "Hotel per night", "Estimated hotel cost per night, USD.", "money")
    meals_per_day: float = _setting(45, "Meals per day", "Estimated food cost per travel day, USD.", "money")
    local_transport_per_day: float = _setting(35, "Local transport per day", "Estimated taxi, transit or parking per travel day, USD.", "money")
    airfare_base: float = _setting(120, "Airfare base", "Fixed part of a domestic round-trip airfare, USD.", "money")
    airfare_per_mile: float = _setting(0.14, "Airfare per mile", "Added to the base for each mile of one-way distance, USD.", "money")
    international_round_trip: float = _setting(1400, "International round trip", "Estimated airfare to and from the US when you start abroad, USD.", "money")
    drive_under_miles: float = _setting(250, "Drive under (miles)", "Trips shorter than this are driven, not flown.")
    driving_per_mile: float = _fact("irs.driving_per_mile", "Driving cost per mile", "money")

    # Compare sheet.
    compare_a: str = _setting("", "Compare A", "First program on the Compare sheet (blank: your first choice by My rank).", "text", minimum=None)
    compare_b: str = _setting("", "Compare B", "Second program on the Compare sheet (blank: your second choice by My rank).", "text", minimum=None)

    # Public facts (templates/facts.csv), each with its source and year; replace them when newer figures appear.
    eras_fee_first_programs: int = _fact("eras.fee_first_programs", "ERAS programs at the first fee", "integer")
    eras_fee_first_30: float = _fact("eras.fee_first_30", "ERAS fee per program, 1-30", "money")
    eras_fee_from_31: float = _fact("eras.fee_from_31", "ERAS fee per program, 31+", "money")
    nrmp_rol_included: int = _fact("nrmp.rol_included", "NRMP programs included", "integer")
    nrmp_rol_extra_fee: float = _fact("nrmp.rol_extra_fee", "NRMP fee per extra program", "money")
    nrmp_rol_max: int = _fact("nrmp.rol_max", "NRMP rank list maximum", "integer", minimum=1)
    short_list_warning: int = _setting(10, "Short list warning", "Warn on Rank Draft when your list has fewer programs than this.", "integer")
    match_rate_non_us_img: float = _fact("nrmp.match_rate_non_us_img", "Match rate, non-US IMGs (%)", "percent", maximum=100)
    match_rate_us_img: float = _fact("nrmp.match_rate_us_img", "Match rate, US-citizen IMGs (%)", "percent", maximum=100)
    match_rate_us_md_senior: float = _fact("nrmp.match_rate_us_md_senior", "Match rate, US MD seniors (%)", "percent", maximum=100)
    match_rate_us_do_senior: float = _fact("nrmp.match_rate_us_do_senior", "Match rate, US DO seniors (%)", "percent", maximum=100)
    step2_means: PerSpecialty = _per_specialty(facts.STEP2_MEAN_PREFIX, STEP2_MEAN_LABEL, "number", "Mean Step 2 CK of matched non-US IMGs in this specialty.", minimum=1, maximum=300)

    # The application season: how likely an application brings an interview, and a list a match (most are
    # assumptions until public figures exist: see templates/facts.csv).
    interview_rates: PerSpecialty = _per_specialty("interview_rate.", "Interview rate (%), ", "percent", "Share of a non-US IMG's applications that bring an interview offer.", maximum=100)
    match_per_interview: PerSpecialty = _per_specialty("match_per_interview.", "Match chance per interview (%), ", "percent", "Each interview (ranked) adds this chance of matching.", maximum=100)
    gold_signals: PerSpecialty = _per_specialty("signals.gold.", "Gold signals, ", "integer", "Gold (first-tier) signals an applicant may send in the specialty.", maximum=100)
    silver_signals: PerSpecialty = _per_specialty("signals.silver.", "Silver signals, ", "integer", "Silver (second-tier) signals an applicant may send in the specialty.", maximum=100)
    match_ceiling: float = _fact("match.ceiling", "Match chance ceiling (%)", "percent", minimum=1, maximum=100)
    signal_gold_odds: float = _fact("factor.signal_gold", "Odds: gold signal", minimum=1)
    signal_silver_odds: float = _fact("factor.signal_silver", "Odds: silver signal", minimum=1)
    step2_odds_per_10: float = _fact("factor.step2_per_10", "Odds: 10 Step 2 CK points above typical", minimum=1)
    img_high_share: float = _fact("factor.img_high_share", "IMG-friendly share (%)", "percent", maximum=100)
    img_high_odds: float = _fact("factor.img_high", "Odds: IMG-friendly program", minimum=1)
    img_low_share: float = _fact("factor.img_low_share", "Few-IMG share (%)", "percent", maximum=100)
    img_low_odds: float = _fact("factor.img_low", "Odds: program with few IMGs", minimum=0.01, maximum=1)
    visa_unknown_odds: float = _fact("factor.visa_unknown", "Odds: visa sponsorship unknown", minimum=0.01, maximum=1)
    recent_graduate_years: int = _fact("factor.recent_graduate_years", "Recent graduate (years)", "integer")
    recent_graduate_odds: float = _fact("factor.recent_graduate", "Odds: recent graduate", minimum=1)
    older_graduate_years: int = _fact("factor.older_graduate_years", "Older graduate (years)", "integer")
    older_graduate_odds: float = _fact("factor.older_graduate", "Odds: older graduate", minimum=0.01, maximum=1)
    usce_none_odds: float = _fact("factor.usce_none", "Odds: no US clinical experience", minimum=0.01, maximum=1)
    usce_meets_odds: float = _fact("factor.usce_meets", "Odds: US clinical experience met", minimum=1)
    in_state_odds: float = _fact("factor.in_state", "Odds: program in your state", minimum=1)
    geographic_preference_odds: float = _fact("factor.geographic_preference", "Odds: geographic preference", minimum=1)
    us_img_odds: float = _fact("factor.kind.us_img", "Odds: US-citizen IMG", minimum=0.01)
    us_md_senior_odds: float = _fact("factor.kind.us_md_senior", "Odds: US MD senior", minimum=0.01)
    us_do_senior_odds: float = _fact("factor.kind.us_do_senior", "Odds: US DO senior", minimum=0.01)
    outcome_spread: float = _fact("model.outcome_spread", "Outcome spread", maximum=5)
    step3_in_time: float = _fact("model.step3_in_time", "Step 3 passed in time (%)", "percent", maximum=100)
    nrmp_registration_fee: float = _fact("nrmp.registration_fee", "NRMP registration fee", "money")
    eras_token_fee: float = _fact("ecfmg.eras_token_fee", "ERAS token fee (IMGs)", "money")
    usmle_transcript_fee: float = _fact("ecfmg.usmle_transcript_fee", "USMLE transcript fee (IMGs)", "money")

    @property
    def fit_weights(self) -> dict[str, float]:
        """Component name (as on the Fit sheet) -> weight."""
        return {
            "Scores": self.weight_scores,
            "Graduation year": self.weight_graduation,
            "Clinical experience": self.weight_clinical,
            "Visa": self.weight_visa,
            "IMG friendliness": self.weight_img,
            "Interview impression": self.weight_interview,
            "Long-term fit": self.weight_long_term,
            "Location preference": self.weight_location,
        }

    def kind_odds(self, kind: str) -> float:
        """The odds of an interview of an applicant of this kind against a non-US IMG's (1 for a non-US IMG)."""
        return {US_MD_SENIOR: self.us_md_senior_odds, US_DO_SENIOR: self.us_do_senior_odds,
                US_IMG: self.us_img_odds}.get(kind, 1.0)

    def match_rate(self, kind: str) -> float:
        """NRMP's published match rate (%) of applicants of this kind (a non-US IMG's for any other)."""
        return {US_MD_SENIOR: self.match_rate_us_md_senior, US_DO_SENIOR: self.match_rate_us_do_senior,
                US_IMG: self.match_rate_us_img}.get(kind, self.match_rate_non_us_img)

    def step2_mean(self, specialty: str) -> float | None:
        """Mean Step 2 CK of matched non-US IMGs for a specialty, or None when not on file."""
        return self.for_specialty("step2_means", specialty)

    def for_specialty(self, name: str, specialty: object) -> float | None:
        """A per-specialty figure (``name`` is the field) for a specialty, or None when there is none."""
        key = specialty_key(specialty)
        pairs: PerSpecialty = getattr(self, name)
        return next((float(v) for found, v in pairs if specialty_key(found) == key), None)


def specialty_key(specialty: object) -> str:
    """A specialty name folded for matching ("Internal  medicine" and "internal-medicine" are the same)."""
    return " ".join(str(specialty).strip().casefold().replace("-", " ").replace("_", " ").split())


def setting_fields() -> list[dataclasses.Field[Any]]:
    """The Settings fields in sheet order."""
    return list(dataclasses.fields(Settings))


@dataclass(frozen=True)
class SettingRow:
    """One row of the Settings table: its label, value, meaning and the kind of value it takes.

    ``name`` is the ``Settings`` field it fills; for a per-specialty figure, ``specialty`` says which.
    """

    label: str
    value: Any
    meaning: str
    kind: SettingKind
    minimum: float | None
    maximum: float | None
    name: str
    specialty: str = ""


def setting_rows(settings: Settings | None = None) -> list[SettingRow]:
    """Every row of the Settings table in sheet order, with the values of ``settings`` (default: the defaults)."""
    settings = settings or DEFAULT_SETTINGS
    rows: list[SettingRow] = []
    for f in setting_fields():
        meta = f.metadata
        if "per_specialty" in meta:
            for specialty, value in getattr(settings, f.name):
                known = facts.specialty_fact(meta["per_specialty"], specialty)
                meaning = known.meaning if known else meta["meaning"]
                rows.append(SettingRow(meta["label"] + specialty, value, meaning, meta["kind"], meta["minimum"],
                                       meta["maximum"], f.name, specialty))
            continue
        rows.append(SettingRow(meta["label"], getattr(settings, f.name), meta["meaning"], meta["kind"],
                               meta["minimum"], meta["maximum"], f.name))
    return rows


def per_specialty_label(label: object) -> tuple[dataclasses.Field[Any], str] | None:
    """The per-specialty field and the specialty a label such as 'Mean Step 2 CK, Pediatrics' names; None for
    any other label."""
    text = " ".join(str(label).split())
    for f in setting_fields():
        prefix = f.metadata.get("label", "").strip()
        if "per_specialty" in f.metadata and text.casefold().startswith(prefix.casefold()):
            specialty = text[len(prefix):].strip()
            if specialty:
                return f, specialty
    return None


DEFAULT_SETTINGS = Settings()
