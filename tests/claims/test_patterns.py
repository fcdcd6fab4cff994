"""Compiled patterns match exactly as google-re2's own matching does, on any text."""

from typing import Any

import pytest
import re2
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence.claims.citations import _PARENTHESES
from evidence.claims.claims import CLAIM_CUE
from evidence.claims.numbers import _FIGURE
from evidence.claims.patterns import compile_pattern

PATTERNS = [
    _FIGURE.pattern,
    _PARENTHESES.pattern,
    CLAIM_CUE.pattern,
    r"(?i)\bcaf[eé]s?\b",
    r"(?P<word>\w+)(?:\s+(?P<number>\d+))?",
    r"x*",  # matches the empty text everywhere
    r"(?i)ü+|\d",
]
# ASCII prose, digits, typographic punctuation and letters of several byte lengths
ALPHABET = st.sampled_from([*"ab xyz12 ,.()%$-", "é", "ü", "’", "–", "€", "中", "𝟙"])
TEXTS = st.lists(ALPHABET, max_size=60).map("".join)


def _described(match: Any, groups: int) -> tuple[object, ...] | None:
    if match is None:
        return None
    return tuple(
        (match.span(g), match.group(g), match.start(g), match.end(g)) for g in range(groups + 1)
    )


@settings(max_examples=150, deadline=None)
@given(text=TEXTS, pos=st.integers(-2, 70), endpos=st.none() | st.integers(-2, 70))
@pytest.mark.parametrize("pattern", PATTERNS)
def test_matches_agree_with_re2(pattern: str, text: str, pos: int, endpos: int | None) -> None:
    ours = compile_pattern(pattern)
    theirs = re2.compile(pattern)
    groups = theirs.groups
    assert ours.groups == groups
    for method in ("search", "match", "fullmatch"):
        found = getattr(ours, method)(text, pos, endpos)
        expected = getattr(theirs, method)(text, pos, endpos)
        assert _described(found, groups) == _described(expected, groups), method
        if found is not None and expected is not None:
            assert found.groups("-") == expected.groups("-"), method
    assert [_described(m, groups) for m in ours.finditer(text, pos, endpos)] == [
        _described(m, groups) for m in theirs.finditer(text, pos, endpos)
    ]
    data = text.encode("utf-8")
    assert _described(ours.search(data, pos), groups) == _described(
        theirs.search(data, pos), groups
    )
    assert ours.spans(text) == [m.span() for m in theirs.finditer(text)]
    # the yes-or-no search of a whole text, of str and of bytes
    assert ours.found_in(text) is ours.found_in(data) is (theirs.search(text) is not None)


def test_named_groups_and_defaults() -> None:
    regex = compile_pattern(r"(?P<word>\w+)(?:\s+(?P<number>\d+))?")
    match = regex.search("“… cases”")
    assert match is not None
    assert match.span() == (3, 8)
    assert match.group("word") == "cases"
    assert match.group("number") is None
    assert match.groups("-") == ("cases", "-")
    counted = regex.search("‘cases’ 12", 1)
    assert counted is not None
    assert counted.group(0, "word", "number") == ("cases", "cases", None)
    digits = regex.search("—— 12 €")
    assert digits is not None
    assert digits.group("word", "number") == ("12", None)
    with pytest.raises(IndexError):
        match.group("missing")
    with pytest.raises(IndexError):
        match.start(3)
