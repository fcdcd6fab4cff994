"""Write the Word and PDF copies of one labelled text of tests/data/texts.

    uv run python tests/data/make_documents.py

reads tests/data/texts/review-numbered.txt and writes review-numbered.docx and review-numbered.pdf
next to it. Both copies are byte-identical from run to run, so they are committed and a change to
them shows in review.

- .docx: one Word paragraph per paragraph of the text (blank-line separated blocks; in the reference
  list, one paragraph per numbered entry), wrapped lines joined with a space, headings in the
  "Heading 1" style, no empty paragraphs. A sentence's line in the .docx is the 1-based number of
  its paragraph among the document's paragraphs; its page is 1.
- .pdf: Helvetica 10 pt, one PDF text line per line of the text, a blank line kept as a line holding
  one space (so that pypdf's extracted text keeps the paragraph breaks), a page break after a blank
  line before 50 lines. A sentence's line in the .pdf counts the lines of pypdf's
  `page.extract_text().splitlines()` through the document (page 2 goes on from the last line of
  page 1), so it equals the sentence's line in the .txt; its page is the PDF page.

The label rows of the copies are derived from those of the .txt with the same functions
(`docx_paragraphs`, `pdf_pages`), so the three files carry the same flags.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

TEXTS = Path(__file__).resolve().parent / "texts"
SOURCE_NAME = "review-numbered.txt"
LINES_PER_PDF_PAGE = 50
FIXED_TIME = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)

# A heading: the title, a numbered section title, or the word "References", alone on its line.
HEADING = re.compile(r"^(\d+\. [A-Z].*|References|[A-Z][^.]*[a-z])$")
REFERENCE_ENTRY = re.compile(r"^\[\d+\] ")


@dataclass(frozen=True)
class Paragraph:
    first_line: int  # 1-based line of the text where the paragraph starts
    text: str
    style: str


def docx_paragraphs(lines: list[str]) -> list[Paragraph]:
    """Split the text into the paragraphs of its Word copy."""
    paragraphs: list[Paragraph] = []
    block: list[tuple[int, str]] = []
    in_references = False

    def close_block() -> None:
        nonlocal in_references
        if not block:
            return
        if len(block) == 1 and HEADING.match(block[0][1]):
            paragraphs.append(Paragraph(block[0][0], block[0][1], "Heading 1"))
            in_references = block[0][1] == "References"
        elif in_references:
            entry: list[tuple[int, str]] = []
            for number, line in block:
                if REFERENCE_ENTRY.match(line) and entry:
                    paragraphs.append(_joined(entry, "Normal"))
                    entry = []
                entry.append((number, line))
            paragraphs.append(_joined(entry, "Normal"))
        else:
            paragraphs.append(_joined(block, "Normal"))
        block.clear()

    for number, line in enumerate(lines, start=1):
        if line.strip():
            block.append((number, line))
        else:
            close_block()
    close_block()
    return paragraphs


def _joined(block: list[tuple[int, str]], style: str) -> Paragraph:
    return Paragraph(block[0][0], " ".join(line.strip() for _, line in block), style)


def pdf_pages(lines: list[str]) -> list[list[str]]:
    """Break the lines into pages of at most LINES_PER_PDF_PAGE lines, each after a blank line.

    No line is dropped, blank ones included, so the n-th line of the PDF's extracted text (counted
    through the document) is the n-th line of the text.
    """
    pages: list[list[str]] = []
    start = 0
    while start < len(lines):
        end = min(start + LINES_PER_PDF_PAGE, len(lines))
        if end < len(lines):
            blanks = [i for i in range(start + 1, end) if not lines[i].strip()]
            if blanks:
                end = blanks[-1] + 1
        pages.append(lines[start:end])
        start = end
    return pages


def write_docx(paragraphs: list[Paragraph], path: Path) -> None:
    import docx

    document = docx.Document()
    properties = document.core_properties
    properties.author = "evidence-review test corpus"
    properties.title = "Prevalence estimates of domestic minor sex trafficking: a short review"
    properties.created = FIXED_TIME
    properties.modified = FIXED_TIME
    properties.last_printed = FIXED_TIME
    properties.revision = 1
    for paragraph in paragraphs:
        document.add_paragraph(paragraph.text, style=paragraph.style)
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(_fixed_zip_times(buffer.getvalue()))


def _fixed_zip_times(data: bytes) -> bytes:
    """Rewrite the zip with one fixed timestamp per member, so the .docx is reproducible."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info.filename))
    return out.getvalue()


def _pdf_string(line: str) -> bytes:
    encoded = line.encode("cp1252")
    return b"(" + encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def write_pdf(pages: list[list[str]], path: Path) -> None:
    """A minimal PDF 1.4 writer: Helvetica (WinAnsiEncoding), one text line per line."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    contents = []
    for page in pages:
        operations = [b"BT /F1 10 Tf 14 TL 56 760 Td"]
        # A blank line is drawn as one space: pypdf then keeps it as an empty line.
        operations += [_pdf_string(line if line.strip() else " ") + b" Tj T*" for line in page]
        operations.append(b"ET")
        stream = b"\n".join(operations)
        contents.append(add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"))
    pages_id = len(objects) + len(contents) + 1
    page_ids = [
        add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
            % (pages_id, font, content)
        )
        for content in contents
    ]
    kids = b" ".join(b"%d 0 R" % page_id for page_id in page_ids)
    add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids)))
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    info = add(b"<< /Title (Prevalence estimates of domestic minor sex trafficking) >>")

    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\n" % (
        len(objects) + 1,
        catalog,
        info,
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    path.write_bytes(bytes(out))


def main() -> None:
    source = TEXTS / SOURCE_NAME
    lines = source.read_text(encoding="utf-8").splitlines()
    write_docx(docx_paragraphs(lines), source.with_suffix(".docx"))
    write_pdf(pdf_pages(lines), source.with_suffix(".pdf"))


if __name__ == "__main__":
    main()
