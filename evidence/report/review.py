"""``evidence review``: the whole review of a project folder, written into an output folder.

Reads the project's inputs (studies.bib, prisma.csv, appraisals/, texts/, claims/, rubrics/),
never writes to them, and writes every table in every format, every figure, report.md and a
self-contained report.html into the output folder. Every file is written atomically and the
bytes depend on the inputs only, so a rerun on unchanged inputs gives identical files.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from evidence.appraise import RubricError, appraise_project
from evidence.flag import audit as audit_texts
from evidence.flag import flag_claims, load_registry, project_texts
from evidence.ingest.model import Studies
from evidence.issues import Issue, IssueTable
from evidence.report.figures.base import FIGURE_FORMATS, ReportFigure
from evidence.report.figures.palettes import DEFAULT_PALETTE, PALETTES
from evidence.report.prisma import PrismaFlow
from evidence.report.table import TABLE_FORMATS, ReportTable
from evidence.report.writing import write_atomic
from evidence.resources import bundled_root

#: Bibliography file names a project may use, in the order they are looked for.
BIBLIOGRAPHY_NAMES = ("studies.bib", "studies.ris", "studies.json")
#: Folders of a project that hold inputs; the output folder may be none of them.
INPUT_FOLDERS = ("appraisals", "texts", "claims", "rubrics", "notebooks")
#: Text files an audit reads.

Progress = Callable[[str, int, int], None]


class ReviewSetupError(ValueError):
    """The project or output folder cannot be used as asked (a usage problem, not bad data)."""


@dataclass(frozen=True)
class ReviewPart:
    """One section of the report: its tables and figures, or why it is not there."""

    key: str
    title: str
    tables: tuple[ReportTable, ...] = ()
    figures: tuple[ReportFigure, ...] = ()
    notes: tuple[str, ...] = ()
    available: bool = True


@dataclass(frozen=True)
class Review:
    """Everything a review shows, before anything is written."""

    name: str
    studies: Studies
    parts: tuple[ReviewPart, ...]
    issues: IssueTable = field(default_factory=IssueTable)
    #: The project folder the review was read from (outputs may not go into its inputs).
    project: Path | None = None

    @property
    def tables(self) -> tuple[ReportTable, ...]:
        return tuple(t for part in self.parts for t in part.tables)

    @property
    def figures(self) -> tuple[ReportFigure, ...]:
        return tuple(f for part in self.parts for f in part.figures)

    @property
    def missing(self) -> tuple[ReviewPart, ...]:
        return tuple(p for p in self.parts if not p.available)

    def to_markdown(self) -> str:
        from evidence.report.review_page import review_markdown

        return review_markdown(self)

    def to_html(self) -> str:
        from evidence.report.review_page import review_html

        return review_html(self)

    def _repr_html_(self) -> str:
        from evidence.report.render_html import escape

        rows = "".join(
            f"<li>{escape(p.title)}: {len(p.tables)} tables, {len(p.figures)} figures"
            + ("" if p.available else " (not available)")
            + "</li>"
            for p in self.parts
        )
        return (
            f"<p>Review of {len(self.studies)} records; {len(self.issues)} issues "
            f"({len(self.issues.errors)} errors)</p><ul>{rows}</ul>"
        )


@dataclass(frozen=True)
class ReviewResult:
    """What a run wrote: the review, the output folder and every file (relative to it)."""

    review: Review
    out: Path
    files: tuple[str, ...]
    changed: tuple[str, ...]

    @property
    def issues(self) -> IssueTable:
        return self.review.issues

    def _repr_html_(self) -> str:
        from evidence.report.render_html import escape

        return (
            f"<p>{len(self.files)} files in {escape(str(self.out))} "
            f"({len(self.changed)} changed)</p>" + self.review._repr_html_()
        )


def bundled_project_dir() -> Path:
    """The review project that ships with the package.

    In a checkout it is the repository itself; an installed wheel carries it under
    ``evidence/_bundled``.
    """
    root = bundled_root()
    if any((root / name).is_file() for name in BIBLIOGRAPHY_NAMES):
        return root
    raise ReviewSetupError(
        "the bundled project was not found (no studies.bib next to the package or under "
        "evidence/_bundled); name a project folder: evidence review DIR"
    )


def find_bibliography(project: Path) -> Path:
    for name in BIBLIOGRAPHY_NAMES:
        if (project / name).is_file():
            return project / name
    raise ReviewSetupError(
        f"{project} holds no bibliography; expected one of: {', '.join(BIBLIOGRAPHY_NAMES)} "
        "(evidence init DIR creates a project with one)"
    )


def _prisma_notes(flow: PrismaFlow, has_file: bool) -> tuple[str, ...]:
    notes = []
    if not has_file:
        notes.append("No prisma.csv: every count comes from the bibliography's screening fields.")
    if flow.mismatches:
        notes.append(
            f"The counts contradict each other ({flow.mismatches} box equalities fail; see Issues): "
            "the diagram draws them as given and is not a checked flow."
        )
    return tuple(notes)


def _relative_issues(issues: IssueTable, project: Path) -> IssueTable:
    """File names relative to the project, so reports do not depend on where it sits."""

    def relative(issue: Issue) -> Issue:
        if not issue.file:
            return issue
        try:
            name = Path(issue.file).resolve().relative_to(project.resolve()).as_posix()
        except ValueError:
            return issue
        return dataclasses.replace(issue, file=name)

    return IssueTable.of(relative(i) for i in issues)


def included(studies: Studies) -> Studies:
    keys = {s.key for s in studies if s.screening in (None, "included")}
    return studies.filter(key=keys)


def build_review(
    project_dir: Path, progress: Progress | None = None, palette: str = DEFAULT_PALETTE
) -> Review:
    """Read a project and make every table and figure of its review (nothing is written).

    ``palette`` colours the risk-of-bias figures: ``colourblind`` (default) or ``cochrane``.
    """
    from evidence.ingest import load_studies
    from evidence.report.figures.evidence_map import evidence_map_figure
    from evidence.report.figures.prisma_flow import prisma_flow_figure
    from evidence.report.prisma import prisma_flow
    from evidence.report.tables.characteristics import characteristics_table, excluded_studies_table
    from evidence.report.tables.prisma import prisma_table

    project = Path(project_dir)
    if palette not in PALETTES:
        raise ReviewSetupError(f"unknown palette {palette!r}; use one of: {', '.join(PALETTES)}")
    if not project.is_dir():
        raise ReviewSetupError(f"{project} is not a folder; name a review project folder")
    steps = 5
    tell = progress or (lambda label, done, total: None)

    tell("reading the studies", 0, steps)
    studies = load_studies(find_bibliography(project))
    issues: list[Issue] = list(studies.issue_table)
    parts: list[ReviewPart] = [
        ReviewPart(
            "studies",
            "Studies",
            tables=(characteristics_table(studies), excluded_studies_table(studies)),
        )
    ]

    tell("counting the PRISMA flow", 1, steps)
    prisma_file = project / "prisma.csv"
    flow = prisma_flow(studies, prisma_file if prisma_file.is_file() else None)
    issues.extend(flow.issues)
    parts.append(
        ReviewPart(
            "prisma",
            "PRISMA 2020 flow",
            tables=(prisma_table(flow),),
            figures=(prisma_flow_figure(flow),),
            notes=_prisma_notes(flow, prisma_file.is_file()),
        )
    )

    tell("appraising the studies", 2, steps)
    appraisal_parts, overall_risk, appraisal_issues = _appraisal_parts(project, studies, palette)
    parts.extend(appraisal_parts)
    issues.extend(appraisal_issues)

    tell("drawing the evidence map", 3, steps)
    parts.append(
        ReviewPart(
            "evidence-map",
            "Evidence map",
            figures=(evidence_map_figure(studies, overall_risk, palette),),
            notes=()
            if overall_risk
            else (
                "No appraisal gives an overall risk yet, so every study is drawn as not assessed.",
            ),
        )
    )

    tell("flagging prevalence claims", 4, steps)
    claim_parts, claim_issues = _claim_parts(project, studies, overall_risk)
    parts.extend(claim_parts)
    issues.extend(claim_issues)
    tell("review built", steps, steps)

    name = project.resolve().name
    issue_table = _relative_issues(IssueTable.of(issues), project)
    return Review(name, studies, tuple(parts), issue_table, project)


def _appraisal_parts(
    project: Path, studies: Studies, palette: str
) -> tuple[list[ReviewPart], dict[str, str], list[Issue]]:
    from evidence.report.figures.risk_of_bias import summary_figure, traffic_light_figures
    from evidence.report.judgements import risk_grid_from_appraisals
    from evidence.report.tables.appraisal import (
        agreement_table,
        appraisal_support_table,
        appraisal_table,
        disagreements_table,
    )

    chosen = included(studies)
    issues: list[Issue] = []
    try:
        results = appraise_project(project, chosen)
    except RubricError as problem:
        issues.extend(problem.issues)
        results = []
    if not results:
        empty = ReviewPart("appraisal", "Appraisal", notes=("The project has no appraisals.",))
        return [empty], {}, issues
    citations = {s.key: s.citation() for s in chosen}
    weights = {s.key: float(s.n) for s in chosen if s.n}
    parts: list[ReviewPart] = []
    overall_risk: dict[str, str] = {}
    for result in results:
        rubric, appraisals = result.rubric, result.appraisals
        # the appraisal carries its judgments' issues along (see appraise)
        issues.extend(appraisals.issue_table)
        grid = risk_grid_from_appraisals(appraisals, weights, citations, "sample size")
        issues.extend(grid.issues)
        overall = appraisals.overall()
        for key, risk in zip(overall["study"], overall["risk"].astype(str), strict=True):
            if risk and key not in overall_risk:
                overall_risk[str(key)] = risk
        tables = [appraisal_table(appraisals, citations), appraisal_support_table(appraisals)]
        notes: list[str] = []
        if result.agreement is not None:
            tables.append(agreement_table(result.agreement, str(rubric.name), rubric.id))
            tables.append(disagreements_table(result.agreement, str(rubric.name), rubric.id))
        else:
            notes.append("Fewer than two reviewers' files: no agreement table.")
        if grid.with_overall().empty:
            notes.append("No study of the bibliography has answers for this rubric: no figures.")
            figures: list[ReportFigure] = []
        else:
            figures = [*traffic_light_figures(grid, palette), summary_figure(grid, palette)]
        if figures and grid.weights is not None and grid.weights.notna().any():
            weighted = summary_figure(grid, palette, weighted=True)
            figures.append(dataclasses.replace(weighted, name=f"{weighted.name}-weighted"))
        parts.append(
            ReviewPart(
                f"appraisal-{rubric.id}",
                f"Appraisal: {rubric.name}",
                tuple(tables),
                tuple(figures),
                tuple(notes),
            )
        )
    return parts, overall_risk, issues


def _claim_parts(
    project: Path, studies: Studies, overall_risk: dict[str, str]
) -> tuple[list[ReviewPart], list[Issue]]:
    from evidence.report.figures.audit import audit_figure
    from evidence.report.tables.claims import audit_table, flagged_claims_table

    title = "Flagged claims and audit"
    found = project_texts(project)
    paths = [p for p in found if p.suffix.lower() != ".csv"]
    claim_tables = [p for p in found if p.suffix.lower() == ".csv"]
    if not found:
        return [ReviewPart("claims", title, notes=("The project has no texts or claims.",))], []
    own_registry = project / "rubrics" / "flawed-sources.yaml"
    registry = load_registry(own_registry if own_registry.is_file() else None)
    risk = overall_risk or None
    flags = flag_claims([*paths, *claim_tables], studies, registry, risk)
    issues: list[Issue] = list(flags.issues)
    tables = [flagged_claims_table(flags, project)]
    figures = []
    if paths:
        audit = audit_texts(paths, studies, registry, risk)
        issues.extend(i for i in audit.issues if i not in set(flags.issues))
        tables.append(audit_table(audit, project))
        figures.append(audit_figure(audit))
    return [ReviewPart("claims", title, tuple(tables), tuple(figures))], issues


def _check_out(project: Path, out: Path) -> None:
    project_r, out_r = project.resolve(), out.resolve()
    if out_r == project_r:
        raise ReviewSetupError(
            f"--out {out} is the project folder itself; use a folder inside it, e.g. {project / 'out'}"
        )
    for name in INPUT_FOLDERS:
        folder = (project_r / name).resolve()
        if out_r == folder or folder in out_r.parents:
            raise ReviewSetupError(
                f"--out {out} is inside the project's input folder {name}/; choose another folder"
            )
    if out.exists() and not out.is_dir():
        raise ReviewSetupError(f"--out {out} exists and is not a folder")


def review_files(review: Review) -> list[tuple[str, Callable[[], bytes]]]:
    """Every output file (relative name, how to make its bytes), in writing order."""
    from evidence.report.render_xlsx import tables_xlsx

    files: list[tuple[str, Callable[[], bytes]]] = []
    for table in review.tables:
        for fmt, suffix in TABLE_FORMATS.items():
            files.append((f"tables/{table.name}{suffix}", partial(table.render, fmt)))
    if review.tables:
        files.append(("tables/all-tables.xlsx", lambda: tables_xlsx(review.tables)))
    issues_csv = review.issues.to_frame().to_csv(index=False, lineterminator="\n")
    files.append(("issues.csv", lambda: issues_csv.encode("utf-8")))
    for figure in review.figures:
        for fmt, suffix in FIGURE_FORMATS.items():
            files.append((f"figures/{figure.name}{suffix}", partial(figure.render, fmt)))
    files.append(("report.md", lambda: review.to_markdown().encode("utf-8")))
    files.append(("report.html", lambda: review.to_html().encode("utf-8")))
    return files


#: The list of files the last run wrote, so that the next run can remove the ones it no longer
#: makes (a traffic-light page, a rubric's tables) and never touches any other file.
MANIFEST = ".evidence-review-files"


def _remove_stale(out: Path, written: list[str]) -> None:
    manifest = out / MANIFEST
    before = manifest.read_text(encoding="utf-8").splitlines() if manifest.is_file() else []
    for name in sorted(set(before) - set(written)):
        stale = (out / name).resolve()
        if out.resolve() in stale.parents and stale.is_file():
            stale.unlink()
    write_atomic(manifest, ("\n".join(written) + "\n").encode("utf-8"))


def run_review(
    project_dir: Path | None = None,
    out_dir: Path | None = None,
    progress: Progress | None = None,
    palette: str = DEFAULT_PALETTE,
) -> ReviewResult:
    """Build the review of ``project_dir`` (default: the bundled one) and write it to ``out_dir``.

    ``out_dir`` defaults to ``project_dir/out``; for the bundled project of an installed package,
    to ``./out``. Raises :class:`ReviewSetupError` for folders that cannot be used.
    """
    project = Path(project_dir) if project_dir is not None else bundled_project_dir()
    if out_dir is not None:
        out = Path(out_dir)
    elif project_dir is None and project.name == "_bundled":
        out = Path.cwd() / "out"
    else:
        out = project / "out"
    _check_out(project, out)
    return write_review(build_review(project, progress, palette), out, progress)


def write_review(review: Review, out: Path, progress: Progress | None = None) -> ReviewResult:
    """Write every file of a built review into ``out``, atomically, skipping unchanged ones."""
    out = Path(out)
    if review.project is not None:
        _check_out(review.project, out)
    files = review_files(review)
    written: list[str] = []
    changed: list[str] = []
    for done, (name, make) in enumerate(files):
        if progress:
            progress(f"writing {name}", done, len(files))
        if write_atomic(out / name, make()):
            changed.append(name)
        written.append(name)
    _remove_stale(out, written)
    if progress:
        progress("done", len(files), len(files))
    return ReviewResult(review, out, tuple(written), tuple(changed))
