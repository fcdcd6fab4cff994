"""Judgements ready to draw: a study-by-domain grid of risk levels, validated before drawing.

A grid comes from an appraisal (see :func:`risk_grid_from_appraisals`) or from a robvis-style CSV
(``Study, D1, D2, ..., Overall[, Weight]``, see :func:`read_judgement_csv`). Every value is checked
against the answer scale first: a typo such as "Hgih" is an error naming the file, the line and the
closest allowed value, and is drawn as "not assessed" rather than guessed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from rapidfuzz import process

from evidence.issues import Issue, IssueTable
from evidence.report.figures.palettes import RISK_LEVELS

#: robvis's judgement words (and the usual short forms) with the risk level each stands for.
DEFAULT_SCALE: dict[str, str] = {
    "low": "low",
    "some concerns": "moderate",
    "moderate": "moderate",
    "unclear": "unclear",
    "no information": "unclear",
    "high": "high",
    "serious": "high",
    "critical": "high",
    "not applicable": "not-applicable",
}

#: Worst first: the order the worst-domain overall rule uses.
_SEVERITY = {"high": 4, "unclear": 3, "moderate": 2, "low": 1}


@dataclass(frozen=True, eq=False)
class RiskGrid:
    """Risk levels by study (rows) and domain or item (columns), plus the overall column if any.

    ``frame`` holds one of :data:`RISK_LEVELS` in every cell. ``weights`` (optional) weigh studies
    in the summary plot, e.g. by sample size.
    """

    name: str
    title: str
    frame: pd.DataFrame
    overall: pd.Series | None = None
    weights: pd.Series | None = None
    issues: IssueTable = field(default_factory=IssueTable)
    #: What the weights are, for the summary plot's axis and caption.
    weight_name: str = "weight"
    #: Longer names of the columns (e.g. an item's question) for plots with room for them.
    column_labels: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        bad = set(pd.unique(self.frame.to_numpy().ravel())) - set(RISK_LEVELS)
        if self.overall is not None:
            bad |= set(pd.unique(self.overall.to_numpy())) - set(RISK_LEVELS)
        if bad:
            raise ValueError(
                f"risk levels must be one of {RISK_LEVELS}; got {sorted(map(str, bad))}"
            )

    @property
    def studies(self) -> tuple[str, ...]:
        return tuple(str(s) for s in self.frame.index)

    def with_overall(self) -> pd.DataFrame:
        """The grid with the overall judgement as its last column."""
        frame = self.frame.copy()
        if self.overall is not None:
            frame["Overall"] = self.overall.reindex(frame.index).fillna("not-assessed")
        return frame

    def to_frame(self) -> pd.DataFrame:
        return self.with_overall().reset_index(names="study")

    def _repr_html_(self) -> str:
        return str(self.to_frame().to_html(index=False))


def match_judgement(value: str, scale: Mapping[str, str]) -> str | None:
    """The risk level of a judgement, matched on case and surrounding spaces only (never by prefix)."""
    folded = " ".join(value.strip().lower().replace("_", " ").replace("-", " ").split())
    for word, risk in scale.items():
        if folded == " ".join(word.lower().replace("-", " ").split()):
            return risk
    return None


def closest_judgement(value: str, scale: Mapping[str, str]) -> str:
    match = process.extractOne(value.strip().lower(), list(scale))
    return str(match[0]) if match else ""


def worst_risk(risks: list[str]) -> str | None:
    ranked = [r for r in risks if r in _SEVERITY]
    return max(ranked, key=lambda r: _SEVERITY[r]) if ranked else None


def read_judgement_csv(
    path: Path, scale: Mapping[str, str] | None = None, name: str | None = None
) -> RiskGrid:
    """Read a robvis-style table: ``Study``, one column per domain, ``Overall`` and ``Weight``.

    Checks every judgement against ``scale`` (default :data:`DEFAULT_SCALE`) and the overall
    judgement against the worst-domain rule; all problems are rows in ``grid.issues``.
    """
    scale = dict(scale or DEFAULT_SCALE)
    file = str(path)
    reader = csv.reader(io.StringIO(Path(path).read_text(encoding="utf-8-sig")))
    rows = list(reader)
    if not rows:
        raise ValueError(f"{file} is empty; expected a header such as Study,D1,D2,Overall")
    header = [h.strip() for h in rows[0]]
    lowered = [h.lower() for h in header]
    overall_at = lowered.index("overall") if "overall" in lowered else None
    weight_at = lowered.index("weight") if "weight" in lowered else None
    domain_at = [i for i in range(1, len(header)) if i not in (overall_at, weight_at)]
    issues: list[Issue] = []
    records: dict[str, dict[str, str]] = {}
    overall: dict[str, str] = {}
    weights: dict[str, float] = {}
    for line, row in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in row):
            continue
        study = row[0].strip()
        cells = row + [""] * (len(header) - len(row))

        def judged(
            index: int, study: str = study, cells: list[str] = cells, line: int = line
        ) -> str:
            raw = cells[index]
            if not raw.strip():
                issues.append(
                    Issue(
                        "missing-judgement",
                        f"{study} has no judgement for {header[index]}; drawn as not assessed",
                        file=file,
                        line=line,
                        key=study,
                        field=header[index],
                    )
                )
                return "not-assessed"
            risk = match_judgement(raw, scale)
            if risk is None:
                closest = closest_judgement(raw, scale)
                issues.append(
                    Issue(
                        "unknown-judgement",
                        f"{study}: {header[index]} is {raw!r}, which is not on the answer scale",
                        file=file,
                        line=line,
                        key=study,
                        field=header[index],
                        value=raw,
                        hint=f"closest allowed value: {closest!r}; allowed: {', '.join(scale)}",
                    )
                )
                return "not-assessed"
            return risk

        records[study] = {header[i]: judged(i) for i in domain_at}
        if overall_at is not None:
            overall[study] = judged(overall_at)
            expected = worst_risk(list(records[study].values()))
            stated = overall[study]
            if expected and stated in _SEVERITY and stated != expected:
                issues.append(
                    Issue(
                        "overall-contradicts-rule",
                        f"{study}: overall is {stated!r} but its worst domain is {expected!r}",
                        file=file,
                        line=line,
                        key=study,
                        field=header[overall_at],
                        value=cells[overall_at],
                        hint=f"under the worst-domain rule the overall judgement is {expected!r}",
                    )
                )
        if weight_at is not None and cells[weight_at].strip():
            try:
                weights[study] = float(cells[weight_at])
            except ValueError:
                issues.append(
                    Issue(
                        "unknown-judgement",
                        f"{study}: weight {cells[weight_at]!r} is not a number",
                        file=file,
                        line=line,
                        key=study,
                        field=header[weight_at],
                        value=cells[weight_at],
                        hint="write the weight as a number, e.g. 120",
                    )
                )
    frame = pd.DataFrame.from_dict(records, orient="index", columns=[header[i] for i in domain_at])
    return RiskGrid(
        name=name or Path(path).stem,
        title=name or Path(path).stem,
        frame=frame,
        overall=pd.Series(overall, dtype=object) if overall_at is not None else None,
        weights=pd.Series(weights, dtype=float) if weight_at is not None else None,
        issues=IssueTable.of(issues),
    )


def risk_grid_from_appraisals(
    appraisals: Any,
    weights: Mapping[str, float] | None = None,
    labels: Mapping[str, str] | None = None,
    weight_name: str = "weight",
) -> RiskGrid:
    """The grid of an appraisal: one column per rubric item, in the rubric's order, and overall.

    Reads ``appraisals.to_frame()`` (study, item, risk) and ``appraisals.overall()`` (study,
    risk); a risk outside the known levels is drawn as not assessed with an issue row.
    """
    rubric = appraisals.rubric
    long = appraisals.to_frame()
    # Studies the rubric does not fit have rows with no answer at all: they are not drawn.
    answered = long.loc[long["answer"].astype(str) != "", "study"]
    long = long[long["study"].isin(set(answered))]
    long = long.assign(risk=long["risk"].astype(str).replace("", "not-assessed"))
    item_order = [item.id for domain in rubric.domains for item in domain.items]
    studies = list(dict.fromkeys(long["study"].tolist()))
    grid = long.pivot_table(index="study", columns="item", values="risk", aggfunc="first")
    grid = grid.reindex(index=studies, columns=[i for i in item_order if i in grid.columns])
    issues: list[Issue] = []
    grid = grid.fillna("not-assessed")
    for column in grid.columns:
        for study, value in grid[column].items():
            if value not in RISK_LEVELS:
                issues.append(
                    Issue(
                        "unknown-judgement",
                        f"{study}: {column} has risk {value!r}, which is not a risk level",
                        key=str(study),
                        field=str(column),
                        value=str(value),
                        hint=f"allowed: {', '.join(RISK_LEVELS)}",
                    )
                )
                grid.loc[study, column] = "not-assessed"
    if labels:
        # Author-year labels read better than keys; a label two studies share keeps its key.
        shown = [labels.get(s, s) for s in studies]
        repeated = {label for label in shown if shown.count(label) > 1}
        renamed = {
            s: (f"{labels.get(s, s)} [{s}]" if labels.get(s, s) in repeated else labels.get(s, s))
            for s in studies
        }
    else:
        renamed = {s: s for s in studies}
    overall_frame = appraisals.overall()
    overall: pd.Series | None = None
    if overall_frame is not None and len(overall_frame):
        overall = overall_frame.set_index("study")["risk"].astype(str).reindex(studies)
        if (overall.fillna("") == "").all():
            overall = None  # the tool gives no overall judgement
        else:
            overall = overall.fillna("").replace("", "not-assessed")
            overall = overall.where(overall.isin(RISK_LEVELS), "not-assessed")
    weight_series = pd.Series(weights, dtype=float).reindex(studies) if weights else None
    return RiskGrid(
        name=str(rubric.id),
        title=str(rubric.name),
        frame=grid.astype(object).rename(index=renamed),
        overall=overall.astype(object).rename(index=renamed) if overall is not None else None,
        weights=weight_series.rename(index=renamed) if weight_series is not None else None,
        weight_name=weight_name,
        column_labels={
            str(item.id): f"{item.id}. {item.question}"
            for domain in rubric.domains
            for item in domain.items
        },
        issues=IssueTable.of(issues),
    )
