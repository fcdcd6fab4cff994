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
from evidence.report import (
    PrismaFlow,
    ReportFigure,
    ReportTable,
    Review,
    RiskGrid,
    audit_figure,
    build_review,
    characteristics_table,
    evidence_map_figure,
    init_project,
    prisma_flow,
    prisma_flow_figure,
    read_judgement_csv,
    run_review,
    summary_figure,
    traffic_light_figures,
)

__all__ = [
    # --- appraise: Agreement, Appraisals, Judgments, Rubric, agreement, available_rubrics,
    # load_judgments, load_rubric (kept in one sorted list, as ruff asks) ---
    # --- ingest: load_studies ---
    # --- claims and flag: Audit, Claim, Flag, Flags, Registry, TextClaims, audit, flag_claims,
    # load_registry, read_claim_table, read_claims ---
    # --- report: PrismaFlow, ReportFigure, ReportTable, Review, RiskGrid, audit_figure,
    # build_review, characteristics_table, evidence_map_figure, init_project, prisma_flow,
    # prisma_flow_figure, read_judgement_csv, run_review, summary_figure, traffic_light_figures ---
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
    "PrismaFlow",
    "Registry",
    "ReportFigure",
    "ReportTable",
    "Review",
    "RiskGrid",
    "Rubric",
    "Severity",
    "Studies",
    "Study",
    "TextClaims",
    "agreement",
    "audit",
    "audit_figure",
    "available_rubrics",
    "build_review",
    "characteristics_table",
    "evidence_map_figure",
    "flag_claims",
    "init_project",
    "load_judgments",
    "load_registry",
    "load_rubric",
    "load_studies",
    "prisma_flow",
    "prisma_flow_figure",
    "read_claim_table",
    "read_claims",
    "read_judgement_csv",
    "run_review",
    "summary_figure",
    "traffic_light_figures",
]

__version__ = "0.1.0"
