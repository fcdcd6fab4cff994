"""The streaming scan of plain text finds the same claims, at the same lines, as a full read."""

from pathlib import Path

import pytest

from evidence.claims.claims import CLAIM_CUE, claims_of_paragraphs
from evidence.claims.readers import plain_paragraphs
from evidence.claims.scan import scan_plain_text
from evidence.flag import load_registry

ROOT = Path(__file__).resolve().parents[2]
TEXTS = [
    *sorted(
        p for p in (ROOT / "tests" / "data" / "texts").glob("*") if p.suffix in (".txt", ".md")
    ),
    ROOT / "tests" / "data" / "flag" / "sample.txt",
]


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
@pytest.mark.parametrize("block_bytes", [97, 4096, 4 << 20])
def test_scan_matches_full_read(path: Path, block_bytes: int) -> None:
    registry = load_registry()
    cue = CLAIM_CUE.pattern + "|(?:" + registry.wording_pattern() + ")"
    markdown = path.suffix == ".md"
    with path.open(encoding="utf-8") as handle:
        full = claims_of_paragraphs(
            str(path), plain_paragraphs(handle, markdown), registry.claim_match
        )
    scanned = claims_of_paragraphs(
        str(path), scan_plain_text(path, cue, markdown, block_bytes), registry.claim_match
    )
    assert [(c.line, c.text) for c in scanned.claims] == [(c.line, c.text) for c in full.claims]
    assert [r.text for r in scanned.references] == [r.text for r in full.references]
    assert scanned.citekey == full.citekey


def test_windows_line_ends_keep_line_numbers(tmp_path: Path) -> None:
    text = "Title\r\n\r\nProse here.\r\n\r\nThere are 27 million slaves\r\nin the world.\r\n"
    path = tmp_path / "crlf.txt"
    path.write_bytes(text.encode("utf-8"))
    scanned = claims_of_paragraphs(str(path), scan_plain_text(path, CLAIM_CUE.pattern))
    assert [c.line for c in scanned.claims] == [5]
