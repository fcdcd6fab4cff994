from __future__ import annotations

import hashlib
from pathlib import Path

from evidence.appraise import Judgments, Rubric, judgment_files, load_judgments, read_judgments
from evidence.ingest import Studies
from tests.appraise.conftest import DATA, PROJECT

FOLDER = PROJECT / "appraisals" / "hoy-2012"


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_files_are_found_reviewers_first_then_consensus() -> None:
    assert [p.name for p in judgment_files(PROJECT, "hoy-2012")] == [
        "alice.csv",
        "bob.csv",
        "consensus.csv",
    ]
    assert judgment_files(PROJECT, "axis") == []


def test_every_kind_of_bad_row_is_an_issue_and_good_rows_count(
    project_studies: Studies, hoy: Rubric
) -> None:
    before = digest(FOLDER)
    judgments = load_judgments(PROJECT, "hoy-2012", project_studies, hoy)
    assert digest(FOLDER) == before  # input files are never changed
    issues = judgments.issues
    by_code = {row.code: row for row in issues.itertuples()}
    alice = str(FOLDER / "alice.csv")
    assert by_code["judgment-unknown-study"].line == 7
    assert by_code["judgment-unknown-study"].file == alice
    assert by_code["judgment-unknown-item"].line == 8
    assert "11" in by_code["judgment-unknown-item"].hint
    bad = by_code["judgment-bad-answer"]
    assert (bad.line, bad.value) == (9, "Yse")
    assert "closest: 'yes'" in bad.hint
    assert by_code["judgment-duplicate"].line == 10
    assert by_code["judgment-empty-answer"].line == 11
    assert len(issues) == 5
    assert judgments.reviewers == ("alice", "bob")
    assert judgments.has_consensus
    assert len(judgments.by("alice")) == 5
    assert len(judgments.by("bob")) == 5
    # the first of two answers to the same item is kept
    assert judgments.by("alice")[("edwards2006prevalence", "1")].answer == "yes"


def _read_one(folder: Path, reviewer: str, text: str, hoy: Rubric, studies: Studies) -> Judgments:
    """The judgments of one reviewer's file holding ``text``."""
    path = folder / f"{reviewer}.csv"
    path.write_text(text, encoding="utf-8")
    return read_judgments([path], hoy, studies)


def test_answers_are_matched_by_label_and_synonym(
    tmp_path: Path, project_studies: Studies, hoy: Rubric
) -> None:
    judgments = _read_one(
        tmp_path,
        "carol",
        "Study,Item,Answer,Support\n"
        "edwards2006prevalence,4,Insufficient information,not reported\n"
        "edwards2006prevalence,11,HIGH RISK,\n",
        hoy,
        project_studies,
    )
    assert [j.answer for j in judgments] == ["insufficient", "high"]
    assert len(judgments.issue_table) == 0


def test_missing_columns_reject_the_file(project_studies: Studies, hoy: Rubric) -> None:
    judgments = read_judgments([DATA / "no-columns.csv"], hoy, project_studies)
    assert len(judgments) == 0
    (issue,) = judgments.issue_table
    assert issue.code == "judgment-columns"
    assert issue.line == 1
    assert "item" in issue.message


def test_an_item_of_another_design_category_is_reported(
    tmp_path: Path, project_studies: Studies
) -> None:
    from evidence.appraise import load_rubric

    mmat = load_rubric("mmat-2018")
    path = tmp_path / "dana.csv"
    path.write_text(
        "study,item,answer,support\n"
        "edwards2006prevalence,4.2,yes,probability sample\n"
        "edwards2006prevalence,1.1,yes,a qualitative item for a survey\n",
        encoding="utf-8",
    )
    judgments = read_judgments([path], mmat, project_studies)
    assert [j.item for j in judgments] == ["4.2"]
    (issue,) = judgments.issue_table
    assert issue.code == "judgment-item-not-applicable"
    assert issue.line == 3


def test_frame_and_html(project_studies: Studies, hoy: Rubric) -> None:
    judgments = load_judgments(PROJECT, "hoy-2012", project_studies, hoy)
    frame = judgments.to_frame()
    assert list(frame.columns) == ["reviewer", "study", "item", "answer", "support", "file", "line"]
    assert "alice" in judgments._repr_html_()


def test_a_bad_row_whose_support_spans_lines_is_reported_where_it_starts(
    tmp_path: Path, project_studies: Studies, hoy: Rubric
) -> None:
    judgments = _read_one(
        tmp_path,
        "ruth",
        "study,item,answer,support\n"
        'edwards2006prevalence,1,Yse,"a support\nover three\nlines"\n'
        "edwards2006prevalence,2,yes,fine\n",
        hoy,
        project_studies,
    )
    assert [(i.code, i.line) for i in judgments.issue_table] == [("judgment-bad-answer", 2)]
    assert [j.line for j in judgments.by("ruth").values()] == [5]
