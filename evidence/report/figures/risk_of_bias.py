"""Traffic-light and summary plots of a risk grid, legible from 5 to 300 studies.

Long traffic lights are split into pages of at most ``rows_per_page`` studies instead of one very
tall image; every page keeps the header and legend, so each can stand alone in an appendix.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from evidence.report.figures.base import ReportFigure, figure_style, new_figure
from evidence.report.figures.palettes import (
    DEFAULT_PALETTE,
    RISK_LABELS,
    RISK_LEVELS,
    RISK_SYMBOLS,
    palette,
)
from evidence.report.judgements import RiskGrid

ROWS_PER_PAGE = 40
_MARKERS = {"low": "P", "moderate": "$-$", "unclear": "$?$", "high": "X"}


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


#: What tells a study's label apart from another's: its year in parentheses and a key in brackets.
_LABEL_TAIL = re.compile(r"\s*(?:\(\d{4}[a-z]?\))?\s*(?:\[[^\]]+\])?$")


def _short_study(label: str, width: int) -> str:
    """A study label cut to ``width`` in its name, keeping the year and any key that follow it
    (two studies whose names start alike stay apart)."""
    if len(label) <= width:
        return label
    tail = _LABEL_TAIL.search(label)
    kept = label[tail.start() :].strip() if tail else ""
    if not kept or len(kept) > width - 6:
        return _short(label, width)
    return _short(label[: tail.start()] if tail else label, width - len(kept) - 1) + " " + kept


def traffic_light_figures(
    grid: RiskGrid, colours: str = DEFAULT_PALETTE, rows_per_page: int = ROWS_PER_PAGE
) -> list[ReportFigure]:
    """One figure per page of studies: a coloured, symbol-marked circle per judgement."""
    colour_of = palette(colours)
    table = grid.with_overall()
    pages = max(1, math.ceil(len(table) / rows_per_page))
    figures = []
    for page in range(pages):
        chunk = table.iloc[page * rows_per_page : (page + 1) * rows_per_page]
        name = f"traffic-light-{grid.name}" + (f"-p{page + 1}" if pages > 1 else "")
        caption = f"Risk of bias by study: {grid.title}" + (
            f" (studies {page * rows_per_page + 1}–{page * rows_per_page + len(chunk)} of {len(table)})"
            if pages > 1
            else ""
        )
        if grid.column_labels:
            caption += "; columns are the items by number, their questions in the summary plot"
        figures.append(
            ReportFigure(name, caption, _traffic_light_page(chunk, grid.title, colour_of))
        )
    return figures


def _traffic_light_page(chunk: pd.DataFrame, title: str, colour_of: dict[str, str]) -> Figure:
    rows, columns = len(chunk), len(chunk.columns)
    longest = max([len(_short_study(str(s), 40)) for s in chunk.index] + [10])
    label_width = 0.4 + 0.075 * longest
    width = max(label_width + 0.3 * columns + 0.4, 5.5)
    legend_columns = max(1, min(5, int(width / 2.0)))
    legend_rows = math.ceil(len(RISK_LEVELS) / legend_columns)
    # Room above for the rotated column names, below for the legend; 0.2 inch per study.
    tallest = max([len(_short(str(c), 14)) for c in chunk.columns] + [2])
    header = 0.55 + 0.065 * tallest
    footer = 0.25 + 0.22 * legend_rows
    height = header + footer + 0.2 * max(rows, 3)
    with figure_style():
        figure = new_figure(width, height)
        top = 1 - header / height
        bottom = footer / height
        left = label_width / width
        axes = figure.add_axes((left, bottom, 1 - left - 0.02, top - bottom))
        axes.set_xlim(-0.6, columns - 0.4)
        axes.set_ylim(rows - 0.5, -0.5)
        values = chunk.to_numpy()
        for level in RISK_LEVELS:
            ys, xs = np.nonzero(values == level)
            if not len(xs):
                continue
            edge = "#555555"
            axes.scatter(
                xs, ys, s=130, c=colour_of[level], edgecolors=edge, linewidths=0.6, zorder=2
            )
            marker = _MARKERS.get(level)
            if marker:
                axes.scatter(xs, ys, s=24, c="#111111", marker=marker, linewidths=0, zorder=3)
        axes.set_xticks(range(columns))
        axes.set_xticklabels([_short(str(c), 14) for c in chunk.columns], rotation=60, ha="left")
        axes.xaxis.tick_top()
        axes.set_yticks(range(rows))
        axes.set_yticklabels([_short_study(str(s), 40) for s in chunk.index])
        axes.tick_params(length=0)
        for spine in axes.spines.values():
            spine.set_visible(False)
        if "Overall" in chunk.columns:
            axes.axvline(columns - 1.5, color="#999999", linewidth=0.8)
        axes.grid(False)
        used = [lvl for lvl in RISK_LEVELS if (values == lvl).any()]
        handles = [
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                markerfacecolor=colour_of[lvl],
                markeredgecolor="#555555",
                markersize=8,
                label=f"{RISK_SYMBOLS[lvl]} {RISK_LABELS[lvl]}".strip(),
            )
            for lvl in used
        ]
        figure.legend(
            handles=handles,
            loc="lower center",
            ncols=legend_columns,
            frameon=False,
            fontsize=8,
            bbox_to_anchor=(0.5, 0.0),
        )
        figure.text(0.01, 1 - 0.1 / height, _short(title, 90), ha="left", va="top", weight="bold")
    return figure


def summary_figure(
    grid: RiskGrid, colours: str = DEFAULT_PALETTE, weighted: bool = False
) -> ReportFigure:
    """Stacked bars: the share of studies (or of weight) at each risk level, per column."""
    colour_of = palette(colours)
    table = grid.with_overall()
    weighted = weighted and grid.weights is not None
    unweighed = 0
    if weighted and grid.weights is not None:
        given = grid.weights.reindex(table.index).astype(float)
        # a study without a weight cannot be weighed: it is left out, and the caption says so
        unweighed = int(given.isna().sum())
        weights = given.fillna(0.0)
    else:
        weights = pd.Series(1.0, index=table.index)
    total = float(weights.sum()) or 1.0
    columns = list(table.columns)
    height = 1.4 + 0.32 * len(columns)
    with figure_style():
        labels = [_short(grid.column_labels.get(str(c), str(c)), 64) for c in columns]
        label_width = 0.3 + 0.072 * max(len(label) for label in labels)
        # at least as wide as the legend below the bars
        width = max(label_width + 5.0, 8.0)
        figure = new_figure(width, height)
        axes = figure.add_axes((label_width / width, 0.9 / height, 4.7 / width, 1 - 1.3 / height))
        y = np.arange(len(columns))
        left = np.zeros(len(columns))
        for level in RISK_LEVELS:
            shares = np.array(
                [float(weights[table[c] == level].sum()) / total * 100 for c in columns]
            )
            if not shares.any():
                continue
            axes.barh(
                y,
                shares,
                left=left,
                color=colour_of[level],
                edgecolor="#555555",
                linewidth=0.5,
                label=RISK_LABELS[level],
                height=0.7,
            )
            left += shares
        axes.set_yticks(y)
        axes.set_yticklabels(labels)
        axes.set_ylim(len(columns) - 0.5, -0.5)
        axes.set_xlim(0, 100)
        axes.set_xlabel(f"% of total {grid.weight_name}" if weighted else "% of studies")
        for spine in ("top", "right"):
            axes.spines[spine].set_visible(False)
        handles = [
            Patch(facecolor=colour_of[lvl], edgecolor="#555555", label=RISK_LABELS[lvl])
            for lvl in RISK_LEVELS
            if (table == lvl).to_numpy().any()
        ]
        figure.legend(
            handles=handles,
            loc="lower center",
            ncols=min(len(handles), 5) or 1,
            frameon=False,
            fontsize=8,
        )
        figure.text(
            0.01, 1 - 0.1 / height, _short(grid.title, 90), ha="left", va="top", weight="bold"
        )
    if weighted:
        share = f"share of {len(table)} studies weighted by {grid.weight_name}"
        if unweighed:
            share += f"; {unweighed} without a {grid.weight_name} left out"
    else:
        share = f"share of {len(table)} studies"
    return ReportFigure(
        f"summary-{grid.name}", f"Risk of bias summary ({share}): {grid.title}", figure
    )
