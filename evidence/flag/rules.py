"""Flagging prevalence claims: which flaw each claim carries, what it rests on, and why.

``flag_claims(texts, studies, registry, appraisals=None)`` reads each text (or claim table), finds
its prevalence claims, resolves their citations (author-year, numbered through the text's own
reference list, bibliography keys, attribution by name) and gives one :class:`Flag` per
(sentence, code, source) with the stable codes ``flawed-source``, ``measure-shift``, ``no-source``,
``design-cannot-support``, ``high-risk-source`` and ``inherited``. Each flag carries the figure it
found, the source it rests on, a one-sentence explanation naming the critique, and whether the
sentence or its paragraph acknowledges the estimate's limits.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from evidence.claims.citations import Citation, entry_year
from evidence.claims.claims import (
    Claim,
    TextClaims,
    read_claim_table,
    read_claims,
)
from evidence.claims.numbers import Figure
from evidence.claims.patterns import compile_pattern
from evidence.claims.readers import READABLE_SUFFIXES, UnreadableTextError
from evidence.flag.registry import Cues, Entry, FigureSpec, Registry, load_cues
from evidence.ingest.model import Studies, Study
from evidence.issues import Issue, IssueTable

FLAG_CODES = (
    "flawed-source",
    "measure-shift",
    "no-source",
    "design-cannot-support",
    "high-risk-source",
    "inherited",
)
FLAG_COLUMNS = [
    "file",
    "line",
    "page",
    "code",
    "source",
    "acknowledged",
    "figure",
    "explanation",
    "text",
]

#: Designs and samplings that cannot give a prevalence figure (vocabulary ids).
WEAK_DESIGNS = frozenset({"qualitative-interviews", "case-series", "report-no-method"})
WEAK_SAMPLINGS = frozenset({"purposive", "convenience", "agency-known", "snowball"})

_VICTIM_WORDING = compile_pattern(
    r"(?i)\b(?:are|were|is|was|be|being|been|become|became|get|gets|got|remain)\s+(?:\w+\s+){0,2}?"
    r"(?:trafficked|victims?|sold|exploited|prostituted|enslaved|abused|bought|used)\b"
    r"|\bvictims\s+of\b|\b(?:in|into)\s+(?:prostitution|the\s+sex\s+trade|commercial\s+sex)\b"
    r"|\b(?:trafficked|sold|exploited|prostituted)\s+(?:each|every|a|per|annually|in)\b"
)
_AT_RISK_WORDING = compile_pattern(r"(?i)\bat[-\s]risk\b|\bvulnerable\b|\brisk\s+of\b")
_DETECTED_WORDING = compile_pattern(
    r"(?i)\b(?:detected|identified|reported|known\s+to|recorded|registered|officially|"
    r"came\s+to\s+the\s+attention|found\s+by)\b"
)
_KNOWN_COUNT = compile_pattern(
    r"(?i)\bthere\s+(?:are|were|is)\b|\bwe\s+know\b|\bexactly\b|\bprecisely\b|\bin\s+total\b|"
    r"\bthe\s+(?:exact|actual|true)\s+number\b"
)
_HEDGED = compile_pattern(
    r"(?i)\bestimat\w*|\bapproximately\b|\broughly\b|\babout\b|\baround\b|\bperhaps\b|\bmay\b|"
    r"\bmight\b|\bcould\b|\bas\s+many\s+as\b|\bup\s+to\b|\bsome\b|\bguess\w*|\bsuggest\w*"
)
_FLOW = compile_pattern(
    r"(?i)\b(?:every|each|per|a)\s+(?:day|year|hour|minute|second|week|month)\b|\bdaily\b|"
    r"\bannually\b|\byearly\b|\bevery\s+\d+\s+(?:seconds|minutes)\b"
)
_SAMPLE_SCOPE = compile_pattern(
    r"(?i)\b(?:in\s+(?:the|their|its|this|that)\s+(?:sample|study|survey|data)|"
    r"(?:they|it|the\s+study|the\s+researchers|the\s+authors)\s+(?:interviewed|surveyed|sampled)|"
    r"(?:people|youth|youths|children|minors|girls|boys|women|adults|respondents)\s+(?:\w+\s+)?"
    r"(?:interviewed|surveyed|sampled|recruited)|sample\s+of|"
    r"in\s+(?:a|the|their|its)\s+(?:[\w-]+\s+)?sample|"
    r"respondents|participants|of\s+those|among\s+(?:those|them)|"
    r"cases?\s+(?:known|seen|served|referred)|clients|caseload|served\s+by|"
    r"known\s+to|arrests?|arrested|detentions?|police\s+records|referred|their\s+programs?|"
    r"detected)\b"
)
_CRITIQUE_MEASURES = frozenset({"estimate-quality", "citation-practice"})
#: Samplings that give a study its own estimate: such a study cited beside a registry figure is a
#: contrast to it, not a work that passes it on.
STRONG_SAMPLINGS = frozenset(
    {"probability", "census", "respondent-driven", "capture-recapture", "time-location"}
)


@dataclass(frozen=True, slots=True)
class Flag:
    """One flag on one claim: the code, what it rests on, and why."""

    file: str
    line: int
    page: int | None
    code: str
    source: str | None
    acknowledged: bool
    figure: str
    explanation: str
    text: str

    def as_dict(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in FLAG_COLUMNS}


@dataclass(frozen=True)
class Flags:
    """The flags of a set of texts, in text and line order, with the problems met reading them."""

    rows: tuple[Flag, ...] = ()
    texts: tuple[TextClaims, ...] = ()
    issues: IssueTable = field(default_factory=IssueTable)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[Flag]:
        return iter(self.rows)

    @property
    def unacknowledged(self) -> tuple[Flag, ...]:
        return tuple(f for f in self.rows if not f.acknowledged)

    def to_frame(self) -> pd.DataFrame:
        frame = pd.DataFrame([f.as_dict() for f in self.rows], columns=FLAG_COLUMNS)
        frame["line"] = frame["line"].astype("Int64")
        frame["page"] = frame["page"].astype("Int64")
        frame["acknowledged"] = frame["acknowledged"].astype(bool)
        return frame

    def _repr_html_(self) -> str:
        summary = (
            f"<p>{len(self.rows)} flags in {len(self.texts)} texts; "
            f"{len(self.unacknowledged)} unacknowledged</p>"
        )
        return summary + str(self.to_frame().to_html(index=False, na_rep=""))


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _family(author: str) -> str:
    return author.split(",", 1)[0].strip() if "," in author else author.strip()


@dataclass(frozen=True)
class _Cited:
    """What one citation resolved to."""

    label: str
    study: Study | None = None
    entries: tuple[Entry, ...] = ()
    text_file: str | None = None
    citekey: str = ""

    @property
    def source(self) -> str:
        if self.study is not None:
            return self.study.key
        if self.text_file is not None:
            return self.citekey or Path(self.text_file).name
        return self.entries[0].id if self.entries else self.label


class _Resolver:
    """Resolves citations against the registry, the bibliography and the other texts."""

    def __init__(self, studies: Studies | None, registry: Registry, texts: Sequence[TextClaims]):
        self.studies = studies
        self.registry = registry
        self.texts = texts
        self._by_year: dict[int, list[Study]] = {}
        for study in studies or ():
            if study.year is not None:
                self._by_year.setdefault(study.year, []).append(study)
        # a text cites the same works again and again: each citation is resolved once per text
        self._resolved: dict[tuple[object, ...], _Cited | None] = {}

    def _study_by_author_year(self, authors: str, year: int | None) -> Study | None:
        if year is None:
            return None
        folded = _fold(authors)
        for study in self._by_year.get(year, []):
            if not study.authors:
                continue
            family = _fold(_family(study.authors[0]))
            if family and (family in folded or (len(folded) > 3 and folded in family)):
                return study
        return None

    def _study_by_name(self, name: str) -> Study | None:
        folded = _fold(name)
        for study in self.studies or ():
            if study.authors:
                family = _fold(_family(study.authors[0]))
                if (len(family) > 3 and family in folded.split()) or (
                    " " in family and family in folded
                ):
                    return study
        return None

    def _single_origin(self, entries: Sequence[Entry]) -> Study | None:
        """The study a citation names when the entries it fits have one origin between them."""
        keys = {k for e in entries for k in e.origin_keys}
        if len(keys) == 1 and self.studies is not None:
            return self.studies.get(next(iter(keys)))
        return None

    def _entries_for(self, study: Study | None, matched: list[Entry]) -> tuple[Entry, ...]:
        entries = list(matched)
        if study is not None:
            for entry in self.registry.by_origin_key(study.key):
                if all(entry.id != e.id for e in entries):
                    entries.append(entry)
        return tuple(entries)

    def resolve(self, citation: Citation, text: TextClaims) -> _Cited | None:
        written = (
            text.file,
            citation.kind,
            citation.text,
            citation.authors,
            citation.year,
            citation.label,
            citation.key,
        )
        if written not in self._resolved:
            self._resolved[written] = self._resolve(citation, text)
        return self._resolved[written]

    def _resolve(self, citation: Citation, text: TextClaims) -> _Cited | None:
        if citation.kind == "key":
            study = self.studies.get(citation.key) if self.studies is not None else None
            entries = self.registry.by_origin_key(citation.key)
            if study is None and not entries:
                for other in self.texts:
                    if other.citekey == citation.key and other.file != text.file:
                        return _Cited(citation.key, text_file=other.file, citekey=other.citekey)
                return _Cited(citation.key)
            return _Cited(citation.key, study, self._entries_for(study, entries))
        if citation.kind == "numbered":
            reference = text.reference(citation.label)
            if reference is None:
                return _Cited(f"[{citation.label}]")
            entries = [
                e
                for e in self.registry.entries
                if any(o.matches_reference(reference.text) for o in e.origins)
            ]
            year = entry_year(reference)
            body = (
                reference.text.split("]", 1)[-1]
                if reference.text.startswith("[")
                else reference.text
            )
            study = self._study_by_author_year(body[:80], year) or self._single_origin(entries)
            cited_text = self._text_by_reference(reference.text, text.file)
            return _Cited(reference.text, study, self._entries_for(study, entries), cited_text)
        if citation.kind == "author-year":
            entries = [
                e
                for e in self.registry.entries
                if any(o.matches_author_year(citation.authors, citation.year) for o in e.origins)
            ]
            study = self._study_by_author_year(citation.authors, citation.year)
            if study is None and entries:
                keys = [k for e in entries for k in e.origin_keys]
                for key in keys:
                    candidate = self.studies.get(key) if self.studies is not None else None
                    if candidate is not None and candidate.year == citation.year:
                        study = candidate
                        break
            return _Cited(citation.text, study, self._entries_for(study, entries))
        # attribution by name
        entries = [
            e
            for e in self.registry.entries
            if any(o.matches_name(citation.authors) for o in e.origins)
        ]
        study = self._study_by_name(citation.authors) if not entries else None
        origin_keys = {k for e in entries for k in e.origin_keys}
        if study is None and len(origin_keys) == 1 and self.studies is not None:
            # A name resolves to a study only when it is the one origin of what it names.
            study = self.studies.get(next(iter(origin_keys)))
        if study is None and not entries:
            return _Cited(citation.authors)
        return _Cited(citation.text, study, self._entries_for(study, entries))

    def _text_by_reference(self, reference: str, own: str) -> str | None:
        folded = _fold(reference)
        for other in self.texts:
            title = _fold(other.title.strip("# *"))
            if other.file != own and len(title) >= 12 and title in folded:
                return other.file
        return None


def _short_citation(study: Study) -> str:
    """``Stransky & Finkelhor (2008)``; a work without authors by its venue ("The Washington Post
    (2015)") rather than its whole title."""
    if study.authors or not study.venue:
        return study.citation()
    return f"{study.venue} ({study.year})" if study.year else study.venue


def _critiques(entry: Entry, studies: Studies | None) -> str:
    names = []
    for key in entry.critiques:
        study = studies.get(key) if studies is not None else None
        names.append(_short_citation(study) if study is not None else key)
    names.extend(entry.critique_notes)
    return "; ".join(names) if names else "no published critique recorded"


_CLAUSE_STOPS = (";", ", and ", ", but ", ", while ", ", whereas ")


def _near_flow(claim: Claim, figures: Sequence[Figure]) -> bool:
    """A rate word in the clause of one of ``figures`` (not in another clause of the sentence)."""
    text = claim.text
    for figure in figures or claim.all_figures or claim.figures:
        begin = max(text.rfind(stop, 0, figure.start) for stop in _CLAUSE_STOPS)
        ends = [i for i in (text.find(stop, figure.end) for stop in _CLAUSE_STOPS) if i >= 0]
        if _FLOW.found_in(text[max(begin, 0) : min(ends, default=len(text))]):
            return True
    return False


def _shift_of(entry_measure: str, claim: Claim, figures: Sequence[Figure] = ()) -> str | None:
    """The measure shift a claim makes on a source that measured ``entry_measure``, if any."""
    text = claim.text
    if (
        entry_measure == "at-risk"
        and _VICTIM_WORDING.found_in(text)
        and not _AT_RISK_WORDING.found_in(text)
    ):
        return "states children at risk as victims"
    if (
        entry_measure == "detected"
        and claim.kind in ("share", "count")
        and not _DETECTED_WORDING.found_in(text)
    ):
        return "states victims detected by authorities as the share of all victims"
    if entry_measure == "stock" and (
        _near_flow(claim, figures) if figures else _FLOW.found_in(text)
    ):
        return "states a count of people at one time (a stock) as a number per day or year (a flow)"
    if entry_measure in ("at-risk", "victims-estimate", "stock", "model", "advertisements"):
        hedged = any(f.hedge for f in claim.figures) or _HEDGED.found_in(text)
        if _KNOWN_COUNT.found_in(text) and not hedged:
            return "states an estimate as a known count"
    return None


def _study_shift(study: Study, claim: Claim) -> str | None:
    if study.measure == "at-risk":
        return _shift_of("at-risk", claim)
    if study.measure == "detected":
        return _shift_of("detected", claim)
    return None


def _used_for_what_it_measured(claim: Claim) -> bool:
    """Whether the figure is about the study's own sample, records or detected cases."""
    return _SAMPLE_SCOPE.found_in(claim.text)


def _study_label(study: Study) -> str:
    design = (study.design or "unstated design").replace("-", " ")
    sampling = f", {study.sampling.replace('-', ' ')} sampling" if study.sampling else ""
    return f"{study.citation()} ({design}{sampling})"


class _Flagger:
    def __init__(
        self,
        studies: Studies | None,
        registry: Registry,
        cues: Cues,
        appraisals: Mapping[str, str] | None,
        texts: Sequence[TextClaims],
    ) -> None:
        self.studies = studies
        self.registry = registry
        self.cues = cues
        self.appraisals = {k: str(v).lower() for k, v in (appraisals or {}).items()}
        self.resolver = _Resolver(studies, registry, texts)
        self.flagged_entries: dict[str, set[str]] = {}
        self.flagged_texts: set[str] = set()
        # claims of one paragraph come one after another: remember the last paragraph's answer
        self._acknowledged: dict[str, bool] = {}
        self._critique_names: dict[str, str] = {}

    def _critiques_of(self, entry: Entry) -> str:
        """The critiques of an entry, named once per flagger."""
        if entry.id not in self._critique_names:
            self._critique_names[entry.id] = _critiques(entry, self.studies)
        return self._critique_names[entry.id]

    def _figure_hits(self, claim: Claim) -> dict[str, list[Figure]]:
        """For each registry entry the sentence repeats, the figures of it that it repeats
        (empty for an entry recognised by its wording alone)."""
        hits: dict[str, list[Figure]] = {}
        text = claim.text
        worded = self.registry.wording_match(text)
        fitting = [(f, self.registry.figure_entries(f)) for f in claim.all_figures]
        candidates = {entry_id for _, entries in fitting for entry_id in entries}
        # a spec's context words are looked for once per sentence, whichever figure fits it
        in_context: dict[int, bool] = {}

        def context_in(spec: FigureSpec) -> bool:
            if id(spec) not in in_context:
                in_context[id(spec)] = spec.context_in(text)
            return in_context[id(spec)]

        for entry in self.registry.entries:
            if entry.id not in candidates and not worded:
                continue
            found = [
                f
                for f, entries in fitting
                if any(context_in(spec) for spec in entries.get(entry.id, ()))
            ]
            if found or (worded and entry.wording_matches(text)):
                hits[entry.id] = found
        return hits

    def _fits(self, entry: Entry, claim: Claim) -> bool:
        if not claim.all_figures:
            return True
        return any(entry.unit_fits(f) for f in claim.all_figures) or (
            claim.kind == "wording" and bool(entry.wordings)
        )

    def flag(self, text: TextClaims, claim: Claim) -> list[Flag]:
        paragraph = claim.paragraph or claim.text
        if paragraph not in self._acknowledged:
            self._acknowledged = {paragraph: self.cues.acknowledges([paragraph])}
        acknowledged = self._acknowledged[paragraph]
        figure = claim.figure or "(no figure)"
        rows: list[tuple[str, str | None, str]] = []

        def add(code: str, source: str | None, explanation: str) -> None:
            if (code, source) not in {(c, s) for c, s, _ in rows}:
                rows.append((code, source, explanation))

        cited = [
            c for c in (self.resolver.resolve(x, text) for x in claim.citations) if c is not None
        ]
        hits = self._figure_hits(claim)
        by_figure = [e for e in self.registry.entries if e.id in hits]
        matched_ids = set(hits)
        by_citation = [
            e
            for c in cited
            for e in c.entries
            # a cited origin with several entries (Estes & Weiner: the at-risk range and the age
            # of entry) stands for the one whose figure the sentence repeats, when it repeats one
            if self._fits(e, claim)
            and (e.id in matched_ids or not any(x.id in matched_ids for x in c.entries))
        ]
        entries: list[Entry] = []
        for entry in [*by_figure, *by_citation]:
            if all(entry.id != e.id for e in entries):
                entries.append(entry)
        origin_keys = {k for e in entries for k in e.origin_keys}

        if not claim.figures:
            # a sentence that quotes a registry figure without stating it as prevalence
            quoted = {(f.start, f.end): f for e in entries for f in hits.get(e.id, [])}
            figure = "; ".join(quoted[span].describe() for span in sorted(quoted)) or figure
        for entry in entries:
            add(
                "flawed-source",
                entry.id,
                f"{figure} repeats the {entry.label}, which measured {entry.measured}; "
                f"{entry.why_not_prevalence} ({self._critiques_of(entry)}).",
            )
            self.flagged_entries.setdefault(text.file, set()).add(entry.id)
        for entry in entries:
            shift = _shift_of(entry.measure, claim, hits.get(entry.id, []))
            if shift:
                add(
                    "measure-shift",
                    entry.id,
                    f"{figure} {shift}, but the {entry.label} measured {entry.measured} "
                    f"({self._critiques_of(entry)}).",
                )
        for item in cited:
            derived = [
                e for e in item.entries if e.derived_from and any(e.id == x.id for x in entries)
            ]
            for entry in derived:
                parent = self.registry[entry.derived_from or ""]
                add(
                    "inherited",
                    item.source,
                    f"{figure} cites {item.label}, whose figure derives from the {parent.label}; "
                    f"{parent.why_not_prevalence} ({self._critiques_of(parent)}).",
                )
            study = item.study
            if study is not None:
                is_origin = study.key in origin_keys or bool(item.entries)
                self._flag_study(study, claim, figure, by_figure, add, is_origin)
            if item.text_file is not None and item.text_file in self.flagged_texts:
                shared = self.flagged_entries.get(item.text_file, set()) & {e.id for e in by_figure}
                if shared or not by_figure:
                    add(
                        "inherited",
                        item.source,
                        f"{figure} cites {item.source}, whose own claim on this point is flagged.",
                    )
        if rows:
            self.flagged_texts.add(text.file)
        if not entries and not claim.citations:
            add(
                "no-source",
                None,
                f"{figure} is a prevalence claim with no citation or attribution.",
            )
        return [
            Flag(
                claim.file,
                claim.line,
                claim.page,
                code,
                source,
                acknowledged,
                "" if figure == "(no figure)" else figure,
                why,
                claim.text,
            )
            for code, source, why in rows
        ]

    def _flag_study(
        self,
        study: Study,
        claim: Claim,
        figure: str,
        by_figure: list[Entry],
        add: Callable[[str, str | None, str], None],
        is_origin: bool,
    ) -> None:
        weak = study.design in WEAK_DESIGNS or study.sampling in WEAK_SAMPLINGS
        if weak and not _used_for_what_it_measured(claim):
            add(
                "design-cannot-support",
                study.key,
                f"{figure} rests on {_study_label(study)}, whose design or sampling cannot give a "
                "prevalence figure.",
            )
        if self.appraisals.get(study.key) == "high":
            add(
                "high-risk-source",
                study.key,
                f"{figure} rests on {study.citation()}, appraised at high risk of bias.",
            )
        if is_origin:
            return  # the registry entry's own flags say the rest
        shift = _study_shift(study, claim)
        if shift:
            add(
                "measure-shift",
                study.key,
                f"{figure} {shift}; {study.citation()} measured {study.measure}.",
            )
        passes_on = (
            study.measure not in _CRITIQUE_MEASURES and study.sampling not in STRONG_SAMPLINGS
        )
        if by_figure and passes_on:
            entry = by_figure[0]
            add(
                "inherited",
                study.key,
                f"{figure} cites {study.citation()}, which repeats the {entry.label}; "
                f"{entry.why_not_prevalence} ({self._critiques_of(entry)}).",
            )


def is_claim_table(path: Path) -> bool:
    return path.suffix.lower() == ".csv"


#: Below this many bytes of texts, starting worker processes costs more than it saves.
PARALLEL_BYTES = 8 << 20


@dataclass(frozen=True)
class _Reading:
    """What reading texts needs; with ``flag``, each text that cannot cite another text of the
    corpus (no declared key, no reference list) is flagged as soon as it is read."""

    registry: Registry
    flag: bool = False
    studies: Studies | None = None
    appraisals: Mapping[str, str] | None = None
    cues: Cues | None = None

    def read(self, file: Path) -> tuple[TextClaims | None, list[Issue], list[Flag] | None]:
        text, issues = _read_text(file, self.registry)
        flags = None
        if self.flag and text is not None and not (text.citekey or text.references):
            flags = flags_per_text([text], self.studies, self.registry, self.appraisals, self.cues)[
                0
            ]
        return text, issues, flags


_FREEZING = threading.Lock()
_freezes = 0


@contextmanager
def _existing_objects_frozen() -> Iterator[None]:
    """While texts are read and flagged, the objects that exist already (the imported libraries,
    the registry, the compiled patterns) are left out of the cycle collector's passes
    (:func:`gc.freeze`). A full pass walks every one of them, about a tenth of a second with
    pandas imported, and one runs each time the claims and flags read add a quarter to the
    objects kept; in forked worker processes a pass would also copy every page of memory they
    share with the parent. Nested uses freeze what was made since; the last one out unfreezes.
    A caller that froze objects itself keeps its own arrangement."""
    global _freezes
    with _FREEZING:
        ours = _freezes > 0 or gc.get_freeze_count() == 0
        if ours:
            _freezes += 1
            gc.freeze()
    try:
        yield
    finally:
        if ours:
            with _FREEZING:
                _freezes -= 1
                if _freezes == 0:
                    gc.unfreeze()


def read_texts(
    paths: Iterable[str | Path], registry: Registry, workers: int | None = None
) -> tuple[list[TextClaims], list[Issue]]:
    """Read every text or claim table; an unreadable file is an issue row, the others go on.

    Many or large texts are read by ``workers`` processes (default: one per processor), each
    reading whole files; the result is the same as reading them one by one, in the same order.
    Worker processes are forked, so they are used on Linux only; elsewhere texts are read here.
    """
    with _existing_objects_frozen():
        results = _read_all([Path(p) for p in paths], _Reading(registry), workers)
    texts = [text for text, _, _ in results if text is not None]
    return texts, [issue for _, found, _ in results for issue in found]


def _read_all(
    files: list[Path], reading: _Reading, workers: int | None
) -> list[tuple[TextClaims | None, list[Issue], list[Flag] | None]]:
    count = workers if workers is not None else (os.cpu_count() or 1)
    size = sum(f.stat().st_size for f in files if f.is_file())
    if (
        count <= 1
        or len(files) <= 1
        or size < PARALLEL_BYTES
        or not sys.platform.startswith("linux")
    ):
        return [reading.read(file) for file in files]
    global _WORKER_READING
    _WORKER_READING = reading
    # The first text is read here: that compiles every pattern (and fills their caches) once,
    # and the workers inherit them when the pool forks.
    first = reading.read(files[0])
    try:
        context = multiprocessing.get_context("fork")
        workers_used = min(count, len(files) - 1)
        # what reading the first text made (compiled patterns, caches) is frozen as well
        with (
            _existing_objects_frozen(),
            ProcessPoolExecutor(max_workers=workers_used, mp_context=context) as pool,
        ):
            return [first, *pool.map(_read_in_worker, files[1:])]
    finally:
        _WORKER_READING = None


#: What a worker process reads with (inherited from the parent when the pool forks).
_WORKER_READING: _Reading | None = None


def _read_in_worker(file: Path) -> tuple[TextClaims | None, list[Issue], list[Flag] | None]:
    assert _WORKER_READING is not None
    return _WORKER_READING.read(file)


def _read_text(file: Path, registry: Registry) -> tuple[TextClaims | None, list[Issue]]:
    """One text or claim table, with its issues (no text when it cannot be read)."""
    if not file.exists():
        return None, [Issue("file-not-found", f"{file} does not exist", file=str(file))]
    if not is_claim_table(file) and file.suffix.lower() not in READABLE_SUFFIXES:
        problem = Issue(
            "unknown-format",
            f"cannot read {file.suffix or 'a suffix-less file'} as a text",
            file=str(file),
            value=file.suffix,
            hint="use .txt, .md, .html, .docx, .pdf, or a .csv claim table",
        )
        return None, [problem]
    try:
        if is_claim_table(file):
            table = read_claim_table(file)
            keep = not any(i.is_error for i in table.issues)
            return (table if keep else None), list(table.issues)
        text = read_claims(file, registry.claim_match, registry.scan_cue())
        return text, list(text.issues)
    except (UnreadableTextError, OSError, UnicodeDecodeError) as error:
        return None, [Issue("file-unreadable", str(error), file=str(file))]


def flags_per_text(
    texts: Sequence[TextClaims],
    studies: Studies | None,
    registry: Registry,
    appraisals: Mapping[str, str] | None = None,
    cues: Cues | None = None,
) -> list[list[Flag]]:
    """The flags of each text, in the order of ``texts``."""
    flagger = _Flagger(studies, registry, cues or load_cues(), appraisals, texts)
    # Two passes when texts may cite each other: the first records which registry entries each
    # text uses, so a citation of another text of the corpus sees its flags whatever the order.
    if len(texts) > 1 and any(t.citekey or t.references for t in texts):
        for text in texts:
            for claim in text.claims:
                flagger.flag(text, claim)
    return [[row for claim in text.claims for row in flagger.flag(text, claim)] for text in texts]


def flag_texts(
    texts: Sequence[TextClaims],
    studies: Studies | None,
    registry: Registry,
    appraisals: Mapping[str, str] | None = None,
    cues: Cues | None = None,
) -> list[Flag]:
    """Flag already-read texts (all their flags, in text and line order)."""
    per_text = flags_per_text(texts, studies, registry, appraisals, cues)
    return [row for rows in per_text for row in rows]


def flag_claims(
    texts: Iterable[str | Path | TextClaims],
    studies: Studies | None,
    registry: Registry,
    appraisals: Mapping[str, str] | None = None,
    workers: int | None = None,
) -> Flags:
    """Flag the prevalence claims of texts (paths of .txt/.md/.html/.docx/.pdf files, .csv claim
    tables, or already-read :class:`TextClaims`). Many or large texts are read by ``workers``
    processes (default: one per processor; 1 reads them in this process)."""
    items = list(texts)
    with _existing_objects_frozen():
        paths = [Path(p) for p in items if not isinstance(p, TextClaims)]
        cues = load_cues()
        reading = _Reading(registry, True, studies, appraisals, cues)
        results = _read_all(paths, reading, workers)
        read = [text for text, _, _ in results if text is not None]
        issues = [issue for _, found, _ in results for issue in found]
        given = [t for t in items if isinstance(t, TextClaims)]
        all_texts = [*given, *read]
        if len(all_texts) > 1 and any(t.citekey or t.references for t in all_texts):
            # texts may cite each other: flag them all together
            rows = flag_texts(all_texts, studies, registry, appraisals, cues)
        else:
            rows = flag_texts(given, studies, registry, appraisals, cues)
            for text, _, flags in results:
                if text is not None and flags is None:
                    flags = flags_per_text([text], studies, registry, appraisals, cues)[0]
                rows.extend(flags or [])
        return Flags(tuple(rows), tuple(all_texts), IssueTable.of(issues))
