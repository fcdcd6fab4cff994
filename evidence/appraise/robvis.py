"""robvis CSV files (``Study,D1,...,Dn,Overall``) in and out.

robvis draws risk-of-bias plots from a table with one row per study, one column per domain and the
overall judgement, written as Low / Some concerns / High / Unclear. Our tools answer items, so
``D1..Dn`` are the rubric's items in order (without the summary item when the overall rule is an
item, as in Hoy et al.); ``Overall`` is the overall judgement (empty for tools without one).

Reading such a file, a cell is first matched against the item's own scale (id, label or synonym),
then read as a robvis judgement word: the first answer of the scale that carries that risk.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from evidence.appraise.judgments import Judgment, JudgmentChecker, rows_with_lines
from evidence.appraise.rubric import Item, Risk, Rubric
from evidence.issues import Issue

if TYPE_CHECKING:
    from evidence.appraise.appraisal import Appraisals

#: The robvis word written for each risk.
ROBVIS_WORDS: dict[Risk, str] = {
    Risk.LOW: "Low",
    Risk.MODERATE: "Some concerns",
    Risk.HIGH: "High",
    Risk.UNCLEAR: "Unclear",
    Risk.NOT_APPLICABLE: "Not applicable",
}

#: robvis words (of all its tools) read back as risks.
_WORD_RISKS: dict[str, Risk] = {
    "low": Risk.LOW,
    "some concerns": Risk.MODERATE,
    "moderate": Risk.MODERATE,
    "high": Risk.HIGH,
    "serious": Risk.HIGH,
    "critical": Risk.HIGH,
    "unclear": Risk.UNCLEAR,
    "no information": Risk.UNCLEAR,
    "not applicable": Risk.NOT_APPLICABLE,
}


def robvis_items(rubric: Rubric) -> tuple[Item, ...]:
    """The items written as ``D1..Dn``: every item but the one that is the overall judgement."""
    overall_item = rubric.overall.item if rubric.overall.kind == "item" else None
    return tuple(item for item in rubric.items if item.id != overall_item)


def _answer_for(rubric: Rubric, item_id: str, written: str) -> str:
    """The scale answer a robvis cell means; the cell unchanged when nothing fits (the checker
    then reports it with the closest allowed answer)."""
    scale = rubric.scale_for(item_id)
    if scale.match(written) is not None:
        return written
    risk = _WORD_RISKS.get(written.casefold().strip())
    if risk is not None:
        for answer in scale.answers:
            if rubric.answer_risk(item_id, answer.id) is risk:
                return answer.id
    return written


def read_robvis_text(
    text: str, *, reviewer: str, file: str, checker: JudgmentChecker
) -> list[Judgment]:
    """The judgments of a robvis CSV; rows and cells that do not fit become issue rows."""
    rubric = checker.rubric
    reader = csv.reader(io.StringIO(text))
    header = [h.strip() for h in next(reader, [])]
    items = robvis_items(rubric)
    expected = ["Study", *(f"D{n}" for n in range(1, len(items) + 1)), "Overall"]
    if header[: len(expected)] != expected or any(
        h not in {"Weight", ""} for h in header[len(expected) :]
    ):
        checker.issues.append(
            Issue(
                "robvis-columns",
                f"the columns do not match {rubric.id}'s {len(items)} items",
                file=file,
                line=1,
                value=",".join(header),
                hint="expected: " + ",".join(expected) + " (Weight may follow)",
            )
        )
        return []
    overall_item = rubric.overall.item if rubric.overall.kind == "item" else None
    columns: list[tuple[int, str]] = [(n + 1, item.id) for n, item in enumerate(items)]
    if overall_item is not None:
        columns.append((len(expected) - 1, overall_item))
    found: list[Judgment] = []
    for line, cells in rows_with_lines(reader):
        if not cells or not cells[0].strip():
            continue
        study = cells[0].strip()
        for position, item_id in columns:
            written = cells[position].strip() if position < len(cells) else ""
            if not written:
                continue
            judgment = checker.check(
                reviewer=reviewer,
                study=study,
                item=item_id,
                answer=_answer_for(rubric, item_id, written),
                support=f"imported from robvis file {file} (column {header[position]}: {written})",
                file=file,
                line=line,
            )
            if judgment is not None:
                found.append(judgment)
            elif checker.issues and checker.issues[-1].code == "judgment-unknown-study":
                break  # one issue per unknown study, not one per cell
    return found


def to_robvis(appraisals: Appraisals) -> str:
    """The appraisals as a robvis CSV: ``Study,D1..Dn,Overall`` with robvis judgement words."""
    rubric = appraisals.rubric
    items = robvis_items(rubric)
    answers = appraisals.to_frame()
    overall_risk_of = dict(
        zip(*(appraisals.overall()[c].astype(str) for c in ("study", "risk")), strict=True)
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["Study", *(f"D{n}" for n in range(1, len(items) + 1)), "Overall"])
    for study, rows in answers.groupby("study", sort=False):
        risk_of = dict(zip(rows["item"].astype(str), rows["risk"].astype(str), strict=True))
        cells = [ROBVIS_WORDS[Risk(risk_of[i.id])] if risk_of.get(i.id) else "" for i in items]
        overall_risk = overall_risk_of.get(str(study), "")
        writer.writerow([study, *cells, ROBVIS_WORDS[Risk(overall_risk)] if overall_risk else ""])
    return buffer.getvalue()
