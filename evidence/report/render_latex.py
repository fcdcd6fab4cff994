"""LaTeX rendering with booktabs rules; a longtable when the table is long.

Needs ``\\usepackage{booktabs}`` and, for long tables, ``\\usepackage{longtable}`` in the preamble.
Every special character is escaped, so a cell can never run a LaTeX command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from evidence.report.table import cell_text, is_numeric_column

if TYPE_CHECKING:
    from evidence.report.table import ReportTable

#: Tables with more rows than this break across pages (longtable) instead of floating.
LONGTABLE_ROWS = 30
#: ... and so do tables whose wrapped cells would print more lines than fit on a page.
LONGTABLE_LINES = 45
#: About how many characters of a cell fit on one line of a 3.2 cm paragraph column.
_CHARACTERS_PER_LINE = 22

_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "\n": " ",
    "\r": " ",
}


def latex_escape(text: str) -> str:
    return "".join(_LATEX_SPECIALS.get(char, char) for char in text)


def _column_specs(table: ReportTable) -> list[str]:
    specs = []
    for column in table.frame.columns:
        if is_numeric_column(table.frame, column):
            specs.append("r")
            continue
        longest = max([len(cell_text(v)) for v in table.frame[column]] + [len(str(column))])
        # Long text wraps in a paragraph column instead of running off the page.
        specs.append(_PARAGRAPH if longest > 28 else "l")
    return specs


_PARAGRAPH = r"p{3.2cm}"


def _printed_lines(table: ReportTable, specs: list[str]) -> int:
    """About how many lines the body prints: each row as tall as its longest wrapped cell."""
    wraps = [spec == _PARAGRAPH for spec in specs]
    return sum(
        max(
            [1]
            + [
                -(-len(cell_text(v)) // _CHARACTERS_PER_LINE)
                for v, wrapped in zip(row, wraps, strict=True)
                if wrapped
            ]
        )
        for row in table.frame.astype(object).itertuples(index=False)
    )


def table_latex(table: ReportTable, longtable: bool | None = None) -> str:
    specs = _column_specs(table)
    use_longtable = (
        len(table.frame) > LONGTABLE_ROWS or _printed_lines(table, specs) > LONGTABLE_LINES
        if longtable is None
        else longtable
    )
    spec = "".join(specs)
    header = " & ".join(latex_escape(str(c)) for c in table.frame.columns) + r" \\"
    body = [
        " & ".join(latex_escape(cell_text(v)) for v in row) + r" \\"
        for row in table.frame.astype(object).itertuples(index=False)
    ]
    caption = latex_escape(table.caption)
    label = "tab:" + "".join(ch if ch.isalnum() or ch in "-:" else "-" for ch in table.name)
    notes = [
        rf"\textsuperscript{{{number}}}\,{latex_escape(text)}\par"
        for number, text in enumerate(table.caveats, 1)
    ]
    size = r"\footnotesize" if table.is_wide else r"\small"
    lines: list[str] = []
    if use_longtable:
        lines += [
            "{" + size,
            rf"\begin{{longtable}}{{{spec}}}",
            rf"\caption{{{caption}}}\label{{{label}}}\\",
            r"\toprule",
            header,
            r"\midrule",
            r"\endfirsthead",
            r"\toprule",
            header,
            r"\midrule",
            r"\endhead",
            r"\bottomrule",
            r"\endlastfoot",
            *body,
            r"\end{longtable}",
            "}",
        ]
        if notes:
            lines += [r"\begin{flushleft}\footnotesize", *notes, r"\end{flushleft}"]
    else:
        lines += [
            r"\begin{table}[htbp]",
            r"\centering",
            size,
            rf"\caption{{{caption}}}\label{{{label}}}",
            rf"\begin{{tabular}}{{{spec}}}",
            r"\toprule",
            header,
            r"\midrule",
            *body,
            r"\bottomrule",
            r"\end{tabular}",
        ]
        if notes:
            lines += [r"\par\smallskip\raggedright\footnotesize", *notes]
        lines.append(r"\end{table}")
    return "\n".join(lines) + "\n"
