"""Building google-re2 patterns from word lists.

Every scanning pattern of the claims and flag stages runs on RE2: matching time grows linearly with
the input and no input can make a pattern backtrack, so no text can hang the flagger. Word lists in
the data files (registry, acknowledgement cues) are turned into patterns here, never evaluated.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any

import re2

#: Options shared by every pattern: UTF-8 text, and a larger memory budget so that the DFA of a
#: long alternation does not fall back to the slower NFA on big inputs.
_OPTIONS = re2.Options()
_OPTIONS.max_mem = 64 << 20


_UNANCHORED = re2._Anchor.UNANCHORED
_ANCHOR_START = re2._Anchor.ANCHOR_START
_ANCHOR_BOTH = re2._Anchor.ANCHOR_BOTH
_NO_SPAN = (-1, -1)


class Regex:
    """A compiled RE2 pattern with the ``re2`` module's match objects, matched fast on ASCII text.

    google-re2's own ``search`` maps every match of a ``str`` between character and UTF-8 byte
    offsets; in ASCII text the two are equal, so the mapping (most of the time of a search of a
    sentence) is skipped there. Any other text goes through ``re2`` unchanged.
    """

    __slots__ = ("_compiled", "_program", "groups")

    def __init__(self, pattern: str) -> None:
        self._compiled = re2.compile(pattern, _OPTIONS)
        self._program = self._compiled._regexp
        self.groups: int = self._program.NumberOfCapturingGroups()

    @property
    def pattern(self) -> str:
        return str(self._compiled.pattern)

    @property
    def groupindex(self) -> dict[str, int]:
        return dict(self._compiled.groupindex)

    def _first(self, anchor: Any, text: str | bytes, pos: int, endpos: int | None) -> Any:
        if isinstance(text, bytes):
            data = text
        elif text.isascii():
            data = text.encode("ascii")
        else:
            return next(self._compiled._match(anchor, text, pos, endpos), None)
        size = len(data)
        start = max(0, min(pos, size))
        end = size if endpos is None else max(0, min(endpos, size))
        if start > end:
            return None
        spans = self._program.Match(anchor, data, start, end)
        if spans[0] == _NO_SPAN:
            return None
        return re2._Match(self, text, start, end, spans)

    def search(self, text: str | bytes, pos: int = 0, endpos: int | None = None) -> Any:
        if pos == 0 and endpos is None and type(text) is str and text.isascii():
            # the most frequent call: a whole ASCII sentence
            data = text.encode("ascii")
            spans = self._program.Match(_UNANCHORED, data, 0, len(data))
            return None if spans[0] == _NO_SPAN else re2._Match(self, text, 0, len(data), spans)
        return self._first(_UNANCHORED, text, pos, endpos)

    def match(self, text: str | bytes, pos: int = 0, endpos: int | None = None) -> Any:
        return self._first(_ANCHOR_START, text, pos, endpos)

    def fullmatch(self, text: str | bytes, pos: int = 0, endpos: int | None = None) -> Any:
        return self._first(_ANCHOR_BOTH, text, pos, endpos)

    def finditer(self, text: str | bytes, pos: int = 0, endpos: int | None = None) -> Iterator[Any]:
        if isinstance(text, str) and not text.isascii():
            yield from self._compiled._match(_UNANCHORED, text, pos, endpos)
            return
        data = text if isinstance(text, bytes) else text.encode("ascii")
        size = len(data)
        start = max(0, min(pos, size))
        end = size if endpos is None else max(0, min(endpos, size))
        if start > end:
            return
        first = start
        while True:
            spans = self._program.Match(_UNANCHORED, data, start, end)
            if spans[0] == _NO_SPAN:
                return
            yield re2._Match(self, text, first, end, spans)
            if start == end:
                return
            # an empty match moves on by one character, as re2 does
            start = start + 1 if start == spans[0][1] else spans[0][1]


def compile_pattern(pattern: str) -> Regex:
    """Compile an RE2 pattern (raises ``re2.error`` for syntax RE2 does not support)."""
    return Regex(pattern)


def word_pattern(word: str) -> str:
    """One word or phrase as a pattern: case folded, spaces as any whitespace, ``*`` as any ending."""
    stem = word.strip()
    open_end = stem.endswith("*")
    stem = stem.rstrip("*")
    parts = [re2.escape(part) for part in stem.split()]
    body = r"\s+".join(parts)
    body = body.replace(r"\-", r"[-\s]?")
    tail = r"[\w'’-]*" if open_end else r"\b"
    lead = r"\b" if stem[:1].isalnum() else ""
    return f"{lead}{body}{tail}"


def alternation(words: Iterable[str]) -> str:
    """A non-capturing alternation of words, longest first so a phrase wins over its first word."""
    ordered = sorted({w for w in words if w.strip()}, key=len, reverse=True)
    return "(?:" + "|".join(word_pattern(w) for w in ordered) + ")"


@lru_cache(maxsize=4096)
def _group_regex(words: tuple[str, ...]) -> Any:
    return compile_pattern("(?i)" + alternation(words))


def any_word(words: Sequence[str], text: str) -> bool:
    """Whether any of ``words`` occurs in ``text`` (case folded)."""
    return bool(words) and _group_regex(tuple(words)).search(text) is not None


def all_groups(groups: Sequence[Sequence[str]], text: str) -> bool:
    """Whether every group has at least one of its words in ``text``."""
    return all(any_word(group, text) for group in groups)


class AllGroups:
    """Word groups compiled once: :func:`all_groups` for a list of groups used again and again."""

    def __init__(self, groups: Sequence[Sequence[str]]) -> None:
        self._regexes = [_group_regex(tuple(group)) if group else None for group in groups]

    def search(self, text: str) -> bool:
        return all(regex is not None and regex.search(text) for regex in self._regexes)


def sequence_pattern(groups: Sequence[Sequence[str]]) -> str:
    """Word groups in order with anything between them, bounded so that the pattern stays linear
    and a cue cannot be assembled from words far apart."""
    return r"[^.!?]{0,80}?".join(alternation(group) for group in groups)


@lru_cache(maxsize=1024)
def _sequence_regex(groups: tuple[tuple[str, ...], ...]) -> Any:
    return compile_pattern("(?i)" + sequence_pattern(groups))


def any_in_order_pattern(cues: Sequence[Sequence[Sequence[str]]]) -> str:
    """One pattern that matches where any cue's groups occur in order ("" for no cues)."""
    if not cues:
        return ""
    return "(?i)" + "|".join(f"(?:{sequence_pattern(c)})" for c in cues)


class CueSet:
    """Cues (each a list of word groups in order) compiled once into one RE2 pattern."""

    def __init__(self, cues: Sequence[Sequence[Sequence[str]]]) -> None:
        self.pattern = any_in_order_pattern(cues)
        self._regex = compile_pattern(self.pattern) if self.pattern else None

    def search(self, text: str) -> bool:
        return self._regex is not None and self._regex.search(text) is not None


def groups_in_order(groups: Sequence[Sequence[str]], text: str) -> bool:
    """Whether the groups occur in order in ``text``, each within 80 characters of the last."""
    return _sequence_regex(tuple(tuple(g) for g in groups)).search(text) is not None
