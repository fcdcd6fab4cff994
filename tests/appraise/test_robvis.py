from __future__ import annotations

from pathlib import Path

from evidence.appraise import Rubric, appraise, load_judgments, read_judgments
from evidence.ingest import Studies
from tests.appraise.conftest import PROJECT


def test_robvis_round_trip(tmp_path: Path, project_studies: Studies, hoy: Rubric) -> None:
    judgments = load_judgments(PROJECT, "hoy-2012", project_studies, hoy)
    first = appraise(project_studies, hoy, judgments)
    exported = first.to_robvis()
    lines = exported.splitlines()
    assert lines[0] == "Study," + ",".join(f"D{n}" for n in range(1, 11)) + ",Overall"
    assert lines[1].startswith("estes2001commercial,")
    path = tmp_path / "from-robvis.csv"
    path.write_text(exported, encoding="utf-8")
    imported = read_judgments([path], hoy, project_studies)
    assert len(imported.issue_table) == 0
    again = appraise(project_studies, hoy, imported)
    assert again.to_robvis() == exported
    # every item keeps its risk; answers that share a risk come back as the first of them
    before = first.to_frame().set_index(["study", "item"])
    after = again.to_frame().set_index(["study", "item"])
    drawn = before.index[before["risk"] != ""]
    assert (after.loc[drawn, "risk"] == before.loc[drawn, "risk"]).all()
    changed = before.loc[drawn][after.loc[drawn, "answer"] != before.loc[drawn, "answer"]]
    assert set(changed["answer"]) <= {"insufficient"}
    mitchell = imported.by("from-robvis")
    assert mitchell[("mitchell2010conceptualizing", "11")].answer == "moderate"
    assert mitchell[("edwards2006prevalence", "3")].answer == "yes"
    assert "robvis" in mitchell[("edwards2006prevalence", "3")].support


def test_robvis_cells_are_checked(tmp_path: Path, project_studies: Studies, hoy: Rubric) -> None:
    header = "Study," + ",".join(f"D{n}" for n in range(1, 11)) + ",Overall,Weight\n"
    path = tmp_path / "rob.csv"
    path.write_text(
        header
        + "edwards2006prevalence,Low,Low,Low,High,Low,Low,Unclear,,Low,Low,Some concerns,1\n"
        + "edwards2006prevalence,Hgih,,,,,,,,,,,1\n"
        + "nobody1999,Low,,,,,,,,,,,1\n",
        encoding="utf-8",
    )
    judgments = read_judgments([path], hoy, project_studies)
    answers = judgments.by("rob")
    assert answers[("edwards2006prevalence", "4")].answer == "no"
    assert answers[("edwards2006prevalence", "7")].answer == "insufficient"
    assert answers[("edwards2006prevalence", "11")].answer == "moderate"
    codes = [(i.code, i.line) for i in judgments.issue_table]
    assert ("judgment-bad-answer", 3) in codes
    assert ("judgment-unknown-study", 4) in codes


def test_robvis_columns_must_match(tmp_path: Path, project_studies: Studies, hoy: Rubric) -> None:
    path = tmp_path / "short.csv"
    path.write_text("Study,D1,D2,Overall\nedwards2006prevalence,Low,Low,Low\n", encoding="utf-8")
    judgments = read_judgments([path], hoy, project_studies)
    (issue,) = judgments.issue_table
    assert issue.code == "robvis-columns"
    assert "D10" in issue.hint
