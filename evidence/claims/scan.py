"""Streaming plain text and Markdown at the speed of one RE2 scan.

A large text is read in blocks of a few megabytes cut at paragraph breaks. One RE2 pattern finds,
in each block, the places where a claim could be (a number, a figure in words, a registry wording)
and the structure that matters (headings, reference lists, footnotes); only the paragraphs around
those places are decoded and read line by line. Paragraphs skipped this way are counted as
sentences by their closing punctuation. Inside a reference or notes section every paragraph is
read, since each is a reference entry.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

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
    """Where a block's newlines and closing punctuation stand, marked in one vectorised pass each
    (into ``scratch``, arrays kept from one block to the next), so that the line number at a
    place and the sentences of a stretch are counts over the marks."""

    def __init__(self, data: bytes, size: int, scratch: list[NDArray[np.bool_]]) -> None:
        if not scratch or len(scratch[0]) < size:
            # fresh arrays cost a page fault per page: they are made once and used again
            scratch[:] = [np.empty(size, dtype=bool) for _ in range(3)]
        newlines, ends, other = (array[:size] for array in scratch)
        codes = np.frombuffer(data, dtype=np.uint8, count=size)
        np.equal(codes, _NEWLINE, out=newlines)
        np.equal(codes, _FULL_STOP, out=ends)
        for mark in (_QUESTION, _EXCLAMATION):
            np.equal(codes, mark, out=other)
            np.logical_or(ends, other, out=ends)
        self._newlines = newlines
        self._ends = ends
        self.lines = int(np.count_nonzero(newlines))
        # line numbers are asked for in order: count on from the last place asked
        self._counted_to = 0
        self._counted = 0

    def newlines_before(self, offset: int) -> int:
        if offset < self._counted_to:
            self._counted_to = self._counted = 0
        self._counted += int(np.count_nonzero(self._newlines[self._counted_to : offset]))
        self._counted_to = offset
        return self._counted

    def sentences(self, data: bytes, begin: int, end: int) -> int:
        """Closing punctuation in ``data[begin:end]``, plus one for a last sentence left open."""
        count = int(np.count_nonzero(self._ends[begin:end]))
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
    # the marks of newlines and full stops go into arrays kept for the next text
    scratch = _SCRATCH.pop() if _SCRATCH else []
    try:
        with Path(path).open("rb") as handle:
            while True:
                block = handle.read(block_bytes)
                data = carry + block
                # the block is read up to its last paragraph break; the rest waits for the next
                size = len(data)
                if block:
                    cut = data.rfind(b"\n\n")
                    if cut < 0:
                        carry = data
                        continue
                    size = cut + 2
                    carry = data[size:]
                else:
                    carry = b""
                if first and data.startswith(b"\xef\xbb\xbf"):
                    data, size = data[3:size], size - 3
                if data.find(b"\r", 0, size) >= 0:
                    data = data[:size].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
                    size = len(data)
                counts = _BlockCounts(data, size, scratch)
                yield from _scan_block(
                    data, size, counts, line_base, scanner, sections, markdown, first
                )
                line_base += counts.lines
                first = False
                if not block:
                    return
    finally:
        if len(_SCRATCH) < _SCRATCH_KEPT:
            _SCRATCH.append(scratch)


#: Arrays for the marks of a block, free for the next scan (each scan takes its own set, so that
#: scans read side by side do not share one), and how many sets are kept.
_SCRATCH: list[list[NDArray[np.bool_]]] = []
_SCRATCH_KEPT = 2


def _paragraph_end(data: bytes, start: int, size: int) -> int:
    end = data.find(b"\n\n", start, size)
    return size if end < 0 else end


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

    def next(self, data: bytes, position: int, size: int | None = None) -> int:
        """Where the next paragraph to read holds a place found, at or after ``position`` and
        before ``size`` (default: the end of ``data``; ``size`` for none)."""
        size = len(data) if size is None else size
        while True:
            match = self._any.search(data, position, size)
            if match is None:
                return size
            found = match.start()
            if self._any is self._main:
                return found
            end = _paragraph_end(data, found, size)
            # most places are found by the cue's own pattern, which then matches right there
            if self._main.match(data, found, end) is not None:
                return found
            paragraph = data[_paragraph_start(data, found, 0) : end]
            if self._main.search(paragraph) is not None or self._cue.together_in(paragraph):
                return found
            # nothing in the whole paragraph: go on after it
            position = max(end, found + 1)

    def plan(self, data: bytes, position: int, size: int) -> list[tuple[int, int]]:
        """The places :meth:`next` finds from ``position`` on, each with the position it is
        searched from, when each search starts after the paragraph of the place before it."""
        places = []
        while True:
            found = self.next(data, position, size)
            places.append((position, found))
            if found >= size:
                return places
            position = max(_paragraph_end(data, found, size), found + 1)


@lru_cache(maxsize=16)
def _plain_cue(pattern: str) -> Cue:
    return Cue(pattern)


@lru_cache(maxsize=16)
def _scanner(cue: Cue) -> _Scanner:
    """A cue's scanner, compiled once (a text is scanned with the same cue as the others)."""
    return _Scanner(cue)


def _scan_block(
    data: bytes,
    size: int,
    counts: _BlockCounts,
    line_base: int,
    scanner: _Scanner,
    sections: Sections,
    markdown: bool,
    first: bool,
) -> Iterator[Paragraph | Skipped]:
    """The paragraphs to read in ``data[:size]``, which ends at a paragraph break."""
    position = 0
    # The places to read are found for the rest of the block in one go, which keeps RE2's
    # tables of the scanning pattern in the processor's cache while it runs; a plan made from
    # another position (after a reference list was read paragraph by paragraph) is made again.
    planned: list[tuple[int, int]] = []
    step = 0

    def read(start: int, end: int) -> Iterator[Paragraph | Skipped]:
        nonlocal position
        if start > position:
            yield Skipped(counts.sentences(data, position, start))
        line = line_base + counts.newlines_before(start)
        text = data[start:end].decode("utf-8", errors="replace")
        lines = map(Line, itertools.count(line), itertools.repeat(None), text.split("\n"))
        yield from blocks(lines, markdown, sections)
        position = end

    if first:
        # The title and any declared citation key stand at the top.
        yield from read(0, _paragraph_end(data, 0, size))
    while position < size:
        if sections.in_references:
            # every paragraph of a reference list is an entry: read them one by one
            start = position
            while start < size and data[start] == _NEWLINE:
                start += 1
            yield from read(start, _paragraph_end(data, start, size))
            continue
        if step >= len(planned) or planned[step][0] != position:
            planned, step = scanner.plan(data, position, size), 0
        found = planned[step][1]
        step += 1
        if found >= size:
            break
        start = _paragraph_start(data, found, position)
        yield from read(start, max(_paragraph_end(data, found, size), start))
        # always move on, even past a place that read no paragraph
        position = max(position, found + 1)
    if position < size:
        yield Skipped(counts.sentences(data, position, size))
