"""The bundled review project's appraisals: real judgments on the prevalence-relevant studies."""

from __future__ import annotations

import pytest

from evidence.appraise import agreement, appraise, load_judgments, load_rubric
from evidence.ingest import load_studies
from tests.appraise.conftest import REPOSITORY

PREVALENCE_STUDIES = {
    "estes2001commercial",
    "curtis2008commercial",
    "swaner2016youth",
    "mitchell2010conceptualizing",
    "finkelhor2004prostitution",
    "edwards2006prevalence",
    "gragg2007new",
}


@pytest.mark.parametrize("rubric_id", ["hoy-2012", "jbi-prevalence"])
def test_bundled_appraisals(rubric_id: str) -> None:
    studies = load_studies(REPOSITORY / "studies.bib")
    rubric = load_rubric(rubric_id)
    judgments = load_judgments(REPOSITORY, rubric_id, studies, rubric)
    assert len(judgments.issue_table) == 0
    assert judgments.reviewers == ("reviewer-a", "reviewer-b")
    assert {j.study for j in judgments} == PREVALENCE_STUDIES
    assert all(j.support for j in judgments)
    # every reviewer answers every item for every study
    for reviewer in judgments.reviewers:
        assert len(judgments.by(reviewer)) == len(PREVALENCE_STUDIES) * len(rubric.items)
    result = appraise(studies.filter(key=PREVALENCE_STUDIES), rubric, judgments)
    frame = result.to_frame()
    assert set(frame["source"]) == {"reviewer", "consensus"}
    assert frame["answer"].ne("").all()
    # the consensus settles every disagreement, so no item is left open
    assert not any(i.code == "judgments-disagree" for i in result.issue_table)
    check = agreement(judgments)
    assert len(check.disagreements()) == int((frame["source"] == "consensus").sum())
    overall = check.to_frame().set_index("item").loc["overall"]
    assert 0 < overall["cohen_kappa"] < 1
    assert overall["cohen_kappa_low"] < overall["cohen_kappa"] < overall["cohen_kappa_high"]


def test_bundled_hoy_shows_overrides_of_automatic_answers() -> None:
    studies = load_studies(REPOSITORY / "studies.bib")
    rubric = load_rubric("hoy-2012")
    judgments = load_judgments(REPOSITORY, "hoy-2012", studies, rubric)
    frame = appraise(studies.filter(key=PREVALENCE_STUDIES), rubric, judgments).to_frame()
    overridden = frame[frame["overridden"]]
    assert ("mitchell2010conceptualizing", "3") in set(
        zip(overridden["study"], overridden["item"], strict=True)
    )
    assert set(overridden["automatic_answer"]) == {"no"}
    # where the reviewers agree with a rule, the rule's answer still shows beside theirs
    confirmed = frame[(frame["automatic_answer"] != "") & ~frame["overridden"]]
    assert len(confirmed) >= 5
    assert confirmed["automatic_rule"].str.startswith("automatic: ").all()
    assert (confirmed["answer"] == confirmed["automatic_answer"]).all()


def test_the_whole_project_is_appraised_with_every_rubric_it_has_judgments_for() -> None:
    from evidence.appraise import appraise_project

    studies = load_studies(REPOSITORY / "studies.bib")
    results = appraise_project(REPOSITORY, studies)
    assert [r.rubric.id for r in results] == ["hoy-2012", "jbi-prevalence"]
    for result in results:
        assert set(result.appraisals.studies) == PREVALENCE_STUDIES
        assert result.agreement is not None
        assert result.agreement.reviewers == ("reviewer-a", "reviewer-b")
