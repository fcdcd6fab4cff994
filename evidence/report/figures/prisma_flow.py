"""The PRISMA 2020 flow diagram, drawn from checked counts (see evidence.report.prisma)."""

from __future__ import annotations

from typing import Any

from matplotlib.axes import Axes
from matplotlib.patches import FancyBboxPatch

from evidence.report.figures.base import ReportFigure, figure_style, new_figure
from evidence.report.prisma import PrismaFlow

_BOX_STYLE: dict[str, Any] = {
    "boxstyle": "round,pad=0.3,rounding_size=0.8",
    "linewidth": 0.9,
    "edgecolor": "#333333",
}
_TITLE_FILL = "#FFD966"
_OTHER_TITLE_FILL = "#D9D9D9"
_STAGE_FILL = "#9DC3E6"


def _box(
    axes: Axes, x: float, y: float, w: float, h: float, text: str, fill: str = "white"
) -> None:
    axes.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h, facecolor=fill, **_BOX_STYLE))
    axes.text(x, y, text, ha="center", va="center", fontsize=7.5, wrap=False, linespacing=1.35)


def _arrow(axes: Axes, start: tuple[float, float], end: tuple[float, float]) -> None:
    axes.annotate(
        "",
        xy=end,
        xytext=start,
        arrowprops={
            "arrowstyle": "-|>",
            "color": "#333333",
            "linewidth": 0.9,
            "shrinkA": 0,
            "shrinkB": 0,
        },
    )


def _reasons(flow: PrismaFlow, box: str, limit: int = 4, width: int = 30) -> str:
    reasons = list(flow.excluded_reasons.get(box, ()))
    shown = [_fit(reason, width) + f" (n = {count})" for reason, count in reasons[:limit]]
    rest = sum(count for _, count in reasons[limit:])
    if rest:
        shown.append(f"other reasons (n = {rest})")
    return "\n".join(shown)


def _fit(text: str, width: int) -> str:
    """Break a reason onto a second line rather than past the box's edge."""
    if len(text) <= width:
        return text
    cut = text.rfind(" ", 0, width)
    cut = cut if cut > 0 else width
    rest = text[cut:].strip()
    return text[:cut] + "\n" + (rest if len(rest) <= width else rest[: width - 1] + "…")


def _excluded(count: object, reasons: str) -> str:
    """The excluded-reports box: its count, and the reasons under it when there are any."""
    return (
        f"Reports excluded (n = {count}):\n{reasons}"
        if reasons.strip()
        else (f"Reports excluded (n = {count})")
    )


def prisma_flow_figure(flow: PrismaFlow) -> ReportFigure:
    """Both arms of the PRISMA 2020 diagram: databases and registers, and other methods."""
    n = flow.counts.get
    with figure_style():
        figure = new_figure(10.0, 8.0)
        axes = figure.add_axes((0.01, 0.01, 0.98, 0.98))
        axes.set_xlim(0, 100)
        axes.set_ylim(0, 100)
        axes.axis("off")
        # Stage labels down the left edge, as in the PRISMA 2020 template.
        for y, h, label in (
            (84, 20, "Identification"),
            (50, 44, "Screening"),
            (12, 18, "Included"),
        ):
            axes.add_patch(
                FancyBboxPatch((0.5, y - h / 2), 3, h, facecolor=_STAGE_FILL, **_BOX_STYLE)
            )
            axes.text(2, y, label, rotation=90, ha="center", va="center", fontsize=8, weight="bold")
        # Arm titles.
        _box(
            axes,
            29,
            97,
            48,
            3.2,
            "Identification of new studies via databases and registers",
            _TITLE_FILL,
        )
        _box(
            axes,
            80,
            97,
            37,
            3.2,
            "Identification of new studies via other methods",
            _OTHER_TITLE_FILL,
        )
        col_a, col_b, col_c, col_d = 17, 43, 70, 90
        wa, wb, wc, wd = 23, 24, 17, 17
        rows = {"identified": 84, "screened": 66, "sought": 50, "assessed": 34, "included": 12}
        _box(
            axes,
            col_a,
            rows["identified"],
            wa,
            14,
            f"Records identified from:\nDatabases (n = {n('database_results', 0)})\n"
            f"Registers (n = {n('register_results', 0)})",
        )
        _box(
            axes,
            col_b,
            rows["identified"],
            wb,
            14,
            "Records removed before screening:\n"
            f"Duplicate records (n = {n('duplicates', 0)})\n"
            f"Marked ineligible by automation\ntools (n = {n('excluded_automatic', 0)})\n"
            f"Removed for other reasons (n = {n('excluded_other', 0)})",
        )
        _box(
            axes,
            col_a,
            rows["screened"],
            wa,
            7,
            f"Records screened\n(n = {n('records_screened', 0)})",
        )
        _box(
            axes,
            col_b,
            rows["screened"],
            wb,
            7,
            f"Records excluded\n(n = {n('records_excluded', 0)})",
        )
        _box(
            axes,
            col_a,
            rows["sought"],
            wa,
            7,
            f"Reports sought for retrieval\n(n = {n('dbr_sought_reports', 0)})",
        )
        _box(
            axes,
            col_b,
            rows["sought"],
            wb,
            7,
            f"Reports not retrieved\n(n = {n('dbr_notretrieved_reports', 0)})",
        )
        _box(
            axes,
            col_a,
            rows["assessed"],
            wa,
            7,
            f"Reports assessed for eligibility\n(n = {n('dbr_assessed', 0)})",
        )
        _box(
            axes,
            col_b,
            rows["assessed"] - 3,
            wb,
            13,
            _excluded(n("dbr_excluded", 0), _reasons(flow, "dbr_excluded")),
        )
        _box(
            axes,
            col_c,
            rows["identified"],
            wc,
            14,
            f"Records identified from:\nWebsites (n = {n('website_results', 0)})\n"
            f"Organisations (n = {n('organisation_results', 0)})\n"
            f"Citation searching (n = {n('citations_results', 0)})",
        )
        _box(
            axes,
            col_d,
            rows["identified"],
            wd,
            14,
            f"Records removed\nbefore retrieval\n(duplicates, screened out)\n(n = {n('other_removed', 0)})",
        )
        _box(
            axes,
            col_c,
            rows["sought"],
            wc,
            7,
            f"Reports sought for retrieval\n(n = {n('other_sought_reports', 0)})",
        )
        _box(
            axes,
            col_d,
            rows["sought"],
            wd,
            7,
            f"Reports not retrieved\n(n = {n('other_notretrieved_reports', 0)})",
        )
        _box(
            axes,
            col_c,
            rows["assessed"],
            wc,
            7,
            f"Reports assessed for\neligibility (n = {n('other_assessed', 0)})",
        )
        _box(
            axes,
            col_d,
            rows["assessed"] - 3,
            wd,
            13,
            _excluded(n("other_excluded", 0), _reasons(flow, "other_excluded", 3, 18)),
        )
        _box(
            axes,
            col_a,
            rows["included"],
            wa,
            9,
            f"Studies included in review\n(n = {n('total_studies', 0)})\n"
            f"Reports of included studies\n(n = {n('total_reports', 0)})",
        )
        # Downward arrows of both arms, and sideways arrows to the exclusion boxes.
        for top, bottom, top_h, bottom_h in (
            ("identified", "screened", 14, 7),
            ("screened", "sought", 7, 7),
            ("sought", "assessed", 7, 7),
            ("assessed", "included", 7, 9),
        ):
            _arrow(
                axes,
                (col_a, rows[top] - top_h / 2 - 0.4),
                (col_a, rows[bottom] + bottom_h / 2 + 0.4),
            )
        _arrow(axes, (col_c, rows["identified"] - 7.4), (col_c, rows["sought"] + 3.9))
        _arrow(axes, (col_c, rows["sought"] - 3.9), (col_c, rows["assessed"] + 3.9))
        for row, col, w, target, tw in (
            ("identified", col_a, wa, col_b, wb),
            ("screened", col_a, wa, col_b, wb),
            ("sought", col_a, wa, col_b, wb),
            ("assessed", col_a, wa, col_b, wb),
            ("identified", col_c, wc, col_d, wd),
            ("sought", col_c, wc, col_d, wd),
            ("assessed", col_c, wc, col_d, wd),
        ):
            _arrow(axes, (col + w / 2 + 0.4, rows[row]), (target - tw / 2 - 0.4, rows[row]))
        # Other methods join the included box with an elbow.
        axes.plot(
            [col_c, col_c],
            [rows["assessed"] - 3.9, rows["included"]],
            color="#333333",
            linewidth=0.9,
        )
        _arrow(axes, (col_c, rows["included"]), (col_a + wa / 2 + 0.4, rows["included"]))
    caption = "PRISMA 2020 flow diagram"
    if flow.mismatches:
        caption += (
            f": NOT A CHECKED FLOW, {flow.mismatches} box equalities fail (see the issues); "
            "the counts are drawn as given"
        )
    return ReportFigure("prisma-flow", caption, figure)
