"""Figures as real texts write them: digits with separators, words, ranges, units and hedges.

``find_figures(sentence)`` returns every :class:`Figure` in a sentence: its words as written, the
value or range it states (``low``/``high``; equal for a single number; ``None`` for "thousands of"),
its unit (``count``, ``percent`` or ``usd``) and the hedge before it ("as many as", "up to").
"""

from __future__ import annotations

from dataclasses import dataclass

from evidence.claims.patterns import compile_pattern, uncaptured

_ONES = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_SHORT_SCALES = {"m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000, "b": 1_000_000_000}
_DENOMINATORS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "tenth": 10,
    "tenths": 10,
}

_NUMBER_WORD = "(?:" + "|".join(sorted([*_ONES, *_TENS], key=len, reverse=True)) + ")"
_WORD_NUMBER = rf"\b{_NUMBER_WORD}(?:[-\s]+(?:{_NUMBER_WORD}|hundred(?:\s+and\s+{_NUMBER_WORD})?|thousand|million|billion))*\b"
# Thousands separated by commas, periods, spaces, thin or no-break spaces; or a plain decimal.
_SEPARATORS = "[,. \u2009\u202f\u00a0]"
_DIGITS = rf"\b\d{{1,3}}(?:{_SEPARATORS}\d{{3}})+(?:\.\d+)?\b|\b\d+(?:\.\d+)?"
_CURRENCY = r"(?:US\s?\$|\$|USD\s?|€|£)"
_SCALE = r"(?:\s*(?:million|billion|thousand|mn|bn|m|b)\b)"
_PERCENT = r"(?:\s*(?:%|per\s?cent\b|percent\b))"

_FIGURE = compile_pattern(
    rf"(?i)(?P<cur>{_CURRENCY})?\s*(?P<num>{_DIGITS}|{_WORD_NUMBER})"
    rf"(?P<scale>{_SCALE})?(?P<pct>{_PERCENT})?(?P<dollars>\s+(?:dollars|USD)\b)?"
)
# Group numbers looked up once: the re2 wrapper rebuilds its name table on every named lookup.
_G = _FIGURE.groupindex
_NUM_GROUP = _G["num"]
# where each part stands in ``match.groups()``
_CURRENCY_PART, _NUM_PART, _SCALE_PART, _PERCENT_PART, _DOLLARS_PART = (
    _G[name] - 1 for name in ("cur", "num", "scale", "pct", "dollars")
)
_FRACTION = compile_pattern(
    rf"(?i)\b(?P<num>one|a|\d+)\s+(?:in|out\s+of)\s+(?:every\s+)?(?P<den>\d+|{_NUMBER_WORD})\b"
    rf"|\b(?P<num2>a|one|two|three|four)[-\s](?P<den2>halves|half|thirds?|quarters?|fourths?|fifths?|tenths?)\b"
    r"|\b(?P<half>half)\s+(?:of|the|all)\b"
)
_F = _FRACTION.groupindex
_VAGUE = compile_pattern(
    r"(?i)\b(?:(?:tens|hundreds)\s+of\s+(?:thousands|millions)|(?:thousands|millions|hundreds)\s+of)\b"
)
# Cues for the first scan of a text: each matches wherever a figure of its kind could be written,
# so that a text can be passed over where none matches. They are built from the patterns above.

#: A number as a figure can end: digits (but not a bare year such as 2001, never a figure), a
#: number word, a scale or a vague quantity ("million", "thousands").
NUMBER_CUE = (
    r"(?i:\b\d{1,3}\b|\d{5}|\d[.,]\d|\b(?:1[0-7]|2[1-9]|[3-9]\d|0\d)\d\d\b"
    rf"|\b(?:{_NUMBER_WORD}|hundred|thousand|million|billion|tens|hundreds|thousands|millions"
    r"|mn|bn|m|b)\b)"
)
#: A share: a percent sign or word, or a fraction ("one in three", "half of").
SHARE_CUE = rf"(?i:%|\bper\s?cent\b|\bpercent\b)|{uncaptured(_FRACTION.pattern)}"
#: A sum of money: a currency sign or word.
MONEY_CUE = rf"(?i:{_CURRENCY}|\b(?:dollars|USD)\b)"
#: A figure of ten thousand or more: five digits, digits with a thousands separator, or a scale
#: ("hundred", "thousand", "million", "billion", "m", "bn").
LARGE_CUE = (
    rf"(?i:\d{{5}}|\d{_SEPARATORS}\d{{3}}|\b(?:hundred|thousand|million|billion)"
    rf"|(?:\d|\b{_NUMBER_WORD})\s*(?:mn|bn|m|b)\b)"
)
#: Below this, a figure can be written without a scale or a separator, and :func:`value_cue`
#: spells out its digits and words.
LARGE = 10_000


def value_cue(low: float, high: float) -> str:
    """Where a number from ``low`` to ``high`` (below :data:`LARGE`) could be written without a
    scale: its whole part in digits (with or without a thousands separator) or in words."""
    forms: list[str] = []
    for whole in range(max(0, int(low)), int(high) + 1):
        digits = str(whole)
        if whole >= 1000:
            digits = f"{digits[:-3]}{_SEPARATORS}?{digits[-3:]}"
        forms.append(rf"\b{digits}\b")
        if whole < 100:
            # from a hundred on, a number in words holds "hundred" or "thousand" (LARGE_CUE)
            forms.append(_spelled(whole))
    return "(?i:" + "|".join(forms) + ")"


def _spelled(whole: int) -> str:
    names = {value: name for name, value in [*_ONES.items(), *_TENS.items()]}
    if whole in names:
        return rf"\b{names[whole]}\b"
    tens, ones = divmod(whole, 10)
    return rf"\b{names[tens * 10]}[-\s]+{names[ones]}\b"


_HEDGE = compile_pattern(
    r"(?i)(?:as\s+many\s+as|as\s+high\s+as|up\s+to|nearly|almost|at\s+least|more\s+than|over|"
    r"about|around|approximately|roughly|some|an\s+estimated|estimated|close\s+to|upwards\s+of)\s*$"
)
# Words before a number that make it a reference, not a figure: pages, sections, tables, laws.
_NOT_FIGURE_BEFORE = compile_pattern(
    r"(?i)(?:\bp|\bpp|\bpage|\bpages|\bno|\bvol|\bvolume|\bchapter|\bch|\bsection|§|\btable|"
    r"\bfigure|\bfig|\bitem|\bstep|\bpart|\bissue|\bedition|\bed|\bh\.r|\bs|\bpub\.\s*l|\blaw)"
    r"\.?\s*$"
)
#: What may stand between the two numbers of a range, white space aside ("1-2", "1 to 2").
_RANGE_WORDS = ("-", "–", "—", "to", "and", "or", "through")
#: What RE2 reads as ``\s``: a pattern's white space, for checks made without a pattern.
_RE2_SPACE = " \t\n\f\r"
#: The last word of each hedge: a hedge can stand before a figure only where one ends.
_HEDGE_ENDINGS = (
    *("as", "to", "nearly", "almost", "least", "than", "over", "about", "around"),
    *("approximately", "roughly", "some", "estimated", "of"),
)
#: Words of which a vague quantity ("thousands of") always holds one.
_VAGUE_WORDS = ("thou", "illion", "hundred")
_BETWEEN = compile_pattern(r"(?i)\b(?:between|from)\b[^.;,]{0,30}$")


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure in a sentence: what it says, as a value or a range with a unit."""

    text: str
    start: int
    end: int
    low: float | None
    high: float | None
    unit: str  # count, percent or usd
    hedge: str = ""

    @property
    def is_range(self) -> bool:
        return self.low is not None and self.high is not None and self.low != self.high

    def describe(self) -> str:
        return f"{self.hedge} {self.text}".strip() if self.hedge else self.text


def _word_value(words: str) -> float | None:
    total = 0
    current = 0
    seen = False
    for word in words.lower().replace("-", " ").split():
        if word == "and":
            continue
        if word in _ONES:
            current += _ONES[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in _SCALES:
            total += max(current, 1) * _SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return float(total + current) if seen else None


def _digit_value(digits: str) -> float:
    text = digits.replace("\u2009", ",").replace("\u202f", ",").replace("\u00a0", ",")
    text = text.replace(" ", ",")
    if "," in text:
        text = text.replace(",", "")
    elif text.count(".") >= 1:
        head, _, tail = text.rpartition(".")
        # 300.000 (a thousands separator) versus 31.6 (a decimal point)
        if len(tail) == 3 and head and "." not in head.rstrip("0123456789"):
            text = text.replace(".", "")
    return float(text)


def _value(
    number: str, scale: str, percent: str, currency: str, dollars: str
) -> tuple[float | None, str, bool]:
    """Value, unit and whether the token stands alone as a bare year-like integer, from the
    parts of a :data:`_FIGURE` match (``scale`` stripped and lower-cased; "" for a part absent)."""
    if number[:1].isdigit():
        value: float | None = _digit_value(number)
    else:
        value = _word_value(number)
    if value is not None and scale:
        value *= _SCALES.get(scale) or _SHORT_SCALES.get(scale, 1)
    unit = "count"
    if percent:
        unit = "percent"
    elif currency or dollars:
        unit = "usd"
    bare = not scale and unit == "count" and number.isdigit()
    return value, unit, bare


def _reference_number(sentence: str, start: int) -> bool:
    """A number glued to a word or marker ("H2", "[3"), or after "p.", "Table", "No."."""
    if start > 0 and (sentence[start - 1].isalpha() or sentence[start - 1] in "@[^"):
        return True
    return _NOT_FIGURE_BEFORE.found_in(sentence[max(0, start - 12) : start])


# Checks made without a pattern, before one is searched: each is true wherever the pattern can
# match. White space is what RE2 reads as ``\s``; letters are case folded, which maps every
# letter RE2's ``(?i)`` treats as one of a-z (as "ſ" for "s") to it.


def _range_joined(between: str) -> bool:
    """Whether the text between two numbers joins them into a range (white space aside, one of
    :data:`_RANGE_WORDS`)."""
    return between.strip(_RE2_SPACE).casefold() in _RANGE_WORDS


def _may_end_in_hedge(before: str) -> bool:
    """Whether :data:`_HEDGE` can match at the end of ``before``: it ends in a hedge's last word."""
    return before.rstrip(_RE2_SPACE).casefold().endswith(_HEDGE_ENDINGS)


def _may_be_vague(sentence: str) -> bool:
    """Whether :data:`_VAGUE` can match in ``sentence``: it holds one of its quantity words."""
    folded = sentence.casefold()
    return any(word in folded for word in _VAGUE_WORDS)


def _is_year(text: str, value: float | None) -> bool:
    return text.isdigit() and len(text) == 4 and value is not None and 1800 <= value <= 2099


def find_figures(sentence: str) -> list[Figure]:
    """Every figure of ``sentence``, ranges joined, years and page numbers left out."""
    tokens: list[tuple[int, int, float | None, str, bool]] = []
    for match in _FIGURE.finditer(sentence):
        # the five parts in one call ("" for a part absent)
        parts = match.groups("")
        number = parts[_NUM_PART]
        end = match.end()
        num_start = match.start(_NUM_GROUP)
        currency = parts[_CURRENCY_PART]
        start = match.start(_G["cur"]) if currency else num_start
        if number[:1].isdigit() and _reference_number(sentence, num_start):
            continue
        scale = parts[_SCALE_PART].strip().lower()
        value, unit, bare = _value(
            number, scale, parts[_PERCENT_PART], currency, parts[_DOLLARS_PART]
        )
        if bare and _is_year(number, value):
            continue
        # "m" and "b" are scales only right after a number written in digits.
        if scale in ("m", "b") and not number[:1].isdigit():
            continue
        tokens.append((start, end, value, unit, bare))

    figures: list[Figure] = []
    index = 0
    while index < len(tokens):
        start, end, low, unit, _ = tokens[index]
        high = low
        if index + 1 < len(tokens):
            n_start, n_end, n_value, n_unit, _ = tokens[index + 1]
            between = sentence[end:n_start]
            joined = _range_joined(between)
            if joined and between.strip().lower() in ("and", "or"):
                joined = _BETWEEN.found_in(sentence[max(0, start - 40) : start])
            if joined and low is not None and n_value is not None:
                # "1-2 million", "20-30%": the second number's unit and scale carry to the first
                if n_value >= 1000 and low < 1000 and n_value / max(low, 1) >= 100:
                    scale = 10 ** (len(str(int(n_value))) - len(str(int(low))))
                    low = low * scale if low * scale <= n_value else low
                unit = n_unit if unit == "count" else unit
                high = n_value
                end = n_end
                index += 1
        before = sentence[max(0, start - 24) : start]
        hedge_match = _HEDGE.search(before) if _may_end_in_hedge(before) else None
        hedge = " ".join(hedge_match.group(0).split()).lower() if hedge_match else ""
        figures.append(Figure(sentence[start:end].strip(), start, end, low, high, unit, hedge))
        index += 1

    fraction = _F
    for match in _FRACTION.finditer(sentence):
        if match.group(fraction["half"]):
            share = 50.0
        else:
            num_text = (match.group(fraction["num"]) or match.group(fraction["num2"]) or "").lower()
            den_text = (match.group(fraction["den"]) or match.group(fraction["den2"]) or "").lower()
            num = 1.0 if num_text in ("a", "one") else (_word_value(num_text) or _safe(num_text))
            den = _DENOMINATORS.get(den_text) or _word_value(den_text) or _safe(den_text)
            if not num or not den:
                continue
            share = round(100.0 * num / den, 1)
        start, end = match.start(), match.end()
        figures = [f for f in figures if not (start <= f.start < end)]
        figures.append(Figure(match.group(0), start, end, share, share, "percent"))

    for match in _VAGUE.finditer(sentence) if _may_be_vague(sentence) else ():
        figures.append(Figure(match.group(0), match.start(), match.end(), None, None, "count"))
    return sorted(figures, key=lambda f: f.start)


def _safe(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None
