"""A review project's appraisals at once: every rubric with an ``appraisals/<rubric-id>/`` folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from evidence.appraise.appraisal import Appraisals, appraise
from evidence.appraise.interrater import Agreement, agreement
from evidence.appraise.judgments import Judgments, load_judgments
from evidence.appraise.rubric import Rubric, load_rubric
from evidence.ingest.model import Studies


def studies_to_appraise(studies: Studies, rubric: Rubric, judgments: Judgments) -> Studies:
    """The studies reviewers judged; without judgments, the included studies the rubric fits."""
    judged = {j.study for j in judgments}
    if judged:
        return studies.filter(key=judged)
    return studies.filter(design=set(rubric.applies_to), screening={"included", None})


@dataclass(frozen=True)
class ProjectAppraisal:
    """One rubric's appraisals in a project, and the reviewers' agreement when two or more judged."""

    rubric: Rubric
    judgments: Judgments
    appraisals: Appraisals
    agreement: Agreement | None


def appraise_project(project_dir: str | Path, studies: Studies) -> list[ProjectAppraisal]:
    """Appraise the project's studies with every rubric that has an ``appraisals/`` folder, in
    rubric-id order. Rubrics are looked up among the built-in and the project's own."""
    folder = Path(project_dir) / "appraisals"
    if not folder.is_dir():
        return []
    results = []
    for rubric_folder in sorted(p for p in folder.iterdir() if p.is_dir()):
        rubric = load_rubric(rubric_folder.name, project_dir)
        judgments = load_judgments(project_dir, rubric.id, studies, rubric)
        appraisals = appraise(studies_to_appraise(studies, rubric, judgments), rubric, judgments)
        between = agreement(judgments) if len(judgments.reviewers) >= 2 else None
        results.append(ProjectAppraisal(rubric, judgments, appraisals, between))
    return results
