"""The command-line contract: formats, exit codes, and never a traceback for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from evidence.cli import app

DATA = Path(__file__).resolve().parent / "data"
INGEST = DATA / "ingest"
BAD_INPUTS = sorted(p for p in INGEST.iterdir() if p.is_file() and p.name != "good.bib")
# Every command that takes a file, run on every bad fixture.
FILE_COMMANDS: list[list[str]] = [
    ["check"],
    ["check", "--format", "json"],
    ["studies"],
    ["studies", "--format", "csv"],
    ["studies", "--format", "json"],
    ["studies", "--format", "md"],
]

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"evidence {' '.join(args)} raised {result.exception!r}")
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("command", FILE_COMMANDS, ids=" ".join)
@pytest.mark.parametrize("bad", BAD_INPUTS, ids=lambda p: p.name)
def test_no_traceback_on_bad_input(command: list[str], bad: Path) -> None:
    code, out, err = invoke(command[0], str(bad), *command[1:])
    assert "Traceback" not in out + err
    assert code in (0, 1)


def test_check_json_lists_issues_with_line_code_severity_message() -> None:
    code, out, _ = invoke("check", str(INGEST / "missing_brace.bib"), "--format", "json")
    assert code == 1
    rows = json.loads(out)
    assert rows[0]["line"] == 6
    assert rows[0]["code"] == "unbalanced-braces"
    assert rows[0]["severity"] == "error"
    assert rows[0]["message"]


def test_check_good_file_prints_empty_list_and_exits_0() -> None:
    code, out, _ = invoke("check", str(INGEST / "good.bib"), "--format", "json")
    assert (code, json.loads(out)) == (0, [])


def test_studies_lists_the_good_entries_beside_a_broken_one() -> None:
    code, out, err = invoke("studies", str(INGEST / "missing_brace.bib"), "--format", "csv")
    assert code == 1
    assert out.splitlines()[0].startswith("key,")
    assert [line.split(",")[0] for line in out.splitlines()[1:]] == ["first", "third"]
    assert "missing_brace.bib:6" in err


def test_studies_markdown_matches_golden(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(INGEST)
    code, out, _ = invoke("studies", "good.bib", "--format", "md")
    assert code == 0
    assert out == (INGEST / "golden" / "studies.md").read_text("utf-8")


@pytest.mark.parametrize(
    "args",
    [
        ["studies", str(INGEST / "good.bib"), "--format", "jsonl"],
        ["check", str(INGEST / "good.bib"), "--format", "csv"],
        ["check", str(INGEST / "no-such.bib")],
        ["check", str(INGEST)],
        ["studies", str(INGEST / "good.bib"), "--input-format", "endnote"],
        ["no-such-command"],
    ],
)
def test_usage_errors_exit_2_without_traceback(args: list[str]) -> None:
    code, out, err = invoke(*args)
    assert code == 2
    assert "Traceback" not in out + err
