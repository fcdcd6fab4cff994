"""Appraising studies with a rubric: automatic answers, reviewers' answers, domains and overall.

For every study whose design the rubric fits, each item gets at most one answer, chosen in this
order: the consensus answer; the reviewers' answer when every reviewer who answered agrees; the
automatic answer of the first rule that holds for the study's metadata; none. Wherever a rule
holds, the row keeps its answer in ``automatic_answer`` and the rule in ``automatic_rule``, also
when a reviewer's or the consensus answer was chosen; ``overridden`` says that answer differs
from the rule's.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import pandas as pd

from evidence.appraise.judgments import CONSENSUS, Judgment, Judgments
from evidence.appraise.rubric import RISK_ORDER, AutomaticRule, OverallRule, Risk, Rubric
from evidence.ingest.model import Studies, Study
from evidence.issues import Issue, IssueTable

SOURCE_AUTOMATIC = "automatic"
SOURCE_REVIEWER = "reviewer"
SOURCE_CONSENSUS = "consensus"

ANSWER_COLUMNS = [
    "study",
    "domain",
    "item",
    "answer",
    "label",
    "risk",
    "source",
    "reviewer",
    "support",
    "automatic_answer",
    "automatic_rule",
    "overridden",
]
OVERALL_COLUMNS = ["study", "overall", "label", "risk", "rule"]


def worst_risk(risks: list[str]) -> str:
    """The worst of some risks ("" when none ranks: all empty or not applicable)."""
    ranked = [Risk(r) for r in risks if r and Risk(r) in RISK_ORDER]
    if not ranked:
        return ""
    return str(max(ranked, key=lambda r: RISK_ORDER[r]))


@dataclass(frozen=True)
class Appraisals:
    """The answers of one rubric for a set of studies (immutable; read with the methods below)."""

    rubric: Rubric
    answers: pd.DataFrame = field(repr=False)
    issue_table: IssueTable = field(default_factory=IssueTable)

    def to_frame(self) -> pd.DataFrame:
        """The long table: one row per (study, item), in rubric order; unanswered items have an
        empty answer and source."""
        return self.answers.copy()

    @property
    def studies(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.answers["study"]))

    @property
    def issues(self) -> pd.DataFrame:
        return self.issue_table.to_frame()

    def domains(self) -> pd.DataFrame:
        """Study x domain: the worst risk among each domain's answered items ("" if none)."""
        rows = []
        for study, answers in self.answers.groupby("study", sort=False):
            row: dict[str, str] = {"study": str(study)}
            for domain in self.rubric.domains:
                risks = answers.loc[answers["domain"] == domain.id, "risk"].tolist()
                row[domain.id] = worst_risk(risks)
            rows.append(row)
        return pd.DataFrame(rows, columns=["study", *(d.id for d in self.rubric.domains)])

    def overall(self, rule: str | None = None) -> pd.DataFrame:
        """One row per study: overall answer, label, risk and how it was derived.

        ``rule`` picks one of the rubric's declared conventions (e.g. ``high-count`` for Hoy et
        al.); by default the rule the tool itself endorses is used.
        """
        chosen = self.rubric.rule(rule)
        rows = [
            {"study": str(study), **self._overall_of(answers, chosen)}
            for study, answers in self.answers.groupby("study", sort=False)
        ]
        return pd.DataFrame(rows, columns=OVERALL_COLUMNS)

    def _overall_of(self, answers: pd.DataFrame, rule: OverallRule) -> dict[str, str]:
        tag = "" if rule.endorsed else " (a convention, not the tool's own rule)"
        if rule.kind == "none":
            return {"overall": "", "label": "", "risk": "", "rule": rule.description}
        if rule.kind == "item":
            row = answers.loc[answers["item"] == rule.item]
            answer = str(row["answer"].iloc[0]) if len(row) else ""
            if not answer:
                return {
                    "overall": "",
                    "label": "",
                    "risk": "",
                    "rule": f"item {rule.item} not answered{tag}",
                }
            return {
                "overall": answer,
                "label": str(row["label"].iloc[0]),
                "risk": str(row["risk"].iloc[0]),
                "rule": f"item {rule.item} ({row['source'].iloc[0]}){tag}",
            }
        summary_item = self.rubric.overall.item if self.rubric.overall.kind == "item" else None
        scored = answers.loc[answers["item"] != summary_item]
        if rule.kind == "worst-domain":
            risks = [
                worst_risk(scored.loc[scored["domain"] == d.id, "risk"].tolist())
                for d in self.rubric.domains
            ]
            risk = worst_risk(risks)
            return {
                "overall": risk,
                "label": f"{risk} risk" if risk else "",
                "risk": risk,
                "rule": f"worst domain{tag}",
            }
        high = int((scored["risk"] == Risk.HIGH.value).sum())
        answered = int((scored["answer"] != "").sum())
        band = next((b for b in rule.bands if high <= b.max_high), rule.bands[-1])
        return {
            "overall": band.answer,
            "label": band.label,
            "risk": band.risk.value,
            "rule": f"{high} high-risk of {answered}/{len(scored)} items answered: "
            f"{rule.description}{tag}",
        }

    def to_robvis(self) -> str:
        from evidence.appraise.robvis import to_robvis

        return to_robvis(self)

    def wide(self) -> pd.DataFrame:
        """Study x item answers (scale ids), with the overall answer: the table people read."""
        table = self.answers.pivot(index="study", columns="item", values="answer")
        table = table.reindex(index=list(self.studies), columns=list(self.rubric.item_ids))
        table = table.dropna(axis=1, how="all").fillna("")
        overall = self.overall().set_index("study")["overall"]
        table["overall"] = overall.reindex(table.index).fillna("")
        return table.reset_index()

    def _repr_html_(self) -> str:
        answered = int((self.answers["answer"] != "").sum())
        overridden = int(self.answers["overridden"].sum())
        head = (
            f"<p>{html.escape(self.rubric.name)}: {len(self.studies)} studies, {answered} answers "
            f"({overridden} automatic answers overridden); {len(self.issue_table)} issues</p>"
        )
        return head + str(self.wide().to_html(index=False))


def _agreed(judgments: list[Judgment]) -> Judgment | None:
    """The reviewers' answer when all who answered agree (their supports joined)."""
    if not judgments or len({j.answer for j in judgments}) != 1:
        return None
    if len(judgments) == 1:
        return judgments[0]
    first = judgments[0]
    supports = [j.support for j in judgments if j.support]
    if len(set(supports)) == 1:
        support = f"{', '.join(j.reviewer for j in judgments if j.support)}: {supports[0]}"
    else:
        support = " | ".join(f"{j.reviewer}: {j.support}" for j in judgments if j.support)
    reviewers = ";".join(j.reviewer for j in judgments)
    return Judgment(
        reviewers, first.study, first.item, first.answer, support, first.file, first.line
    )


def appraise(studies: Studies, rubric: Rubric, judgments: Judgments | None = None) -> Appraisals:
    """Appraise each study with ``rubric``: automatic answers from its metadata, then reviewers'.

    A study whose design the rubric does not fit (or that has no design) is not scored: it gets an
    issue row instead. Issues of the judgments are carried along.
    """
    issues: list[Issue] = list(judgments.issue_table) if judgments is not None else []
    consensus: dict[tuple[str, str], Judgment] = {}
    reviewed: dict[tuple[str, str], list[Judgment]] = {}
    for judgment in judgments or ():
        key = (judgment.study, judgment.item)
        if judgment.reviewer == CONSENSUS:
            consensus[key] = judgment
        else:
            reviewed.setdefault(key, []).append(judgment)
    rows: list[dict[str, object]] = []
    for study in studies:
        if not _fits(study, rubric, issues):
            continue
        for item in rubric.items_for(study.design):
            key = (study.key, item.id)
            automatic = next(
                (r for r in rubric.automatic if r.item == item.id and r.holds(study)), None
            )
            automatic_answer = (
                rubric.scale_for(item.id).match(automatic.answer) if automatic else None
            )
            chosen = consensus.get(key)
            source = SOURCE_CONSENSUS
            if chosen is None:
                chosen = _agreed(reviewed.get(key, []))
                source = SOURCE_REVIEWER
                if chosen is None and len(reviewed.get(key, [])) > 1:
                    issues.append(_disagreement(study, item.id, reviewed[key]))
            answer_id, reviewer, support = "", "", ""
            rule_answer, rule_text = "", ""
            if automatic is not None and automatic_answer is not None:
                rule_answer = automatic_answer.id
                rule_text = f"automatic: {automatic.describe()} ({_field_values(study, automatic)})"
            if chosen is not None:
                answer_id, reviewer, support = chosen.answer, chosen.reviewer, chosen.support
            elif rule_answer:
                answer_id, source, support = rule_answer, SOURCE_AUTOMATIC, rule_text
            else:
                source = ""
            answer = rubric.scale_for(item.id).get(answer_id) if answer_id else None
            rows.append(
                {
                    "study": study.key,
                    "domain": rubric.domain_of(item.id).id,
                    "item": item.id,
                    "answer": answer_id,
                    "label": answer.label if answer else "",
                    "risk": rubric.answer_risk(item.id, answer_id).value if answer else "",
                    "source": source,
                    "reviewer": reviewer,
                    "support": support,
                    "automatic_answer": rule_answer,
                    "automatic_rule": rule_text,
                    "overridden": bool(rule_answer) and rule_answer != answer_id,
                }
            )
    frame = pd.DataFrame(rows, columns=ANSWER_COLUMNS)
    frame["overridden"] = frame["overridden"].astype(bool)
    return Appraisals(rubric, frame, IssueTable.of(issues))


def _field_values(study: Study, rule: AutomaticRule) -> str:
    return "; ".join(f"{c.field} = {getattr(study, c.field)}" for c in rule.when)


def _fits(study: Study, rubric: Rubric, issues: list[Issue]) -> bool:
    if study.design is None:
        issues.append(
            Issue(
                "design-missing",
                f"{study.key} has no design; {rubric.id} applies to {', '.join(rubric.applies_to)}",
                file=study.file,
                line=study.line or None,
                key=study.key,
                field="design",
                hint="add a design field to the entry",
            )
        )
        return False
    if not rubric.fits(study.design):
        issues.append(
            Issue(
                "design-not-covered",
                f"{rubric.id} does not apply to design {study.design!r} ({study.key})",
                file=study.file,
                line=study.line or None,
                key=study.key,
                field="design",
                value=study.design,
                hint=f"{rubric.id} applies to: {', '.join(rubric.applies_to)}; choose a rubric that fits",
            )
        )
        return False
    return True


def _disagreement(study: Study, item: str, judgments: list[Judgment]) -> Issue:
    answers = ", ".join(f"{j.reviewer}: {j.answer}" for j in judgments)
    return Issue(
        "judgments-disagree",
        f"{study.key} item {item}: {answers}",
        file=judgments[0].file,
        line=judgments[0].line,
        key=study.key,
        field="item",
        value=item,
        hint="record the agreed answer in consensus.csv",
    )
