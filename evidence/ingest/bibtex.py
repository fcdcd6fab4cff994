"""BibTeX reading: bibtexparser 2 splits the file into blocks; this module resolves and checks them.

bibtexparser's splitter keeps each block's start line and raw text and sets aside what it cannot
parse as failed blocks; nothing here discards a block without an issue row. Field values are
resolved here rather than by bibtexparser's middlewares: ``@string`` macros, ``#`` concatenation and
the month macros in one pass, then the LaTeX decoding of :mod:`evidence.ingest.latex`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import replace

from bibtexparser import model as bp
from bibtexparser.entrypoint import parse_string
from bibtexparser.exceptions import BlockAbortedException
from bibtexparser.library import Library

from evidence.ingest.latex import decode_latex
from evidence.ingest.records import DECODED_FIELDS, RawRecord, split_authors
from evidence.issues import Issue

MONTHS: dict[str, str] = {
    "jan": "January",
    "feb": "February",
    "mar": "March",
    "apr": "April",
    "may": "May",
    "jun": "June",
    "jul": "July",
    "aug": "August",
    "sep": "September",
    "oct": "October",
    "nov": "November",
    "dec": "December",
}
# bibtexparser logs every failed block; here each becomes an issue row instead, so its log lines
# would only say the same thing twice on the terminal.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())


class _UnresolvedError(Exception):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def _split_concatenation(value: str) -> list[str]:
    """Split a raw value at top-level '#' (outside braces and quotes)."""
    parts: list[str] = []
    depth = 0
    quoted = False
    start = 0
    for i, ch in enumerate(value):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == '"' and depth == 0:
            quoted = not quoted
        elif ch == "#" and depth == 0 and not quoted:
            parts.append(value[start:i].strip())
            start = i + 1
    parts.append(value[start:].strip())
    return parts


def _resolve(value: str, strings: dict[str, str]) -> str:
    """One raw field value as text: enclosing removed, macros and concatenation resolved."""
    if "#" in value:
        pieces = _split_concatenation(value)
        if len(pieces) > 1:
            return "".join(_resolve(piece, strings) for piece in pieces)
    if len(value) >= 2 and (
        (value[0] == "{" and value[-1] == "}") or (value[0] == '"' and value[-1] == '"')
    ):
        return value[1:-1]
    if value.isdigit():
        return value
    lowered = value.lower()
    if lowered in strings:
        return strings[lowered]
    if lowered in MONTHS:
        return MONTHS[lowered]
    raise _UnresolvedError(value)


def _string_table(
    library: Library, file: str, issues: list[Issue], lines: list[int]
) -> dict[str, str]:
    strings: dict[str, str] = {}
    for block in library.strings:
        try:
            strings[block.key.lower()] = _resolve(str(block.value), strings)
        except _UnresolvedError as missing:
            issues.append(
                Issue(
                    "undefined-macro",
                    f"@string {block.key} uses {missing.name!r}, which is not defined before it",
                    file=file,
                    line=lines[block.start_line or 0] + 1,
                    field=block.key,
                    value=missing.name,
                    hint="define the macro with @string before its use, or enclose the text in braces",
                )
            )
            strings[block.key.lower()] = missing.name
    return strings


def _failure(block: bp.ParsingFailedBlock, file: str) -> Issue:
    line = (block.start_line or 0) + 1
    error = block.error
    reason = str(getattr(error, "abort_reason", "") or error)
    raw = block.raw or ""
    head = raw.splitlines()[0][:80] if raw else ""
    if isinstance(error, BlockAbortedException) and (
        error.end_index is None or "end of file" in reason.lower()
    ):
        return Issue(
            "truncated-file",
            f"the file ends inside the entry that starts here ({head!r})",
            file=file,
            line=line,
            value=head,
            hint="the file may have been cut short; close the entry with '}' or restore the rest",
        )
    if "comma after entry key" in reason.lower():
        return Issue(
            "bibtex-syntax",
            f"the entry starting {head!r} has no comma after its key; it was not read",
            file=file,
            line=line,
            value=head,
            hint="write the head as '@type{key,' with a comma after the key",
        )
    if raw.count("{") != raw.count("}"):
        opened, closed = raw.count("{"), raw.count("}")
        return Issue(
            "unbalanced-braces",
            f"the entry starting {head!r} has {opened} '{{' but {closed} '}}'; it was not read",
            file=file,
            line=line,
            value=head,
            hint="add the missing brace; every other entry was still read",
        )
    detail = " ".join(reason.split())[:200]
    return Issue(
        "bibtex-syntax",
        f"the entry starting {head!r} could not be parsed: {detail}",
        file=file,
        line=line,
        value=head,
        hint="check the entry's '@type{key,' head, the 'name = {value}' fields and the commas between them",
    )


_STRING_START = re.compile(r"@string\s*[{(]", re.IGNORECASE)


def string_macros(text: str, file: str) -> tuple[dict[str, str], list[Issue]]:
    """The ``@string`` macros of a whole file, found before the file is cut into chunks.

    As in bibtexparser, a macro may be used anywhere in the file, before or after its definition.
    """
    issues: list[Issue] = []
    blocks: list[str] = []
    lines: list[int] = []
    for found in _STRING_START.finditer(text):
        end = _block_end(text, found.end() - 1)
        blocks.append(text[found.start() : end])
        lines.append(text.count("\n", 0, found.start()))
    if not blocks:
        return {}, issues
    # One block per line, so that a block's line in this text maps back to its line in the file.
    library = parse_string("\n".join(b.replace("\n", " ") for b in blocks), parse_stack=[])
    return _string_table(library, file, issues, lines), issues


def _block_end(text: str, opening: int) -> int:
    """The index just past the brace or parenthesis that closes the one at ``opening``."""
    closing = "}" if text[opening] == "{" else ")"
    depth = 0
    for index in range(opening, min(len(text), opening + 100_000)):
        ch = text[index]
        if ch == text[opening]:
            depth += 1
        elif ch == closing:
            depth -= 1
            if depth == 0:
                return index + 1
    return min(len(text), opening + 100_000)


def split_chunks(text: str, parts: int) -> list[tuple[int, str]]:
    """Cut a BibTeX text into about ``parts`` pieces at block starts: (lines before it, piece)."""
    if parts <= 1 or len(text) < parts:
        return [(0, text)]
    size = len(text) // parts
    chunks: list[tuple[int, str]] = []
    start = 0
    lines_before = 0
    for part in range(1, parts):
        cut = text.find("\n@", max(start, part * size))
        if cut < 0:
            break
        piece = text[start : cut + 1]
        chunks.append((lines_before, piece))
        lines_before += piece.count("\n")
        start = cut + 1
    chunks.append((lines_before, text[start:]))
    return chunks


def read_bibtex(
    text: str, file: str, strings: dict[str, str] | None = None, line_offset: int = 0
) -> tuple[list[RawRecord], list[Issue]]:
    """Every entry of a BibTeX text as a raw record, and the issues met on the way.

    ``strings`` are the file's macros when the text is one chunk of a larger file (see
    :func:`string_macros`); ``line_offset`` is the number of lines before the chunk.
    """
    issues: list[Issue] = []
    if strings is None:
        strings, found = string_macros(text, file)
        issues.extend(found)
    library = parse_string(text, parse_stack=[])
    records: list[RawRecord] = []
    block_issues: list[Issue] = []
    for block in library.blocks:
        for entry in _entries_of(block, file, block_issues):
            records.append(_record(entry, file, strings, block_issues))
    if line_offset:
        for record in records:
            record.line += line_offset
            record.field_lines = {k: v + line_offset for k, v in record.field_lines.items()}
        block_issues = [
            replace(i, line=i.line + line_offset) if i.line is not None else i for i in block_issues
        ]
    return records, issues + block_issues


def _entries_of(block: bp.Block, file: str, issues: list[Issue]) -> Iterator[bp.Entry]:
    """The entries a block holds; repeated keys are left for the loader, which sees every file."""
    if isinstance(block, bp.Entry):
        yield block
    elif isinstance(block, bp.DuplicateBlockKeyBlock):
        entry = block.ignore_error_block
        if isinstance(entry, bp.Entry):
            yield entry
    elif isinstance(block, bp.DuplicateFieldKeyBlock):
        entry = block.ignore_error_block
        if isinstance(entry, bp.Entry):
            for name in sorted(block.duplicate_keys):
                issues.append(
                    Issue(
                        "duplicate-field",
                        f"the entry {entry.key!r} gives {name} more than once; the first value is kept",
                        file=file,
                        line=(entry.start_line or 0) + 1,
                        key=entry.key,
                        field=name,
                        hint=f"keep one {name} field",
                    )
                )
            yield entry
    elif isinstance(block, bp.ParsingFailedBlock):
        issues.append(_failure(block, file))
    elif isinstance(block, bp.ImplicitComment):
        issues.extend(_entries_without_at(block, file))


# "article{key," at the start of a line of text between entries: an entry that lost its '@'
_HEAD_WITHOUT_AT = re.compile(r"^[ \t]*([A-Za-z]+)[ \t]*\{[ \t]*([^\s,{}=]+)[ \t]*,", re.MULTILINE)
# a value's closing brace or quote, then a line that starts a field: the comma between is missing
_FIELD_AFTER_VALUE = re.compile(r"[}\"][ \t]*\r?\n[ \t]*([A-Za-z][\w-]*)[ \t]*=")


def _entries_without_at(block: bp.ImplicitComment, file: str) -> Iterator[Issue]:
    """Text between entries is a comment to BibTeX, but an entry head without its '@' is an entry
    lost by a slip of the keyboard: say so rather than drop it in silence."""
    raw = block.raw or ""
    for found in _HEAD_WITHOUT_AT.finditer(raw):
        line = (block.start_line or 0) + raw.count("\n", 0, found.start()) + 1
        head = found.group(0).strip()
        yield Issue(
            "bibtex-syntax",
            f"{head!r} looks like an entry without its '@'; it was read as a comment",
            file=file,
            line=line,
            key=found.group(2),
            value=head,
            hint=f"write '@{head}' to make it an entry",
        )


def _record(entry: bp.Entry, file: str, strings: dict[str, str], issues: list[Issue]) -> RawRecord:
    line = (entry.start_line or 0) + 1
    fields: dict[str, str] = {}
    field_lines: dict[str, int] = {}
    people: dict[str, str] = {}
    for item in entry.fields:
        name = item.key.lower()
        if name in fields:
            continue
        raw_value = item.value if isinstance(item.value, str) else str(item.value)
        swallowed = (
            _FIELD_AFTER_VALUE.search(raw_value) if "=" in raw_value and "\n" in raw_value else None
        )
        if swallowed is not None:
            issues.append(
                Issue(
                    "bibtex-syntax",
                    f"{name} runs on into the next line's field {swallowed.group(1)!r}: "
                    "the comma between them is missing, so both were read as one value",
                    file=file,
                    line=(item.start_line or entry.start_line or 0) + 1,
                    key=entry.key,
                    field=name,
                    value=" ".join(raw_value.split())[:80],
                    hint=f"end the {name} field with a comma",
                )
            )
        try:
            value = _resolve(raw_value.strip(), strings)
        except _UnresolvedError as missing:
            issues.append(
                Issue(
                    "undefined-macro",
                    f"{name} uses the macro {missing.name!r}, which no @string defines",
                    file=file,
                    line=(item.start_line or entry.start_line or 0) + 1,
                    key=entry.key,
                    field=name,
                    value=missing.name,
                    hint="define it with @string, or enclose the text in braces",
                )
            )
            value = missing.name
        if name in ("author", "editor"):
            people[name] = value
        fields[name] = decode_latex(value) if name in DECODED_FIELDS else value
        field_lines[name] = (item.start_line if item.start_line is not None else line - 1) + 1
    return RawRecord(
        key=entry.key.strip(),
        entry_type=entry.entry_type,
        file=file,
        line=line,
        fields=fields,
        field_lines=field_lines,
        authors=split_authors(people.get("author") or people.get("editor") or ""),
    )
