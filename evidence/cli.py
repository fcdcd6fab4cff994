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
from rich.progress import Progress
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

# Piped to a file or a pager, a table for people gets room for its columns rather than the
# 80 columns rich assumes when it cannot ask a terminal.
stdout = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 160)
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
    from evidence.ingest.load import CHUNK_THRESHOLD

    if not path.exists():
        usage_error(f"no such file: {path}")
    if path.is_dir():
        usage_error(f"{path} is a folder; name a bibliography file (.bib, .ris or .json)")
    if not stderr.is_terminal or path.stat().st_size < CHUNK_THRESHOLD:
        return load_studies(path, format=fmt)
    with Progress(transient=True, console=stderr) as bar:
        task = bar.add_task(f"reading {path.name}", total=path.stat().st_size)
        return load_studies(
            path,
            format=fmt,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )


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


class AppraisalFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"
    md = "md"
    robvis = "robvis"


class AppraisalView(StrEnum):
    answers = "answers"
    wide = "wide"
    overall = "overall"
    domains = "domains"


class AgreementView(StrEnum):
    statistics = "statistics"
    disagreements = "disagreements"


ProjectDir = Annotated[
    Path | None,
    typer.Argument(help="The review project (default: the bundled one).", show_default=False),
]
RubricOption = Annotated[str, typer.Option("--rubric", help="The rubric id, e.g. hoy-2012.")]


def _project_dir(directory: Path | None) -> Path:
    if directory is None:
        from evidence.resources import bundled_root

        directory = bundled_root()
    if not directory.is_dir():
        usage_error(f"no such project folder: {directory}")
    if not (directory / "studies.bib").is_file():
        usage_error(f"{directory} has no studies.bib; a review project holds its studies there")
    return directory


def _read_rubric(rubric_id: str, directory: Path | None) -> Any:
    from evidence.appraise import RubricError, load_rubric

    try:
        return load_rubric(rubric_id, directory)
    except RubricError as problem:
        print_issues(problem.issues)
        raise typer.Exit(EXIT_INPUT) from None


def _appraisal_inputs(directory: Path | None, rubric_id: str) -> tuple[Any, Any, Any]:
    """The studies, rubric and judgments of a project (issues of the bibliography included)."""
    from evidence.appraise import load_judgments
    from evidence.ingest import load_studies

    project = _project_dir(directory)
    rubric = _read_rubric(rubric_id, project)
    studies = load_studies(project / "studies.bib")
    judgments = load_judgments(project, rubric.id, studies, rubric)
    return studies, rubric, judgments


@app.command()
def rubrics(
    rubric_id: Annotated[str | None, typer.Argument(help="Show this rubric's items.")] = None,
    directory: Annotated[
        Path | None, typer.Option("--project", help="Also list this project's own rubrics.")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="table, csv, json or md.")] = Format.table,
) -> None:
    """List the appraisal rubrics, or show one with its items and citation."""
    from evidence.appraise import RubricError, available_rubrics

    require_format(fmt, (Format.table, Format.csv, Format.json, Format.md), "rubrics")
    if rubric_id is None:
        try:
            found = available_rubrics(directory)
        except RubricError as problem:
            print_issues(problem.issues)
            raise typer.Exit(EXIT_INPUT) from None
        frame = pd.DataFrame([r.summary_row() for r in found])
        if fmt is Format.table:
            frame = frame.drop(columns=["citation"])
        print_frame(frame, fmt, title="Rubrics")
        return
    rubric = _read_rubric(rubric_id, directory)
    if fmt is Format.table:
        stdout.print(f"{rubric.name} ({rubric.id}, version {rubric.version})", markup=False)
        stdout.print(f"Citation: {rubric.citation}", markup=False, highlight=False)
        stdout.print(f"Applies to: {', '.join(rubric.applies_to)}", markup=False)
        stdout.print(f"Overall: {rubric.overall.description}", markup=False)
        for convention in rubric.conventions:
            stdout.print(
                f"Convention {convention.id}: {convention.description} {convention.note}",
                markup=False,
            )
    print_frame(pd.DataFrame(rubric.items_frame_rows()), fmt, title=rubric.id)


@app.command()
def appraise(
    rubric_id: RubricOption,
    directory: ProjectDir = None,
    fmt: Annotated[
        AppraisalFormat,
        typer.Option("--format", help="table, csv, json, jsonl, md, or robvis (robvis's CSV)."),
    ] = AppraisalFormat.table,
    view: Annotated[
        AppraisalView,
        typer.Option("--view", help="answers (one row per item), wide, overall or domains."),
    ] = AppraisalView.answers,
    overall_rule: Annotated[
        str | None,
        typer.Option("--overall-rule", help="A declared convention instead of the tool's rule."),
    ] = None,
    every_study: Annotated[
        bool,
        typer.Option("--all", help="Appraise every study, not only those with judgments."),
    ] = False,
) -> None:
    """The appraisal table: automatic answers, reviewers' answers and overrides, per study."""
    from evidence.appraise import appraise as appraise_studies
    from evidence.appraise import studies_to_appraise

    studies, rubric, judgments = _appraisal_inputs(directory, rubric_id)
    chosen = studies if every_study else studies_to_appraise(studies, rubric, judgments)
    result = appraise_studies(chosen, rubric, judgments)
    print_issues(result.issue_table)
    if fmt is AppraisalFormat.robvis:
        sys.stdout.write(result.to_robvis())
    else:
        if view is AppraisalView.overall:
            try:
                frame = result.overall(overall_rule)
            except KeyError as problem:
                usage_error(str(problem.args[0]))
        elif view is AppraisalView.domains:
            frame = result.domains()
        elif view is AppraisalView.wide:
            frame = result.wide()
        else:
            frame = result.to_frame()
            if fmt is AppraisalFormat.table:
                frame = frame[
                    ["study", "item", "answer", "source", "reviewer", "automatic_answer", "support"]
                ]
        print_frame(frame, Format(fmt.value), title=f"{rubric.name}")
    raise typer.Exit(EXIT_INPUT if result.issue_table.has_errors else EXIT_OK)


@app.command()
def agreement(
    rubric_id: RubricOption,
    directory: ProjectDir = None,
    fmt: Annotated[
        Format, typer.Option("--format", help="table, csv, json, jsonl or md.")
    ] = Format.table,
    view: Annotated[
        AgreementView,
        typer.Option("--view", help="statistics (per item and overall) or disagreements."),
    ] = AgreementView.statistics,
) -> None:
    """Agreement between reviewers (kappa, AC1, alpha with 95% intervals) and their disagreements."""
    from evidence.appraise import agreement as reviewer_agreement

    _, rubric, judgments = _appraisal_inputs(directory, rubric_id)
    print_issues(judgments.issue_table)
    if len(judgments.reviewers) < 2:
        stderr.print(
            f"evidence: {rubric.id} has judgments from {len(judgments.reviewers)} reviewer(s); "
            "agreement needs two or more files under appraisals/" + rubric.id,
            markup=False,
            highlight=False,
        )
        raise typer.Exit(EXIT_INPUT)
    result = reviewer_agreement(judgments, rubric)
    if view is AgreementView.disagreements:
        print_frame(result.disagreements(), fmt, title="Disagreements")
    elif fmt in (Format.table, Format.md):
        print_frame(result.formatted(), fmt, title=f"Agreement: {rubric.id}")
        if fmt is Format.table:
            print_frame(result.disagreements(), fmt, title="Disagreements")
    else:
        print_frame(result.to_frame(), fmt)
    raise typer.Exit(EXIT_INPUT if judgments.issue_table.has_errors else EXIT_OK)


# --- claims and flag commands ---------------------------------------------------------------


def _flag_inputs(bib: Path | None) -> tuple[Studies | None, Any]:
    from evidence.flag import RegistryError, load_registry

    studies = None
    if bib is not None:
        if not bib.is_file():
            usage_error(f"--bib {bib}: no such file; name a bibliography (.bib, .ris or .json)")
        studies = _load(bib, None)
        print_issues(IssueTable.of(i for i in studies.issue_table if i.is_error))
    try:
        registry = load_registry()
    except RegistryError as error:
        stderr.print(f"evidence: error: {error}", markup=False, highlight=False)
        raise typer.Exit(EXIT_INPUT) from None
    return studies, registry


BibOption = Annotated[
    Path | None,
    typer.Option("--bib", help="The bibliography that citations resolve to (studies.bib)."),
]


@app.command()
def flag(
    files: Annotated[
        list[Path],
        typer.Argument(help="Texts (.txt .md .html .docx .pdf), claim tables (.csv) or folders."),
    ],
    bib: BibOption = None,
    fmt: Annotated[
        Format, typer.Option("--format", help="table, jsonl, csv, json or md.")
    ] = Format.table,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 when any flag is unacknowledged.")
    ] = False,
) -> None:
    """Flag prevalence claims that rest on flawed sources, one row per flag."""
    from evidence.flag import flag_claims
    from evidence.flag.audit import text_files

    studies, registry = _flag_inputs(bib)
    missing = [str(f) for f in files if not f.exists()]
    if missing:
        usage_error(f"no such file: {', '.join(missing)}")
    flags = flag_claims(text_files(files), studies, registry)
    print_issues(flags.issues)
    frame = flags.to_frame()
    if fmt is Format.table:
        # for people: where, what and why; the sentence itself is in the other formats
        frame = frame[["file", "line", "page", "code", "source", "acknowledged", "explanation"]]
    print_frame(frame, fmt, title="flags")
    if flags.issues.has_errors:
        raise typer.Exit(EXIT_INPUT)
    raise typer.Exit(EXIT_INPUT if strict and flags.unacknowledged else EXIT_OK)


@app.command("audit")
def audit_command(
    paths: Annotated[list[Path], typer.Argument(help="Texts or folders of texts.")],
    bib: BibOption = None,
    fmt: Annotated[
        Format, typer.Option("--format", help="table, csv, json, jsonl or md.")
    ] = Format.table,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Read texts on dask: threads, processes or an address."),
    ] = None,
) -> None:
    """Fedina's audit: per text, the flawed sources it uses and whether it acknowledges them."""
    from evidence.flag import audit

    studies, registry = _flag_inputs(bib)
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        usage_error(f"no such file or folder: {', '.join(missing)}")
    result = audit(paths, studies, registry, scheduler=scheduler)
    print_issues(result.issues)
    print_frame(result.to_frame(), fmt, title="audit")
    summary = result.summary()
    stderr.print(
        f"{summary['texts_flawed_unacknowledged']} of {summary['texts']} texts "
        f"({summary['share_flawed_unacknowledged']:.0%}) use a flawed source without "
        "acknowledging its limits",
        markup=False,
        highlight=False,
    )
    raise typer.Exit(EXIT_INPUT if result.issues.has_errors else EXIT_OK)


def _print_registry(fmt: Format, brief: bool) -> None:
    from evidence.flag import RegistryError, load_registry

    try:
        registry = load_registry()
    except RegistryError as error:
        stderr.print(f"evidence: error: {error}", markup=False, highlight=False)
        raise typer.Exit(EXIT_INPUT) from None
    frame = registry.to_frame()
    print_frame(frame[["id", "label", "origins"]] if brief else frame, fmt, title="flawed-sources")


def rubrics_and_registry(
    rubric_id: Annotated[
        str | None, typer.Argument(help="Show this rubric's items, or flawed-sources.")
    ] = None,
    directory: Annotated[
        Path | None, typer.Option("--project", help="Also list this project's own rubrics.")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="table, csv, json or md.")] = Format.table,
) -> None:
    """List the appraisal rubrics and the flawed-source registry, or show one."""
    if rubric_id == "flawed-sources":
        require_format(fmt, (Format.table, Format.csv, Format.json, Format.md), "rubrics")
        _print_registry(fmt, brief=False)
        return
    rubrics(rubric_id, directory, fmt)
    if rubric_id is None and fmt is Format.table:
        _print_registry(fmt, brief=True)


# `evidence rubrics` lists the appraisal rubrics (above) and the flawed-source registry: the
# registry is shown by the same command, so its callback is widened here rather than a second
# command registered under the same name.
for _command in app.registered_commands:
    if _command.callback is rubrics:
        _command.name = _command.name or "rubrics"
        _command.callback = rubrics_and_registry


# --- report commands ------------------------------------------------------------------------


@app.command()
def review(
    directory: Annotated[
        Path | None,
        typer.Argument(help="The review project (default: the bundled one).", show_default=False),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Where to write the review (default: DIR/out)."),
    ] = None,
    palette: Annotated[
        str,
        typer.Option("--palette", help="Risk colours: colourblind (default) or cochrane."),
    ] = "colourblind",
) -> None:
    """The whole review of a project: every table in every format, every figure, report.html."""
    from evidence.report.review import ReviewSetupError, run_review

    if directory is not None and not directory.is_dir():
        usage_error(f"no such project folder: {directory}")
    try:
        if stderr.is_terminal:
            from rich.progress import Progress

            with Progress(console=stderr, transient=True) as bar:
                task = bar.add_task("reviewing", total=None)

                def tell(label: str, done: int, total: int) -> None:
                    bar.update(task, description=label, completed=done, total=total)

                result = run_review(directory, out, progress=tell, palette=palette)
        else:
            result = run_review(directory, out, palette=palette)
    except ReviewSetupError as problem:
        usage_error(str(problem))
    print_issues(result.issues)
    missing = [part.title for part in result.review.missing]
    stderr.print(
        f"{result.out}: {len(result.files)} files ({len(result.changed)} changed); "
        f"{len(result.review.tables)} tables, {len(result.review.figures)} figures; "
        f"{len(result.issues)} issues ({len(result.issues.errors)} errors)"
        + (f"; not available yet: {', '.join(missing)}" if missing else ""),
        markup=False,
        highlight=False,
    )
    raise typer.Exit(EXIT_INPUT if result.issues.has_errors else EXIT_OK)


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(help="The new project's folder (new or empty).")],
) -> None:
    """Start a new review project with a small worked example; never overwrites one."""
    from evidence.report.project import init_project
    from evidence.report.review import ReviewSetupError

    try:
        written = init_project(directory)
    except ReviewSetupError as problem:
        usage_error(str(problem))
    stderr.print(
        f"{directory}: new review project ({len(written)} files). Next: evidence review {directory}",
        markup=False,
        highlight=False,
    )


def main() -> None:
    """Entry point of the ``evidence`` console script."""
    try:
        app()
    except KeyboardInterrupt:
        stderr.print("evidence: interrupted")
        sys.exit(130)
