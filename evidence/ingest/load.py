"""``load_studies``: the one entry point from bibliography files to :class:`Studies`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from evidence.ingest.bibtex import read_bibtex
from evidence.ingest.csljson import read_csljson
from evidence.ingest.duplicates import find_duplicates
from evidence.ingest.model import Studies, Study
from evidence.ingest.records import RawRecord, RecordBuilder, derived_key
from evidence.ingest.ris import read_ris
from evidence.ingest.text import read_text
from evidence.issues import EvidenceInputError, Issue, IssueTable, Severity

Reader = Callable[[str, str], tuple[list[RawRecord], list[Issue]]]
READERS: dict[str, Reader] = {"bibtex": read_bibtex, "ris": read_ris, "csljson": read_csljson}
SUFFIXES: dict[str, str] = {
    ".bib": "bibtex",
    ".bibtex": "bibtex",
    ".ris": "ris",
    ".nbib": "ris",
    ".json": "csljson",
    ".csljson": "csljson",
}
FORMATS: tuple[str, ...] = tuple(READERS)


def detect_format(path: Path, text: str) -> str | None:
    """The reader for a file: by its suffix, else by its first characters."""
    by_suffix = SUFFIXES.get(path.suffix.lower())
    if by_suffix is not None:
        return by_suffix
    head = text.lstrip("\ufeff \t\r\n")[:200]
    if head.startswith("TY  -") or head.startswith("TY -"):
        return "ris"
    if head.startswith(("[", "{")) and not head.startswith("{\\"):
        return "csljson"
    if "@" in text[:20000]:
        return "bibtex"
    return None


def load_studies(
    path: str | Path | Iterable[str | Path], *, strict: bool = False, format: str | None = None
) -> Studies:
    """Read one or more bibliography files (BibTeX, RIS, CSL-JSON) into :class:`Studies`.

    Every problem becomes a row of ``Studies.issues`` and reading goes on: one broken entry never
    drops the others. With ``strict=True`` an :class:`~evidence.EvidenceInputError` carrying the
    same rows is raised when any row is an error. Input files are only read, never written.
    """
    paths = [Path(path)] if isinstance(path, str | Path) else [Path(p) for p in path]
    if format is not None and format not in READERS:
        raise ValueError(f"unknown format {format!r}; use one of: {', '.join(FORMATS)}")
    issues: list[Issue] = []
    raws: list[RawRecord] = []
    for file in paths:
        raws.extend(_read_file(file, format, issues))
    studies = _build(raws, issues)
    issues.extend(find_duplicates(studies))
    result = Studies(tuple(studies), IssueTable.of(issues), tuple(str(p) for p in paths))
    if strict and result.has_errors:
        raise EvidenceInputError(result.issue_table, what=", ".join(str(p) for p in paths))
    return result


def _read_file(file: Path, format: str | None, issues: list[Issue]) -> list[RawRecord]:
    name = str(file)
    if not file.exists():
        issues.append(
            Issue("file-not-found", f"no such file: {name}", file=name, hint="check the path")
        )
        return []
    if file.is_dir():
        issues.append(
            Issue(
                "file-unreadable",
                f"{name} is a folder, not a bibliography file",
                file=name,
                hint="name a .bib, .ris or .json file",
            )
        )
        return []
    try:
        decoded = read_text(file)
    except OSError as error:
        issues.append(
            Issue("file-unreadable", f"{name} could not be read: {error.strerror}", file=name)
        )
        return []
    issues.extend(decoded.issues)
    kind = format or detect_format(file, decoded.text)
    if kind is None:
        issues.append(
            Issue(
                "unknown-format",
                f"{name} is not recognisably BibTeX, RIS or CSL-JSON",
                file=name,
                line=1,
                hint="name the file .bib, .ris or .json, or pass --format",
            )
        )
        return []
    records, found = READERS[kind](decoded.text, name)
    issues.extend(found)
    if not records and not any(i.is_error for i in found):
        issues.append(
            Issue(
                "empty-file", f"{name} holds no entries", file=name, hint="is this the right file?"
            )
        )
    return records


def _build(raws: list[RawRecord], issues: list[Issue]) -> list[Study]:
    """Give every record a unique key (reporting empty and repeated ones), then build studies."""
    builder = RecordBuilder()
    first_seen: dict[str, RawRecord] = {}
    taken = {raw.key for raw in raws if raw.key}
    studies: list[Study] = []
    for raw in raws:
        if not raw.key:
            key = _unique(derived_key(raw), taken)
            issues.append(
                Issue(
                    "missing-key",
                    f"the entry has no citation key; it is kept as {key!r}",
                    file=raw.file,
                    line=raw.line,
                    key=key,
                    hint=f"give the entry a key, e.g. '{key}'",
                    severity=None if raw.keys_expected else Severity.INFO,
                )
            )
            raw.original_key = ""
            raw.key = key
        elif raw.key in first_seen:
            first = first_seen[raw.key]
            key = _unique(f"{raw.key}-line{raw.line}", taken)
            issues.append(
                Issue(
                    "duplicate-key",
                    f"the key {raw.key!r} is already used at {first.file}:{first.line}; "
                    f"this entry is kept as {key!r}",
                    file=raw.file,
                    line=raw.line,
                    key=key,
                    value=raw.key,
                    hint=f"rename one of the two entries (lines {first.line} and {raw.line})",
                )
            )
            raw.original_key = raw.key
            raw.key = key
        first_seen.setdefault(raw.key, raw)
        study, found = builder.build(raw)
        issues.extend(found)
        studies.append(study)
    return studies


def _unique(key: str, taken: set[str]) -> str:
    candidate = key
    suffix = ord("b")
    while candidate in taken:
        candidate = f"{key}{chr(suffix)}" if suffix <= ord("z") else f"{key}-{suffix}"
        suffix += 1
    taken.add(candidate)
    return candidate
