"""The study records every later stage reads: :class:`Study` and the :class:`Studies` collection."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from evidence.issues import IssueTable

#: Design-metadata fields, in the order tables show them.
DESIGN_FIELDS: tuple[str, ...] = (
    "design",
    "sampling",
    "n",
    "population",
    "setting",
    "country",
    "period",
    "data_source",
    "measure",
    "estimate",
    "estimate_low",
    "estimate_high",
    "estimate_unit",
    "peer_reviewed",
    "source_type",
    "screening",
    "exclusion_reason",
    "identified_via",
)


class Study(BaseModel):
    """One work in a bibliography with its study-design metadata.

    Controlled fields (``design``, ``sampling``, ``measure``, ``estimate_unit``, ``source_type``,
    ``screening``, ``identified_via``) hold canonical vocabulary ids or ``None`` when the
    bibliography does not say. ``file`` and ``line`` say where the record starts (1-based).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str
    entry_type: str = "misc"
    title: str | None = None
    authors: tuple[str, ...] = ()
    year: int | None = None
    venue: str | None = None
    doi: str | None = None
    url: str | None = None
    design: str | None = None
    sampling: str | None = None
    n: int | None = None
    population: str | None = None
    setting: str | None = None
    country: str | None = None
    period: str | None = None
    data_source: str | None = None
    measure: str | None = None
    estimate: float | None = None
    estimate_low: float | None = None
    estimate_high: float | None = None
    estimate_unit: str | None = None
    peer_reviewed: bool | None = None
    source_type: str | None = None
    screening: str | None = None
    exclusion_reason: str | None = None
    identified_via: str | None = None
    note: str | None = None
    file: str = ""
    line: int = 0
    original_key: str | None = Field(
        default=None, description="the key as written, when it was empty or repeated"
    )
    extra: tuple[tuple[str, str], ...] = Field(
        default=(), description="fields outside the vocabulary, kept as read (name, value)"
    )

    @property
    def first_author(self) -> str | None:
        """The first author's family name (or an organisation's name)."""
        if not self.authors:
            return None
        name = self.authors[0]
        return name.split(",", 1)[0].strip() if "," in name else name.strip()

    def citation(self) -> str:
        """A short author-year label: ``Estes & Weiner (2001)``, ``Curtis et al. (2008)``."""
        families = [a.split(",", 1)[0].strip() if "," in a else a for a in self.authors]
        if not families:
            who = self.title or self.key
        elif len(families) == 1:
            who = families[0]
        elif len(families) == 2:
            who = f"{families[0]} & {families[1]}"
        else:
            who = f"{families[0]} et al."
        return f"{who} ({self.year})" if self.year else who

    def as_row(self) -> dict[str, Any]:
        """A flat dict for a DataFrame row (authors joined with '; ')."""
        row = self.model_dump(exclude={"extra", "authors"})
        row["authors"] = "; ".join(self.authors)
        return row


STUDY_COLUMNS: tuple[str, ...] = (
    "key",
    "entry_type",
    "authors",
    "year",
    "title",
    "venue",
    "doi",
    "url",
    *DESIGN_FIELDS,
    "note",
    "file",
    "line",
    "original_key",
)


class Studies:
    """An immutable, ordered collection of :class:`Study` records and the issues found reading them.

    Iterate it, index it by position or by citation key, and turn it into a DataFrame with
    :meth:`to_frame`. ``issues`` is a DataFrame with one row per problem found.
    """

    __slots__ = ("_by_key", "_issues", "_sources", "_studies")

    def __init__(
        self,
        studies: tuple[Study, ...] = (),
        issues: IssueTable | None = None,
        sources: tuple[str, ...] = (),
    ) -> None:
        self._studies = tuple(studies)
        self._issues = issues if issues is not None else IssueTable()
        self._sources = tuple(sources)
        by_key: dict[str, Study] = {}
        for study in self._studies:
            if study.key in by_key:
                raise ValueError(f"two studies share the key {study.key!r}")
            by_key[study.key] = study
        self._by_key: Mapping[str, Study] = by_key

    def __len__(self) -> int:
        return len(self._studies)

    def __iter__(self) -> Iterator[Study]:
        return iter(self._studies)

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def __getitem__(self, item: int | str) -> Study:
        if isinstance(item, str):
            try:
                return self._by_key[item]
            except KeyError:
                raise KeyError(f"no study with key {item!r}") from None
        return self._studies[item]

    def __repr__(self) -> str:
        return f"<Studies: {len(self)} studies, {len(self._issues)} issues>"

    def get(self, key: str) -> Study | None:
        return self._by_key.get(key)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(s.key for s in self._studies)

    @property
    def sources(self) -> tuple[str, ...]:
        """The files the studies were read from."""
        return self._sources

    @property
    def issue_table(self) -> IssueTable:
        return self._issues

    @property
    def issues(self) -> pd.DataFrame:
        """One row per problem found: code, severity, file, line, key, field, value, message, hint."""
        return self._issues.to_frame()

    @property
    def has_errors(self) -> bool:
        return self._issues.has_errors

    def filter(self, **criteria: Any) -> Studies:
        """The studies whose fields equal the given values (a value may be a set of allowed ones)."""

        def keep(study: Study) -> bool:
            for name, wanted in criteria.items():
                value = getattr(study, name)
                if isinstance(wanted, set | frozenset | tuple | list):
                    if value not in wanted:
                        return False
                elif value != wanted:
                    return False
            return True

        chosen = tuple(s for s in self._studies if keep(s))
        keys = {s.key for s in chosen}
        issues = IssueTable.of(i for i in self._issues if not i.key or i.key in keys)
        return Studies(chosen, issues, self._sources)

    def to_frame(self) -> pd.DataFrame:
        """One row per study, every field as a column, in the file's order."""
        frame = pd.DataFrame([s.as_row() for s in self._studies], columns=list(STUDY_COLUMNS))
        for column in ("year", "n", "line"):
            frame[column] = frame[column].astype("Int64")
        frame["peer_reviewed"] = frame["peer_reviewed"].astype("boolean")
        return frame

    def _repr_html_(self) -> str:
        shown = ["key", "authors", "year", "design", "sampling", "n", "measure", "estimate"]
        body = self.to_frame()[shown].to_html(index=False, na_rep="")
        summary = f"<p>{len(self)} studies; {len(self._issues)} issues</p>"
        return summary + str(body)
