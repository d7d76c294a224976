"""Where each program stands for a second look: an interview still to come, a rank, a late virtual session."""

from __future__ import annotations

import datetime as dt

from factories import make_season
from xlresidency.ground.season import SeasonGround
from xlresidency.rules import scoring, second_look, standing


def decision(programs, **kwargs):
    season = make_season(programs=programs, **kwargs)
    return second_look.decide(SeasonGround.of(season), scoring.fit_table(season))


def test_before_the_interview_the_advice_is_to_decide_after_it_never_a_visit_nor_not_ranked_highly() -> None:
    table = decision([
        {"Program": "Offered IM", "Status": "Interview offered", "Interview date": dt.date(2027, 1, 12),
         "My rank": None},
        {"Program": "Applied IM", "Status": "Applied", "Interview date": None, "My rank": None},
        {"Program": "Done IM", "Status": "Interviewed", "My rank": None},
    ]).set_index("Program")
    assert (table.loc[["Offered IM", "Applied IM"], "Recommendation"] != second_look.VISIT).all()
    assert table.loc["Offered IM", "Reason"].startswith("Decide after your interview on ")
    assert "12 Jan" in table.loc["Offered IM", "Reason"]
    assert table.loc["Applied IM", "Reason"] == "Decide after your interview (no interview yet)"
    for program in ("Offered IM", "Applied IM"):
        assert "rank it high enough" not in table.loc[program, "Reason"]
        assert "not on your rank list" not in table.loc[program, "Why not"].lower()
    # Once the interview is over, a blank rank says it.
    assert table.loc["Done IM", "Reason"] == "You would not rank it high enough"


def test_a_late_virtual_session_says_it_comes_too_late_when_skipped_too() -> None:
    table = decision([{"Program": "Late IM", "My rank": 9, "Virtual session date": dt.date(2027, 3, 20)}])
    assert table["Recommendation"].iloc[0] == second_look.SKIP
    assert "comes too late: it is after the rank list deadline" in table["Why not"].iloc[0]


def test_each_status_before_the_interview_waits_for_it_and_a_rank_below_the_stretch_still_speaks() -> None:
    rows = [{"Program": f"P{i}", "Status": status, "My rank": rank}
            for i, (status, rank) in enumerate([("Considering", None), ("Applied", None), ("Interview offered", None),
                                                ("Interviewed", None), ("Interviewed", 9), ("Interview offered", 9),
                                                ("Interviewed", 1)])]
    season = make_season(programs=rows)
    fit = scoring.fit_table(season)
    waits = standing.interview_to_come(season, fit).holds.tolist()
    low = standing.not_ranked_highly(season, fit).holds.tolist()
    assert waits == [True, True, True, False, False, True, False]
    assert low == [False, False, False, True, True, True, False]
