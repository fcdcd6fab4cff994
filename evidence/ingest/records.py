"""From a reader's raw fields to a :class:`Study`: one place for every format's field rules.

The BibTeX, RIS and CSL-JSON readers each turn their syntax into a :class:`RawRecord` (field name to
text, with the line each field starts on); this module checks and converts the values, reporting
every problem as an issue row with the file, line, field, value and what would be right.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from rapidfuzz import process
from rapidfuzz.distance import OSA

from evidence.ingest.latex import decode_latex
from evidence.ingest.model import Study
from evidence.ingest.vocabulary import Vocabulary, default_vocabulary
from evidence.issues import Issue

#: Fields whose values must come from the vocabulary.
CONTROLLED_FIELDS: tuple[str, ...] = (
    "design",
    "sampling",
    "measure",
    "estimate_unit",
    "source_type",
    "screening",
    "identified_via",
)
TEXT_FIELDS: tuple[str, ...] = (
    "population",
    "setting",
    "country",
    "period",
    "data_source",
    "exclusion_reason",
    "note",
)
NUMBER_FIELDS: tuple[str, ...] = ("estimate", "estimate_low", "estimate_high")
VENUE_FIELDS: tuple[str, ...] = (
    "journal",
    "journaltitle",
    "booktitle",
    "publisher",
    "institution",
    "organization",
    "school",
    "howpublished",
)
#: Other spellings of design fields seen in real files.
FIELD_ALIASES: dict[str, str] = {
    "sample_size": "n",
    "samplesize": "n",
    "datasource": "data_source",
    "estimateunit": "estimate_unit",
    "estimatelow": "estimate_low",
    "estimatehigh": "estimate_high",
    "peerreviewed": "peer_reviewed",
    "sourcetype": "source_type",
    "exclusionreason": "exclusion_reason",
    "identifiedvia": "identified_via",
}
KNOWN_FIELDS: frozenset[str] = frozenset(
    (
        *CONTROLLED_FIELDS,
        *TEXT_FIELDS,
        *NUMBER_FIELDS,
        *VENUE_FIELDS,
        "n",
        "peer_reviewed",
        "title",
        "author",
        "editor",
        "year",
        "date",
        "doi",
        "url",
    )
)
#: Fields whose LaTeX is decoded on reading (the ones the library reads); others are kept as written.
DECODED_FIELDS: frozenset[str] = KNOWN_FIELDS - {"doi", "url", "year", "date"}
_DESIGN_NAMES = (*CONTROLLED_FIELDS, *TEXT_FIELDS, *NUMBER_FIELDS, "n", "peer_reviewed")

_NUMBER = re.compile(
    r"[-+]?(?:\d{1,3}(?:[,\u00a0\u2009\u202f ]\d{3})+|\d{1,3}(?:\.\d{3}){2,}|\d+)(?:\.\d+)?"
)
_INTEGER_DOTTED = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_LEADING_LABEL = re.compile(r"^\s*(?:[A-Za-z]{1,12}\.?\s*)?[=:]?\s*(?:~|≈|approx\.?\s*|about\s+)?")
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_TRUE = frozenset({"yes", "y", "true", "1", "peer reviewed", "peer-reviewed", "refereed"})
_FALSE = frozenset({"no", "n", "false", "0", "not peer reviewed", "grey", "gray"})
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)


@dataclass(slots=True)
class RawRecord:
    """One record as a reader found it: field names lower-cased, values as text."""

    key: str
    entry_type: str
    file: str
    line: int
    fields: dict[str, str] = field(default_factory=dict)
    field_lines: dict[str, int] = field(default_factory=dict)
    authors: tuple[str, ...] | None = None
    original_key: str | None = None
    #: RIS records carry no citation key by design, so a missing one is only noted.
    keys_expected: bool = True
    #: The file's syntax (bibtex, ris or csljson), so that a hint shows a field as it is written.
    syntax: str = "bibtex"

    def line_of(self, name: str) -> int:
        return self.field_lines.get(name, self.line)


def parse_number(text: str, *, integer: bool = False) -> float | None:
    """A number as bibliographies write it: 'n = 1,450', '13 294', '3.5%', '1.450' (an integer).

    Returns None when the text holds no number, or more than one (a range belongs in
    estimate_low and estimate_high).
    """
    body = _LEADING_LABEL.sub("", text.strip(), count=1).strip().rstrip("%").strip()
    found = _NUMBER.fullmatch(body)
    if found is None:
        return None
    digits = found.group(0)
    if integer and _INTEGER_DOTTED.match(digits):
        return float(digits.replace(".", ""))
    cleaned = re.sub(r"[,\u00a0\u2009\u202f ]", "", digits)
    if cleaned.count(".") > 1:
        cleaned = cleaned.replace(".", "")
    try:
        return float(cleaned)
    except ValueError:
        return None


def normalise_doi(value: str) -> str:
    return _DOI_PREFIX.sub("", value.strip()).strip().lower()


_AUTHOR_TOKENS = re.compile(r"[{}]|\s+and\s+", re.IGNORECASE)


def split_authors(value: str) -> tuple[str, ...]:
    """BibTeX author lists as "Family, Given" names.

    Names are split at a top-level " and " (so "{National Center for Missing and Exploited
    Children}" stays whole), a name wholly in braces is an organisation kept as written, and
    "Given Family" is turned round. LaTeX in each name is decoded.
    """
    names: list[str] = []
    depth = 0
    start = 0
    for token in _AUTHOR_TOKENS.finditer(value):
        text = token.group(0)
        if text == "{":
            depth += 1
        elif text == "}":
            depth -= 1
        elif depth == 0:
            names.append(value[start : token.start()])
            start = token.end()
    names.append(value[start:])
    return tuple(n for n in (_family_first(name) for name in names) if n)


def _enclosed(text: str) -> bool:
    """True when the brace opening the text closes at its very end."""
    if not (text.startswith("{") and text.endswith("}")):
        return False
    depth = 0
    for i, ch in enumerate(text):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i == len(text) - 1
    return False


@lru_cache(maxsize=65536)
def _family_first(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        return ""
    if _enclosed(name):
        return decode_latex(name[1:-1]).strip()
    plain = decode_latex(name)
    if "," in plain:
        return plain
    parts = plain.split(" ")
    if len(parts) == 1:
        return plain
    # "Neil Alan Weiner" -> "Weiner, Neil Alan"; particles ("van", "de") stay with the family name.
    family_start = len(parts) - 1
    while family_start > 1 and parts[family_start - 1][:1].islower():
        family_start -= 1
    return f"{' '.join(parts[family_start:])}, {' '.join(parts[:family_start])}"


_KEY_WORD = re.compile(r"[a-z0-9]+")


def derived_key(raw: RawRecord) -> str:
    """A readable key for a record that has none: first author's family name, year, title word."""
    authors = (
        raw.authors if raw.authors is not None else split_authors(raw.fields.get("author", ""))
    )
    family = authors[0].split(",")[0] if authors else ""
    family_word = "".join(_KEY_WORD.findall(family.lower()))
    year = _YEAR.search(raw.fields.get("year", "") or raw.fields.get("date", ""))
    title_words = [w for w in _KEY_WORD.findall(raw.fields.get("title", "").lower()) if len(w) > 3]
    key = f"{family_word}{year.group(1) if year else ''}{title_words[0] if title_words else ''}"
    return key or f"entry-line{raw.line}"


_RIS_TAGS = {"year": "PY", "title": "TI", "doi": "DO", "url": "UR"}
_CSL_NAMES = {"year": "issued", "title": "title", "doi": "DOI", "url": "URL"}


def field_as_written(syntax: str, name: str, value: str) -> str:
    """How a field is written in a file of ``syntax``, for hints: ``year = {2001}`` in BibTeX,
    ``PY  - 2001`` in RIS, ``"issued": {"date-parts": [[2001]]}`` in CSL-JSON; design fields are
    note lines in RIS (``N1  - design: cohort``) and top-level fields in CSL-JSON."""
    if syntax == "ris":
        tag = _RIS_TAGS.get(name)
        return f"{tag}  - {value}" if tag else f"N1  - {name}: {value}"
    if syntax == "csljson":
        if name == "year":
            return f'"issued": {{"date-parts": [[{value}]]}}'
        return f'"{_CSL_NAMES.get(name, name)}": "{value}"'
    return f"{name} = {{{value}}}"


class RecordBuilder:
    """Turns raw records into studies, reporting every value it could not take as written."""

    def __init__(self, vocabulary: Vocabulary | None = None) -> None:
        self.vocabulary = vocabulary or default_vocabulary()

    def build(self, raw: RawRecord) -> tuple[Study, list[Issue]]:
        issues: list[Issue] = []
        fields = {FIELD_ALIASES.get(k, k): v.strip() for k, v in raw.fields.items() if v.strip()}

        def written(name: str, value: str) -> str:
            return field_as_written(raw.syntax, name, value)

        def report(code: str, name: str, value: str, message: str, hint: str = "") -> None:
            issues.append(
                Issue(
                    code,
                    message,
                    file=raw.file,
                    line=raw.line_of(name),
                    key=raw.key,
                    field=name,
                    value=value,
                    hint=hint,
                )
            )

        values: dict[str, object] = {}
        for name in CONTROLLED_FIELDS:
            text = fields.get(name)
            if text is None:
                continue
            found = self.vocabulary.match(name, text)
            if found.canonical is not None:
                values[name] = found.canonical
            else:
                allowed = ", ".join(self.vocabulary.allowed(name))
                report(
                    "unknown-value",
                    name,
                    text,
                    f"{name} = {text!r} is not in the vocabulary; did you mean {found.closest!r}?",
                    f"allowed values: {allowed}",
                )
        for name in TEXT_FIELDS:
            if name in fields:
                values[name] = fields[name]
        if "n" in fields:
            number = parse_number(fields["n"], integer=True)
            if number is None or number < 0 or number != int(number):
                report(
                    "bad-number",
                    "n",
                    fields["n"],
                    f"n = {fields['n']!r} is not a whole number of participants or cases",
                    f"write the sample size as digits, e.g. {written('n', '1450')} or "
                    f"{written('n', '13 294')}",
                )
            else:
                values["n"] = int(number)
        for name in NUMBER_FIELDS:
            if name in fields:
                number = parse_number(fields[name])
                if number is None:
                    report(
                        "bad-number",
                        name,
                        fields[name],
                        f"{name} = {fields[name]!r} is not a number",
                        f"write one number, e.g. {written(name, '3946')}; put a range in "
                        "estimate_low and estimate_high",
                    )
                else:
                    values[name] = number
        if "peer_reviewed" in fields:
            flag = fields["peer_reviewed"].strip().lower()
            if flag in _TRUE:
                values["peer_reviewed"] = True
            elif flag in _FALSE:
                values["peer_reviewed"] = False
            else:
                report(
                    "bad-boolean",
                    "peer_reviewed",
                    fields["peer_reviewed"],
                    f"peer_reviewed = {fields['peer_reviewed']!r} is neither yes nor no",
                    f"write {written('peer_reviewed', 'yes')} or {written('peer_reviewed', 'no')}",
                )

        year_text = fields.get("year") or fields.get("date")
        year_field = "year" if "year" in fields else "date"
        if year_text is None:
            report(
                "missing-field",
                "year",
                "",
                "the entry has no year",
                f"add {written('year', 'YYYY')}",
            )
        else:
            year = _YEAR.search(year_text)
            if year is None:
                report(
                    "bad-year",
                    year_field,
                    year_text,
                    f"{year_field} = {year_text!r} holds no four-digit year",
                    f"write the year of publication as four digits, e.g. {written('year', '2001')}",
                )
            else:
                values["year"] = int(year.group(1))
        if "title" not in fields:
            report(
                "missing-field",
                "title",
                "",
                "the entry has no title",
                f"add {written('title', '...')}",
            )
        else:
            values["title"] = fields["title"]
        if raw.authors is not None:
            authors = raw.authors
        else:
            authors = split_authors(fields.get("author") or fields.get("editor") or "")
        if "doi" in fields:
            values["doi"] = normalise_doi(fields["doi"])
        if "url" in fields:
            values["url"] = fields["url"]
        for name in VENUE_FIELDS:
            if name in fields:
                values["venue"] = fields[name]
                break
        self._check_consistency(values, report, written)
        for name in fields:
            if name not in KNOWN_FIELDS:
                self._check_unknown_field(name, fields[name], report)
        extra = tuple(sorted((k, v) for k, v in fields.items() if k not in KNOWN_FIELDS))
        study = Study(
            key=raw.key,
            entry_type=raw.entry_type.lower(),
            authors=authors,
            file=raw.file,
            line=raw.line,
            original_key=raw.original_key,
            extra=extra,
            **values,
        )
        return study, issues

    @staticmethod
    def _check_consistency(
        values: dict[str, object], report: _Reporter, written: Callable[[str, str], str]
    ) -> None:
        low, high, estimate = (values.get(n) for n in ("estimate_low", "estimate_high", "estimate"))
        if isinstance(low, float) and isinstance(high, float) and low > high:
            report(
                "inconsistent-estimate",
                "estimate_low",
                f"{low:g} > {high:g}",
                f"estimate_low {low:g} is above estimate_high {high:g}",
                "swap the two bounds",
            )
        elif isinstance(estimate, float) and (
            (isinstance(low, float) and estimate < low)
            or (isinstance(high, float) and estimate > high)
        ):
            report(
                "inconsistent-estimate",
                "estimate",
                f"{estimate:g}",
                f"estimate {estimate:g} lies outside its interval",
                "check estimate, estimate_low and estimate_high against the publication",
            )
        screening = values.get("screening")
        reason = values.get("exclusion_reason")
        if reason and screening in ("included", None):
            report(
                "inconsistent-screening",
                "exclusion_reason",
                str(reason),
                f"exclusion_reason is given but screening is {screening or 'not set'}",
                f"set {written('screening', 'excluded-eligibility')}, or remove the reason",
            )
        if screening == "excluded-eligibility" and not reason:
            report(
                "inconsistent-screening",
                "screening",
                "excluded-eligibility",
                "a record excluded at full text has no exclusion_reason (PRISMA 2020 lists reasons)",
                f"add {written('exclusion_reason', '...')}",
            )

    @staticmethod
    def _check_unknown_field(name: str, value: str, report: _Reporter) -> None:
        """Only names close to a design field are reported: 'desing' is a typo, 'abstract' is not."""
        closest = _closest_design_field(name)
        if closest is not None:
            report(
                "unknown-field",
                name,
                value,
                f"field {name!r} is not a design field; did you mean {closest!r}?",
                f"rename it to {closest}",
            )


@lru_cache(maxsize=1024)
def _closest_design_field(name: str) -> str | None:
    best = process.extractOne(
        name, _DESIGN_NAMES, scorer=OSA.normalized_similarity, score_cutoff=0.75
    )
    return None if best is None else str(best[0])


class _Reporter(Protocol):
    def __call__(self, code: str, name: str, value: str, message: str, hint: str = "") -> None: ...
