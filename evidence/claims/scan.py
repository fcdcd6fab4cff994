"""Streaming plain text and Markdown at the speed of one RE2 scan.

A large text is read in blocks of a few megabytes cut at paragraph breaks. One RE2 pattern finds,
in each block, the places where a claim could be (a number, a figure in words, a registry wording)
and the structure that matters (headings, reference lists, footnotes); only the paragraphs around
those places are decoded and read line by line. Paragraphs skipped this way are counted as
sentences by their closing punctuation. Inside a reference or notes section every paragraph is
read, since each is a reference entry.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from evidence.claims.model import Line, Paragraph
from evidence.claims.patterns import Cue, compile_pattern
from evidence.claims.readers import Sections, blocks

BLOCK_BYTES = 4 << 20
_STRUCTURE = (
    r"(?m)^[ \t]{0,3}#{1,6}[ \t]|^[ \t]*\[\^|<!--"
    r"|(?mi)^\W*(?:\d+\.?\s*)?(?:references?|bibliography|works\s+cited|literature\s+cited|"
    r"sources|notes|end\s?notes|foot\s?notes|citations)\W*$"
)
# Closing punctuation counted in skipped text: a close estimate (an abbreviation's full stop
# counts too), made from byte positions found once per block.
_FULL_STOP, _QUESTION, _EXCLAMATION, _NEWLINE = b".?!\n"
_SENTENCE_END_BYTES = b".?!"
_WHITESPACE_BYTES = b" \t\n\r\x0b\x0c"


@dataclass(frozen=True, slots=True)
class Skipped:
    """Text passed over because it holds nothing to read; ``sentences`` says how much."""

    sentences: int


class _BlockCounts:
    """Where a block's newlines and closing punctuation stand, found in one vectorised pass each,
    so that line numbers and sentence counts of any stretch cost two binary searches."""

    def __init__(self, data: bytes) -> None:
        codes = np.frombuffer(data, dtype=np.uint8)
        self.newlines = np.flatnonzero(codes == _NEWLINE)
        self.sentence_ends = np.flatnonzero(
            (codes == _FULL_STOP) | (codes == _QUESTION) | (codes == _EXCLAMATION)
        )

    def newlines_before(self, offset: int) -> int:
        return int(self.newlines.searchsorted(offset))

    def sentences(self, data: bytes, begin: int, end: int) -> int:
        """Closing punctuation in ``data[begin:end]``, plus one for a last sentence left open."""
        ends = self.sentence_ends
        count = int(ends.searchsorted(end) - ends.searchsorted(begin))
        last = end
        while last > begin and data[last - 1] in _WHITESPACE_BYTES:
            last -= 1
        return count + (1 if last > begin and data[last - 1] not in _SENTENCE_END_BYTES else 0)


def scan_plain_text(
    path: str | Path, cue: Cue | str, markdown: bool = False, block_bytes: int = BLOCK_BYTES
) -> Iterator[Paragraph | Skipped]:
    """The paragraphs of a plain-text or Markdown file where ``cue`` (a :class:`Cue` or an RE2
    pattern) finds something or that carry structure, in order, with :class:`Skipped` counts for
    the text in between."""
    scanner = _scanner(_plain_cue(cue) if isinstance(cue, str) else cue)
    sections = Sections()
    line_base = 1
    carry = b""
    first = True
    with Path(path).open("rb") as handle:
        while True:
            block = handle.read(block_bytes)
            data = carry + block
            if block:
                cut = data.rfind(b"\n\n")
                if cut < 0:
                    carry = data
                    continue
                data, carry = data[: cut + 2], data[cut + 2 :]
            else:
                carry = b""
            if first and data.startswith(b"\xef\xbb\xbf"):
                data = data[3:]
            if b"\r" in data:
                data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
            counts = _BlockCounts(data)
            yield from _scan_block(data, counts, line_base, scanner, sections, markdown, first)
            line_base += len(counts.newlines)
            first = False
            if not block:
                return


def _paragraph_end(data: bytes, start: int) -> int:
    end = data.find(b"\n\n", start)
    return len(data) if end < 0 else end


def _paragraph_start(data: bytes, at: int, floor: int) -> int:
    start = data.rfind(b"\n\n", 0, at)
    return floor if start < floor else start + 2


class _Scanner:
    """Finds, in a block, the next paragraph where a cue finds something or structure begins."""

    def __init__(self, cue: Cue) -> None:
        main = "|".join(f"(?:{p})" for p in (cue.pattern, _STRUCTURE) if p)
        self._main = compile_pattern(main)
        # one pass finds the places of both kinds; a paragraph found by a together-cue's trigger
        # is then checked for the cue's other parts
        self._any = compile_pattern(f"{main}|{cue.trigger}") if cue.trigger else self._main
        self._cue = cue

    def next(self, data: bytes, position: int) -> int:
        """Where the next paragraph to read holds a place found, at or after ``position``
        (``len(data)`` for none)."""
        while True:
            match = self._any.search(data, position)
            if match is None:
                return len(data)
            found = match.start()
            if self._any is self._main:
                return found
            start = _paragraph_start(data, found, 0)
            end = _paragraph_end(data, found)
            paragraph = data[start:end]
            if self._main.search(paragraph) is not None or self._cue.together_in(paragraph):
                return found
            # nothing in the whole paragraph: go on after it
            position = max(end, found + 1)


@lru_cache(maxsize=16)
def _plain_cue(pattern: str) -> Cue:
    return Cue(pattern)


@lru_cache(maxsize=16)
def _scanner(cue: Cue) -> _Scanner:
    """A cue's scanner, compiled once (a text is scanned with the same cue as the others)."""
    return _Scanner(cue)


def _scan_block(
    data: bytes,
    counts: _BlockCounts,
    line_base: int,
    scanner: _Scanner,
    sections: Sections,
    markdown: bool,
    first: bool,
) -> Iterator[Paragraph | Skipped]:
    position = 0

    def read(start: int, end: int) -> Iterator[Paragraph | Skipped]:
        nonlocal position
        if start > position:
            yield Skipped(counts.sentences(data, position, start))
        line = line_base + counts.newlines_before(start)
        text = data[start:end].decode("utf-8", errors="replace")
        lines = (Line(line + n, None, t) for n, t in enumerate(text.split("\n")))
        yield from blocks(lines, markdown, sections)
        position = end

    if first:
        # The title and any declared citation key stand at the top.
        yield from read(0, _paragraph_end(data, 0))
    while position < len(data):
        if sections.in_references:
            # every paragraph of a reference list is an entry: read them one by one
            start = position
            while start < len(data) and data[start : start + 1] == b"\n":
                start += 1
            yield from read(start, _paragraph_end(data, start))
            continue
        found = scanner.next(data, position)
        if found >= len(data):
            break
        start = _paragraph_start(data, found, position)
        yield from read(start, max(_paragraph_end(data, found), start))
        # always move on, even past a place that read no paragraph
        position = max(position, found + 1)
    if position < len(data):
        yield Skipped(counts.sentences(data, position, len(data)))
