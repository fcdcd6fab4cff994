"""Time the traffic-light and summary figures for N studies (default 200) as 300 dpi PNG.

    uv run python bench/figures.py [N] [--dpi 300] [--items 7] [--repeat 3]

The judgements are synthetic (a fixed pseudo-random grid of low / moderate / unclear / high).
Prints the best of --repeat runs: building the figures, then writing each PNG, and the total.
"""

from __future__ import annotations

import argparse
import random
import time

import pandas as pd

from evidence.report.figures.risk_of_bias import summary_figure, traffic_light_figures
from evidence.report.judgements import RiskGrid

LEVELS = ["low", "low", "moderate", "unclear", "high"]


def synthetic_grid(studies: int, items: int, seed: int = 11) -> RiskGrid:
    chance = random.Random(seed)
    index = [f"Synthetic study {n:03d} (20{n % 25:02d})" for n in range(1, studies + 1)]
    frame = pd.DataFrame(
        [[chance.choice(LEVELS) for _ in range(items)] for _ in index],
        index=index,
        columns=[f"D{i}" for i in range(1, items + 1)],
    )
    overall = frame.apply(
        lambda row: (
            "high" if "high" in set(row) else ("unclear" if "unclear" in set(row) else "low")
        ),
        axis=1,
    )
    weights = pd.Series([float(chance.randint(20, 2000)) for _ in index], index=index)
    return RiskGrid("synthetic", "Synthetic risk-of-bias judgements", frame, overall, weights)


def run_once(studies: int, items: int, dpi: int) -> tuple[float, float, int, int]:
    start = time.perf_counter()
    grid = synthetic_grid(studies, items)
    figures = [*traffic_light_figures(grid), summary_figure(grid)]
    built = time.perf_counter()
    size = sum(len(f.to_png(dpi=dpi)) for f in figures)
    return built - start, time.perf_counter() - built, len(figures), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("studies", nargs="?", type=int, default=200)
    parser.add_argument("--dpi", type=int, default=300)
    parser.add_argument("--items", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    run_once(5, arguments.items, 50)  # load fonts and caches once, as a long-lived process would
    runs = [
        run_once(arguments.studies, arguments.items, arguments.dpi) for _ in range(arguments.repeat)
    ]
    build, render, count, size = min(runs, key=lambda r: r[0] + r[1])
    print(f"studies {arguments.studies}, items {arguments.items}, dpi {arguments.dpi}")
    print(f"building {count} figures      {build:6.2f} s")
    print(f"writing {count} PNG files      {render:6.2f} s  ({size / 1e6:.1f} MB)")
    print(f"total                      {build + render:6.2f} s  (best of {arguments.repeat})")


if __name__ == "__main__":
    main()
