"""The flawed-source registry (rubrics/flawed-sources.yaml) and the acknowledgement cues.

Both are data files read with a safe YAML loader and validated by the pydantic models below; a
file that does not fit raises :class:`RegistryError` naming the file, the place and the problem.
Nothing in them is evaluated as code: figures are numbers and word lists, never patterns.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import Literal

import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from evidence.claims.numbers import (
    LARGE,
    LARGE_CUE,
    MONEY_CUE,
    NUMBER_CUE,
    SHARE_CUE,
    Figure,
    value_cue,
)
from evidence.claims.patterns import (
    AllGroups,
    Cue,
    CueSet,
    alternation,
    any_word,
    groups_in_order,
)
from evidence.resources import builtin_rubric_dir, load_yaml

REGISTRY_FILE = "flawed-sources.yaml"
#: In a subfolder: every top-level YAML file of rubrics/ besides the registry is an appraisal rubric.
CUES_FILE = "flag/acknowledgement-cues.yaml"
SCHEMA_VERSION = 1

Measure = Literal[
    "at-risk", "victims-estimate", "detected", "stock", "model", "advertisements", "age-sample"
]
Unit = Literal["persons", "percent", "usd", "age", "any"]
WordGroups = list[list[str]]


class RegistryError(Exception):
    """A registry or cue file that cannot be used; the message says where and why."""


class Origin(BaseModel):
    """A work a figure comes from and how a citation of it is recognised."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str | None = None
    authors: list[str] = Field(default_factory=list)
    years: list[int] = Field(default_factory=list)
    organisations: list[str] = Field(default_factory=list)
    title_words: list[str] = Field(default_factory=list)
    doi: str | None = None

    def matches_reference(self, text: str) -> bool:
        """Whether a reference-list entry describes this origin."""
        lowered = text.lower()
        if self.doi and self.doi.lower() in lowered:
            return True
        year_ok = not self.years or any(str(year) in text for year in self.years)
        if not year_ok:
            return False
        if self.authors and any_word([self.authors[0]], text):
            return True
        if self.organisations and any_word(self.organisations, text):
            return True
        return bool(self.title_words) and all(any_word([w], text) for w in self.title_words)

    def matches_author_year(self, authors: str, year: int | None) -> bool:
        if year is not None and self.years and year not in self.years:
            return False
        if self.authors and any_word([self.authors[0]], authors):
            return True
        return bool(self.organisations) and any_word(self.organisations, authors)

    def matches_name(self, name: str) -> bool:
        """Attribution by name with no year ("according to the State Department")."""
        if self.organisations and any_word(self.organisations, name):
            return True
        return bool(self.authors) and any_word([self.authors[0]], name)


class FigureSpec(BaseModel):
    """The figures an entry is known for: values or [low, high] ranges, a unit, context words."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    values: list[float | tuple[float, float]] = Field(default_factory=list)
    unit: Unit
    context: WordGroups = Field(default_factory=list)

    @field_validator("values", mode="before")
    @classmethod
    def _ranges_as_pairs(cls, value: object) -> object:
        if isinstance(value, list):
            return [tuple(v) if isinstance(v, list) else v for v in value]
        return value

    def fits(self, figure: Figure) -> bool:
        """Whether ``figure`` has this spec's unit and one of its values (words aside)."""
        return self._unit_fits(figure) and self._value_fits(figure)

    def context_in(self, sentence: str) -> bool:
        """Whether ``sentence`` holds a word of every context group (true with no context)."""
        return not self.context or self._context.search(sentence)

    @cached_property
    def _context(self) -> AllGroups:
        return AllGroups(self.context)

    def cue(self) -> Cue:
        """Where a sentence matching this spec could be, for the first scan of a text: a share or
        a sum of money by its sign or word, a figure of ten thousand or more by its digits or
        scale, and a smaller figure (or any figure, when no values are listed) together with a
        word of each context group. The scan looks for the small values themselves, or, with no
        values, for a word of the first context group: list the rarest group first."""
        patterns: list[str] = []
        if self.unit in ("percent", "any"):
            patterns.append(SHARE_CUE)
        if self.unit in ("usd", "any"):
            patterns.append(MONEY_CUE)
        if self.unit in ("percent", "usd"):
            return Cue("|".join(patterns))
        small = [
            value_cue(low - tolerance, low + tolerance)
            for low, tolerance, _, _ in self._ranges
            if low - tolerance < LARGE
        ]
        if len(small) < len(self._ranges):
            patterns.append(LARGE_CUE)
        groups = [f"(?i){alternation(group)}" for group in self.context]
        together: list[list[str]] = []
        if small:
            together.append(["|".join(small), *groups])
        elif not self.values:
            together.append([*groups, NUMBER_CUE] if groups else [NUMBER_CUE])
        return Cue("|".join(f"(?:{p})" for p in patterns), together)

    def _value_fits(self, figure: Figure) -> bool:
        if not self.values:
            return True
        found_low, found_high = figure.low, figure.high
        if found_low is None or found_high is None:
            return False
        return any(
            abs(found_low - low) <= low_tolerance and abs(found_high - high) <= high_tolerance
            for low, low_tolerance, high, high_tolerance in self._ranges
        )

    @cached_property
    def _ranges(self) -> tuple[tuple[float, float, float, float], ...]:
        """Each value as (low, its tolerance, high, its tolerance), worked out once."""
        pairs = [value if isinstance(value, tuple) else (value, value) for value in self.values]
        return tuple((low, _tolerance(low), high, _tolerance(high)) for low, high in pairs)

    def _unit_fits(self, figure: Figure) -> bool:
        if self.unit == "any":
            return True
        if self.unit == "age":
            # an age written as a bare number ("the ages of 12 to 14"); the context words say age
            return figure.unit in ("age", "count") and (figure.high or 0) <= 30
        return figure.unit == _FIGURE_UNIT[self.unit]


_FIGURE_UNIT = {"persons": "count", "percent": "percent", "usd": "usd"}


def _tolerance(known: float) -> float:
    """How far a figure may be from a known value and still be it: rounding as texts do it
    ("31.6" vs "32" is listed separately); 0.5% absorbs "293.000"-style writing and float noise
    without merging distinct figures."""
    return 0.005 * max(abs(known), 1.0)


class Entry(BaseModel):
    """One flawed source: where it comes from, what it measured, why it fails, who said so."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    label: str
    origins: list[Origin] = Field(default_factory=list)
    measure: Measure
    measured: str
    why_not_prevalence: str
    critiques: list[str] = Field(default_factory=list)
    critique_notes: list[str] = Field(default_factory=list)
    derived_from: str | None = None
    figures: list[FigureSpec] = Field(default_factory=list)
    wordings: list[WordGroups] = Field(default_factory=list)

    @cached_property
    def origin_keys(self) -> tuple[str, ...]:
        return tuple(o.key for o in self.origins if o.key)

    def unit_fits(self, figure: Figure) -> bool:
        return any(spec._unit_fits(figure) for spec in self.figures)

    def wording_matches(self, sentence: str) -> bool:
        return any(groups_in_order(groups, sentence) for groups in self.wordings)


#: How many distinct figures :meth:`Registry.figure_entries` remembers before starting afresh.
_FITTING_KEPT = 4096


class Registry(BaseModel):
    """The flawed-source registry: entries by id, with the file they were read from."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    schema_version: int
    entries: list[Entry]
    source: str = ""

    @field_validator("schema_version")
    @classmethod
    def _known_version(cls, value: int) -> int:
        if value != SCHEMA_VERSION:
            raise ValueError(
                f"schema_version {value} is not supported; this library reads {SCHEMA_VERSION}"
            )
        return value

    @field_validator("entries")
    @classmethod
    def _unique_ids(cls, entries: list[Entry]) -> list[Entry]:
        seen: set[str] = set()
        for entry in entries:
            if entry.id in seen:
                raise ValueError(f"the id {entry.id!r} is used twice")
            seen.add(entry.id)
        ids = {e.id for e in entries}
        for entry in entries:
            if entry.derived_from and entry.derived_from not in ids:
                raise ValueError(
                    f"{entry.id}: derived_from {entry.derived_from!r} is not an entry id"
                )
        return entries

    def __len__(self) -> int:
        return len(self.entries)

    def __getitem__(self, entry_id: str) -> Entry:
        for entry in self.entries:
            if entry.id == entry_id:
                return entry
        raise KeyError(f"no registry entry {entry_id!r}; ids: {', '.join(self.ids)}")

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(e.id for e in self.entries)

    def by_origin_key(self, key: str) -> list[Entry]:
        return list(self._by_origin_key.get(key, ()))

    @cached_property
    def _by_origin_key(self) -> dict[str, tuple[Entry, ...]]:
        found: dict[str, list[Entry]] = {}
        for entry in self.entries:
            for key in entry.origin_keys:
                found.setdefault(key, []).append(entry)
        return {key: tuple(entries) for key, entries in found.items()}

    def figure_entries(self, figure: Figure) -> dict[str, tuple[FigureSpec, ...]]:
        """The entries (by id, in registry order) with figure specs whose unit and values
        ``figure`` fits, and those specs; their context words are still to be checked."""
        known = (figure.unit, figure.low, figure.high)
        fitting = self._fitting.get(known)
        if fitting is None:
            fitting = {}
            for entry in self.entries:
                specs = tuple(spec for spec in entry.figures if spec.fits(figure))
                if specs:
                    fitting[entry.id] = specs
            if len(self._fitting) >= _FITTING_KEPT:
                self._fitting.clear()
            self._fitting[known] = fitting
        return fitting

    @cached_property
    def _fitting(
        self,
    ) -> dict[tuple[str, float | None, float | None], dict[str, tuple[FigureSpec, ...]]]:
        """What :meth:`figure_entries` worked out, by unit and value: texts repeat figures."""
        return {}

    def __contains__(self, entry_id: object) -> bool:
        return any(entry.id == entry_id for entry in self.entries)

    @cached_property
    def _wordings(self) -> CueSet:
        return CueSet([w for e in self.entries for w in e.wordings])

    def wording_match(self, sentence: str) -> bool:
        return self._wordings.search(sentence)

    def wording_pattern(self) -> str:
        """One RE2 pattern for every registry wording (to find candidate paragraphs fast)."""
        return self._wordings.pattern

    def scan_cue(self) -> Cue:
        """Where a registry figure or wording could be: a text is read sentence by sentence only
        where this (or the claim cue) finds something."""
        return self._scan_cue

    @cached_property
    def _scan_cue(self) -> Cue:
        specs = (spec for entry in self.entries for spec in entry.figures)
        return Cue.joined([Cue(self.wording_pattern()), *(spec.cue() for spec in specs)])

    def claim_match(self, sentence: str, figures: Sequence[Figure]) -> bool:
        """Whether a sentence repeats a registry figure or wording (a claim even when the figure
        is quoted to criticise it)."""
        if self.wording_match(sentence):
            return True
        return any(
            spec.context_in(sentence)
            for figure in figures
            for specs in self.figure_entries(figure).values()
            for spec in specs
        )

    def to_frame(self) -> pd.DataFrame:
        rows = []
        for entry in self.entries:
            figures = []
            for spec in entry.figures:
                shown = [
                    f"{v[0]:,.0f}-{v[1]:,.0f}" if isinstance(v, tuple) else f"{v:,.10g}"
                    for v in spec.values
                ]
                figures.append(f"{spec.unit}: " + (", ".join(shown) if shown else "any"))
            rows.append(
                {
                    "id": entry.id,
                    "label": entry.label,
                    "origins": "; ".join(entry.origin_keys),
                    "figures": " | ".join(figures),
                    "measured": entry.measured,
                    "why_not_prevalence": entry.why_not_prevalence,
                    "critiques": "; ".join([*entry.critiques, *entry.critique_notes]),
                    "derived_from": entry.derived_from or "",
                }
            )
        return pd.DataFrame(rows)

    def _repr_html_(self) -> str:
        return f"<p>{len(self.entries)} flawed sources</p>" + str(
            self.to_frame().to_html(index=False)
        )


def _read_yaml(path: Path) -> object:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise RegistryError(f"{path}: cannot be read ({error.strerror or error})") from None
    try:
        return load_yaml(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        raise RegistryError(
            f"{where}: not valid YAML ({getattr(error, 'problem', error)})"
        ) from None


def _describe(error: ValidationError, path: Path) -> str:
    problems = []
    for item in error.errors()[:5]:
        place = ".".join(str(p) for p in item["loc"])
        problems.append(f"{place}: {item['msg']} (got {item.get('input')!r:.60})")
    return f"{path}: does not fit the registry schema: " + "; ".join(problems)


def load_registry(path: str | Path | None = None) -> Registry:
    """Read and validate the flawed-source registry (the built-in one when ``path`` is None)."""
    file = Path(path) if path is not None else builtin_rubric_dir() / REGISTRY_FILE
    data = _read_yaml(file)
    if not isinstance(data, dict):
        raise RegistryError(f"{file}: expected a mapping with schema_version and entries")
    try:
        return Registry.model_validate({**data, "source": str(file)})
    except ValidationError as error:
        raise RegistryError(_describe(error, file)) from None


class Cues(BaseModel):
    """Acknowledgement cues: each cue is word groups that must appear in order in one sentence."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    schema_version: int
    cues: list[WordGroups]

    @cached_property
    def _compiled(self) -> CueSet:
        return CueSet(self.cues)

    def acknowledges(self, texts: Sequence[str]) -> bool:
        return any(self._compiled.search(text) for text in texts)


def load_cues(path: str | Path | None = None) -> Cues:
    """Read and validate the acknowledgement cue file (the built-in one when ``path`` is None)."""
    file = Path(path) if path is not None else builtin_rubric_dir() / CUES_FILE
    data = _read_yaml(file)
    if not isinstance(data, dict):
        raise RegistryError(f"{file}: expected a mapping with schema_version and cues")
    try:
        return Cues.model_validate(data)
    except ValidationError as error:
        raise RegistryError(_describe(error, file)) from None
