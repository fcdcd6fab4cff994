"""Every figure kind: rendered, non-blank, of its declared size, identical bytes on every run."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from matplotlib.image import imread

from evidence.report.figures.base import ReportFigure
from evidence.report.figures.palettes import PALETTES, RISK_LEVELS
from evidence.report.figures.risk_of_bias import summary_figure, traffic_light_figures
from evidence.report.judgements import RiskGrid
from evidence.report.review import Review


def synthetic_grid(studies: int, items: int = 10) -> RiskGrid:
    levels = ["low", "moderate", "unclear", "high", "not-applicable"]
    frame = pd.DataFrame(
        [[levels[(s * 7 + i * 3) % len(levels)] for i in range(items)] for s in range(studies)],
        index=[f"Study {s + 1:03d} et al. (2020)" for s in range(studies)],
        columns=[f"item {i + 1}" for i in range(items)],
    )
    overall = pd.Series(["high" if s % 3 else "low" for s in range(studies)], index=frame.index)
    weights = pd.Series([float(10 + s) for s in range(studies)], index=frame.index)
    return RiskGrid("synthetic", "Synthetic rubric", frame, overall, weights)


def check_png(figure: ReportFigure, dpi: int = 60) -> None:
    pixels = imread(io.BytesIO(figure.to_png(dpi=dpi)))
    width, height = figure.size
    rows, columns = pixels.shape[:2]
    assert abs(rows - height * dpi) <= 1
    assert abs(columns - width * dpi) <= 1
    assert float(np.std(pixels[..., :3])) > 0.05, f"{figure.name} is blank"


def test_every_figure_of_the_review_renders_non_blank_at_its_size(fixture_review: Review) -> None:
    names = {f.name for f in fixture_review.figures}
    assert {
        "prisma-flow",
        "evidence-map",
        "audit",
        "traffic-light-hoy-2012",
        "summary-hoy-2012",
    } <= names
    for figure in fixture_review.figures:
        check_png(figure)


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_figures_are_byte_identical_when_drawn_again(fmt: str) -> None:
    first = summary_figure(synthetic_grid(8)).render(fmt)
    second = summary_figure(synthetic_grid(8)).render(fmt)
    assert first == second
    assert len(first) > 1000


def test_svg_and_pdf_carry_no_date() -> None:
    figure = traffic_light_figures(synthetic_grid(5))[0]
    assert b"<dc:date>" not in figure.to_svg()
    assert b"CreationDate" not in figure.to_pdf()


@pytest.mark.parametrize("studies", [5, 40, 120, 300])
def test_traffic_lights_stay_legible_by_splitting_into_pages(studies: int) -> None:
    pages = traffic_light_figures(synthetic_grid(studies), rows_per_page=40)
    assert len(pages) == -(-studies // 40)
    for page in pages:
        width, height = page.size
        assert height <= 15.0, "a page must fit on a printed page, not grow without bound"
        assert width <= 12.0
    # Row labels are never lost: every study appears on exactly one page.
    if len(pages) > 1:
        assert pages[0].name.endswith("-p1")
        assert pages[-1].name.endswith(f"-p{len(pages)}")


def test_summary_is_weighted_when_asked() -> None:
    grid = synthetic_grid(6)
    plain = summary_figure(grid)
    weighted = summary_figure(grid, weighted=True)
    assert "weighted by weight" in weighted.caption
    assert "left out" not in weighted.caption
    assert plain.to_png(dpi=40) != weighted.to_png(dpi=40)


def test_a_weighted_summary_says_which_studies_it_cannot_weigh() -> None:
    from dataclasses import replace

    grid = synthetic_grid(6)
    assert grid.weights is not None
    partial = grid.weights.copy()
    partial.iloc[:2] = float("nan")
    figure = summary_figure(
        replace(grid, weights=partial, weight_name="sample size"), weighted=True
    )
    assert "weighted by sample size; 2 without a sample size left out" in figure.caption
    labels = [t.get_text() for axes in figure.figure.axes for t in [axes.xaxis.label]]
    assert "% of total sample size" in labels


@pytest.mark.parametrize("palette", sorted(PALETTES))
def test_each_palette_has_a_colour_for_every_risk_level(palette: str) -> None:
    assert set(PALETTES[palette]) == set(RISK_LEVELS)
    check_png(summary_figure(synthetic_grid(5), colours=palette))


def test_the_cochrane_palette_uses_robvis_colours() -> None:
    assert PALETTES["cochrane"]["low"] == "#02C100"
    assert PALETTES["cochrane"]["high"] == "#BF0000"


def test_an_unknown_palette_names_the_allowed_ones() -> None:
    with pytest.raises(ValueError, match="colourblind, cochrane"):
        summary_figure(synthetic_grid(5), colours="rainbow")


def test_a_grid_refuses_a_value_that_is_not_a_risk_level() -> None:
    frame = pd.DataFrame({"item": ["Hgih"]}, index=["A"])
    with pytest.raises(ValueError, match="Hgih"):
        RiskGrid("x", "x", frame)


def test_figures_have_a_recommended_size(fixture_review: Review) -> None:
    for figure in fixture_review.figures:
        width, height = figure.size
        assert 3 <= width <= 12, figure.name
        assert 1 <= height <= 15, figure.name


def test_cut_study_labels_keep_their_year_and_key() -> None:
    from evidence.report.figures.risk_of_bias import _short_study

    assert _short_study("Short (2001)", 40) == "Short (2001)"
    cut = _short_study("United Nations Office on Drugs and Crime (2018)", 40)
    assert len(cut) == 40
    assert cut.endswith("… (2018)")
    a = _short_study("Synthetic & Example (1992) [synthetic-00012]", 40)
    b = _short_study("Synthetic & Example (1992) [synthetic-00013]", 40)
    assert a != b
    assert a.endswith("(1992) [synthetic-00012]")
    assert len(_short_study("A very long organisation name without a year at all", 40)) == 40
