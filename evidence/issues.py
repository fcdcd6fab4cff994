"""Problems as data: issue rows with stable codes, shared by every stage.

Every stage of the library (ingest, appraise, claims, flag, report) records what was wrong with its
input as :class:`Issue` rows instead of raising or printing. An :class:`IssueTable` collects them and
turns them into a DataFrame with the columns ``code, severity, file, line, key, field, value,
message, hint``. The codes below are stable: scripts may match on them. A code is never reused for
a different problem.

Severity is ``error`` (the input is wrong and something could not be read as written), ``warning``
(it was read, but a person should look) or ``info`` (a note on how something was read).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import pandas as pd


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


#: Every issue code, its default severity and what it means. Keep in sync with the docs (a test
#: checks that every code used by the package is listed here).
CODES: dict[str, tuple[Severity, str]] = {
    # ingest: files and encodings
    "file-not-found": (Severity.ERROR, "the input file does not exist"),
    "file-unreadable": (Severity.ERROR, "the input file could not be read"),
    "unknown-format": (Severity.ERROR, "the file's format could not be told from its name or text"),
    "encoding-guessed": (Severity.WARNING, "the file declares no encoding; it was detected"),
    "undecodable-bytes": (Severity.ERROR, "bytes that are not valid in the file's encoding"),
    "empty-file": (Severity.WARNING, "the file holds no entries"),
    # ingest: BibTeX syntax
    "bibtex-syntax": (Severity.ERROR, "an entry that could not be parsed"),
    "unbalanced-braces": (Severity.ERROR, "an entry whose braces do not balance"),
    "truncated-file": (Severity.ERROR, "the file ends inside an entry"),
    "undefined-macro": (Severity.ERROR, "a @string macro that is used but never defined"),
    "missing-key": (Severity.WARNING, "an entry with no citation key; kept under a derived key"),
    # ingest: RIS and CSL-JSON syntax
    "ris-syntax": (Severity.ERROR, "a RIS line or record that could not be read"),
    "json-syntax": (Severity.ERROR, "CSL-JSON that is not valid JSON"),
    "csl-item-invalid": (Severity.ERROR, "a CSL-JSON item that is not an object"),
    # ingest: records
    "duplicate-key": (
        Severity.ERROR,
        "a citation key used by an earlier entry; kept under a derived key",
    ),
    "duplicate-doi": (Severity.WARNING, "two entries with the same DOI"),
    "duplicate-title": (
        Severity.WARNING,
        "two entries with near-identical titles and the same year",
    ),
    "missing-field": (Severity.WARNING, "a field a review needs is missing"),
    "unknown-value": (Severity.ERROR, "a design field holds a value outside the vocabulary"),
    "bad-number": (Severity.ERROR, "a numeric field that is not a number"),
    "bad-year": (Severity.ERROR, "a year that is not a four-digit year"),
    "bad-boolean": (Severity.ERROR, "a yes/no field with another value"),
    "inconsistent-estimate": (Severity.WARNING, "an estimate outside its own interval"),
    "inconsistent-screening": (Severity.WARNING, "screening fields that contradict each other"),
    "unknown-field": (Severity.WARNING, "a field name close to a design field; kept as read"),
    "duplicate-field": (
        Severity.WARNING,
        "a field given twice in one entry; the first value is kept",
    ),
    # --- appraise: rubric files ---
    "rubric-not-found": (Severity.ERROR, "no rubric with that id or path"),
    "rubric-invalid": (Severity.ERROR, "a rubric file that does not follow the rubric schema"),
    # --- appraise: which studies a rubric fits ---
    "design-not-covered": (
        Severity.WARNING,
        "the study's design is not one the rubric applies to; the study is not scored",
    ),
    "design-missing": (
        Severity.WARNING,
        "the study has no design, so the rubric's fit cannot be told; the study is not scored",
    ),
    # --- appraise: judgment files (one row per answer) ---
    "judgment-columns": (
        Severity.ERROR,
        "a judgment file without the columns study,item,answer,support",
    ),
    "judgment-unknown-study": (
        Severity.ERROR,
        "a judgment for a study key not in the bibliography",
    ),
    "judgment-unknown-item": (Severity.ERROR, "a judgment for an item the rubric does not have"),
    "judgment-bad-answer": (Severity.ERROR, "an answer outside the item's scale"),
    "judgment-duplicate": (
        Severity.ERROR,
        "a second answer by the same reviewer to the same study and item; the first is kept",
    ),
    "judgment-empty-answer": (Severity.WARNING, "a judgment row with no answer; skipped"),
    "judgment-item-not-applicable": (
        Severity.WARNING,
        "an answer to an item of a category that does not fit the study's design; not used",
    ),
    "judgments-disagree": (
        Severity.INFO,
        "reviewers answered differently and no consensus answer is recorded",
    ),
    "robvis-columns": (Severity.ERROR, "a robvis file whose columns do not match the rubric"),
    # claims and flag
    "claim-table-columns": (Severity.ERROR, "a claim table without the claim and cites columns"),
    "claim-table-value": (Severity.WARNING, "a claim-table page or line that is not a number"),
    # report: PRISMA counts and the judgements drawn in figures
    "prisma-bad-count": (Severity.ERROR, "a prisma.csv count that is not a whole number >= 0"),
    "prisma-unknown-box": (Severity.WARNING, "a prisma.csv row naming no PRISMA 2020 box; ignored"),
    "prisma-mismatch": (Severity.ERROR, "PRISMA 2020 boxes whose counts contradict each other"),
    "prisma-studies-reports": (Severity.WARNING, "included studies and reports differ in number"),
    "prisma-unplaced-record": (Severity.WARNING, "a screened record with no identification arm"),
    "unknown-judgement": (Severity.ERROR, "a judgement outside the rubric's answer scale"),
    "overall-contradicts-rule": (
        Severity.WARNING,
        "an overall judgement the rubric's own overall rule would not give",
    ),
    "missing-judgement": (Severity.WARNING, "a study with no judgement for a domain"),
}


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem found in an input, with where it is and what would be right."""

    code: str
    message: str
    file: str = ""
    line: int | None = None
    key: str = ""
    field: str = ""
    value: str = ""
    hint: str = ""
    severity: Severity | None = None

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(
                f"unregistered issue code {self.code!r}; add it to evidence.issues.CODES"
            )
        if self.severity is None:
            object.__setattr__(self, "severity", CODES[self.code][0])

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self) -> str:
        """``file:line`` as editors and compilers print it."""
        if self.file and self.line is not None:
            return f"{self.file}:{self.line}"
        return self.file or "<input>"

    def describe(self) -> str:
        """One line for a terminal: where, what, and the hint."""
        text = f"{self.location()}: {self.severity}: {self.message} [{self.code}]"
        return f"{text} ({self.hint})" if self.hint else text

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": str(self.severity),
            "file": self.file,
            "line": self.line,
            "key": self.key,
            "field": self.field,
            "value": self.value,
            "message": self.message,
            "hint": self.hint,
        }


COLUMNS = ["code", "severity", "file", "line", "key", "field", "value", "message", "hint"]


@dataclass(frozen=True)
class IssueTable:
    """An immutable, ordered collection of issues (by file, then line)."""

    rows: tuple[Issue, ...] = field(default_factory=tuple)

    @classmethod
    def of(cls, issues: Iterable[Issue]) -> IssueTable:
        def order(issue: Issue) -> tuple[str, int, str]:
            return (issue.file, issue.line if issue.line is not None else 0, issue.code)

        return cls(tuple(sorted(issues, key=order)))

    def __iter__(self) -> Iterator[Issue]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __add__(self, other: IssueTable) -> IssueTable:
        return IssueTable.of((*self.rows, *other.rows))

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.rows if i.is_error)

    @property
    def has_errors(self) -> bool:
        return any(i.is_error for i in self.rows)

    def to_records(self) -> list[dict[str, Any]]:
        return [i.as_dict() for i in self.rows]

    def to_frame(self) -> pd.DataFrame:
        frame = pd.DataFrame(self.to_records(), columns=COLUMNS)
        frame["line"] = frame["line"].astype("Int64")
        return frame

    def _repr_html_(self) -> str:
        if not self.rows:
            return "<p>No issues.</p>"
        return str(self.to_frame().to_html(index=False, na_rep=""))


class EvidenceInputError(Exception):
    """Raised with ``strict=True`` when an input has errors; ``issues`` holds every row found.

    Exception hierarchy::

        EvidenceInputError      an input file has errors (carries .issues, an IssueTable)
    """

    def __init__(self, issues: IssueTable, what: str = "input") -> None:
        self.issues = issues
        errors = issues.errors
        first = errors[0].describe() if errors else "no error rows"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(f"{what} has {len(errors)} error(s): {first}{more}")
