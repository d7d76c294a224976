"""The command line: what an applicant sees, including every way a file can be wrong."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from conftest import small_season_rows
from factories import BASE_PROFILE, BASE_PROGRAM
from test_travel_and_thanks import sheet_rows
from xlresidency import cli, regenerate
from xlresidency.ground.days import is_working_day
from xlresidency.workbook import newbook


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def one_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]


def test_new_then_check_then_regenerate(tmp_path, capsys):
    path = tmp_path / "season.xlsx"
    code, out, _ = run(capsys, "new", str(path))
    assert code == 0 and "Wrote the empty template" in out and path.exists()
    code, out, _ = run(capsys, "check", str(path))
    assert code == 1
    assert "Profile row 3, Value: Full name is blank. Fill in Full name; it is required." in out
    assert "Applicant kind is blank and you need no visa: read as US-citizen IMG" in out  # the model says whom it reads
    assert out.strip().endswith("3 problem(s) found.")
    code, out, _ = run(capsys, "regenerate", str(path))
    assert code == 0
    assert f"to {path}" in out and "season.backup.xlsx" in out and "Checks: 3 problem(s)" in out
    assert "Checks" in openpyxl.load_workbook(path).sheetnames


def test_check_clean_workbook(season_xlsx, capsys):
    code, out, _ = run(capsys, "check", str(season_xlsx))
    assert code == 0 and "no problems found" in out


def test_regenerate_out(season_xlsx, tmp_path, capsys):
    out_path = tmp_path / "copy.xlsx"
    code, out, _ = run(capsys, "regenerate", str(season_xlsx), "--out", str(out_path))
    assert code == 0 and out_path.exists() and f"to {out_path}" in out


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (None, "no such file"),
        (lambda p: p.write_bytes(b""), "the file is empty"),
        (lambda p: p.write_text("not a workbook"), "not a valid Excel workbook"),
        (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600), "password-protected"),
        (lambda p: zipfile.ZipFile(p, "w").close(), "cannot be read as an Excel workbook"),
    ],
)
@pytest.mark.parametrize("command", ["regenerate", "check"])
def test_bad_files_give_one_line_and_exit_1(tmp_path, capsys, make, message, command):
    path = tmp_path / "season.xlsx"
    if make:
        make(path)
    code, out, err = run(capsys, command, str(path))
    assert code == 1
    assert message in one_line(err) and out == ""


def test_locked_workbook(season_xlsx, capsys):
    (season_xlsx.parent / ("~$" + season_xlsx.name)).write_bytes(b"x")
    code, _, err = run(capsys, "regenerate", str(season_xlsx))
    assert code == 1 and "open in Excel" in one_line(err)


def test_typo_in_the_file_name(season_xlsx, capsys):
    code, _, err = run(capsys, "regenerate", str(season_xlsx.with_name("seasn.xlsx")))
    assert code == 1 and one_line(err).endswith("seasn.xlsx: no such file")


def test_new_refuses_an_existing_file(season_xlsx, capsys):
    code, _, err = run(capsys, "new", str(season_xlsx))
    assert code == 1 and "already exists" in one_line(err)


def test_usage_errors_are_one_line_and_exit_1(capsys):
    code, _, err = run(capsys, "regenrate", "x.xlsx")
    assert code == 1 and "No such command" in one_line(err)
    code, _, err = run(capsys, "regenerate")
    assert code == 1 and "Missing argument" in one_line(err)


def test_help_and_version(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "regenerate" in out and "demo" in out
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith("xlresidency ")


def test_unexpected_errors_are_logged_and_exit_3(season_xlsx, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))

    def boom(*args, **kwargs):
        raise RuntimeError("something broke")

    monkeypatch.setattr(cli, "regenerate_file", boom)
    code, _, err = run(capsys, "regenerate", str(season_xlsx))
    assert code == 3
    line = one_line(err)
    log = tmp_path / "cache" / "xlresidency" / "error.log"
    assert str(log) in line and "RuntimeError: something broke" in line
    assert "Traceback" in log.read_text()


def test_the_console_script_runs(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(Path(cli.__file__).parents[1])}
    result = subprocess.run([sys.executable, "-m", "xlresidency", "check", str(tmp_path / "missing.xlsx")],
                            capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 1
    assert result.stderr.strip().endswith("missing.xlsx: no such file")


def test_problems_met_while_building_sheets_are_counted_and_checked(season_xlsx, capsys):
    book = openpyxl.load_workbook(season_xlsx)
    templates = book["Templates"]
    templates["C3"] = "Dear {{ coordinator "  # a broken template: the Emails sheet cannot use it
    book.save(season_xlsx)
    code, out, _ = run(capsys, "check", str(season_xlsx))
    assert code == 1 and "Templates row 3" in out
    code, out, _ = run(capsys, "regenerate", str(season_xlsx))
    assert code == 0 and "Checks: no problems found." not in out and "problem(s) in your inputs" in out


def test_output_places_that_cannot_be_used(season_xlsx, tmp_path, capsys):
    folder = tmp_path / "result.xlsx"
    folder.mkdir()
    code, _, err = run(capsys, "regenerate", str(season_xlsx), "--out", str(folder))
    assert code == 1 and "is a folder" in one_line(err)
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    code, _, err = run(capsys, "regenerate", str(season_xlsx), "--out", str(blocker / "sub" / "r.xlsx"))
    assert code == 1 and "cannot write here" in one_line(err)
    code, _, err = run(capsys, "new", str(tmp_path / "macro.xlsm"))
    assert code == 1 and "ending in .xlsx" in one_line(err)


def test_emails_names_drafts_it_could_not_write(tmp_path, capsys):
    demo = tmp_path / "demo.xlsx"
    assert cli.main(["demo", str(demo)]) == 0
    book = openpyxl.load_workbook(demo)
    ws = book["Templates"]
    row = next(r for r in range(3, ws.max_row + 1) if str(ws.cell(row=r, column=1).value).lower().startswith("thank"))
    ws.cell(row=row, column=3).value = "{% for x in range(10**9) %}{{ x }}{% endfor %}"
    book.save(demo)
    capsys.readouterr()
    code, out, err = run(capsys, "emails", str(demo), "--eml-dir", str(tmp_path / "eml"))
    assert code == 1 and "draft(s) not written" in one_line(err) and "Wrote 4 email draft(s)" in out
    assert len(list((tmp_path / "eml").glob("*.eml"))) == 4


def test_check_and_emails_stop_after_planning(season_xlsx, tmp_path, capsys, monkeypatch):
    """``check`` lists the problems of the plan and ``emails`` writes the plan's drafts: neither builds a sheet."""
    def no_sheets(*args, **kwargs):
        raise AssertionError("a sheet was built")

    monkeypatch.setattr(regenerate, "build_sheets", no_sheets)
    code, out, _ = run(capsys, "check", str(season_xlsx))
    assert code in (0, 1) and "problem" in out
    code, out, _ = run(capsys, "emails", str(season_xlsx), "--eml-dir", str(tmp_path / "drafts"))
    assert code == 0 and "email draft(s)" in out


def test_regenerate_prints_the_summary_of_the_run(season_xlsx, capsys):
    code, out, _ = run(capsys, "regenerate", str(season_xlsx))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("Wrote 10 sheets to ")
    assert any(line.startswith("Applications: ") and line.endswith("more recommended.") for line in lines)
    assert any(line.startswith("Second looks: ") and "Visit" in line and "Skip" in line for line in lines)


def test_ground_truth_from_the_command_line(tmp_path, capsys):
    """A US senior in Pittsburgh (Home ZIP given): a second look at home costs a day's local transport, second
    looks fall on working days, and a percent typed the Excel way is read as one and named on Checks."""
    profile = {**BASE_PROFILE, "Visa needed": "None", "Current city": "Pittsburgh", "Current state": "PA",
               "Home ZIP": "15213", "Second look budget": 300, "Match chance wanted": 0.9}
    programs = [
        {**BASE_PROGRAM, "Program": "Steel City IM", "City": "Pittsburgh", "State": "PA", "My rank": 1,
         "Interview format": "In-person", "Interview date": dt.date(2027, 1, 13), "IMG share (%)": 0.45,
         "Unanswered questions": "call schedule",
         # a window over a weekend and a federal holiday (Martin Luther King Jr. Day, Monday 18 Jan 2027)
         "Second look from": dt.date(2027, 1, 16), "Second look until": dt.date(2027, 1, 19)},
        {**BASE_PROGRAM, "Program": "Allegheny River IM", "City": "Cleveland", "State": "OH", "My rank": 2,
         "Interview format": "In-person", "Interview date": dt.date(2027, 1, 15)},
    ]
    path = newbook.new_workbook(tmp_path / "season.xlsx", {
        "Profile": [{"Field": k, "Value": v} for k, v in profile.items()], "Programs": programs})
    code, out, _ = run(capsys, "regenerate", str(path))
    assert code == 0, out
    trips = sheet_rows(path, "Trips")
    assert "Trips start from Pittsburgh, PA." in openpyxl.load_workbook(path)["Trips"]["A1"].value  # not West Mifflin
    home_look = next(r for r in trips if r["Activity"] == "Second look" and r["Program"] == "Steel City IM")
    assert home_look["Nights"] == 0 and home_look["Est. cost"] == 35  # one day's local transport
    assert home_look["Date"].date() == dt.date(2027, 1, 19)  # the window's only working day
    trip = [r for r in trips if r["Trip"] == home_look["Trip"]]
    assert [r["Activity"] for r in trip] == ["Second look"]  # no Travel line, no fare
    looks = sheet_rows(path, "Second Look")
    for look in looks:
        if look["Date"] is not None:
            assert is_working_day(look["Date"].date()), look
    checks = sheet_rows(path, "Checks")
    problems = [c["Problem"] for c in checks]
    assert "IMG share (%): 0.45 was read as 45 % (a cell formatted as a percentage holds 45 % as 0.45)" in problems
    assert any(p.startswith("Match chance wanted: 0.9 was read as 90 %") for p in problems)
    fit = sheet_rows(path, "Fit")
    assert not any("takes almost no IMGs" in str(r.get("Flags")) for r in fit)


def test_the_written_workbook_shows_one_decision_on_every_sheet(tmp_path, capsys):
    rows = small_season_rows()
    base = rows["Programs"][0]
    rows["Programs"] += [
        {**base, "Program": "Sent No Visa", "Status": "Applied", "Sponsors J-1": "No", "My rank": 4,
         "Interview date": None},
        {**base, "Program": "Interviewed Short", "Status": "Interviewed", "My rank": 5,
         "Min US clinical experience (months)": 12},
        {**base, "Program": "Too Long Ago", "Status": "Considering", "Max years since graduation": 2, "My rank": None,
         "Interview date": None},
        {**base, "Program": "Offered Later", "Status": "Interview offered", "My rank": None,
         "Interview date": dt.date(2027, 1, 12), "Virtual session date": dt.date(2027, 3, 20)},
    ]
    path = newbook.new_workbook(tmp_path / "season.xlsx", rows)
    code, _, _ = run(capsys, "regenerate", str(path))
    assert code == 0
    fit = {r["Program"]: r for r in sheet_rows(path, "Fit")}
    apps = sheet_rows(path, "Applications")
    advice = {r["Program"]: r for r in apps}
    assert advice["Sent No Visa"]["Advice"] == "Already applied"
    assert str(advice["Sent No Visa"]["Why"]).startswith("Warning: you cannot start here if matched")
    assert fit["Sent No Visa"]["Tier"] == "Not eligible"
    assert advice["Interviewed Short"]["Advice"] == "Already applied"
    assert "Note: the program asked you to interview although" in str(advice["Interviewed Short"]["Why"])
    assert fit["Interviewed Short"]["Tier"] != "Not eligible"
    assert advice["Too Long Ago"]["Advice"] == "Skip" and fit["Too Long Ago"]["Tier"] == "Not eligible"
    fees = [float(r["Cumulative fee"]) for r in apps if r["Cumulative fee"] is not None]
    assert fees == sorted(fees) and len(fees) >= 3
    assert [r["Advice"] for r in apps][:3] == ["Already applied"] * 3
    second = {r["Program"]: r for r in sheet_rows(path, "Second Look")}
    assert str(second["Offered Later"]["Reason"]).startswith("Decide after your interview on ")
    assert second["Offered Later"]["Recommendation"] != "Visit"
    assert "comes too late" in str(second["Offered Later"]["Why not"])
    draft = {r["Program"]: r for r in sheet_rows(path, "Rank Draft")}
    assert str(draft["Sent No Visa"]["Flags"]).startswith("matching there means no start")
