"""Appraisal tables: answers by study and item with the overall judgement, the support behind
each answer, and the agreement between reviewers.

These read the appraisal stage's frames only (``Appraisals.to_frame()``, ``overall()``,
``Agreement.to_frame()``, ``disagreements()``), so they can be built from any frame of that shape.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from evidence.report.table import ReportTable


def _rubric_text(rubric: Any) -> tuple[str, str, str]:
    rubric_id = str(getattr(rubric, "id", "rubric"))
    name = str(getattr(rubric, "name", rubric_id))
    citation = str(getattr(rubric, "citation", "") or "")
    return rubric_id, name, citation


def _item_order(rubric: Any, long: pd.DataFrame) -> list[str]:
    domains = getattr(rubric, "domains", None) or []
    ordered = [str(item.id) for domain in domains for item in getattr(domain, "items", [])]
    seen = list(dict.fromkeys(str(i) for i in long["item"].tolist()))
    return [i for i in ordered if i in seen] + [i for i in seen if i not in ordered]


def appraisal_table(appraisals: Any, citations: dict[str, str] | None = None) -> ReportTable:
    """Study by item: the answer's label in each cell, the overall judgement last."""
    rubric_id, name, citation = _rubric_text(appraisals.rubric)
    long = appraisals.to_frame()
    items = _item_order(appraisals.rubric, long)
    studies = list(dict.fromkeys(long["study"].tolist()))
    wide = long.pivot_table(index="study", columns="item", values="label", aggfunc="first")
    wide = wide.reindex(index=studies, columns=items).fillna("")
    overall = appraisals.overall()
    has_overall = overall is not None and len(overall) and overall["label"].notna().any()
    if has_overall:
        wide["Overall"] = overall.set_index("study")["label"].reindex(studies).fillna("")
    wide.insert(0, "Study", [(citations or {}).get(s, s) for s in studies])
    frame = wide.reset_index(drop=True)
    frame.columns = [str(c) for c in frame.columns]
    automatic = int((long["source"] == "automatic").sum()) if "source" in long else 0
    overridden = (
        int(long["overridden"].fillna(False).astype(bool).sum()) if "overridden" in long else 0
    )
    caveats = [f"Tool: {name}" + (f" ({citation})." if citation else ".")]
    ruled = (
        long["automatic_answer"].fillna("").astype(str) != ""
        if "automatic_answer" in long
        else None
    )
    confirmed = (
        int((ruled & (long["source"] != "automatic") & ~long["overridden"].astype(bool)).sum())
        if ruled is not None
        else 0
    )
    caveats.append(
        f"{automatic} answers stand as set automatically from the study's design fields; "
        f"reviewers confirmed {confirmed} and overrode {overridden} automatic answers."
    )
    if not has_overall:
        caveats.append("The tool's authors discourage an overall score, so none is given.")
    else:
        rules = set(overall["rule"].dropna().astype(str)) if "rule" in overall else set()
        if rules:
            caveats.append("Overall judgement: " + "; ".join(sorted(rules)) + ".")
    return ReportTable(
        name=f"appraisal-{rubric_id}",
        caption=f"{name}: answers by study and item",
        frame=frame,
        caveats=tuple(caveats),
    )


def appraisal_support_table(appraisals: Any) -> ReportTable:
    """One row per answer with the text that supports it and who gave it."""
    rubric_id, name, _ = _rubric_text(appraisals.rubric)
    long = appraisals.to_frame()
    wanted = [
        "study",
        "domain",
        "item",
        "label",
        "support",
        "source",
        "reviewer",
        "automatic_answer",
        "overridden",
    ]
    frame = long[[c for c in wanted if c in long.columns]].rename(columns={"label": "answer"})
    return ReportTable(
        name=f"appraisal-{rubric_id}-support",
        caption=f"{name}: every answer with its support",
        frame=frame,
        caveats=(
            "source is automatic (from design fields), reviewer (one reviewer's file) or consensus.",
        ),
    )


def agreement_table(agreement: Any, rubric_name: str, rubric_id: str) -> ReportTable:
    """Agreement between reviewers per item and overall, with confidence intervals."""
    # The formatted view ("value (low to high)") is the one people read; the raw frame has a
    # column for every bound of every statistic.
    frame = agreement.formatted() if hasattr(agreement, "formatted") else agreement.to_frame()
    return ReportTable(
        name=f"agreement-{rubric_id}",
        caption=f"{rubric_name}: agreement between reviewers",
        frame=frame,
        caveats=("Agreement is measured on the reviewers' own files, before consensus.",),
    )


def disagreements_table(agreement: Any, rubric_name: str, rubric_id: str) -> ReportTable:
    frame = agreement.disagreements()
    return ReportTable(
        name=f"disagreements-{rubric_id}",
        caption=f"{rubric_name}: answers on which reviewers disagree ({len(frame)})",
        frame=frame,
    )
