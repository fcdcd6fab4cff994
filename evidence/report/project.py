"""``evidence init``: a new review project of the bundled project's shape, with a small worked
example taken from the bundled one (real studies, real appraisals; nothing made up)."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from evidence.ingest import load_studies
from evidence.report.prisma import BOXES, counts_from_studies
from evidence.report.review import ReviewSetupError, bundled_project_dir

#: The example's studies: two flawed estimates, two better-designed ones, one excluded critique.
EXAMPLE_KEYS = (
    "estes2001commercial",
    "ncmec2010briefing",
    "curtis2008commercial",
    "mitchell2010conceptualizing",
    "edwards2006prevalence",
    "fedina2015use",
)
EXAMPLE_TEXTS = ("careful-report.md", "oped-state-of-emergency.txt")
#: What a project holds; a folder holding any of these is a project already.
PROJECT_ENTRIES = (
    "studies.bib",
    "prisma.csv",
    "appraisals",
    "texts",
    "claims",
    "rubrics",
    "notebooks",
)
#: Identification boxes written to the example's prisma.csv (the rest is counted from studies.bib).
IDENTIFICATION_BOXES = (
    "previous_studies",
    "previous_reports",
    "database_results",
    "register_results",
    "website_results",
    "organisation_results",
    "citations_results",
    "duplicates",
    "excluded_automatic",
    "excluded_other",
)

_README = """# {name}

A review project for `evidence`. Files:

- `studies.bib`: the studies, with design metadata (design, sampling, n, measure, estimate, ...)
- `prisma.csv`: identification counts, in the PRISMA2020 R package's CSV template columns
- `appraisals/<rubric-id>/<reviewer>.csv`: one file per reviewer (study,item,answer,support)
- `texts/`: texts to audit for flawed prevalence figures
- `claims/`: claim tables (claim,cites,page)
- `rubrics/`: your own rubric files, added to the built-in ones

Run `evidence review {name}` to write every table and figure to `{name}/out/`.
"""


def _entries(bib_text: str, starts: list[int], wanted: list[int]) -> str:
    """The raw text of the entries starting at ``wanted`` lines (1-based), as written."""
    lines = bib_text.splitlines(keepends=True)
    ordered = sorted(set(starts))
    chunks = []
    for start in wanted:
        later = [s for s in ordered if s > start]
        end = later[0] - 1 if later else len(lines)
        # Stop at the entry's last closing brace, so comments before the next entry stay out.
        block = lines[start - 1 : end]
        while block and not block[-1].strip().endswith("}"):
            block.pop()
        chunks.append("".join(block).rstrip() + "\n")
    return "\n".join(chunks)


def init_project(destination: Path) -> list[Path]:
    """Create a project in ``destination`` (new or empty); returns the files written.

    Refuses (``ReviewSetupError``) when the folder already holds a project or any other file.
    """
    destination = Path(destination)
    if destination.exists():
        if not destination.is_dir():
            raise ReviewSetupError(f"{destination} exists and is not a folder")
        taken = sorted(p.name for p in destination.iterdir())
        if any(name in PROJECT_ENTRIES for name in taken):
            raise ReviewSetupError(
                f"{destination} already holds a review project ({', '.join(taken)}); "
                "nothing was changed. Choose a new folder."
            )
        if taken:
            raise ReviewSetupError(
                f"{destination} is not empty ({', '.join(taken[:5])}); choose a new or empty folder"
            )
    try:
        source = bundled_project_dir()
    except ReviewSetupError:
        raise ReviewSetupError(
            "the worked example is taken from the bundled project, which this installation "
            "does not carry (no evidence/_bundled/studies.bib); run evidence init from a "
            "checkout of evidence-review, or copy a project's studies.bib into the new folder"
        ) from None
    studies = load_studies(source / "studies.bib")
    keys = [k for k in EXAMPLE_KEYS if k in studies]
    bib_text = (source / "studies.bib").read_text(encoding="utf-8")
    starts = [s.line for s in studies]
    example_bib = (
        "% The worked example of a new review project: six works from the bundled review.\n"
        "% Add your studies below, with their design fields.\n\n"
        + _entries(bib_text, starts, [studies[k].line for k in keys])
    )
    written: list[Path] = []

    def write(relative: str, text: str) -> None:
        path = destination / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)

    destination.mkdir(parents=True, exist_ok=True)
    write("README.md", _README.format(name=destination.name))
    write("studies.bib", example_bib)
    example = studies.filter(key=set(keys))
    counts, _, _ = counts_from_studies(example)
    buffer = io.StringIO()
    table = csv.writer(buffer, lineterminator="\n")
    table.writerow(["data", "node", "box", "description", "boxtext", "tooltips", "url", "n"])
    for box in IDENTIFICATION_BOXES:
        table.writerow([box, "", "", BOXES[box], BOXES[box], "", "", counts[box]])
    write("prisma.csv", buffer.getvalue())
    for folder in (
        sorted((source / "appraisals").glob("*/")) if (source / "appraisals").is_dir() else []
    ):
        for file in sorted(folder.glob("*.csv")):
            rows = list(csv.reader(io.StringIO(file.read_text(encoding="utf-8"))))
            kept = [rows[0], *(r for r in rows[1:] if r and r[0] in keys)]
            if len(kept) > 1:
                out = io.StringIO()
                csv.writer(out, lineterminator="\n").writerows(kept)
                write(f"appraisals/{folder.name}/{file.name}", out.getvalue())
    for name in EXAMPLE_TEXTS:
        if (source / "texts" / name).is_file():
            write(f"texts/{name}", (source / "texts" / name).read_text(encoding="utf-8"))
    (destination / "claims").mkdir(exist_ok=True)
    (destination / "rubrics").mkdir(exist_ok=True)
    write(
        "rubrics/README.md",
        "Rubric files placed here (YAML, same schema as the built-in ones) are added to the "
        "built-in rubrics.\n",
    )
    notebook = source / "notebooks" / "reviewer-walkthrough.ipynb"
    if notebook.is_file():
        (destination / "notebooks").mkdir(exist_ok=True)
        shutil.copyfile(notebook, destination / "notebooks" / notebook.name)
        written.append(destination / "notebooks" / notebook.name)
    return written
