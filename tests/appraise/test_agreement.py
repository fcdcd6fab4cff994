from __future__ import annotations

import math
from pathlib import Path

from evidence.appraise import STATISTICS, Rubric, agreement, load_judgments, read_judgments
from evidence.ingest import Studies
from tests.appraise.conftest import PROJECT


def test_agreement_per_item_and_overall(project_studies: Studies, hoy: Rubric) -> None:
    judgments = load_judgments(PROJECT, "hoy-2012", project_studies, hoy)
    result = agreement(judgments)
    frame = result.to_frame()
    assert list(frame["item"]) == ["1", "3", "11", "overall"]
    for name in STATISTICS:
        assert {name, f"{name}_low", f"{name}_high"} <= set(frame.columns)
    by_item = frame.set_index("item")
    # item 11: edwards low/moderate, mitchell moderate/moderate -> 1 of 2 agree
    assert by_item.loc["11", "percent_agreement"] == 0.5
    assert by_item.loc["11", "units"] == 2
    # the summary scale is ordinal: weighted kappa is given for it, not for the nominal items
    assert not math.isnan(by_item.loc["11", "weighted_kappa_linear"])
    assert math.isnan(by_item.loc["1", "weighted_kappa_linear"])
    # Fleiss' kappa is for more than two reviewers
    assert frame["fleiss_kappa"].isna().all()
    assert by_item.loc["overall", "units"] == 5


def test_disagreements_list_each_reviewer(project_studies: Studies, hoy: Rubric) -> None:
    judgments = load_judgments(PROJECT, "hoy-2012", project_studies, hoy)
    table = agreement(judgments).disagreements()
    assert list(table.columns[:3]) == ["study", "item", "question"]
    first = table.iloc[0]
    assert (first["study"], first["item"]) == ("edwards2006prevalence", "1")
    assert (first.alice_answer, first.bob_answer, first.consensus_answer) == ("yes", "no", "no")
    assert first.bob_support == "school-based sample misses out-of-school youth"
    assert len(table) == 4


def test_three_reviewers_get_fleiss_kappa(
    tmp_path: Path, project_studies: Studies, hoy: Rubric
) -> None:
    rows = {
        "r1": ["yes", "no", "no"],
        "r2": ["yes", "no", "insufficient"],
        "r3": ["yes", "insufficient", "no"],
    }
    studies = ["edwards2006prevalence", "mitchell2010conceptualizing", "estes2001commercial"]
    paths = []
    for name, answers in rows.items():
        path = tmp_path / f"{name}.csv"
        lines = ["study,item,answer,support"]
        lines += [f"{s},1,{a},reason" for s, a in zip(studies, answers, strict=True)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    result = agreement(read_judgments(paths, hoy, project_studies))
    item = result.to_frame().set_index("item").loc["1"]
    assert item["reviewers"] == 3
    assert not math.isnan(item["fleiss_kappa"])
    assert math.isnan(item["cohen_kappa"])
    formatted = result.formatted()
    assert "Fleiss' kappa" in formatted.columns
    assert "<table" in result._repr_html_()
