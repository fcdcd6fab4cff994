"""The pieces of a text the claims stage works with: paragraphs, sentences and reference entries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

#: Paragraph kinds. Only ``body`` paragraphs can hold claims; headings, reference lists and
#: footnote lists are read (references resolve numbered citations) but never flagged.
BODY = "body"
HEADING = "heading"
REFERENCE = "reference"


class Line(NamedTuple):
    """One line of input as read: its 1-based number, its page (PDF, Word) and its text (a
    named tuple: a streamed text makes one for every line of the paragraphs it reads)."""

    number: int
    page: int | None
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Consecutive lines that belong together, with what kind of block they are."""

    lines: tuple[Line, ...]
    kind: str = BODY

    @property
    def line(self) -> int:
        return self.lines[0].number

    @property
    def page(self) -> int | None:
        return self.lines[0].page

    @property
    def text(self) -> str:
        return " ".join(line.text.strip() for line in self.lines if line.text.strip())


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence and where it starts: 1-based line, and page where the format has pages."""

    line: int
    page: int | None
    text: str
    paragraph: str


@dataclass(frozen=True, slots=True)
class ReferenceEntry:
    """One entry of a text's own reference list; ``label`` is its number ("3") when it has one."""

    label: str | None
    text: str
    line: int
