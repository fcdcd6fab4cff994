"""Agreement statistics between raters, on plain numpy arrays.

Two forms of data are used. A *contingency table* (categories x categories, counts) for two raters:
Cohen's kappa and its weighted forms. A *count matrix* (units x categories: how many raters put
each unit in each category) for any number of raters, with missing ratings allowed: percent
agreement, Fleiss' kappa, Gwet's AC1 and Krippendorff's alpha.

Missing ratings, as each statistic defines them: Cohen's kappa uses the units both raters rated;
Fleiss' kappa assumes every unit has the same number of ratings, so the caller keeps only units
rated by every rater; percent agreement and Gwet's AC1 use units with two or more ratings for the
observed agreement and every rated unit for chance agreement (Gwet 2014); Krippendorff's alpha uses
every pairable value (units with two or more ratings).

Confidence intervals: Cohen's kappa (weighted or not) by the large-sample standard error of Fleiss,
Cohen and Everitt (1969); the others by a percentile bootstrap over units with a fixed seed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
Weighting = Literal["identity", "linear", "quadratic"]

#: z for a two-sided 95% interval.
Z95 = 1.959963984540054
BOOTSTRAP_SEED = 20120901
BOOTSTRAP_REPS = 1000


@dataclass(frozen=True, slots=True)
class Estimate:
    """A statistic with its 95% confidence interval (NaN where undefined)."""

    value: float
    low: float = float("nan")
    high: float = float("nan")
    se: float = float("nan")


NAN = Estimate(float("nan"))


def agreement_weights(categories: int, weighting: Weighting = "identity") -> FloatArray:
    """Agreement weights for ordered categories: 1 on the diagonal, falling with distance."""
    index = np.arange(categories, dtype=float)
    distance = np.abs(index[:, None] - index[None, :]) / max(categories - 1, 1)
    if weighting == "identity":
        return np.eye(categories)
    if weighting == "linear":
        return np.asarray(1.0 - distance, dtype=float)
    return np.asarray(1.0 - distance**2, dtype=float)


def contingency(
    first: Sequence[str], second: Sequence[str], categories: Sequence[str]
) -> FloatArray:
    """The categories x categories table of two raters' paired ratings."""
    position = {c: n for n, c in enumerate(categories)}
    table = np.zeros((len(categories), len(categories)))
    for a, b in zip(first, second, strict=True):
        table[position[a], position[b]] += 1
    return table


def cohen_kappa(table: npt.ArrayLike, weights: npt.ArrayLike | None = None) -> Estimate:
    """Cohen's kappa (weighted when ``weights`` is given) with the Fleiss-Cohen-Everitt (1969)
    large-sample standard error and a normal 95% interval."""
    counts = np.asarray(table, dtype=float)
    n = counts.sum()
    if n == 0:
        return NAN
    w = np.eye(counts.shape[0]) if weights is None else np.asarray(weights, dtype=float)
    p = counts / n
    rows, cols = p.sum(axis=1), p.sum(axis=0)
    observed = float((w * p).sum())
    expected = float((w * np.outer(rows, cols)).sum())
    if np.isclose(expected, 1.0):
        return NAN
    kappa = (observed - expected) / (1.0 - expected)
    row_mean = w @ cols  # w-bar_i.
    col_mean = rows @ w  # w-bar_.j
    spread = (w - (row_mean[:, None] + col_mean[None, :]) * (1.0 - kappa)) ** 2
    variance = float((p * spread).sum() - (kappa - expected * (1.0 - kappa)) ** 2)
    variance /= n * (1.0 - expected) ** 2
    se = float(np.sqrt(max(variance, 0.0)))
    if se < 1e-6 and abs(kappa) < 1.0:
        # a rater who used one category only: the large-sample SE degenerates to 0 (or to what
        # rounding leaves of 0), and no interval can be given
        return Estimate(kappa, se=se)
    # kappa cannot leave [-1, 1]; a normal interval near the bounds is cut there
    low, high = max(kappa - Z95 * se, -1.0), min(kappa + Z95 * se, 1.0)
    return Estimate(kappa, low, high, se)


def count_matrix(ratings: Sequence[Sequence[str | None]], categories: Sequence[str]) -> FloatArray:
    """Units x categories counts from units x raters ratings (None for a missing rating)."""
    position = {c: n for n, c in enumerate(categories)}
    counts = np.zeros((len(ratings), len(categories)))
    for unit, row in enumerate(ratings):
        for rating in row:
            if rating is not None:
                counts[unit, position[rating]] += 1
    return counts


def _pairable(counts: FloatArray) -> FloatArray:
    pairable: FloatArray = counts[counts.sum(axis=1) >= 2]
    return pairable


def percent_agreement(counts: FloatArray) -> float:
    """The share of agreeing rater pairs, averaged over units with two or more ratings."""
    units = _pairable(counts)
    if len(units) == 0:
        return float("nan")
    raters = units.sum(axis=1)
    return float(np.mean((units * (units - 1)).sum(axis=1) / (raters * (raters - 1))))


def fleiss_kappa(counts: FloatArray) -> float:
    """Fleiss' (1971) kappa; every unit must have the same number of ratings."""
    raters = counts.sum(axis=1)
    if len(counts) == 0 or raters[0] < 2 or not np.all(raters == raters[0]):
        return float("nan")
    m = raters[0]
    agreement = ((counts**2).sum(axis=1) - m) / (m * (m - 1))
    shares = counts.sum(axis=0) / counts.sum()
    expected = float((shares**2).sum())
    if np.isclose(expected, 1.0):
        return float("nan")
    return float((agreement.mean() - expected) / (1.0 - expected))


def gwet_ac1(counts: FloatArray) -> float:
    """Gwet's AC1 for any number of raters with missing ratings (Gwet 2008; 2014).

    The number of categories is the number of columns: pass every category of the scale, used or
    not, since chance agreement depends on it.
    """
    categories = counts.shape[1]
    rated = counts[counts.sum(axis=1) >= 1]
    units = _pairable(counts)
    if len(units) == 0 or categories < 2:
        return float("nan")
    observed = percent_agreement(counts)
    shares = (rated / rated.sum(axis=1, keepdims=True)).mean(axis=0)
    expected = float((shares * (1.0 - shares)).sum() / (categories - 1))
    if np.isclose(expected, 1.0):
        return float("nan")
    return float((observed - expected) / (1.0 - expected))


def krippendorff_alpha(
    counts: FloatArray, metric: Literal["nominal", "ordinal"] = "nominal"
) -> float:
    """Krippendorff's alpha from pairable values; for ``ordinal`` the columns are in scale order."""
    units = _pairable(counts)
    if len(units) == 0:
        return float("nan")
    raters = units.sum(axis=1)
    scaled = units / (raters - 1)[:, None]
    coincidences = scaled.T @ units - np.diag(scaled.sum(axis=0))
    totals = coincidences.sum(axis=1)
    n = totals.sum()
    k = len(totals)
    if metric == "nominal":
        delta = 1.0 - np.eye(k)
    else:
        cumulative = np.cumsum(totals)
        delta = np.zeros((k, k))
        for c in range(k):
            for d in range(c + 1, k):
                between = cumulative[d] - (cumulative[c - 1] if c > 0 else 0.0)
                delta[c, d] = delta[d, c] = (between - (totals[c] + totals[d]) / 2.0) ** 2
    disagreement_expected = float((np.outer(totals, totals) * delta).sum())
    if disagreement_expected == 0:
        return float("nan")
    return float(1.0 - (n - 1) * float((coincidences * delta).sum()) / disagreement_expected)


def bootstrap(
    counts: FloatArray,
    statistic: Callable[[FloatArray], float],
    *,
    reps: int = BOOTSTRAP_REPS,
    seed: int = BOOTSTRAP_SEED,
) -> Estimate:
    """The statistic with a 95% percentile bootstrap interval (units resampled, fixed seed).

    Resamples where the statistic is undefined (e.g. every rating in one category) are left out;
    with fewer than half of them defined no interval is given.
    """
    value = statistic(counts)
    if np.isnan(value) or len(counts) < 2:
        return Estimate(value)
    generator = np.random.default_rng(seed)
    draws = generator.integers(0, len(counts), size=(reps, len(counts)))
    values = np.array([statistic(counts[rows]) for rows in draws])
    defined = values[~np.isnan(values)]
    if len(defined) < reps / 2:
        return Estimate(value)
    low, high = np.percentile(defined, [2.5, 97.5])
    return Estimate(value, float(low), float(high), float(np.std(defined, ddof=1)))
