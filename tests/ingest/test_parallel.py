"""A parallel read of a large file gives exactly the serial result."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence.ingest import load, load_studies
from evidence.ingest.bibtex import split_chunks

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"


def _mixed_file(tmp_path: Path) -> Path:
    parts = [(DATA / "macros.bib").read_text("utf-8")]
    for name in ("good.bib", "missing_brace.bib", "duplicate_key.bib", "bad_value.bib"):
        parts.extend([(DATA / name).read_text("utf-8")] * 3)
    path = tmp_path / "mixed.bib"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def test_parallel_read_equals_serial_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _mixed_file(tmp_path)
    whole = load_studies(path, workers=1)
    monkeypatch.setattr(load, "CHUNK_THRESHOLD", 100)
    seen: list[tuple[int, int]] = []
    serial = load_studies(path, workers=1, progress=lambda done, total: seen.append((done, total)))
    parallel = load_studies(path, workers=2)
    assert len(seen) > 2
    assert seen[-1][0] == seen[-1][1]
    assert [s.model_dump() for s in whole] == [s.model_dump() for s in serial]
    assert whole.issues.equals(serial.issues)
    assert [s.model_dump() for s in serial] == [s.model_dump() for s in parallel]
    assert serial.issues.equals(parallel.issues)
    assert len(serial) > 20
    assert {"unbalanced-braces", "duplicate-key", "unknown-value", "undefined-macro"} <= set(
        serial.issues["code"]
    )


def test_chunks_keep_line_numbers_and_cut_at_block_starts() -> None:
    text = "".join(f"@misc{{k{i},\n  title = {{T{i}}}\n}}\n" for i in range(10))
    chunks = split_chunks(text, 3)
    assert "".join(piece for _, piece in chunks) == text
    for lines_before, piece in chunks:
        assert piece.startswith("@misc")
        assert lines_before == text[: text.index(piece)].count("\n")
