"""The applicant's Settings table as one frozen object, with every default and what it means.

Each field carries the label the Settings sheet shows (``Setting`` column), its meaning, and the kind
of value it takes; ``schema.py`` builds the Settings table and its validation from these fields, so this
is the single declaration of every setting.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

_DEADLINE = dt.date(2027, 3, 3)  # the 2027 Main Match rank order list deadline as planned; the user confirms it

SettingKind = Literal["number", "integer", "percent", "money", "date", "text"]


def _setting(default: Any, label: str, meaning: str, kind: SettingKind = "number",
             minimum: float | None = 0, maximum: float | None = None) -> Any:
    return field(default=default, metadata={"label": label, "meaning": meaning, "kind": kind,
                                            "minimum": minimum, "maximum": maximum})


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
    rank_list_deadline: dt.date = _setting(_DEADLINE, "Rank list deadline", "Last day to certify your rank order list; check the NRMP Match calendar for your season.", "date", minimum=None)

    # Cost assumptions, USD.
    hotel_per_night: float = _setting(160, "Hotel per night", "Estimated hotel cost per night, USD.", "money")
    meals_per_day: float = _setting(45, "Meals per day", "Estimated food cost per travel day, USD.", "money")
    local_transport_per_day: float = _setting(35, "Local transport per day", "Estimated taxi, transit or parking per travel day, USD.", "money")
    airfare_base: float = _setting(120, "Airfare base", "Fixed part of a domestic round-trip airfare, USD.", "money")
    airfare_per_mile: float = _setting(0.14, "Airfare per mile", "Added to the base for each mile of one-way distance, USD.", "money")
    international_round_trip: float = _setting(1400, "International round trip", "Estimated airfare to and from the US when you start abroad, USD.", "money")
    drive_under_miles: float = _setting(250, "Drive under (miles)", "Trips shorter than this are driven, not flown.")
    driving_per_mile: float = _setting(0.70, "Driving cost per mile", "Car cost per mile driven, USD (IRS business rate, 2025).", "money")

    # Compare sheet.
    compare_a: str = _setting("", "Compare A", "First program on the Compare sheet (blank: your first choice by My rank).", "text", minimum=None)
    compare_b: str = _setting("", "Compare B", "Second program on the Compare sheet (blank: your second choice by My rank).", "text", minimum=None)

    # Public facts, each with its source and year; replace them when newer figures appear.
    eras_fee_first_30: float = _setting(11, "ERAS fee per program, 1-30", "Per specialty, each of the first 30 programs. Source: AAMC ERAS fees, 2026 season.", "money")
    eras_fee_from_31: float = _setting(30, "ERAS fee per program, 31+", "Per specialty, each program from the 31st. Source: AAMC ERAS fees, 2026 season.", "money")
    nrmp_rol_included: int = _setting(20, "NRMP programs included", "Programs on a rank order list included in the Match fee. Source: NRMP fees, 2026 Main Match.", "integer")
    nrmp_rol_extra_fee: float = _setting(30, "NRMP fee per extra program", "Fee for each ranked program beyond those included. Source: NRMP fees, 2026 Main Match.", "money")
    nrmp_rol_max: int = _setting(300, "NRMP rank list maximum", "Most programs one rank order list may hold. Source: NRMP, 2026 Main Match.", "integer", minimum=1)
    short_list_warning: int = _setting(10, "Short list warning", "Warn on Rank Draft when your list has fewer programs than this.", "integer")
    match_rate_non_us_img: float = _setting(58.0, "Match rate, non-US IMGs (%)", "6,653 of 11,465 matched. Source: NRMP Results and Data, 2025 Main Match.", "percent", maximum=100)
    match_rate_us_img: float = _setting(67.8, "Match rate, US-citizen IMGs (%)", "Source: NRMP Results and Data, 2025 Main Match.", "percent", maximum=100)
    step2_mean_internal_medicine: float = _setting(236, "Mean Step 2 CK, Internal Medicine", "Matched non-US IMGs. Source: NRMP Charting Outcomes 2013 as quoted by secondary sources; old, replace with newer figures.", maximum=300)
    step2_mean_family_medicine: float = _setting(219, "Mean Step 2 CK, Family Medicine", "Matched non-US IMGs. Source: NRMP Charting Outcomes 2013 as quoted by secondary sources; old, replace with newer figures.", maximum=300)
    step2_mean_pediatrics: float = _setting(231, "Mean Step 2 CK, Pediatrics", "Matched non-US IMGs. Source: NRMP Charting Outcomes 2013 as quoted by secondary sources; old, replace with newer figures.", maximum=300)
    step2_mean_psychiatry: float = _setting(219, "Mean Step 2 CK, Psychiatry", "Matched non-US IMGs. Source: NRMP Charting Outcomes 2013 as quoted by secondary sources; old, replace with newer figures.", maximum=300)
    step2_mean_neurology: float = _setting(236, "Mean Step 2 CK, Neurology", "Matched non-US IMGs. Source: NRMP Charting Outcomes 2013 as quoted by secondary sources; old, replace with newer figures.", maximum=300)
    step2_mean_pathology: float = _setting(228, "Mean Step 2 CK, Pathology", "Matched non-US IMGs. Source: NRMP Charting Outcomes 2013 as quoted by secondary sources; old, replace with newer figures.", maximum=300)
    step2_mean_surgery: float = _setting(240, "Mean Step 2 CK, Surgery", "Matched non-US IMGs. Source: NRMP Charting Outcomes 2013 as quoted by secondary sources; old, replace with newer figures.", maximum=300)

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
        key = "step2_mean_" + "_".join(str(specialty).strip().lower().replace("-", " ").split())
        value = getattr(self, key, None)
        return float(value) if value is not None else None


def setting_fields() -> list[dataclasses.Field[Any]]:
    """The Settings fields in sheet order."""
    return list(dataclasses.fields(Settings))


DEFAULT_SETTINGS = Settings()
