"""Appraise: rubric files, automatic answers, reviewers' judgments, agreement between reviewers."""

from evidence.appraise.appraisal import Appraisals, appraise
from evidence.appraise.interrater import INTERVAL_METHODS, STATISTICS, Agreement, agreement
from evidence.appraise.judgments import (
    CONSENSUS,
    Judgment,
    Judgments,
    judgment_files,
    load_judgments,
    read_judgments,
)
from evidence.appraise.project import ProjectAppraisal, appraise_project, studies_to_appraise
from evidence.appraise.robvis import to_robvis
from evidence.appraise.rubric import (
    REGISTRY_FILE_NAME,
    Risk,
    Rubric,
    RubricError,
    available_rubrics,
    load_rubric,
    read_rubric_file,
)

__all__ = [
    "CONSENSUS",
    "INTERVAL_METHODS",
    "REGISTRY_FILE_NAME",
    "STATISTICS",
    "Agreement",
    "Appraisals",
    "Judgment",
    "Judgments",
    "ProjectAppraisal",
    "Risk",
    "Rubric",
    "RubricError",
    "agreement",
    "appraise",
    "appraise_project",
    "available_rubrics",
    "judgment_files",
    "load_judgments",
    "load_rubric",
    "read_judgments",
    "read_rubric_file",
    "studies_to_appraise",
    "to_robvis",
]
