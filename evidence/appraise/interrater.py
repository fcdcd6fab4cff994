"""Agreement between reviewers, per item and over all items, and the disagreements to discuss.

Units are studies (per item) or (study, item) pairs (overall). Only reviewers' own files count; the
consensus file is the outcome of the discussion, not a rater. See :mod:`evidence.appraise.statistics`
for how each statistic treats missing answers and how its interval is computed.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, field

import pandas as pd

from evidence.appraise.judgments import CONSENSUS, Judgment, Judgments
from evidence.appraise.rubric import Rubric
from evidence.appraise.statistics import (
    NAN,
    Estimate,
    FloatArray,
    agreement_weights,
    bootstrap,
    cohen_kappa,
    contingency,
    count_matrix,
    fleiss_kappa,
    gwet_ac1,
    krippendorff_alpha,
    percent_agreement,
)

#: Statistic columns of :meth:`Agreement.to_frame`, each followed by ``_low`` and ``_high``.
STATISTICS = (
    "percent_agreement",
    "cohen_kappa",
    "weighted_kappa_linear",
    "weighted_kappa_quadratic",
    "fleiss_kappa",
    "gwet_ac1",
    "krippendorff_alpha_nominal",
    "krippendorff_alpha_ordinal",
)

#: How each statistic's 95% interval is computed (also in docs/appraisal.md).
INTERVAL_METHODS = {
    "percent_agreement": "percentile bootstrap over units, fixed seed",
    "cohen_kappa": "asymptotic SE (Fleiss, Cohen & Everitt 1969)",
    "weighted_kappa_linear": "asymptotic SE (Fleiss, Cohen & Everitt 1969)",
    "weighted_kappa_quadratic": "asymptotic SE (Fleiss, Cohen & Everitt 1969)",
    "fleiss_kappa": "percentile bootstrap over units, fixed seed",
    "gwet_ac1": "percentile bootstrap over units, fixed seed",
    "krippendorff_alpha_nominal": "percentile bootstrap over units, fixed seed",
    "krippendorff_alpha_ordinal": "percentile bootstrap over units, fixed seed",
}

_LABELS = {
    "percent_agreement": "agreement",
    "cohen_kappa": "Cohen's kappa",
    "weighted_kappa_linear": "weighted kappa (linear)",
    "weighted_kappa_quadratic": "weighted kappa (quadratic)",
    "fleiss_kappa": "Fleiss' kappa",
    "gwet_ac1": "Gwet's AC1",
    "krippendorff_alpha_nominal": "Krippendorff's alpha (nominal)",
    "krippendorff_alpha_ordinal": "Krippendorff's alpha (ordinal)",
}


@dataclass(frozen=True)
class Agreement:
    """Agreement statistics of one rubric's reviewers (immutable)."""

    rubric_id: str
    reviewers: tuple[str, ...]
    table: pd.DataFrame = field(repr=False)
    disagreement_table: pd.DataFrame = field(repr=False)

    def to_frame(self) -> pd.DataFrame:
        """One row per item and an ``overall`` row: scope, item, units, reviewers, then each
        statistic with its ``_low`` and ``_high`` 95% bounds (NaN where undefined)."""
        return self.table.copy()

    def disagreements(self) -> pd.DataFrame:
        """Study, item, question, each reviewer's answer and support, and any consensus answer."""
        return self.disagreement_table.copy()

    def formatted(self) -> pd.DataFrame:
        """The statistics as "value (low to high)" text, only columns with some value: for people."""
        frame = self.table
        shown = pd.DataFrame({"item": frame["item"], "units": frame["units"]})
        for name in STATISTICS:
            if frame[name].notna().any():
                shown[_LABELS[name]] = [
                    _format(v, lo, hi, percent=name == "percent_agreement")
                    for v, lo, hi in zip(
                        frame[name], frame[f"{name}_low"], frame[f"{name}_high"], strict=True
                    )
                ]
        return shown

    def _repr_html_(self) -> str:
        head = (
            f"<p>Agreement on {html.escape(self.rubric_id)} between "
            f"{html.escape(', '.join(self.reviewers) or 'no reviewers')}; "
            f"{len(self.disagreement_table)} disagreements</p>"
        )
        return (
            head
            + str(self.formatted().to_html(index=False))
            + "<p>Disagreements</p>"
            + str(self.disagreement_table.to_html(index=False))
        )


def _format(value: float, low: float, high: float, *, percent: bool) -> str:
    if value is None or math.isnan(value):
        return ""
    value, low, high = value + 0.0, low + 0.0, high + 0.0  # no "-0.00"
    if percent:
        text = f"{value * 100:.0f}%"
        return text if math.isnan(low) else f"{text} ({low * 100:.0f} to {high * 100:.0f})"
    text = _two_places(value)
    return text if math.isnan(low) else f"{text} ({_two_places(low)} to {_two_places(high)})"


def _two_places(number: float) -> str:
    text = f"{number:.2f}"
    return "0.00" if text == "-0.00" else text


def _statistics(
    ratings: list[list[str | None]],
    categories: list[str],
    *,
    ordinal: bool,
    raters: int,
) -> dict[str, Estimate]:
    counts = count_matrix(ratings, categories)
    result: dict[str, Estimate] = {name: NAN for name in STATISTICS}
    result["percent_agreement"] = bootstrap(counts, percent_agreement)
    result["gwet_ac1"] = bootstrap(counts, gwet_ac1)
    result["krippendorff_alpha_nominal"] = bootstrap(counts, krippendorff_alpha)
    if ordinal:
        result["krippendorff_alpha_ordinal"] = bootstrap(counts, _ordinal_alpha)
    if raters == 2:
        pairs = [(a, b) for a, b in ratings if a is not None and b is not None]
        if pairs:
            table = contingency([a for a, _ in pairs], [b for _, b in pairs], categories)
            result["cohen_kappa"] = cohen_kappa(table)
            if ordinal:
                linear = agreement_weights(len(categories), "linear")
                quadratic = agreement_weights(len(categories), "quadratic")
                result["weighted_kappa_linear"] = cohen_kappa(table, linear)
                result["weighted_kappa_quadratic"] = cohen_kappa(table, quadratic)
    if raters > 2:
        complete = counts[counts.sum(axis=1) == raters]
        result["fleiss_kappa"] = bootstrap(complete, fleiss_kappa) if len(complete) else NAN
    return result


def _ordinal_alpha(counts: FloatArray) -> float:
    return krippendorff_alpha(counts, "ordinal")


def agreement(judgments: Judgments, rubric: Rubric | None = None) -> Agreement:
    """Agreement between the reviewers of ``judgments`` (the rubric read with them by default)."""
    rubric = rubric or judgments.rubric
    if rubric is None:
        raise ValueError("agreement needs the rubric the judgments were made with")
    reviewers = judgments.reviewers
    answers = {reviewer: judgments.by(reviewer) for reviewer in reviewers}
    consensus = judgments.by(CONSENSUS)
    rows: list[dict[str, object]] = []
    pooled: list[list[str | None]] = []
    pooled_categories: list[str] = []
    for scale in rubric.all_scales():
        pooled_categories.extend(a for a in scale.ids if a not in pooled_categories)
    studies = list(dict.fromkeys(j.study for j in judgments if j.reviewer != CONSENSUS))
    for item in rubric.items:
        ratings: list[list[str | None]] = []
        for study in studies:
            unit: list[str | None] = [
                answers[r][(study, item.id)].answer if (study, item.id) in answers[r] else None
                for r in reviewers
            ]
            if any(a is not None for a in unit):
                ratings.append(unit)
        if not ratings:
            continue
        pooled.extend(ratings)
        scale = rubric.scale_for(item.id)
        stats = _statistics(ratings, list(scale.ids), ordinal=scale.ordinal, raters=len(reviewers))
        rows.append(_row("item", item.id, rubric.domain_of(item.id).id, ratings, reviewers, stats))
    if pooled:
        scales = list(rubric.all_scales())
        ordinal = len(scales) == 1 and scales[0].ordinal
        stats = _statistics(pooled, pooled_categories, ordinal=ordinal, raters=len(reviewers))
        rows.append(_row("overall", "overall", "", pooled, reviewers, stats))
    columns = ["scope", "item", "domain", "units", "reviewers"] + [
        f"{name}{suffix}" for name in STATISTICS for suffix in ("", "_low", "_high")
    ]
    table = pd.DataFrame(rows, columns=columns)
    disagreements = _disagreements(rubric, reviewers, answers, consensus, studies)
    return Agreement(rubric.id, reviewers, table, disagreements)


def _row(
    scope: str,
    item: str,
    domain: str,
    ratings: list[list[str | None]],
    reviewers: tuple[str, ...],
    stats: dict[str, Estimate],
) -> dict[str, object]:
    row: dict[str, object] = {
        "scope": scope,
        "item": item,
        "domain": domain,
        "units": sum(1 for unit in ratings if sum(a is not None for a in unit) >= 2),
        "reviewers": len(reviewers),
    }
    for name, estimate in stats.items():
        row[name] = estimate.value
        row[f"{name}_low"] = estimate.low
        row[f"{name}_high"] = estimate.high
    return row


def _disagreements(
    rubric: Rubric,
    reviewers: tuple[str, ...],
    answers: dict[str, dict[tuple[str, str], Judgment]],
    consensus: dict[tuple[str, str], Judgment],
    studies: list[str],
) -> pd.DataFrame:
    columns = ["study", "item", "question"]
    for reviewer in reviewers:
        columns += [f"{reviewer}_answer", f"{reviewer}_support"]
    columns += ["consensus_answer", "consensus_support"]
    rows = []
    for study in studies:
        for item in rubric.items:
            key = (study, item.id)
            given = {r: answers[r][key] for r in reviewers if key in answers[r]}
            if len(given) < 2 or len({j.answer for j in given.values()}) == 1:
                continue
            row: dict[str, str] = {"study": study, "item": item.id, "question": item.question}
            for reviewer in reviewers:
                judged = given.get(reviewer)
                row[f"{reviewer}_answer"] = judged.answer if judged else ""
                row[f"{reviewer}_support"] = judged.support if judged else ""
            agreed = consensus.get(key)
            row["consensus_answer"] = agreed.answer if agreed else ""
            row["consensus_support"] = agreed.support if agreed else ""
            rows.append(row)
    return pd.DataFrame(rows, columns=columns)
