"""Field-level reading: LaTeX, numbers, names, vocabulary."""

from __future__ import annotations

import pytest

from evidence.ingest.latex import decode_latex
from evidence.ingest.records import parse_number, split_authors
from evidence.ingest.vocabulary import default_vocabulary


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"{\'e}", "é"),
        (r"\"{o}", "ö"),
        (r"\'{E}cole", "École"),
        (r"Go{\'z}dziak", "Goździak"),
        (r"{\v{Z}}ivoti{\'c}", "Životić"),
        (r"Fran\c{c}ois", "François"),
        (r"na\"{\i}ve", "naïve"),
        (r"{\ss}", "ß"),
        (r"\o{}ster", "øster"),
        (r"pages 12--14", "pages 12–14"),
        (r"a---b", "a—b"),
        (r"A \& B, 50\%", "A & B, 50%"),
        (r"{{U.S. Department of State}}", "U.S. Department of State"),
        (r"\emph{Disposable} People", "Disposable People"),
        (r"\textbf{Bold \'{e}}", "Bold é"),
        (r"\emph{\"{o}ko}", "öko"),
        (r"\textit{Stra\ss}", "Straß"),
        ("plain text stays", "plain text stays"),
    ],
)
def test_decode_latex(latex: str, text: str) -> None:
    assert decode_latex(latex) == text


@pytest.mark.parametrize(
    ("text", "integer", "value"),
    [
        ("n = 1,450", True, 1450.0),
        ("13 294", True, 13294.0),
        ("13\u2009294", True, 13294.0),
        ("1.450", True, 1450.0),
        ("3.5", False, 3.5),
        ("3.5%", False, 3.5),
        ("3,946", False, 3946.0),
        ("N: 283", True, 283.0),
        ("about a hundred", True, None),
        ("100,000-300,000", False, None),
        ("", False, None),
    ],
)
def test_parse_number(text: str, integer: bool, value: float | None) -> None:
    assert parse_number(text, integer=integer) == value


def test_split_authors_keeps_organisations_whole_and_turns_names_round() -> None:
    assert split_authors(
        r"{National Center for Missing and Exploited Children} and Neil Alan Weiner and "
        r"Go{\'z}dziak, El{\.z}bieta M. and Ludwig van Beethoven"
    ) == (
        "National Center for Missing and Exploited Children",
        "Weiner, Neil Alan",
        "Goździak, Elżbieta M.",
        "van Beethoven, Ludwig",
    )


@pytest.mark.parametrize(
    ("field", "value", "canonical"),
    [
        ("sampling", "RDS", "respondent-driven"),
        ("sampling", "Respondent-Driven Sampling", "respondent-driven"),
        ("design", "cross sectional", "cross-sectional-survey"),
        ("design", "CROSS_SECTIONAL", "cross-sectional-survey"),
        ("measure", "At risk", "at-risk"),
        ("screening", "included", "included"),
    ],
)
def test_vocabulary_folds_synonyms_and_case(field: str, value: str, canonical: str) -> None:
    assert default_vocabulary().match(field, value).canonical == canonical


def test_vocabulary_suggests_the_closest_value() -> None:
    found = default_vocabulary().match("design", "qualitatve")
    assert found.canonical is None
    assert found.closest == "qualitative-interviews"


def test_every_vocabulary_field_has_labels_for_every_value() -> None:
    vocabulary = default_vocabulary()
    for name in vocabulary.field_names:
        for value in vocabulary.allowed(name):
            assert vocabulary.label(name, value)
