"""Rubric files: appraisal tools as data, validated by a versioned pydantic schema.

A rubric file (``rubrics/<id>.yaml``) declares the tool's citation, the study designs it fits, its
domains and items, the answer scale with colours for plots, declarative rules that answer items from
a study's metadata, and the overall rule the tool itself endorses. Files are read with
a safe YAML loader only: nothing in them is ever evaluated as code.

Built-in rubrics ship in the repository's ``rubrics/`` folder; an installed wheel carries the same
folder as ``evidence/_bundled/rubrics``. A review project's own ``rubrics/`` folder adds to them (a
project rubric with a built-in id takes its place, so a review can pin its own version).
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from evidence.ingest.model import Study
from evidence.ingest.vocabulary import default_vocabulary
from evidence.issues import EvidenceInputError, Issue, IssueTable
from evidence.resources import builtin_rubric_dir, load_yaml

SCHEMA_VERSION = 1

#: The flawed-source registry lives beside the rubrics but is not a rubric.
REGISTRY_FILE_NAME = "flawed-sources.yaml"


class Risk(StrEnum):
    """What an answer means for the risk of bias, ordered from best to worst by :data:`RISK_ORDER`."""

    LOW = "low"
    MODERATE = "moderate"
    UNCLEAR = "unclear"
    HIGH = "high"
    NOT_APPLICABLE = "not-applicable"


#: Worse risks rank higher. "unclear" ranks above "moderate" because an unanswerable item cannot be
#: shown to be safe; "not-applicable" has no rank and never enters a domain or overall judgement.
RISK_ORDER: dict[Risk, int] = {Risk.LOW: 0, Risk.MODERATE: 1, Risk.UNCLEAR: 2, Risk.HIGH: 3}

_REVERSED = {Risk.LOW: Risk.HIGH, Risk.HIGH: Risk.LOW}


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ScaleAnswer(_Frozen):
    """One allowed answer: its id (what judgment files write), label, plot colour and risk."""

    id: str = Field(min_length=1)
    label: str
    colour: str = Field(pattern=r"^#[0-9a-fA-F]{6}$")
    risk: Risk
    synonyms: tuple[str, ...] = ()


class Scale(_Frozen):
    """An answer scale. ``ordinal`` scales list their answers from one end to the other."""

    answers: tuple[ScaleAnswer, ...] = Field(min_length=2)
    ordinal: bool = False

    @model_validator(mode="after")
    def _unique_words(self) -> Scale:
        seen: dict[str, str] = {}
        for answer in self.answers:
            for word in (answer.id, answer.label, *answer.synonyms):
                folded = word.casefold().strip()
                if seen.setdefault(folded, answer.id) != answer.id:
                    raise ValueError(f"{word!r} names both {seen[folded]!r} and {answer.id!r}")
        return self

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(a.id for a in self.answers)

    def get(self, answer_id: str) -> ScaleAnswer:
        for answer in self.answers:
            if answer.id == answer_id:
                return answer
        raise KeyError(answer_id)

    def match(self, written: str) -> ScaleAnswer | None:
        """The answer a judgment file means by ``written`` (id, label or synonym, any case)."""
        folded = written.casefold().strip()
        for answer in self.answers:
            if folded in {
                w.casefold().strip() for w in (answer.id, answer.label, *answer.synonyms)
            }:
                return answer
        return None

    def words(self) -> list[str]:
        return [w for a in self.answers for w in (a.id, a.label, *a.synonyms)]


class Item(_Frozen):
    """One question of the tool. ``scale`` names an entry of the rubric's ``scales`` when the item
    uses another scale than the rubric's default; ``reverse_keyed`` items are worded so that a
    favourable-sounding answer ("Yes") means high risk."""

    id: str = Field(min_length=1)
    question: str
    guidance: str = ""
    reverse_keyed: bool = False
    scale: str | None = None


class Domain(_Frozen):
    """A group of items. ``applies_to`` limits a domain to some designs (MMAT's categories)."""

    id: str = Field(min_length=1)
    name: str
    items: tuple[Item, ...] = Field(min_length=1)
    applies_to: tuple[str, ...] = ()


class Condition(_Frozen):
    """A test on one study field: its value is one of ``in``, none of ``not_in``, present or absent."""

    field: str
    in_: tuple[str, ...] | None = Field(default=None, alias="in")
    not_in: tuple[str, ...] | None = None
    present: bool | None = None

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    @field_validator("field")
    @classmethod
    def _known_field(cls, name: str) -> str:
        if name not in Study.model_fields:
            raise ValueError(f"{name!r} is not a study field")
        return name

    @model_validator(mode="after")
    def _one_test(self) -> Condition:
        tests = [t for t in (self.in_, self.not_in, self.present) if t is not None]
        if len(tests) != 1:
            raise ValueError("a condition needs exactly one of: in, not_in, present")
        vocabulary = default_vocabulary()
        if self.field in vocabulary.field_names:
            allowed = set(vocabulary.allowed(self.field))
            for value in (*(self.in_ or ()), *(self.not_in or ())):
                if value not in allowed:
                    raise ValueError(
                        f"{value!r} is not a {self.field} value; allowed: {', '.join(sorted(allowed))}"
                    )
        return self

    def holds(self, study: Study) -> bool:
        value = getattr(study, self.field)
        if self.present is not None:
            return (value is not None) is self.present
        if value is None:
            return False
        text = str(value)
        if self.in_ is not None:
            return text in self.in_
        return self.not_in is not None and text not in self.not_in

    def describe(self) -> str:
        if self.present is not None:
            return f"{self.field} is {'given' if self.present else 'not given'}"
        if self.in_ is not None:
            return f"{self.field} is {_or_list(self.in_)}"
        return f"{self.field} is not {_or_list(self.not_in or ())}"


def _or_list(values: tuple[str, ...]) -> str:
    if len(values) == 1:
        return values[0]
    return ", ".join(values[:-1]) + " or " + values[-1]


class AutomaticRule(_Frozen):
    """Answer ``item`` with ``answer`` when every condition holds. Rules are tried in file order
    and the first that holds for a study and item gives the answer; where none holds the item is
    left for the reviewer."""

    id: str = Field(min_length=1)
    item: str
    answer: str
    when: tuple[Condition, ...] = Field(min_length=1)
    because: str = ""

    def holds(self, study: Study) -> bool:
        return all(condition.holds(study) for condition in self.when)

    def describe(self) -> str:
        tests = " and ".join(c.describe() for c in self.when)
        reason = f"; {self.because}" if self.because else ""
        return f"rule {self.id}: {tests} -> {self.answer}{reason}"


class Band(_Frozen):
    """Up to ``max_high`` high-risk items give ``answer`` (bands are tried in order)."""

    max_high: int = Field(ge=0)
    answer: str
    label: str
    risk: Risk
    colour: str = Field(pattern=r"^#[0-9a-fA-F]{6}$")


class OverallRule(_Frozen):
    """How a study's overall judgement is reached.

    ``item``: one item (a summary judgement) is the overall answer. ``worst-domain``: the worst
    risk of any domain. ``high-count``: bands by the number of high-risk items. ``none``: the tool's
    authors advise against an overall score; tables show the answers only. ``endorsed`` is false for
    conventions the tool's authors did not publish; ``note`` says where such a convention comes from.
    """

    id: str = Field(min_length=1)
    kind: Literal["item", "worst-domain", "high-count", "none"]
    description: str
    endorsed: bool = True
    note: str = ""
    item: str | None = None
    bands: tuple[Band, ...] = ()

    @model_validator(mode="after")
    def _complete(self) -> OverallRule:
        if self.kind == "item" and not self.item:
            raise ValueError("an overall rule of kind 'item' names the item")
        if self.kind == "high-count":
            if not self.bands:
                raise ValueError("an overall rule of kind 'high-count' needs bands")
            limits = [b.max_high for b in self.bands]
            if limits != sorted(limits) or len(set(limits)) != len(limits):
                raise ValueError("bands must have strictly increasing max_high")
            ranks = [RISK_ORDER.get(b.risk, -1) for b in self.bands]
            if ranks != sorted(ranks):
                raise ValueError("bands with more high-risk items must not have a lower risk")
        return self


class Rubric(_Frozen):
    """An appraisal tool as data. See the module docstring and docs/appraisal.md."""

    schema_version: int = Field(ge=1, le=SCHEMA_VERSION)
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str
    version: str
    citation: str
    doi: str | None = None
    url: str | None = None
    description: str = ""
    wording_note: str = ""
    applies_to: tuple[str, ...] = Field(min_length=1)
    scale: Scale
    scales: dict[str, Scale] = Field(default_factory=dict)
    domains: tuple[Domain, ...] = Field(min_length=1)
    automatic: tuple[AutomaticRule, ...] = ()
    overall: OverallRule
    conventions: tuple[OverallRule, ...] = ()
    file: str = Field(default="", exclude=True)

    @field_validator("applies_to")
    @classmethod
    def _known_designs(cls, designs: tuple[str, ...]) -> tuple[str, ...]:
        allowed = set(default_vocabulary().allowed("design"))
        for design in designs:
            if design not in allowed:
                raise ValueError(
                    f"{design!r} is not a design id; allowed: {', '.join(sorted(allowed))}"
                )
        return designs

    @model_validator(mode="after")
    def _consistent(self) -> Rubric:
        ids = [item.id for item in self.items]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"item ids used twice: {', '.join(duplicates)}")
        domain_ids = [d.id for d in self.domains]
        if len(set(domain_ids)) != len(domain_ids):
            raise ValueError("domain ids must be unique")
        for domain in self.domains:
            for design in domain.applies_to:
                if design not in self.applies_to:
                    raise ValueError(
                        f"domain {domain.id!r} names design {design!r} not in applies_to"
                    )
            for item in domain.items:
                if item.scale is not None and item.scale not in self.scales:
                    raise ValueError(f"item {item.id!r} names an unknown scale {item.scale!r}")
        for rule in self.automatic:
            if rule.item not in ids:
                raise ValueError(f"automatic rule {rule.id!r} names an unknown item {rule.item!r}")
            if self.scale_for(rule.item).match(rule.answer) is None:
                raise ValueError(
                    f"automatic rule {rule.id!r} answers {rule.answer!r}, not on the scale"
                )
        rule_ids = [r.id for r in self.automatic]
        if len(set(rule_ids)) != len(rule_ids):
            raise ValueError("automatic rule ids must be unique")
        for overall in (self.overall, *self.conventions):
            if overall.item is not None and overall.item not in ids:
                raise ValueError(
                    f"overall rule {overall.id!r} names an unknown item {overall.item!r}"
                )
        if not self.overall.endorsed:
            raise ValueError(
                "the overall rule is the tool's own; put conventions under conventions"
            )
        return self

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for domain in self.domains for item in domain.items)

    @property
    def item_ids(self) -> tuple[str, ...]:
        return tuple(item.id for item in self.items)

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def domain_of(self, item_id: str) -> Domain:
        for domain in self.domains:
            if any(item.id == item_id for item in domain.items):
                return domain
        raise KeyError(item_id)

    def scale_for(self, item_id: str) -> Scale:
        item = self.item(item_id)
        return self.scales[item.scale] if item.scale is not None else self.scale

    def all_scales(self) -> Iterator[Scale]:
        yield self.scale
        yield from self.scales.values()

    def answer_risk(self, item_id: str, answer_id: str) -> Risk:
        """The risk an answer carries for this item (reversed for reverse-keyed items)."""
        risk = self.scale_for(item_id).get(answer_id).risk
        if self.item(item_id).reverse_keyed:
            return _REVERSED.get(risk, risk)
        return risk

    def fits(self, design: str | None) -> bool:
        return design is not None and design in self.applies_to

    def items_for(self, design: str | None) -> tuple[Item, ...]:
        """The items appraised for a design: every domain without ``applies_to``, and those naming it."""
        return tuple(
            item
            for domain in self.domains
            if not domain.applies_to or design in domain.applies_to
            for item in domain.items
        )

    def rule(self, rule_id: str | None = None) -> OverallRule:
        """The endorsed overall rule, or the convention with that id."""
        if rule_id is None or rule_id == self.overall.id:
            return self.overall
        for convention in self.conventions:
            if convention.id == rule_id:
                return convention
        known = ", ".join([self.overall.id, *(c.id for c in self.conventions)])
        raise KeyError(f"rubric {self.id!r} has no overall rule {rule_id!r}; it has: {known}")

    def summary_row(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "version": self.version,
            "items": len(self.items),
            "applies_to": ", ".join(self.applies_to),
            "overall": self.overall.kind,
            "citation": self.citation,
        }

    def items_frame_rows(self) -> list[dict[str, Any]]:
        rows = []
        for domain in self.domains:
            for item in domain.items:
                scale = self.scale_for(item.id)
                rows.append(
                    {
                        "domain": domain.name,
                        "item": item.id,
                        "question": item.question,
                        "answers": " / ".join(a.label for a in scale.answers),
                        "reverse_keyed": item.reverse_keyed,
                        "designs": ", ".join(domain.applies_to) or "all",
                    }
                )
        return rows

    def _repr_html_(self) -> str:
        import html

        import pandas as pd

        head = (
            f"<p><b>{html.escape(self.name)}</b> ({html.escape(self.id)}, version "
            f"{html.escape(self.version)})<br>{html.escape(self.citation)}<br>Applies to: "
            f"{html.escape(', '.join(self.applies_to))}<br>Overall: "
            f"{html.escape(self.overall.description)}</p>"
        )
        return head + str(pd.DataFrame(self.items_frame_rows()).to_html(index=False))


# --- finding and reading rubric files ---------------------------------------------------------


def _rubric_files(project_dir: str | Path | None) -> dict[str, Path]:
    """Rubric files by file stem: built-ins first, then the project's own (which win)."""
    folders = [builtin_rubric_dir()]
    if project_dir is not None:
        folders.append(Path(project_dir) / "rubrics")
    found: dict[str, Path] = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.yaml")):
            if path.name != REGISTRY_FILE_NAME:
                found[path.stem] = path
    return found


class RubricError(EvidenceInputError):
    """A rubric could not be found or read; ``issues`` says where and why."""


def read_rubric_file(path: str | Path) -> Rubric:
    """Read and validate one rubric file; raises :class:`RubricError` with issue rows."""
    path = Path(path)
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _error(Issue("rubric-not-found", "no such rubric file", file=name)) from None
    except (OSError, UnicodeDecodeError) as problem:
        raise _error(
            Issue("file-unreadable", f"cannot read the rubric: {problem}", file=name)
        ) from None
    try:
        data = load_yaml(text)
    except yaml.YAMLError as problem:
        mark = getattr(problem, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise _error(
            Issue(
                "rubric-invalid",
                "not valid YAML: " + " ".join(str(problem).split()),
                file=name,
                line=line,
                hint="check the quoting and indentation near this line",
            )
        ) from None
    if not isinstance(data, dict):
        raise _error(Issue("rubric-invalid", "a rubric file holds a mapping of fields", file=name))
    try:
        rubric = Rubric.model_validate({**data, "file": name})
    except ValidationError as problem:
        issues = [
            Issue(
                "rubric-invalid",
                f"{'.'.join(str(p) for p in error['loc']) or 'rubric'}: {error['msg']}",
                file=name,
                line=_line_of(text, error["loc"]),
                field=".".join(str(p) for p in error["loc"]),
                value=_short(error.get("input")),
            )
            for error in problem.errors()
        ]
        raise RubricError(IssueTable.of(issues), what=name) from None
    return rubric


def _short(value: object) -> str:
    text = "" if value is None or isinstance(value, dict | list) else str(value)
    return text[:80]


def _line_of(text: str, location: tuple[int | str, ...]) -> int | None:
    """The 1-based line of the deepest mapping key of ``location`` found in the file, if any."""
    for part in reversed(location):
        if isinstance(part, str) and part:
            for number, line in enumerate(text.splitlines(), start=1):
                stripped = line.lstrip(" -")
                if stripped.startswith(f"{part}:"):
                    return number
    return None


def _error(issue: Issue) -> RubricError:
    return RubricError(IssueTable.of([issue]), what=issue.file or "rubric")


def load_rubric(id_or_path: str | Path, project_dir: str | Path | None = None) -> Rubric:
    """A rubric by id (built-in or in ``project_dir/rubrics``) or by the path of its file."""
    candidate = Path(id_or_path)
    if candidate.suffix in {".yaml", ".yml"} or candidate.is_file():
        return read_rubric_file(candidate)
    files = _rubric_files(project_dir)
    wanted = str(id_or_path)
    if wanted in files:
        return read_rubric_file(files[wanted])
    for path in files.values():  # a file may be named differently from its id
        rubric = read_rubric_file(path)
        if rubric.id == wanted:
            return rubric
    from rapidfuzz import process

    best = process.extractOne(wanted, list(files))
    closest = best[0] if best is not None else ""
    raise _error(
        Issue(
            "rubric-not-found",
            f"no rubric with id {wanted!r}",
            value=wanted,
            hint=f"known rubrics: {', '.join(files)}"
            + (f"; did you mean {closest!r}?" if closest else ""),
        )
    )


def available_rubrics(project_dir: str | Path | None = None) -> list[Rubric]:
    """Every rubric that reads cleanly, built-in and the project's own, ordered by id.

    A project rubric file that does not validate raises :class:`RubricError`: listing must not hide
    a broken tool.
    """
    rubrics: dict[str, Rubric] = {}
    for path in _rubric_files(project_dir).values():
        rubric = read_rubric_file(path)
        rubrics[rubric.id] = rubric
    return [rubrics[key] for key in sorted(rubrics)]
