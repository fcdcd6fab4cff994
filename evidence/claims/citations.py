"""Citations as texts write them, found in a sentence and in a text's own reference list.

Author-year in parentheses ("(Estes & Weiner, 2001)", "(see Bales 1999; UNODC, 2018)") and in
running text ("Estes and Weiner (2001)", "Curtis et al. (2008)"); numbered references ("[3]",
"(3)", Word and HTML superscripts, read as "[3]") resolved through the text's own reference list;
pandoc ``[@key]`` and LaTeX ``\\cite{key}`` resolved through the bibliography; and attribution by
name ("according to the State Department", "Kevin Bales estimated"), which the flag stage
resolves against the registry and the bibliography.
"""

from __future__ import annotations

from dataclasses import dataclass

from evidence.claims.model import ReferenceEntry
from evidence.claims.patterns import compile_pattern

_YEAR = compile_pattern(r"\b((?:1[89]|20)\d\d)[a-z]?\b")
_PARENTHESES = compile_pattern(r"\(([^()]{0,300})\)")
_BRACKETS = compile_pattern(r"\[(\d{1,3}(?:\s*[-–,]\s*\d{1,3})*)\]")
_PANDOC = compile_pattern(
    r"\[([^\[\]]*@[\w:.#$%&+?<>~/-]+[^\[\]]*)\]|(?:^|\s)@([A-Za-z][\w:.#$%&+?<>~/-]*\w)"
)
_PANDOC_KEY = compile_pattern(r"@([A-Za-z][\w:.#$%&+?<>~/-]*\w)")
_LATEX = compile_pattern(r"\\(?:[a-zA-Z]*cite[a-zA-Z]*)\*?(?:\[[^\]]*\]){0,2}\{([^}]*)\}")
_NUMBERED_ONLY = compile_pattern(r"^\s*\d{1,3}(?:\s*[-–,]\s*\d{1,3})*\s*$")
_NAME_BEFORE = compile_pattern(r"((?:[A-Z][\w'’.-]*|&|and|et\s+al\.?|,|\s)+?)(?:['’]s)?\s*$")
_ATTRIBUTION = compile_pattern(
    r"\b[Aa]ccording\s+to\s+(?:the\s+|a\s+|an\s+)?([A-Z][\w&'’.-]*(?:\s+(?:of\s+|for\s+|&\s+|and\s+)?[A-Z][\w&'’.-]*)*)"
    r"|(?:^|[\s(])(?:the\s+|The\s+)?([A-Z][\w&'’.-]*(?:\s+(?:of\s+|for\s+|&\s+|and\s+)?[A-Z][\w&'’.-]*)*)['’]?s?\s+"
    r"(?:has\s+|have\s+|had\s+)?(?:estimat|report|found|finds|calculat|claim|stat|said|says|assert|document|put|place|count)"
)
#: The citation markers the flag stage blanks out of a sentence before reading its figures, when
#: they stand alone: parentheses, brackets, pandoc keys and LaTeX commands. The first scan of a
#: text lets them stand between a figure and the words after it (an author's name before a
#: parenthesis counts as words there).
CITATION_MARK = r"\([^()]*\)|\[[^\[\]]*\]|@[\w:.#$%&+?<>~/-]+|\\[a-zA-Z]*cite[^}]*\}"
_REFERENCE_LABEL = compile_pattern(r"^\s*(?:\[(\d{1,3})\]|(\d{1,3})[.)]\s|\[\^(\w+)\]:)")
_GENERIC_SUBJECTS = frozenset(
    [
        "the",
        "a",
        "an",
        "it",
        "this",
        "these",
        "those",
        "that",
        "some",
        "many",
        "most",
        "others",
        "experts",
        "studies",
        "research",
        "researchers",
        "advocates",
        "estimates",
        "reports",
        "data",
        "statistics",
        "officials",
        "scholars",
        "authorities",
        "analysts",
        "observers",
        "critics",
        "one",
        "several",
        "recent",
        "earlier",
        "previous",
        "other",
        "such",
        "we",
        "they",
        "he",
        "she",
        "in",
        "on",
        "of",
        "for",
        "as",
        "at",
        "by",
        "from",
        "according",
        "however",
        "yet",
        "but",
        "and",
        "or",
    ]
)
_STOP_WORDS = frozenset(
    {"see", "e.g.", "eg", "cf.", "cf", "also", "and", "&", "in", "et", "al", "al."}
)


@dataclass(frozen=True, slots=True)
class Citation:
    """One citation in a sentence.

    ``kind`` is ``author-year`` (``authors``, ``year``), ``numbered`` (``label``), ``key`` (a
    bibliography key from pandoc or LaTeX) or ``name`` (attribution by name, ``authors`` holds it).
    """

    kind: str
    text: str
    authors: str = ""
    year: int | None = None
    label: str = ""
    key: str = ""
    start: int = 0
    end: int = 0


def _author_part(text: str) -> str:
    words = [w for w in text.replace(",", " , ").split() if w.lower() not in _STOP_WORDS]
    return " ".join(words).strip(" ,;:")


def _expand_numbers(text: str) -> list[str]:
    labels: list[str] = []
    for part in text.replace("–", "-").split(","):
        part = part.strip()
        if "-" in part:
            low, _, high = part.partition("-")
            if low.strip().isdigit() and high.strip().isdigit():
                first, last = int(low), int(high)
                if 0 < last - first < 50:
                    labels.extend(str(n) for n in range(first, last + 1))
                    continue
        if part.isdigit():
            labels.append(part)
    return labels


def find_citations(sentence: str) -> list[Citation]:
    """Every citation written in ``sentence``, in order."""
    found: list[Citation] = []
    taken: list[tuple[int, int]] = []

    def add(citation: Citation) -> None:
        found.append(citation)
        taken.append((citation.start, citation.end))

    # each kind of marker is looked for only where its opening character stands
    for match in _LATEX.finditer(sentence) if "\\" in sentence else ():
        for key in match.group(1).split(","):
            if key.strip():
                add(
                    Citation(
                        "key", match.group(0), key=key.strip(), start=match.start(), end=match.end()
                    )
                )
    for match in _PANDOC.finditer(sentence) if "@" in sentence else ():
        body = match.group(0)
        for key_match in _PANDOC_KEY.finditer(body):
            add(
                Citation(
                    "key",
                    body.strip(),
                    key=key_match.group(1),
                    start=match.start(),
                    end=match.end(),
                )
            )
    for match in _BRACKETS.finditer(sentence) if "[" in sentence else ():
        for label in _expand_numbers(match.group(1)):
            add(
                Citation(
                    "numbered", match.group(0), label=label, start=match.start(), end=match.end()
                )
            )
    for match in _PARENTHESES.finditer(sentence) if "(" in sentence else ():
        inner = match.group(1)
        if any(s <= match.start() < e for s, e in taken):
            continue
        if _NUMBERED_ONLY.found_in(inner):
            for label in _expand_numbers(inner):
                add(
                    Citation(
                        "numbered",
                        match.group(0),
                        label=label,
                        start=match.start(),
                        end=match.end(),
                    )
                )
            continue
        if not _YEAR.found_in(inner):
            continue
        for part in inner.split(";"):
            year_match = _YEAR.search(part)
            if not year_match:
                continue
            raw = part[: year_match.start()].strip()
            if raw[:1].islower() and raw.split()[0] not in ("see", "e.g.,", "e.g.", "cf.", "cf"):
                continue  # "(in 2001)", "(since 2000)": a year in running text
            authors = _author_part(raw)
            year = int(year_match.group(1))
            if not authors or authors.lower() in ("p", "pp"):
                before = _NAME_BEFORE.search(sentence[max(0, match.start() - 120) : match.start()])
                authors = _author_part(before.group(1)) if before else ""
            if authors and not authors[0].isupper():
                # "(in 2001)" or "(since 2000)": a year in running text, not a citation
                continue
            add(
                Citation(
                    "author-year",
                    match.group(0),
                    authors=authors,
                    year=year,
                    start=match.start(),
                    end=match.end(),
                )
            )
    for match in _ATTRIBUTION.finditer(sentence):
        name = (match.group(1) or match.group(2) or "").strip()
        words = [w for w in name.split() if w]
        while words and words[0].lower() in _GENERIC_SUBJECTS:
            words = words[1:]
        if not words:
            continue
        first = words[0].strip(".,")
        if first.lower() in _GENERIC_SUBJECTS:
            continue
        add(
            Citation(
                "name",
                match.group(0).strip(),
                authors=" ".join(words),
                start=match.start(),
                end=match.end(),
            )
        )
    return sorted(found, key=lambda c: c.start)


def without_citations(sentence: str, citations: list[Citation]) -> str:
    """The sentence with its citation markers blanked (same length), so their years and numbers
    are not read as figures."""
    if all(citation.kind == "name" for citation in citations):
        return sentence
    chars = list(sentence)
    for citation in citations:
        if citation.kind == "name":
            continue
        for index in range(citation.start, min(citation.end, len(chars))):
            chars[index] = " "
    return "".join(chars)


def reference_entry(text: str, line: int) -> ReferenceEntry:
    """A reference-list entry with its number ("[3] ...", "3. ...", "[^3]: ...") when it has one."""
    match = _REFERENCE_LABEL.search(text)
    label = None
    if match:
        label = match.group(1) or match.group(2) or match.group(3)
    return ReferenceEntry(label, text.strip(), line)


def entry_year(entry: ReferenceEntry) -> int | None:
    match = _YEAR.search(entry.text)
    return int(match.group(1)) if match else None
