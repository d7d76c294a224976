"""Days of the season: second-look windows, the days the applicant is in the US, and the days that are taken.

``SeasonDays`` is the one answer to "is this day free for a second look?", used by the Feasible criterion
(over every program at once) and by the trip planner (day by day): a free day is one the applicant is in the
US, on no commitment that cannot move, and on no interview day; a program's days start the day after its own
interview and end the day before the rank-list deadline. A second look is a look at an ordinary working day, so
it falls on a working day (Monday to Friday, not a US federal holiday) when the program's window holds a free
one; only where it holds none are the window's other free days used. The federal holidays come from the
``holidays`` package: for the years of ``HOLIDAY_TABLE`` from the table built from it (``scripts/build_holidays.py``),
which loads in a fraction of the time; for any other year from the package itself.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..core.records import Season
from ..core.resources import resource_text
from ..core.settings import Settings

DEFAULT_WINDOW = ((1, 20), (2, 25))
"""Month and day of the usual second-look season (late January to late February), used when a program gives
no window."""


def day_text(day: dt.date) -> str:
    """A date as '3 Mar 2027' (the same on every platform)."""
    return f"{day.day} {day:%b %Y}"


def _day_texts(days: pd.Series) -> list[str]:
    stamps = days if days.dtype == "datetime64[ns]" else pd.to_datetime(days)
    texts: dict[pd.Timestamp, str] = {}  # few distinct days
    return ["" if day is pd.NaT else texts.get(day) or texts.setdefault(day, day_text(day.date()))
            for day in stamps.tolist()]


def day_texts(days: pd.Series) -> pd.Series:
    """Dates as '3 Feb 2027'; "" where blank."""
    return pd.Series(_day_texts(days), index=days.index, dtype=object, name=days.name)


def span_texts(start: pd.Series, end: pd.Series) -> pd.Series:
    """Date ranges as '3 Feb 2027 – 9 Feb 2027'."""
    if not start.index.equals(end.index):  # by row label, as Series arithmetic lines them up
        return day_texts(start) + " – " + day_texts(end)
    return pd.Series([a + " – " + b for a, b in zip(_day_texts(start), _day_texts(end), strict=True)],
                     index=start.index, dtype=object, name=start.name if start.name == end.name else None)


def as_date(value: object) -> dt.date | None:
    """A cell value as a date, or None when blank."""
    if value is None or value is pd.NaT or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def last_visit_day(settings: Settings) -> pd.Timestamp:
    """The last day a second look can inform the rank list: the day before the rank-list deadline."""
    return pd.Timestamp(settings.rank_list_deadline) - pd.Timedelta(days=1)


def window(programs: pd.DataFrame, settings: Settings) -> tuple[pd.Series, pd.Series]:
    """First and last day of each program's second-look window, the last cut at the day before the rank-list
    deadline. A blank window is late January to late February of the season; with only a start, it runs to the
    deadline; with only an end, it starts at the usual start or that day, whichever is earlier."""
    year = settings.rank_list_deadline.year
    (m1, d1), (m2, d2) = DEFAULT_WINDOW
    usual_start, usual_end = pd.Timestamp(year, m1, d1), pd.Timestamp(year, m2, d2)
    last = last_visit_day(settings)
    given_start = pd.to_datetime(programs["Second look from"])
    given_end = pd.to_datetime(programs["Second look until"])
    starts: list[pd.Timestamp] = []
    ends: list[pd.Timestamp] = []
    for first, final in zip(given_start.tolist(), given_end.tolist(), strict=True):  # a row at a time: tens of rows
        end = final if final is not pd.NaT else last if first is not pd.NaT else usual_end
        starts.append(first if first is not pd.NaT else end if end < usual_start else usual_start)
        ends.append(end if end < last else last)
    return (pd.Series(starts, index=given_start.index, dtype="datetime64[ns]", name=given_start.name),
            pd.Series(ends, index=given_end.index, dtype="datetime64[ns]", name=given_end.name))


def after_interview(start: pd.Series, interview: pd.Series) -> pd.Series:
    """Window starts moved to the day after the program's own interview when the interview is not before it:
    a second look follows the interview."""
    interview = pd.to_datetime(interview).astype("datetime64[ns]")
    moved = interview.notna() & (start.isna() | (start <= interview))
    return start.where(~moved, interview + pd.Timedelta(days=1)).astype("datetime64[ns]")


@dataclass
class SeasonDays:
    """What each day of the season holds for the applicant, by day ordinal.

    ``fixed``: days of a commitment that cannot move (with its name); no second look, and no travel or day away
    on a second-look trip, may fall on them. ``interviews``: every interview day (with the program). ``blocked``:
    both, the days no second look can fall on.
    """

    season: Season
    fixed: dict[int, str] = field(init=False)
    interviews: dict[int, str] = field(init=False)
    blocked: dict[int, str] = field(init=False)
    holidays: dict[int, str] = field(init=False)

    def __post_init__(self) -> None:
        self.fixed = {}
        commitments = self.season.commitments
        for what, start, end in zip(*(commitments.loc[commitments["Can move"] == "No", c]
                                      for c in ("What", "Start", "End")), strict=True):
            first = as_date(start)
            if first is None:
                continue
            last = as_date(end) or first
            for day in range(first.toordinal(), last.toordinal() + 1):
                self.fixed.setdefault(day, str(what or "") or "a commitment")
        self.interviews = {}
        programs = self.season.programs
        dated = programs[programs["Interview date"].notna()]
        for name, day in zip(dated["Program"], dated["Interview date"], strict=True):
            self.interviews.setdefault(pd.Timestamp(day).date().toordinal(), f"the interview at {name}")
        self.blocked = {**self.interviews, **self.fixed}  # a commitment's name wins over an interview's
        self.holidays = federal_holidays(self.season.settings.rank_list_deadline.year)

    def in_us(self, day: int) -> bool:
        """Whether the applicant is in the US on a day (ordinal)."""
        return self.season.profile.in_us_on(dt.date.fromordinal(day))

    def free(self, day: int) -> bool:
        """Whether a second look can fall on a day: in the US, and not blocked."""
        return day not in self.blocked and self.in_us(day)

    def working(self, day: int) -> bool:
        """Whether a day (ordinal) is a working day: Monday to Friday, and not a US federal holiday."""
        return day % 7 not in (0, 6) and day not in self.holidays  # ordinal % 7: 0 is Sunday, 6 Saturday

    def visit_days(self, free: Iterable[int]) -> tuple[frozenset[int], bool]:
        """The days a second look may take among a window's free days: its working days, when it has any (True);
        else all of them (False: the window holds no free working day, and Why says so)."""
        days = frozenset(free)
        working = frozenset(d for d in days if self.working(d))
        return (working, True) if working else (days, False)

    def working_flags(self, days: pd.DatetimeIndex) -> np.ndarray:
        """For consecutive days: whether each is a working day."""
        return np.fromiter((self.working(day.toordinal()) for day in days), dtype=bool, count=len(days))

    def free_flags(self, days: pd.DatetimeIndex) -> tuple[np.ndarray, np.ndarray]:
        """For consecutive days: whether the applicant is in the US, and whether the day is free."""
        ordinals = [day.toordinal() for day in days]
        in_us = np.fromiter((self.in_us(d) for d in ordinals), dtype=bool, count=len(ordinals))
        blocked = np.fromiter((d in self.blocked for d in ordinals), dtype=bool, count=len(ordinals))
        return in_us, in_us & ~blocked


HOLIDAY_TABLE = "holidays/us_federal.csv"
"""US federal holidays, observed days included: date (ISO), name; one row per day, every day of the years it spans."""


@functools.cache
def _holiday_table() -> dict[int, dict[int, str]]:
    """The shipped table by year: day ordinal -> name."""
    table: dict[int, dict[int, str]] = {}
    for iso, name in list(csv.reader(resource_text(HOLIDAY_TABLE).splitlines()))[1:]:
        day = dt.date.fromisoformat(iso)
        table.setdefault(day.year, {})[day.toordinal()] = name
    return table


@functools.cache
def _federal_holidays(year: int) -> dict[int, str]:
    if (known := _holiday_table().get(year)) is not None:
        return known
    import holidays  # a year outside the shipped table: the package's calendar, loaded only then

    found = holidays.country_holidays("US", years=year)
    return {day.toordinal(): str(name) for day, name in sorted(found.items())}


def federal_holidays(year: int) -> dict[int, str]:
    """The US federal holidays (observed days included: offices close on them) of a season whose rank list is due
    in ``year`` (that year and the one before), by day ordinal, with their names."""
    return {**_federal_holidays(year - 1), **_federal_holidays(year)}


def is_working_day(day: dt.date) -> bool:
    """Whether a date is Monday to Friday and not a US federal holiday (or its observed day)."""
    return day.weekday() < 5 and day.toordinal() not in _federal_holidays(day.year)


class DayAxis:
    """Consecutive days with per-day flags, to count flagged days in each program's window in one step.

    Windows are given as day offsets on the axis (``offsets``), worked out once for each column of days and used
    for every count."""

    def __init__(self, first: pd.Timestamp, last: pd.Timestamp) -> None:
        self.first = first.normalize()
        self.days = pd.date_range(self.first, max(last.normalize(), self.first), freq="D")

    def offsets(self, days: pd.Series) -> np.ndarray:
        """Each day's place on the axis (0 is its first day; NaN for a blank day)."""
        return ((days - self.first).dt.days).to_numpy(dtype=float)

    def mark(self, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """A flag per axis day: inside any of the [start, end] spans, as offsets (ends blank: one day)."""
        flags = np.zeros(len(self.days) + 1, dtype=np.int64)
        ends = np.where(np.isnan(ends), starts, ends)
        s = np.clip(starts, 0, len(self.days)).astype(int)
        e = np.clip(ends + 1, 0, len(self.days)).astype(int)
        keep = e > s
        np.add.at(flags, s[keep], 1)
        np.add.at(flags, e[keep], -1)
        return np.cumsum(flags)[:-1] > 0

    def count(self, flags: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
        """How many flagged days lie in each [start, end], as offsets (0 for an empty window)."""
        cumulative = np.concatenate([[0], np.cumsum(flags.astype(np.int64))])
        s = np.clip(start, 0, len(self.days)).astype(int)
        e = np.clip(end + 1, 0, len(self.days)).astype(int)
        return np.where(e > s, cumulative[np.maximum(e, s)] - cumulative[s], 0)

    def first_flagged(self, flags: np.ndarray, start: np.ndarray, end: np.ndarray, index: pd.Index) -> pd.Series:
        """The first flagged day in each [start, end] (offsets); NaT when there is none."""
        flagged = np.flatnonzero(flags)
        if not len(flagged):
            return pd.Series(pd.NaT, index=index, dtype="datetime64[ns]")
        position = np.searchsorted(flagged, np.clip(start, 0, len(self.days)))
        day = flagged[np.minimum(position, len(flagged) - 1)]
        ok = (position < len(flagged)) & (day <= end)
        return pd.Series(np.where(ok, self.first.to_datetime64() + day.astype("timedelta64[D]"),
                                  np.datetime64("NaT")), index=index).astype("datetime64[ns]")


# --------------------------------------------------------------------------------------------------
# Dates in words, as emails and the visit guide write them ("February 3, 2027").


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def _month_day(day: pd.Timestamp) -> str:
    return f"{_MONTHS[day.month - 1]} {day.day}"


def _date_words(day: pd.Timestamp) -> str:
    return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"


def format_dates(days: pd.Series) -> pd.Series:
    """Dates as 'February 3, 2027' ("" when blank), written out so the result is the same on every system."""
    days = pd.to_datetime(days, errors="coerce")
    return pd.Series(["" if day is pd.NaT else _date_words(day) for day in days.tolist()], index=days.index,
                     dtype="str", name=days.name)


def _date_range(first: pd.Timestamp, last: pd.Timestamp) -> str:
    if first is pd.NaT:
        return ""
    if last is pd.NaT or first.normalize() == last.normalize():
        return _date_words(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{_month_day(first)}–{last.day}, {last.year}"
    return f"{_month_day(first)} – {_date_words(last)}"


def format_date_ranges(first: pd.Series, last: pd.Series) -> pd.Series:
    """Date ranges as 'February 3, 2027', 'February 3–4, 2027' or 'January 31 – February 1, 2027'."""
    first, last = pd.to_datetime(first, errors="coerce"), pd.to_datetime(last, errors="coerce")
    last = last.reindex(first.index)  # by row label, as the Series would line up
    return pd.Series([_date_range(a, b) for a, b in zip(first.tolist(), last.tolist(), strict=True)],
                     index=first.index, dtype="str", name=first.name if first.name == last.name else None)
