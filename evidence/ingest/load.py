"""``load_studies``: the one entry point from bibliography files to :class:`Studies`."""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

from evidence.ingest.bibtex import read_bibtex, split_chunks, string_macros
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


class _Built(NamedTuple):
    """A study built from a raw record, with what key assignment needs to know of the record."""

    study: Study
    issues: list[Issue]
    keys_expected: bool
    derived_key: str


#: BibTeX texts longer than this are read in chunks (in parallel, one process per core).
CHUNK_THRESHOLD = 4_000_000
#: Called with (characters read, characters in all) as a long read goes on.
Progress = Callable[[int, int], None]


def load_studies(
    path: str | Path | Iterable[str | Path],
    *,
    strict: bool = False,
    format: str | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
) -> Studies:
    """Read one or more bibliography files (BibTeX, RIS, CSL-JSON) into :class:`Studies`.

    Every problem becomes a row of ``Studies.issues`` and reading goes on: one broken entry never
    drops the others. With ``strict=True`` an :class:`~evidence.EvidenceInputError` carrying the
    same rows is raised when any row is an error. Input files are only read, never written.
    Large BibTeX files are cut at entry boundaries and read by ``workers`` processes (default: one
    per core); the result is the same as a serial read. ``progress`` is called as chunks finish.
    """
    paths = [Path(path)] if isinstance(path, str | Path) else [Path(p) for p in path]
    if format is not None and format not in READERS:
        raise ValueError(f"unknown format {format!r}; use one of: {', '.join(FORMATS)}")
    issues: list[Issue] = []
    built: list[_Built] = []
    for file in paths:
        built.extend(_read_file(file, format, issues, workers, progress))
    studies = _assign_keys(built, issues)
    issues.extend(find_duplicates(studies))
    result = Studies(tuple(studies), IssueTable.of(issues), tuple(str(p) for p in paths))
    if strict and result.has_errors:
        raise EvidenceInputError(result.issue_table, what=", ".join(str(p) for p in paths))
    return result


def _read_file(
    file: Path,
    format: str | None,
    issues: list[Issue],
    workers: int | None,
    progress: Progress | None,
) -> list[_Built]:
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
    if kind == "bibtex":
        built, found = _read_bibtex(decoded.text, name, workers, progress)
    else:
        records, found = READERS[kind](decoded.text, name)
        built = _build_all(records)
    issues.extend(found)
    if not built and not any(i.is_error for i in found):
        issues.append(
            Issue(
                "empty-file", f"{name} holds no entries", file=name, hint="is this the right file?"
            )
        )
    return built


def _read_bibtex(
    text: str, file: str, workers: int | None, progress: Progress | None
) -> tuple[list[_Built], list[Issue]]:
    strings, issues = string_macros(text, file)
    count = workers if workers is not None else (os.cpu_count() or 1)
    pieces = split_chunks(text, max(2, count) * 4) if len(text) >= CHUNK_THRESHOLD else [(0, text)]
    jobs = [(piece, file, strings, offset) for offset, piece in pieces]
    done = 0

    def advance(piece: str) -> None:
        nonlocal done
        done += len(piece)
        if progress is not None:
            progress(done, len(text))

    results: list[tuple[list[_Built], list[Issue]]] = []
    if count <= 1 or len(jobs) == 1:
        for job in jobs:
            results.append(_bibtex_chunk(job))
            advance(job[0])
    else:
        context = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
        with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
            for job, packed in zip(jobs, pool.map(_packed_bibtex_chunk, jobs), strict=True):
                results.append(_unpack(packed))
                advance(job[0])
    built = [b for chunk, _ in results for b in chunk]
    return built, issues + [i for _, found in results for i in found]


def _bibtex_chunk(
    job: tuple[str, str, dict[str, str], int],
) -> tuple[list[_Built], list[Issue]]:
    text, file, strings, offset = job
    records, issues = read_bibtex(text, file, strings, offset)
    return _build_all(records), issues


_STUDY_FIELDS = tuple(Study.model_fields)
_Packed = tuple[list[tuple[tuple[Any, ...], list[Issue], bool, str]], list[Issue]]


def _packed_bibtex_chunk(job: tuple[str, str, dict[str, str], int]) -> _Packed:
    """A chunk's studies as plain tuples: they cross between processes several times faster than
    pydantic models, and were validated where they were built."""
    built, issues = _bibtex_chunk(job)
    return [
        (
            tuple(getattr(b.study, name) for name in _STUDY_FIELDS),
            b.issues,
            b.keys_expected,
            b.derived_key,
        )
        for b in built
    ], issues


def _unpack(packed: _Packed) -> tuple[list[_Built], list[Issue]]:
    rows, issues = packed
    built = [
        _Built(
            Study.model_construct(**dict(zip(_STUDY_FIELDS, values, strict=True))),
            found,
            expected,
            derived,
        )
        for values, found, expected, derived in rows
    ]
    return built, issues


def _build_all(records: list[RawRecord]) -> list[_Built]:
    builder = RecordBuilder()
    built: list[_Built] = []
    for raw in records:
        study, found = builder.build(raw)
        derived = derived_key(raw) if not raw.key else raw.key
        built.append(_Built(study, found, raw.keys_expected, derived))
    return built


def _assign_keys(built: list[_Built], issues: list[Issue]) -> list[Study]:
    """Give every study a unique key, reporting empty and repeated ones, across all files."""
    first_seen: dict[str, Study] = {}
    taken = {b.study.key for b in built if b.study.key}
    studies: list[Study] = []
    for study, found, keys_expected, derived in built:
        new_key: str | None = None
        if not study.key:
            new_key = _unique(derived, taken)
            issues.append(
                Issue(
                    "missing-key",
                    f"the entry has no citation key; it is kept as {new_key!r}",
                    file=study.file,
                    line=study.line,
                    key=new_key,
                    hint=f"give the entry a key, e.g. '{new_key}'",
                    severity=None if keys_expected else Severity.INFO,
                )
            )
        elif study.key in first_seen:
            first = first_seen[study.key]
            new_key = _unique(f"{study.key}-line{study.line}", taken)
            issues.append(
                Issue(
                    "duplicate-key",
                    f"the key {study.key!r} is already used at {first.file}:{first.line}; "
                    f"this entry is kept as {new_key!r}",
                    file=study.file,
                    line=study.line,
                    key=new_key,
                    value=study.key,
                    hint=f"rename one of the two entries (lines {first.line} and {study.line})",
                )
            )
        if new_key is not None:
            study = study.model_copy(update={"key": new_key, "original_key": study.key})
            found = [replace(i, key=new_key) for i in found]
        first_seen.setdefault(study.key, study)
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
