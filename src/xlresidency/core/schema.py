"""The workbook contract of SPEC §3 as data: the input tables, their columns and allowed values, the output sheets.

Everything that knows what the workbook looks like reads the declarations here: the template builder
(``newbook.new_workbook``), both readers, the validation (``validation.py``), the docs.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Literal

Kind = Literal[
    "text",
    "email",
    "number",
    "integer",
    "percent",
    "money",
    "date",
    "year",
    "choice",
    "list",
    "cities",
    "state",
    "zip",
    "step1",
]

ERROR_VALUES = frozenset(
    [
        "#N/A",
        "#REF!",
        "#VALUE!",
        "#DIV/0!",
        "#NAME?",
        "#NUM!",
        "#NULL!",
        "#SPILL!",
        "#CALC!",
        "#GETTING_DATA",
        "#FIELD!",
        "#BLOCKED!",
        "#UNKNOWN!",
        "#BUSY!",
        "#CONNECT!",
        "#PYTHON!",
    ]
)

REGION_NAMES = ("Northeast", "Midwest", "South", "West")
CONSIDERING, APPLIED, OFFERED, INTERVIEWED, REJECTED, WITHDRAWN = (
    "Considering", "Applied", "Interview offered", "Interviewed", "Rejected", "Withdrawn")
STATUSES = (CONSIDERING, APPLIED, OFFERED, INTERVIEWED, REJECTED, WITHDRAWN)
"""Where an application stands; a blank Status is Interviewed when an Interview date is given, else Considering."""
GOLD, SILVER = "Gold", "Silver"
SIGNALS = (GOLD, SILVER)
"""The ERAS program signal sent (or planned) for a program."""
YES_NO_UNKNOWN = ("Yes", "No", "Unknown")
US_MD_SENIOR, US_DO_SENIOR, US_IMG, NON_US_IMG = "US MD senior", "US DO senior", "US-citizen IMG", "non-US IMG"
APPLICANT_KINDS = (US_MD_SENIOR, US_DO_SENIOR, US_IMG, NON_US_IMG)
"""The kinds of applicant NRMP reports match rates for; the application model's base rates follow the kind."""
IMG_KINDS = (US_IMG, NON_US_IMG)
NO_PREFERENCE = "No preference"
CENSUS_DIVISIONS: dict[str, tuple[str, ...]] = {
    "New England": ("CT", "ME", "MA", "NH", "RI", "VT"),
    "Middle Atlantic": ("NJ", "NY", "PA"),
    "East North Central": ("IL", "IN", "MI", "OH", "WI"),
    "West North Central": ("IA", "KS", "MN", "MO", "NE", "ND", "SD"),
    "South Atlantic": ("DE", "DC", "FL", "GA", "MD", "NC", "SC", "VA", "WV"),
    "East South Central": ("AL", "KY", "MS", "TN"),
    "West South Central": ("AR", "LA", "OK", "TX"),
    "Mountain": ("AZ", "CO", "ID", "MT", "NV", "NM", "UT", "WY"),
    "Pacific": ("AK", "CA", "HI", "OR", "WA"),
}
"""The nine US Census divisions ERAS offers as a geographic preference, with their states (territories: none)."""
DIVISION_OF = {state: division for division, states in CENSUS_DIVISIONS.items() for state in states}
MAX_GEOGRAPHIC_PREFERENCES = 3


@dataclass(frozen=True)
class Column:
    """One column of an input table (or one field of the Profile table)."""

    name: str
    kind: Kind = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    hint: str = ""
    width: float = 14
    unique: bool = False
    attr: str = ""  # Profile only: the attribute of ``Profile`` this field fills
    default: Any = None  # Profile only: value used when blank, and shown in the template
    blank: Any = None  # Profile only: what a blank field means when the template shows nothing ("Visa needed": None)
    new: bool = False  # added in this version: a workbook made before it lacks the column, which is named on Checks

    @property
    def dropdown(self) -> tuple[str, ...]:
        """The values a dropdown offers (choices; empty for free input)."""
        return self.choices if self.kind == "choice" else ()


@dataclass(frozen=True)
class InputTable:
    """An input sheet holding one Excel table of the same name."""

    name: str
    columns: tuple[Column, ...]
    hint: str
    key_value: bool = False  # Profile and Settings: two-column tables of names and values
    required: bool = False  # a season cannot be planned without it: a workbook lacking it is refused

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _c(name: str, kind: Kind = "text", **kw: Any) -> Column:
    return Column(name, kind, **kw)


PROFILE_FIELDS: tuple[Column, ...] = (
    _c("Full name", required=True, attr="full_name", hint="As on your ERAS application."),
    _c("Email", "email", attr="email"),
    _c("AAMC ID", attr="aamc_id"),
    _c("ERAS ID", attr="eras_id"),
    _c("Specialty", attr="specialty", hint="e.g. Internal Medicine"),
    _c("Visa needed", "choice", choices=("None", "J-1", "H-1B", "J-1 or H-1B"), attr="visa_needed", blank="None"),
    _c("Step 1", "step1", attr="step1", hint="Pass, Fail, or a numeric score"),
    _c("Step 2 CK", "number", minimum=1, maximum=300, attr="step2ck"),
    _c("Step 3", "choice", choices=("Passed", "Scheduled", "Not taken"), attr="step3", blank="Not taken"),
    _c("Step 3 date", "date", attr="step3_date"),
    _c("Graduation year", "year", attr="graduation_year"),
    _c("US clinical experience (months)", "number", minimum=0, maximum=600, attr="usce_months"),
    _c("Current city", attr="current_city"),
    _c("Current state", "state", attr="current_state", hint="2-letter code; blank when abroad"),
    _c("Current country", attr="current_country"),  # blank: the US; an applicant abroad writes theirs
    _c("In US from", "date", attr="in_us_from", hint="First day you are in the US this season"),
    _c("In US until", "date", attr="in_us_until", hint="Last day you are in the US this season"),
    _c("Second look budget", "money", minimum=0, attr="budget"),
    _c("Max second looks", "integer", minimum=0, maximum=20, attr="max_second_looks", default=2),
    _c("Career interests", "list", attr="career_interests", hint="; between items"),
    _c(
        "Preferred regions",
        "list",
        choices=REGION_NAMES,
        attr="preferred_regions",
        hint="Northeast; Midwest; South; West",
    ),
    _c("Support cities", "cities", attr="support_cities", hint="City, ST; City, ST"),
    _c("Application budget", "money", minimum=0, attr="application_budget", new=True,
       hint="USD for the season's application fees (ERAS, and an IMG's token and transcript); blank: no limit"),
    _c("Match chance wanted", "percent", minimum=1, maximum=99, attr="match_chance_wanted", default=80, new=True,
       hint="The estimated match chance your application list aims for"),
    _c("Applicant kind", "choice", choices=APPLICANT_KINDS, attr="applicant_kind", new=True,
       hint="Blank: non-US IMG when you need a visa, else read as US-citizen IMG"),
    _c("Home ZIP", "zip", attr="home_zip", new=True,
       hint="Where you live in the US, if you want trips to start there (blank: the centre of Current city)"),
    _c("Geographic preference", "list", choices=(*CENSUS_DIVISIONS, NO_PREFERENCE), attr="geographic_preference",
       new=True, hint="Up to 3 US Census divisions as in ERAS, ; between them, or No preference"),
)

PROGRAM_COLUMNS: tuple[Column, ...] = (
    _c("Program", required=True, unique=True, width=34),
    _c("Program ID", width=13),
    _c("Specialty", width=18),
    _c("City", required=True, width=16),
    _c("State", "state", required=True, width=7),
    _c("ZIP", "zip", width=8),
    _c("Sponsors J-1", "choice", choices=YES_NO_UNKNOWN, width=10),
    _c("Sponsors H-1B", "choice", choices=YES_NO_UNKNOWN, width=10),
    _c("IMG share (%)", "percent", minimum=0, maximum=100, width=10),
    _c("Min Step 2 CK", "number", minimum=1, maximum=300, width=10),
    _c("Typical Step 2 CK", "number", minimum=1, maximum=300, width=10),
    _c("Max years since graduation", "number", minimum=0, maximum=60, width=12),
    _c("Min US clinical experience (months)", "number", minimum=0, maximum=600, width=14),
    _c("Interview date", "date", width=12),
    _c("Interview format", "choice", choices=("In-person", "Virtual"), width=11),
    _c("Interview impression", "choice", choices=("Positive", "Neutral", "Negative"), width=12),
    _c("My rank", "integer", minimum=1, maximum=300, width=8),
    _c("Long-term fit", "integer", minimum=1, maximum=5, width=9),
    _c(
        "Second look policy",
        "choice",
        choices=("Offered", "Virtual only", "Discouraged", "Not offered", "Unknown"),
        width=13,
    ),
    _c("Second look from", "date", width=12),
    _c("Second look until", "date", width=12),
    _c("Virtual session date", "date", width=12),
    _c("Unanswered questions", "list", width=36),
    _c("Reasons for interest", width=36),
    _c("Program director", width=20),
    _c("Coordinator", width=18),
    _c("Coordinator email", "email", width=26),
    _c("Notes", width=30),
    _c("Status", "choice", choices=STATUSES, width=14, new=True),
    _c("Signal", "choice", choices=SIGNALS, width=9, new=True),
    _c("Positions", "integer", minimum=0, maximum=500, width=9, new=True),
    _c("Highlight", width=36, new=True),
    _c("People met", width=36, new=True),  # Name (role) <email>; ...: each gets a thank-you draft
)

COMMITMENT_COLUMNS: tuple[Column, ...] = (
    _c("What", required=True, width=28),
    _c("Type", "choice", choices=("Exam", "Visa appointment", "Work", "Travel", "Other"), width=16),
    _c("Start", "date", required=True, width=12),
    _c("End", "date", width=12),
    _c("City", width=16),
    _c("State", "state", width=7),
    _c("Can move", "choice", choices=("Yes", "No"), width=10),
)

RATING_AREAS = ("Resident culture", "Training quality", "Visa support", "Quality of life")

RATING_COLUMNS: tuple[Column, ...] = (
    _c("Program", required=True, width=34),
    _c("Area", "choice", required=True, choices=RATING_AREAS, width=18),
    _c("Rating", "integer", required=True, minimum=1, maximum=5, width=8),
    _c("Notes", width=50),
)

SETTING_COLUMNS: tuple[Column, ...] = (
    _c("Setting", required=True, width=34),
    _c("Value", width=14),
    _c("Meaning", width=90),
)

TEMPLATE_COLUMNS: tuple[Column, ...] = (
    _c("Name", required=True, unique=True, width=18),
    _c("Subject", required=True, width=50),
    _c("Body", required=True, width=100),
)

PROFILE_COLUMNS: tuple[Column, ...] = (_c("Field", required=True, width=34), _c("Value", width=40))

INPUT_TABLES: tuple[InputTable, ...] = (
    InputTable(
        "Profile", PROFILE_COLUMNS, "Your profile: one value per field. Dates as dates, money in USD.", key_value=True,
        required=True,
    ),
    InputTable(
        "Programs", PROGRAM_COLUMNS, "One row per program you interviewed with. Program, City and State are required.",
        required=True,
    ),
    InputTable(
        "Commitments",
        COMMITMENT_COLUMNS,
        "Exams, visa appointments, work and travel that second looks must not clash with.",
    ),
    InputTable("Ratings", RATING_COLUMNS, "Your 1-5 ratings during and after visits, one row per program and area."),
    InputTable(
        "Settings",
        SETTING_COLUMNS,
        "Rule thresholds, fit weights, cost assumptions and public facts. Blank Value = default.",
        key_value=True,
    ),
    InputTable(
        "Templates", TEMPLATE_COLUMNS, "Email templates. Edit the wording; keep {{ placeholders }} you want filled."
    ),
)

OUTPUT_SHEETS: tuple[str, ...] = (
    "Applications",
    "Fit",
    "Second Look",
    "Trips",
    "Season Calendar",
    "Emails",
    "Visit Guide",
    "Compare",
    "Rank Draft",
    "Checks",
)

INPUT_BY_NAME = {t.name: t for t in INPUT_TABLES}


def fold(text: object) -> str:
    """A header or name folded for matching: case- and space-insensitive."""
    return "".join(str(text).split()).casefold()


def fold_choice(text: object) -> str:
    """A dropdown value folded for matching: case, spaces and punctuation ignored ("j1" is "J-1")."""
    return re.sub(r"[\W_]+", "", str(text).casefold())


def header_row(rows: list[list[Any]], spec: InputTable) -> int | None:
    """Where the headers of a table pasted without Insert > Table are: the first of the top ten rows naming at
    least two of its columns."""
    names = {fold(c.name) for c in spec.columns}
    for i, row in enumerate(rows[:10]):
        if sum(fold(v) in names for v in row if v is not None and str(v).strip()) >= 2:
            return i
    return None



US_STATES = frozenset(
    (
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
        "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC",
        "ND", "OH", "OK", "OR", "PA", "PR", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "VI", "WA", "WV",
        "WI", "WY", "GU", "AS", "MP",
    )
)
"""The 2-letter codes a State cell may hold: the states, DC and the territories."""


def split_list(value: object) -> list[str]:
    """The items of a ``;``-separated cell, stripped, blanks dropped."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    return [item.strip() for item in str(value).split(";") if item.strip()]

