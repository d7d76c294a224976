"""Fees of the season: ERAS application fees and the NRMP rank order list fee, from the Settings figures.

The figures are public facts (``templates/facts.csv``) that the applicant can replace on the Settings sheet;
``fact_source`` says where each comes from.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from ..core.errors import InputError
from ..core.settings import Settings, setting_fields


def _whole(value: object, what: str) -> int:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InputError(f"{what} must be a whole number, not {value!r}") from None
    if math.isnan(number) or not number.is_integer() or number < 0:
        raise InputError(f"{what} must be a whole number of 0 or more, not {value!r}")
    return int(number)


def rank_list_fee(n: object, settings: Settings) -> float:
    """The NRMP fee, beyond the Match registration, for a rank order list of ``n`` programs.

    The first ``nrmp_rol_included`` programs are included; each one beyond costs ``nrmp_rol_extra_fee``. A list
    longer than ``nrmp_rol_max`` is not allowed and raises ``InputError``.
    """
    count = _whole(n, "The number of ranked programs")
    if count > settings.nrmp_rol_max:
        raise InputError(f"A rank order list holds at most {settings.nrmp_rol_max} programs, not {count}")
    return max(count - settings.nrmp_rol_included, 0) * float(settings.nrmp_rol_extra_fee)


def eras_fee(programs_per_specialty: Iterable[object], settings: Settings) -> float:
    """The ERAS application fee for the number of programs applied to in each specialty.

    Per specialty, each of the first ``eras_fee_first_programs`` programs costs ``eras_fee_first_30`` and each one
    after them ``eras_fee_from_31`` (the AAMC's worked example is the fact ``eras.example_fee``).
    """
    counts = [_whole(n, "The number of programs in a specialty") for n in programs_per_specialty]
    first = int(settings.eras_fee_first_programs)
    return float(sum(min(n, first) * settings.eras_fee_first_30 + max(n - first, 0) * settings.eras_fee_from_31
                     for n in counts))


def setting_source(name: str) -> str:
    """The 'Source: ...' part of a setting's meaning (where its public figure comes from, and the year)."""
    meaning = next(f.metadata["meaning"] for f in setting_fields() if f.name == name)
    _, found, source = meaning.partition("Source:")
    return f"Source: {source.strip()}" if found else ""
