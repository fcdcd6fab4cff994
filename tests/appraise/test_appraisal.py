from __future__ import annotations

from pathlib import Path

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence.appraise import Appraisals, Rubric, appraise, load_judgments, load_rubric
from evidence.appraise.rubric import RISK_ORDER, Risk
from evidence.ingest import Studies, Study
from tests.appraise.conftest import PROJECT

COLUMNS = [
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


def row(appraisals: Appraisals, study: str, item: str) -> pd.Series:
    frame = appraisals.to_frame()
    return frame[(frame["study"] == study) & (frame["item"] == item)].iloc[0]


def test_automatic_answers_carry_their_rule(project_studies: Studies, hoy: Rubric) -> None:
    result = appraise(project_studies, hoy)
    assert list(result.to_frame().columns) == COLUMNS
    random = row(result, "edwards2006prevalence", "3")
    assert (random.answer, random.source, random.risk) == ("yes", "automatic", "low")
    assert "random-selection-yes" in random.support
    assert "sampling = probability" in random.support
    assert (random.automatic_answer, random.automatic_rule) == ("yes", random.support)
    purposive = row(result, "estes2001commercial", "3")
    assert purposive.answer == "no"
    assert "sampling = purposive" in purposive.support
    # no rule fires where the metadata cannot tell
    unknown = row(result, "edwards2006prevalence", "4")
    assert (unknown.answer, unknown.source, unknown.support) == ("", "", "")


def test_reviewers_override_and_consensus_wins(project_studies: Studies, hoy: Rubric) -> None:
    judgments = load_judgments(PROJECT, "hoy-2012", project_studies, hoy)
    result = appraise(project_studies, hoy, judgments)
    # alice says no, bob says yes to item 3 of edwards: they disagree, so the rule's answer stays
    kept = row(result, "edwards2006prevalence", "3")
    assert (kept.answer, kept.source, kept.overridden) == ("yes", "automatic", False)
    assert any(
        i.code == "judgments-disagree" and i.key == "edwards2006prevalence"
        for i in result.issue_table
    )
    # both answered moderate to mitchell's summary item: their shared answer is used
    overridden = row(result, "mitchell2010conceptualizing", "11")
    assert (overridden.answer, overridden.source) == ("moderate", "reviewer")
    assert overridden.reviewer == "alice;bob"
    agreed = row(result, "edwards2006prevalence", "1")
    assert (agreed.answer, agreed.source, agreed.reviewer) == ("no", "consensus", "consensus")


def _one_reviewer(project: Path, studies: Studies, hoy: Rubric, answer: str) -> Appraisals:
    """The appraisal when one reviewer, erin, gives one answer (a ``study,item,answer,support`` row)."""
    folder = project / "appraisals" / "hoy-2012"
    folder.mkdir(parents=True)
    (folder / "erin.csv").write_text(f"study,item,answer,support\n{answer}\n", encoding="utf-8")
    return appraise(studies, hoy, load_judgments(project, "hoy-2012", studies, hoy))


def test_an_override_keeps_both_answers(
    project_studies: Studies, hoy: Rubric, tmp_path: Path
) -> None:
    answer = "mitchell2010conceptualizing,3,yes,national probability sample of agencies"
    result = _one_reviewer(tmp_path, project_studies, hoy, answer)
    changed = row(result, "mitchell2010conceptualizing", "3")
    assert (changed.answer, changed.automatic_answer, changed.overridden) == ("yes", "no", True)
    assert changed.source == "reviewer"
    assert changed.reviewer == "erin"
    assert changed.support == "national probability sample of agencies"
    assert "sampling = agency-known" in changed.automatic_rule


def test_a_reviewer_who_agrees_with_a_rule_keeps_the_rule_beside_the_answer(
    project_studies: Studies, hoy: Rubric, tmp_path: Path
) -> None:
    answer = "estes2001commercial,3,no,the cities and groups were chosen by the investigators"
    confirmed = row(
        _one_reviewer(tmp_path, project_studies, hoy, answer), "estes2001commercial", "3"
    )
    assert (confirmed.answer, confirmed.source, confirmed.overridden) == ("no", "reviewer", False)
    assert confirmed.automatic_answer == "no"
    assert "sampling = purposive" in confirmed.automatic_rule
    assert confirmed.support.startswith("the cities")


def test_a_study_the_tool_does_not_fit_gets_an_issue_not_a_score(
    project_studies: Studies, hoy: Rubric
) -> None:
    result = appraise(project_studies, hoy)
    assert "lutnick2013meso" not in set(result.to_frame()["study"])
    issue = next(i for i in result.issue_table if i.key == "lutnick2013meso")
    assert issue.code == "design-not-covered"
    assert issue.value == "case-series"
    assert issue.line is not None
    missing = appraise(Studies((Study(key="nodesign"),)), hoy)
    assert [i.code for i in missing.issue_table] == ["design-missing"]
    assert missing.to_frame().empty


def test_overall_follows_the_tools_rule(project_studies: Studies, hoy: Rubric) -> None:
    judgments = load_judgments(PROJECT, "hoy-2012", project_studies, hoy)
    result = appraise(project_studies, hoy, judgments)
    overall = result.overall().set_index("study")
    assert overall.loc["mitchell2010conceptualizing", "overall"] == "moderate"
    assert overall.loc["estes2001commercial", "overall"] == ""
    assert "not answered" in overall.loc["estes2001commercial", "rule"]
    counted = result.overall("high-count").set_index("study")
    assert counted.loc["estes2001commercial", "risk"] == "low"
    assert "not the tool's own rule" in counted.loc["estes2001commercial", "rule"]
    assert list(result.domains().columns) == ["study", "external", "internal", "summary"]
    none = appraise(project_studies, load_rubric("jbi-prevalence")).overall()
    assert set(none["overall"]) == {""}
    assert "<table" in result._repr_html_()


def test_reverse_keyed_items_turn_risk_around(project_studies: Studies) -> None:
    test_rubric = load_rubric("worst-domain-test", PROJECT)
    assert test_rubric.answer_risk("a2", "yes") is Risk.HIGH
    assert test_rubric.answer_risk("a2", "unclear") is Risk.UNCLEAR


RISKS = [r for r in RISK_ORDER]


def _appraisals_with(answers: dict[str, str], rubric: Rubric) -> Appraisals:
    rows = []
    for item in rubric.items:
        answer = answers.get(item.id, "")
        rows.append(
            {
                "study": "s",
                "domain": rubric.domain_of(item.id).id,
                "item": item.id,
                "answer": answer,
                "label": answer,
                "risk": rubric.answer_risk(item.id, answer).value if answer else "",
                "source": "reviewer" if answer else "",
                "reviewer": "r" if answer else "",
                "support": "",
                "automatic_answer": "",
                "automatic_rule": "",
                "overridden": False,
            }
        )
    return Appraisals(rubric, pd.DataFrame(rows))


TEST_RUBRIC = load_rubric("worst-domain-test", PROJECT)
ANSWER = st.sampled_from(["", "yes", "no", "unclear", "na"])


def _rank(risk: str) -> int:
    return RISK_ORDER[Risk(risk)] if risk else -1


@settings(max_examples=150, deadline=None)
@given(
    answers=st.fixed_dictionaries({i: ANSWER for i in TEST_RUBRIC.item_ids}),
    item=st.sampled_from(TEST_RUBRIC.item_ids),
    rule=st.sampled_from([None, "count"]),
)
def test_a_high_risk_answer_never_lowers_the_overall_risk(
    answers: dict[str, str], item: str, rule: str | None
) -> None:
    before = _appraisals_with(answers, TEST_RUBRIC).overall(rule)["risk"].iloc[0]
    high = "yes" if TEST_RUBRIC.item(item).reverse_keyed else "no"
    after = _appraisals_with({**answers, item: high}, TEST_RUBRIC).overall(rule)["risk"].iloc[0]
    assert _rank(after) >= _rank(before)
    assert after == "high" or rule == "count"


HOY = load_rubric("hoy-2012")
HOY_ANSWER = st.sampled_from(["", "yes", "no", "insufficient"])


@settings(max_examples=100, deadline=None)
@given(
    answers=st.fixed_dictionaries({str(i): HOY_ANSWER for i in range(1, 11)}),
    item=st.integers(1, 10),
)
def test_hoy_count_convention_is_monotone(answers: dict[str, str], item: int) -> None:
    before = _appraisals_with(answers, HOY).overall("high-count")["risk"].iloc[0]
    after = (
        _appraisals_with({**answers, str(item): "no"}, HOY).overall("high-count")["risk"].iloc[0]
    )
    assert _rank(after) >= _rank(before)


def test_agreeing_reviewers_with_the_same_reason_are_named_once(
    tmp_path: Path, project_studies: Studies, hoy: Rubric
) -> None:
    folder = tmp_path / "appraisals" / "hoy-2012"
    folder.mkdir(parents=True)
    for name in ("ann", "ben"):
        (folder / f"{name}.csv").write_text(
            "study,item,answer,support\nedwards2006prevalence,9,yes,lifetime prevalence\n",
            encoding="utf-8",
        )
    judgments = load_judgments(tmp_path, "hoy-2012", project_studies, hoy)
    agreed = row(appraise(project_studies, hoy, judgments), "edwards2006prevalence", "9")
    assert agreed.support == "ann, ben: lifetime prevalence"
    assert agreed.reviewer == "ann;ben"
