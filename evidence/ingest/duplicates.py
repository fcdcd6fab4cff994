"""Finding the same work entered twice: by DOI, and by near-identical title in the same year.

(A repeated citation key is found while reading, since the second entry needs a key of its own.)
Titles are compared with rapidfuzz by sorted neighbourhood (see :func:`_title_duplicates`), which
keeps the comparison linear on large bibliographies.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from evidence.ingest.model import Study
from evidence.issues import Issue

#: Titles at or above this rapidfuzz ratio (0-100) in the same year are reported as duplicates.
TITLE_SIMILARITY = 95.0
#: How many sorted neighbours each title is compared with.
NEIGHBOURS = 5
# ratio = 2 * matches / (len(a) + len(b)) >= t needs min(len) / max(len) >= t / (200 - t).
_LENGTH_RATIO = TITLE_SIMILARITY / (200.0 - TITLE_SIMILARITY)
_NON_WORD = re.compile(r"[\W_]+")


def normalise_title(title: str) -> str:
    return _NON_WORD.sub(" ", title.casefold()).strip()


def find_duplicates(studies: Sequence[Study]) -> list[Issue]:
    """Duplicates by DOI and by title; records the review already marks as duplicates are skipped."""
    studies = [s for s in studies if s.screening != "duplicate"]
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
    """Near-identical titles in the same year, by sorted neighbourhood.

    Titles are sorted by year and text, and each is compared with its few nearest neighbours; a
    second pass sorts by the reversed text, so that two titles differing near their start are
    neighbours too. The work is linear in the number of studies, where all pairs would be
    quadratic.
    """
    titles = [
        (study.year, normalise_title(study.title), index)
        for index, study in enumerate(studies)
        if study.title and study.year is not None
    ]
    rows = [(year, title, len(title), index) for year, title, index in titles]
    earliest_twin: dict[int, int] = {}
    for reverse in (False, True):
        rows.sort(key=lambda row: (row[0], row[1][::-1] if reverse else row[1]))
        for position, (year, title, length, index) in enumerate(rows):
            shortest, longest = length * _LENGTH_RATIO, length / _LENGTH_RATIO
            for other_year, other_title, other_length, other in rows[
                max(0, position - NEIGHBOURS) : position
            ]:
                # Titles whose lengths differ by more than the threshold allows cannot match.
                if (
                    other_year != year
                    or not shortest <= other_length <= longest
                    or not fuzz.ratio(title, other_title, score_cutoff=TITLE_SIMILARITY)
                ):
                    continue
                first, later = min(index, other), max(index, other)
                doi = studies[later].doi
                if doi and doi == studies[first].doi:
                    continue  # the same DOI is already reported once
                earliest_twin[later] = min(first, earliest_twin.get(later, first))
    return [
        _title_issue(studies[later], studies[first])
        for later, first in sorted(earliest_twin.items())
    ]


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
