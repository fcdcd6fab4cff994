"""Word rendering through python-docx: a real table, landscape pages when the table is wide."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from evidence.report.deterministic import normalise_office_zip
from evidence.report.table import cell_text, is_numeric_column

if TYPE_CHECKING:
    from evidence.report.table import ReportTable


def _landscape(document: object) -> None:
    section = document.sections[0]  # type: ignore[attr-defined]
    width, height = section.page_width, section.page_height
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = max(width, height), min(width, height)


def _repeat_header(row: object) -> None:
    # Word repeats a row marked tblHeader at the top of every page the table runs onto.
    properties = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)


def add_table(document: object, table: ReportTable) -> None:
    """Append the caption, the table and its caveats to an open python-docx document."""
    doc = document
    doc.add_paragraph(table.caption, style="Caption")  # type: ignore[attr-defined]
    columns = list(table.frame.columns)
    numeric = [is_numeric_column(table.frame, c) for c in columns]
    grid = doc.add_table(rows=1, cols=len(columns))  # type: ignore[attr-defined]
    grid.style = "Table Grid"
    header = grid.rows[0]
    _repeat_header(header)
    for cell, name in zip(header.cells, columns, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(str(name))
        run.bold = True
    for row in table.frame.astype(object).itertuples(index=False):
        cells = grid.add_row().cells
        for cell, value, is_num in zip(cells, row, numeric, strict=True):
            cell.text = cell_text(value)
            if is_num:
                cell.paragraphs[0].alignment = 2  # right
    for row in grid.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(8 if table.is_wide else 9)
    for number, text in enumerate(table.caveats, 1):
        note = doc.add_paragraph(f"{number}. {text}")  # type: ignore[attr-defined]
        for run in note.runs:
            run.font.size = Pt(8)


def table_docx(table: ReportTable) -> bytes:
    document = Document()
    if table.is_wide:
        _landscape(document)
    add_table(document, table)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_office_zip(buffer.getvalue())
