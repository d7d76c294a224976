"""The .eml drafts on disk: what a mail program reads back, what is refused, and what stays on disk."""

from __future__ import annotations

from email import message_from_bytes
from email.policy import default as default_policy

import pandas as pd
import pytest

from xlresidency.core.errors import NotOurs, TemplateError
from xlresidency.exports.eml import eml_message, header_text, is_our_draft, write_eml
from xlresidency.rules.emails import FOLLOW_UP, INQUIRY, THANK_YOU


def test_write_eml_parses_back(tmp_path):
    drafts = pd.DataFrame({
        "Program": ["Lakeshore IM", "Lakeshore IM", "St. Mary's / Riverside"],
        "Kind": [INQUIRY, THANK_YOU, FOLLOW_UP],
        "To": ["pat.lee@example.org", "pat.lee@example.org", ""],
        "Subject": ["Second look – Amina", "Thank you", "Virtual session"],
        "Body": ["Dear Pat,\n\nLine with é and a long " + "word " * 40 + "end.", "Thanks.", "Hello."],
    })
    paths = write_eml(drafts, tmp_path / "out", sender="amina@example.org")
    assert [p.name for p in paths] == ["01-lakeshore-im-inquiry.eml", "02-lakeshore-im-thank-you.eml",
                                       "03-st-mary-s-riverside-follow-up.eml"]
    for path, (_, draft) in zip(paths, drafts.iterrows(), strict=True):
        message = message_from_bytes(path.read_bytes(), policy=default_policy)
        assert message["Subject"] == draft["Subject"]
        assert (message["To"] or "") == draft["To"]
        assert message["From"] == "amina@example.org"
        assert message["X-Unsent"] == "1"
        assert message.get_content().rstrip("\n") == draft["Body"]


def test_write_eml_skips_drafts_whose_template_could_not_be_used(tmp_path):
    drafts = pd.DataFrame({
        "Program": ["Lakeshore IM", "Lakeshore IM", "Riverside IM"],
        "Kind": [INQUIRY, THANK_YOU, FOLLOW_UP],
        "To": ["pat@example.org", "pat@example.org", ""],
        "Subject": ["", "Thank you", "Virtual session"],
        "Body": ["", "Thanks.", "Hello {{ coordinator }}."],
        "Policy check": ["Template cannot be used: Template 'Inquiry' cannot be filled in", "OK",
                         "Missing: the coordinator's name"],
    })
    files = write_eml(drafts, tmp_path / "out")
    assert [p.name for p in files] == ["02-lakeshore-im-thank-you.eml", "03-riverside-im-follow-up.eml"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [p.name for p in files]
    assert files.checks == ["OK", "Missing: the coordinator's name"]
    assert files.skipped == ["Lakeshore IM (Inquiry): Template cannot be used: Template 'Inquiry' cannot be "
                             "filled in"]


def test_write_eml_with_nothing_to_write_says_why(tmp_path):
    drafts = pd.DataFrame({"Program": ["Lakeshore IM"], "Kind": [INQUIRY], "To": [""], "Subject": [""],
                           "Body": [""], "Policy check": ["Template cannot be used: syntax error"]})
    with pytest.raises(TemplateError, match=r"Lakeshore IM \(Inquiry\): Template cannot be used"):
        write_eml(drafts, tmp_path / "out")
    assert not (tmp_path / "out").exists()
    assert write_eml(drafts.iloc[:0], tmp_path / "none") == []




def one_draft(**changes: str) -> pd.DataFrame:
    row = {"Program": "Lakeshore IM", "Kind": INQUIRY, "To": "pat@example.org", "Subject": "Second look",
           "Body": "Dear Pat,\n\nHello.", **changes}
    return pd.DataFrame({key: [value] for key, value in row.items()})


def test_a_line_break_typed_into_a_cell_never_splits_a_header(tmp_path):
    drafts = one_draft(Subject="Second look\nBcc: everyone@example.org", To="pat@example.org\r\n")
    (path,) = write_eml(drafts, tmp_path, sender="Amina\nOkafor <amina@example.org>")
    raw = path.read_bytes()
    message = message_from_bytes(raw, policy=default_policy)
    assert message["Subject"] == "Second look Bcc: everyone@example.org"
    assert message["Bcc"] is None and message["To"] == "pat@example.org"
    assert message["From"] == "Amina Okafor <amina@example.org>"
    assert header_text("a\u2028b\x0bc\t d") == "a b c d"


def test_drafts_are_marked_as_ours_and_replaced_on_the_next_run(tmp_path):
    (path,) = write_eml(one_draft(Body="First."), tmp_path)
    assert is_our_draft(path) and eml_message("", "s", "b")["X-Mailer"].startswith("xlresidency ")
    (again,) = write_eml(one_draft(Body="Second."), tmp_path)
    assert again == path and b"Second." in path.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no backup, no temporary file


def test_a_draft_saved_by_a_mail_program_is_not_overwritten_unless_forced(tmp_path):
    mine = tmp_path / "01-lakeshore-im-inquiry.eml"
    mine.write_bytes(b"From: amina@example.org\r\nSubject: my edited draft\r\n\r\n"
                     b"X-Mailer: xlresidency in the body\r\n")
    other = tmp_path / "02-other.txt"
    other.write_bytes(b"keep")
    with pytest.raises(NotOurs, match=r"01-lakeshore-im-inquiry\.eml: already exists and is not an email draft"):
        write_eml(one_draft(), tmp_path)
    assert mine.read_bytes().startswith(b"From: amina@example.org") and other.read_bytes() == b"keep"
    write_eml(one_draft(), tmp_path, force=True)
    assert is_our_draft(mine)
    assert (tmp_path / "01-lakeshore-im-inquiry.backup.eml").read_bytes().startswith(b"From: amina@example.org")
