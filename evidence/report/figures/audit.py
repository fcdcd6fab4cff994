"""The audit figure: the share of texts that use flawed sources, acknowledging their limits or not."""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from evidence.report.figures.base import ReportFigure, figure_style, new_figure

AUDIT_COLOURS = {
    "no flawed source": "#56B4E9",
    "flawed, limits acknowledged": "#E69F00",
    "flawed, not acknowledged": "#D55E00",
}


def _split(value: object) -> list[str]:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return []
    return [part for part in str(value).split(";") if part]


def audit_counts(frame: pd.DataFrame) -> dict[str, int]:
    """Texts in each of the three groups, from ``Audit.to_frame()``."""
    using = frame["flawed_sources"].map(lambda v: bool(_split(v)))
    unacknowledged = frame["flawed_unacknowledged"].astype(bool)
    return {
        "no flawed source": int((~using).sum()),
        "flawed, limits acknowledged": int((using & ~unacknowledged).sum()),
        "flawed, not acknowledged": int((using & unacknowledged).sum()),
    }


def audit_figure(audit: Any) -> ReportFigure:
    """Top: one bar of all texts in three groups. Below: texts per flawed source."""
    frame = audit.to_frame()
    counts = audit_counts(frame)
    total = max(1, len(frame))
    per_source: Counter[str] = Counter()
    per_source_unack: Counter[str] = Counter()
    for sources, unack in zip(
        frame["flawed_sources"], frame["unacknowledged_sources"], strict=True
    ):
        for source in _split(sources):
            per_source[source] += 1
        for source in _split(unack):
            per_source_unack[source] += 1
    sources = sorted(per_source, key=lambda s: (-per_source[s], s))
    height = 2.6 + 0.3 * max(len(sources), 1)
    with figure_style():
        figure = new_figure(8.0, height)
        figure.text(
            0.01,
            1 - 0.1 / height,
            "Flawed prevalence sources in the audited texts",
            ha="left",
            va="top",
            weight="bold",
        )
        top = figure.add_axes((0.3, 1 - 1.2 / height, 0.65, 0.5 / height))
        left = 0.0
        for group, colour in AUDIT_COLOURS.items():
            share = counts[group] / total * 100
            top.barh(
                [0],
                [share],
                left=left,
                color=colour,
                edgecolor="#333333",
                linewidth=0.5,
                label=f"{group} ({counts[group]})",
            )
            if share >= 8:
                top.text(left + share / 2, 0, f"{share:.0f}%", ha="center", va="center", fontsize=8)
            left += share
        top.set_xlim(0, 100)
        top.set_yticks([0])
        top.set_yticklabels([f"All texts (n = {len(frame)})"])
        top.legend(
            loc="lower center", bbox_to_anchor=(0.4, 1.05), ncols=3, frameon=False, fontsize=7.5
        )
        top.tick_params(axis="x", labelsize=7)
        bottom = figure.add_axes((0.3, 0.7 / height, 0.65, 1 - 2.4 / height))
        y = np.arange(len(sources))
        acknowledged = [per_source[s] - per_source_unack[s] for s in sources]
        unacknowledged = [per_source_unack[s] for s in sources]
        bottom.barh(
            y,
            unacknowledged,
            color=AUDIT_COLOURS["flawed, not acknowledged"],
            edgecolor="#333333",
            linewidth=0.5,
        )
        bottom.barh(
            y,
            acknowledged,
            left=unacknowledged,
            color=AUDIT_COLOURS["flawed, limits acknowledged"],
            edgecolor="#333333",
            linewidth=0.5,
        )
        bottom.set_yticks(y)
        bottom.set_yticklabels(sources)
        bottom.set_ylim(len(sources) - 0.5 if sources else 0.5, -0.5)
        bottom.set_xlabel("texts citing the flawed source")
        bottom.xaxis.set_major_locator(MaxNLocator(integer=True))
        for spine in ("top", "right"):
            bottom.spines[spine].set_visible(False)
        if not sources:
            bottom.text(
                0.5, 0.5, "no text uses a flawed source", transform=bottom.transAxes, ha="center"
            )
    share = counts["flawed, not acknowledged"] / total
    return ReportFigure(
        "audit",
        f"Audit of {len(frame)} texts: {share:.0%} use a flawed source without acknowledging its limits",
        figure,
    )
