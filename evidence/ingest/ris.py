"""RIS reading (EndNote, Zotero, Scopus, Web of Science, Ovid, Rayyan, Lens exports) through rispy.

Exports differ in small ways that make a strict parser drop records: a byte-order mark, CRLF line
ends, "TY - " with one space, values wrapped onto untagged lines, text before the first record, a
missing final ER. The file is cut into records here, line by line, keeping each tag's line; each
record is then read by rispy on its own, so one bad record never costs the others.

Design metadata has no RIS tag: it is read from note lines (N1, and custom tags C1-C8) written as
``name: value``, e.g. ``N1  - design: cross-sectional survey``.
"""

from __future__ import annotations

import re

import rispy

from evidence.ingest.records import RawRecord
from evidence.issues import Issue

_TAG_LINE = re.compile(r"^([A-Z][A-Z0-9])\s{1,2}-(?: (.*)|)$")
_NOTE_FIELD = re.compile(r"^\s*([A-Za-z_ ]{1,30}?)\s*[:=]\s*(.+?)\s*$")
_TYPES: dict[str, str] = {
    "JOUR": "article",
    "EJOUR": "article",
    "MGZN": "article",
    "NEWS": "article",
    "BOOK": "book",
    "EBOOK": "book",
    "CHAP": "incollection",
    "ECHAP": "incollection",
    "RPRT": "techreport",
    "GOVDOC": "techreport",
    "CONF": "inproceedings",
    "CPAPER": "inproceedings",
    "ABST": "misc",
    "THES": "phdthesis",
    "ELEC": "online",
    "BLOG": "online",
    "WEB": "online",
}


def _records(
    text: str, file: str, issues: list[Issue]
) -> list[tuple[int, list[tuple[str, str, int]]]]:
    """Cut the text into records: (first line, [(tag, value, line)])."""
    records: list[tuple[int, list[tuple[str, str, int]]]] = []
    current: list[tuple[str, str, int]] | None = None
    start = 0
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.rstrip()
        if not stripped.strip():
            continue
        match = _TAG_LINE.match(stripped.lstrip("\ufeff"))
        if match is None:
            if current:
                # An untagged line continues the previous value (Ovid and WoS wrap long fields).
                tag, value, at = current[-1]
                current[-1] = (tag, f"{value} {stripped.strip()}".strip(), at)
            elif records or number > 1 or stripped.strip():
                issues.append(
                    Issue(
                        "ris-syntax",
                        f"text outside any record: {stripped.strip()[:60]!r}",
                        file=file,
                        line=number,
                        value=stripped.strip()[:60],
                        hint="a RIS record starts with 'TY  - TYPE' and ends with 'ER  -'",
                    )
                )
            continue
        tag, value = match.group(1), (match.group(2) or "").strip()
        if tag == "TY":
            if current:
                issues.append(
                    Issue(
                        "ris-syntax",
                        "a record starts before the previous one has its 'ER  -' line",
                        file=file,
                        line=number,
                        value=value,
                        hint="end each record with 'ER  -'; the previous record was still read",
                    )
                )
                records.append((start, current))
            current = [(tag, value, number)]
            start = number
        elif tag == "ER":
            if current:
                records.append((start, current))
                current = None
            else:
                issues.append(
                    Issue(
                        "ris-syntax",
                        "'ER  -' with no record open",
                        file=file,
                        line=number,
                        hint="remove the stray 'ER  -' line",
                    )
                )
        elif current is None:
            issues.append(
                Issue(
                    "ris-syntax",
                    f"tag {tag} outside a record (no 'TY  -' line before it)",
                    file=file,
                    line=number,
                    value=f"{tag}  - {value}"[:60],
                    hint="start each record with 'TY  - TYPE'",
                )
            )
        else:
            current.append((tag, value, number))
    if current:
        issues.append(
            Issue(
                "truncated-file",
                "the file ends inside a record (no final 'ER  -' line); the record was still read",
                file=file,
                line=start,
                hint="end the last record with 'ER  -'",
            )
        )
        records.append((start, current))
    return records


def read_ris(text: str, file: str) -> tuple[list[RawRecord], list[Issue]]:
    """Every record of a RIS text as a raw record, and the issues met on the way."""
    issues: list[Issue] = []
    raws: list[RawRecord] = []
    for start, tags in _records(text, file, issues):
        chunk = "\n".join(f"{tag}  - {value}" for tag, value, _ in tags) + "\nER  - \n"
        try:
            parsed = rispy.loads(chunk)
        except Exception as error:  # rispy raises bare IOError/ValueError on malformed records
            issues.append(
                Issue(
                    "ris-syntax",
                    f"the record could not be read: {error}",
                    file=file,
                    line=start,
                    hint="check the record's tags",
                )
            )
            continue
        if not parsed:
            continue
        raws.append(_raw_record(parsed[0], tags, start, file))
    return raws, issues


def _first(value: object) -> str:
    if isinstance(value, list):
        return str(value[0]) if value else ""
    return "" if value is None else str(value)


def _raw_record(
    entry: dict[str, object], tags: list[tuple[str, str, int]], start: int, file: str
) -> RawRecord:
    tag_line: dict[str, int] = {}
    for tag, _, number in tags:
        tag_line.setdefault(tag, number)
    fields: dict[str, str] = {}
    lines: dict[str, int] = {}

    def put(name: str, value: str, tag: str) -> None:
        if value and name not in fields:
            fields[name] = value
            lines[name] = tag_line.get(tag, start)

    put(
        "title",
        _first(entry.get("title") or entry.get("primary_title")),
        "TI" if "TI" in tag_line else "T1",
    )
    year_text = _first(entry.get("year") or entry.get("publication_year") or entry.get("date"))
    put("year", year_text, "PY" if "PY" in tag_line else ("Y1" if "Y1" in tag_line else "DA"))
    venue = (
        entry.get("secondary_title") or entry.get("journal_name") or entry.get("alternate_title3")
    )
    put("journal", _first(venue), "T2" if "T2" in tag_line else "JO")
    put("publisher", _first(entry.get("publisher")), "PB")
    put("doi", _first(entry.get("doi")), "DO")
    put("url", _first(entry.get("urls")), "UR")
    for tag, value, number in tags:
        if tag in ("N1", "C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "M1"):
            for part in value.split(";") if tag != "N1" else [value]:
                note = _NOTE_FIELD.match(part)
                if note:
                    name = note.group(1).strip().lower().replace(" ", "_")
                    if name not in fields:
                        fields[name] = note.group(2)
                        lines[name] = number
    authors = entry.get("authors") or entry.get("first_authors") or []
    names = tuple(
        str(a).strip()
        for a in (authors if isinstance(authors, list) else [authors])
        if str(a).strip()
    )
    key = _first(entry.get("id")) or _first(entry.get("label"))
    kind = _first(entry.get("type_of_reference")).upper()
    return RawRecord(
        key=key.strip(),
        entry_type=_TYPES.get(kind, "misc"),
        file=file,
        line=start,
        fields=fields,
        field_lines=lines,
        authors=names,
        keys_expected=False,
        syntax="ris",
    )
