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


class SplitParagraph:
    """A paragraph's lines joined into one text, and where each of its sentences begins and ends
    in that text; a :class:`Sentence` is made only for the sentences asked for."""

    __slots__ = ("_lines", "_starts", "spans", "text")

    def __init__(self, paragraph: Paragraph) -> None:
        starts: list[int] = []
        pieces: list[str] = []
        lines: list[Line] = []
        offset = 0
        for line in paragraph.lines:
            piece = line.text.strip()
            if not piece:
                continue
            starts.append(offset)
            pieces.append(piece)
            lines.append(line)
            offset += len(piece) + 1
        self.text = " ".join(pieces)
        self._starts = starts
        self._lines = lines
        #: (begin, end) of each sentence in :attr:`text`, surrounding spaces left out
        self.spans = list(_sentence_spans(self.text))

    def sentence(self, index: int) -> Sentence:
        begin, end = self.spans[index]
        where = self._lines[max(0, bisect_right(self._starts, begin) - 1)]
        return Sentence(where.number, where.page, self.text[begin:end], self.text)


def _sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """(begin, end) of each sentence of ``text``, white space around it left out."""
    begin = 0
    ends = [end for start, end in _END.spans(text) if _ends_sentence(text, start + 1, end)]
    for end in [*ends, len(text)]:
        span = _stripped(text, begin, end)
        if span[0] < span[1]:
            yield span
        begin = end


def _stripped(text: str, begin: int, end: int) -> tuple[int, int]:
    """``begin`` and ``end`` moved inwards past white space, as ``str.strip`` does."""
    while begin < end and text[begin].isspace():
        begin += 1
    while end > begin and text[end - 1].isspace():
        end -= 1
    return begin, end


def split_sentences(paragraph: Paragraph) -> Iterator[Sentence]:
    """The sentences of a paragraph, each with the line (and page) where it starts."""
    split = SplitParagraph(paragraph)
    for index in range(len(split.spans)):
        yield split.sentence(index)


def count_sentences(text: str) -> int:
    """How many sentences a paragraph holds, by the same rule as :func:`split_sentences`."""
    return sum(1 for _ in _sentence_spans(text))
