"""Every judgement is validated before it is drawn; typos are errors, never guesses."""

from __future__ import annotations

from pathlib import Path

from evidence.report.judgements import DEFAULT_SCALE, match_judgement, read_judgement_csv

ROBVIS = Path(__file__).resolve().parents[1] / "data" / "report" / "robvis.csv"


def test_a_typo_is_an_error_naming_file_line_and_closest_value() -> None:
    grid = read_judgement_csv(ROBVIS)
    typo = next(i for i in grid.issues if i.value == "Hgih")
    assert typo.code == "unknown-judgement"
    assert str(typo.severity) == "error"
    assert typo.file.endswith("robvis.csv")
    assert typo.line == 4
    assert "closest allowed value: 'high'" in typo.hint
    # Drawn as not assessed: robvis would draw it as High.
    assert grid.frame.loc["Study three", "Selection"] == "not-assessed"


def test_a_blank_judgement_is_reported_not_drawn_as_a_value() -> None:
    grid = read_judgement_csv(ROBVIS)
    blank = next(i for i in grid.issues if i.code == "missing-judgement")
    assert (blank.line, blank.field) == (5, "Measurement")
    assert grid.frame.loc["Study four", "Measurement"] == "not-assessed"


def test_an_overall_judgement_against_the_worst_domain_rule_is_a_warning(tmp_path: Path) -> None:
    table = tmp_path / "judgements.csv"
    table.write_text("Study,D1,D2,Overall\nA,Low,High,Low\nB,Low,Low,Low\n", encoding="utf-8")
    grid = read_judgement_csv(table)
    warnings = [i for i in grid.issues if i.code == "overall-contradicts-rule"]
    assert [(w.line, str(w.severity)) for w in warnings] == [(2, "warning")]
    assert "'high'" in warnings[0].hint


def test_judgements_match_on_case_and_spacing_only_never_on_a_prefix() -> None:
    assert match_judgement("  HIGH ", DEFAULT_SCALE) == "high"
    assert match_judgement("Some_concerns", DEFAULT_SCALE) == "moderate"
    assert match_judgement("H", DEFAULT_SCALE) is None
    assert match_judgement("Hgih", DEFAULT_SCALE) is None


def test_weights_are_read_for_the_weighted_summary() -> None:
    grid = read_judgement_csv(ROBVIS)
    assert grid.weights is not None
    assert grid.weights["Study three"] == 300
