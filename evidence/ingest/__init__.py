"""Ingest: bibliography files (BibTeX, RIS, CSL-JSON) into :class:`Studies`."""

from evidence.ingest.load import FORMATS, detect_format, load_studies
from evidence.ingest.model import DESIGN_FIELDS, Studies, Study
from evidence.ingest.vocabulary import Vocabulary, default_vocabulary

__all__ = [
    "DESIGN_FIELDS",
    "FORMATS",
    "Studies",
    "Study",
    "Vocabulary",
    "default_vocabulary",
    "detect_format",
    "load_studies",
]
