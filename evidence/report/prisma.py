"""PRISMA 2020 flow counts: the bibliography's screening fields plus ``prisma.csv``.

``prisma.csv`` uses the columns of the PRISMA2020 R package's CSV template
(``data,node,box,description,boxtext,tooltips,url,n``); only ``data`` (the box's name) and ``n``
(its count) are read. A count given there wins over the one counted from the bibliography; every
box left out is counted from the bibliography's ``identified_via`` and ``screening`` fields.
The box equalities of PRISMA 2020 are then checked, each failure naming both boxes and numbers.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from rapidfuzz import process

from evidence.ingest.model import Studies
from evidence.issues import Issue, IssueTable

#: Every count box of the PRISMA 2020 template, with the words the diagram shows for it.
BOXES: dict[str, str] = {
    "previous_studies": "Studies included in previous version of review",
    "previous_reports": "Reports of studies included in previous version of review",
    "database_results": "Records identified from databases",
    "register_results": "Records identified from registers",
    "website_results": "Records identified from websites",
    "organisation_results": "Records identified from organisations",
    "citations_results": "Records identified from citation searching",
    "duplicates": "Duplicate records removed",
    "excluded_automatic": "Records marked as ineligible by automation tools",
    "excluded_other": "Records removed for other reasons",
    "records_screened": "Records screened",
    "records_excluded": "Records excluded",
    "dbr_sought_reports": "Reports sought for retrieval (databases and registers)",
    "dbr_notretrieved_reports": "Reports not retrieved (databases and registers)",
    "dbr_assessed": "Reports assessed for eligibility (databases and registers)",
    "dbr_excluded": "Reports excluded (databases and registers)",
    "other_removed": "Records from other methods removed before retrieval",
    "other_sought_reports": "Reports sought for retrieval (other methods)",
    "other_notretrieved_reports": "Reports not retrieved (other methods)",
    "other_assessed": "Reports assessed for eligibility (other methods)",
    "other_excluded": "Reports excluded (other methods)",
    "new_studies": "New studies included in review",
    "new_reports": "Reports of new included studies",
    "total_studies": "Total studies included in review",
    "total_reports": "Reports of total included studies",
}

#: Template rows that hold no count of their own (titles, per-source breakdowns); read, not used.
TEMPLATE_ROWS_WITHOUT_COUNT = {
    "database_specific_results",
    "register_specific_results",
    "identification",
    "screening",
    "included",
    "total_studies_ma",
    "total_reports_ma",
    "NA",
    "",
}

DATABASE_ARM = {"database", "register"}
OTHER_ARM = {"website", "organisation", "citation-search"}
_ARM_BOX = {
    "database": "database_results",
    "register": "register_results",
    "website": "website_results",
    "organisation": "organisation_results",
    "citation-search": "citations_results",
}
_REASON = re.compile(r"^\s*(?P<reason>.*?)\s*,\s*(?P<count>[^,;]+?)\s*$")


@dataclass(frozen=True)
class PrismaFlow:
    """The counts of every PRISMA 2020 box, where each came from, and the problems found."""

    counts: dict[str, int]
    origin: dict[str, str]
    excluded_reasons: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    issues: IssueTable = field(default_factory=IssueTable)

    def __getitem__(self, box: str) -> int:
        return self.counts.get(box, 0)

    @property
    def has_errors(self) -> bool:
        return self.issues.has_errors

    @property
    def mismatches(self) -> int:
        """How many box equalities fail: a diagram with any is not a checked flow."""
        return sum(1 for issue in self.issues if issue.code == "prisma-mismatch")

    def to_frame(self) -> pd.DataFrame:
        """One row per box: box id, what the diagram says, the count and where it came from."""
        rows = [
            {"box": box, "description": BOXES[box], "n": self.counts[box], "from": self.origin[box]}
            for box in BOXES
            if box in self.counts
        ]
        frame = pd.DataFrame(rows, columns=["box", "description", "n", "from"])
        frame["n"] = frame["n"].astype("Int64")
        return frame

    def _repr_html_(self) -> str:
        return str(self.to_frame().to_html(index=False))


@dataclass(frozen=True)
class PrismaCsv:
    counts: dict[str, int]
    lines: dict[str, int]
    reasons: dict[str, tuple[tuple[str, int], ...]]
    issues: tuple[Issue, ...]


def _whole_number(text: str) -> int | None:
    cleaned = text.strip().replace(",", "").replace(" ", "")
    if not re.fullmatch(r"\d+", cleaned):
        return None
    return int(cleaned)


def read_prisma_csv(path: Path) -> PrismaCsv:
    """Read the counts of a prisma.csv; every bad row is an issue, the good rows are kept."""
    file = str(path)
    text = Path(path).read_text(encoding="utf-8-sig")
    reader = csv.DictReader(io.StringIO(text))
    counts: dict[str, int] = {}
    lines: dict[str, int] = {}
    reasons: dict[str, tuple[tuple[str, int], ...]] = {}
    issues: list[Issue] = []
    if reader.fieldnames is None or "data" not in reader.fieldnames or "n" not in reader.fieldnames:
        issues.append(
            Issue(
                "prisma-bad-count",
                "prisma.csv needs the PRISMA2020 template's columns, at least 'data' and 'n'",
                file=file,
                line=1,
                value=",".join(reader.fieldnames or []),
                hint="header: data,node,box,description,boxtext,tooltips,url,n",
            )
        )
        return PrismaCsv(counts, lines, reasons, tuple(issues))
    for line, row in enumerate(reader, 2):
        box = (row.get("data") or "").strip()
        value = (row.get("n") or "").strip()
        if box in TEMPLATE_ROWS_WITHOUT_COUNT:
            continue
        if box not in BOXES:
            closest = process.extractOne(box, list(BOXES))
            issues.append(
                Issue(
                    "prisma-unknown-box",
                    f"prisma.csv names a box {box!r} that PRISMA 2020 does not have",
                    file=file,
                    line=line,
                    field="data",
                    value=box,
                    hint=f"did you mean {closest[0]!r}?" if closest else "",
                )
            )
            continue
        number = _whole_number(value)
        if (number is None and box in {"dbr_excluded", "other_excluded"} and ";" in value) or (
            number is None and box in {"dbr_excluded", "other_excluded"} and "," in value
        ):
            parsed = _reasons(value)
            if parsed is not None:
                reasons[box] = parsed
                counts[box] = sum(n for _, n in parsed)
                lines[box] = line
                continue
        if number is None:
            issues.append(
                Issue(
                    "prisma-bad-count",
                    f"the count of {box} is {value!r}, not a whole number of zero or more",
                    file=file,
                    line=line,
                    field="n",
                    value=value,
                    hint="write the count in digits, e.g. 97"
                    + (
                        "; reasons as 'Reason one, 4; Reason two, 2'"
                        if box.endswith("excluded")
                        else ""
                    ),
                )
            )
            continue
        counts[box] = number
        lines[box] = line
    return PrismaCsv(counts, lines, reasons, tuple(issues))


def _reasons(text: str) -> tuple[tuple[str, int], ...] | None:
    parsed: list[tuple[str, int]] = []
    for part in text.split(";"):
        if not part.strip():
            continue
        match = _REASON.match(part)
        if not match:
            return None
        count = _whole_number(match["count"])
        if count is None:
            return None
        parsed.append((match["reason"], count))
    return tuple(parsed) or None


def _reason_of(text: str | None) -> str:
    if not text:
        return "reason not recorded"
    return text.split(":", 1)[0].strip()


def counts_from_studies(
    studies: Studies,
) -> tuple[dict[str, int], dict[str, tuple[tuple[str, int], ...]], list[Issue]]:
    """Every box as counted from the bibliography's ``identified_via`` and ``screening`` fields."""
    counts = dict.fromkeys(BOXES, 0)
    reasons: dict[str, Counter[str]] = {"dbr_excluded": Counter(), "other_excluded": Counter()}
    issues: list[Issue] = []
    for study in studies:
        via, screening = study.identified_via, study.screening
        if screening is None:
            continue
        if via is None:
            issues.append(
                Issue(
                    "prisma-unplaced-record",
                    "the record has a screening value but no identified_via, so no PRISMA arm counts it",
                    file=study.file,
                    line=study.line,
                    key=study.key,
                    field="identified_via",
                    hint="add identified_via (database, register, website, organisation or citation-search)",
                )
            )
            continue
        counts[_ARM_BOX[via]] += 1
        arm = "dbr" if via in DATABASE_ARM else "other"
        if screening == "duplicate":
            counts["duplicates" if arm == "dbr" else "other_removed"] += 1
            continue
        if arm == "dbr":
            counts["records_screened"] += 1
            if screening == "excluded-screening":
                counts["records_excluded"] += 1
                continue
        elif screening == "excluded-screening":
            counts["other_removed"] += 1
            continue
        counts[f"{arm}_sought_reports"] += 1
        if screening == "not-retrieved":
            counts[f"{arm}_notretrieved_reports"] += 1
            continue
        counts[f"{arm}_assessed"] += 1
        if screening == "excluded-eligibility":
            counts[f"{arm}_excluded"] += 1
            reasons[f"{arm}_excluded"][_reason_of(study.exclusion_reason)] += 1
        elif screening == "included":
            counts["new_studies"] += 1
            counts["new_reports"] += 1
    counts["total_studies"] = counts["new_studies"]
    counts["total_reports"] = counts["new_reports"]
    ordered = {
        box: tuple(sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))) for box, c in reasons.items()
    }
    return counts, ordered, issues


def prisma_flow(studies: Studies, prisma_csv: Path | None = None) -> PrismaFlow:
    """The PRISMA 2020 counts of a review, checked box by box."""
    counts, reasons, issues = counts_from_studies(studies)
    origin = dict.fromkeys(counts, "bibliography")
    lines: dict[str, int] = {}
    file = ""
    if prisma_csv is not None and Path(prisma_csv).exists():
        given = read_prisma_csv(Path(prisma_csv))
        issues.extend(given.issues)
        file = str(prisma_csv)
        lines = given.lines
        for box, number in given.counts.items():
            counts[box] = number
            origin[box] = "prisma.csv"
        for box, parsed in given.reasons.items():
            reasons[box] = parsed
        # Totals follow the new and previous counts unless prisma.csv states them itself.
        if "total_studies" not in given.counts:
            counts["total_studies"] = counts["new_studies"] + counts["previous_studies"]
        if "total_reports" not in given.counts:
            counts["total_reports"] = counts["new_reports"] + counts["previous_reports"]
    issues.extend(check_flow(counts, origin, file, lines))
    return PrismaFlow(counts, origin, reasons, IssueTable.of(issues))


def _equation(result: str, parts: list[tuple[int, str]], counts: dict[str, int]) -> tuple[int, str]:
    expected = sum(sign * counts[box] for sign, box in parts)
    words = " ".join(("+ " if sign > 0 else "- ") + box for sign, box in parts)[2:]
    return expected, words


def check_flow(
    counts: dict[str, int],
    origin: dict[str, str],
    file: str = "",
    lines: dict[str, int] | None = None,
) -> list[Issue]:
    """The box equalities of PRISMA 2020; each failure names the boxes and both numbers."""
    lines = lines or {}
    rules: list[tuple[str, list[tuple[int, str]]]] = [
        (
            "records_screened",
            [
                (1, "database_results"),
                (1, "register_results"),
                (-1, "duplicates"),
                (-1, "excluded_automatic"),
                (-1, "excluded_other"),
            ],
        ),
        ("dbr_sought_reports", [(1, "records_screened"), (-1, "records_excluded")]),
        ("dbr_assessed", [(1, "dbr_sought_reports"), (-1, "dbr_notretrieved_reports")]),
        (
            "other_sought_reports",
            [
                (1, "website_results"),
                (1, "organisation_results"),
                (1, "citations_results"),
                (-1, "other_removed"),
            ],
        ),
        ("other_assessed", [(1, "other_sought_reports"), (-1, "other_notretrieved_reports")]),
        (
            "new_reports",
            [
                (1, "dbr_assessed"),
                (-1, "dbr_excluded"),
                (1, "other_assessed"),
                (-1, "other_excluded"),
            ],
        ),
        ("total_studies", [(1, "new_studies"), (1, "previous_studies")]),
        ("total_reports", [(1, "new_reports"), (1, "previous_reports")]),
    ]
    issues: list[Issue] = []
    for result, parts in rules:
        expected, words = _equation(result, parts, counts)
        if counts[result] == expected:
            continue
        shown = ", ".join(f"{box} = {counts[box]} ({origin[box]})" for _, box in parts)
        from_csv = (
            result
            if origin[result] == "prisma.csv"
            else next((box for _, box in parts if origin[box] == "prisma.csv"), "")
        )
        issues.append(
            Issue(
                "prisma-mismatch",
                f"{result} is {counts[result]} ({origin[result]}) but {words} gives {expected} "
                f"[{shown}]",
                file=file if from_csv else "",
                line=lines.get(from_csv) if from_csv else None,
                field=result,
                value=str(counts[result]),
                hint=f"make {result} equal {expected}, or correct the boxes it is computed from",
            )
        )
    if counts["new_studies"] != counts["new_reports"]:
        issues.append(
            Issue(
                "prisma-studies-reports",
                f"new_studies is {counts['new_studies']} but new_reports is {counts['new_reports']}",
                file=file if "new_studies" in lines else "",
                line=lines.get("new_studies"),
                field="new_studies",
                value=str(counts["new_studies"]),
                hint="fine when one study has several reports; check otherwise",
            )
        )
    return issues
