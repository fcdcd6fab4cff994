"""Golden files for every table of the fixture review in every text format."""

from __future__ import annotations

import os

import pandas as pd
import pytest

from evidence.report.review import Review
from evidence.report.table import ReportTable

from .conftest import GOLDEN

TEXT_FORMATS = {"csv": ".csv", "markdown": ".md", "latex": ".tex", "html": ".html"}
EXPECTED_TABLES = {
    "characteristics",
    "excluded-studies",
    "prisma",
    "appraisal-hoy-2012",
    "appraisal-hoy-2012-support",
    "agreement-hoy-2012",
    "disagreements-hoy-2012",
    "flagged-claims",
    "audit",
}


def test_the_fixture_review_has_every_kind_of_table(fixture_review: Review) -> None:
    assert {t.name for t in fixture_review.tables} == EXPECTED_TABLES


@pytest.mark.parametrize("fmt", sorted(TEXT_FORMATS))
@pytest.mark.parametrize("name", sorted(EXPECTED_TABLES))
def test_table_matches_its_golden_file(fixture_review: Review, name: str, fmt: str) -> None:
    table = next(t for t in fixture_review.tables if t.name == name)
    rendered = table.render(fmt).decode("utf-8")
    golden = GOLDEN / f"{name}{TEXT_FORMATS[fmt]}"
    if os.environ.get("EVIDENCE_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(rendered, encoding="utf-8")
    assert golden.is_file(), f"no golden file {golden}; run with EVIDENCE_UPDATE_GOLDEN=1 once"
    assert rendered == golden.read_text(encoding="utf-8")


def test_a_table_cannot_be_changed_from_outside() -> None:
    frame = pd.DataFrame({"a": [1, 2]})
    table = ReportTable("t", "caption", frame, ("note",))
    frame.loc[0, "a"] = 99
    copy = table.to_frame()
    copy.loc[1, "a"] = 77
    assert table.to_frame()["a"].tolist() == [1, 2]
    with pytest.raises(AttributeError):
        table.caption = "other"  # type: ignore[misc]


def test_caveats_are_numbered_under_the_table_in_every_text_format() -> None:
    table = ReportTable("t", "Cap", pd.DataFrame({"a": ["x"]}), ("first", "second"))
    assert "1. first\n2. second" in table.to_markdown()
    assert "<li>first</li>\n<li>second</li>" in table.to_html()
    assert r"\textsuperscript{2}\,second" in table.to_latex()


def test_long_tables_become_longtables_with_a_repeated_header() -> None:
    long = ReportTable("long", "Long", pd.DataFrame({"n": range(40)}))
    short = ReportTable("short", "Short", pd.DataFrame({"n": range(3)}))
    assert r"\begin{longtable}" in long.to_latex()
    assert r"\endhead" in long.to_latex()
    assert r"\begin{tabular}" in short.to_latex()
    assert "longtable" not in short.to_latex()
    assert r"\toprule" in short.to_latex()
    assert r"\bottomrule" in short.to_latex()


def test_few_rows_of_long_text_also_break_across_pages() -> None:
    notes = ["a note of some length " * 12] * 8
    wordy = ReportTable("wordy", "Wordy", pd.DataFrame({"key": list("abcdefgh"), "notes": notes}))
    assert r"\begin{longtable}" in wordy.to_latex()
    brief = ReportTable(
        "brief", "Brief", pd.DataFrame({"key": list("abcdefgh"), "notes": ["x"] * 8})
    )
    assert "longtable" not in brief.to_latex()


def test_missing_values_are_empty_and_whole_numbers_have_no_decimals() -> None:
    frame = pd.DataFrame({"n": pd.array([3946, None], dtype="Int64"), "x": [1.0, float("nan")]})
    table = ReportTable("t", "c", frame)
    assert table.to_csv() == "n,x\n3946,1\n,\n"
