"""Word and Excel files reopened and read cell by cell; hostile text comes out inert everywhere."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from openpyxl import load_workbook

from evidence.report.render_xlsx import tables_xlsx
from evidence.report.review import Review
from evidence.report.table import ReportTable, cell_text

HOSTILE = "<script>alert(1)</script> & 100% of_x =cmd()"


def hostile_table() -> ReportTable:
    frame = pd.DataFrame(
        {
            "title": [HOSTILE, "=cmd()", "+SUM(A1)", "-2+3", "@risk"],
            "n": [1, 2, 3, 4, 5],
        }
    )
    return ReportTable("hostile", f"Caption {HOSTILE}", frame, (f"Caveat {HOSTILE}",))


def test_html_escapes_every_cell_caption_and_caveat() -> None:
    html = hostile_table().to_html(standalone=True)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; 100% of_x =cmd()" in html
    assert "<script" not in html.lower().replace("&lt;script", "")


def test_latex_escapes_every_special_character() -> None:
    latex = hostile_table().to_latex()
    assert r"\textless{}script\textgreater{}" in latex
    assert r"\& 100\% of\_x =cmd()" in latex
    body = latex.replace(r"\&", "").replace(r"\%", "").replace(r"\_", "")
    lines = [line for line in body.splitlines() if "cmd()" in line]
    # Unescaped & would start a new column and % would comment the rest of the line out.
    assert all("%" not in line and "_" not in line for line in lines)


def test_csv_neutralises_formulas_but_keeps_numbers() -> None:
    table = ReportTable(
        "t", "c", pd.DataFrame({"a": ["=cmd()", "+SUM(A1)", "@risk", "-5", "+3.2"]})
    )
    assert table.to_csv().splitlines()[1:] == ["'=cmd()", "'+SUM(A1)", "'@risk", "-5", "+3.2"]


def test_markdown_cells_cannot_become_html() -> None:
    markdown = hostile_table().to_markdown()
    assert "<script>" not in markdown
    assert "&lt;script&gt;" in markdown


def test_xlsx_never_holds_a_formula_and_keeps_the_text() -> None:
    data = hostile_table().to_xlsx()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet_xml
    sheet = load_workbook(io.BytesIO(data)).active
    values = [sheet.cell(row=r, column=1) for r in range(3, 8)]
    assert [c.value for c in values] == [HOSTILE, "=cmd()", "+SUM(A1)", "-2+3", "@risk"]
    assert all(c.data_type == "s" for c in values)
    assert all(c.quotePrefix for c in values[1:])


def test_docx_is_a_real_table_with_every_cell(fixture_review: Review) -> None:
    table = next(t for t in fixture_review.tables if t.name == "characteristics")
    document = Document(io.BytesIO(table.to_docx()))
    assert document.sections[0].orientation == WD_ORIENT.LANDSCAPE  # nine columns: wide
    assert document.paragraphs[0].text == table.caption
    grid = document.tables[0]
    assert [c.text for c in grid.rows[0].cells] == list(table.columns)
    frame = table.to_frame()
    assert len(grid.rows) == len(frame) + 1
    for row_number, row in enumerate(frame.astype(object).itertuples(index=False), 1):
        assert [c.text for c in grid.rows[row_number].cells] == [cell_text(v) for v in row]
    notes = [p.text for p in document.paragraphs[1:]]
    assert notes == [f"{i}. {text}" for i, text in enumerate(table.caveats, 1)]


def test_narrow_docx_stays_portrait() -> None:
    table = ReportTable("t", "c", pd.DataFrame({"a": [1], "b": [2]}))
    assert Document(io.BytesIO(table.to_docx())).sections[0].orientation == WD_ORIENT.PORTRAIT


def test_xlsx_has_a_sheet_per_table_styled_header_and_frozen_panes(fixture_review: Review) -> None:
    tables = fixture_review.tables
    workbook = load_workbook(io.BytesIO(tables_xlsx(tables)))
    assert len(workbook.sheetnames) == len(tables)
    for table, name in zip(tables, workbook.sheetnames, strict=True):
        sheet = workbook[name]
        assert sheet.freeze_panes == "A3"
        assert sheet.cell(row=1, column=1).value == table.caption
        header = [sheet.cell(row=2, column=i + 1) for i in range(len(table.columns))]
        assert [c.value for c in header] == list(table.columns)
        assert all(c.font.bold for c in header)
        frame = table.to_frame()
        for r, row in enumerate(frame.astype(object).itertuples(index=False), 3):
            for c, value in enumerate(row, 1):
                got = sheet.cell(row=r, column=c).value
                expected = cell_text(value)
                assert ("" if got is None else cell_text(got)) == expected, (name, r, c)


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_office_files_are_byte_identical_on_rerun(fmt: str) -> None:
    table = hostile_table()
    assert table.render(fmt) == table.render(fmt)
    with zipfile.ZipFile(io.BytesIO(table.render(fmt))) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_sheet_names_are_made_valid_and_unique() -> None:
    tables = [ReportTable("a/b:c" + "x" * 40, "c", pd.DataFrame({"a": [1]}))] * 2
    names = load_workbook(io.BytesIO(tables_xlsx(tables))).sheetnames
    assert len(set(names)) == 2
    assert all(len(n) <= 31 and "/" not in n for n in names)


def test_control_characters_are_dropped_not_fatal_in_office_files() -> None:
    table = ReportTable(
        "t", "bell\x07 caption", pd.DataFrame({"a": ["ring\x07 bell"]}), ("note\x0b",)
    )
    document = Document(io.BytesIO(table.to_docx()))
    assert document.tables[0].rows[1].cells[0].text == "ring bell"
    assert document.paragraphs[0].text == "bell caption"
    sheet = load_workbook(io.BytesIO(table.to_xlsx())).active
    assert sheet.cell(row=3, column=1).value == "ring bell"
