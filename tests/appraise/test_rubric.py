from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from evidence.appraise import (
    REGISTRY_FILE_NAME,
    RubricError,
    available_rubrics,
    load_rubric,
    read_rubric_file,
)
from evidence.appraise.rubric import Risk
from evidence.resources import builtin_rubric_dir
from tests.appraise.conftest import DATA, PROJECT, REPOSITORY, SHARED

TOOLS = ("axis", "casp-qualitative", "hoy-2012", "jbi-prevalence", "mmat-2018")


def test_builtin_dir_is_the_checkout_rubrics_folder() -> None:
    assert builtin_rubric_dir() == REPOSITORY / "rubrics"


RUBRIC_FILES = sorted(
    p for p in (REPOSITORY / "rubrics").glob("*.yaml") if p.name != REGISTRY_FILE_NAME
)


@pytest.mark.parametrize("path", RUBRIC_FILES, ids=str)
def test_every_rubric_file_validates(path: Path) -> None:
    rubric = read_rubric_file(path)
    assert rubric.id == path.stem
    assert rubric.citation
    assert rubric.applies_to
    # safe YAML only: the file is plain data
    assert isinstance(yaml.safe_load(path.read_text(encoding="utf-8")), dict)


def test_the_five_tools_are_listed() -> None:
    assert [r.id for r in available_rubrics()] == list(TOOLS)


def test_hoy_has_ten_items_and_a_summary() -> None:
    hoy = load_rubric("hoy-2012")
    sizes = {d.id: len(d.items) for d in hoy.domains}
    assert sizes == {"external": 4, "internal": 6, "summary": 1}
    assert hoy.overall.kind == "item"
    assert hoy.overall.item == "11"
    assert hoy.scale.get("insufficient").risk is Risk.HIGH
    assert hoy.scale_for("11").ordinal
    convention = hoy.rule("high-count")
    assert not convention.endorsed
    assert "not Hoy" in convention.note


def test_the_other_tools_have_their_published_shape() -> None:
    jbi = load_rubric("jbi-prevalence")
    assert len(jbi.items) == 9
    assert [a.label for a in jbi.scale.answers] == ["Yes", "No", "Unclear", "Not applicable"]
    mmat = load_rubric("mmat-2018")
    assert [len(d.items) for d in mmat.domains] == [2, 5, 5, 5, 5, 5]
    assert mmat.overall.kind == "none"
    assert [a.label for a in mmat.scale.answers] == ["Yes", "No", "Can't tell"]
    axis = load_rubric("axis")
    assert len(axis.items) == 20
    assert [i.id for i in axis.items if i.reverse_keyed] == ["13", "19"]
    assert axis.answer_risk("13", "yes") is Risk.HIGH
    assert axis.answer_risk("12", "yes") is Risk.LOW
    casp = load_rubric("casp-qualitative")
    assert len(casp.items) == 10
    assert casp.overall.kind == "none"


def test_mmat_categories_follow_the_design() -> None:
    mmat = load_rubric("mmat-2018")
    survey = [i.id for i in mmat.items_for("cross-sectional-survey")]
    assert survey == ["S1", "S2", "4.1", "4.2", "4.3", "4.4", "4.5"]
    assert [i.id for i in mmat.items_for("qualitative-interviews")][2:] == [
        "1.1",
        "1.2",
        "1.3",
        "1.4",
        "1.5",
    ]
    # item 5.5: a mixed-methods study's components are appraised in their own categories too
    mixed = {i.id.split(".")[0] for i in mmat.items_for("mixed-methods")}
    assert mixed == {"S1", "S2", "1", "2", "3", "4", "5"}


def test_mmat_mixed_methods_study_takes_answers_in_its_component_categories(
    tmp_path: Path,
) -> None:
    from evidence import load_studies
    from evidence.appraise import appraise, load_judgments

    bib = tmp_path / "studies.bib"
    bib.write_text(
        "@article{mixed2019,\n  title = {A mixed study},\n  year = {2019},\n"
        "  design = {mixed-methods},\n  sampling = {convenience},\n}\n",
        encoding="utf-8",
    )
    folder = tmp_path / "appraisals" / "mmat-2018"
    folder.mkdir(parents=True)
    (folder / "ana.csv").write_text(
        "study,item,answer,support\n"
        "mixed2019,1.1,yes,interviews answer the question\n"
        "mixed2019,4.1,no,no sampling strategy stated\n"
        "mixed2019,5.1,yes,integration stated\n",
        encoding="utf-8",
    )
    studies = load_studies(bib)
    mmat = load_rubric("mmat-2018")
    judgments = load_judgments(tmp_path, "mmat-2018", studies, mmat)
    assert len(judgments.issue_table) == 0
    frame = appraise(studies, mmat, judgments).to_frame().set_index("item")
    assert [frame.loc[i, "answer"] for i in ("1.1", "4.1", "5.1")] == ["yes", "no", "yes"]
    # the descriptive-sampling rule is for descriptive designs, not a mixed study's sample
    assert frame.loc["4.2", "answer"] == ""


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared reference folder is absent")
def test_wording_matches_the_collected_items() -> None:
    tools = json.loads((SHARED / "reference" / "appraisal-tools" / "items.json").read_text())[
        "tools"
    ]
    for name, rubric_id in [
        ("hoy_2012", "hoy-2012"),
        ("jbi_prevalence", "jbi-prevalence"),
        ("mmat_2018", "mmat-2018"),
        ("axis", "axis"),
        ("casp_qualitative", "casp-qualitative"),
    ]:
        rubric = load_rubric(rubric_id)
        collected = {i["id"]: " ".join(i["text"].split()) for i in tools[name]["items"]}
        ours = {i.id: " ".join(i.question.split()) for i in rubric.items}
        assert ours == collected, rubric_id


def test_project_rubrics_add_to_the_builtins() -> None:
    ids = [r.id for r in available_rubrics(PROJECT)]
    assert "worst-domain-test" in ids
    assert "hoy-2012" in ids
    assert load_rubric("worst-domain-test", PROJECT).overall.kind == "worst-domain"


def test_a_project_rubric_with_a_builtin_id_takes_its_place(tmp_path: Path) -> None:
    (tmp_path / "rubrics").mkdir()
    text = (REPOSITORY / "rubrics" / "axis.yaml").read_text(encoding="utf-8")
    (tmp_path / "rubrics" / "axis.yaml").write_text(
        text.replace('version: "2016"', 'version: "pinned"'), encoding="utf-8"
    )
    assert load_rubric("axis", tmp_path).version == "pinned"
    assert load_rubric("axis").version == "2016"


def test_the_registry_file_is_not_read_as_a_rubric(tmp_path: Path) -> None:
    (tmp_path / "rubrics").mkdir()
    (tmp_path / "rubrics" / REGISTRY_FILE_NAME).write_text("schema_version: 1\nentries: []\n")
    assert len(available_rubrics(tmp_path)) == len(TOOLS)


def test_a_broken_rubric_gives_issue_rows_with_lines() -> None:
    with pytest.raises(RubricError) as caught:
        read_rubric_file(DATA / "rubrics" / "broken.yaml")
    frame = caught.value.issues.to_frame()
    assert set(frame["code"]) == {"rubric-invalid"}
    messages = " ".join(frame["message"])
    assert "colour" in messages
    assert "risk" in messages
    assert "randomish" in messages
    assert frame["line"].notna().all()


def test_a_file_that_is_not_yaml_is_reported() -> None:
    with pytest.raises(RubricError) as caught:
        read_rubric_file(DATA / "rubrics" / "not-yaml.yaml")
    (issue,) = caught.value.issues
    assert issue.code == "rubric-invalid"
    assert issue.line in (2, 3)
    assert "\n" not in issue.message


def test_an_unknown_id_names_the_closest_rubric() -> None:
    with pytest.raises(RubricError) as caught:
        load_rubric("hoy-2021")
    (issue,) = caught.value.issues
    assert issue.code == "rubric-not-found"
    assert "hoy-2012" in issue.hint


def test_a_rubric_is_read_from_an_installed_layout(tmp_path: Path) -> None:
    # the wheel carries the folder as evidence/_bundled/rubrics; reading from a copy works alike
    copy = tmp_path / "rubrics"
    shutil.copytree(REPOSITORY / "rubrics", copy)
    assert read_rubric_file(copy / "jbi-prevalence.yaml").id == "jbi-prevalence"
