"""What the adapters hand over, and what validation hands on: raw tables, problems, the applicant, the season."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .schema import IMG_KINDS, INPUT_BY_NAME, NON_US_IMG, PROFILE_FIELDS, US_IMG, Column, fold
from .settings import Settings


@dataclass
class RawTable:
    """An input table as found in a workbook: header cells, cell values, and where it sits."""

    name: str
    sheet: str
    headers: list[Any]
    rows: list[list[Any]]
    first_row: int  # Excel row number of the first data row
    is_table: bool = True  # False when read from a sheet's cells because no Excel table was found
    rows_below: list[int] = field(default_factory=list)  # Excel rows typed just below the table, not read


@dataclass(frozen=True)
class Problem:
    """One input problem, as a row of the Checks sheet."""

    sheet: str
    row: int | None
    column: str
    problem: str
    how_to_fix: str


@dataclass(frozen=True)
class Profile:
    """The applicant, from the Profile table: one attribute per field of ``schema.PROFILE_FIELDS``; ``new_profile``
    makes one with every blank field as the schema says it reads."""

    full_name: str
    email: str
    aamc_id: str
    eras_id: str
    specialty: str
    visa_needed: str
    step1: str
    step2ck: float | None
    step3: str
    step3_date: dt.date | None
    graduation_year: int | None
    usce_months: float | None
    current_city: str
    current_state: str
    current_country: str  # blank means the US
    in_us_from: dt.date | None
    in_us_until: dt.date | None
    budget: float | None
    max_second_looks: int
    career_interests: tuple[str, ...]
    preferred_regions: tuple[str, ...]
    support_cities: tuple[tuple[str, str], ...]
    application_budget: float | None
    match_chance_wanted: float
    applicant_kind: str  # blank: see ``kind``
    geographic_preference: tuple[str, ...]  # US Census divisions, or ("No preference",)
    home_zip: str  # pins where the applicant lives in the US (blank: the centre of the current city)

    @property
    def kind(self) -> str:
        """The kind of applicant the model reads: as given; blank with a visa needed, a non-US IMG; else a
        US-citizen IMG (validation names that reading on Checks)."""
        if self.applicant_kind:
            return self.applicant_kind
        return NON_US_IMG if self.visa_needed not in ("", "None") else US_IMG

    @property
    def img(self) -> bool:
        """Whether the applicant is an international medical graduate (of either kind)."""
        return self.kind in IMG_KINDS

    @property
    def abroad(self) -> bool:
        """Whether the applicant lives outside the US now."""
        country = fold(self.current_country)
        return bool(country) and country not in {"us", "usa", "unitedstates", "unitedstatesofamerica"}

    def in_us_on(self, day: dt.date) -> bool:
        """Whether the applicant is physically in the US on a day (living there, or within In US from/until)."""
        if not self.abroad and self.in_us_from is None and self.in_us_until is None:
            return True
        if self.in_us_from is None and self.in_us_until is None:
            return False
        start = self.in_us_from or dt.date.min
        end = self.in_us_until or dt.date.max
        return start <= day <= end


NUMBER_OR_DATE = ("number", "money", "percent", "integer", "year", "date")


def blank_field(column: Column) -> Any:
    """What a blank Profile field reads as: its default, else what blank means for it, else nothing of its kind."""
    if column.default is not None:
        return column.default
    if column.blank is not None:
        return column.blank
    return () if column.kind in ("list", "cities") else None if column.kind in NUMBER_OR_DATE else ""


def new_profile(**values: Any) -> Profile:
    """A Profile from the fields given (by attribute), every other field blank as the schema declares it."""
    unknown = set(values) - {c.attr for c in PROFILE_FIELDS}
    if unknown:
        raise TypeError(f"no Profile field {', '.join(sorted(unknown))}")
    return Profile(**{c.attr: values[c.attr] if c.attr in values else blank_field(c) for c in PROFILE_FIELDS})


@dataclass(frozen=True)
class Place:
    """A US place with coordinates."""

    city: str
    state: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Located:
    """Where the season's places are, looked up once (by validation, which names the unknown ones on Checks).

    ``programs``: per Programs row its place (by ZIP when known, else City + State) or None; ``commitments``: per
    Commitments row with a city its place or None; ``current``: the applicant's current city when it is a US place;
    ``supports``: the support cities found, as ('City', 'ST', place); ``home``: the place of the Profile's Home ZIP
    when it is a known ZIP code."""

    programs: Mapping[object, Place | None] = field(default_factory=dict)
    commitments: Mapping[object, Place | None] = field(default_factory=dict)
    current: Place | None = None
    supports: tuple[tuple[str, str, Place], ...] = ()
    home: Place | None = None

    def coordinates(self, rows: Iterable[object]) -> pd.DataFrame:
        """Latitude and longitude (``lat``, ``lon``) of the programs at ``rows``; NaN where unknown."""
        index = pd.Index(list(rows))
        found = [self.programs.get(row) for row in index]
        return pd.DataFrame({"lat": [p.lat if p else float("nan") for p in found],
                             "lon": [p.lon if p else float("nan") for p in found]}, index=index, dtype=float)


@dataclass
class Season:
    """Everything the applicant typed, validated and typed, with its places located (``places``)."""

    profile: Profile
    programs: pd.DataFrame
    commitments: pd.DataFrame
    ratings: pd.DataFrame
    settings: Settings
    templates: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    missing: list[tuple[str, str]] = field(default_factory=list)  # (table, column or Profile field) a rule reads
    # that the workbook lacks: read as blank, named on Checks, and the sheets say what was not judged
    places: Located = field(default_factory=Located)



def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in workbook order: sheet by sheet as the workbook holds them, then by row (sheet-wide first)."""
    order = {name: i for i, name in enumerate(["(workbook)", *INPUT_BY_NAME])}
    return sorted(problems, key=lambda p: (order.get(p.sheet, len(order)), -1 if p.row is None else p.row))
