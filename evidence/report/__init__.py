"""Report: systematic-review tables in seven formats, figures, and the whole review of a project.

Tables are :class:`ReportTable` objects (``to_frame``, ``to_csv``, ``to_markdown``, ``to_latex``,
``to_html``, ``to_docx``, ``to_xlsx``); figures are :class:`ReportFigure` objects (PNG, SVG, PDF
with identical bytes on every run); :func:`run_review` writes all of them for a project.
"""

from evidence.report.figures.audit import audit_figure
from evidence.report.figures.base import ReportFigure
from evidence.report.figures.evidence_map import evidence_map_figure
from evidence.report.figures.palettes import PALETTES
from evidence.report.figures.prisma_flow import prisma_flow_figure
from evidence.report.figures.risk_of_bias import summary_figure, traffic_light_figures
from evidence.report.judgements import RiskGrid, read_judgement_csv, risk_grid_from_appraisals
from evidence.report.prisma import PrismaFlow, prisma_flow, read_prisma_csv
from evidence.report.project import init_project
from evidence.report.render_xlsx import tables_xlsx
from evidence.report.review import (
    Review,
    ReviewResult,
    ReviewSetupError,
    build_review,
    run_review,
    write_review,
)
from evidence.report.table import TABLE_FORMATS, ReportTable
from evidence.report.tables.appraisal import (
    agreement_table,
    appraisal_support_table,
    appraisal_table,
    disagreements_table,
)
from evidence.report.tables.characteristics import characteristics_table, excluded_studies_table
from evidence.report.tables.claims import audit_table, flagged_claims_table
from evidence.report.tables.prisma import prisma_table

__all__ = [
    "PALETTES",
    "TABLE_FORMATS",
    "PrismaFlow",
    "ReportFigure",
    "ReportTable",
    "Review",
    "ReviewResult",
    "ReviewSetupError",
    "RiskGrid",
    "agreement_table",
    "appraisal_support_table",
    "appraisal_table",
    "audit_figure",
    "audit_table",
    "build_review",
    "characteristics_table",
    "disagreements_table",
    "evidence_map_figure",
    "excluded_studies_table",
    "flagged_claims_table",
    "init_project",
    "prisma_flow",
    "prisma_flow_figure",
    "prisma_table",
    "read_judgement_csv",
    "read_prisma_csv",
    "risk_grid_from_appraisals",
    "run_review",
    "summary_figure",
    "tables_xlsx",
    "traffic_light_figures",
    "write_review",
]
