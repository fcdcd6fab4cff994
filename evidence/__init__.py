"""evidence-review: literature evidence-quality review.

Ingest citations with study-design metadata, appraise each study with rubric files, flag prevalence
claims that rest on flawed sources, and render systematic-review tables and figures.
"""

from evidence.appraise import (
    Agreement,
    Appraisals,
    Judgments,
    Rubric,
    agreement,
    available_rubrics,
    load_judgments,
    load_rubric,
)
from evidence.ingest import load_studies
from evidence.ingest.model import DESIGN_FIELDS, Studies, Study
from evidence.issues import CODES, EvidenceInputError, Issue, IssueTable, Severity

__all__ = [
    # --- appraise: Agreement, Appraisals, Judgments, Rubric, agreement, available_rubrics,
    # load_judgments, load_rubric (kept in one sorted list, as ruff asks) ---
    "CODES",
    "DESIGN_FIELDS",
    "Agreement",
    "Appraisals",
    "EvidenceInputError",
    "Issue",
    "IssueTable",
    "Judgments",
    "Rubric",
    "Severity",
    "Studies",
    "Study",
    "agreement",
    "available_rubrics",
    "load_judgments",
    "load_rubric",
    # --- ingest ---
    "load_studies",
    # --- claims and flag ---
    # --- report ---
]

__version__ = "0.1.0"
