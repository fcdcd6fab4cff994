"""Reviewers' judgments: ``appraisals/<rubric-id>/<reviewer>.csv`` files, one per reviewer.

Each file has the columns ``study,item,answer,support`` (support is the reviewer's reason, quoted
from or pointing to the publication). ``consensus.csv`` in the same folder holds the answers the
reviewers agreed on. A file exported for robvis (``Study,D1,...,Dn,Overall``) is read as well.

Every bad row (unknown study key, unknown item, an answer outside the scale, a repeated answer)
becomes an issue row with the file and its 1-based line; every good row still counts. Files are only
read, never written.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from rapidfuzz import process

from evidence.appraise.rubric import Rubric
from evidence.ingest.model import Studies
from evidence.issues import Issue, IssueTable

#: The reviewer name of the agreed answers (``consensus.csv``).
CONSENSUS = "consensus"

JUDGMENT_COLUMNS = ("study", "item", "answer", "support")


@dataclass(frozen=True, slots=True)
class Judgment:
    """One answer by one reviewer to one item for one study, with its support text."""

    reviewer: str
    study: str
    item: str
    answer: str
    support: str = ""
    file: str = ""
    line: int | None = None

    @property
    def is_consensus(self) -> bool:
        return self.reviewer == CONSENSUS


@dataclass(frozen=True)
class Judgments:
    """The judgments read for one rubric: every reviewer's answers, the consensus, and the issues."""

    rubric_id: str
    rows: tuple[Judgment, ...] = ()
    issue_table: IssueTable = field(default_factory=IssueTable)
    rubric: Rubric | None = field(default=None, repr=False)

    def __iter__(self) -> Iterator[Judgment]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def reviewers(self) -> tuple[str, ...]:
        """The reviewers (not the consensus), in the order their files were read."""
        seen: dict[str, None] = {}
        for row in self.rows:
            if not row.is_consensus:
                seen.setdefault(row.reviewer, None)
        return tuple(seen)

    @property
    def has_consensus(self) -> bool:
        return any(row.is_consensus for row in self.rows)

    def by(self, reviewer: str) -> dict[tuple[str, str], Judgment]:
        """One reviewer's answers keyed by (study, item)."""
        return {(r.study, r.item): r for r in self.rows if r.reviewer == reviewer}

    @property
    def issues(self) -> pd.DataFrame:
        return self.issue_table.to_frame()

    def to_frame(self) -> pd.DataFrame:
        """One row per judgment: reviewer, study, item, answer, support, file, line."""
        frame = pd.DataFrame(
            [
                {
                    "reviewer": r.reviewer,
                    "study": r.study,
                    "item": r.item,
                    "answer": r.answer,
                    "support": r.support,
                    "file": r.file,
                    "line": r.line,
                }
                for r in self.rows
            ],
            columns=["reviewer", "study", "item", "answer", "support", "file", "line"],
        )
        frame["line"] = frame["line"].astype("Int64")
        return frame

    def _repr_html_(self) -> str:
        head = (
            f"<p>{len(self)} judgments for {html.escape(self.rubric_id)} by "
            f"{html.escape(', '.join(self.reviewers) or 'no reviewer')}"
            f"{' and a consensus' if self.has_consensus else ''}; {len(self.issue_table)} issues</p>"
        )
        return head + str(self.to_frame().to_html(index=False, na_rep=""))


def _closest(value: str, choices: Iterable[str]) -> str:
    options = list(choices)
    best = process.extractOne(value, options) if options and value else None
    return str(best[0]) if best is not None else ""


class JudgmentChecker:
    """Checks rows against the rubric and the bibliography, and remembers what was already answered."""

    def __init__(self, rubric: Rubric, studies: Studies) -> None:
        self.rubric = rubric
        self.studies = studies
        self.seen: dict[tuple[str, str, str], Judgment] = {}
        self.issues: list[Issue] = []

    def check(
        self,
        *,
        reviewer: str,
        study: str,
        item: str,
        answer: str,
        support: str,
        file: str,
        line: int | None,
    ) -> Judgment | None:
        """The judgment for a good row; an issue row (and None) for a bad one."""
        study, item, answer = study.strip(), item.strip(), answer.strip()
        if study not in self.studies:
            closest = _closest(study, self.studies.keys)
            self.issues.append(
                Issue(
                    "judgment-unknown-study",
                    f"no study with key {study!r} in the bibliography",
                    field="study",
                    value=study,
                    hint=f"did you mean {closest!r}?"
                    if closest
                    else "add the study to the bibliography",
                    file=file,
                    line=line,
                    key=study,
                )
            )
            return None
        if item not in self.rubric.item_ids:
            closest = _closest(item, self.rubric.item_ids)
            self.issues.append(
                Issue(
                    "judgment-unknown-item",
                    f"{self.rubric.id} has no item {item!r}",
                    field="item",
                    value=item,
                    hint=f"items are {', '.join(self.rubric.item_ids)}; did you mean {closest!r}?",
                    file=file,
                    line=line,
                    key=study,
                )
            )
            return None
        if not answer:
            self.issues.append(
                Issue(
                    "judgment-empty-answer",
                    f"no answer for item {item}",
                    field="answer",
                    hint="write one of: " + ", ".join(self.rubric.scale_for(item).ids),
                    file=file,
                    line=line,
                    key=study,
                )
            )
            return None
        scale = self.rubric.scale_for(item)
        matched = scale.match(answer)
        if matched is None:
            closest_word = _closest(answer, scale.words())
            closest_answer = scale.match(closest_word) if closest_word else None
            self.issues.append(
                Issue(
                    "judgment-bad-answer",
                    f"{answer!r} is not an answer on the scale of item {item}",
                    field="answer",
                    value=answer,
                    hint=f"allowed: {', '.join(scale.ids)}"
                    + (f"; closest: {closest_answer.id!r}" if closest_answer else ""),
                    file=file,
                    line=line,
                    key=study,
                )
            )
            return None
        design = self.studies[study].design
        if item not in {i.id for i in self.rubric.items_for(design)}:
            domain = self.rubric.domain_of(item)
            self.issues.append(
                Issue(
                    "judgment-item-not-applicable",
                    f"item {item} belongs to {domain.name!r}, which does not fit design {design!r}",
                    field="item",
                    value=item,
                    hint=f"{domain.name!r} applies to: {', '.join(domain.applies_to)}",
                    file=file,
                    line=line,
                    key=study,
                )
            )
            return None
        key = (reviewer, study, item)
        if key in self.seen:
            first = self.seen[key]
            self.issues.append(
                Issue(
                    "judgment-duplicate",
                    f"{reviewer} already answered item {item} for {study} (line {first.line})",
                    field="item",
                    value=answer,
                    hint="keep one row per study and item; the first answer is used",
                    file=file,
                    line=line,
                    key=study,
                )
            )
            return None
        judgment = Judgment(reviewer, study, item, matched.id, support.strip(), file, line)
        self.seen[key] = judgment
        return judgment


def rows_with_lines(reader: Any) -> Iterator[tuple[int, list[str]]]:
    """Each row of a ``csv.reader`` with the line it starts on (a quoted cell may span lines)."""
    start = reader.line_num + 1
    for cells in reader:
        yield start, cells
        start = reader.line_num + 1


def read_judgment_text(
    text: str, *, reviewer: str, file: str, checker: JudgmentChecker
) -> list[Judgment]:
    """The good rows of one ``study,item,answer,support`` file; bad rows go to ``checker.issues``."""
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    names = [h.strip().casefold() for h in header] if header else []
    missing = [c for c in ("study", "item", "answer") if c not in names]
    if missing:
        checker.issues.append(
            Issue(
                "judgment-columns",
                f"missing column(s): {', '.join(missing)}",
                file=file,
                line=1,
                value=",".join(header or []),
                hint="the first line must be: study,item,answer,support",
            )
        )
        return []
    index = {name: names.index(name) for name in JUDGMENT_COLUMNS if name in names}
    found: list[Judgment] = []
    for line, cells in rows_with_lines(reader):
        if not any(c.strip() for c in cells):
            continue

        def cell(name: str, cells: list[str] = cells) -> str:
            position = index.get(name)
            return cells[position] if position is not None and position < len(cells) else ""

        judgment = checker.check(
            reviewer=reviewer,
            study=cell("study"),
            item=cell("item"),
            answer=cell("answer"),
            support=cell("support"),
            file=file,
            line=line,
        )
        if judgment is not None:
            found.append(judgment)
    return found


def _is_robvis(text: str) -> bool:
    first = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    cells = [c.strip() for c in first.split(",")]
    return bool(cells) and cells[0] == "Study" and "D1" in cells


def read_judgments(paths: Iterable[str | Path], rubric: Rubric, studies: Studies) -> Judgments:
    """Read judgment files (each named after its reviewer; ``consensus.csv`` for the agreed answers)."""
    from evidence.appraise.robvis import read_robvis_text

    checker = JudgmentChecker(rubric, studies)
    rows: list[Judgment] = []
    for path in paths:
        path = Path(path)
        name = str(path)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as problem:
            checker.issues.append(Issue("file-unreadable", f"cannot read: {problem}", file=name))
            continue
        if _is_robvis(text):
            rows.extend(read_robvis_text(text, reviewer=path.stem, file=name, checker=checker))
        else:
            rows.extend(read_judgment_text(text, reviewer=path.stem, file=name, checker=checker))
    return Judgments(rubric.id, tuple(rows), IssueTable.of(checker.issues), rubric)


def judgment_files(project_dir: str | Path, rubric_id: str) -> list[Path]:
    """The judgment files of a rubric: reviewers' files by name, then ``consensus.csv``."""
    folder = Path(project_dir) / "appraisals" / rubric_id
    if not folder.is_dir():
        return []
    files = sorted(p for p in folder.glob("*.csv") if p.stem != CONSENSUS)
    consensus = folder / f"{CONSENSUS}.csv"
    return [*files, consensus] if consensus.is_file() else files


def load_judgments(
    project_dir: str | Path, rubric_id: str, studies: Studies, rubric: Rubric
) -> Judgments:
    """Every judgment file under ``project_dir/appraisals/<rubric_id>/``, checked against the
    rubric and the studies. A project without that folder has no judgments (and no issues)."""
    return read_judgments(judgment_files(project_dir, rubric_id), rubric, studies)
