"""evidence-review: literature evidence-quality review.

Ingest citations with study-design metadata, appraise each study with rubric files, flag prevalence
claims that rest on flawed sources, and render systematic-review tables and figures.
"""

from evidence.ingest import load_studies
from evidence.ingest.model import DESIGN_FIELDS, Studies, Study
from evidence.issues import CODES, EvidenceInputError, Issue, IssueTable, Severity

__all__ = [
    "CODES",
    "DESIGN_FIELDS",
    "EvidenceInputError",
    "Issue",
    "IssueTable",
    "Severity",
    "Studies",
    "Study",
    # --- ingest ---
    "load_studies",
    # --- appraise ---
    # --- claims and flag ---
    # --- report ---
]

__version__ = "0.1.0"
