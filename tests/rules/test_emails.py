"""Email templates, the policy check, mail links, .eml files and the Emails sheet."""

from __future__ import annotations

import datetime as dt
import shutil
import time
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from factories import make_season, plan_of
from xlresidency import regenerate
from xlresidency.core.errors import TemplateError
from xlresidency.core.schema import fold
from xlresidency.ground import days
from xlresidency.rules import emails, guide
from xlresidency.rules.emails import FOLLOW_UP, INQUIRY, THANK_YOU
from xlresidency.sheets.emails import emails_sheet

HERE = Path(__file__).resolve().parents[1]
GOLDEN = HERE / "golden"

CONTEXT = {
    "applicant_name": "Amina Test",
    "applicant_id": "AAMC ID 12345678",
    "specialty": "Internal Medicine",
    "program": "Lakeshore Internal Medicine",
    "program_director": "Dr. Rivera",
    "coordinator": "Pat Lee",
    "recipient": "Pat Lee",
    "person_met": False,
    "city": "Chicago",
    "interview_date": "December 10, 2026",
    "interview_done": True,
    "reasons": "its cardiology exposure and the residents' obvious support for one another",
    "visit_dates": "February 2–4, 2027",
    "visit_date": "February 3, 2027",  # a Wednesday
    "working_day": True,
    "virtual_session_date": "January 15, 2027",
    "highlight": "seniors teaching interns at the bedside during sign-out",
}
GOLDEN_FILES = {INQUIRY: "inquiry.txt", THANK_YOU: "thank_you.txt", FOLLOW_UP: "follow_up.txt"}


def as_file(draft: emails.Draft) -> str:
    return f"Subject: {draft.subject}\n\n{draft.body}\n"


# --- templates --------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", emails.KINDS)
def test_packaged_template_renders_exactly_as_golden(kind):
    draft = emails.render(emails.packaged_templates()[kind], CONTEXT)
    assert draft.missing == () and draft.unknown == ()
    assert as_file(draft) == (GOLDEN / GOLDEN_FILES[kind]).read_text(encoding="utf-8")
    assert emails.policy_check(draft.subject, draft.body) == "OK"


def test_inquiry_before_the_interview_looks_forward_to_it():
    draft = emails.render(emails.packaged_templates()[INQUIRY], {**CONTEXT, "interview_done": False})
    assert as_file(draft) == (GOLDEN / "inquiry_before_interview.txt").read_text(encoding="utf-8")
    assert "I look forward to my interview at Lakeshore Internal Medicine on December 10, 2026" in draft.body
    assert "Thank you again" not in draft.body and "come back" not in draft.body
    assert draft.missing == () and emails.policy_check(draft.subject, draft.body) == "OK"


def test_a_thank_you_speaks_of_a_working_day_only_for_a_working_day_visit():
    template = emails.packaged_templates()[THANK_YOU]
    weekday = emails.render(template, CONTEXT)
    weekend = emails.render(template, {**CONTEXT, "visit_date": "February 6, 2027", "working_day": False})
    assert "on a regular working day" in weekday.body and "working day" not in weekend.body
    assert "Seeing the program up close answered a great deal for me." in weekend.body
    assert weekend.missing == () and emails.policy_check(weekend.subject, weekend.body) == "OK"


def test_default_templates_table_rows():
    table = emails.default_templates()
    assert list(table.columns) == ["Name", "Subject", "Body"]
    assert list(table["Name"]) == list(emails.KINDS)
    assert not table["Body"].str.endswith("\n").any()
    inquiry = table.set_index("Name").loc[INQUIRY, "Body"]
    for field in ("interview_date", "reasons", "visit_dates", "applicant_name", "applicant_id"):
        assert "{{ " + field + " }}" in inquiry
    assert "optional" in inquiry and "ranked" in inquiry  # visits are optional and do not affect ranking
    thanks = table.set_index("Name").loc[THANK_YOU, "Body"]
    assert "{{ highlight }}" in thanks and "interest" in thanks


def test_every_packaged_placeholder_is_known():
    for template in emails.packaged_templates().values():
        assert emails.compile_template(template).fields <= set(emails.PLACEHOLDERS)


def test_workbook_text_wins_and_missing_kinds_fall_back():
    table = pd.DataFrame({"Name": [" thank YOU ", "Inquiry"], "Subject": ["Thanks, {{ program }}", ""],
                          "Body": ["Short note for {{ coordinator }}.", "ignored: blank subject"]},
                         index=pd.Index([5, 6], name="Row"))
    templates = emails.workbook_templates(table)
    assert templates[THANK_YOU] == emails.Template(THANK_YOU, "Thanks, {{ program }}", "Short note for "
                                                   "{{ coordinator }}.\n", 5)
    assert templates[INQUIRY] == emails.packaged_templates()[INQUIRY]
    assert templates[FOLLOW_UP] == emails.packaged_templates()[FOLLOW_UP]
    empty = pd.DataFrame(columns=["Name", "Subject", "Body"])
    assert emails.workbook_templates(empty) == emails.packaged_templates()
    assert emails.workbook_templates(None) == emails.packaged_templates()


def test_missing_value_stays_visible_and_is_reported():
    context = {**CONTEXT, "interview_date": "", "reasons": None}
    draft = emails.render(emails.packaged_templates()[INQUIRY], context)
    assert draft.missing == ("interview_date", "reasons")
    assert "on {{ interview_date }}." in draft.body
    assert "because of {{ reasons }}." in draft.body
    assert "Not filled in: {{ interview_date }}, {{ reasons }}" in emails.policy_check(draft.subject, draft.body)


def test_unknown_placeholder_is_reported_not_blank():
    draft = emails.render(emails.Template("Inquiry", "Hi {{ progam }}", "Body"), CONTEXT)
    assert draft.unknown == ("progam",)
    assert draft.subject == "Hi {{ progam }}"


def test_syntax_error_names_the_template_and_line():
    broken = emails.Template("Thank you", "Thanks", "Dear {{ coordinator },\n\nSee you", row=7)
    with pytest.raises(TemplateError) as info:
        emails.compile_template(broken)
    message = str(info.value)
    assert "'Thank you'" in message and "Templates row 7" in message and "Body" in message and "line 1" in message


def test_sandbox_refuses_python_internals():
    template = emails.Template("Inquiry", "x", "{{ program.__class__.__mro__ }}")
    with pytest.raises(TemplateError, match="Inquiry"):
        emails.render(template, CONTEXT)


def test_no_html_escaping():
    draft = emails.render(emails.Template("Inquiry", "{{ program }}", "{{ reasons }}"),
                          {"program": "Smith & Jones <IM>", "reasons": "its 'night float' & clinics"})
    assert draft.subject == "Smith & Jones <IM>"
    assert draft.body == "its 'night float' & clinics"


def test_template_file_needs_a_subject_line():
    with pytest.raises(TemplateError, match="'Inquiry'"):
        emails.parse_template_file("Hello\n\nbody", "Inquiry")


# --- mail links --------------------------------------------------------------------------------------


def decode(link: str) -> tuple[str, str, str]:
    parts = urlsplit(link)
    assert parts.scheme == "mailto"
    query = parse_qs(parts.query, keep_blank_values=True)
    return unquote(parts.path), query["subject"][0], query.get("body", [""])[0]


def test_mailto_decodes_back():
    body = "Dear Pat,\n\nQ&A at 9? 50% + more #1 café;\r\nthanks"
    link, note = emails.mailto_link("pat.lee@example.org", "Visit – a & b?", body)
    assert note == ""
    assert "+" not in link.split("?", 1)[1].replace("%2B", "")  # spaces are %20, never +
    assert " " not in link and "\n" not in link
    assert decode(link) == ("pat.lee@example.org", "Visit – a & b?", body)


@given(subject=st.text(max_size=80), body=st.text(max_size=300))
def test_mailto_round_trip_any_text(subject, body):
    link, note = emails.mailto_link("a@b.org", subject, body)
    if not note:
        parts = urlsplit(link)
        pairs = dict(pair.split("=", 1) for pair in parts.query.split("&"))
        assert unquote(pairs["subject"], errors="strict") == subject
        assert unquote(pairs["body"], errors="strict") == body


def test_mailto_too_long_keeps_subject_and_says_so():
    link, note = emails.mailto_link("pat@example.org", "Second look", "long text " * 400)
    assert len(link) <= emails.MAX_LINK_CHARS
    assert decode(link) == ("pat@example.org", "Second look", "")
    assert "subject only" in note


# --- the Emails sheet ------------------------------------------------------------------------------


def season(**overrides):
    programs = [
        {"Program": "Lakeshore IM", "My rank": 1, "Highlight": "The residents ran sign-out as a teaching session."},
        {"Program": "Riverside IM", "My rank": 2, "City": "Boston", "State": "MA",
         "Virtual session date": dt.date(2027, 1, 15)},
        {"Program": "Harbor IM", "My rank": 3, "Coordinator email": None},
        {"Program": "Skip Me IM", "My rank": 9},
    ]
    ratings = [
        {"Program": "Lakeshore IM", "Area": "Resident culture", "Rating": 5,
         "Notes": "Seniors taught interns at the bedside during sign-out."},
        {"Program": "Lakeshore IM", "Area": "Quality of life", "Rating": 3, "Notes": "Parking is expensive"},
    ]
    return make_season(programs=overrides.pop("programs", programs), ratings=ratings, **overrides)


SECOND_LOOK = pd.DataFrame({
    "Program": ["Lakeshore IM", "Riverside IM", "Harbor IM", "Skip Me IM"],
    "Recommendation": ["Visit", "Virtual", "Visit", "Skip"],
    "Priority": [2, None, 1, None],
    "Date": [pd.Timestamp("2027-02-03"), pd.NaT, pd.NaT, pd.NaT],
})
STAYS = {"Lakeshore IM": (dt.date(2027, 2, 2), dt.date(2027, 2, 4))}  # the trip's days in Chicago


def test_emails_sheet_drafts_per_recommendation():
    s = season()
    sheet = emails_sheet(plan_of(s, SECOND_LOOK, STAYS))
    frame = sheet.frame
    assert sheet.name == "Emails" and sheet.links == ("Open in mail",)
    assert list(frame.columns) == ["Program", "Kind", "To", "Subject", "Body", "Open in mail", "Policy check"]
    assert list(zip(frame["Program"], frame["Kind"], strict=True)) == [
        ("Harbor IM", INQUIRY), ("Harbor IM", THANK_YOU), ("Lakeshore IM", INQUIRY), ("Lakeshore IM", THANK_YOU),
        ("Riverside IM", FOLLOW_UP)]
    lakeshore = frame[frame["Program"] == "Lakeshore IM"].set_index("Kind")
    inquiry = lakeshore.loc[INQUIRY]
    assert inquiry["To"] == "pat.lee@example.org"
    assert "in Chicago on February 2–4, 2027" in inquiry["Body"]  # the days of the trip spent in the city
    assert "interview at Lakeshore IM on December 10, 2026" in inquiry["Body"]
    assert "AAMC ID 12345678" in inquiry["Body"] and "Amina Test" in inquiry["Body"]
    assert inquiry["Policy check"] == "OK"
    assert decode(inquiry["Open in mail"]) == ("pat.lee@example.org", inquiry["Subject"], inquiry["Body"])
    thanks = lakeshore.loc[THANK_YOU]
    assert "on February 3, 2027" in thanks["Body"]
    # the Highlight cell, never the private Ratings notes
    assert "from the visit: The residents ran sign-out as a teaching session." in thanks["Body"]
    assert not frame["Body"].str.contains("Seniors taught|Parking is expensive").any()
    follow = frame.set_index("Kind").loc[FOLLOW_UP]
    assert "January 15, 2027" in follow["Body"] and follow["Policy check"] == "OK"
    assert "Skip Me IM" not in set(frame["Program"])
    grid = sheet.grid()
    assert grid[1] == list(frame.columns) and len(grid) == 2 + len(frame)


def test_unfilled_fields_are_reported_on_the_sheet_and_on_checks():
    s = season()
    frame, problems = emails.drafts(plan_of(s, SECOND_LOOK, STAYS))
    harbor = frame[frame["Program"] == "Harbor IM"].set_index("Kind")
    # Harbor has no coordinator email, no planned date and no ratings yet.
    assert harbor.loc[INQUIRY, "To"] == ""
    check = harbor.loc[INQUIRY, "Policy check"]
    assert "the dates you will be in the city (no second-look day is planned yet)" in check and "No address" in check
    assert "{{ visit_dates }}" in harbor.loc[INQUIRY, "Body"]
    assert "{{ highlight }}" in harbor.loc[THANK_YOU, "Body"]  # Harbor has ratings notes but no Highlight
    assert "something you noticed on the visit (Highlight on Programs)" in harbor.loc[THANK_YOU, "Policy check"]
    harbor_row = int(s.programs.index[s.programs["Program"] == "Harbor IM"][0])
    where = {(p.sheet, p.row, p.column) for p in problems}
    # Harbor has a second-look window: no day planned is the plan's outcome, not an input problem.
    assert ("Programs", harbor_row, "Second look from") not in where
    assert ("Programs", harbor_row, "Highlight") not in where  # filled after the visit: nothing missing before it
    assert not {sheet for sheet, _, _ in where} & {"Ratings"}
    assert len(where) == len(problems)  # one problem per cell, however many drafts need it


@pytest.mark.parametrize("body", ["{{ ''.__class__.__mro__[1].__subclasses__() }}",
                                  "{% for x in range(10**9) %}{{ x }}{% endfor %}"])
def test_a_template_that_fails_while_filling_in_spoils_only_its_drafts(body):
    s = make_season(programs=[{"Program": "Lakeshore IM", "My rank": 1}],
                    templates=[{"Name": "Inquiry", "Subject": "Visit", "Body": body}])
    sheets = regenerate.regenerate(s).sheets
    emails_frame = next(x.frame for x in sheets if x.name == "Emails")
    inquiry = emails_frame[emails_frame["Kind"] == INQUIRY]
    assert not inquiry.empty and inquiry["Policy check"].str.startswith("Template cannot be used").all()
    checks = next(x.frame for x in sheets if x.name == "Checks")
    assert (checks["Sheet"] == "Templates").any()


def test_no_window_is_an_input_problem():
    programs = [{"Program": "Lakeshore IM", "My rank": 1, "Second look from": None, "Second look until": None}]
    s = make_season(programs=programs)
    look = pd.DataFrame({"Program": ["Lakeshore IM"], "Recommendation": ["Visit"], "Priority": [1], "Date": [pd.NaT]})
    frame, problems = emails.drafts(plan_of(s, look))
    assert "{{ visit_dates }}" in frame.loc[0, "Body"]
    row = int(s.programs.index[0])
    fix = [p for p in problems if (p.sheet, p.row, p.column) == ("Programs", row, "Second look from")]
    assert len(fix) == 1 and "Second look until" in fix[0].how_to_fix


def test_missing_profile_id_is_reported_once():
    s = season(profile={"AAMC ID": None, "ERAS ID": None})
    frame, problems = emails.drafts(plan_of(s, SECOND_LOOK, STAYS))
    assert frame["Policy check"].str.contains("your AAMC ID").all()
    assert [p for p in problems if p.sheet == "Profile"] == [
        p for p in problems if (p.sheet, p.column) == ("Profile", "AAMC ID")]
    assert sum(p.sheet == "Profile" for p in problems) == 1


def test_eras_id_signs_when_no_aamc_id():
    s = season(profile={"AAMC ID": None})
    frame, _ = emails.drafts(plan_of(s, SECOND_LOOK, STAYS))
    assert frame["Body"].str.contains("ERAS ID 2027000001").all()


def test_broken_workbook_template_becomes_a_checks_problem():
    s = season(templates=[{"Name": "Inquiry", "Subject": "Visit", "Body": "Dear {{ coordinator "}])
    frame, problems = emails.drafts(plan_of(s, SECOND_LOOK, STAYS))
    inquiries = frame[frame["Kind"] == INQUIRY]
    assert inquiries["Policy check"].str.startswith("Template cannot be used: Template 'Inquiry'").all()
    assert (inquiries["Body"] == "").all()
    assert (frame[frame["Kind"] == THANK_YOU]["Policy check"] == "OK").sum() == 1  # Lakeshore's thank-you
    template_problems = [p for p in problems if p.sheet == "Templates"]
    assert len(template_problems) == 1 and "'Inquiry'" in template_problems[0].problem
    assert template_problems[0].row == s.templates.index[0]


def test_workbook_wording_is_used():
    s = season(templates=[{"Name": "Follow-up", "Subject": "Thanks from {{ applicant_name }}",
                           "Body": "Dear {{ coordinator }}, I will rank you first."}])
    frame, _ = emails.drafts(plan_of(s, SECOND_LOOK, STAYS))
    follow = frame.set_index("Kind").loc[FOLLOW_UP]
    assert follow["Subject"] == "Thanks from Amina Test"
    assert follow["Body"] == "Dear Pat Lee, I will rank you first."
    assert follow["Policy check"].startswith("Promises a rank")


def test_no_recommendations_no_drafts():
    plan = plan_of(season(), SECOND_LOOK.iloc[0:0])
    sheet = emails_sheet(plan)
    assert sheet.frame.empty and plan.drafts[1] == [] and plan.problems == []
    assert "No drafts" in sheet.note


def test_visit_date_from_second_look_when_no_trips():
    frame, _ = emails.drafts(plan_of(season(), SECOND_LOOK))
    inquiry = frame[(frame["Program"] == "Lakeshore IM") & (frame["Kind"] == INQUIRY)].iloc[0]
    assert "in Chicago on February 3, 2027," in inquiry["Body"]


def test_date_formats():
    first = pd.Series(pd.to_datetime(["2027-02-03", "2027-02-03", "2027-01-31", "2026-12-30", None]))
    last = pd.Series(pd.to_datetime(["2027-02-03", "2027-02-04", "2027-02-01", "2027-01-02", None]))
    assert days.format_date_ranges(first, last).tolist() == [
        "February 3, 2027", "February 3–4, 2027", "January 31 – February 1, 2027",
        "December 30 – January 2, 2027", ""]


def test_scale_many_programs_few_drafts():
    n = 13_000
    programs = [{"Program": f"Program {i}", "My rank": i + 1} for i in range(n)]
    s = make_season(programs=programs)
    look = pd.DataFrame({"Program": [f"Program {i}" for i in range(n)],
                         "Recommendation": ["Visit", "Visit", "Virtual"] + ["Skip"] * (n - 3),
                         "Priority": [1, 2] + [None] * (n - 2), "Date": pd.NaT})
    start = time.perf_counter()
    frame, _ = emails.drafts(plan_of(s, look))
    elapsed = time.perf_counter() - start
    assert len(frame) == 5
    assert elapsed < 3, f"{elapsed:.2f} s for {n} programs"


def test_folded_program_names_match():
    look = SECOND_LOOK.assign(Program=SECOND_LOOK["Program"].str.upper())
    frame, _ = emails.drafts(plan_of(season(), look, STAYS))
    assert {fold(p) for p in frame["Program"]} == {"lakeshoreim", "riversideim", "harborim"}


def test_regenerate_puts_drafts_on_emails_and_template_errors_on_checks():
    from xlresidency.regenerate import regenerate

    s = season(templates=[{"Name": "Thank you", "Subject": "Thanks", "Body": "{% if %}"}])
    sheets = {sheet.name: sheet for sheet in regenerate(s).sheets}
    assert {"Emails", "Checks"} <= set(sheets)
    checks = sheets["Checks"].frame
    broken = checks[checks["Sheet"] == "Templates"]
    assert len(broken) == 1 and "Template 'Thank you'" in broken["Problem"].iloc[0]
    emails_frame = sheets["Emails"].frame
    assert set(emails_frame["Kind"]) <= set(emails.KINDS)


def test_cli_emails_writes_one_eml_per_draft(tmp_path, capsys, demo_inputs):
    from xlresidency import cli
    from xlresidency.workbook.xlsx import read_season

    book = tmp_path / "season.xlsx"
    shutil.copy(demo_inputs, book)
    before = book.read_bytes()
    assert cli.main(["emails", str(book), "--eml-dir", str(tmp_path / "drafts")]) == 0
    written = sorted((tmp_path / "drafts").glob("*.eml"))
    assert written and f"Wrote {len(written)} email draft(s)" in capsys.readouterr().out
    assert book.read_bytes() == before  # the workbook itself is not touched
    season = read_season(book)
    for path in written:
        message = message_from_bytes(path.read_bytes(), policy=default_policy)
        assert message["From"] == season.profile.email
        assert season.profile.full_name in message.get_content()


def test_cli_emails_needs_the_folder(tmp_path, capsys):
    from xlresidency import cli

    assert cli.main(["emails", str(tmp_path / "missing.xlsx")]) == 1
    assert "--eml-dir" in capsys.readouterr().err


def test_template_names_are_forgiving_and_unknown_names_reported():
    assert emails.kind_of("thank-you") == THANK_YOU and emails.kind_of(" FOLLOW UP ") == FOLLOW_UP
    assert emails.kind_of("Reminder") is None
    s = season(templates=[{"Name": "follow up", "Subject": "Hi {{ program }}", "Body": "Short."},
                          {"Name": "Reminder", "Subject": "x", "Body": "y"}])
    frame, problems = emails.drafts(plan_of(s, SECOND_LOOK, STAYS))
    assert frame.set_index("Kind").loc[FOLLOW_UP, "Subject"] == "Hi Riverside IM"
    unused = [p for p in problems if (p.sheet, p.column) == ("Templates", "Name")]
    assert len(unused) == 1 and "'Reminder'" in unused[0].problem and unused[0].row == s.templates.index[1]


def test_a_huge_power_in_a_template_is_refused_not_computed():
    s = make_season(programs=[{"Program": "Lakeshore IM", "My rank": 1}],
                    templates=[{"Name": "Inquiry", "Subject": "Visit", "Body": "{{ 2**100000 }}{{ 9**9**9**9**9 }}"}])
    sheets = regenerate.regenerate(s).sheets  # returns at once: the power is refused, not computed
    emails_frame = next(x.frame for x in sheets if x.name == "Emails")
    inquiry = emails_frame[emails_frame["Kind"] == INQUIRY]
    assert "numbers over 1000 digits are not allowed" in inquiry["Policy check"].iloc[0]
    small = emails.render(emails.Template("Inquiry", "S", "{{ 2**10 }}"), {})
    assert small.body == "1024"


def test_inquiry_written_before_the_interview_looks_forward_to_it():
    s = season()  # Lakeshore's interview is on December 10, 2026
    look = SECOND_LOOK.assign(Date=[pd.Timestamp("2026-12-11"), pd.NaT, pd.NaT, pd.NaT])
    before, _ = emails.drafts(plan_of(s, look), today=dt.date(2026, 12, 1))
    on_the_day, _ = emails.drafts(plan_of(s, look), today=dt.date(2026, 12, 10))
    after, _ = emails.drafts(plan_of(s, look), today=dt.date(2026, 12, 11))
    for frame in (before, on_the_day):
        inquiry = frame[(frame["Program"] == "Lakeshore IM") & (frame["Kind"] == INQUIRY)].iloc[0]
        assert "I look forward to my interview at Lakeshore IM on December 10, 2026" in inquiry["Body"]
        assert "Thank you again" not in inquiry["Body"] and inquiry["Policy check"] == "OK"
    inquiry = after[(after["Program"] == "Lakeshore IM") & (after["Kind"] == INQUIRY)].iloc[0]
    assert "Thank you again for my interview at Lakeshore IM on December 10, 2026" in inquiry["Body"]
    assert "look forward" not in inquiry["Body"]


def test_no_interview_date_thanks_and_shows_the_gap():
    s = season(programs=[{"Program": "Lakeshore IM", "My rank": 1, "Interview date": None}])
    look = SECOND_LOOK.iloc[:1]
    frame, _ = emails.drafts(plan_of(s, look), today=dt.date(2026, 12, 1))
    inquiry = frame.set_index("Kind").loc[INQUIRY]
    assert "Thank you again for my interview at Lakeshore IM on {{ interview_date }}" in inquiry["Body"]
    assert "the interview date (Interview date on Programs)" in inquiry["Policy check"]


def test_highlight_comes_only_from_the_highlight_cell():
    s = season()
    values = emails.program_values(plan_of(s, SECOND_LOOK, STAYS), today=dt.date(2027, 1, 1))
    by_name = values.set_index("program")["highlight"]
    assert by_name["Lakeshore IM"] == "The residents ran sign-out as a teaching session"
    assert by_name["Harbor IM"] == ""  # ratings notes exist for Lakeshore only, and are never used


def test_the_conduct_reminder_covers_confidentiality_and_other_programs():
    reminder = guide.CONDUCT_REMINDER
    assert "patients to yourself" in reminder and "thank-you" in reminder
    assert "without criticising them" in reminder
    assert emails.policy_check("", reminder) == "OK"


def test_without_a_sending_day_the_inquiry_goes_out_before_the_visit_trip():
    """The same workbook gives the same drafts: the inquiry is written as sent before the trip of its visit."""
    s = season()  # Lakeshore's interview is on December 10, 2026
    look = SECOND_LOOK.assign(Date=[pd.Timestamp("2026-12-11"), pd.NaT, pd.NaT, pd.NaT])
    same_trip = {"Lakeshore IM": (dt.date(2026, 12, 9), dt.date(2026, 12, 11))}  # interview and visit, one trip
    frame, _ = emails.drafts(plan_of(s, look, same_trip))
    inquiry = frame[(frame["Program"] == "Lakeshore IM") & (frame["Kind"] == INQUIRY)].iloc[0]
    assert "I look forward to my interview at Lakeshore IM on December 10, 2026" in inquiry["Body"]
    later_trip = {"Lakeshore IM": (dt.date(2027, 2, 2), dt.date(2027, 2, 4))}
    frame, _ = emails.drafts(plan_of(s, look, later_trip))
    inquiry = frame[(frame["Program"] == "Lakeshore IM") & (frame["Kind"] == INQUIRY)].iloc[0]
    assert "Thank you again for my interview at Lakeshore IM on December 10, 2026" in inquiry["Body"]
