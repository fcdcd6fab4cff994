"""Time `evidence review` on a synthetic project of N studies (default 10,000), by stage.

    uv run python bench/review.py [N] [--texts 200] [--keep]

The project (studies.bib, two reviewers' hoy-2012 appraisals of the included studies, texts) is
written fresh under bench/data/ (ignored by git) and every record in it is synthetic: keys,
titles and authors say so. As in a real search, most records are excluded at screening (about 8%
are included). Prints the seconds of each stage and the total.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
from collections import defaultdict
from pathlib import Path

from evidence.report.review import build_review, write_review

HERE = Path(__file__).resolve().parent
DESIGNS = ["cross-sectional-survey", "cohort", "administrative-records", "modelled-estimate"]
OTHER_DESIGNS = ["qualitative-interviews", "case-series", "narrative-review", "report-no-method"]
SAMPLINGS = ["probability", "respondent-driven", "convenience", "purposive", "agency-known"]
MEASURES = ["victims", "at-risk", "detected", "arrested", "ever-exchanged-sex"]
# As in a large search: most records go at title screening; about one in twelve is included.
SCREENING = (
    ["included"] * 8
    + ["excluded-screening"] * 80
    + ["excluded-eligibility"] * 10
    + ["not-retrieved"] * 2
)
ARMS = ["database", "database", "website", "organisation", "citation-search"]
ANSWERS = ["yes", "no", "insufficient"]
SENTENCES = [
    "At least 100,000 children are exploited in prostitution in the United States each year.",
    "Some 293,000 American youths are at risk of becoming victims of commercial sexual exploitation.",
    "There are 27 million slaves in the world today, according to Bales (1999).",
    "The average age of entry into prostitution is 12 to 14 years.",
    "These estimates should be interpreted with caution, since no reliable estimate exists.",
    "A survey of {n} youth found that 3.5 percent had ever exchanged sex (synth{k:05d}).",
]


def make_project(folder: Path, studies: int, texts: int, seed: int = 7) -> None:
    chance = random.Random(seed)
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "appraisals" / "hoy-2012").mkdir(parents=True)
    (folder / "texts").mkdir()
    entries = []
    answers: dict[str, list[str]] = {"reviewer-a": [], "reviewer-b": []}
    for number in range(1, studies + 1):
        key = f"synth{number:05d}"
        appraisable = chance.random() < 0.6
        design = chance.choice(DESIGNS if appraisable else OTHER_DESIGNS)
        screening = chance.choice(SCREENING)
        reason = (
            "  exclusion_reason = {synthetic: no estimate},\n"
            if screening == "excluded-eligibility"
            else ""
        )
        entries.append(
            f"@article{{{key},\n"
            f"  author = {{Synthetic, Author{number} and Example, Second}},\n"
            f"  title = {{Synthetic study number {number}}},\n"
            f"  journal = {{Synthetic Journal}},\n"
            f"  year = {{{1990 + number % 35}}},\n"
            f"  design = {{{design}}},\n"
            f"  sampling = {{{chance.choice(SAMPLINGS)}}},\n"
            f"  n = {{{chance.randint(20, 20000)}}},\n"
            f"  measure = {{{chance.choice(MEASURES)}}},\n"
            f"  estimate = {{{chance.randint(100, 100000)}}},\n"
            f"  estimate_unit = {{persons}},\n"
            f"  screening = {{{screening}}},\n{reason}"
            f"  identified_via = {{{chance.choice(ARMS)}}},\n"
            "}\n"
        )
        if appraisable and screening == "included":
            for reviewer, rows in answers.items():
                for item in range(1, 11):
                    answer = chance.choice(ANSWERS)
                    rows.append(f"{key},{item},{answer},synthetic support by {reviewer}")
                rows.append(f"{key},11,{chance.choice(['low', 'moderate', 'high'])},synthetic")
    (folder / "studies.bib").write_text("\n".join(entries), encoding="utf-8")
    for reviewer, rows in answers.items():
        (folder / "appraisals" / "hoy-2012" / f"{reviewer}.csv").write_text(
            "study,item,answer,support\n" + "\n".join(rows) + "\n", encoding="utf-8"
        )
    for number in range(texts):
        lines = [
            chance.choice(SENTENCES).format(
                n=chance.randint(50, 5000), k=chance.randint(1, studies)
            )
            for _ in range(12)
        ]
        (folder / "texts" / f"text-{number:04d}.txt").write_text(
            " ".join(lines) + "\n", encoding="utf-8"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("studies", nargs="?", type=int, default=10_000)
    parser.add_argument("--texts", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="keep the project and its output")
    arguments = parser.parse_args()
    project = HERE / "data" / f"review-{arguments.studies}"
    start = time.perf_counter()
    make_project(project, arguments.studies, arguments.texts)
    print(f"made the project in {time.perf_counter() - start:.1f} s: {project}", file=sys.stderr)

    seconds: dict[str, float] = defaultdict(float)
    stage, since = "start", time.perf_counter()

    def tell(label: str, done: int, total: int) -> None:
        nonlocal stage, since
        name = label.split(" ", 2)[:2] if label.startswith("writing") else [label]
        if name[0] == "writing":
            suffix = label.rsplit(".", 1)[-1]
            name = [f"writing .{suffix}"]
        now = time.perf_counter()
        seconds[stage] += now - since
        stage, since = name[0], now

    began = time.perf_counter()
    review = build_review(project, tell)
    result = write_review(review, project / "out", tell)
    seconds[stage] += time.perf_counter() - since
    total = time.perf_counter() - began
    for name, value in seconds.items():
        if name not in ("start", "done", "review built"):
            print(f"{name:32s} {value:7.2f} s")
    print(
        f"{'total':32s} {total:7.2f} s  ({len(review.studies)} studies, {len(result.files)} files)"
    )
    if not arguments.keep:
        shutil.rmtree(project)


if __name__ == "__main__":
    main()
