"""How large the trip planner's exact search stays fast, and what pricing a national list costs.

Run: python3 benchmarks/bench_trips.py   (from the project folder)

Prints the time to price 13,000 programs with ``visit_cost`` and the time of ``plan_visits`` for 1 to 8 Visit
programs clustered in one region around several in-person interview trips (the hardest shape: every program
can join every other and most interview trips), each the best of three runs.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1] / "src"), str(Path(__file__).resolve().parents[1] / "tests")]

from factories import make_season  # noqa: E402
from xlresidency.ground import costs  # noqa: E402
from xlresidency.rules import trips  # noqa: E402

REGION = [("Cleveland", "OH"), ("Akron", "OH"), ("Canton", "OH"), ("Youngstown", "OH"), ("Erie", "PA"),
          ("Pittsburgh", "PA"), ("Toledo", "OH"), ("Mansfield", "OH"), ("Columbus", "OH"), ("Detroit", "MI")]
CITIES = [("Boston", "MA"), ("Denver", "CO"), ("Houston", "TX"), ("Seattle", "WA"), ("Miami", "FL"),
          ("Cleveland", "OH"), ("Phoenix", "AZ"), ("Atlanta", "GA"), ("Omaha", "NE"), ("Portland", "OR")]


def best_of(runs: int, work) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def national() -> None:
    programs = [{"Program": f"Program {i}", "City": CITIES[i % 10][0], "State": CITIES[i % 10][1],
                 "Interview format": "Virtual"} for i in range(13_000)]
    season = make_season(programs=programs)
    seconds = best_of(3, lambda: costs.visit_cost(season, season.programs))
    print(f"visit_cost, 13,000 programs: {seconds * 1000:.0f} ms")


def search(visits: int) -> float:
    start = dt.date(2027, 2, 1)
    programs = [
        {"Program": f"Visit {i}", "City": REGION[i][0], "State": REGION[i][1], "Interview format": "Virtual",
         "Second look from": start, "Second look until": start + dt.timedelta(days=20)}
        for i in range(visits)
    ]
    programs += [
        {"Program": f"Interview {i}", "City": REGION[i][0], "State": REGION[i][1], "Interview format": "In-person",
         "Interview date": start + dt.timedelta(days=4 * i + 1)}
        for i in range(4)
    ]
    season = make_season(programs=programs)
    chosen = season.programs.iloc[:visits]
    return best_of(3, lambda: trips.plan_visits(season, chosen))


def main() -> None:
    national()
    for visits in range(1, 9):
        print(f"plan_visits, {visits} Visit program(s), 4 interview trips, 3-week windows: "
              f"{search(visits) * 1000:.0f} ms", flush=True)


if __name__ == "__main__":
    main()
