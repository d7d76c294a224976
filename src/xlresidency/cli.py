"""The ``xlresidency`` command line: one function per subcommand, one error boundary in ``main``.

Expected errors (a missing file, a locked workbook, bad input) print one line and exit 1; anything
unexpected writes its traceback to a log file, says where, and exits 3.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated

import click
import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from . import __version__
from .errors import XlresidencyError

app = typer.Typer(
    name="xlresidency",
    help="Second-look triage, trip planning and rule-safe emails for your residency season workbook.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

PathArg = Annotated[Path, typer.Argument(help="The season workbook (.xlsx or .xlsm).", show_default=False)]


def log_path() -> Path:
    """Where the traceback of an unexpected error is written."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "xlresidency" / "error.log"


@contextlib.contextmanager
def progress_display(title: str) -> Iterator[Callable[[str], None]]:
    """A spinner with the current stage, on standard error; quiet when not on a terminal."""
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as bar:
        task = bar.add_task(title, total=None)

        def report(stage: str) -> None:
            bar.update(task, description=f"{title}: {stage}")

        yield report


def _version(value: bool) -> None:
    if value:
        out.print(f"xlresidency {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Second-look triage, trip planning and rule-safe emails for your residency season workbook."""


@app.command()
def new(path: PathArg) -> None:
    """Write an empty season workbook (the template) to PATH."""
    from .xlsx import new_workbook

    new_workbook(path)
    out.print(
        f"Wrote the empty template to {path}. Fill in Profile and Programs, then run: xlresidency regenerate {path}"
    )


@app.command()
def demo(
    path: Annotated[Path, typer.Argument(help="Where to write the demo workbook.")] = Path("xlresidency-demo.xlsx"),
    force: Annotated[bool, typer.Option("--force", help="Replace PATH if it exists.")] = False,
) -> None:
    """Write a realistic, fictional sample season to PATH and regenerate it."""
    from .demo import demo_rows
    from .xlsx import new_workbook

    if path.exists():
        if not force:
            raise XlresidencyError(f"{path}: already exists; choose another name or add --force to replace it")
        path.unlink()
    new_workbook(path, demo_rows())
    _regenerate(path, None, title="Regenerating the demo season")


@app.command()
def regenerate(
    path: PathArg,
    out_path: Annotated[
        Path | None, typer.Option("--out", help="Write the result here instead of replacing PATH.")
    ] = None,
) -> None:
    """Rebuild the planning sheets (Fit, Second Look, Trips, ... Checks) of a season workbook."""
    _regenerate(path, out_path)


def _regenerate(path: Path, out_path: Path | None, title: str = "Regenerating") -> None:
    from .xlsx import regenerate_file

    with progress_display(title) as report:
        season, sheets, result = regenerate_file(path, out_path, progress=report)
    out.print(
        f"Wrote {len(sheets)} sheets to {result.path}"
        + (f" (previous version: {result.backup})" if result.backup else "")
    )
    for sheet in sheets:
        if sheet.name == "Second Look" and "Recommendation" in sheet.frame:
            counts = sheet.frame["Recommendation"].value_counts()
            out.print("Second looks: " + ", ".join(f"{counts.get(k, 0)} {k}" for k in ("Visit", "Virtual", "Skip")))
    problems = len(season.problems)
    out.print(
        "Checks: no problems found."
        if not problems
        else f"Checks: {problems} problem(s) in your inputs; see the Checks sheet "
        f"or run: xlresidency check {result.path}"
    )
    if result.losses:
        err.print(
            f"Note: {path} holds things that cannot be kept when saving ({'; '.join(result.losses)}). "
            f"Your original was left unchanged; the result is in {result.path}."
        )


@app.command()
def check(path: PathArg) -> None:
    """List every problem in the input sheets; exit 1 if there are any."""
    from .xlsx import read_season

    season = read_season(path)
    if not season.problems:
        out.print(f"{path}: no problems found.")
        return
    for p in season.problems:
        where = p.sheet + (f" row {p.row}" if p.row is not None else "") + (f", {p.column}" if p.column else "")
        out.print(f"{where}: {p.problem}. {p.how_to_fix}")
    out.print(f"{len(season.problems)} problem(s) found.")
    raise typer.Exit(1)


def _log_unexpected(exc: BaseException) -> Path:
    path = log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')} xlresidency {__version__}\n")
        handle.write("".join(traceback.format_exception(exc)))
    return path


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 fine, 1 bad input, 3 unexpected error)."""
    try:
        result = app(args=argv, prog_name="xlresidency", standalone_mode=False)
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.exceptions.Abort:
        err.print("xlresidency: stopped.")
        return 1
    except click.exceptions.UsageError as usage:
        hint = f" (try: xlresidency {usage.ctx.command_path.split(' ', 1)[-1] if usage.ctx else ''} --help)"
        err.print(f"xlresidency: {usage.format_message()}{hint.replace('  ', ' ')}")
        return 1
    except click.exceptions.ClickException as failure:
        err.print(f"xlresidency: {failure.format_message()}")
        return 1
    except XlresidencyError as problem:
        err.print(f"xlresidency: {problem}")
        return 1
    except KeyboardInterrupt:
        err.print("xlresidency: stopped.")
        return 1
    except Exception as exc:
        path = _log_unexpected(exc)
        err.print(f"xlresidency: unexpected error ({exc.__class__.__name__}: {exc}); details in {path}")
        return 3
    return int(result) if isinstance(result, int) else 0
