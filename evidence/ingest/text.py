"""Reading a bibliography's bytes as text: declared encodings first, detection second.

The order is: a byte-order mark (UTF-8, UTF-16, UTF-32); a JabRef ``% Encoding: NAME`` header;
strict UTF-8; and only then detection with charset-normalizer, which is reported, since a guess
can be wrong. A file that is UTF-8 apart from a few stray bytes keeps its UTF-8 reading, each
stray byte replaced and reported on its line, so one bad byte never costs the rest of the file.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from evidence.issues import Issue

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED = re.compile(rb"^%\s*Encoding:\s*([A-Za-z0-9_.:-]+)", re.MULTILINE)
#: At most this many stray-byte rows per file; past that the file is plainly in another encoding.
_MAX_STRAY_ROWS = 50


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    encoding: str
    issues: tuple[Issue, ...]


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _strip_bom(data: bytes) -> tuple[bytes, str | None]:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :], name
    return data, None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 written without a BOM shows as every other byte being NUL."""
    if len(data) < 4:
        return None
    head = data[:2000]
    if head[1::2].count(0) > len(head) // 4:
        return "utf-16-le"
    if head[0::2].count(0) > len(head) // 4:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, file: str) -> DecodedText:
    """Decode a bibliography's bytes, reporting a guessed encoding or undecodable bytes."""
    body, bom_encoding = _strip_bom(data)
    if bom_encoding is not None:
        return _decode_declared(body, bom_encoding, file, "its byte-order mark")
    utf16 = _utf16_without_bom(body)
    if utf16 is not None:
        return _decode_declared(body, utf16, file, "its NUL bytes")
    declared = _DECLARED.search(body[:4096])
    if declared is not None:
        name = declared.group(1).decode("ascii")
        try:
            codecs.lookup(name)
        except LookupError:
            issue = Issue(
                "encoding-guessed",
                f"the file declares the unknown encoding {name!r}; it was read as UTF-8",
                file=file,
                line=_line_of(body, declared.start()),
                value=name,
                hint="declare a known encoding, such as UTF-8 or ISO-8859-1",
            )
            decoded = _decode_utf8_with_strays(body, file)
            return DecodedText(decoded.text, decoded.encoding, (issue, *decoded.issues))
        return _decode_declared(body, name, file, "its '% Encoding:' header")
    try:
        return DecodedText(body.decode("utf-8"), "utf-8", ())
    except UnicodeDecodeError:
        pass
    return _decode_utf8_with_strays(body, file)


def _decode_declared(body: bytes, encoding: str, file: str, how: str) -> DecodedText:
    try:
        return DecodedText(body.decode(encoding), encoding, ())
    except UnicodeDecodeError as error:
        text = body.decode(encoding, errors="replace")
        issue = Issue(
            "undecodable-bytes",
            f"bytes {body[error.start : error.start + 4]!r} are not valid {encoding}, the encoding "
            f"given by {how}; they were replaced with U+FFFD",
            file=file,
            line=_line_of(body, error.start),
            value=body[error.start : error.end].hex(" "),
            hint=f"save the file as {encoding}, or correct the encoding it declares",
        )
        return DecodedText(text, encoding, (issue,))


def _decode_utf8_with_strays(body: bytes, file: str) -> DecodedText:
    """UTF-8 with some invalid bytes: stray bytes in a UTF-8 file, or a file in another encoding.

    A file that holds valid multi-byte UTF-8 characters is UTF-8 with strays, each reported on its
    line. A file with no valid multi-byte character at all was written in a legacy encoding, which
    is detected, and the guess reported.
    """
    text = body.decode("utf-8", errors="replace")
    if any(ord(ch) > 127 and ch != "\ufffd" for ch in text):
        issues: list[Issue] = []
        position = 0
        while len(issues) < _MAX_STRAY_ROWS:
            try:
                body[position:].decode("utf-8")
                break
            except UnicodeDecodeError as error:
                start, end = position + error.start, position + error.end
                issues.append(
                    Issue(
                        "undecodable-bytes",
                        f"bytes {body[start:end].hex(' ')} are not valid UTF-8; they were replaced with U+FFFD",
                        file=file,
                        line=_line_of(body, start),
                        value=body[start:end].hex(" "),
                        hint="save the file as UTF-8, or add a '% Encoding: NAME' header naming its encoding",
                    )
                )
                position = end
        return DecodedText(text, "utf-8", tuple(issues))
    encoding = _detect(body)
    text = body.decode(encoding, errors="replace")
    issue = Issue(
        "encoding-guessed",
        f"the file is not UTF-8 and declares no encoding; it was read as {encoding}",
        file=file,
        line=1,
        value=encoding,
        hint="save it as UTF-8, or add a '% Encoding: NAME' first line (JabRef's header)",
    )
    return DecodedText(text, encoding, (issue,))


#: Among equally good guesses, the encodings bibliographies are most often written in come first.
_PREFERRED = ("cp1252", "latin_1", "iso8859_15", "mac_roman", "cp1250", "cp1251")


def _detect(body: bytes) -> str:
    matches = list(from_bytes(body))
    if not matches:
        return "latin-1"
    best = min((m.chaos, -m.coherence) for m in matches)
    tied = [m.encoding for m in matches if (m.chaos, -m.coherence) == best]
    for name in _PREFERRED:
        if name in tied:
            return name
    return tied[0]


def read_text(path: Path) -> DecodedText:
    """Read a file's bytes (never writing to it) and decode them."""
    return decode_bytes(path.read_bytes(), str(path))
