"""The ``evidence`` command line: parses arguments, calls the library, prints the result.

Exit codes: 0 success; 1 the input has errors (or ``--strict`` found unacknowledged flags);
2 usage error. Bad input never prints a traceback: it prints what was wrong, where, and what
would be right.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import pandas as pd
import typer
from rich.console import Console
from rich.table import Table

from evidence.ingest.model import Studies
from evidence.issues import IssueTable

app = typer.Typer(
    name="evidence",
    help="Literature evidence-quality review: studies, appraisals, flagged prevalence claims, reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

EXIT_OK = 0
EXIT_INPUT = 1
EXIT_USAGE = 2

stdout = Console(soft_wrap=True)
stderr = Console(stderr=True, soft_wrap=True)


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"
    md = "md"


def usage_error(message: str) -> NoReturn:
    """Print a usage problem and exit with code 2."""
    stderr.print(f"evidence: error: {message}", markup=False, highlight=False)
    raise typer.Exit(EXIT_USAGE)


def require_format(fmt: Format, allowed: tuple[Format, ...], command: str) -> None:
    if fmt not in allowed:
        names = ", ".join(f.value for f in allowed)
        usage_error(f"{command} does not write --format {fmt.value}; use one of: {names}")


def print_issues(issues: IssueTable) -> None:
    """Issues go to standard error, one line each, so standard output stays machine-readable."""
    for issue in issues:
        stderr.print(issue.describe(), markup=False, highlight=False)


def _jsonable(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:  # NaN
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def frame_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [
        {str(k): _jsonable(v) for k, v in row.items()}
        for row in frame.astype(object).to_dict(orient="records")
    ]


def print_frame(frame: pd.DataFrame, fmt: Format, title: str | None = None) -> None:
    """Write a table to standard output in the chosen format."""
    if fmt is Format.csv:
        sys.stdout.write(frame.to_csv(index=False, lineterminator="\n"))
    elif fmt is Format.json:
        sys.stdout.write(json.dumps(frame_records(frame), ensure_ascii=False, indent=2) + "\n")
    elif fmt is Format.jsonl:
        for record in frame_records(frame):
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif fmt is Format.md:
        from evidence.report.markdown import markdown_table

        sys.stdout.write(markdown_table(frame))
    else:
        table = Table(title=title, show_lines=False, header_style="bold")
        for column in frame.columns:
            table.add_column(str(column), overflow="fold")
        for row in frame.astype(object).itertuples(index=False):
            table.add_row(*("" if _jsonable(v) is None else str(v) for v in row))
        stdout.print(table)


# --- ingest commands ------------------------------------------------------------------------


def _load(path: Path, fmt: str | None) -> Studies:
    from evidence.ingest import load_studies

    if not path.exists():
        usage_error(f"no such file: {path}")
    if path.is_dir():
        usage_error(f"{path} is a folder; name a bibliography file (.bib, .ris or .json)")
    return load_studies(path, format=fmt)


InputFormat = Annotated[
    str | None,
    typer.Option(
        "--input-format",
        help="Read the file as bibtex, ris or csljson instead of guessing from its name.",
    ),
]


@app.command()
def check(
    file: Annotated[Path, typer.Argument(help="The bibliography to validate.")],
    fmt: Annotated[
        Format, typer.Option("--format", help="table (for people) or json.")
    ] = Format.table,
    input_format: InputFormat = None,
) -> None:
    """Validate a bibliography: every problem with its line, and what would be right."""
    require_format(fmt, (Format.table, Format.json), "check")
    _check_input_format(input_format)
    studies = _load(file, input_format)
    issues = studies.issue_table
    if fmt is Format.json:
        sys.stdout.write(json.dumps(issues.to_records(), ensure_ascii=False, indent=2) + "\n")
    else:
        print_issues(issues)
        errors = len(issues.errors)
        stderr.print(
            f"{file}: {len(studies)} studies read; {errors} error(s), {len(issues) - errors} other issue(s)",
            markup=False,
            highlight=False,
        )
    raise typer.Exit(EXIT_INPUT if issues.has_errors else EXIT_OK)


@app.command()
def studies(
    file: Annotated[Path, typer.Argument(help="The bibliography to list.")],
    fmt: Annotated[Format, typer.Option("--format", help="table, csv, json or md.")] = Format.table,
    input_format: InputFormat = None,
) -> None:
    """The characteristics-of-studies table: one row per study, its citation key in `key`."""
    require_format(fmt, (Format.table, Format.csv, Format.json, Format.md), "studies")
    _check_input_format(input_format)
    loaded = _load(file, input_format)
    print_issues(loaded.issue_table)
    frame = loaded.to_frame()
    if fmt is Format.table:
        frame = frame[["key", "authors", "year", "design", "sampling", "n", "measure", "estimate"]]
    print_frame(frame, fmt, title=str(file))
    raise typer.Exit(EXIT_INPUT if loaded.has_errors else EXIT_OK)


def _check_input_format(input_format: str | None) -> None:
    from evidence.ingest import FORMATS

    if input_format is not None and input_format not in FORMATS:
        usage_error(
            f"--input-format {input_format!r} is not known; use one of: {', '.join(FORMATS)}"
        )


# --- appraisal commands ---------------------------------------------------------------------


# --- claims and flag commands ---------------------------------------------------------------


# --- report commands ------------------------------------------------------------------------


def _bundled_project() -> Path:
    """The bundled review project: the checkout this package sits in."""
    return Path(__file__).resolve().parent.parent


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8", newline="\n")
    temporary.replace(path)


@app.command()
def review(
    directory: Annotated[
        Path | None, typer.Argument(help="The review project (default: the bundled one).")
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Where to write the outputs (default: DIR/out).")
    ] = None,
) -> None:
    """The whole review of a project: validate its studies and write its tables."""
    from evidence.ingest import load_studies

    project = directory or _bundled_project()
    bibliography = project / "studies.bib"
    if not bibliography.is_file():
        usage_error(f"{project} has no studies.bib; is it a review project?")
    target = out or project / "out"
    studies = load_studies(bibliography)
    print_issues(studies.issue_table)
    frame = studies.to_frame()
    _write_atomically(
        target / "characteristics.csv", frame.to_csv(index=False, lineterminator="\n")
    )
    from evidence.report.markdown import markdown_table

    _write_atomically(target / "characteristics.md", markdown_table(frame))
    stderr.print(
        f"{bibliography}: {len(studies)} studies; wrote {target / 'characteristics.csv'} and "
        f"{target / 'characteristics.md'}. Not part of this review yet: appraisal, agreement, "
        "flagged claims, audit and figures.",
        markup=False,
        highlight=False,
    )
    raise typer.Exit(EXIT_INPUT if studies.has_errors else EXIT_OK)


def main() -> None:
    """Entry point of the ``evidence`` console script."""
    try:
        app()
    except KeyboardInterrupt:
        stderr.print("evidence: interrupted")
        sys.exit(130)
