"""The ``xlresidency`` command line: one function per subcommand, one error boundary in ``main``.

Expected errors (a missing file, a locked workbook, bad input) print one line and exit 1; anything
unexpected writes its traceback to a log file, says where, and exits 3.

A command that needs an adapter only it uses (the template writer, the demo season, the calendar file, the
importer, the add-in builder, the Lite writer) imports it when it runs, so ``xlresidency regenerate`` and ``check``
start without loading them (nor openpyxl, which only the template writer and the importer use).
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .core.errors import TemplateError, XlresidencyError, log_unexpected
from .core.version import __version__
from .plan import plan_season
from .regenerate import season_problems
from .workbook.xlsx import read_season, regenerate_file

if TYPE_CHECKING:
    from .addin.xlam import Python

class Printer:
    """Plain lines on standard output or standard error, each as given (no markup, no wrapping)."""

    def __init__(self, stderr: bool = False) -> None:
        self.stderr = stderr

    def print(self, text: object = "", markup: bool = False, emoji: bool = False) -> None:
        click.echo(str(text), err=self.stderr)

    @property
    def is_terminal(self) -> bool:
        return (sys.stderr if self.stderr else sys.stdout).isatty()


out = Printer()
err = Printer(stderr=True)

WORKBOOK = click.Path(path_type=Path, dir_okay=True)



@contextlib.contextmanager
def progress_display(title: str) -> Iterator[Callable[[str], None]]:
    """A spinner with the current stage, on standard error; quiet when not on a terminal (where rich, which draws
    it, is not even loaded)."""
    if not err.is_terminal:
        yield lambda _stage: None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=Console(stderr=True, highlight=False, soft_wrap=True), transient=True) as bar:
        task = bar.add_task(title, total=None)

        def report(stage: str) -> None:
            bar.update(task, description=f"{title}: {stage}")

        yield report


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="xlresidency", message="%(prog)s %(version)s")
def app() -> None:
    """Second-look triage, trip planning and rule-safe emails for your residency season workbook."""


@app.command()
@click.argument("path", type=WORKBOOK)
def new(path: Path) -> None:
    """Write an empty season workbook (the template) to PATH."""
    from .workbook.newbook import new_workbook

    new_workbook(path)
    out.print(
        f"Wrote the empty template to {path}. Fill in Profile and Programs, then run: xlresidency regenerate {path}"
    )


@app.command()
@click.argument("path", type=WORKBOOK, default=Path("xlresidency-demo.xlsx"))
@click.option("--force", is_flag=True, help="Replace PATH if it exists.")
@click.option("--early", is_flag=True,
              help="The same season in September: choosing where to apply (no interviews yet).")
def demo(path: Path, force: bool, early: bool) -> None:
    """Write a realistic, fictional sample season to PATH (default xlresidency-demo.xlsx) and regenerate it."""
    from .workbook.demo import demo_rows
    from .workbook.newbook import new_workbook

    if path.exists() and not force:
        raise XlresidencyError(f"{path}: already exists; choose another name or add --force to replace it")
    if path.suffix.lower() != ".xlsx":
        raise XlresidencyError(f"{path}: choose a name ending in .xlsx")
    with tempfile.TemporaryDirectory(prefix="xlresidency-demo-") as folder:
        inputs = new_workbook(Path(folder) / path.name, demo_rows(early=early))
        _regenerate(inputs, path, title="Regenerating the demo season", force=True)


@app.command()
@click.argument("path", type=WORKBOOK)
@click.option("--out", "out_path", type=WORKBOOK, help="Write the result here instead of replacing PATH.")
@click.option("--force", is_flag=True, help="Replace the --out file even if it is not a season workbook.")
def regenerate(path: Path, out_path: Path | None, force: bool) -> None:
    """Rebuild the planning sheets (Fit, Second Look, Trips, ... Checks) of the workbook at PATH."""
    _regenerate(path, out_path, force=force)


def _regenerate(path: Path, out_path: Path | None, title: str = "Regenerating", force: bool = False) -> None:

    with progress_display(title) as report:
        done, result = regenerate_file(path, out_path, progress=report, force=force)
    summary = done.summary
    out.print(
        f"Wrote {summary.sheets} sheets to {result.path}"
        + (f" (previous version: {result.backup})" if result.backup else "")
    )
    for line in summary.lines():
        out.print(line)
    problems = summary.problems
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
    if result.changed_meanwhile:
        err.print(SAVED_MEANWHILE.format(path=path, result=result.path), markup=False)


SAVED_MEANWHILE = ("Note: {path} was saved by another program while xlresidency worked; that save was left as it is "
                   "and the result is in {result} (run again to include the new edits).")


@app.command()
@click.argument("path", type=WORKBOOK)
def check(path: Path) -> None:
    """List every problem the Checks sheet would show (PATH is not changed); exit 1 if there are any."""

    problems = season_problems(plan_season(read_season(path)))
    if not problems:
        out.print(f"{path}: no problems found.")
        return
    for p in problems:
        where = p.sheet + (f" row {p.row}" if p.row is not None else "") + (f", {p.column}" if p.column else "")
        out.print(f"{where}: {p.problem}. {p.how_to_fix}")
    out.print(f"{len(problems)} problem(s) found.")
    raise click.exceptions.Exit(1)


@app.command()
@click.argument("path", type=WORKBOOK)
@click.option("--eml-dir", "eml_dir", type=click.Path(path_type=Path, file_okay=False), required=True,
              help="Folder for the .eml drafts (created if missing).")
@click.option("--force", is_flag=True, help="Replace files there that are not drafts xlresidency wrote.")
def emails(path: Path, eml_dir: Path, force: bool) -> None:
    """Write each email draft of the workbook at PATH as an .eml file your mail program opens; PATH is not changed."""
    from .exports.eml import write_eml

    season = read_season(path)
    drafts, _ = plan_season(season).drafts
    files = write_eml(drafts, eml_dir, sender=season.profile.email, force=force)  # TemplateError: none written
    out.print(f"Wrote {len(files)} email draft(s) to {eml_dir}" if files else
              "No drafts: no program is marked Visit or Virtual on the Second Look sheet.")
    for file, check in zip(files, files.checks, strict=True):
        if check != "OK":
            out.print(f"  {file.name}: {check}")
    if files.skipped:
        raise TemplateError(f"{len(files.skipped)} draft(s) not written: " + "; ".join(files.skipped))


@app.command()
@click.argument("path", type=WORKBOOK)
@click.option("--out", "out_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Where to write the calendar (default: PATH with the extension .ics).")
@click.option("--force", is_flag=True, help="Replace the file there even if it is not a calendar xlresidency wrote.")
def ics(path: Path, out_path: Path | None, force: bool) -> None:
    """Write the season (in-person interviews, second looks, virtual sessions, commitments) as an .ics calendar."""
    from .exports.ics import season_calendar, write_calendar

    target = out_path or path.with_suffix(".ics")
    if target.exists() and path.exists() and target.samefile(path):
        raise XlresidencyError(f"{target}: is the workbook the calendar is made from; give the calendar its own name")
    season = read_season(path)
    data = season_calendar(plan_season(season))
    written = write_calendar(target, data, force=force)
    events = data.count(b"BEGIN:VEVENT")
    out.print(f"Wrote {events} event(s) to {target}"
              + (f" (the file it replaced: {written.backup})" if written.backup else ""), markup=False)


@app.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--into", "book", type=WORKBOOK, required=True, metavar="BOOK",
              help="The season workbook whose Programs table gets the programs.")
def import_programs(file: Path, book: Path) -> None:
    """Add the programs of FILE (CSV or workbook from FREIDA, Residency Explorer or a shared list) to BOOK.

    New programs are appended to the Programs table; a program already there only gets its blank cells
    filled, and every value that differs from yours is listed, never overwritten.
    """
    from .workbook.importer import import_file

    result = import_file(file, book)
    out.print(result.summary, markup=False, emoji=False)
    for line in result.details:
        out.print(line, markup=False, emoji=False)
    if result.losses and result.written:
        err.print(
            f"Note: {book} holds things that cannot be kept when saving ({'; '.join(result.losses)}). "
            f"Your original was left unchanged; the result is in {result.path}."
        )
    if result.changed_meanwhile:
        err.print(SAVED_MEANWHILE.format(path=book, result=result.path), markup=False)


@app.group()
def addin() -> None:
    """The Residency ribbon for Excel (Windows and macOS): build or install xlresidency.xlam."""


@addin.command("build")
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("."),
              help="Folder for xlresidency.xlam (default: the current folder).")
@click.option("--force", is_flag=True, help="Replace an xlresidency.xlam there that xlresidency did not build.")
def addin_build(out_dir: Path, force: bool) -> None:
    """Make xlresidency.xlam from the installed xlwings ribbon add-in template, set to run this Python."""
    from .addin.xlam import ADDIN_NAME, build_addin, has_imported_functions, this_python

    python = this_python()
    had_functions = has_imported_functions(out_dir / ADDIN_NAME)
    target = build_addin(out_dir, interpreter=python, force=force)
    runs = f"conda environment {python.conda_env}" if python.conda_env else python.executable
    out.print(f"Wrote {target}, set to run {runs}. "
              "Install it with: python -m xlresidency addin install (or Excel: Developer > Excel Add-ins)")
    if had_functions:
        out.print(FUNCTIONS_KEPT if has_imported_functions(target) else FUNCTIONS_LOST)
    _warn_about(python)


FUNCTIONS_KEPT = ("The add-in it replaced had the cell functions imported (VBA module xlwings_udfs); they were "
                  "carried into the new add-in.")
FUNCTIONS_LOST = ("The add-in it replaced had the cell functions imported; import them again: Alt+F11, select the "
                  "xlresidency add-in, run the macro ImportPythonUDFsToAddin, and save the add-in.")


@addin.command("install")
@click.option("--force", is_flag=True, help="Replace an xlresidency.xlam there that xlresidency did not build.")
def addin_install(force: bool) -> None:
    """Build the add-in for this Python and copy it into Excel's startup folder (XLSTART)."""
    from .addin.xlam import install_addin, this_python

    python = this_python()
    installed = install_addin(force=force)
    out.print(f"Installed {installed.path}. Restart Excel: the Residency tab has the Regenerate button.")
    if installed.kept_functions:
        out.print(FUNCTIONS_KEPT)
    if installed.replaced_functions:
        out.print(FUNCTIONS_LOST)
    _warn_about(python)


@addin.command("remove")
def addin_remove() -> None:
    """Take xlresidency.xlam out of Excel's startup folder."""
    from .addin.xlam import remove_addin

    removed = remove_addin()
    out.print("\n".join(f"Removed {path}. Restart Excel." for path in removed) if removed
              else "The add-in is not in Excel's startup folder: nothing to remove.")


@addin.command("status")
def addin_status_command() -> None:
    """Where the add-in is installed, what it runs, and whether it still fits this Python and xlwings."""
    from .addin.xlam import addin_status

    status = addin_status()
    if status.path is not None:
        out.print(f"Installed: {status.path}", markup=False)
        for key, value in status.settings.items():
            out.print(f"  {key}: {value}", markup=False)
        built = ", ".join(f"{name} {version}" for name, version in status.built_with.items()) or "unknown versions"
        out.print(f"  built with {built}; cell functions {'imported' if status.functions_imported else 'not imported'}",
                  markup=False)
    for problem in status.problems:
        err.print(f"Problem: {problem}", markup=False)
    if status.problems:
        raise click.exceptions.Exit(1)
    out.print("No problems found.")


def _warn_about(python: Python) -> None:
    from .addin.xlam import python_warnings

    for warning in python_warnings(python):
        err.print(f"Warning: {warning}", markup=False)


@app.command()
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("xlresidency-lite"),
              help="Folder for main.py and requirements.txt (default: ./xlresidency-lite).")
@click.option("--force", is_flag=True, help="Replace files there that xlresidency did not write.")
def lite(out_dir: Path, force: bool) -> None:
    """Write main.py and requirements.txt for xlwings Lite (Excel on Mac, Windows and the web, no Python needed)."""
    from .excel.lite import write_lite

    main_py, requirements = write_lite(out_dir, force=force)
    out.print(f"Wrote {main_py} ({main_py.stat().st_size // 1024:,} KB: the package travels inside it) and "
              f"{requirements}. In Excel: Home > Add-ins > xlwings Lite; paste requirements.txt into its "
              "requirements.txt tab and main.py into its main.py tab, then run Regenerate.", markup=False)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 fine, 1 bad input, 3 unexpected error)."""
    try:
        result = app.main(args=argv, prog_name="xlresidency", standalone_mode=False)
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.exceptions.Abort:
        err.print("xlresidency: stopped.")
        return 1
    except click.exceptions.NoArgsIsHelpError as usage:
        out.print(usage.format_message())
        return 0
    except click.exceptions.UsageError as usage:
        command = usage.ctx.command_path if usage.ctx else "xlresidency"
        err.print(f"xlresidency: {usage.format_message()} (see: {command} --help)")
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
        path = log_unexpected(exc, "command line")
        err.print(f"xlresidency: unexpected error ({exc.__class__.__name__}: {exc}); details in {path}")
        return 3
    return int(result) if isinstance(result, int) else 0
