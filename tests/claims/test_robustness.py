"""Any text can be read: no input makes the claims stage fail or scan in more than linear time."""

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from evidence.claims.citations import find_citations
from evidence.claims.claims import claims_of_paragraphs
from evidence.claims.numbers import find_figures
from evidence.claims.readers import plain_paragraphs
from evidence.flag import load_registry

PIECES = st.sampled_from(
    [
        "100,000",
        " to ",
        "300,000",
        " children",
        " (Estes & Weiner, 2001)",
        "[3]",
        ". ",
        "\n",
        "\n\n",
        "one in three",
        "$32 billion",
        "et al.",
        "(",
        ")",
        "[@",
        "\\cite{",
        "% ",
        "References\n",
        "According to the State Department",
    ]
)
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=40).map("".join)


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_reading_any_text_never_fails(text: str) -> None:
    registry = load_registry()
    result = claims_of_paragraphs(
        "x.txt", plain_paragraphs(text.splitlines()), registry.claim_match
    )
    for claim in result.claims:
        assert claim.line >= 1
        assert claim.text in claim.paragraph
    find_figures(text)
    find_citations(text)


def test_scanning_time_grows_linearly() -> None:
    # Nested brackets and long digit runs are what make backtracking engines blow up.
    def cost(size: int) -> float:
        text = ("((((1,000,000 " * size) + "[" * size + "9" * size
        times = []
        # the fastest of three runs, so that a busy machine does not pass for growth
        for _ in range(3):
            started = time.perf_counter()
            find_figures(text)
            find_citations(text)
            times.append(time.perf_counter() - started)
        return min(times)

    small, large = cost(500), cost(4000)
    assert large < 8 * 4 * max(small, 1e-3)
