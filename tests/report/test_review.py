"""`evidence review` and `evidence init`: complete, atomic, byte-identical, inputs untouched."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from evidence.cli import app
from evidence.report.review import MANIFEST, Review, ReviewResult, ReviewSetupError, run_review

from .conftest import PROJECT


def digest_tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("review") / "project"
    shutil.copytree(PROJECT, copy)
    return copy


@pytest.fixture(scope="module")
def first_run(project: Path) -> tuple[ReviewResult, dict[str, str], dict[str, str]]:
    inputs = digest_tree(project)
    result = run_review(project, project / "out")
    return result, inputs, digest_tree(project / "out")


def copy_of(project: Path, where: Path) -> Path:
    """A copy of the project's inputs (not its output) to change in a test."""
    shutil.copytree(project, where, ignore=shutil.ignore_patterns("out"))
    return where


def test_a_rerun_gives_byte_identical_files_and_never_touches_inputs(
    project: Path, first_run: tuple[ReviewResult, dict[str, str], dict[str, str]]
) -> None:
    first, inputs_before, written = first_run
    second = run_review(project, project / "out")
    assert digest_tree(project / "out") == written
    assert second.changed == ()
    assert set(first.files) | {MANIFEST} == set(written)
    inputs_after = {k: v for k, v in digest_tree(project).items() if not k.startswith("out/")}
    assert inputs_after == inputs_before
    # Atomic writes leave no temporary file behind.
    assert not [p for p in (project / "out").rglob("*") if p.name.endswith(".tmp")]


def test_every_table_is_written_in_every_format_and_every_figure_in_three(
    first_run: tuple[ReviewResult, dict[str, str], dict[str, str]],
) -> None:
    result = first_run[0]
    files = set(result.files)
    for table in result.review.tables:
        for suffix in (".csv", ".md", ".tex", ".html", ".docx", ".xlsx"):
            assert f"tables/{table.name}{suffix}" in files
    for figure in result.review.figures:
        for suffix in (".png", ".svg", ".pdf"):
            assert f"figures/{figure.name}{suffix}" in files
    assert {"report.html", "report.md", "issues.csv", "tables/all-tables.xlsx"} <= files


def test_report_html_is_self_contained_with_every_table_and_figure(fixture_review: Review) -> None:
    page = fixture_review.to_html()
    for table in fixture_review.tables:
        assert f'id="table-{table.name}"' in page
    for figure in fixture_review.figures:
        assert f'id="figure-{figure.name}"' in page
    assert page.count("<svg") >= len(fixture_review.figures)
    # No request to any other address: no src/href outside the page, no script, no @import.
    assert not re.search(r'(?:src|href)\s*=\s*"(?!#)', page)
    assert "<script" not in page
    assert "@import" not in page
    assert "position: sticky" in page
    assert 'class="toc"' in page


def test_report_md_links_every_figure_and_holds_every_table(fixture_review: Review) -> None:
    text = fixture_review.to_markdown()
    for figure in fixture_review.figures:
        assert f"(figures/{figure.name}.svg)" in text
    for table in fixture_review.tables:
        assert table.caption.split(":")[0] in text
    assert "## Issues" in text


def test_output_inside_an_input_folder_is_refused(project: Path) -> None:
    with pytest.raises(ReviewSetupError, match="input folder texts"):
        run_review(project, project / "texts" / "out")
    with pytest.raises(ReviewSetupError, match="project folder itself"):
        run_review(project, project)


def test_cli_review_writes_the_review_and_reports_the_counts(project: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["review", str(project), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "report.html").is_file()
    assert "tables" in result.output
    assert "figures" in result.output


def test_cli_review_of_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["review", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "no such project folder" in result.output
    assert "Traceback" not in result.output


def test_cli_review_exits_1_when_the_inputs_have_errors(project: Path, tmp_path: Path) -> None:
    broken = copy_of(project, tmp_path / "broken")
    prisma = broken / "prisma.csv"
    prisma.write_text(
        prisma.read_text(encoding="utf-8").replace(",0\n", ",97O8\n", 1), encoding="utf-8"
    )
    result = CliRunner().invoke(app, ["review", str(broken), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "prisma.csv:2" in result.output
    assert "97O8" in result.output


def test_contradictory_prisma_counts_are_said_beside_the_diagram(
    project: Path, tmp_path: Path
) -> None:
    broken = copy_of(project, tmp_path / "contradicts")
    prisma = broken / "prisma.csv"
    lines = prisma.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(n for n, line in enumerate(lines) if line.startswith("database_results,"))
    head, _, _ = lines[at].rstrip("\n").rpartition(",")
    lines[at] = f"{head},9999\n"
    prisma.write_text("".join(lines), encoding="utf-8")
    review = run_review(broken, tmp_path / "o").review
    assert any(i.code == "prisma-mismatch" for i in review.issues)
    part = next(p for p in review.parts if p.key == "prisma")
    assert any("not a checked flow" in note for note in part.notes)
    assert "NOT A CHECKED FLOW" in part.figures[0].caption
    report = (tmp_path / "o" / "report.html").read_text(encoding="utf-8")
    assert "not a checked flow" in report


def test_a_bad_judgment_is_one_issue_row_in_the_review(project: Path, tmp_path: Path) -> None:
    broken = copy_of(project, tmp_path / "typo")
    judgments = next((broken / "appraisals").glob("*/reviewer-a.csv"))
    lines = judgments.read_text(encoding="utf-8").splitlines(keepends=True)
    study, item, _, support = lines[1].split(",", 3)
    lines[1] = ",".join([study, item, "Hgih", support])
    judgments.write_text("".join(lines), encoding="utf-8")
    review = run_review(broken, tmp_path / "o")
    typos = [i for i in review.review.issues if i.value == "Hgih"]
    assert [(i.code, i.line) for i in typos] == [("judgment-bad-answer", 2)]


def test_init_creates_a_project_that_reviews_and_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "new-review"
    runner = CliRunner()
    created = runner.invoke(app, ["init", str(target)])
    assert created.exit_code == 0, created.output
    for name in ("studies.bib", "prisma.csv", "appraisals", "texts", "rubrics"):
        assert (target / name).exists()
    before = digest_tree(target)
    again = runner.invoke(app, ["init", str(target)])
    assert again.exit_code == 2
    assert "already holds a review project" in again.output
    assert digest_tree(target) == before
    reviewed = run_review(target)
    assert not reviewed.issues.has_errors
    assert (target / "out" / "report.html").is_file()


def test_review_objects_show_as_html_in_a_notebook(
    first_run: tuple[ReviewResult, dict[str, str], dict[str, str]],
) -> None:
    result = first_run[0]
    shown = result._repr_html_()
    assert f"{len(result.files)} files" in shown
    assert "Appraisal: Risk of bias in prevalence studies" in shown
    for table in result.review.tables[:3]:
        assert "<table>" in table._repr_html_()


def test_cli_review_takes_the_cochrane_palette_and_refuses_an_unknown_one(
    project: Path, tmp_path: Path
) -> None:
    runner = CliRunner()
    unknown = runner.invoke(
        app, ["review", str(project), "--out", str(tmp_path / "a"), "--palette", "rainbow"]
    )
    assert unknown.exit_code == 2
    assert "colourblind, cochrane" in unknown.output
    assert not (tmp_path / "a").exists()
    cochrane = runner.invoke(
        app, ["review", str(project), "--out", str(tmp_path / "b"), "--palette", "cochrane"]
    )
    assert cochrane.exit_code == 0, cochrane.output
    svg = (tmp_path / "b" / "figures" / "summary-hoy-2012.svg").read_text(encoding="utf-8")
    assert "#bf0000" in svg.lower()


def test_files_a_rerun_no_longer_makes_are_removed_and_others_kept(
    project: Path, tmp_path: Path
) -> None:
    copy = copy_of(project, tmp_path / "project")
    out = tmp_path / "out"
    run_review(copy, out)
    (out / "my-notes.txt").write_text("kept", encoding="utf-8")
    assert (out / "figures" / "traffic-light-hoy-2012.svg").is_file()
    shutil.rmtree(copy / "appraisals")
    again = run_review(copy, out)
    assert not (out / "figures" / "traffic-light-hoy-2012.svg").exists()
    assert not (out / "tables" / "appraisal-hoy-2012.csv").exists()
    assert (out / "my-notes.txt").read_text(encoding="utf-8") == "kept"
    assert set(again.files) <= {
        p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()
    }
