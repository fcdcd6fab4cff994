"""PRISMA 2020 counts: from the screening fields, from prisma.csv, and the box equalities."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence.ingest import load_studies
from evidence.ingest.model import Studies
from evidence.report.prisma import check_flow, counts_from_studies, prisma_flow, read_prisma_csv

HERE = Path(__file__).resolve().parents[1] / "data" / "report" / "prisma"


@pytest.fixture(scope="module")
def studies() -> Studies:
    return load_studies(HERE / "studies.bib")


def test_every_box_is_counted_from_the_screening_fields(studies: Studies) -> None:
    counts, reasons, issues = counts_from_studies(studies)
    assert counts["database_results"] == 5
    assert counts["register_results"] == 1
    assert counts["duplicates"] == 1
    assert counts["records_screened"] == 5
    assert counts["records_excluded"] == 1
    assert counts["dbr_sought_reports"] == 4
    assert counts["dbr_notretrieved_reports"] == 1
    assert counts["dbr_assessed"] == 3
    assert counts["dbr_excluded"] == 1
    assert counts["website_results"] == 1
    assert counts["citations_results"] == 1
    assert counts["other_sought_reports"] == 2
    assert counts["other_assessed"] == 2
    assert counts["other_excluded"] == 1
    assert counts["new_studies"] == 3
    assert reasons["dbr_excluded"] == (("wrong population", 1),)
    assert reasons["other_excluded"] == (("reason not recorded", 1),)
    # The record with no identified_via is reported, not put in an arm silently.
    assert [(i.code, i.key) for i in issues] == [("prisma-unplaced-record", "noarm")]


def test_counts_from_the_bibliography_satisfy_every_equality(studies: Studies) -> None:
    flow = prisma_flow(studies)
    assert not [i for i in flow.issues if i.code == "prisma-mismatch"]
    assert flow["total_studies"] == 3


def test_contradicting_counts_name_both_boxes_and_both_numbers(studies: Studies) -> None:
    flow = prisma_flow(studies, HERE / "contradicting.csv")
    mismatches = {i.field: i for i in flow.issues if i.code == "prisma-mismatch"}
    # 120 + 0 - 20 = 100 identified after removal, but 90 screened.
    screened = mismatches["records_screened"]
    assert "records_screened is 90" in screened.message
    assert "gives 100" in screened.message
    assert "database_results = 120" in screened.message
    assert "duplicates = 20" in screened.message
    assert screened.file.endswith("contradicting.csv")
    assert screened.line == 5
    # 90 screened - 60 excluded = 30, but the bibliography has 4 reports sought.
    sought = mismatches["dbr_sought_reports"]
    assert "dbr_sought_reports is 4 (bibliography)" in sought.message
    assert "gives 30" in sought.message
    assert flow.has_errors


def test_bad_counts_are_errors_with_line_and_value_never_guessed(studies: Studies) -> None:
    read = read_prisma_csv(HERE / "bad-values.csv")
    by_value = {i.value: i for i in read.issues}
    assert by_value["97O8"].code == "prisma-bad-count"
    assert by_value["97O8"].line == 2
    assert by_value["-5"].code == "prisma-bad-count"
    assert by_value["-5"].line == 3
    assert "database_results" not in read.counts
    assert "duplicates" not in read.counts
    unknown = by_value["recods_screened"]
    assert unknown.code == "prisma-unknown-box"
    assert "records_screened" in unknown.hint
    # Reasons written the template's way are summed and kept.
    assert read.counts["dbr_excluded"] == 5
    assert read.reasons["dbr_excluded"] == (("Wrong population", 3), ("No estimate", 2))


def test_studies_differing_from_reports_is_a_warning_only() -> None:
    counts = dict.fromkeys(
        [
            "database_results",
            "register_results",
            "duplicates",
            "excluded_automatic",
            "excluded_other",
            "records_screened",
            "records_excluded",
            "dbr_sought_reports",
            "dbr_notretrieved_reports",
            "dbr_assessed",
            "dbr_excluded",
            "website_results",
            "organisation_results",
            "citations_results",
            "other_removed",
            "other_sought_reports",
            "other_notretrieved_reports",
            "other_assessed",
            "other_excluded",
            "previous_studies",
            "previous_reports",
        ],
        0,
    )
    counts.update(
        database_results=10,
        records_screened=10,
        dbr_sought_reports=10,
        dbr_assessed=10,
        new_reports=10,
        new_studies=8,
        total_studies=8,
        total_reports=10,
    )
    issues = check_flow(counts, dict.fromkeys(counts, "prisma.csv"))
    assert [(i.code, str(i.severity)) for i in issues] == [("prisma-studies-reports", "warning")]
    assert "new_studies is 8 but new_reports is 10" in issues[0].message


def test_the_bundled_project_counts_are_consistent() -> None:
    root = Path(__file__).resolve().parents[2]
    flow = prisma_flow(load_studies(root / "studies.bib"), root / "prisma.csv")
    assert not flow.has_errors, flow.issues.to_frame()
    assert flow["total_studies"] == sum(
        1 for s in load_studies(root / "studies.bib") if s.screening == "included"
    )
