"""HTML rendering: every text escaped; a fragment for pages and notebooks, or a whole page."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from evidence.report.table import cell_text, is_numeric_column

if TYPE_CHECKING:
    from evidence.report.table import ReportTable

#: Styles shared by standalone tables and report.html: sticky headers, numbers to the right.
TABLE_CSS = """
.evidence-table { margin: 1.5em 0; }
.evidence-table .scroll { max-height: 70vh; overflow: auto; border: 1px solid #ccc; }
.evidence-table table { border-collapse: collapse; font-size: 0.85em; }
.evidence-table caption { caption-side: top; text-align: left; font-weight: bold; padding: 0.4em 0; }
.evidence-table th, .evidence-table td { padding: 0.3em 0.6em; border-bottom: 1px solid #ddd;
  vertical-align: top; text-align: left; }
.evidence-table thead th { position: sticky; top: 0; background: #f2f2f2; z-index: 1;
  border-bottom: 2px solid #555; }
.evidence-table td.num { text-align: right; font-variant-numeric: tabular-nums; }
.evidence-table ol.caveats { font-size: 0.8em; color: #333; margin-top: 0.4em; }
""".strip()


def escape(text: str) -> str:
    return html.escape(text, quote=True)


def table_html(table: ReportTable) -> str:
    """A ``<figure>`` holding the captioned table and its numbered caveats."""
    numeric = [is_numeric_column(table.frame, c) for c in table.frame.columns]
    head = "".join(f'<th scope="col">{escape(str(c))}</th>' for c in table.frame.columns)
    rows = []
    for row in table.frame.astype(object).itertuples(index=False):
        cells = "".join(
            f'<td class="num">{escape(cell_text(v))}</td>'
            if is_num
            else f"<td>{escape(cell_text(v))}</td>"
            for v, is_num in zip(row, numeric, strict=True)
        )
        rows.append(f"<tr>{cells}</tr>")
    anchor = escape("table-" + table.name)
    parts = [
        f'<figure class="evidence-table" id="{anchor}">',
        '<div class="scroll">',
        f"<table>\n<caption>{escape(table.caption)}</caption>",
        f"<thead><tr>{head}</tr></thead>",
        "<tbody>",
        *rows,
        "</tbody>\n</table>",
        "</div>",
    ]
    if table.caveats:
        parts.append('<ol class="caveats">')
        parts.extend(f"<li>{escape(text)}</li>" for text in table.caveats)
        parts.append("</ol>")
    parts.append("</figure>")
    return "\n".join(parts) + "\n"


def html_page(title: str, body: str, extra_css: str = "") -> str:
    """A self-contained page: inline styles only, no script, nothing fetched from elsewhere."""
    css = TABLE_CSS + ("\n" + extra_css if extra_css else "")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>\n"
        "body { font-family: system-ui, sans-serif; margin: 2em; color: #111; }\n"
        f"{css}\n</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )


def table_html_page(table: ReportTable) -> str:
    return html_page(table.caption, table_html(table))
