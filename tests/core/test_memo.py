"""Answers kept between runs: read back only by the same code, never holding the text they were worked out from."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from xlresidency.core import memo
from xlresidency.core.folders import CACHE_ENV, user_cache_dir


@pytest.fixture
def cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_an_answer_is_kept_for_the_next_run_of_the_same_code(cache: Path) -> None:
    first = memo.DiskMemo("answers", "v1")
    assert first.get(memo.digest("a question")) is None
    first.put(memo.digest("a question"), ["an", "answer"])
    first.save()
    assert memo.DiskMemo("answers", "v1").get(memo.digest("a question")) == ["an", "answer"]
    assert memo.DiskMemo("answers", "v2").get(memo.digest("a question")) is None  # other code: worked out afresh
    assert "a question" not in (cache / "answers.json").read_text(encoding="utf-8")


def test_only_the_newest_answers_are_kept(cache: Path) -> None:
    kept = memo.DiskMemo("answers", "v1", limit=3)
    for i in range(5):
        kept.put(str(i), i)
    kept.save()
    assert json.loads((cache / "answers.json").read_text(encoding="utf-8"))["answers"] == {"2": 2, "3": 3, "4": 4}


@pytest.mark.parametrize("stored", ["{not json", "[1, 2]", '{"version": "v1", "answers": 7}', ""])
def test_a_damaged_memo_is_ignored(cache: Path, stored: str) -> None:
    cache.mkdir(parents=True)
    (cache / "answers.json").write_text(stored, encoding="utf-8")
    damaged = memo.DiskMemo("answers", "v1")
    assert damaged.get("x") is None
    damaged.put("x", 1)
    damaged.save()
    assert memo.DiskMemo("answers", "v1").get("x") == 1


def test_a_folder_that_cannot_be_written_only_costs_time(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocked = tmp_path / "a file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocked / "cache"))
    kept = memo.DiskMemo("answers", "v1")
    kept.put("x", 1)
    kept.save()  # no error
    assert kept.get("x") == 1


def test_off_keeps_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(CACHE_ENV, "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    kept = memo.DiskMemo("answers", "v1")
    kept.put("x", 1)
    kept.save()
    assert not (user_cache_dir() / "answers.json").exists()
    assert user_cache_dir() == tmp_path / "xlresidency"


RUN = """
import sys
from xlresidency.rules import policy
print(policy.policy_check(sys.argv[1]))
print("grammar loaded" if "xlresidency.rules.policy.grammar" in sys.modules else "grammar not loaded")
"""


def test_a_policy_verdict_read_before_does_not_load_the_grammar(cache: Path) -> None:
    def run(text: str) -> list[str]:
        env = {**os.environ, CACHE_ENV: str(cache)}
        done = subprocess.run([sys.executable, "-c", RUN, text], capture_output=True, text=True, env=env, check=True)
        return done.stdout.splitlines()

    asked = "Where do I stand on your rank list?"
    first, again = run(asked), run(asked)
    assert first[1] == "grammar loaded" and again[1] == "grammar not loaded"
    assert first[0] == again[0] != "OK"
    assert run("Thank you for the interview on Monday.") == ["OK", "grammar loaded"]  # a new sentence is read
    assert asked not in (cache / "policy-verdicts.json").read_text(encoding="utf-8")


REGENERATE = """
import sys
from xlresidency.__main__ import run
sys.argv = ["xlresidency", "regenerate", sys.argv[1]]
try:
    run()
except SystemExit:
    pass
print(" ".join(name for name in ("jinja2", "xlresidency.rules.policy.grammar") if name in sys.modules) or "none")
"""


def test_a_second_regenerate_reads_its_drafts_and_verdicts_from_the_memo(cache: Path, demo_inputs: Path,
                                                                          tmp_path: Path) -> None:
    """The same workbook regenerated again gives the same sheets without loading Jinja2 or the policy grammar."""
    path = tmp_path / "season.xlsx"
    path.write_bytes(demo_inputs.read_bytes())

    def regenerate() -> tuple[str, dict[str, bytes]]:
        env = {**os.environ, CACHE_ENV: str(cache)}
        done = subprocess.run([sys.executable, "-c", REGENERATE, str(path)], capture_output=True, text=True, env=env,
                              check=True)
        with zipfile.ZipFile(path) as book:
            sheets = {name: book.read(name) for name in book.namelist() if name.startswith("xl/worksheets/")}
        return done.stdout.splitlines()[-1], sheets

    first_loaded, first = regenerate()
    again_loaded, again = regenerate()
    assert first_loaded == "jinja2 xlresidency.rules.policy.grammar" and again_loaded == "none"
    assert again == first
    kept = (cache / "email-drafts.json").read_text(encoding="utf-8") + (cache / "policy-verdicts.json").read_text(
        encoding="utf-8")
    assert "Dear" in kept  # a draft's text is kept (in the user's own cache folder); its inputs only as digests


def test_an_answer_used_is_kept_before_one_only_added(cache: Path) -> None:
    kept = memo.DiskMemo("answers", "v1", limit=2)
    for key in ("a", "b"):
        kept.put(key, key)
    kept.save()
    again = memo.DiskMemo("answers", "v1", limit=2)
    assert again.get("a") == "a"  # used: it outlives "b" when "c" comes
    again.put("c", "c")
    again.save()
    assert json.loads((cache / "answers.json").read_text(encoding="utf-8"))["answers"] == {"a": "a", "c": "c"}
