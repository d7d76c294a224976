"""The applicant's Settings table as one frozen object, with every default and what it means.

Each field carries the label the Settings sheet shows (``Setting`` column), its meaning, and the kind
of value it takes; the template, the validation and the docs are built from these fields (``setting_rows``),
so this is the single declaration of every setting. Public figures take their default from
``templates/facts.csv`` (``facts.py``); the Step 2 CK means are one row per specialty there and here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from . import facts

STEP2_MEAN_LABEL = "Mean Step 2 CK, "

SettingKind = Literal["number", "integer", "percent", "money", "date", "text"]


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
    step2_means: tuple[tuple[str, float], ...] = field(
        default=tuple(facts.step2_means().items()),
        metadata={"label": STEP2_MEAN_LABEL + "{specialty}", "meaning": "", "kind": "number", "minimum": 1,
                  "maximum": 300, "fact": facts.STEP2_MEAN_PREFIX},
    )

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

    def step2_mean(self, specialty: str) -> float | None:
        """Mean Step 2 CK of matched non-US IMGs for a specialty, or None when not on file."""
        key = specialty_key(specialty)
        return next((float(v) for name, v in self.step2_means if specialty_key(name) == key), None)


def specialty_key(specialty: object) -> str:
    """A specialty name folded for matching ("Internal  medicine" and "internal-medicine" are the same)."""
    return " ".join(str(specialty).strip().casefold().replace("-", " ").replace("_", " ").split())


def setting_fields() -> list[dataclasses.Field[Any]]:
    """The Settings fields in sheet order."""
    return list(dataclasses.fields(Settings))


@dataclass(frozen=True)
class SettingRow:
    """One row of the Settings table: its label, value, meaning and the kind of value it takes.

    ``name`` is the ``Settings`` field it fills; for the per-specialty Step 2 CK means, ``specialty`` says which.
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
        if f.name == "step2_means":
            for specialty, value in settings.step2_means:
                key = facts.STEP2_MEAN_PREFIX + specialty_key(specialty).replace(" ", "_")
                known = facts.all_facts().get(key)
                meaning = known.meaning if known else "Mean Step 2 CK of matched non-US IMGs in this specialty."
                rows.append(SettingRow(STEP2_MEAN_LABEL + specialty, value, meaning, meta["kind"], meta["minimum"],
                                       meta["maximum"], f.name, specialty))
            continue
        rows.append(SettingRow(meta["label"], getattr(settings, f.name), meta["meaning"], meta["kind"],
                               meta["minimum"], meta["maximum"], f.name))
    return rows


def step2_specialty(label: object) -> str | None:
    """The specialty a 'Mean Step 2 CK, <specialty>' label names, or None for any other label."""
    text = " ".join(str(label).split())
    prefix = STEP2_MEAN_LABEL.strip()
    if text.casefold().startswith(prefix.casefold()):
        return text[len(prefix):].strip() or None
    return None


DEFAULT_SETTINGS = Settings()
