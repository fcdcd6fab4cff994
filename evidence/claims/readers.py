"""Reading texts into paragraphs that keep their 1-based line (and page) numbers.

Formats: plain text and Markdown (streamed line by line, so a large file is never held whole),
HTML (the standard library's parser), Word .docx (python-docx; the line is the paragraph number and
the page counts the page breaks Word recorded) and PDF (pypdf; lines are numbered through the
document and the page is the PDF page). Headings, reference lists and footnote lists are marked so
that they are never read as claims; superscript note numbers become ``[n]`` markers.
"""

from __future__ import annotations

import codecs
import logging
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO

from evidence.claims.model import BODY, HEADING, REFERENCE, Line, Paragraph
from evidence.claims.patterns import compile_pattern
from evidence.ingest.text import guess_encoding

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
READABLE_SUFFIXES = (*TEXT_SUFFIXES, *HTML_SUFFIXES, ".docx", ".pdf")

_REFERENCE_HEADING = compile_pattern(
    r"(?i)^\W*(?:\d+\.?\s*|[ivx]+\.\s*)?(?:references?(?:\s+cited)?|bibliography|works\s+cited|"
    r"literature(?:\s+cited)?|sources|notes|end\s?notes|foot\s?notes|citations|reference\s+list)"
    r"\W*$"
)
_FOOTNOTE_DEFINITION = compile_pattern(r"^\s*\[\^[^\]]+\]:")
_MARKDOWN_HEADING = compile_pattern(r"^\s{0,3}#{1,6}\s")
_SETEXT_UNDERLINE = compile_pattern(r"^\s{0,3}(?:=+|-{2,})\s*$")
_LIST_ITEM = compile_pattern(r"^\s*(?:[-*•–]\s|\[\d{1,3}\]\s|\d{1,3}[.)]\s)")


class UnreadableTextError(Exception):
    """A text file that could not be read (the message says why)."""


def is_reference_heading(text: str) -> bool:
    return _REFERENCE_HEADING.search(text.strip().strip("#").strip()) is not None


def _looks_like_heading(lines: list[Line]) -> bool:
    """A lone short line without closing punctuation is a heading in plain text."""
    if len(lines) != 1:
        return False
    text = lines[0].text.strip().lstrip("#").strip()
    if not text or len(text.split()) > 14:
        return False
    return text[-1] not in '.!?;,"”’)]:'


class Sections:
    """Tracks whether the paragraphs read so far are in a reference or notes section."""

    def __init__(self) -> None:
        self.in_references = False

    def classify(self, lines: list[Line], heading: bool) -> Paragraph:
        if heading or _looks_like_heading(lines):
            self.in_references = is_reference_heading(" ".join(line.text.strip() for line in lines))
            return Paragraph(tuple(lines), HEADING)
        if self.in_references or (
            "[^" in lines[0].text and _FOOTNOTE_DEFINITION.search(lines[0].text)
        ):
            return Paragraph(tuple(lines), REFERENCE)
        return Paragraph(tuple(lines), BODY)


_ITEM_STARTS = frozenset("-*•–[0123456789")


def _starts_item(markdown: bool, text: str) -> bool:
    """A list item or footnote definition starts a new paragraph (asked only of a line whose
    first character is one of :data:`_ITEM_STARTS`: most lines start with a letter)."""
    return _LIST_ITEM.found_in(text) or (markdown and _FOOTNOTE_DEFINITION.found_in(text))


def plain_paragraphs(lines: Iterable[str], markdown: bool = False) -> Iterator[Paragraph]:
    """Paragraphs of plain text or Markdown lines (blank lines separate paragraphs)."""
    numbered = (Line(n, None, raw.rstrip("\r\n")) for n, raw in enumerate(lines, start=1))
    return blocks(numbered, markdown)


def blocks(
    lines: Iterable[Line], markdown: bool, sections: Sections | None = None
) -> Iterator[Paragraph]:
    """Paragraphs of numbered lines (blank lines separate them); ``sections`` carries whether a
    reference section is open from one call to the next."""
    sections = sections if sections is not None else Sections()
    block: list[Line] = []
    fenced = False
    for line in lines:
        number, page, text = line
        stripped = text.strip()
        if markdown and stripped.startswith("```"):
            fenced = not fenced
            if block:
                yield sections.classify(block, False)
                block = []
            continue
        if fenced:
            continue
        if not stripped:
            if block:
                yield sections.classify(block, False)
                block = []
            continue
        if markdown and _MARKDOWN_HEADING.search(text):
            if block:
                yield sections.classify(block, False)
                block = []
            yield sections.classify([Line(number, page, stripped.lstrip("#").strip())], True)
            continue
        if markdown and block and _SETEXT_UNDERLINE.search(text):
            *body, title = block
            if body:
                yield sections.classify(body, False)
            yield sections.classify([title], True)
            block = []
            continue
        if block and stripped[:1] in _ITEM_STARTS and _starts_item(markdown, text):
            yield sections.classify(block, False)
            block = []
        block.append(line)
    if block:
        yield sections.classify(block, False)


SAMPLE_BYTES = 4 << 20
_SAMPLE_PIECE = 64 << 10
# pypdf logs what it cannot read in a PDF; here an unreadable PDF becomes an issue row, so its
# log lines would only repeat that on the terminal.
logging.getLogger("pypdf").addHandler(logging.NullHandler())


def text_encoding(path: Path) -> str:
    """``utf-8`` when the file's first megabytes are UTF-8, else the encoding they fit best."""
    with path.open("rb") as handle:
        if _utf8_start(handle):
            return "utf-8"
        handle.seek(0)
        sample = handle.read(SAMPLE_BYTES)
    guessed = guess_encoding(sample)
    if guessed is None:
        raise UnreadableTextError(f"{path}: not a text file (no encoding fits its bytes)")
    return guessed


def _utf8_start(handle: BinaryIO) -> bool:
    """Whether the first :data:`SAMPLE_BYTES` of a file are UTF-8, read a piece at a time (most
    texts are ASCII, and pieces need no large buffer); a character cut at the end is no error."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    read = 0
    while read < SAMPLE_BYTES:
        piece = handle.read(min(_SAMPLE_PIECE, SAMPLE_BYTES - read))
        if not piece:
            break
        read += len(piece)
        if piece.isascii() and not decoder.getstate()[0]:
            continue
        try:
            decoder.decode(piece, final=False)
        except UnicodeDecodeError:
            return False
    return True


def _open_lines(path: Path, encoding: str | None = None) -> Iterator[str]:
    chosen = encoding or text_encoding(path)
    codec = "utf-8-sig" if chosen == "utf-8" else chosen
    with path.open("r", encoding=codec, errors="replace", newline=None) as handle:
        yield from handle


class _HtmlBlocks(HTMLParser):
    """Collects block-level text of an HTML page with the source line of each piece."""

    BLOCKS = frozenset(
        [
            "p",
            "div",
            "li",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "blockquote",
            "td",
            "th",
            "dd",
            "dt",
            "section",
            "article",
            "aside",
            "header",
            "footer",
            "figcaption",
            "caption",
            "pre",
            "title",
        ]
    )
    SKIP = frozenset(["script", "style", "head", "noscript", "template", "svg", "nav"])

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[list[Line], bool, bool]] = []  # lines, heading, list item
        self._current: list[Line] = []
        self._heading = False
        self._list_item = False
        self._skip = 0
        self._superscript = 0
        self._ordered_counter: list[int] = []

    def _flush(self) -> None:
        if any(line.text.strip() for line in self._current):
            self.blocks.append((self._current, self._heading, self._list_item))
        self._current = []
        self._heading = False
        self._list_item = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self._skip += 1
        elif tag == "sup":
            self._superscript += 1
        elif tag == "br":
            # a line break inside a block: the next text starts a new line of the same paragraph
            if self._current:
                self._current.append(Line(self.getpos()[0], None, ""))
        elif tag == "ol":
            self._ordered_counter.append(0)
        elif tag in self.BLOCKS:
            self._flush()
            self._heading = tag[0] == "h" and tag[1:].isdigit()
            if tag == "li":
                self._list_item = True
                if self._ordered_counter:
                    self._ordered_counter[-1] += 1
                    number = self._ordered_counter[-1]
                    self._current.append(Line(self.getpos()[0], None, f"[{number}] "))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag == "sup":
            self._superscript = max(0, self._superscript - 1)
        elif tag == "ol":
            if self._ordered_counter:
                self._ordered_counter.pop()
        elif tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        line = self.getpos()[0]
        if self._superscript and data.strip() and all(c.isdigit() or c in ",-– " for c in data):
            data = f"[{data.strip()}]"
        for offset, piece in enumerate(data.split("\n")):
            if piece.strip():
                if self._current and offset == 0:
                    last = self._current[-1]
                    self._current[-1] = Line(last.number, None, last.text + piece)
                else:
                    self._current.append(Line(line + offset, None, piece))
            elif offset and self._current and not self._current[-1].text.endswith(" "):
                last = self._current[-1]
                self._current[-1] = Line(last.number, None, last.text + " ")


def html_paragraphs(text: str) -> Iterator[Paragraph]:
    parser = _HtmlBlocks()
    parser.feed(text)
    parser.close()
    parser._flush()
    sections = Sections()
    for lines, heading, _ in parser.blocks:
        yield sections.classify(lines, heading)


def docx_paragraphs(path: Path) -> Iterator[Paragraph]:
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as error:
        raise UnreadableTextError(f"{path}: not a readable Word file ({error})") from None
    sections = Sections()
    page = 1
    namespace = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for number, paragraph in enumerate(document.paragraphs, start=1):
        start_page = page
        pieces: list[str] = []
        for run in paragraph.runs:
            element = run._element
            for child in element.iter():
                if child.tag == f"{namespace}lastRenderedPageBreak" or (
                    child.tag == f"{namespace}br" and child.get(f"{namespace}type") == "page"
                ):
                    page += 1
                    if not "".join(pieces).strip():
                        start_page = page
            text = run.text
            if (
                run.font.superscript
                and text.strip()
                and all(c.isdigit() or c in ",-– " for c in text)
            ):
                text = f"[{text.strip()}]"
            pieces.append(text)
        text = "".join(pieces)
        if not text.strip():
            continue
        style = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
        heading = style.startswith("heading") or style == "title"
        yield sections.classify([Line(number, start_page, text)], heading)


def pdf_paragraphs(path: Path) -> Iterator[Paragraph]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, OSError, ValueError, KeyError) as error:
        raise UnreadableTextError(f"{path}: not a readable PDF ({error})") from None
    # Lines are numbered through the whole document (page 2 goes on from the last line of page
    # 1), so a text and its PDF print give the same line when each line is kept; the page says
    # where it is printed.
    lines: list[Line] = []
    widths: dict[int, int] = {}
    for page_number, page_text in enumerate(pages, start=1):
        page_lines = [t.rstrip() for t in page_text.splitlines()]
        widths[page_number] = max((len(t) for t in page_lines), default=0)
        base = len(lines)
        lines.extend(Line(base + n, page_number, t) for n, t in enumerate(page_lines, 1))
    if any(not line.text.strip() for line in lines):
        # The extracted text keeps blank lines between paragraphs: read it like plain text.
        yield from blocks(lines, markdown=False)
        return
    # No blank lines: a short line that closes a sentence ends a paragraph, and a lone short line
    # without closing punctuation after a closed sentence is a heading.
    sections = Sections()
    block: list[Line] = []
    for line in lines:
        text = line.text
        short = len(text) < 0.7 * widths[line.page or 1]
        lone = (
            short
            and _looks_like_heading([line])
            and not (block and not block[-1].text.endswith((".", "!", "?")))
        )
        if lone:
            if block:
                yield sections.classify(block, False)
                block = []
            yield sections.classify([line], False)
            continue
        block.append(line)
        if short and text.endswith((".", "!", "?", ".”", '."')):
            yield sections.classify(block, False)
            block = []
    if block:
        yield sections.classify(block, False)


def read_paragraphs(path: str | Path) -> Iterator[Paragraph]:
    """The paragraphs of a text file of any readable format (chosen by the file's suffix)."""
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return plain_paragraphs(_open_lines(file), markdown=suffix in (".md", ".markdown"))
    if suffix in HTML_SUFFIXES:
        return html_paragraphs("".join(_open_lines(file)))
    if suffix == ".docx":
        return docx_paragraphs(file)
    if suffix == ".pdf":
        return pdf_paragraphs(file)
    raise UnreadableTextError(
        f"{file}: cannot read a {suffix or 'suffix-less'} file; use one of "
        + ", ".join(READABLE_SUFFIXES)
    )
