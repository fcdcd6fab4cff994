"""Claims stage: reading texts, sentences with their lines, figures, citations, prevalence claims."""

from evidence.claims.citations import Citation, find_citations
from evidence.claims.claims import Claim, TextClaims, read_claim_table, read_claims
from evidence.claims.numbers import Figure, find_figures
from evidence.claims.readers import read_paragraphs

__all__ = [
    "Citation",
    "Claim",
    "Figure",
    "TextClaims",
    "find_citations",
    "find_figures",
    "read_claim_table",
    "read_claims",
    "read_paragraphs",
]
