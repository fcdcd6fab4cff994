"""Finding prevalence claims: sentences that say how many people are affected, a share, a rate, the
money size of the trade, or an age statistic of a population.

Counts that are not prevalence (laws passed, cases prosecuted, convictions, arrests, grants, pages,
years, sample sizes) are not claims; neither are headings, reference lists or footnote lists.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import pandas as pd

from evidence.claims.citations import (
    CITATION_MARK,
    Citation,
    find_citations,
    reference_entry,
    without_citations,
)
from evidence.claims.model import BODY, REFERENCE, Paragraph, ReferenceEntry, Sentence
from evidence.claims.numbers import MONEY_CUE, NUMBER_CUE, SHARE_CUE, Figure, find_figures
from evidence.claims.patterns import Cue, compile_pattern, uncaptured
from evidence.claims.readers import TEXT_SUFFIXES, plain_paragraphs, read_paragraphs, text_encoding
from evidence.claims.scan import Skipped, scan_plain_text
from evidence.claims.sentences import SplitParagraph, count_sentences
from evidence.issues import Issue

_POPULATION = (
    r"(?:child|children|minor|minors|youth|youths|juvenile|juveniles|girl|girls|boy|boys|kid|kids|"
    r"teen|teens|teenager|teenagers|adolescent|adolescents|women|woman|men|people|persons|person|"
    r"individuals|victims?|survivors?|slaves|americans|runaways|students|workers|labou?rers|"
    r"refugees|migrants|prostitutes|sex\s+workers|youngsters|infants|daughters|sons|humans|lives)"
)
_FILLER = r"(?:[A-Za-z.'’-]+\s+){0,4}?"
_COUNT_NOUN = compile_pattern(
    rf"(?i)^\s*(?:of\s+(?:the\s+|these\s+|all\s+)?)?{_FILLER}{_POPULATION}\b"
)
_NOT_PREVALENCE_NOUN = compile_pattern(
    r"(?i)^\s*(?:of\s+(?:the\s+|these\s+|all\s+)?)?(?:[A-Za-z.'’-]+\s+){0,2}?"
    r"(?:laws?|statutes?|bills?|acts?|cases|case|prosecutions?|convictions?|arrests?|detentions?|"
    r"charges|indictments|sentences|grants?|dollars\s+in\s+grants|pages?|years?|months?|weeks?|"
    r"days?|hours?|minutes?|states|countries|nations|cities|counties|programs?|programmes?|"
    r"organi[sz]ations|agencies|studies|books|articles|reports|interviews|narratives|"
    r"respondents|participants|informants|surveys?|calls|tips|hotline|beds|shelters|officers|"
    r"investigations|defendants|traffickers|offenders|buyers|johns|ads|advertisements|"
    r"websites|sites|items|questions|percent\s+of\s+the\s+budget)\b"
)
#: Words that say people are trafficked or exploited ("are sold", "in slavery").
_TRAFFICKED = (
    r"(?:traffick\w*|enslav\w*|exploit\w*|sold|prostitut\w*|victim\w*|abused|at\s+risk|"
    r"in\s+(?:slavery|bondage|forced|prostitution|the\s+sex\s+trade|commercial))"
)
_TRAFFICKING_AFTER = compile_pattern(
    r"(?i)^\s*(?:more\s+|others?\s+|additional\s+|annually\s+|each\s+year\s+|a\s+year\s+)?"
    r"(?:are\s+|were\s+|is\s+|was\s+|have\s+been\s+|had\s+been\s+|will\s+be\s+|being\s+|remain\s+)?"
    rf"(?:currently\s+|now\s+|still\s+)?{_TRAFFICKED}"
)
#: Counts of what institutions did (certified, charged, trained, placed) are not prevalence.
_ADMINISTRATIVE_BEFORE = (
    r"(?i)\b(?:certified|charged|prosecuted|convicted|arrested|served|placed|train(?:ed)?|rescued|"
    r"sheltered|housed|assisted|helped|referred|indicted|sentenced|hired|funded|reached|"
    r"screened|treated|counsel+ed)\s+(?:[\w-]+\s+){0,2}$|"
    r"\b(?:will|to|would|plans?\s+to)\s+(?:\w+\s+){0,6}?(?:train|place|hire|serve|reach|"
    r"fund|house|help|screen|treat)\s+(?:[\w-]+\s+){0,2}$"
)
_NOT_COUNT_BEFORE = (
    r"(?i)(?:\bage\s+of|\baged|\bages|\bunder|\bover|\babove|\bbelow|\bolder\s+than|"
    r"\byounger\s+than|\bthe|\bper|\btop|\bfirst|\blast|\bnumber|\bno\.?)\s*$"
)
_PREPOSITIONS = frozenset(
    {"in", "of", "on", "for", "with", "who", "which", "that", "and", "from", "to", "by", "as"}
    | {"at", "into", "than"}
)
_SAMPLE_BEFORE = (
    r"(?i)\b(?:selected|profiled|interviewed|surveyed|sampled|sample\s+of|study\s+of|studied|"
    r"recruited|enrolled|"
    r"participants|respondents|responses\s+from|data\s+(?:on|from)|records\s+of|analy[sz]ed|"
    r"followed|served|treated|screened)\b[^.;]{0,40}$"
)
#: Words before a figure that make it not a prevalence count: a sample, an age limit or an
#: ordinal, what an institution did. All three in one search.
_NOT_PREVALENCE_BEFORE = compile_pattern(
    "|".join(uncaptured(p) for p in (_SAMPLE_BEFORE, _NOT_COUNT_BEFORE, _ADMINISTRATIVE_BEFORE))
)
_SHARE_CONTEXT = compile_pattern(
    rf"(?i)\b{_POPULATION}\b|\b(?:traffick\w*|exploit\w*|prostitut\w*|enslav\w*)"
)
_NOT_SHARE = compile_pattern(
    r"(?i)^\s*(?:of\s+(?:the\s+|all\s+)?)?(?:[A-Za-z.'’-]+\s+){0,2}?(?:cases|prosecutions?|"
    r"convictions?|arrests?|laws?|states|countries|country|nation|jurisdictions|legislat\w*|"
    r"budget|funding|funds|grants?|increase|decrease|"
    r"rise|drop|decline|growth|reduction|response\s+rate)\b"
    r"|^\s*(?:increase|decrease|rise|drop|decline|growth|reduction|more|less|fewer)\b"
)
_SHARE_LINK = compile_pattern(
    r"(?i)^\s*(?:[),;:]\s*)?(?:of|among|were|are|was|is|had|have|reported|said|say|report|in)\b"
)
_MONEY_CONTEXT = compile_pattern(
    r"(?i)\b(?:industry|industries|trade|business|profits?|market|worth|generat\w*|revenues?|"
    r"earn\w*|enterprise|economy|turnover)\b"
)
_GRANT_CONTEXT = compile_pattern(
    r"(?i)\b(?:grants?|funding|funded|budget|appropriat\w*|award\w*|allocat\w*|spent|spend\w*|"
    r"cost\w*|fine[sd]?|donat\w*|raised|pledged|invest\w*)\b"
)
_AGE_STATISTIC = compile_pattern(
    r"(?i)\b(?:(?:average|mean|median|typical|usual)\s+age|age\s+(?:of|at)\s+(?:entry|first|"
    r"recruitment|onset|initiation)|(?:enter|enters|entered|entering|recruited|lured|forced)\s+"
    r"(?:into\s+)?(?:prostitution|the\s+sex\s+trade|the\s+life|commercial\s+sex|sex\s+work|"
    r"the\s+commercial\s+sex\s+trade)|first\s+(?:trafficked|exploited|sold|prostituted|"
    r"victimi[sz]ed|sell|sold\s+sex|traded\s+sex))"
)
#: A text that other texts cite declares its key: ``<!-- citekey: harbor2012hidden -->``.
_CITEKEY = compile_pattern(r"<!--\s*citekey:\s*([\w:.+-]+)\s*-->")
_RATE = compile_pattern(
    r"(?i)\bper\s+(?:100|1,000|10,000|100,000|1000|10000|100000|capita)\b|\brate\s+of\b"
)


#: The most words a count's figure can stand from the noun that makes it a claim: "of the" and
#: four words of :data:`_FILLER` before a population noun, or five before a trafficking word
#: (:data:`_TRAFFICKING_AFTER`), one more after "hundreds of".
_WORDS_TO_NOUN = 7
#: A figure followed, within :data:`_WORDS_TO_NOUN` words (citation markers aside), by a
#: population noun or a trafficking word: every count the rules of :func:`prevalence_figures`
#: can accept is written so.
_GAP = rf"[\s&]|{CITATION_MARK}"
_COUNT_CUE = (
    rf"{NUMBER_CUE}\S*?(?:(?:{_GAP})+[A-Za-z.'’-]+){{0,{_WORDS_TO_NOUN}}}(?:{_GAP})*"
    rf"(?:{_POPULATION}|{_TRAFFICKED})\b"
)
#: Where a prevalence claim could be: a count near a population noun, a share, a sum of money,
#: or an age statistic. A sentence without any of these cannot satisfy the rules of
#: :func:`prevalence_figures`, so it is counted but not read further; this first scan is what
#: keeps flagging fast. ``tests/claims/test_cue.py`` checks that it loses no claim.
CLAIM_CUE = Cue(
    "(?i)" + "|".join([_COUNT_CUE, SHARE_CUE, MONEY_CUE, uncaptured(_AGE_STATISTIC.pattern)])
)


@dataclass(frozen=True, slots=True)
class Claim:
    """A prevalence claim: the sentence, where it starts, its figures and the citations it gives."""

    file: str
    line: int
    page: int | None
    text: str
    paragraph: str
    figures: tuple[Figure, ...]
    citations: tuple[Citation, ...]
    kind: str  # count, share, rate, money, age, registry, wording or table
    all_figures: tuple[Figure, ...] = ()

    @property
    def figure(self) -> str:
        return "; ".join(f.describe() for f in self.figures)


@dataclass(frozen=True)
class TextClaims:
    """The claims of one text, with how many sentences it has and its own reference list."""

    file: str
    sentences: int
    claims: tuple[Claim, ...]
    references: tuple[ReferenceEntry, ...] = ()
    title: str = ""
    citekey: str = ""
    issues: tuple[Issue, ...] = field(default=())

    def reference(self, label: str) -> ReferenceEntry | None:
        for entry in self.references:
            if entry.label == label:
                return entry
        return None

    def to_frame(self) -> pd.DataFrame:
        rows = [
            {
                "file": c.file,
                "line": c.line,
                "page": c.page,
                "kind": c.kind,
                "figure": c.figure,
                "citations": "; ".join(x.text for x in c.citations),
                "text": c.text,
            }
            for c in self.claims
        ]
        return pd.DataFrame(
            rows, columns=["file", "line", "page", "kind", "figure", "citations", "text"]
        )

    def _repr_html_(self) -> str:
        return f"<p>{self.file}: {self.sentences} sentences, {len(self.claims)} claims</p>" + str(
            self.to_frame().to_html(index=False, na_rep="")
        )


def _age_figures(text: str, figures: Sequence[Figure]) -> list[Figure]:
    """In a sentence about an age statistic, the figures that read as ages (5 to 30)."""
    if not _AGE_STATISTIC.found_in(text):
        return []
    return [
        replace(figure, unit="age")
        for figure in figures
        if figure.unit == "count"
        and figure.low is not None
        and figure.high is not None
        and 5 <= figure.low <= figure.high <= 30
    ]


def _counts_people(after: str) -> bool:
    """Whether the words right after a number name people (adjectives allowed, no preposition)."""
    match = _COUNT_NOUN.search(after)
    if match is None:
        return False
    words = match.group(0).lower().split()
    if words and words[0] == "of":
        words = words[2:] if len(words) > 2 and words[1] in ("the", "these", "all") else words[1:]
    return not any(word in _PREPOSITIONS for word in words[:-1])


#: The noun right after a figure (or after "of the") names things, not people.
_COUNTS_THINGS = compile_pattern(
    r"(?i)^\s*(?:%|percent|per\s+cent)?\s*(?:of\s+)?(?:the\s+|all\s+|these\s+)?(?:U\.S\.\s+)?"
    r"(?:laws?|statutes?|bills?|states|countries|country|nations?|cities|counties|cases|prosecutions?|"
    r"convictions?|arrests?|years?|months?|weeks?|days?|hours?|pages?|grants?|programs?|"
    r"organi[sz]ations|agencies|jurisdictions|legislatures?)\b"
)


def _union(first: Sequence[Figure], second: Sequence[Figure]) -> list[Figure]:
    spans = {(f.start, f.end) for f in first}
    return sorted(
        [*first, *(f for f in second if (f.start, f.end) not in spans)], key=lambda f: f.start
    )


def quoted_figures(text: str, figures: Sequence[Figure] | None = None) -> list[Figure]:
    """Figures that may repeat a registry figure, even to criticise it: every figure except
    those that count or share out things that are not people (states, laws, cases, years)."""
    return [
        figure
        for figure in (find_figures(text) if figures is None else figures)
        if not _COUNTS_THINGS.found_in(text[figure.end : figure.end + 60])
    ]


def prevalence_figures(
    text: str, figures: Sequence[Figure] | None = None
) -> tuple[list[Figure], str]:
    """The figures that make ``text`` (citations already blanked) a prevalence claim, and its kind."""
    figures = find_figures(text) if figures is None else figures
    if not figures:
        return [], ""
    ages = _age_figures(text, figures)
    chosen: list[Figure] = list(ages)
    kind = "age" if ages else ""
    aged = {(f.start, f.end) for f in ages}
    for figure in figures:
        if (figure.start, figure.end) in aged:
            continue
        after = text[figure.end : figure.end + 80]
        before = text[max(0, figure.start - 60) : figure.start]
        if figure.unit == "usd":
            if _MONEY_CONTEXT.found_in(text) and not _GRANT_CONTEXT.found_in(text):
                chosen.append(figure)
                kind = kind or "money"
            continue
        if figure.unit == "percent":
            ratio = " in " in figure.text or " of " in figure.text
            if (
                _NOT_SHARE.found_in(after)
                or not (ratio or _SHARE_LINK.found_in(after))
                or not _SHARE_CONTEXT.found_in(text)
            ):
                continue
            chosen.append(figure)
            kind = kind or "share"
            continue
        if figure.low is not None and figure.low < 2 and figure.high == figure.low:
            continue
        if _NOT_PREVALENCE_NOUN.found_in(after):
            continue
        if _NOT_PREVALENCE_BEFORE.found_in(before):
            continue
        if _counts_people(after) or _TRAFFICKING_AFTER.found_in(after):
            chosen.append(figure)
            kind = kind or ("rate" if _RATE.found_in(text) else "count")
    return chosen, kind


#: A cue that reads every sentence.
EVERY_SENTENCE = Cue(r"\S")


@lru_cache(maxsize=16)
def claim_cue(also_cue: Cue | str = "") -> Cue:
    """:data:`CLAIM_CUE` joined with another cue (the registry's figures and wordings)."""
    if isinstance(also_cue, str):
        also_cue = Cue(also_cue)
    return CLAIM_CUE | also_cue


#: How many body paragraphs are read in one batch.
_BATCH_PARAGRAPHS = 64


def claims_of_paragraphs(
    file: str,
    paragraphs: Iterable[Paragraph | Skipped],
    also_claim: Callable[[str, Sequence[Figure]], bool] | None = None,
    cue: Cue | None = None,
    chosen: bool = False,
) -> TextClaims:
    """Split paragraphs into sentences and keep the prevalence claims.

    Only sentences where ``cue`` finds something (see :func:`claim_cue`) are read further; by
    default :data:`CLAIM_CUE`, or every sentence when ``also_claim`` is given, whose own cue is
    not known here. A paragraph is first checked whole, unless ``chosen`` says the paragraphs
    were chosen by the cue already (:func:`~evidence.claims.scan.scan_plain_text`).
    ``also_claim(sentence, figures)`` names sentences that are claims because they repeat a
    registry figure (even to criticise it) or its wording ("second largest criminal industry"),
    though no prevalence noun follows the figure.
    """
    if cue is None:
        cue = CLAIM_CUE if also_claim is None else EVERY_SENTENCE
    claims: list[Claim] = []
    references: list[ReferenceEntry] = []
    sentences = 0
    title = ""
    citekey = ""
    seen_body = False
    # Body paragraphs are read in batches: the cue searches every sentence of the batch, then
    # each step of reading the sentences it finds something in runs over all of them before
    # the next step, so that each step's patterns stay in the processor's cache while it runs.
    batch: list[SplitParagraph] = []

    def read_batch() -> None:
        found = [
            split.sentence(index)
            for split in batch
            for index, (begin, end) in enumerate(split.spans)
            if cue.search(split.text[begin:end])
        ]
        claims.extend(_claims(file, found, also_claim))
        batch.clear()

    for paragraph in paragraphs:
        if isinstance(paragraph, Skipped):
            sentences += paragraph.sentences
            continue
        # a citation key is declared at the top, before the body of the text
        declared = None if seen_body or citekey else _CITEKEY.search(paragraph.text)
        if declared:
            citekey = declared.group(1)
            continue
        if paragraph.kind == REFERENCE:
            references.extend(_reference_entries(paragraph))
            continue
        if paragraph.kind != BODY:
            title = title or paragraph.text
            continue
        seen_body = True
        if not chosen:
            text = paragraph.text
            if not cue.search(text):
                sentences += count_sentences(text)
                continue
        split = SplitParagraph(paragraph)
        sentences += len(split.spans)
        batch.append(split)
        if len(batch) >= _BATCH_PARAGRAPHS:
            read_batch()
    read_batch()
    return TextClaims(file, sentences, tuple(claims), tuple(references), title, citekey)


def _claims(
    file: str,
    sentences: Sequence[Sentence],
    also_claim: Callable[[str, Sequence[Figure]], bool] | None,
) -> list[Claim]:
    """The claims among ``sentences``, in order; each step runs over all of them in turn."""
    texts = [sentence.text for sentence in sentences]
    citations = [find_citations(text) for text in texts]
    bares = [without_citations(text, cited) for text, cited in zip(texts, citations, strict=True)]
    found = [find_figures(bare) for bare in bares]
    stated = [prevalence_figures(bare, f) for bare, f in zip(bares, found, strict=True)]
    quoted = [quoted_figures(bare, f) for bare, f in zip(bares, found, strict=True)]
    claims = []
    for sentence, cited, (figures, kind), others in zip(
        sentences, citations, stated, quoted, strict=True
    ):
        every = _union(figures, others)
        if not figures:
            if also_claim is None or not also_claim(sentence.text, every):
                continue
            kind = "registry"
        claims.append(
            Claim(
                file,
                sentence.line,
                sentence.page,
                sentence.text,
                sentence.paragraph,
                tuple(figures),
                tuple(cited),
                kind,
                tuple(every),
            )
        )
    return claims


def _reference_entries(paragraph: Paragraph) -> Iterator[ReferenceEntry]:
    current: list[str] = []
    line = paragraph.line
    labelled = [reference_entry(item.text, item.number).label for item in paragraph.lines]

    # A wrapped entry's next line may start with a number ("19 July 2010."): only lines written
    # in the style of the first line's label start new entries.
    def style(text: str) -> str:
        first = text.lstrip()[:1]
        return "digit" if first.isdigit() else first

    first_style = style(paragraph.lines[0].text)
    labelled = [
        label if style(item.text) == first_style else None
        for item, label in zip(paragraph.lines, labelled, strict=True)
    ]
    one_per_line = any(labelled)
    for item, label in zip(paragraph.lines, labelled, strict=True):
        if one_per_line and label is not None and current:
            yield reference_entry(" ".join(current), line)
            current = []
        if not current:
            line = item.number
        current.append(item.text.strip())
    if current:
        yield reference_entry(" ".join(current), line)


def read_claims(
    path: str | Path,
    also_claim: Callable[[str, Sequence[Figure]], bool] | None = None,
    also_cue: Cue | str = "",
) -> TextClaims:
    """The prevalence claims of one text file (.txt, .md, .html, .docx, .pdf).

    Plain text and Markdown are streamed: only paragraphs that match :data:`CLAIM_CUE` or
    ``also_cue`` (an RE2 pattern, such as the registry's wordings) are read sentence by sentence.
    """
    file = Path(path)
    suffix = file.suffix.lower()
    cue = claim_cue(also_cue)
    if suffix in TEXT_SUFFIXES:
        markdown = suffix in (".md", ".markdown")
        encoding = text_encoding(file)
        if encoding == "utf-8":
            paragraphs = scan_plain_text(file, cue, markdown)
            return claims_of_paragraphs(str(path), paragraphs, also_claim, cue, chosen=True)
        # Not UTF-8 (older word-processor exports): read as text in the detected encoding.
        guessed = Issue(
            "encoding-guessed",
            f"the text is not UTF-8; it was read as {encoding}",
            file=str(path),
            value=encoding,
            hint="save the text as UTF-8 to be sure of its characters",
        )
        with file.open(encoding=encoding, errors="replace") as handle:
            paragraphs = plain_paragraphs(handle, markdown)
            read = claims_of_paragraphs(str(path), paragraphs, also_claim, cue)
        return replace(read, issues=(*read.issues, guessed))
    return claims_of_paragraphs(str(path), read_paragraphs(path), also_claim, cue)


CLAIM_TABLE_COLUMNS = ("claim", "cites", "page")


def read_claim_table(path: str | Path) -> TextClaims:
    """A claim table (CSV with columns ``claim,cites,page`` and optional ``text_id,line``).

    Each row is one claim; ``cites`` holds bibliography keys or author-year citations separated by
    ``;``. Rows are flagged the same way as sentences of a text; ``text_id`` and ``line`` (when
    given) say where the claim stands in the original text.
    """
    file = Path(path)
    with file.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        columns = [c.strip() for c in reader.fieldnames or []]
        missing = [c for c in ("claim", "cites") if c not in columns]
        if missing:
            problem = Issue(
                "claim-table-columns",
                f"the claim table has no {' or '.join(missing)} column",
                file=str(file),
                line=1,
                value=",".join(columns),
                hint="the header must name claim,cites,page (optional text_id,line)",
            )
            return TextClaims(str(file), 0, (), issues=(problem,))
        claims: list[Claim] = []
        issues: list[Issue] = []
        rows = 0
        for number, row in enumerate(reader, start=2):
            record = {str(k).strip(): (v or "").strip() for k, v in row.items() if k is not None}
            text = record.get("claim", "")
            if not text:
                continue
            rows += 1
            citations = list(find_citations(text))
            for cite in filter(None, (c.strip() for c in record.get("cites", "").split(";"))):
                citations.extend(_table_citation(cite))
            bare = without_citations(text, [c for c in citations if c.end <= len(text)])
            figures, kind = prevalence_figures(bare)
            every = _union(figures, quoted_figures(bare))
            line = _table_number(record, "line", file, number, issues) or number
            page = _table_number(record, "page", file, number, issues)
            claims.append(
                Claim(
                    record.get("text_id") or str(file),
                    line,
                    page,
                    text,
                    text,
                    tuple(figures),
                    tuple(citations),
                    kind or "table",
                    tuple(every),
                )
            )
    return TextClaims(str(file), rows, tuple(claims), issues=tuple(issues))


def _table_number(
    record: dict[str, str], column: str, file: Path, row: int, issues: list[Issue]
) -> int | None:
    """A page or line of a claim-table row; anything but a positive whole number is an issue."""
    value = record.get(column, "")
    if not value:
        return None
    if value.isdigit() and int(value) > 0:
        return int(value)
    issues.append(
        Issue(
            "claim-table-value",
            f"the {column} {value!r} is not a positive whole number; the row is kept without it",
            file=str(file),
            line=row,
            field=column,
            value=value,
            hint=f"write the {column} as digits, e.g. 12",
        )
    )
    return None


def _table_citation(cite: str) -> list[Citation]:
    inside = find_citations(f"({cite})")
    if inside:
        return [Citation(c.kind, cite, c.authors, c.year, c.label, c.key) for c in inside]
    key = cite.lstrip("@")
    return [Citation("key", cite, key=key)]
