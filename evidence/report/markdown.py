"""Markdown (GitHub pipe table) rendering of a DataFrame and of a report table."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pandas as pd

from evidence.report.table import cell_text

# An ampersand only needs escaping where it would start an entity such as &lt;.
_ENTITY = re.compile(r"&(#?[A-Za-z0-9]+;)")

if TYPE_CHECKING:
    from evidence.report.table import ReportTable


def _cell(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    text = str(value).replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    # Backslash and pipe would break the table; < and & would let a cell become live HTML.
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    text = _ENTITY.sub(r"&amp;\1", text)
    return text.replace("<", "&lt;").replace(">", "&gt;")


def markdown_table(frame: pd.DataFrame) -> str:
    """A pipe table with every cell escaped so that no value breaks the table."""
    header = [_cell(c) for c in frame.columns]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    for row in frame.astype(object).itertuples(index=False):
        lines.append("| " + " | ".join(_cell(v) for v in row) + " |")
    return "\n".join(lines) + "\n"


def markdown_document(table: ReportTable, heading_level: int = 0) -> str:
    """The caption (as a heading when ``heading_level`` is given), the table, numbered caveats."""
    caption = _cell(table.caption)
    head = f"{'#' * heading_level} {caption}" if heading_level else f"**{caption}**"
    # Cells read as in every other format (no "3946.0", "yes"/"no" for booleans).
    shown = table.frame.astype(object).map(cell_text)
    parts = [head, "", markdown_table(shown).rstrip("\n")]
    if table.caveats:
        parts.append("")
        parts.extend(f"{number}. {_cell(text)}" for number, text in enumerate(table.caveats, 1))
    return "\n".join(parts).rstrip("\n") + "\n"
