"""Decoding the LaTeX that bibliographies put in names and titles, without a full LaTeX parser.

Only what citation fields use is decoded: accent commands (``{\\'e}``, ``\\"{o}``, ``\\v{Z}``), the
letters with commands of their own (``\\ss``, ``\\o``, ``\\l``, ``\\aa``, ``\\ae``), escaped specials
(``\\&``, ``\\%``, ``\\_``), dashes (``--`` en, ``---`` em), ``~`` as a space, and protective braces.
It is a handful of regular expressions over the string, far cheaper than a general decoder, and a
string without a backslash, brace, tilde or double hyphen is returned untouched.
"""

from __future__ import annotations

import re
import unicodedata

_ACCENTS: dict[str, str] = {
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    '"': "\u0308",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "u": "\u0306",
    "v": "\u030c",
    "H": "\u030b",
    "c": "\u0327",
    "k": "\u0328",
    "r": "\u030a",
    "b": "\u0331",
    "d": "\u0323",
}
_LETTERS: dict[str, str] = {
    "ss": "ß",
    "o": "ø",
    "O": "Ø",
    "l": "ł",
    "L": "Ł",
    "aa": "å",
    "AA": "Å",
    "ae": "æ",
    "AE": "Æ",
    "oe": "œ",
    "OE": "Œ",
    "i": "ı",
    "j": "ȷ",
    "dh": "ð",
    "DH": "Ð",
    "th": "þ",
    "TH": "Þ",
    "textendash": "–",
    "textemdash": "—",
    "textquoteright": "’",
    "textquoteleft": "‘",
    "textquotedblleft": "“",
    "textquotedblright": "”",
    "textellipsis": "…",
    "ldots": "…",
    "dots": "…",
    "textsection": "§",
    "textdollar": "$",
    "textasciitilde": "~",
}
_SPECIALS = {"&": "&", "%": "%", "$": "$", "_": "_", "#": "#", "{": "{", "}": "}", " ": " "}

# \'e  \'{e}  {\'e}  \' e  \"{\i}  \v{Z}  \c c
_ACCENT = r"(?:['`^\"~=.]|[uvHckrbd](?=[\s{\\]))"
_ACCENTED = r"(?:\\[ij](?![A-Za-z])|[A-Za-z])"
# A brace before the backslash is the accent's own only when its closing brace follows the
# letter ({\'e}); otherwise it belongs to what holds the accent (\emph{\"{o}ko}).
_ACCENT_RE = re.compile(
    rf"\{{\\(?P<a1>{_ACCENT})\s*(?P<i1>\{{\s*)?(?P<l1>{_ACCENTED})\s*(?(i1)\}})\}}"
    rf"|\\(?P<a2>{_ACCENT})\s*(?P<i2>\{{\s*)?(?P<l2>{_ACCENTED})\s*(?(i2)\}}?)"
)
_LETTER_NAMES = "|".join(sorted(_LETTERS, key=len, reverse=True))
_LETTER_RE = re.compile(
    rf"\{{\\(?P<n1>{_LETTER_NAMES})(?![A-Za-z])\s*(?:\{{\}})?\}}"
    rf"|\\(?P<n2>{_LETTER_NAMES})(?![A-Za-z])\s*(?:\{{\}})?"
)
_SPECIAL_RE = re.compile(r"\\([&%$_#{} ])")
_COMMAND_WITH_ARG_RE = re.compile(
    r"\\(?:emph|textit|textbf|textsc|textrm|textsf|texttt|mbox|url|text)\s*\{([^{}]*)\}"
)


def _accent(match: re.Match[str]) -> str:
    accent = match.group("a1") or match.group("a2")
    letter = match.group("l1") or match.group("l2")
    if letter.startswith("\\"):
        letter = "i" if letter == "\\i" else "j"
    return unicodedata.normalize("NFC", letter + _ACCENTS[accent])


def decode_latex(value: str) -> str:
    """Decode the LaTeX in one field value; text without LaTeX comes back unchanged."""
    if (
        "\\" not in value
        and "{" not in value
        and "}" not in value
        and "~" not in value
        and "--" not in value
    ):
        return value
    text = value
    if "\\" in text:
        text = _ACCENT_RE.sub(_accent, text)
        # after the accents, so that an argument holding one ({Bold \'{e}}) has no braces left
        text = _COMMAND_WITH_ARG_RE.sub(r"\1", text)
        text = _LETTER_RE.sub(lambda m: _LETTERS[m.group("n1") or m.group("n2")], text)
        text = _SPECIAL_RE.sub(lambda m: _SPECIALS[m.group(1)], text)
    if "--" in text:
        text = text.replace("---", "—").replace("--", "–")
    if "~" in text:
        text = text.replace("~", "\u00a0")
    if "{" in text or "}" in text:
        # Protective braces ({NCMEC}, {{U.S. Department of State}}) carry no text of their own.
        text = text.replace("{", "").replace("}", "")
    return text
