"""Splitting paragraphs into sentences, each reported at the line where it starts.

A sentence that wraps across lines is one sentence. Abbreviations ("et al.", "e.g.", "U.S.", "p."),
initials ("Richard J. Estes") and decimal points do not end a sentence.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from evidence.claims.model import Line, Paragraph, Sentence
from evidence.claims.patterns import compile_pattern

_END = compile_pattern(r"[.!?…][\"”’')\]]*(?:\[\d+(?:[-–,]\s*\d+)*\])?\s+")
_ABBREVIATIONS = frozenset(
    [
        "al",
        "e.g",
        "i.e",
        "eg",
        "ie",
        "u.s",
        "u.k",
        "u.n",
        "us",
        "uk",
        "dr",
        "mr",
        "mrs",
        "ms",
        "st",
        "no",
        "nos",
        "p",
        "pp",
        "vs",
        "v",
        "approx",
        "inc",
        "co",
        "corp",
        "jr",
        "sr",
        "ca",
        "cf",
        "fig",
        "figs",
        "vol",
        "vols",
        "ed",
        "eds",
        "ph.d",
        "dept",
        "gov",
        "sen",
        "rep",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "est",
        "esp",
        "viz",
        "resp",
        "op",
        "ch",
        "sec",
        "art",
        "para",
        "ibid",
        "id",
        "univ",
        "assn",
        "natl",
        "intl",
    ]
)


def _ends_sentence(text: str, end: int, after: int) -> bool:
    """Whether the punctuation ending at ``end`` closes a sentence (the next text starts at ``after``)."""
    if after >= len(text):
        return True
    following = text[after]
    if not (following.isupper() or following.isdigit() or following in "\"“‘'([¿¡„«‚"):
        return False
    if text[end - 1] != ".":
        return True
    word_start = end - 1
    while word_start > 0 and not text[word_start - 1].isspace() and text[word_start - 1] not in "(":
        word_start -= 1
    word = text[word_start : end - 1].lower().strip("\"“”'’([")
    if word in _ABBREVIATIONS:
        return False
    # An initial ("J.") or a dotted abbreviation ("U.S.", "a.m.")
    return not (len(word) == 1 and word.isalpha()) and not (
        "." in word and all(len(part) <= 2 for part in word.split(".") if part)
    )


def split_sentences(paragraph: Paragraph) -> Iterator[Sentence]:
    """The sentences of a paragraph, each with the line (and page) where it starts."""
    starts: list[int] = []
    pieces: list[str] = []
    offset = 0
    for line in paragraph.lines:
        piece = line.text.strip()
        if not piece:
            continue
        starts.append(offset)
        pieces.append(piece)
        offset += len(piece) + 1
    lines = [line for line in paragraph.lines if line.text.strip()]
    text = " ".join(pieces)
    begin = 0
    for match in _END.finditer(text):
        punctuation_end = match.start() + 1
        if not _ends_sentence(text, punctuation_end, match.end()):
            continue
        yield from _make(text, begin, match.end(), starts, lines, text)
        begin = match.end()
    if begin < len(text):
        yield from _make(text, begin, len(text), starts, lines, text)


def _make(
    text: str, begin: int, end: int, starts: list[int], lines: list[Line], paragraph: str
) -> Iterator[Sentence]:
    sentence = text[begin:end].strip()
    if not sentence:
        return
    where = lines[max(0, bisect_right(starts, begin) - 1)]
    yield Sentence(where.number, where.page, sentence, paragraph)


def count_sentences(text: str) -> int:
    """How many sentences a paragraph holds, by the same rule as :func:`split_sentences`."""
    count = 0
    begin = 0
    for match in _END.finditer(text):
        if _ends_sentence(text, match.start() + 1, match.end()):
            count += 1
            begin = match.end()
    return count + (1 if text[begin:].strip() else 0)
