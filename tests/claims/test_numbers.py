import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence.claims.numbers import (
    _HEDGE,
    _VAGUE,
    _may_be_vague,
    _may_end_in_hedge,
    _range_joined,
    find_figures,
)
from evidence.claims.patterns import compile_pattern


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("as many as 100,000 to 300,000 children", 100_000, 300_000, "count"),
        ("between 244 000 and 325 000 youth", 244_000, 325_000, "count"),
        ("between 244\u2009000 and 325\u202f000 youth", 244_000, 325_000, "count"),
        ("about 300.000 children", 300_000, 300_000, "count"),
        ("twenty-seven million slaves", 27_000_000, 27_000_000, "count"),
        ("three hundred thousand children", 300_000, 300_000, "count"),
        ("two hundred and fifty thousand girls", 250_000, 250_000, "count"),
        ("between the ages of twelve and fourteen", 12, 14, "count"),
        ("the average age of entry is 12–14", 12, 14, "count"),
        ("a $32 billion industry", 32e9, 32e9, "usd"),
        ("US$31.6 bn a year", 31.6e9, 31.6e9, "usd"),
        ("1-2 million children", 1_000_000, 2_000_000, "count"),
        ("3.5% of students", 3.5, 3.5, "percent"),
        ("one in three victims", 33.3, 33.3, "percent"),
        ("two-thirds of victims", 66.7, 66.7, "percent"),
    ],
)
def test_figures_as_texts_write_them(text: str, low: float, high: float, unit: str) -> None:
    figure = find_figures(text)[0]
    assert (figure.low, figure.high, figure.unit) == (pytest.approx(low), pytest.approx(high), unit)


def test_hedge_is_kept() -> None:
    assert find_figures("up to 50,000 women")[0].hedge == "up to"


def test_years_pages_and_tables_are_not_figures() -> None:
    assert find_figures("In 2001 the report (see p. 92 and Table 3) appeared.") == []


def test_vague_quantities_have_no_value() -> None:
    figure = find_figures("tens of thousands are trafficked")[0]
    assert figure.low is None
    assert figure.text == "tens of thousands"


# Pieces that the checks made without a pattern must read as RE2 does: white space RE2 does and
# does not read as \s, letters it case folds ("ſ" for "s", "K" for "k"), and the words themselves.
_PIECES = st.sampled_from(
    [
        " ",
        "\t",
        "\n",
        "\f",
        "\r",
        "\v",
        "\u00a0",
        "\u2009",
        "-",
        "–",
        "—",
        "to",
        "TO",
        "and",
        "AnD",
        "or",
        "through",
        "ThRoUgH",
        "as",
        "aſ",
        "many",
        "up",
        "nearly",
        "at",
        "least",
        "leaſt",
        "more",
        "than",
        "moreover",
        "about",
        "around",
        "approximately",
        "roughly",
        "some",
        "ſome",
        "an",
        "estimated",
        "close",
        "upwards",
        "of",
        "thousands",
        "THOUSANDS",
        "millions",
        "hundreds",
        "tens",
        "K",
        "k",
        "ß",
        "ﬆ",
        "x",
        "27",
        ".",
    ]
)


@settings(max_examples=2000, deadline=None)
@given(st.lists(_PIECES, max_size=8).map("".join))
def test_checks_without_patterns_agree_with_the_patterns(text: str) -> None:
    range_join = compile_pattern(r"(?i)^\s*(?:-|–|—|to|and|or|through)\s*$")
    assert _range_joined(text) == (range_join.search(text) is not None)
    if _HEDGE.search(text) is not None:
        assert _may_end_in_hedge(text)
    if _VAGUE.search(text) is not None:
        assert _may_be_vague(text)
