"""The season calendar on disk: text escaped, only our own calendar replaced, nothing truncated by a full disk."""

from __future__ import annotations

import os
from pathlib import Path

import icalendar
import openpyxl
import pytest

import faults
from conftest import small_season_rows
from xlresidency import cli
from xlresidency.exports.ics import is_our_calendar
from xlresidency.workbook import newbook


@pytest.fixture
def tricky_season(tmp_path: Path) -> Path:
    """A season whose free text holds line breaks (Alt+Enter), commas, semicolons and backslashes."""
    rows = small_season_rows()
    for row in rows["Profile"]:
        if row["Field"] == "Full name":
            row["Value"] = "Amina\nOkafor; MD, \\ PGY-1"
    rows["Programs"][1]["Program"] = "Prairie Valley\nMedicine, Inc; IM"
    rows["Commitments"][0]["What"] = "Step 3\r\nexam: bring ID; pencils, water"
    return newbook.new_workbook(tmp_path / "season.xlsx", rows)


def test_free_text_with_line_breaks_is_escaped(tricky_season, capsys):
    assert cli.main(["ics", str(tricky_season)]) == 0
    data = tricky_season.with_suffix(".ics").read_bytes()
    calendar = icalendar.Calendar.from_ical(data)
    # escaped as RFC 5545 text (an X- property is read back as written, so the line itself is compared)
    assert b"\r\nX-WR-CALNAME:Residency season: Amina\\nOkafor\\; MD\\, \\\\ PGY-1\r\n" in data
    summaries = {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}
    assert "Interview (in person): Prairie Valley\nMedicine, Inc; IM" in summaries
    assert {"Step 3\r\nexam: bring ID; pencils, water", "Step 3\nexam: bring ID; pencils, water"} & summaries
    assert b"\nOkafor" not in data and b"\nexam" not in data


def test_ics_never_replaces_a_workbook(season_xlsx, tmp_path, capsys):
    before = season_xlsx.read_bytes()
    assert cli.main(["ics", str(season_xlsx), "--out", str(season_xlsx)]) == 1
    assert cli.main(["ics", str(season_xlsx), "--out", str(season_xlsx), "--force"]) == 1
    budget = tmp_path / "budget.xlsx"
    openpyxl.Workbook().save(budget)
    kept = budget.read_bytes()
    assert cli.main(["ics", str(season_xlsx), "--out", str(budget)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 3 and "is the workbook the calendar is made from" in err[0]
    assert "budget.xlsx: already exists and is not a calendar xlresidency wrote" in err[2] and "--force" in err[2]
    assert season_xlsx.read_bytes() == before and budget.read_bytes() == kept
    assert cli.main(["ics", str(season_xlsx), "--out", str(budget), "--force"]) == 0
    assert is_our_calendar(budget) and (tmp_path / "budget.backup.xlsx").read_bytes() == kept
    assert "the file it replaced: " in capsys.readouterr().out


def test_ics_replaces_its_own_calendar(season_xlsx):
    assert cli.main(["ics", str(season_xlsx)]) == 0
    calendar = season_xlsx.with_suffix(".ics")
    assert is_our_calendar(calendar)
    os.utime(calendar, ns=(1, 1))
    assert cli.main(["ics", str(season_xlsx)]) == 0
    assert calendar.stat().st_mtime_ns != 1
    assert sorted(p.name for p in season_xlsx.parent.iterdir()) == ["season.ics", "season.xlsx"]


def test_a_full_disk_never_truncates_the_calendar(season_xlsx, monkeypatch, capsys):
    assert cli.main(["ics", str(season_xlsx)]) == 0
    calendar = season_xlsx.with_suffix(".ics")
    before = calendar.read_bytes()
    faults.inject(monkeypatch, {("chmod", 1): "enospc"})
    assert cli.main(["ics", str(season_xlsx)]) == 1
    assert "cannot write the calendar (No space left on device)" in capsys.readouterr().err
    assert calendar.read_bytes() == before and faults.leftovers(season_xlsx.parent) == []


def test_a_real_full_disk_never_truncates_the_calendar(season_xlsx, small_disk, capsys):
    calendar = small_disk / "season.ics"
    assert cli.main(["ics", str(season_xlsx), "--out", str(calendar)]) == 0
    before = calendar.read_bytes()
    faults.fill(small_disk)
    assert cli.main(["ics", str(season_xlsx), "--out", str(calendar)]) == 1
    assert "No space left on device" in capsys.readouterr().err
    assert calendar.read_bytes() == before and faults.leftovers(small_disk) == []


def test_every_interview_is_in_the_calendar_a_virtual_one_online(season_xlsx, capsys):
    # Lakeshore and Harbor Point interview virtually (the factory's format), Prairie Valley in person.
    assert cli.main(["ics", str(season_xlsx)]) == 0
    calendar = icalendar.Calendar.from_ical(season_xlsx.with_suffix(".ics").read_bytes())
    events = {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}
    interviews = {name: event for name, event in events.items() if name.startswith("Interview")}
    assert set(interviews) == {"Interview (virtual): Lakeshore Internal Medicine",
                               "Interview (in person): Prairie Valley Medicine",
                               "Interview (virtual): Harbor Point Medicine"}
    assert str(interviews["Interview (virtual): Lakeshore Internal Medicine"]["LOCATION"]) == "Online"
    assert str(interviews["Interview (in person): Prairie Valley Medicine"]["LOCATION"]) == "Madison, WI"
    assert interviews["Interview (virtual): Harbor Point Medicine"].decoded("DTSTART").isoformat() == "2026-12-10"
    # what it held before is still there: the virtual session and the commitment
    assert "Virtual session: Harbor Point Medicine" in events and "Step 3 exam" in events
