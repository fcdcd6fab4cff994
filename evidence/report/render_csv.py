"""CSV rendering: the frame only (CSV has no place for a caption or caveats)."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from evidence.report.table import cell_text

if TYPE_CHECKING:
    from evidence.report.table import ReportTable

#: A text cell starting with one of these is read as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(text: str) -> str:
    """Prefix an apostrophe to text a spreadsheet would run as a formula (``=cmd()``).

    Plain numbers such as ``-5`` or ``+3.2`` are left alone: they are values, not formulas.
    """
    if text.startswith(FORMULA_STARTS) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return True


def csv_cell(text: str) -> str:
    """A neutralised cell with line ends as ``\\n`` (a bare carriage return would not be quoted
    and would split the row)."""
    return neutralise_formula(text).replace("\r\n", "\n").replace("\r", "\n")


def table_csv(table: ReportTable) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([csv_cell(str(c)) for c in table.frame.columns])
    for row in table.frame.astype(object).itertuples(index=False):
        writer.writerow([csv_cell(cell_text(v)) for v in row])
    return buffer.getvalue()
