"""report.md and report.html: the whole review on one page, with the issues found."""

from __future__ import annotations

from typing import TYPE_CHECKING

from evidence.report.markdown import markdown_document, markdown_table
from evidence.report.render_html import escape, html_page, table_html

if TYPE_CHECKING:
    from evidence.report.review import Review

_PAGE_CSS = """
nav.toc { background: #f7f7f7; border: 1px solid #ddd; padding: 0.5em 1.5em; max-width: 50em; }
nav.toc ol { margin: 0.3em 0; }
section { margin-top: 2.5em; }
figure.evidence-figure { margin: 1.5em 0; }
figure.evidence-figure svg { max-width: 100%; height: auto; }
figure.evidence-figure figcaption { font-size: 0.9em; color: #333; }
p.missing { background: #fff4e5; border-left: 4px solid #e69f00; padding: 0.5em 1em; }
p.note { color: #444; font-size: 0.9em; }
""".strip()


def _summary(review: Review) -> list[str]:
    errors = len(review.issues.errors)
    return [
        f"{len(review.studies)} records read; {len(review.tables)} tables and "
        f"{len(review.figures)} figures; {len(review.issues)} issues ({errors} errors).",
    ]


def review_markdown(review: Review) -> str:
    lines = [f"# Evidence review: {review.name}", "", *_summary(review), "", "## Contents", ""]
    for part in review.parts:
        lines.append(f"- [{part.title}](#{part.key})")
    lines.append("- [Issues](#issues)")
    for part in review.parts:
        lines += ["", f'<a id="{part.key}"></a>', "", f"## {part.title}", ""]
        if not part.available:
            lines += [f"Not available yet. {' '.join(part.notes)}"]
            continue
        lines += [note for note in part.notes] + ([""] if part.notes else [])
        for table in part.tables:
            lines += [markdown_document(table, heading_level=3).rstrip("\n"), ""]
            lines.append(f"Files: tables/{table.name}.csv, .md, .tex, .html, .docx, .xlsx")
            lines.append("")
        for figure in part.figures:
            lines += [
                f"### {figure.caption}",
                "",
                f"![{figure.caption}](figures/{figure.name}.svg)",
                "",
            ]
            width, height = figure.size
            lines.append(
                f"Files: figures/{figure.name}.png, .svg, .pdf "
                f"(recommended size {width:.1f} × {height:.1f} in)"
            )
            lines.append("")
    lines += ["", '<a id="issues"></a>', "", "## Issues", ""]
    if len(review.issues):
        shown = review.issues.to_frame()[
            ["severity", "code", "file", "line", "key", "message", "hint"]
        ]
        lines.append(markdown_table(shown).rstrip("\n"))
    else:
        lines.append("No issues.")
    return "\n".join(lines).rstrip("\n") + "\n"


def review_html(review: Review) -> str:
    toc = "".join(
        f'<li><a href="#{escape(part.key)}">{escape(part.title)}</a>'
        + ("" if part.available else " (not available yet)")
        + "</li>"
        for part in review.parts
    )
    body = [
        f"<h1>Evidence review: {escape(review.name)}</h1>",
        *(f"<p>{escape(line)}</p>" for line in _summary(review)),
        f'<nav class="toc"><h2>Contents</h2><ol>{toc}<li><a href="#issues">Issues</a></li></ol></nav>',
    ]
    for part in review.parts:
        body.append(f'<section id="{escape(part.key)}">\n<h2>{escape(part.title)}</h2>')
        if not part.available:
            body.append(f'<p class="missing">Not available yet. {escape(" ".join(part.notes))}</p>')
            body.append("</section>")
            continue
        body.extend(f'<p class="note">{escape(note)}</p>' for note in part.notes)
        body.extend(table_html(table) for table in part.tables)
        for figure in part.figures:
            body.append(
                f'<figure class="evidence-figure" id="figure-{escape(figure.name)}">\n'
                f"{figure.svg_inline()}\n<figcaption>{escape(figure.caption)} "
                f"(recommended size {figure.size[0]:.1f} × {figure.size[1]:.1f} in)"
                "</figcaption>\n</figure>"
            )
        body.append("</section>")
    body.append('<section id="issues">\n<h2>Issues</h2>')
    if len(review.issues):
        from evidence.report.table import ReportTable

        shown = review.issues.to_frame()[
            ["severity", "code", "file", "line", "key", "message", "hint"]
        ]
        body.append(table_html(ReportTable("issues", f"Issues found ({len(shown)})", shown)))
    else:
        body.append("<p>No issues.</p>")
    body.append("</section>")
    return html_page(f"Evidence review: {review.name}", "\n".join(body) + "\n", _PAGE_CSS)
