"""Markdown (GitHub pipe table) rendering of a DataFrame."""

from __future__ import annotations

import pandas as pd


def _cell(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    text = str(value).replace("\r\n", " ").replace("\n", " ")
    return text.replace("\\", "\\\\").replace("|", "\\|")


def markdown_table(frame: pd.DataFrame) -> str:
    """A pipe table with every cell escaped so that no value breaks the table."""
    header = [_cell(c) for c in frame.columns]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    for row in frame.astype(object).itertuples(index=False):
        lines.append("| " + " | ".join(_cell(v) for v in row) + " |")
    return "\n".join(lines) + "\n"
