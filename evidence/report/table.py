"""The table object every report table is: a frozen frame, a caption and numbered caveats.

One renderer per format lives in its own module (``render_*.py``); this object only dispatches.
What each format cannot show is listed in docs/report-formats.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

#: Every format a table is written in by ``evidence review``, with its file suffix.
TABLE_FORMATS: dict[str, str] = {
    "csv": ".csv",
    "markdown": ".md",
    "latex": ".tex",
    "html": ".html",
    "docx": ".docx",
    "xlsx": ".xlsx",
}


@dataclass(frozen=True, eq=False)
class ReportTable:
    """A finished table: what it shows (``frame``), its caption and the caveats printed under it.

    The frame is copied on the way in and on the way out, so nothing outside can change a table
    after it is made. ``name`` is the file stem the review writes it under.
    """

    name: str
    caption: str
    frame: pd.DataFrame
    caveats: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        object.__setattr__(self, "frame", self.frame.reset_index(drop=True).copy())
        object.__setattr__(self, "caveats", tuple(self.caveats))

    def __len__(self) -> int:
        return len(self.frame)

    def __repr__(self) -> str:
        return f"<ReportTable {self.name!r}: {len(self.frame)} rows, {len(self.caveats)} caveats>"

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(str(c) for c in self.frame.columns)

    @property
    def is_wide(self) -> bool:
        """Wide tables are laid out on landscape pages (DOCX) and in small type (LaTeX)."""
        return len(self.frame.columns) > 6

    def to_frame(self) -> pd.DataFrame:
        return self.frame.copy()

    def to_csv(self) -> str:
        from evidence.report.render_csv import table_csv

        return table_csv(self)

    def to_markdown(self) -> str:
        from evidence.report.markdown import markdown_document

        return markdown_document(self)

    def to_latex(self, longtable: bool | None = None) -> str:
        """Booktabs LaTeX; a longtable (which breaks across pages) when long or when asked."""
        from evidence.report.render_latex import table_latex

        return table_latex(self, longtable=longtable)

    def to_html(self, standalone: bool = False) -> str:
        """An escaped HTML fragment, or with ``standalone=True`` a whole page."""
        from evidence.report.render_html import table_html, table_html_page

        return table_html_page(self) if standalone else table_html(self)

    def to_docx(self, path: Path | None = None) -> bytes:
        """A Word document holding the table; written to ``path`` too when given."""
        from evidence.report.render_docx import table_docx

        data = table_docx(self)
        if path is not None:
            Path(path).write_bytes(data)
        return data

    def to_xlsx(self, path: Path | None = None) -> bytes:
        """An Excel workbook with the table on one sheet; written to ``path`` too when given."""
        from evidence.report.render_xlsx import tables_xlsx

        data = tables_xlsx([self])
        if path is not None:
            Path(path).write_bytes(data)
        return data

    def render(self, fmt: str) -> bytes:
        """The table in one of :data:`TABLE_FORMATS`, as the bytes of a file."""
        if fmt == "csv":
            return self.to_csv().encode("utf-8")
        if fmt == "markdown":
            return self.to_markdown().encode("utf-8")
        if fmt == "latex":
            return self.to_latex().encode("utf-8")
        if fmt == "html":
            return self.to_html(standalone=True).encode("utf-8")
        if fmt == "docx":
            return self.to_docx()
        if fmt == "xlsx":
            return self.to_xlsx()
        raise ValueError(f"unknown table format {fmt!r}; use one of: {', '.join(TABLE_FORMATS)}")

    def _repr_html_(self) -> str:
        from evidence.report.render_html import table_html

        return table_html(self)


def cell_text(value: object) -> str:
    """How a cell reads as text in every format: empty for missing, integers without ``.0``."""
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float):
        if value != value:
            return ""
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:g}" if abs(value) < 1e6 else f"{value:,.0f}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if hasattr(value, "item"):  # numpy scalars
        return cell_text(value.item())
    return str(value)


def is_numeric_column(frame: pd.DataFrame, column: object) -> bool:
    series = frame[column]
    return bool(pd.api.types.is_numeric_dtype(series)) and not pd.api.types.is_bool_dtype(series)
