"""Invariants over any text: no cell, whatever it holds, can break out of its format."""

from __future__ import annotations

import csv
import html
import io
import re

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from evidence.report.render_csv import csv_cell
from evidence.report.render_latex import latex_escape
from evidence.report.table import ReportTable

texts = st.text(min_size=1, max_size=40)
_ESCAPES = re.compile(
    r"\\textbackslash\{\}|\\textasciitilde\{\}|\\textasciicircum\{\}|\\textless\{\}"
    r"|\\textgreater\{\}|\\[&%$#_{}]"
)


@settings(max_examples=60, deadline=None)
@given(texts)
def test_html_cells_unescape_to_the_text_and_hold_no_tag(text: str) -> None:
    fragment = ReportTable("t", "c", pd.DataFrame({"a": [text]})).to_html()
    cell = re.search(r"<td>(.*?)</td>", fragment, flags=re.DOTALL)
    assert cell is not None
    assert "<" not in cell.group(1)
    assert html.unescape(cell.group(1)) == text


@settings(max_examples=60, deadline=None)
@given(texts)
def test_latex_escaping_leaves_no_special_character_live(text: str) -> None:
    escaped = latex_escape(text)
    assert not re.search(r"[\\&%$#_{}~^<>]", _ESCAPES.sub("", escaped))


@settings(max_examples=60, deadline=None)
@given(texts)
def test_csv_reads_back_as_the_neutralised_text(text: str) -> None:
    written = ReportTable("t", "c", pd.DataFrame({"a": [text]})).to_csv()
    rows = list(csv.reader(io.StringIO(written, newline="")))
    assert rows[1] == [csv_cell(text)]
    # Only line ends and a leading apostrophe may differ from the text.
    same_lines = text.replace("\r\n", "\n").replace("\r", "\n")
    assert csv_cell(text) in (same_lines, "'" + same_lines)


@settings(max_examples=25, deadline=None)
@given(texts)
def test_xlsx_keeps_any_text_as_text(text: str) -> None:
    data = ReportTable("t", "c", pd.DataFrame({"a": [text]})).to_xlsx()
    cell = load_workbook(io.BytesIO(data)).active.cell(row=3, column=1)
    kept = ILLEGAL_CHARACTERS_RE.sub("", text)
    if kept:
        assert cell.value == kept
        assert cell.data_type == "s"
