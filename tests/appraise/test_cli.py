from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from evidence.cli import app
from tests.appraise.conftest import PROJECT

runner = CliRunner()


def test_rubrics_lists_the_five_tools() -> None:
    result = runner.invoke(app, ["rubrics", "--format", "csv"])
    assert result.exit_code == 0
    ids = [row["id"] for row in csv.DictReader(io.StringIO(result.stdout))]
    assert ids == ["axis", "casp-qualitative", "hoy-2012", "jbi-prevalence", "mmat-2018"]


def test_rubrics_shows_one_with_items_and_citation() -> None:
    result = runner.invoke(app, ["rubrics", "axis"])
    assert result.exit_code == 0
    assert "Downes MJ" in result.stdout
    items = json.loads(runner.invoke(app, ["rubrics", "axis", "--format", "json"]).stdout)
    assert len(items) == 20
    assert [i["item"] for i in items if i["reverse_keyed"]] == ["13", "19"]


def test_an_unknown_rubric_is_an_input_error_with_a_suggestion() -> None:
    result = runner.invoke(app, ["rubrics", "jbi-prevalance"])
    assert result.exit_code == 1
    assert "did you mean 'jbi-prevalence'" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_appraise_reports_bad_rows_and_prints_good_ones() -> None:
    result = runner.invoke(
        app, ["appraise", str(PROJECT), "--rubric", "hoy-2012", "--format", "csv"]
    )
    assert result.exit_code == 1  # the fixture has bad judgment rows
    assert "alice.csv:9: error:" in result.stderr
    assert "judgment-bad-answer" in result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    studies = {r["study"] for r in rows}
    assert studies == {"edwards2006prevalence", "mitchell2010conceptualizing"}
    sources = {(r["study"], r["item"]): r["source"] for r in rows}
    assert sources[("edwards2006prevalence", "1")] == "consensus"


def test_appraise_writes_robvis() -> None:
    result = runner.invoke(
        app, ["appraise", str(PROJECT), "--rubric", "hoy-2012", "--format", "robvis"]
    )
    assert result.stdout.splitlines()[0].startswith("Study,D1,")


def test_appraise_needs_a_rubric_and_a_project() -> None:
    assert runner.invoke(app, ["appraise", str(PROJECT)]).exit_code == 2
    missing = runner.invoke(app, ["appraise", str(PROJECT / "nowhere"), "--rubric", "axis"])
    assert missing.exit_code == 2
    assert "no such project folder" in missing.stderr
    rule = runner.invoke(
        app,
        [
            "appraise",
            str(PROJECT),
            "--rubric",
            "hoy-2012",
            "--view",
            "overall",
            "--overall-rule",
            "x",
        ],
    )
    assert rule.exit_code == 2
    assert "high-count" in rule.stderr


def test_agreement_statistics_and_disagreements() -> None:
    result = runner.invoke(
        app, ["agreement", str(PROJECT), "--rubric", "hoy-2012", "--format", "json"]
    )
    assert result.exit_code == 1  # bad rows in the fixture, reported on stderr
    rows = json.loads(result.stdout)
    assert rows[-1]["item"] == "overall"
    assert "cohen_kappa_low" in rows[-1]
    disagreements = runner.invoke(
        app,
        [
            "agreement",
            str(PROJECT),
            "--rubric",
            "hoy-2012",
            "--view",
            "disagreements",
            "--format",
            "csv",
        ],
    )
    header = disagreements.stdout.splitlines()[0]
    assert header.startswith("study,item,question,alice_answer,alice_support,bob_answer")


def test_agreement_needs_two_reviewers() -> None:
    result = runner.invoke(app, ["agreement", str(PROJECT), "--rubric", "axis"])
    assert result.exit_code == 1
    assert "needs two or more" in result.stderr
