import pytest

from evidence.claims.numbers import find_figures


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
