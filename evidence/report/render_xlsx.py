"""Excel rendering through openpyxl: a sheet per table, styled header, frozen panes, no formulas."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from evidence.report.deterministic import normalise_office_zip
from evidence.report.render_csv import FORMULA_STARTS
from evidence.report.table import is_numeric_column

if TYPE_CHECKING:
    from evidence.report.table import ReportTable

HEADER_FILL = PatternFill("solid", fgColor="D9E2F3")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_title(name: str, taken: set[str]) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    base = _SHEET_FORBIDDEN.sub("-", name)[:31] or "table"
    title, number = base, 2
    while title.lower() in taken:
        suffix = f"-{number}"
        title = base[: 31 - len(suffix)] + suffix
        number += 1
    taken.add(title.lower())
    return title


def _write_cell(sheet: object, row: int, column: int, value: object) -> None:
    cell = sheet.cell(row=row, column=column)  # type: ignore[attr-defined]
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, bool | int | float):
        cell.value = value
        return
    # Control characters are not allowed in the file format; they are dropped, not refused.
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    cell.value = text
    if text.startswith(FORMULA_STARTS):
        # Stored as a string and marked quote-prefixed: Excel shows the text and never runs it,
        # not even after the cell is edited.
        cell.data_type = "s"
        cell.quotePrefix = True


def add_sheet(workbook: Workbook, table: ReportTable, taken: set[str]) -> None:
    sheet = workbook.create_sheet(sheet_title(table.name, taken))
    columns = list(table.frame.columns)
    _write_cell(sheet, 1, 1, table.caption)
    sheet.cell(row=1, column=1).font = Font(bold=True, size=12)
    for index, name in enumerate(columns, 1):
        _write_cell(sheet, 2, index, str(name))
        cell = sheet.cell(row=2, column=index)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    values = table.frame.astype(object).itertuples(index=False)
    for row_number, row in enumerate(values, 3):
        for index, value in enumerate(row, 1):
            _write_cell(sheet, row_number, index, value)
    after = len(table.frame) + 4
    for number, text in enumerate(table.caveats, 0):
        _write_cell(sheet, after + number, 1, f"{number + 1}. {text}")
        sheet.cell(row=after + number, column=1).font = Font(italic=True, size=9)
    sheet.freeze_panes = "A3"
    for index, name in enumerate(columns, 1):
        texts = [str(name), *(str(v) for v in table.frame[name].tolist()[:200])]
        width = min(60, max(8, *(len(t) for t in texts)) + 2)
        if is_numeric_column(table.frame, name):
            width = min(width, 14)
        sheet.column_dimensions[get_column_letter(index)].width = width


def tables_xlsx(tables: Iterable[ReportTable]) -> bytes:
    """One workbook, one sheet per table, in the order given."""
    chosen = list(tables)
    if not chosen:
        raise ValueError("a workbook needs at least one table")
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    for table in chosen:
        add_sheet(workbook, table, taken)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return normalise_office_zip(buffer.getvalue())
