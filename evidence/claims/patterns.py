"""Building google-re2 patterns from word lists.

Every scanning pattern of the claims and flag stages runs on RE2: matching time grows linearly with
the input and no input can make a pattern backtrack, so no text can hang the flagger. Word lists in
the data files (registry, acknowledgement cues) are turned into patterns here, never evaluated.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property, lru_cache
from itertools import permutations
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
Span = tuple[int, int]


class Match:
    """One match: ``group``, ``start``, ``end``, ``span`` and ``groups`` as in :mod:`re`."""

    __slots__ = ("_regex", "_spans", "endpos", "pos", "string")

    def __init__(
        self, regex: Regex, string: str | bytes, pos: int, endpos: int, spans: Sequence[Span]
    ) -> None:
        self._regex = regex
        self.string = string
        self.pos = pos
        self.endpos = endpos
        self._spans = spans

    def _span(self, group: int | str) -> Span:
        if type(group) is int:
            if 0 <= group < len(self._spans):
                return self._spans[group]
            raise IndexError(f"no group {group}")
        if isinstance(group, str) and group in self._regex.groupindex:
            return self._spans[self._regex.groupindex[group]]
        raise IndexError(f"no group {group!r}")

    def __getitem__(self, group: int | str) -> Any:
        begin, end = self._span(group)
        return None if begin < 0 else self.string[begin:end]

    def group(self, *groups: int | str) -> Any:
        if len(groups) == 1:
            group = groups[0]
            # a group by its number, the most frequent call, looked up in place
            if type(group) is int and 0 <= group < len(self._spans):
                begin, end = self._spans[group]
            else:
                begin, end = self._span(group)
            return None if begin < 0 else self.string[begin:end]
        if not groups:
            return self[0]
        return tuple(self[group] for group in groups)

    def groups(self, default: Any = None) -> tuple[Any, ...]:
        string = self.string
        return tuple(
            default if begin < 0 else string[begin:end]
            for begin, end in self._spans[1 : self._regex.groups + 1]
        )

    def start(self, group: int | str = 0) -> int:
        return self._span(group)[0]

    def end(self, group: int | str = 0) -> int:
        return self._span(group)[1]

    def span(self, group: int | str = 0) -> Span:
        begin, end = self._span(group)
        return begin, end


def _character_spans(data: bytes, spans: Sequence[Span]) -> list[Span] | None:
    """UTF-8 byte spans as character spans (None if one does not fall between characters)."""
    characters = {-1: -1}
    try:
        for offsets in spans:
            for offset in offsets:
                if offset not in characters:
                    characters[offset] = len(data[:offset].decode("utf-8"))
    except UnicodeDecodeError:
        return None
    return [(characters[begin], characters[end]) for begin, end in spans]


def _next_start(data: bytes, start: int, match_end: int, end: int) -> int:
    """Where the search for the next match starts, after a match found from ``start`` that ends
    at ``match_end``: its end, or one character on from an empty match, as re2 does."""
    if match_end != start:
        return match_end
    start += 1
    while start < end and data[start] & 0xC0 == 0x80:
        start += 1
    return start


class Regex:
    """A compiled RE2 pattern, matched without google-re2's per-call offset bookkeeping.

    google-re2's own ``search`` of a ``str`` walks the text to map character offsets to UTF-8
    bytes and back on every call, most of the time of a search of a sentence. Here ASCII text
    (where the two are equal) is matched as is, and other text is mapped only at the offsets of
    a match. The matching itself is RE2's, unchanged.
    """

    __slots__ = ("_compiled", "_program", "groupindex", "groups")

    def __init__(self, pattern: str) -> None:
        self._compiled = re2.compile(pattern, _OPTIONS)
        self._program = self._compiled._regexp
        self.groups: int = self._program.NumberOfCapturingGroups()
        self.groupindex: dict[str, int] = dict(self._compiled.groupindex)

    @property
    def pattern(self) -> str:
        return str(self._compiled.pattern)

    def _matches(
        self, anchor: Any, text: str | bytes, pos: int, endpos: int | None, every: bool
    ) -> Iterator[Match]:
        # the text to map offsets of, when it is not ASCII
        unicode_text = None if isinstance(text, bytes) or text.isascii() else text
        if isinstance(text, bytes):
            data = text
        else:
            data = text.encode("ascii" if unicode_text is None else "utf-8")
        size = len(text)
        first = max(0, min(pos, size))
        last = size if endpos is None else max(0, min(endpos, size))
        if first > last:
            return
        start, end = first, last
        if unicode_text is not None:
            start = len(unicode_text[:first].encode("utf-8"))
            end = start + len(unicode_text[first:last].encode("utf-8"))
        while True:
            spans = self._program.Match(anchor, data, start, end)
            if spans[0] == _NO_SPAN:
                return
            if unicode_text is None:
                yield Match(self, text, first, last, spans)
            else:
                mapped = _character_spans(data, spans)
                if mapped is None:
                    # an offset inside a character: leave the mapping to re2 from here on
                    yield from self._fallback(anchor, unicode_text, pos, endpos, start)
                    return
                yield Match(self, text, first, last, mapped)
            if not every or start == end:
                return
            start = _next_start(data, start, spans[0][1], end)

    def _fallback(
        self, anchor: Any, text: str, pos: int, endpos: int | None, from_byte: int
    ) -> Iterator[Match]:
        for found in self._compiled._match(anchor, text, pos, endpos):
            if len(text[: found.start()].encode("utf-8")) >= from_byte:
                yield Match(self, text, found.pos, found.endpos, found._spans)

    def _first(self, anchor: Any, text: str | bytes, pos: int, endpos: int | None) -> Match | None:
        kind = type(text)
        if kind is bytes or (kind is str and text.isascii()):
            # the most frequent calls: an ASCII sentence, or a block of bytes from ``pos``, where
            # byte and character offsets are the same
            data = text if kind is bytes else text.encode("ascii")  # type: ignore[union-attr]
            size = len(data)
            last = size if endpos is None else max(0, min(endpos, size))
            start = max(0, min(pos, size))
            if start > last:
                return None
            spans = self._program.Match(anchor, data, start, last)
            return None if spans[0] == _NO_SPAN else Match(self, text, start, last, spans)
        return next(self._matches(anchor, text, pos, endpos, False), None)

    def search(self, text: str | bytes, pos: int = 0, endpos: int | None = None) -> Match | None:
        return self._first(_UNANCHORED, text, pos, endpos)

    def found_in(self, text: str | bytes) -> bool:
        """Whether the pattern matches anywhere in ``text``: :meth:`search` for a yes or no, with
        no offsets to map and no :class:`Match` made (most searches of a sentence ask only this)."""
        data = text if type(text) is bytes else text.encode("utf-8")  # type: ignore[union-attr]
        return bool(self._program.Match(_UNANCHORED, data, 0, len(data))[0] != _NO_SPAN)

    def match(self, text: str | bytes, pos: int = 0, endpos: int | None = None) -> Match | None:
        return self._first(_ANCHOR_START, text, pos, endpos)

    def fullmatch(self, text: str | bytes, pos: int = 0, endpos: int | None = None) -> Match | None:
        return next(self._matches(_ANCHOR_BOTH, text, pos, endpos, False), None)

    def finditer(
        self, text: str | bytes, pos: int = 0, endpos: int | None = None
    ) -> Iterator[Match]:
        return self._matches(_UNANCHORED, text, pos, endpos, True)

    def spans(self, text: str) -> list[Span]:
        """The ``(start, end)`` of every match :meth:`finditer` finds in ``text``, without making
        a :class:`Match` for each (ASCII text; other text through :meth:`finditer`)."""
        if not text.isascii():
            return [match.span() for match in self.finditer(text)]
        data = text.encode("ascii")
        found: list[Span] = []
        start, size = 0, len(data)
        while True:
            span = self._program.Match(_UNANCHORED, data, start, size)[0]
            if span == _NO_SPAN:
                return found
            found.append(span)
            if start == size:
                return found
            start = _next_start(data, start, span[1], size)


_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


def uncaptured(pattern: str) -> str:
    """``pattern`` with its named groups made plain, so that it can be joined with others that use
    the same names; wrapped in a group so that its flags (``(?i)``) stay its own."""
    return "(?:" + _NAMED_GROUP.sub("(?:", pattern) + ")"


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
def _group_regex(words: tuple[str, ...]) -> Regex:
    return compile_pattern("(?i)" + alternation(words))


def any_word(words: Sequence[str], text: str) -> bool:
    """Whether any of ``words`` occurs in ``text`` (case folded)."""
    return bool(words) and _group_regex(tuple(words)).found_in(text)


def all_groups(groups: Sequence[Sequence[str]], text: str) -> bool:
    """Whether every group has at least one of its words in ``text``."""
    return all(any_word(group, text) for group in groups)


class AllGroups:
    """Word groups compiled once: :func:`all_groups` for a list of groups used again and again."""

    def __init__(self, groups: Sequence[Sequence[str]]) -> None:
        self._regexes = [_group_regex(tuple(group)) if group else None for group in groups]

    def search(self, text: str) -> bool:
        return all(regex is not None and regex.found_in(text) for regex in self._regexes)


def sequence_pattern(groups: Sequence[Sequence[str]]) -> str:
    """Word groups in order with anything between them, bounded so that the pattern stays linear
    and a cue cannot be assembled from words far apart."""
    return r"[^.!?]{0,80}?".join(alternation(group) for group in groups)


@lru_cache(maxsize=1024)
def _sequence_regex(groups: tuple[tuple[str, ...], ...]) -> Regex:
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
        return self._regex is not None and self._regex.found_in(text)


#: Any text within one paragraph: it may cross single line ends but not a blank line.
_WITHIN_PARAGRAPH = r"(?:[^\n]|\n[^\n])*?\n?"


def in_one_paragraph(parts: Sequence[str]) -> str:
    """A pattern matching where every one of ``parts`` occurs, in any order, within one paragraph
    (the first scan of a text cannot see where sentences end, which takes the sentence splitter's
    rules, so a paragraph is the span it checks)."""
    orders = permutations([f"(?:{part})" for part in parts])
    return "|".join(_WITHIN_PARAGRAPH.join(order) for order in orders)


class Cue:
    """Where a claim could be, for the first scan of a text: wherever ``pattern`` matches, or
    where every pattern of one of the ``together`` lists matches (in one paragraph of a text being
    scanned, in the sentence being read). The scan looks for the first pattern of each list and
    the first two together in one paragraph and checks the others there, so the first two should
    be the rarest."""

    def __init__(self, pattern: str = "", together: Iterable[Sequence[str]] = ()) -> None:
        self.pattern = pattern
        self.together = tuple(tuple(parts) for parts in together if parts)
        self.trigger = "|".join(in_one_paragraph(parts[:2]) for parts in self.together)

    @classmethod
    def joined(cls, cues: Iterable[Cue]) -> Cue:
        """One cue that finds what any of ``cues`` finds."""
        cues = list(cues)
        pattern = "|".join(f"(?:{cue.pattern})" for cue in cues if cue.pattern)
        return cls(pattern, dict.fromkeys(parts for cue in cues for parts in cue.together))

    def __or__(self, other: Cue) -> Cue:
        return Cue.joined([self, other])

    # The patterns are compiled when first searched: a cue made only to be joined with others
    # is never compiled.
    @cached_property
    def _main(self) -> Regex | None:
        return compile_pattern(self.pattern) if self.pattern else None

    @cached_property
    def _together(self) -> list[list[Regex]]:
        return [[compile_pattern(part) for part in parts] for parts in self.together]

    @cached_property
    def _either(self) -> Regex | None:
        # one search rules out most sentences: neither the pattern nor any trigger
        either = "|".join(f"(?:{p})" for p in (self.pattern, self.trigger) if p)
        return compile_pattern(either) if either else None

    def search(self, text: str | bytes) -> bool:
        """Whether ``text`` (a sentence or a paragraph) may hold a claim."""
        if self._either is None or not self._either.found_in(text):
            return False
        if not self.together or (self._main is not None and self._main.found_in(text)):
            return True
        return self.together_in(text)

    def together_in(self, text: str | bytes) -> bool:
        return any(all(part.found_in(text) for part in parts) for parts in self._together)


def groups_in_order(groups: Sequence[Sequence[str]], text: str) -> bool:
    """Whether the groups occur in order in ``text``, each within 80 characters of the last."""
    return _sequence_regex(tuple(tuple(g) for g in groups)).found_in(text)
