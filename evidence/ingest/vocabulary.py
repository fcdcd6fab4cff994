"""The controlled vocabulary of study-design fields, read from ``vocabulary.yaml``.

Values are matched after folding case, spacing and punctuation, so that "RDS", "rds" and
"Respondent-driven sampling" all give ``respondent-driven``. A value that matches nothing gets
``None`` and the closest allowed value, for the issue that reports it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from evidence.resources import load_yaml

SCHEMA_VERSION = 1


class VocabularyValue(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    label: str
    synonyms: tuple[str, ...] = ()


class VocabularyField(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    description: str
    values: dict[str, VocabularyValue]


class VocabularyFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    schema_version: int = Field(ge=1, le=SCHEMA_VERSION)
    fields: dict[str, VocabularyField]


_FOLD = re.compile(r"[\s\-_/,;:.()']+")


def fold(value: str) -> str:
    """Case, spacing and punctuation folded: 'Cross_Sectional Survey.' -> 'cross sectional survey'."""
    return _FOLD.sub(" ", value.casefold()).strip()


@dataclass(frozen=True, slots=True)
class Match:
    """The result of looking a value up: the canonical id, or None and the closest allowed id."""

    canonical: str | None
    closest: str | None


class Vocabulary:
    """Lookup tables built once from the vocabulary file."""

    def __init__(self, spec: VocabularyFile) -> None:
        self.spec = spec
        self._lookup: dict[str, dict[str, str]] = {}
        for name, field in spec.fields.items():
            table: dict[str, str] = {}
            for value_id, value in field.values.items():
                for word in (value_id, value.label, *value.synonyms):
                    folded = fold(word)
                    previous = table.setdefault(folded, value_id)
                    if previous != value_id:
                        raise ValueError(
                            f"vocabulary field {name!r}: {word!r} names both {previous!r} and {value_id!r}"
                        )
            self._lookup[name] = table

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(self.spec.fields)

    def allowed(self, field: str) -> tuple[str, ...]:
        return tuple(self.spec.fields[field].values)

    def label(self, field: str, value_id: str) -> str:
        return self.spec.fields[field].values[value_id].label

    def match(self, field: str, value: str) -> Match:
        # Bibliographies repeat a handful of values thousands of times.
        return self._match(field, value)

    @lru_cache(maxsize=4096)  # noqa: B019 - one vocabulary object lives as long as the process
    def _match(self, field: str, value: str) -> Match:
        table = self._lookup[field]
        folded = fold(value)
        found = table.get(folded)
        if found is not None:
            return Match(found, found)
        best = process.extractOne(folded, list(table), scorer=Levenshtein.normalized_similarity)
        return Match(None, table[best[0]] if best is not None else None)


@cache
def default_vocabulary() -> Vocabulary:
    """The vocabulary shipped with the package (``evidence/ingest/vocabulary.yaml``)."""
    text = resources.files("evidence.ingest").joinpath("vocabulary.yaml").read_text("utf-8")
    return Vocabulary(VocabularyFile.model_validate(load_yaml(text)))
