"""Write a synthetic bibliography of N entries with design fields and LaTeX accents.

    uv run python bench/make_bib.py 50000 [--out bench/data/synthetic-50000.bib]

The output is made fresh each time and never committed (bench/data/ is ignored).
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

FAMILIES = [
    r"Go{\'z}dziak",
    r"M{\"u}ller",
    "Curtis",
    r"{\v{Z}}ivoti{\'c}",
    "Finkelhor",
    r"Fran{\c{c}}ois",
    "Weitzer",
    r"Br{\aa}ten",
    "Reid",
    r"Ca{\~n}as",
    "Swaner",
    r"D{\o}rum",
]
GIVEN = ["Ana", r"El{\.z}bieta", "Kevin", "Meredith", r"J{\"o}rg", "Lisa", r"Ren{\'e}e", "Tom"]
WORDS = [
    "prevalence",
    "exploitation",
    "youth",
    "trafficking",
    "estimates",
    "survey",
    "sampling",
    "commercial",
    "minors",
    "victims",
    "risk",
    "methods",
    "national",
    r"r{\'e}sum{\'e}",
    "city",
]
DESIGNS = [
    "cross-sectional survey",
    "cohort",
    "qualitative interviews",
    "case series",
    "administrative records",
    "modelled estimate",
    "narrative review",
    "report without stated method",
]
SAMPLINGS = [
    "probability",
    "RDS",
    "convenience",
    "purposive",
    "snowball",
    "agency-known cases",
    "census",
]
MEASURES = ["victims", "at risk", "detected", "arrested", "ever exchanged sex"]


def entry(index: int, rng: random.Random) -> str:
    authors = " and ".join(
        f"{rng.choice(FAMILIES)}, {rng.choice(GIVEN)}" for _ in range(rng.randint(1, 4))
    )
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 12))).capitalize()
    year = rng.randint(1990, 2025)
    n = rng.randint(20, 20000)
    return (
        f"@article{{study{index:06d},\n"
        f"  author = {{{authors}}},\n"
        f"  title = {{{title} -- part {index}}},\n"
        f"  journal = {{Journal of {rng.choice(WORDS).capitalize()} Studies}},\n"
        f"  year = {{{year}}},\n"
        f"  volume = {{{rng.randint(1, 60)}}},\n"
        f"  pages = {{{rng.randint(1, 300)}--{rng.randint(301, 600)}}},\n"
        f"  doi = {{10.9999/synthetic.{index}}},\n"
        f"  design = {{{rng.choice(DESIGNS)}}},\n"
        f"  sampling = {{{rng.choice(SAMPLINGS)}}},\n"
        f"  n = {{{n:,}}},\n"
        f"  measure = {{{rng.choice(MEASURES)}}},\n"
        f"  estimate = {{{rng.uniform(0.1, 40):.1f}}},\n"
        f"  estimate_unit = {{percent}},\n"
        f"  country = {{United States}},\n"
        f"  screening = {{included}},\n"
        f"  identified_via = {{database}}\n"
        f"}}\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of entries")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--seed", type=int, default=2001)
    args = parser.parse_args()
    out = args.out or Path(__file__).parent / "data" / f"synthetic-{args.n}.bib"
    out.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    with out.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write("% Synthetic bibliography for benchmarks; made by bench/make_bib.py.\n\n")
        for index in range(args.n):
            handle.write(entry(index, rng))
            handle.write("\n")
    print(out)


if __name__ == "__main__":
    main()
