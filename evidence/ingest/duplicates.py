"""Finding the same work entered twice: by DOI, and by near-identical title in the same year.

(A repeated citation key is found while reading, since the second entry needs a key of its own.)
Titles are compared with rapidfuzz within blocks of the same year and similar length, since two
titles whose lengths differ by more than the similarity threshold allows cannot match; this keeps
the comparison near-linear on large bibliographies.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from rapidfuzz import fuzz, process

from evidence.ingest.model import Study
from evidence.issues import Issue

#: Titles at or above this rapidfuzz ratio (0-100) in the same year are reported as duplicates.
TITLE_SIMILARITY = 95.0
_NON_WORD = re.compile(r"[\W_]+")


def normalise_title(title: str) -> str:
    return _NON_WORD.sub(" ", title.casefold()).strip()


def find_duplicates(studies: Sequence[Study]) -> list[Issue]:
    issues: list[Issue] = []
    by_doi: dict[str, Study] = {}
    for study in studies:
        if not study.doi:
            continue
        first = by_doi.setdefault(study.doi, study)
        if first is not study:
            issues.append(
                Issue(
                    "duplicate-doi",
                    f"{study.key!r} has the same DOI as {first.key!r} ({first.file}:{first.line})",
                    file=study.file,
                    line=study.line,
                    key=study.key,
                    field="doi",
                    value=study.doi,
                    hint=f"keep one record of the work, or correct the DOI of one of them "
                    f"(lines {first.line} and {study.line})",
                )
            )
    issues.extend(_title_duplicates(studies))
    return issues


def _title_duplicates(studies: Sequence[Study]) -> list[Issue]:
    blocks: dict[int, list[tuple[str, Study]]] = defaultdict(list)
    for study in studies:
        if study.title and study.year is not None:
            blocks[study.year].append((normalise_title(study.title), study))
    shortest_ratio = TITLE_SIMILARITY / (200.0 - TITLE_SIMILARITY)
    issues: list[Issue] = []
    for members in blocks.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda pair: len(pair[0]))
        exact: dict[str, Study] = {}
        start = 0
        for index, (title, study) in enumerate(members):
            twin = exact.get(title)
            if twin is None:
                while start < index and len(members[start][0]) < len(title) * shortest_ratio:
                    start += 1
                if start < index:
                    best = process.extractOne(
                        title,
                        [t for t, _ in members[start:index]],
                        scorer=fuzz.ratio,
                        score_cutoff=TITLE_SIMILARITY,
                    )
                    if best is not None:
                        twin = members[start + best[2]][1]
                exact[title] = study
            # The same DOI is already reported once; a second row would say nothing new.
            if twin is not None and not (study.doi and study.doi == twin.doi):
                issues.append(_title_issue(study, twin))
    return issues


def _title_issue(study: Study, twin: Study) -> Issue:
    first, second = sorted((twin, study), key=lambda s: (s.file, s.line))
    return Issue(
        "duplicate-title",
        f"{second.key!r} and {first.key!r} ({first.file}:{first.line}) have near-identical titles "
        f"and the same year {second.year}",
        file=second.file,
        line=second.line,
        key=second.key,
        field="title",
        value=second.title or "",
        hint=f"keep one record of the work (lines {first.line} and {second.line}), "
        "or correct the title or year",
    )
