"""The Regenerate button (classic ribbon and the Lite script both call ``excel.run``) on a workbook that is not a
season workbook: one message, nothing written."""

from __future__ import annotations

import pytest

from test_book import book_json, open_book, sheet_json, small_payload, table_json
from xlresidency.excel import book as excel

pytestmark = pytest.mark.usefixtures("remote_engine")


def test_a_workbook_without_season_tables_is_refused_and_left_alone() -> None:
    budget = sheet_json("Budget", [["Item", "Cost"], ["Rent", 1200]], [table_json("Expenses", "A1:B2")])
    book = open_book(book_json([budget, sheet_json("Sheet2", [["notes"]])]))
    message = excel.run(book)
    actions = book.json()["actions"]
    assert message.startswith("Nothing was changed: season.xlsx is not a season workbook")
    assert "Programs" in message and "xlresidency new" in message
    assert [a["func"] for a in actions] == ["alert"] and actions[0]["args"][0] == message



def test_an_input_table_on_a_sheet_named_like_an_output_sheet_is_refused_and_left_alone() -> None:
    commitments = sheet_json("Trips", [["What", "Type", "Start", "End", "City", "State", "Can move"],
                                       ["Step 3", "Exam", None, None, "Chicago", "IL", "No"]],
                             [table_json("Commitments", "A1:G2")])
    book = open_book(small_payload(extra=[commitments]))
    message = excel.run(book)
    actions = book.json()["actions"]
    assert message.startswith("Nothing was changed:")
    assert "Commitments table is on the sheet 'Trips'" in message and "rename that sheet" in message
    assert [a["func"] for a in actions] == ["alert"]
