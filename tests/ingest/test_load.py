"""Every kind of bad input: the exact code and line, and every good entry still read."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence import EvidenceInputError
from evidence.ingest import load_studies

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"


@pytest.mark.parametrize(
    ("name", "code", "line", "studies_read"),
    [
        ("missing_brace.bib", "unbalanced-braces", 6, 2),
        ("truncated.bib", "truncated-file", 11, 2),
        ("bad_value.bib", "unknown-value", 5, 2),
        ("duplicate_key.bib", "duplicate-key", 6, 2),
        ("empty_keys.bib", "missing-key", 1, 3),
        ("mendeley_repeated_empty.bib", "missing-key", 6, 2),
        ("duplicate_doi.bib", "duplicate-doi", 7, 2),
        ("duplicate_title.bib", "duplicate-title", 11, 3),
        ("bad_number.bib", "bad-number", 4, 2),
        ("bad_year.bib", "bad-year", 3, 2),
        ("macros.bib", "undefined-macro", 16, 2),
        ("stray_byte.bib", "undecodable-bytes", 5, 2),
        ("cp1252_undeclared.bib", "encoding-guessed", 1, 2),
        ("broken.ris", "ris-syntax", 8, 3),
        ("broken.ris", "unknown-value", 5, 3),
        ("broken.json", "json-syntax", 3, 2),
        ("broken.json", "csl-item-invalid", 5, 2),
        ("zotero.json", "missing-key", 12, 4),
        ("deeply_nested.json", "json-syntax", 3, 2),
        ("misspelled_field.bib", "unknown-field", 4, 1),
    ],
)
def test_bad_input_is_reported_at_its_line(
    name: str, code: str, line: int, studies_read: int
) -> None:
    studies = load_studies(DATA / name)
    found = [(i.code, i.line) for i in studies.issue_table]
    assert (code, line) in found
    assert len(studies) == studies_read
    row = next(i for i in studies.issue_table if i.code == code and i.line == line)
    assert row.file == str(DATA / name)
    assert row.message
    assert row.hint


def test_issue_frame_has_the_documented_columns() -> None:
    issues = load_studies(DATA / "bad_value.bib").issues
    assert list(issues.columns) == [
        "code",
        "severity",
        "file",
        "line",
        "key",
        "field",
        "value",
        "message",
        "hint",
    ]
    row = issues.iloc[0]
    assert (row["code"], row["line"], row["key"], row["field"], row["value"]) == (
        "unknown-value",
        5,
        "first",
        "sampling",
        "snowbal",
    )
    assert "did you mean 'snowball'" in row["message"]
    assert "respondent-driven" in row["hint"]


def test_good_file_has_no_issues_and_folds_synonyms() -> None:
    studies = load_studies(DATA / "good.bib")
    assert studies.issues.empty
    curtis = studies["curtis2008commercial"]
    assert (curtis.design, curtis.sampling, curtis.estimate) == (
        "cross-sectional-survey",
        "respondent-driven",
        3946.0,
    )
    edwards = studies["edwards2006prevalence"]
    assert (edwards.n, edwards.estimate, edwards.estimate_unit) == (13294, 3.5, "percent")
    assert edwards.peer_reviewed is True
    assert studies["lutnick2013meso"].n == 45
    assert studies["lutnick2013meso"].design == "case-series"
    assert studies["gozdziak2008data"].authors == ("Goździak, Elżbieta M.", "Bump, Micah N.")
    assert [s.line for s in studies] == [2, 16, 35, 47]


def test_duplicate_key_is_kept_under_a_derived_key_naming_both_lines() -> None:
    studies = load_studies(DATA / "duplicate_key.bib")
    assert studies.keys == ("smith2001", "smith2001-line6")
    assert studies["smith2001-line6"].original_key == "smith2001"
    issue = studies.issue_table.rows[0]
    assert "lines 1 and 6" in issue.hint


def test_empty_keys_get_readable_derived_keys() -> None:
    studies = load_studies(DATA / "empty_keys.bib")
    assert studies.keys == ("reid2012exploratory", "rafferty2013child", "kept")
    assert studies["reid2012exploratory"].original_key == ""


def test_macros_concatenation_and_months_are_resolved() -> None:
    study = load_studies(DATA / "macros.bib")["estes2001commercial"]
    assert study.venue == "University of Pennsylvania School of Social Work"
    assert study.note == "Revised February 2002"
    assert study.year == 2001
    assert ("month", "September") in study.extra


@pytest.mark.parametrize(
    "name", ["latin1_declared.bib", "utf16_bom.bib", "utf8_bom.bib", "cp1252_undeclared.bib"]
)
def test_encodings_are_read_as_declared_or_detected(name: str) -> None:
    studies = load_studies(DATA / name)
    assert studies[0].note == "Café à la crème, naïve résumé, Göttingen, Zürich, École"
    assert len(studies) == 2


def test_ris_export_with_bom_crlf_and_repeated_tags() -> None:
    studies = load_studies(DATA / "endnote_bom_crlf.ris")
    edwards = studies["edwards2006prevalence"]
    assert edwards.authors == ("Edwards, Jessica M.", "Iritani, Bonita J.", "Hallfors, Denise D.")
    assert (edwards.design, edwards.sampling, edwards.n, edwards.year) == (
        "cross-sectional-survey",
        "probability",
        13294,
        2006,
    )
    assert edwards.doi == "10.1136/sti.2006.020693"
    gragg = studies[1]
    assert gragg.sampling == "agency-known"
    assert gragg.line == 18
    # RIS has no citation keys by design: the derived key is only noted.
    assert [i.severity for i in studies.issue_table] == ["info"]


def test_csl_json_missing_ids_and_odd_dates() -> None:
    studies = load_studies(DATA / "zotero.json")
    assert studies[0].design == "narrative-review"
    assert studies[0].n == 42
    assert studies[1].year is None
    assert studies["odd-date"].year == 1999
    assert studies["raw-date"].year == 2004


def test_strict_raises_one_error_with_every_row() -> None:
    with pytest.raises(EvidenceInputError) as raised:
        load_studies(DATA / "missing_brace.bib", strict=True)
    assert [i.code for i in raised.value.issues] == ["unbalanced-braces"]
    assert "missing_brace.bib:6" in str(raised.value)


def test_missing_file_is_an_issue_not_an_exception() -> None:
    studies = load_studies(DATA / "no-such-file.bib")
    assert len(studies) == 0
    assert [i.code for i in studies.issue_table] == ["file-not-found"]


def test_several_files_share_one_key_space() -> None:
    studies = load_studies([DATA / "good.bib", DATA / "good.bib"])
    assert len(studies) == 8
    assert sum(i.code == "duplicate-key" for i in studies.issue_table) == 4


def test_input_files_are_never_changed(tmp_path: Path) -> None:
    for source in (p for p in DATA.iterdir() if p.is_file()):
        before = source.read_bytes()
        load_studies(source)
        assert source.read_bytes() == before


@pytest.mark.parametrize(
    ("name", "key", "year", "design", "sampling"),
    [
        ("zotero.ris", "edwards2006prevalence", 2006, "cross-sectional-survey", "probability"),
        ("ovid.ris", "curtis2008commercial", 2008, "cross-sectional-survey", "respondent-driven"),
        ("scopus_wos_lens.ris", "mitchell2010conceptualizing", 2010, None, None),
    ],
)
def test_reference_manager_ris_exports(
    name: str, key: str, year: int, design: str | None, sampling: str | None
) -> None:
    study = load_studies(DATA / name)[key]
    assert (study.year, study.design, study.sampling) == (year, design, sampling)
    assert study.title
    assert study.venue


def test_ovid_wrapped_title_is_one_value() -> None:
    study = load_studies(DATA / "ovid.ris")[0]
    assert study.title is not None
    assert study.title.endswith("New York City, size, characteristics, and needs")


def test_same_work_from_two_databases_is_reported_by_doi() -> None:
    studies = load_studies(DATA / "scopus_wos_lens.ris")
    assert len(studies) == 2
    doi = [i for i in studies.issue_table if i.code == "duplicate-doi"]
    assert [(i.line, i.value) for i in doi] == [(12, "10.1177/1077559509349443")]


@pytest.mark.parametrize(
    ("name", "text", "line", "hint"),
    [
        (
            "year.bib",
            "@book{a,\n  title = {A title},\n  year = {undated},\n}\n",
            3,
            "year = {2001}",
        ),
        ("year.ris", "TY  - JOUR\nTI  - A title\nPY  - undated\nER  - \n", 3, "PY  - 2001"),
        (
            "year.json",
            '[\n{"id": "a", "type": "book", "title": "A title",\n "issued": {"literal": "undated"}}\n]',
            2,
            '"issued": {"date-parts": [[2001]]}',
        ),
    ],
)
def test_hints_show_a_field_as_its_file_writes_it(
    tmp_path: Path, name: str, text: str, line: int, hint: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    rows = [i for i in load_studies(path).issue_table if i.code in ("bad-year", "missing-field")]
    assert [(r.line, r.field) for r in rows] == [(line, "year")]
    assert hint in rows[0].hint


def test_keyboard_slips_in_bibtex_are_named_and_the_rest_is_read() -> None:
    studies = load_studies(DATA / "entry_slips.bib")
    rows = [(i.code, i.line, i.key or "") for i in studies.issue_table if i.is_error]
    assert rows == [
        ("bibtex-syntax", 6, "lostat2002"),
        ("bibtex-syntax", 11, ""),
        ("bibtex-syntax", 17, "runon2004"),
    ]
    messages = [i.message for i in studies.issue_table if i.is_error]
    assert "without its '@'" in messages[0]
    assert "no comma after its key" in messages[1]
    assert "comma between them is missing" in messages[2]
    assert [s.key for s in studies] == ["first2001", "runon2004", "last2005"]
