"""Word rendering through python-docx: a real table, landscape pages when the table is wide.

The table's rows are built as one piece of WordprocessingML and parsed once: adding cells one
by one through python-docx takes quadratic time, too slow for tables of thousands of rows.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt

from evidence.report.deterministic import normalise_office_zip
from evidence.report.table import cell_text, is_numeric_column

if TYPE_CHECKING:
    from evidence.report.table import ReportTable

# Characters XML 1.0 does not allow; a cell holding one would make the file unreadable.
_NOT_XML = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))


def _landscape(document: Any) -> None:
    section = document.sections[0]
    width, height = section.page_width, section.page_height
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = max(width, height), min(width, height)


def _cell_xml(text: str, bold: bool, right: bool, half_points: int) -> str:
    run_properties = f'<w:rPr>{"<w:b/>" if bold else ""}<w:sz w:val="{half_points}"/></w:rPr>'
    paragraph_properties = '<w:pPr><w:jc w:val="right"/></w:pPr>' if right else ""
    lines = escape(text.translate(_NOT_XML)).replace("\r\n", "\n").split("\n")
    runs = "<w:br/>".join(f'<w:t xml:space="preserve">{line}</w:t>' for line in lines)
    return f"<w:tc><w:p>{paragraph_properties}<w:r>{run_properties}{runs}</w:r></w:p></w:tc>"


def table_xml(table: ReportTable) -> str:
    """The WordprocessingML of the table: grid style, header row repeated on every page."""
    columns = list(table.frame.columns)
    numeric = [is_numeric_column(table.frame, c) for c in columns]
    size = 16 if table.is_wide else 18  # half-points: 8 pt or 9 pt
    header = "".join(_cell_xml(str(c), True, False, size) for c in columns)
    rows = [f'<w:tr><w:trPr><w:tblHeader w:val="true"/></w:trPr>{header}</w:tr>']
    for row in table.frame.astype(object).itertuples(index=False):
        cells = "".join(
            _cell_xml(cell_text(v), False, is_num, size)
            for v, is_num in zip(row, numeric, strict=True)
        )
        rows.append(f"<w:tr>{cells}</w:tr>")
    grid = "".join("<w:gridCol/>" for _ in columns)
    return (
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        '<w:tblW w:w="5000" w:type="pct"/><w:tblLook w:val="04A0" w:firstRow="1"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def add_table(document: Any, table: ReportTable) -> None:
    """Append the caption, the table and its caveats to an open python-docx document."""
    document.add_paragraph(table.caption.translate(_NOT_XML), style="Caption")
    # An empty python-docx table first, so the document's styles know the grid style.
    placeholder = document.add_table(rows=0, cols=max(1, len(table.frame.columns)))
    placeholder.style = "Table Grid"
    style_id = placeholder._tbl.tblPr.find(f"{{{_W}}}tblStyle").get(f"{{{_W}}}val")
    built = parse_xml(table_xml(table).replace('w:val="TableGrid"', f'w:val="{style_id}"', 1))
    placeholder._tbl.getparent().replace(placeholder._tbl, built)
    for number, text in enumerate(table.caveats, 1):
        note = document.add_paragraph(f"{number}. {text}".translate(_NOT_XML))
        for run in note.runs:
            run.font.size = Pt(8)


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def table_docx(table: ReportTable) -> bytes:
    document = Document()
    if table.is_wide:
        _landscape(document)
    add_table(document, table)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_office_zip(buffer.getvalue())
