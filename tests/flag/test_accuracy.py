"""Floors on the labelled corpus; the measured figures are in docs/accuracy.md."""

from pathlib import Path

import pytest

from evidence.flag import flag_claims, load_registry
from evidence.ingest.load import load_studies

from .corpus_accuracy import LABELS, TEXTS, evaluate

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT / ".." / "shared"

pytestmark = pytest.mark.skipif(not LABELS.exists(), reason="labelled corpus absent")


def test_accuracy_floors() -> None:
    result = evaluate()
    overall = result.by_code.set_index("name").loc["all"]
    assert overall["recall"] >= 0.95
    assert overall["precision"] >= 0.95
    assert overall["acknowledgement"] >= 0.9
    assert result.clean_sentences >= 50
    assert not result.clean_flagged


def test_word_and_pdf_copies_give_the_flags_of_the_text() -> None:
    registry = load_registry()
    studies = load_studies(ROOT / "studies.bib")

    def codes(name: str) -> set[tuple[str, str | None]]:
        return {(f.code, f.source) for f in flag_claims([TEXTS / name], studies, registry)}

    text = codes("review-numbered.txt")
    assert codes("review-numbered.docx") == text

    assert codes("review-numbered.pdf") == text


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared/seeds absent")
def test_seed_documents_flag_without_error() -> None:
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    flags = flag_claims(seeds, load_studies(ROOT / "studies.bib"), load_registry())
    assert not flags.issues.has_errors
    # the Luknar & Zivotic paper repeats UNODC shares of detected victims
    assert any(f.source == "unodc-detected-victims" for f in flags)
