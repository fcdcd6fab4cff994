"""Reading texts in worker processes gives the same flags, in the same order, as reading them in
one process: with texts that cite each other (flagged together) and without (flagged as read)."""

import gc
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


def test_objects_frozen_while_flagging_only(parallel_always: None) -> None:
    """Flagging keeps the objects that existed before it out of the collector's passes while it
    runs, in one process and with workers, and leaves nothing frozen afterwards."""
    seen: list[int] = []
    read = rules._Reading.read

    def spy(self: rules._Reading, file: Path) -> object:
        seen.append(gc.get_freeze_count())
        return read(self, file)

    assert gc.get_freeze_count() == 0
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(rules._Reading, "read", spy)
        flag_claims(TEXTS[:2], None, load_registry(), workers=1)
        rules.read_texts(TEXTS[:2], load_registry(), workers=1)
    assert len(seen) == 4
    assert all(count > 0 for count in seen)
    assert gc.get_freeze_count() == 0
    _rows(TEXTS[:3], 2)
    assert gc.get_freeze_count() == 0


def test_a_callers_own_freeze_is_left_alone() -> None:
    marker: list[object] = []
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        flag_claims(TEXTS[:2], None, load_registry(), workers=1)
        # still frozen (objects freed meanwhile leave the count), and nothing frozen anew
        assert 0 < gc.get_freeze_count() <= frozen
        assert not any(found is marker for found in gc.get_objects())
    finally:
        gc.unfreeze()
