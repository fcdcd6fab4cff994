"""The streaming scan of plain text finds the same claims, at the same lines, as a full read."""

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray

from evidence.claims import claims as claims_module
from evidence.claims.claims import CLAIM_CUE, TextClaims, claim_cue, claims_of_paragraphs
from evidence.claims.readers import plain_paragraphs
from evidence.claims.scan import Skipped, _BlockCounts, scan_plain_text
from evidence.flag import load_registry

ROOT = Path(__file__).resolve().parents[2]
TEXTS = [
    *sorted(
        p for p in (ROOT / "tests" / "data" / "texts").glob("*") if p.suffix in (".txt", ".md")
    ),
    ROOT / "tests" / "data" / "flag" / "sample.txt",
]


def read_both_ways(path: Path, block_bytes: int) -> tuple[TextClaims, TextClaims]:
    """The claims of a text read whole, and read by the streaming scan in blocks of a size."""
    registry = load_registry()
    cue = claim_cue(registry.scan_cue())
    markdown = path.suffix == ".md"
    with path.open(encoding="utf-8") as handle:
        full = claims_of_paragraphs(
            str(path), plain_paragraphs(handle, markdown), registry.claim_match
        )
    scanned = claims_of_paragraphs(
        str(path), scan_plain_text(path, cue, markdown, block_bytes), registry.claim_match, cue
    )
    return full, scanned


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
@pytest.mark.parametrize("block_bytes", [97, 4096, 4 << 20])
def test_scan_matches_full_read(path: Path, block_bytes: int) -> None:
    full, scanned = read_both_ways(path, block_bytes)
    assert [(c.line, c.text) for c in scanned.claims] == [(c.line, c.text) for c in full.claims]
    assert [r.text for r in scanned.references] == [r.text for r in full.references]
    assert scanned.citekey == full.citekey


def test_windows_line_ends_keep_line_numbers(tmp_path: Path) -> None:
    text = "Title\r\n\r\nProse here.\r\n\r\nThere are 27 million slaves\r\nin the world.\r\n"
    path = tmp_path / "crlf.txt"
    path.write_bytes(text.encode("utf-8"))
    scanned = claims_of_paragraphs(str(path), scan_plain_text(path, CLAIM_CUE))
    assert [c.line for c in scanned.claims] == [5]


@settings(max_examples=200, deadline=None)
@given(
    data=st.binary(max_size=200).map(lambda b: b.replace(b"\x00", b"."))
    | st.text(alphabet=" .?!\n\tab", max_size=200).map(str.encode),
    cut=st.tuples(st.integers(0, 200), st.integers(0, 200)),
)
def test_block_counts_agree_with_counting_bytes(data: bytes, cut: tuple[int, int]) -> None:
    begin, end = sorted(min(c, len(data)) for c in cut)
    # arrays left from a longer block, with other marks in them, are used again
    scratch: list[NDArray[np.bool_]] = []
    _BlockCounts(b".\n!" * (len(data) + 1), 3 * (len(data) + 1), scratch)
    counts = _BlockCounts(data + b"tail. past\n the size", len(data), scratch)
    stretch = data[begin:end]
    tail = stretch.rstrip()
    closing = sum(stretch.count(mark) for mark in (b".", b"?", b"!"))
    expected = closing + (1 if tail and tail[-1:] not in b".?!" else 0)
    assert counts.sentences(data, begin, end) == expected
    assert counts.lines == data.count(b"\n")
    # line numbers asked for in order, and again from an earlier place
    assert counts.newlines_before(end) == data.count(b"\n", 0, end)
    assert counts.newlines_before(begin) == data.count(b"\n", 0, begin)
    assert counts.newlines_before(end) == data.count(b"\n", 0, end)


def test_skipped_text_counts_its_sentences(tmp_path: Path) -> None:
    text = (
        "Title\n\nOne. Two! Three?\n\nFour and five\n\nThere are 27 million slaves in the world.\n"
    )
    path = tmp_path / "count.txt"
    path.write_bytes(text.encode("utf-8"))
    items = list(scan_plain_text(path, CLAIM_CUE))
    skipped = [item.sentences for item in items if isinstance(item, Skipped)]
    # three closing marks, and "Four and five" left open
    assert skipped == [4]
    scanned = claims_of_paragraphs(str(path), scan_plain_text(path, CLAIM_CUE))
    assert scanned.sentences == 5
    assert [c.line for c in scanned.claims] == [7]


@pytest.mark.parametrize("block_bytes", [13, 97, 4 << 20])
@pytest.mark.parametrize("line_end", ["\n", "\r\n"])
def test_byte_order_mark_and_line_ends_keep_lines_in_every_block(
    tmp_path: Path, block_bytes: int, line_end: str
) -> None:
    text = line_end.join(
        [
            "Title",
            "",
            "Prose here. More prose.",
            "",
            "There are 27 million slaves",
            "in the world.",
            "",
            "Nothing to count. Still nothing.",
            "",
            "About 300,000 children are at risk.",
            "",
        ]
    )
    plain = tmp_path / "plain.txt"
    plain.write_bytes(text.replace("\r\n", "\n").encode("utf-8"))
    marked = tmp_path / "marked.txt"
    marked.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    for path in (plain, marked):
        read = claims_of_paragraphs(
            str(path), scan_plain_text(path, CLAIM_CUE, block_bytes=block_bytes)
        )
        assert [c.line for c in read.claims] == [5, 10]
        assert read.sentences == 6
        assert read.claims[0].text == "There are 27 million slaves in the world."


@pytest.mark.parametrize("block_bytes", [97, 4096, 4 << 20])
def test_claims_after_a_reference_list_inside_a_block_are_found(
    tmp_path: Path, block_bytes: int
) -> None:
    # The scan plans the places to read for the rest of a block; a reference list read entry by
    # entry moves it elsewhere, and the plan is made again from there.
    chapter = (
        "Prose without figures runs on here.\n\n"
        "As many as 300,000 children are at risk each year (Estes & Weiner, 2001).\n\n"
        "More prose, and a date: 12 May 2004.\n\n"
    )
    notes = (
        "References\n\n"
        "Estes, R. J., & Weiner, N. A. (2001). The commercial sexual exploitation of children.\n\n"
        "Bales, K. (1999). Disposable people. 27 million slaves.\n\n"
    )
    text = (
        "A book\n\n"
        + chapter
        + notes
        + "Chapter 2\n\n"
        + chapter
        + notes
        + "Chapter 3\n\n"
        + chapter
    )
    path = tmp_path / "chapters.txt"
    path.write_text(text, encoding="utf-8")
    full, scanned = read_both_ways(path, block_bytes)
    assert [c.line for c in full.claims] == [5, 19, 33]
    assert [(c.line, c.text) for c in scanned.claims] == [(c.line, c.text) for c in full.claims]
    assert scanned.sentences == full.sentences
    assert len(scanned.references) == len(full.references) == 4


@pytest.mark.parametrize("batch", [1, 2, 64])
def test_reading_in_batches_keeps_claims_and_their_order(
    batch: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    registry = load_registry()
    cue = claim_cue(registry.scan_cue())

    def read_all() -> list[tuple[str, int, str, str]]:
        found = []
        for path in TEXTS:
            paragraphs = scan_plain_text(path, cue, path.suffix == ".md")
            text = claims_of_paragraphs(str(path), paragraphs, registry.claim_match, cue)
            found += [(path.name, c.line, c.text, c.figure) for c in text.claims]
        return found

    whole = read_all()
    monkeypatch.setattr(claims_module, "_BATCH_PARAGRAPHS", batch)
    assert read_all() == whole
    assert len(whole) > 100
