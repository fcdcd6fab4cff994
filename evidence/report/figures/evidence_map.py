"""The evidence map: design by measure, one bubble per study sized by n, coloured by overall risk."""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
from matplotlib.lines import Line2D

from evidence.ingest.model import Studies
from evidence.ingest.vocabulary import default_vocabulary
from evidence.report.figures.base import ReportFigure, figure_style, new_figure
from evidence.report.figures.palettes import DEFAULT_PALETTE, RISK_LABELS, RISK_LEVELS, palette

NOT_RECORDED = "not recorded"


def _label(field: str, value: str | None) -> str:
    return default_vocabulary().label(field, value) if value else NOT_RECORDED


def _bubble_area(n: int | None) -> float:
    # Area grows with the square root of n, so a national survey does not hide a 45-case series.
    return 18.0 if n is None or n <= 0 else 18.0 + 6.0 * math.sqrt(n)


def _key(label: str, face: str, size: float, marker: str = "o") -> Line2D:
    """A legend entry: one marker, no line."""
    return Line2D(
        [],
        [],
        marker=marker,
        linestyle="",
        markerfacecolor=face,
        markeredgecolor="#333333",
        markersize=size,
        label=label,
    )


def evidence_map_figure(
    studies: Studies,
    overall_risk: Mapping[str, str] | None = None,
    colours: str = DEFAULT_PALETTE,
    included_only: bool = True,
) -> ReportFigure:
    """Where the evidence is: a bubble per study in its design-by-measure cell.

    ``overall_risk`` maps a study key to its overall risk level; studies without one are drawn
    hollow ("not assessed").
    """
    colour_of = palette(colours)
    overall_risk = overall_risk or {}
    chosen = [s for s in studies if not included_only or s.screening in (None, "included")]
    designs = sorted({_label("design", s.design) for s in chosen})
    measures = sorted({_label("measure", s.measure) for s in chosen})
    # (area, risk, marker): a study that reports no sample size is a small square, not a circle
    cells: dict[tuple[int, int], list[tuple[float, str, str]]] = {}
    for study in chosen:
        x = designs.index(_label("design", study.design))
        y = measures.index(_label("measure", study.measure))
        risk = overall_risk.get(study.key, "not-assessed")
        cells.setdefault((x, y), []).append(
            (
                _bubble_area(study.n),
                risk if risk in RISK_LEVELS else "not-assessed",
                "o" if study.n else "s",
            )
        )
    cell = 0.9  # inches per design column and per measure row
    left_margin = 0.4 + 0.065 * max([len(m) for m in measures] + [8])
    bottom_margin = 0.9 + 0.05 * max([len(d) for d in designs] + [8])
    width = left_margin + cell * max(len(designs), 3) + 0.3
    height = bottom_margin + cell * 0.7 * max(len(measures), 3) + 0.6
    with figure_style():
        figure = new_figure(width, height)
        axes = figure.add_axes(
            (
                left_margin / width,
                bottom_margin / height,
                1 - (left_margin + 0.3) / width,
                1 - (bottom_margin + 0.6) / height,
            )
        )
        cell_points = cell * 0.7 * 72
        for (x, y), bubbles in sorted(cells.items()):
            count = len(bubbles)
            side = math.ceil(math.sqrt(count))
            step = 0.8 / side
            # A crowded cell shrinks its bubbles so that neighbours never overlap.
            largest = (step * cell_points * 0.95) ** 2
            for index, (area, risk, marker) in enumerate(sorted(bubbles, key=lambda b: -b[0])):
                dx = (index % side - (side - 1) / 2) * step
                dy = (index // side - (side - 1) / 2) * step
                axes.scatter(
                    x + dx,
                    y + dy,
                    s=min(area, largest),
                    marker=marker,
                    c=colour_of[risk],
                    edgecolors="#333333",
                    linewidths=0.6,
                    alpha=0.9,
                    zorder=2,
                )
        axes.set_xticks(range(len(designs)))
        axes.set_xticklabels(designs, rotation=40, ha="right")
        axes.set_yticks(range(len(measures)))
        axes.set_yticklabels(measures)
        axes.set_xlim(-0.6, len(designs) - 0.4)
        axes.set_ylim(-0.6, len(measures) - 0.4)
        axes.set_xticks(np.arange(-0.5, len(designs)), minor=True)
        axes.set_yticks(np.arange(-0.5, len(measures)), minor=True)
        axes.grid(which="minor", color="#dddddd", linewidth=0.6)
        axes.tick_params(which="both", length=0)
        axes.set_xlabel("Design")
        axes.set_ylabel("Measure")
        used = sorted(
            {risk for bubbles in cells.values() for _, risk, _ in bubbles}, key=RISK_LEVELS.index
        )
        handles = [_key(RISK_LABELS[r], colour_of[r], 7.0) for r in used]
        sizes = [_key(f"n = {n:,}", "#d9d9d9", math.sqrt(_bubble_area(n))) for n in (100, 1_000)]
        if any(marker == "s" for bubbles in cells.values() for _, _, marker in bubbles):
            sizes.append(_key("n not reported", "#d9d9d9", math.sqrt(_bubble_area(None)), "s"))
        figure.legend(
            handles=handles + sizes, loc="lower center", frameon=False, fontsize=7.5, ncols=3
        )
        figure.text(
            0.01, 0.99, f"Evidence map ({len(chosen)} studies)", ha="left", va="top", weight="bold"
        )
    return ReportFigure(
        "evidence-map",
        "Evidence map: study design by what was measured; bubble area grows with n (squares: n not "
        "reported), colour is the overall risk of bias; a crowded cell shrinks its bubbles to fit, "
        "so sizes compare within a cell",
        figure,
    )
