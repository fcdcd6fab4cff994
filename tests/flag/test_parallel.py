"""Reading texts in worker processes gives the same flags, in the same order, as reading them in
one process: with texts that cite each other (flagged together) and without (flagged as read)."""

from pathlib import Path

import pytest

from evidence.flag import flag_claims, load_registry, rules
from evidence.ingest.load import load_studies

ROOT = Path(__file__).resolve().parents[2]
TEXTS = sorted((ROOT / "tests" / "data" / "texts").glob("*"))
HELDOUT = sorted((ROOT / "tests" / "data" / "heldout").glob("*"))


def _rows(paths: list[Path], workers: int) -> list[tuple[object, ...]]:
    flags = flag_claims(paths, load_studies(ROOT / "studies.bib"), load_registry(), workers=workers)
    rows = [(f.file, f.line, f.code, f.source, f.acknowledged, f.explanation) for f in flags]
    return rows + [("text", t.file, t.sentences, len(t.claims)) for t in flags.texts]


@pytest.fixture
def parallel_always(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rules, "PARALLEL_BYTES", 0)


def test_texts_that_cite_each_other(parallel_always: None) -> None:
    read = flag_claims(TEXTS, None, load_registry(), workers=1).texts
    assert any(t.citekey or t.references for t in read)
    assert _rows(TEXTS, 2) == _rows(TEXTS, 1)


def test_texts_flagged_as_they_are_read(parallel_always: None) -> None:
    registry = load_registry()
    alone = [
        Path(t.file)
        for t in flag_claims(HELDOUT, None, registry, workers=1).texts
        if not (t.citekey or t.references)
    ]
    assert len(alone) >= 3
    missing = ROOT / "tests" / "data" / "no-such-text.txt"
    paths = [*alone, missing]
    assert _rows(paths, 2) == _rows(paths, 1)
    assert [i.code for i in flag_claims(paths, None, registry, workers=2).issues.rows] == [
        "file-not-found"
    ]
