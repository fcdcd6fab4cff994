"""The first scan's cue loses no claim: every sentence the claim rules or the registry accept is
one the cue finds, so reading only where it finds something gives the same claims as reading
every sentence."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence.claims.claims import (
    CLAIM_CUE,
    EVERY_SENTENCE,
    _claims,
    claim_cue,
    claims_of_paragraphs,
    read_claims,
)
from evidence.claims.model import Sentence
from evidence.claims.readers import TEXT_SUFFIXES, plain_paragraphs, read_paragraphs
from evidence.claims.scan import Skipped, _scanner, scan_plain_text
from evidence.flag import load_registry

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
CORPORA = [ROOT / "tests" / "data" / "texts", ROOT / "tests" / "data" / "heldout", ROOT / "texts"]
READABLE = (*TEXT_SUFFIXES, ".html", ".docx", ".pdf")


def _texts(folders: list[Path]) -> list[Path]:
    return sorted(p for f in folders for p in f.glob("*") if p.suffix.lower() in READABLE)


def _described(path: Path, claims: object) -> list[tuple[object, ...]]:
    return [(c.line, c.page, c.text, c.kind, c.figure) for c in claims]  # type: ignore[attr-defined]


def _every_sentence(path: Path) -> list[tuple[object, ...]]:
    registry = load_registry()
    if path.suffix.lower() in TEXT_SUFFIXES:
        with path.open(encoding="utf-8-sig") as handle:
            paragraphs = list(plain_paragraphs(handle, path.suffix.lower() == ".md"))
    else:
        paragraphs = list(read_paragraphs(path))
    read = claims_of_paragraphs(str(path), paragraphs, registry.claim_match, EVERY_SENTENCE)
    return _described(path, read.claims)


@pytest.mark.parametrize("path", _texts(CORPORA), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_cue_finds_every_claim_of_the_labelled_texts(path: Path) -> None:
    registry = load_registry()
    read = read_claims(path, registry.claim_match, registry.scan_cue())
    assert _described(path, read.claims) == _every_sentence(path)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the project")
def test_cue_finds_every_claim_of_the_seed_texts() -> None:
    registry = load_registry()
    for path in _texts([SEEDS]):
        read = read_claims(path, registry.claim_match, registry.scan_cue())
        assert _described(path, read.claims) == _every_sentence(path), path.name


# Sentences built from the pieces claims are made of: hedges, figures in every written form,
# citation markers, words between a figure and its noun, nouns of people and of things, the
# registry's context words, ages and rates.
HEDGES = ["", "as many as ", "up to ", "nearly ", "at least ", "an estimated ", "some "]
FIGURES = [
    "100,000",
    "100.000",
    "100 000",
    "300000",
    "27 million",
    "27m",
    "2.5 million",
    "twenty-seven million",
    "three hundred thousand",
    "thirteen",
    "twelve",
    "14",
    "12 to 14",
    "11-13",
    "between 100,000 and 300,000",
    "1-2 million",
    "tens of thousands of",
    "hundreds of",
    "thousands of",
    "$32 billion",
    "32 billion dollars",
    "US$ 150 billion",
    "30%",
    "33.3 percent",
    "one in three",
    "a third of",
    "half of",
    "7,200",
    "7200",
    "65",
    "200 to 300",
    "thirty",
    "2",
    "1,000",
    "17,500",
    "50,000",
    "40.3 million",
    "2001",
]
MARKERS = ["", " (Estes & Weiner, 2001)", " [3]", " [@estes2001]", " \\cite{bales1999}", " (3)"]
WORDS = ["of", "the", "these", "all", "more", "are", "were", "have", "been", "currently", "young"]
WORDS += ["American", "U.S.", "girls'", "at-risk", "each", "year", "annually", "now", "in"]
NOUNS = ["children", "people", "victims", "slaves", "girls", "youth", "women and children"]
NOUNS += ["trafficked", "sold", "exploited", "at risk", "in slavery", "in the sex trade"]
NOUNS += ["laws", "cases", "beds", "states", "minutes", "ads", "the industry", "online"]
CONTEXT = ["", "worldwide", "each year", "every day", "every thirty seconds", "online ads"]
CONTEXT += ["is a business", "profits", "the average age of entry", "were first sold at age"]
CONTEXT += ["detected victims", "in Georgia", "a month", "old", "increase", "girls"]


@st.composite
def sentences(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), max_size=6))
    parts = [
        draw(st.sampled_from(CONTEXT)),
        draw(st.sampled_from(HEDGES)) + draw(st.sampled_from(FIGURES)),
        draw(st.sampled_from(MARKERS)),
        " ".join(words),
        draw(st.sampled_from(NOUNS)),
        draw(st.sampled_from(MARKERS)),
        draw(st.sampled_from(CONTEXT)),
    ]
    text = " ".join(p.strip() for p in parts if p.strip())
    return text[:1].upper() + text[1:] + "."


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sentence=sentences(), wrap=st.integers(8, 90))
def test_cue_finds_every_generated_claim(sentence: str, wrap: int) -> None:
    registry = load_registry()
    cue = claim_cue(registry.scan_cue())
    if not _claims("t.txt", [Sentence(1, None, sentence, sentence)], registry.claim_match):
        return
    assert cue.search(sentence), sentence
    # the scan reads raw bytes: the sentence wrapped across lines, in a paragraph of prose
    words, lines, line = sentence.split(), [], ""
    for word in words:
        if line and len(line) + len(word) > wrap:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    data = ("Prose without figures comes first.\n" + "\n".join(lines) + "\n\nMore prose.").encode()
    assert _scanner(cue).next(data, 0) < data.index(b"\n\n"), sentence


def test_prose_with_numbers_that_are_not_claims_is_passed_over(tmp_path: Path) -> None:
    text = (
        "Title\n\n"
        "The hearing took place on March 12, 2003, in room 5 of the county building.\n\n"
        "The shelter has 12 beds and a waiting list that is rarely\nshorter than a month.\n\n"
        "Section 14 of the act sets out what agencies must report each year.\n\n"
        "There are 27 million slaves in the world.\n"
    )
    path = tmp_path / "numbers.txt"
    path.write_text(text, encoding="utf-8")
    registry = load_registry()
    cue = claim_cue(registry.scan_cue())
    items = list(scan_plain_text(path, cue))
    read = [i for i in items if not isinstance(i, Skipped)]
    assert [p.text for p in read] == ["Title", "There are 27 million slaves in the world."]
    assert [c.line for c in read_claims(path, registry.claim_match, cue).claims] == [10]


def test_claim_cue_alone_needs_a_prevalence_shape() -> None:
    assert CLAIM_CUE.search("As many as 300,000 children are at risk.")
    assert CLAIM_CUE.search("Some 3.5% of students reported it.")
    assert CLAIM_CUE.search("The trade is worth $32 billion a year.")
    assert CLAIM_CUE.search("The average age of entry is thirteen.")
    assert not CLAIM_CUE.search("The bill passed in 12 states in 2003.")
    assert not CLAIM_CUE.search("Interviews lasted between 12 and 200 minutes.")
