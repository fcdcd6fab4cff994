"""Readers keep the line (and page) where each paragraph starts, and mark headings and references."""

import importlib.util
import sys
from pathlib import Path

import pytest
from docx import Document

from evidence.claims.claims import read_claims
from evidence.claims.model import BODY, HEADING, REFERENCE
from evidence.claims.readers import (
    _SAMPLE_PIECE,
    html_paragraphs,
    read_paragraphs,
    text_encoding,
)

ROOT = Path(__file__).resolve().parents[2]


def _documents_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "make_documents", ROOT / "tests" / "data" / "make_documents.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_documents", module)
    spec.loader.exec_module(module)
    return module


def test_html_blocks_headings_superscripts_and_lists() -> None:
    page = (
        "<html><head><title>x</title></head><body>\n"
        "<h1>Counting children</h1>\n"
        "<p>At least 100,000 children are sold\neach year.<sup>2</sup></p>\n"
        "<h2>References</h2>\n<ol><li>Estes, 2001.</li><li>NCMEC, 2010.</li></ol>\n"
        "</body></html>\n"
    )
    paragraphs = list(html_paragraphs(page))
    assert [p.kind for p in paragraphs] == [HEADING, BODY, HEADING, REFERENCE, REFERENCE]
    body = paragraphs[1]
    assert body.line == 3
    assert body.text.endswith("[2]")
    assert paragraphs[4].text.startswith("[2]")


def test_docx_paragraph_numbers_pages_and_superscripts(tmp_path: Path) -> None:
    document = Document()
    document.add_heading("A review", level=1)
    first = document.add_paragraph("Some 300,000 children are at risk.")
    note = first.add_run("1")
    note.font.superscript = True
    document.add_page_break()
    document.add_paragraph("There are 27 million slaves in the world.")
    path = tmp_path / "review.docx"
    document.save(str(path))
    paragraphs = list(read_paragraphs(path))
    assert [(p.kind, p.line, p.page) for p in paragraphs] == [
        (HEADING, 1, 1),
        (BODY, 2, 1),
        (BODY, 4, 2),
    ]
    assert paragraphs[1].text.endswith("[1]")


def test_pdf_without_blank_lines_still_splits_paragraphs(tmp_path: Path) -> None:
    make = _documents_module()
    lines = [
        "A short review of the figures",
        "The figure cited most often holds that 100,000 to 300,000 children are sexually",
        "exploited in the country.",
        "Studies designed to estimate",
        "There are 27 million slaves in the world, a figure that was never replicated by",
        "anyone.",
    ]
    path = tmp_path / "plain.pdf"
    make.write_pdf([lines[:3], lines[3:]], path)
    claims = read_claims(path)
    assert [(c.line, c.page) for c in claims.claims] == [(2, 1), (5, 2)]
    kinds = [p.kind for p in read_paragraphs(path)]
    assert kinds == [HEADING, BODY, HEADING, BODY]


def test_unreadable_files_are_reported(tmp_path: Path) -> None:
    from evidence.flag import flag_claims, load_registry

    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf")
    flags = flag_claims([broken], None, load_registry())
    assert [i.code for i in flags.issues] == ["file-unreadable"]


def test_html_line_break_keeps_the_sentence_whole() -> None:
    page = "<p>At least 100,000 children<br>\nare sold each year.</p>\n"
    paragraphs = list(html_paragraphs(page))
    assert len(paragraphs) == 1
    assert paragraphs[0].text == "At least 100,000 children are sold each year."
    assert paragraphs[0].line == 1


@pytest.mark.parametrize(
    ("tail", "utf8"),
    [
        # "é" cut between two pieces of the sample: still UTF-8
        (b"\xc3" + b"\xa9 and more.\n", True),
        # a lead byte followed by plain text in the next piece is not UTF-8
        (b"\xe9" + b" and more.\n", False),
    ],
)
def test_encoding_is_checked_across_pieces_of_the_sample(
    tmp_path: Path, tail: bytes, utf8: bool
) -> None:
    path = tmp_path / "long.txt"
    path.write_bytes(b"a" * (_SAMPLE_PIECE - 1) + tail)
    assert (text_encoding(path) == "utf-8") is utf8
