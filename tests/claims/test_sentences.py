from evidence.claims.model import Line, Paragraph
from evidence.claims.readers import plain_paragraphs
from evidence.claims.sentences import count_sentences, split_sentences


def test_wrapped_sentence_is_reported_where_it_starts() -> None:
    lines = ["Intro text here. As many as 300,000 children", "are at risk (Estes & Weiner, 2001)."]
    paragraph = Paragraph(tuple(Line(n, None, t) for n, t in enumerate(lines, start=10)))
    sentences = list(split_sentences(paragraph))
    assert [(s.line, s.text[:10]) for s in sentences] == [(10, "Intro text"), (10, "As many as")]


def test_abbreviations_and_initials_do_not_end_sentences() -> None:
    text = "Richard J. Estes et al. studied U.S. cities, e.g. Philadelphia. A second one."
    paragraph = Paragraph((Line(1, None, text),))
    assert len(list(split_sentences(paragraph))) == 2
    assert count_sentences(text) == 2


def test_headings_and_references_are_marked() -> None:
    text = [
        "Title Of The Piece",
        "",
        "Body sentence one.",
        "",
        "References",
        "",
        "[1] Estes, R. (2001).",
    ]
    kinds = [p.kind for p in plain_paragraphs(text)]
    assert kinds == ["heading", "body", "heading", "reference"]
