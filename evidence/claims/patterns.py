"""Building google-re2 patterns from word lists.

Every scanning pattern of the claims and flag stages runs on RE2: matching time grows linearly with
the input and no input can make a pattern backtrack, so no text can hang the flagger. Word lists in
the data files (registry, acknowledgement cues) are turned into patterns here, never evaluated.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

import re2

#: Options shared by every pattern: UTF-8 text, and a larger memory budget so that the DFA of a
#: long alternation does not fall back to the slower NFA on big inputs.
_OPTIONS = re2.Options()
_OPTIONS.max_mem = 64 << 20


def compile_pattern(pattern: str) -> Any:
    """Compile an RE2 pattern (raises ``re2.error`` for syntax RE2 does not support)."""
    return re2.compile(pattern, _OPTIONS)


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
