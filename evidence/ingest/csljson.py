"""CSL-JSON reading (Zotero, citation-js, pandoc): a list of items, or one item, or pandoc's
``{"references": [...]}``.

Items are decoded one at a time so that a syntax error in one item is reported at its line and the
items after it are still read. Design metadata is read from top-level fields (``"design": ...``),
from a ``custom`` object, or from ``name: value`` lines in ``note`` (Zotero's Extra field).
"""

from __future__ import annotations

import json
import re
from typing import Any

from evidence.ingest.records import RawRecord
from evidence.issues import Issue

_NOTE_FIELD = re.compile(r"^\s*([A-Za-z_ ]{1,30}?)\s*:\s*(.+?)\s*$")
_DECODER = json.JSONDecoder()
_ITEM_START = re.compile(r"\n\s*\{")
_TYPES = {
    "article-journal": "article",
    "article": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "book": "book",
    "chapter": "incollection",
    "report": "techreport",
    "paper-conference": "inproceedings",
    "thesis": "phdthesis",
    "webpage": "online",
    "post-weblog": "online",
}


class _LineCounter:
    """Line numbers of offsets visited in increasing order, in linear time overall."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.offset = 0
        self.line = 1

    def at(self, offset: int) -> int:
        if offset < self.offset:
            return self.text.count("\n", 0, offset) + 1
        self.line += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.line


def _skip(text: str, pos: int, chars: str) -> int:
    while pos < len(text) and text[pos] in chars:
        pos += 1
    return pos


def _items(text: str, file: str, issues: list[Issue]) -> list[tuple[int, Any]]:
    lines = _LineCounter(text)
    pos = _skip(text, 0, " \t\r\n\ufeff")
    if pos >= len(text):
        return []
    if text[pos] == "{":
        try:
            whole, _ = _DECODER.raw_decode(text, pos)
        except json.JSONDecodeError as error:
            issues.append(_syntax(error, file))
            return []
        except RecursionError:
            issues.append(_too_deep(file, lines.at(pos)))
            return []
        if isinstance(whole, dict) and isinstance(whole.get("references"), list):
            return [(lines.at(pos), item) for item in whole["references"]]
        return [(lines.at(pos), whole)]
    if text[pos] != "[":
        issues.append(
            Issue(
                "json-syntax",
                f"CSL-JSON must be a list of items; the file starts with {text[pos : pos + 20]!r}",
                file=file,
                line=lines.at(pos),
                hint="export as CSL JSON (a list of objects)",
            )
        )
        return []
    items: list[tuple[int, Any]] = []
    pos += 1
    while True:
        pos = _skip(text, pos, " \t\r\n,")
        if pos >= len(text):
            issues.append(
                Issue(
                    "truncated-file",
                    "the file ends before the list's closing ']'",
                    file=file,
                    line=lines.at(len(text)),
                    hint="the file may have been cut short",
                )
            )
            return items
        if text[pos] == "]":
            return items
        try:
            item, end = _DECODER.raw_decode(text, pos)
        except (json.JSONDecodeError, RecursionError) as error:
            # RecursionError: lists or objects nested past what the decoder can follow
            if isinstance(error, json.JSONDecodeError):
                issues.append(_syntax(error, file, item_line=lines.at(pos)))
                resume = error.pos
            else:
                issues.append(_too_deep(file, lines.at(pos)))
                resume = pos + 1
            following = _ITEM_START.search(text, resume)
            if following is None:
                return items
            pos = following.start() + 1
            continue
        items.append((lines.at(pos), item))
        pos = end


def _syntax(error: json.JSONDecodeError, file: str, item_line: int | None = None) -> Issue:
    where = f" in the item starting on line {item_line}" if item_line else ""
    return Issue(
        "json-syntax",
        f"invalid JSON{where}: {error.msg} (line {error.lineno}, column {error.colno})",
        file=file,
        line=error.lineno,
        hint="fix the item; the other items were still read",
    )


def _too_deep(file: str, line: int) -> Issue:
    return Issue(
        "json-syntax",
        f"the JSON starting on line {line} nests lists or objects too deeply to be read",
        file=file,
        line=line,
        hint="a CSL-JSON item is an object of fields, nested a few levels at most",
    )


def _year(item: dict[str, Any]) -> tuple[str, str]:
    """The year as text and the field it came from ('' when there is none)."""
    for name in ("issued", "original-date", "event-date"):
        date = item.get(name)
        if isinstance(date, dict):
            parts = date.get("date-parts")
            if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
                first = parts[0][0]
                if first is not None and str(first).strip():
                    return str(first).strip(), name
            for alternative in ("raw", "literal"):
                if isinstance(date.get(alternative), str | int) and str(date[alternative]).strip():
                    return str(date[alternative]).strip(), name
        elif isinstance(date, str | int) and str(date).strip():
            return str(date).strip(), name
    return "", "issued"


def _names(value: Any) -> tuple[str, ...]:
    names: list[str] = []
    if not isinstance(value, list):
        return ()
    for person in value:
        if isinstance(person, dict):
            family = str(person.get("family") or "").strip()
            given = str(person.get("given") or "").strip()
            literal = str(person.get("literal") or "").strip()
            if family:
                particle = str(person.get("non-dropping-particle") or "").strip()
                family = f"{particle} {family}".strip()
                names.append(f"{family}, {given}" if given else family)
            elif literal:
                names.append(literal)
        elif isinstance(person, str) and person.strip():
            names.append(person.strip())
    return tuple(names)


def read_csljson(text: str, file: str) -> tuple[list[RawRecord], list[Issue]]:
    """Every item of a CSL-JSON text as a raw record, and the issues met on the way."""
    issues: list[Issue] = []
    records: list[RawRecord] = []
    for line, item in _items(text, file, issues):
        if not isinstance(item, dict):
            issues.append(
                Issue(
                    "csl-item-invalid",
                    f"a CSL-JSON item must be an object, not {type(item).__name__}",
                    file=file,
                    line=line,
                    value=str(item)[:60],
                    hint='each item is {"id": ..., "type": ..., "title": ...}',
                )
            )
            continue
        fields: dict[str, str] = {}
        year, year_field = _year(item)
        if year:
            fields["year"] = year
        for source, target in (
            ("title", "title"),
            ("container-title", "journal"),
            ("publisher", "publisher"),
            ("DOI", "doi"),
            ("doi", "doi"),
            ("URL", "url"),
        ):
            value = item.get(source)
            if isinstance(value, list):
                value = value[0] if value else None
            if value is not None and str(value).strip() and target not in fields:
                fields[target] = str(value).strip()
        custom_value = item.get("custom")
        custom: dict[str, Any] = custom_value if isinstance(custom_value, dict) else {}
        for name, value in [*item.items(), *custom.items()]:
            lowered = str(name).lower().replace("-", "_")
            if lowered in fields or isinstance(value, dict | list) or value is None:
                continue
            if lowered not in ("id", "type", "title", "note", "doi", "url", "issued", "abstract"):
                fields[lowered] = str(value)
        note = item.get("note")
        if isinstance(note, str):
            for note_line in note.splitlines():
                found = _NOTE_FIELD.match(note_line)
                if found:
                    name = found.group(1).strip().lower().replace(" ", "_")
                    fields.setdefault(name, found.group(2))
        if year and year_field != "issued":
            fields.setdefault("date", year)
        key = item.get("id")
        records.append(
            RawRecord(
                key=str(key).strip() if key is not None else "",
                entry_type=_TYPES.get(str(item.get("type", "")), "misc"),
                file=file,
                line=line,
                fields=fields,
                authors=_names(item.get("author")) or _names(item.get("editor")),
                syntax="csljson",
            )
        )
    return records, issues
