"""The command line as a process of its own: ``python -m xlresidency`` and the ``xlresidency`` command (``run``).

What the imports build (pandas, the rules, the sheet builders) lives as long as the process, so the cyclic garbage
collector is kept away from it: off while importing, then everything imported is frozen out of its reach
(``gc.freeze``); and once more before exiting, so that the interpreter's shutdown does not walk every object either.
A regeneration spends a quarter of a second less in the collector this way (README, Speed). While the command runs,
the collector looks at new objects after ``YOUNG`` allocations rather than Python's 700: a run makes many
short-lived objects and few cycles, so the demo spends about 0.015 s less in it, and a long run is still collected.
``cli.main`` itself, which tests and other programs call in their own process, leaves the collector alone.
"""

import gc
import sys

YOUNG = 50_000

gc.disable()
from xlresidency.cli import main  # noqa: E402  (imported with the collector off)

gc.freeze()
gc.set_threshold(YOUNG, *gc.get_threshold()[1:])
gc.enable()


def run() -> None:
    """Run the command line and exit with its code."""
    code = main()
    gc.freeze()  # what the run made, too: the shutdown frees it without a collection over it
    sys.exit(code)


if __name__ == "__main__":
    run()
