import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from evidence.cli import app
from evidence.flag import audit, flag_claims, load_registry
from evidence.ingest.load import load_studies

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "flag"


@pytest.fixture(scope="module")
def flags() -> set[tuple[int, str, str | None, bool]]:
    result = flag_claims([DATA / "sample.txt"], load_studies(ROOT / "studies.bib"), load_registry())
    return {(f.line, f.code, f.source, f.acknowledged) for f in result}


def test_registry_figure_with_citation_and_shift(flags: set) -> None:  # type: ignore[type-arg]
    assert (3, "flawed-source", "estes-weiner-2001-at-risk", True) in flags
    assert (3, "measure-shift", "estes-weiner-2001-at-risk", True) in flags


def test_derived_origin_is_inherited(flags: set) -> None:  # type: ignore[type-arg]
    assert (7, "flawed-source", "ncmec-100000-children", False) in flags
    assert (7, "inherited", "ncmec2010briefing", False) in flags


def test_uncited_registry_figures_and_no_source(flags: set) -> None:  # type: ignore[type-arg]
    codes = {(line, code, source) for line, code, source, _ in flags}
    assert (8, "flawed-source", "bales-27-million") in codes
    assert (10, "flawed-source", "ilo-2005-32-billion") in codes
    assert (10, "flawed-source", "age-of-entry-12-14") in codes
    assert (11, "no-source", None) in codes


def test_better_studies_and_non_prevalence_counts_are_not_flagged() -> None:
    result = flag_claims([DATA / "sample.txt"], load_studies(ROOT / "studies.bib"), load_registry())
    texts = {f.text for f in result}
    # Curtis et al. 2008 cited for its own estimate; twelve laws passed
    assert not [t for t in texts if "3,946" in t or "12 laws" in t]


def test_weak_design_cited_as_prevalence(flags: set) -> None:  # type: ignore[type-arg]
    assert (12, "design-cannot-support", "lutnick2013meso", False) in flags


def test_appraisals_give_high_risk_source() -> None:
    result = flag_claims(
        [DATA / "claims.csv"],
        load_studies(ROOT / "studies.bib"),
        load_registry(),
        appraisals={"curtis2008commercial": "high"},
    )
    codes = {(f.code, f.source) for f in result}
    assert ("high-risk-source", "curtis2008commercial") in codes
    assert ("flawed-source", "ncmec-100000-children") in codes
    assert ("design-cannot-support", "lutnick2013meso") in codes


def test_flags_frame_has_the_contract_columns() -> None:
    result = flag_claims([DATA / "sample.txt"], None, load_registry())
    assert list(result.to_frame().columns) == [
        "file",
        "line",
        "page",
        "code",
        "source",
        "acknowledged",
        "figure",
        "explanation",
        "text",
    ]
    assert "<table" in result._repr_html_()


def test_audit_table_and_share(tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text(
        "Curtis et al. (2008) estimated 3,946 youth in New York City.\n", encoding="utf-8"
    )
    (tmp_path / "sample.txt").write_text(
        (DATA / "sample.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = audit([tmp_path], load_studies(ROOT / "studies.bib"), load_registry())
    frame = result.to_frame().set_index("file")
    assert not frame.loc[str(clean), "flawed_unacknowledged"]
    assert frame.loc[str(tmp_path / "sample.txt"), "flawed_unacknowledged"]
    assert result.summary() == {
        "texts": 2,
        "texts_using_flawed": 1,
        "texts_flawed_unacknowledged": 1,
        "share_flawed_unacknowledged": 0.5,
    }
    threaded = audit(
        [tmp_path], load_studies(ROOT / "studies.bib"), load_registry(), scheduler="threads"
    )
    assert threaded.to_frame().equals(result.to_frame())


def test_cli_flag_jsonl_and_strict() -> None:
    runner = CliRunner()
    args = [
        "flag",
        str(DATA / "sample.txt"),
        "--bib",
        str(ROOT / "studies.bib"),
        "--format",
        "jsonl",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert rows
    assert {
        "file",
        "line",
        "code",
        "source",
        "acknowledged",
        "text",
        "figure",
        "explanation",
    } <= set(rows[0])
    assert runner.invoke(app, [*args, "--strict"]).exit_code == 1


def test_cli_bad_input_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(app, ["flag", str(tmp_path / "none.txt")])
    assert missing.exit_code == 2
    assert "no such file" in missing.stderr
    odd = tmp_path / "a.xyz"
    odd.write_text("x", encoding="utf-8")
    unknown = runner.invoke(app, ["flag", str(odd)])
    assert unknown.exit_code == 1
    assert "Traceback" not in unknown.stderr
    shown = runner.invoke(app, ["rubrics", "flawed-sources", "--format", "csv"])
    assert shown.exit_code == 0
    assert "bales-27-million" in shown.stdout


def test_claim_table_problems_are_issue_rows(tmp_path: Path) -> None:
    no_columns = tmp_path / "bad.csv"
    no_columns.write_text("text,source\nx,y\n", encoding="utf-8")
    bad_page = tmp_path / "page.csv"
    bad_page.write_text(
        'claim,cites,page\n"There are 27 million slaves.",bales1999disposable,twelve\n',
        encoding="utf-8",
    )
    result = flag_claims([no_columns, bad_page], None, load_registry())
    issues = {(i.code, Path(i.file).name, i.line, i.value) for i in result.issues}
    assert ("claim-table-columns", "bad.csv", 1, "text,source") in issues
    assert ("claim-table-value", "page.csv", 2, "twelve") in issues
    # the row with a bad page is kept and flagged
    assert ("flawed-source", "bales-27-million") in {(f.code, f.source) for f in result}


def test_cli_claim_table_error_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("text,source\nx,y\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["flag", str(bad)])
    assert result.exit_code == 1
    assert "claim-table-columns" in result.stderr
    assert "Traceback" not in result.stderr


def test_texts_in_other_encodings_are_read_with_a_warning(tmp_path: Path) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes(
        "Caf\xe9 notes\n\nThere are 27 million slaves in the world, says the caf\xe9.\n".encode(
            "latin-1"
        )
    )
    result = flag_claims([latin], None, load_registry())
    assert [i.code for i in result.issues] == ["encoding-guessed"]
    assert {f.source for f in result} == {"bales-27-million"}
    assert "café" in result.rows[0].text


def test_cli_flag_reads_a_folder(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("There are 27 million slaves in the world.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["flag", str(tmp_path), "--format", "csv"])
    assert result.exit_code == 0
    assert "bales-27-million" in result.stdout
