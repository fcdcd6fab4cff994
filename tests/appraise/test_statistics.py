"""Agreement statistics against published worked examples and established packages' test data.

Sources of the expected values:
- Fleiss (1971): 30 patients, 6 psychiatrists, 5 diagnoses -> kappa 0.430 (the same table is R
  irr's ``diagnoses`` data; statsmodels' test suite checks 0.4302445 on it).
- SAS PROC FREQ example used by statsmodels' tests (3x3 table): simple kappa 0.4842, ASE 0.1380,
  95% limits 0.2137 and 0.7547; weighted kappa (Cicchetti-Allison, i.e. linear) 0.4701, ASE 0.1457.
- R irr ``kappa2`` on its ``anxiety`` data, raters 2 and 3: unweighted -0.006289308, "equal"
  (linear) 0.1459075, "squared" (quadratic) 0.2520325.
- R irrCAC vignette, ``cont3x3abstractors`` (100 women, 2 abstractors): Cohen's kappa 0.7964094
  (SE 0.05891072), Gwet's AC1 0.8493305, Krippendorff's alpha 0.7972585, percent agreement 0.89.
- Krippendorff (2011), "Computing Krippendorff's alpha-reliability": 4 observers x 12 units with
  missing values -> nominal alpha 0.743, ordinal 0.815 (the Python ``krippendorff`` package tests
  the ordinal value); and that package's 3-coder nominal example -> 0.691358.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from evidence.appraise.statistics import (
    agreement_weights,
    bootstrap,
    cohen_kappa,
    contingency,
    count_matrix,
    fleiss_kappa,
    gwet_ac1,
    krippendorff_alpha,
    percent_agreement,
)

FLEISS_1971 = [
    "444444", "222555", "233335", "555555", "222444", "113333", "333355", "113334", "114444",
    "555555", "144444", "124444", "222333", "144444", "224445", "333335", "111455", "111112",
    "224444", "133555", "555555", "244444", "224555", "114444", "144445", "222224", "111155",
    "224444", "133333", "555555",
]  # fmt: skip

ANXIETY = np.array(
    [3, 3, 3, 4, 5, 5, 2, 3, 5, 2, 2, 6, 1, 5, 2, 2, 1, 2, 4, 3,
     3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4,
     2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2]
).reshape(20, 3, order="F")  # fmt: skip

ABSTRACTORS = np.array([[13, 0, 0], [0, 20, 7], [0, 4, 56]])

_ = None
KRIPPENDORFF_2011 = [  # observers x units
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
]
THREE_CODERS = [
    [_, _, _, _, _, 3, 4, 1, 2, 1, 1, 3, 3, _, 3],
    [1, _, 2, 1, 3, 3, 4, 3, _, _, _, _, _, _, _],
    [_, _, 2, 1, 3, 4, 4, _, 2, 1, 1, 3, 3, _, 4],
]


def units(observers: list[list[int | None]]) -> list[list[str | None]]:
    return [
        [None if row[u] is None else str(row[u]) for row in observers]
        for u in range(len(observers[0]))
    ]


def table_ratings(table: np.ndarray) -> list[list[str | None]]:
    ratings: list[list[str | None]] = []
    for i, row in enumerate(table):
        for j, count in enumerate(row):
            ratings += [[str(i), str(j)]] * int(count)
    return ratings


def test_fleiss_1971() -> None:
    counts = count_matrix([list(row) for row in FLEISS_1971], list("12345"))
    assert round(fleiss_kappa(counts), 3) == 0.430


def test_cohen_kappa_sas_example() -> None:
    table = [[0, 4, 1], [0, 8, 0], [0, 1, 5]]
    result = cohen_kappa(table)
    assert round(result.value, 4) == 0.4842
    assert round(result.se, 4) == 0.1380
    assert (round(result.low, 4), round(result.high, 4)) == (0.2137, 0.7547)
    weighted = cohen_kappa(table, agreement_weights(3, "linear"))
    assert (round(weighted.value, 4), round(weighted.se, 4)) == (0.4701, 0.1457)


def test_weighted_kappa_irr_anxiety() -> None:
    # irr uses the levels present (1, 2, 3, 4, 6) as equally spaced categories
    levels = ["1", "2", "3", "4", "6"]
    table = contingency([str(v) for v in ANXIETY[:, 1]], [str(v) for v in ANXIETY[:, 2]], levels)
    assert round(cohen_kappa(table).value, 6) == -0.006289
    assert round(cohen_kappa(table, agreement_weights(5, "linear")).value, 6) == 0.145907
    assert round(cohen_kappa(table, agreement_weights(5, "quadratic")).value, 6) == 0.252033


def test_irrcac_abstractors() -> None:
    result = cohen_kappa(ABSTRACTORS)
    assert round(result.value, 3) == 0.796
    assert round(result.se, 4) == 0.0589
    counts = count_matrix(table_ratings(ABSTRACTORS), ["0", "1", "2"])
    assert round(gwet_ac1(counts), 3) == 0.849
    assert round(krippendorff_alpha(counts), 3) == 0.797
    assert percent_agreement(counts) == pytest.approx(0.89)


def test_krippendorff_2011_with_missing_values() -> None:
    counts = count_matrix(units(KRIPPENDORFF_2011), list("12345"))
    assert round(krippendorff_alpha(counts), 3) == 0.743
    assert round(krippendorff_alpha(counts, "ordinal"), 3) == 0.815
    three = count_matrix(units(THREE_CODERS), list("1234"))
    assert round(krippendorff_alpha(three), 6) == 0.691358


def test_fleiss_needs_the_same_number_of_ratings() -> None:
    counts = count_matrix(units(KRIPPENDORFF_2011), list("12345"))
    assert math.isnan(fleiss_kappa(counts))


def test_perfect_agreement_and_undefined_cases() -> None:
    same = count_matrix([["a", "a"], ["b", "b"], ["a", "a"]], ["a", "b"])
    assert percent_agreement(same) == 1.0
    assert gwet_ac1(same) == 1.0
    assert krippendorff_alpha(same) == 1.0
    one_category = count_matrix([["a", "a"], ["a", "a"]], ["a", "b"])
    assert math.isnan(cohen_kappa(contingency(["a", "a"], ["a", "a"], ["a", "b"])).value)
    assert math.isnan(krippendorff_alpha(one_category))
    assert math.isnan(percent_agreement(count_matrix([["a", None]], ["a", "b"])))


def test_bootstrap_is_reproducible_and_brackets_the_value() -> None:
    counts = count_matrix(units(KRIPPENDORFF_2011), list("12345"))
    first, second = bootstrap(counts, gwet_ac1), bootstrap(counts, gwet_ac1)
    assert first == second
    assert first.low <= first.value <= first.high
    assert bootstrap(counts, gwet_ac1, seed=1) != first


def test_cohen_interval_stays_within_bounds() -> None:
    result = cohen_kappa([[3, 0], [1, 3]])
    assert -1.0 <= result.low <= result.value <= result.high <= 1.0


@pytest.mark.parametrize("units", [3, 7, 11, 29])
def test_no_interval_when_one_rater_used_one_category(units: int) -> None:
    # with 7 units the large-sample variance rounds to about 1e-15 instead of 0
    first = ["a"] * (units - 1) + ["b"]
    result = cohen_kappa(contingency(first, ["a"] * units, ["a", "b"]))
    assert result.value == pytest.approx(0.0, abs=1e-12)
    assert math.isnan(result.low)
    assert math.isnan(result.high)
