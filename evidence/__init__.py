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
from evidence.claims import Claim, TextClaims, read_claim_table, read_claims
from evidence.flag import Audit, Flag, Flags, Registry, audit, flag_claims, load_registry
from evidence.ingest import load_studies
from evidence.ingest.model import DESIGN_FIELDS, Studies, Study
from evidence.issues import CODES, EvidenceInputError, Issue, IssueTable, Severity

__all__ = [
    # --- appraise: Agreement, Appraisals, Judgments, Rubric, agreement, available_rubrics,
    # load_judgments, load_rubric (kept in one sorted list, as ruff asks) ---
    # --- ingest: load_studies ---
    # --- claims and flag: Audit, Claim, Flag, Flags, Registry, TextClaims, audit, flag_claims,
    # load_registry, read_claim_table, read_claims ---
    # --- report ---
    "CODES",
    "DESIGN_FIELDS",
    "Agreement",
    "Appraisals",
    "Audit",
    "Claim",
    "EvidenceInputError",
    "Flag",
    "Flags",
    "Issue",
    "IssueTable",
    "Judgments",
    "Registry",
    "Rubric",
    "Severity",
    "Studies",
    "Study",
    "TextClaims",
    "agreement",
    "audit",
    "available_rubrics",
    "flag_claims",
    "load_judgments",
    "load_registry",
    "load_rubric",
    "load_studies",
    "read_claim_table",
    "read_claims",
]

__version__ = "0.1.0"
