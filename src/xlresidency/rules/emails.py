"""Emails to programs: templates, rendering, the NRMP policy check and mail links (``exports.eml`` writes the
.eml files).

Templates are Jinja2 text with ``{{ placeholder }}`` fields (the names are ``PLACEHOLDERS``). The packaged
defaults live in ``templates/emails/``, one file per kind: a first line ``Subject: ...``, a blank line, then the
body. ``xlresidency new`` copies them into the workbook's Templates table, and from then on the table's wording
wins; a kind missing from the table falls back to its packaged default.

A placeholder without a value is never rendered blank: it stays visible as ``{{ name }}`` in the draft, and is
reported in the Policy check column and on the Checks sheet (except ``{{ highlight }}``, which only the visit
itself can fill: the Policy check names it, Checks does not). A template that cannot be parsed or filled in
raises ``TemplateError`` naming it (the Emails sheet turns that into a Checks problem for its drafts instead).

Emails are written for the day they are sent. An inquiry goes out before the trip that holds its visit, so
``{{ interview_done }}`` is false when the program's Interview date falls on or after the first day that trip
spends in the program's city (or on or after ``today``, when a caller says when the drafts are sent): the
packaged inquiry then looks forward to the interview instead of thanking for it (``{% if interview_done %}``).
The same workbook always gives the same drafts. ``{{ working_day }}`` is true when the visit falls on a working day
(Monday to Friday, not a federal holiday): only then does the packaged thank-you speak of a regular working day.
The thank-you's ``{{ highlight }}``
is the program's Highlight cell on Programs, never a private Ratings note.

Parsing and filling in are Jinja2's work (``rendering``); each template's placeholders and each draft are kept in a
memo (``core.memo``, by digest) for as long as that code and Jinja2 are the same, so a run whose templates and
values are as before renders nothing again.

The policy check itself (``policy_check``, ``policy_findings``) lives in ``policy``, which draws the line between
interest, which is allowed ("you are a top choice for me", "I would be thrilled to train here"), and asking
about or promising a rank position, which is not ("Where am I on your rank list?", "you are my number one
program"): a top choice among several is interest; first, number one, my top choice, top three is a position.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pandas as pd

from ..core.cells import is_blank
from ..core.errors import TemplateError
from ..core.memo import DiskMemo, code_version, digest
from ..core.records import Problem, Profile
from ..core.resources import resource_text
from ..core.schema import split_list
from ..ground.days import format_date_ranges, format_dates, is_working_day
from .policy import MAX_SUBJECT_CHARS as MAX_SUBJECT_CHARS
from .policy import MAX_WORDS as MAX_WORDS
from .policy import policy_check as policy_check
from .policy import policy_findings
from .second_look import VIRTUAL, VISIT, Decided

INQUIRY, THANK_YOU, FOLLOW_UP = "Inquiry", "Thank you", "Follow-up"
KINDS: tuple[str, ...] = (INQUIRY, THANK_YOU, FOLLOW_UP)
TEMPLATE_FILES = {INQUIRY: "emails/inquiry.txt", THANK_YOU: "emails/thank_you.txt", FOLLOW_UP: "emails/follow_up.txt"}

MAX_LINK_CHARS = 2000  # beyond about this length mail programs and browsers cut mailto: links


@dataclass(frozen=True)
class Placeholder:
    """A field a template may use, and where the applicant fills it in."""

    meaning: str
    sheet: str
    column: str
    where: str = ""  # how the Policy check points to it, when not simply "<column> on <sheet>"

    @property
    def hint(self) -> str:
        return self.where or f"{self.column} on {self.sheet}"


_NOT_PLANNED = "no second-look day is planned yet"
_PLAN_FIX = ("Fill in Second look from and Second look until (the days the program offers visits), so a day can be "
             "planned; or type your dates into the email yourself.")
_PLANNED = frozenset({"visit_date", "visit_dates"})

PLACEHOLDERS: dict[str, Placeholder] = {
    "applicant_name": Placeholder("your full name", "Profile", "Full name"),
    "applicant_email": Placeholder("your email address", "Profile", "Email"),
    "aamc_id": Placeholder("your AAMC ID", "Profile", "AAMC ID"),
    "eras_id": Placeholder("your ERAS ID", "Profile", "ERAS ID"),
    "applicant_id": Placeholder("your AAMC ID (or ERAS ID)", "Profile", "AAMC ID"),
    "specialty": Placeholder("the specialty", "Programs", "Specialty"),
    "program": Placeholder("the program's name", "Programs", "Program"),
    "program_director": Placeholder("the program director", "Programs", "Program director"),
    "coordinator": Placeholder("the coordinator's name", "Programs", "Coordinator"),
    "city": Placeholder("the program's city", "Programs", "City"),
    "interview_date": Placeholder("the interview date", "Programs", "Interview date"),
    "reasons": Placeholder("your reasons for interest", "Programs", "Reasons for interest"),
    "virtual_session_date": Placeholder("the virtual session date", "Programs", "Virtual session date"),
    "visit_date": Placeholder("the second-look date", "Programs", "Second look from", _NOT_PLANNED),
    "visit_dates": Placeholder("the dates you will be in the city", "Programs", "Second look from", _NOT_PLANNED),
    "interview_done": Placeholder("whether the interview has taken place", "Programs", "Interview date"),
    "working_day": Placeholder("whether the visit falls on a working day", "Programs", "Second look from"),
    "highlight": Placeholder("something you noticed on the visit", "Programs", "Highlight"),
    "recipient": Placeholder("the name of the person the email is to", "Programs", "Coordinator",
                             "Coordinator (or the name under People met) on Programs"),
    "person_met": Placeholder("whether the email goes to someone met on the visit", "Programs", "People met"),
}

_HOW_TO_FIX = {
    "visit_dates": _PLAN_FIX,
    "visit_date": _PLAN_FIX,
    "applicant_id": "Fill in AAMC ID (or ERAS ID) on the Profile sheet.",
    "specialty": "Fill in Specialty on the Programs sheet or on your Profile.",
}


# --------------------------------------------------------------------------------------------------
# Templates.


@dataclass(frozen=True)
class Template:
    """One email template: its name (the kind of email), subject and body, and where its text came from."""

    name: str
    subject: str
    body: str
    row: int | None = None  # the Templates table row, when the workbook's text is used
    where: str = field(default="", compare=False)  # how messages name the row; "" means "Templates row <row>"


def parse_template_file(text: str, name: str) -> Template:
    """A packaged template file: ``Subject: ...`` on the first line, a blank line, then the body."""
    first, _, rest = text.partition("\n")
    if not first.startswith("Subject:"):
        raise TemplateError(f"Template '{name}' must start with a 'Subject:' line")
    return Template(name, first.removeprefix("Subject:").strip(), rest.lstrip("\n").rstrip() + "\n")


def packaged_templates() -> dict[str, Template]:
    """The default templates shipped with xlresidency, by name."""
    return {name: parse_template_file(resource_text(path), name) for name, path in TEMPLATE_FILES.items()}


def default_templates() -> pd.DataFrame:
    """The packaged templates as rows of the Templates table (Name, Subject, Body)."""
    return pd.DataFrame(
        [[t.name, t.subject, t.body.rstrip("\n")] for t in packaged_templates().values()],
        columns=["Name", "Subject", "Body"],
    )


def kind_of(name: object) -> str | None:
    """The kind of email a template name means ("thank-you", "Thank you", "THANK_YOU" all mean Thank you)."""
    key = re.sub(r"[^a-z0-9]", "", str(name).casefold())
    return next((kind for kind in KINDS if re.sub(r"[^a-z0-9]", "", kind.casefold()) == key), None)


def workbook_templates(table: pd.DataFrame | None, row_label: str = "Templates row") -> dict[str, Template]:
    """The templates in force: the workbook's Templates table where it has a row, else the packaged default.

    Names are matched ignoring case, spaces and punctuation; a row with a blank Subject or Body, or a Name that
    is no kind of email xlresidency writes, is not used (``unused_template_rows`` names those). Messages name a
    row as ``row_label`` and the table's index ("Templates row 3"; cell functions say "Templates table row 1").
    """
    templates = packaged_templates()
    if table is None or table.empty or not {"Name", "Subject", "Body"} <= set(table.columns):
        return templates
    usable = table[(table["Subject"].astype(str).str.strip() != "") & (table["Body"].astype(str).str.strip() != "")]
    taken: set[str] = set()
    for row, name, subject, body in zip(usable.index, usable["Name"], usable["Subject"], usable["Body"], strict=True):
        kind = kind_of(name)
        if kind is None or kind in taken:
            continue  # not a kind we write, or a duplicate Name: the first row counts
        taken.add(kind)
        templates[kind] = Template(kind, str(subject).strip(), str(body).replace("\r\n", "\n").rstrip() + "\n",
                                   int(row), f"{row_label} {int(row)}")
    return templates


def unused_template_rows(table: pd.DataFrame | None) -> list[Problem]:
    """Templates rows whose Name is no kind of email xlresidency writes (they would be silently ignored)."""
    if table is None or table.empty or "Name" not in table.columns:
        return []
    names = table["Name"].astype(str).str.strip()
    unknown = names[(names != "") & names.map(kind_of).isna()]
    return [Problem("Templates", int(row), "Name", f"No email is called '{name}'; this template is not used",
                    "Name it one of: " + ", ".join(KINDS) + ".")
            for row, name in zip(unknown.index.tolist(), unknown.tolist(), strict=True)]


@functools.cache
def _memo() -> DiskMemo:
    """Template placeholders and drafts worked out on earlier runs: valid for this package's rendering code and
    the Jinja2 installed (told apart by their source)."""
    here, jinja = Path(__file__).parent, importlib.util.find_spec("jinja2")
    sources = [here / "rendering.py", here / "templating.py", *([Path(jinja.origin)] if jinja and jinja.origin else [])]
    return DiskMemo("email-drafts", code_version(sources), limit=300)


@dataclass(frozen=True)
class Compiled:
    """A template checked once: its name, its text, and every placeholder it uses."""

    name: str
    subject: str
    body: str
    fields: frozenset[str]


def compile_template(template: Template) -> Compiled:
    """Check a template and find its placeholders; a syntax error raises ``TemplateError`` naming the template,
    the part and the line."""
    key = digest(repr(("fields", template.subject, template.body)))
    if (known := _memo().get(key)) is not None:
        return Compiled(template.name, template.subject, template.body, frozenset(map(str, known)))
    from . import rendering  # Jinja2, only for a template not met before

    try:
        fields = rendering.parse(template.subject, template.body).fields
    except rendering.SyntaxProblem as problem:
        where = template.where or (f"Templates row {template.row}" if template.row is not None
                                   else "the packaged default")
        raise TemplateError(f"Template '{template.name}' ({where}) has a syntax error in its {problem.part} on "
                            f"line {problem.line}: {problem.message}") from None
    _memo().put(key, sorted(fields))
    return Compiled(template.name, template.subject, template.body, fields)


@dataclass(frozen=True)
class Draft:
    """One rendered email, with the placeholders that had no value and those the template misspelt."""

    subject: str
    body: str
    missing: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()


def render(template: Template | Compiled, context: Mapping[str, Any]) -> Draft:
    """One draft from a template and the placeholder values (blank values count as missing).

    Anything that goes wrong while filling in (the sandbox refusing ``{{ ''.__class__ }}``, a loop or text over the
    bounds of ``templating``, a bad filter) raises ``TemplateError`` naming the template.
    """
    compiled = template if isinstance(template, Compiled) else compile_template(template)
    values = {k: v for k, v in context.items() if not is_blank(v)}
    missing = tuple(sorted(f for f in compiled.fields if f in PLACEHOLDERS and f not in values))
    unknown = tuple(sorted(f for f in compiled.fields if f not in PLACEHOLDERS and f not in values))
    key = digest(repr(("draft", compiled.subject, compiled.body, sorted(values.items()))))
    if (known := _memo().get(key)) is not None:
        return Draft(str(known[0]), str(known[1]), missing, unknown)
    from . import rendering  # Jinja2, only for a draft not met before

    try:
        subject, body = rendering.fill(rendering.parse(compiled.subject, compiled.body), values)
    except Exception as exc:  # sandbox refusals, bad filters, runaway loops: the applicant's template, not a bug
        raise TemplateError(f"Template '{compiled.name}' cannot be filled in: {exc}") from None
    _memo().put(key, [subject, body])
    return Draft(subject, body, missing, unknown)


# --------------------------------------------------------------------------------------------------
# Mail links (the .eml files are written by ``exports.eml``).


def mailto_link(to: str, subject: str, body: str) -> tuple[str, str]:
    """A ``mailto:`` link with subject and body URL-encoded, and a note ("" when the whole email fits).

    When the link would be too long for mail programs, it carries the subject only and the note says so.
    """
    address = quote(to.strip(), safe="@.+")
    full = f"mailto:{address}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"
    if len(full) <= MAX_LINK_CHARS:
        return full, ""
    short = f"mailto:{address}?subject={quote(subject, safe='')}"
    return short, "The mail link holds the subject only (the email is too long for a link): paste the Body in."


# --------------------------------------------------------------------------------------------------
# Placeholder values, column by column.


def applicant_values(profile: Profile) -> dict[str, str]:
    """The placeholders that come from the Profile."""
    ident = f"AAMC ID {profile.aamc_id}" if profile.aamc_id else (
        f"ERAS ID {profile.eras_id}" if profile.eras_id else "")
    return {
        "applicant_name": profile.full_name,
        "applicant_email": profile.email,
        "aamc_id": profile.aamc_id,
        "eras_id": profile.eras_id,
        "applicant_id": ident,
    }


def program_values(plan: Decided, today: dt.date | None = None) -> pd.DataFrame:
    """The program and plan placeholders for every program of the season (one column each).

    The index is the Programs row; ``program`` .. ``highlight`` hold text, "" where there is no value. Visit days
    come from the plan: the day placed, and the days the trip spends in the program's city. ``interview_done`` is
    False when the Interview date is on or after the day the inquiry is sent: ``today`` when given, else the
    first day of the visit's stay in the city (the inquiry goes out before that trip); True otherwise, a blank
    date or no planned visit included (a blank date shows as ``{{ interview_date }}``). The highlight is the
    program's Highlight cell, which the applicant fills in after the visit; private Ratings notes never go into
    an email.
    """
    season, decision = plan.season, plan.decision.reindex(plan.season.programs.index)
    programs = season.programs
    look_date = pd.to_datetime(decision["Date"], errors="coerce").astype("datetime64[ns]")
    stays = pd.DataFrame.from_dict({row: {"first": pd.Timestamp(first), "last": pd.Timestamp(last)}
                                    for row, (first, last) in plan.stays.items()}, orient="index",
                                   columns=["first", "last"]).reindex(programs.index)
    first = pd.to_datetime(stays["first"]).astype("datetime64[ns]").fillna(look_date)
    last = pd.to_datetime(stays["last"]).astype("datetime64[ns]").fillna(look_date)
    specialty = programs["Specialty"].where(programs["Specialty"] != "", season.profile.specialty)
    return pd.DataFrame(
        {
            "program": programs["Program"],
            "program_director": programs["Program director"],
            "coordinator": programs["Coordinator"],
            "to": programs["Coordinator email"],
            "city": programs["City"],
            "specialty": specialty,
            "interview_date": format_dates(programs["Interview date"]),
            "reasons": programs["Reasons for interest"].astype(str).str.strip().str.rstrip("."),
            "virtual_session_date": format_dates(programs["Virtual session date"]),
            "visit_date": format_dates(look_date),
            "visit_dates": format_date_ranges(first, last),
            "interview_done": ~(pd.to_datetime(programs["Interview date"], errors="coerce").dt.normalize()
                                >= (first.dt.normalize() if today is None else pd.Timestamp(today))),
            "working_day": look_date.map(lambda day: day is not pd.NaT and is_working_day(day.date())).astype(bool),
            "highlight": programs["Highlight"].fillna("").astype(str).str.strip().str.rstrip(" .").astype(object),
            "recommendation": decision["Recommendation"].fillna("").astype(object),
            "priority": pd.to_numeric(decision["Priority"], errors="coerce"),
            "my_rank": programs["My rank"],
            "has_window": programs["Second look from"].notna() | programs["Second look until"].notna(),
        },
        index=programs.index,
    )


# --------------------------------------------------------------------------------------------------
# The Emails sheet.

EMAIL_COLUMNS = ["Program", "Kind", "To", "Subject", "Body", "Open in mail", "Policy check"]

_ADDRESS = re.compile(r"<?\b([\w.+'-]+@[\w-]+(?:\.[\w-]+)+)\b>?")
_ROLE = re.compile(r"\(([^)]*)\)")


@dataclass(frozen=True)
class Person:
    """Someone who spent real time with the applicant on a visit, from the People met cell."""

    name: str
    role: str = ""
    email: str = ""


def people_met(cell: object) -> list[Person]:
    """The people in a People met cell: ``;``-separated entries ``Name (role) <address>``, role and address optional
    and in any order ("Dr. Ana Ruiz (program director) <ana@example.org>; Sam Lee (chief resident)")."""
    found: list[Person] = []
    for entry in split_list("" if is_blank(cell) else cell):
        email = next(iter(_ADDRESS.findall(entry)), "")
        role = ", ".join(r.strip() for r in _ROLE.findall(entry) if r.strip())
        name = " ".join(_ROLE.sub(" ", _ADDRESS.sub(" ", entry)).replace("<>", " ").split()).strip(" ,-–:")
        if name or email:
            found.append(Person(name, role, email))
    return found


def _missing_text(names: Iterable[str]) -> str:
    return "Missing: " + ", ".join(f"{PLACEHOLDERS[n].meaning} ({PLACEHOLDERS[n].hint})" for n in names)


def _problem_for(name: str, kind: str, program: str, row: int | None) -> Problem:
    spec = PLACEHOLDERS[name]
    where = row if spec.sheet == "Programs" else None
    how = _HOW_TO_FIX.get(name, f"Fill in {spec.column} on the {spec.sheet} sheet.")
    return Problem(spec.sheet, where, spec.column,
                   f"The {kind.lower()} email to {program} needs {spec.meaning}; it is shown as {{{{ {name} }}}}", how)


def drafts(plan: Decided, today: dt.date | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """The email drafts (EMAIL_COLUMNS) and the problems to show on Checks.

    Each Visit program gets an inquiry and a thank-you draft to its coordinator, and a thank-you to each person
    under its People met (``{{ recipient }}`` is their name, ``{{ person_met }}`` is true); each Virtual program a
    follow-up. Visit programs come first in Priority order, then Virtual ones by My rank. An inquiry to a program
    whose interview is still ahead when it is sent (see ``program_values``) looks forward to it.
    """
    season = plan.season
    problems: list[Problem] = unused_template_rows(season.templates)
    templates = workbook_templates(season.templates)
    compiled: dict[str, Compiled | TemplateError] = {}
    for kind in KINDS:
        try:
            compiled[kind] = compile_template(templates[kind])
        except TemplateError as exc:
            compiled[kind] = exc
            problems.append(Problem("Templates", templates[kind].row, "Body", str(exc),
                                    "Fix the {{ }} and {% %} marks, or delete the row to use the packaged wording."))
    if plan.decision.empty or season.programs.empty:
        return pd.DataFrame(columns=EMAIL_COLUMNS), problems
    values = program_values(plan, today)
    visits = values[values["recommendation"] == VISIT].sort_values(["priority", "my_rank"], kind="stable")
    virtual = values[values["recommendation"] == VIRTUAL].sort_values(["my_rank"], kind="stable")
    met = season.programs["People met"]
    wanted: list[tuple[Any, str, Person | None]] = [
        (row, kind, person) for row in visits.index
        for kind, person in [(INQUIRY, None), (THANK_YOU, None),
                             *((THANK_YOU, someone) for someone in people_met(met.get(row)))]
    ] + [(row, FOLLOW_UP, None) for row in virtual.index]
    applicant = applicant_values(season.profile)
    records = []
    reported: set[tuple[str, int | None, str]] = set()
    columns = list(values.columns)
    for row, kind, person in wanted:  # one render per draft: bounded by the Visit and Virtual programs
        record = dict(zip(columns, values.loc[row].tolist(), strict=True))
        record["recipient"] = person.name if person else record["coordinator"]
        record["person_met"] = person is not None
        if person is not None:
            record["to"] = person.email
        template = compiled[kind]
        to = str(record["to"])
        if isinstance(template, TemplateError):
            records.append([record["program"], kind, to, "", "", "", f"Template cannot be used: {template}"])
            continue
        try:
            draft = render(template, {**applicant, **record})
        except TemplateError as exc:  # one broken template spoils its drafts, not the run
            records.append([record["program"], kind, to, "", "", "", f"Template cannot be used: {exc}"])
            if ("Templates", templates[kind].row, "Body") not in reported:
                reported.add(("Templates", templates[kind].row, "Body"))
                problems.append(Problem("Templates", templates[kind].row, "Body", str(exc),
                                        "Remove what the template computes, or delete the row to use the packaged "
                                        "wording."))
            continue
        link, link_note = mailto_link(to, draft.subject, draft.body)
        notes = [] if not draft.missing else [_missing_text(draft.missing)]
        notes += [f"Unknown placeholder {{{{ {name} }}}} in template '{kind}'" for name in draft.unknown]
        if not to:
            notes.append("No address: fill in Coordinator email on Programs" if person is None else
                         f"No address for {person.name}: add it after the name under People met, as <address>")
        if person is not None and "recipient" not in template.fields:
            notes.append("The thank-you template greets the coordinator: put {{ recipient }} where the name goes so "
                         f"this email greets {person.name or 'the person you met'}")
        findings = [reason for name, reason in policy_findings(draft.subject, draft.body)
                    if not (name == "leftover_placeholder" and (draft.missing or draft.unknown))]
        notes += findings + ([link_note] if link_note else [])
        records.append([record["program"], kind, to, draft.subject, draft.body, link, "; ".join(notes) or "OK"])
        for name in draft.missing:
            if name in _PLANNED and record["has_window"]:
                continue  # the input is there; the plan found no day, and the Second Look sheet says why
            if name == "highlight":
                continue  # the Highlight cell is filled in after the visit: nothing is missing before it
            problem = _problem_for(name, kind, str(record["program"]), int(row))
            if (problem.sheet, problem.row, problem.column) not in reported:
                reported.add((problem.sheet, problem.row, problem.column))
                problems.append(problem)
        for name in draft.unknown:
            if ("Templates", templates[kind].row, name) not in reported:
                reported.add(("Templates", templates[kind].row, name))
                problems.append(Problem("Templates", templates[kind].row, "Body",
                                        f"Template '{kind}' uses {{{{ {name} }}}}, which xlresidency does not fill",
                                        "Use one of: " + ", ".join(PLACEHOLDERS) + "."))
    return pd.DataFrame(records, columns=EMAIL_COLUMNS), problems
