"""The cell functions under their public name, ``xlresidency.udfs``: what the add-in's ``UDF Modules`` setting, the
xlwings Lite ``main.py`` and applicants' own modules import. They live in ``excel/udfs.py``."""

from __future__ import annotations

from .excel.udfs import (
    apply_advice,
    email_draft,
    eras_fee,
    fit_breakdown,
    fit_row,
    fit_score,
    interview_chance,
    interview_chance_row,
    match_chance,
    miles,
    policy_check,
    second_look,
    trip_cost,
    trip_cost_row,
    visa_ok,
    years_since_grad,
)

__all__ = [  # the cell functions, in the order the Function Wizard lists them
    "apply_advice", "email_draft", "eras_fee", "fit_breakdown", "fit_row", "fit_score", "interview_chance",
    "interview_chance_row", "match_chance", "miles", "policy_check", "second_look", "trip_cost", "trip_cost_row",
    "visa_ok", "years_since_grad",
]
