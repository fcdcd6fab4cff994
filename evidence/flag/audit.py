"""Fedina's audit of a corpus: per text, the flawed sources it uses and whether it acknowledges them.

``audit(paths, studies, registry)`` flags every text (a folder is read for every readable file in
it) and gives one row per text, and ``summary()`` the share of texts that use at least one flawed
source without acknowledging its limits. With ``scheduler`` the texts are read on dask (a
``dask.bag`` over files; "threads", "processes", "synchronous" or a scheduler address) and the
table is the same as the local run's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from evidence.claims.claims import TextClaims
from evidence.claims.readers import READABLE_SUFFIXES
from evidence.flag.registry import Registry
from evidence.flag.rules import Flag, Flags, flags_per_text, read_texts
from evidence.ingest.model import Studies
from evidence.issues import IssueTable

AUDIT_COLUMNS = [
    "file",
    "sentences",
    "claims",
    "flags",
    "flawed_sources",
    "unacknowledged_sources",
    "flawed_unacknowledged",
]


def project_texts(project: str | Path) -> list[Path]:
    """The texts and claim tables of a review project: ``texts/`` and ``claims/*.csv``."""
    root = Path(project)
    return text_files([p for p in (root / "texts", root / "claims") if p.is_dir()])


def text_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files and the readable files of folders (sorted, so runs are repeatable)."""
    found: list[Path] = []
    for path in paths:
        item = Path(path)
        if item.is_dir():
            found.extend(
                sorted(
                    p
                    for p in item.rglob("*")
                    if p.is_file() and p.suffix.lower() in (*READABLE_SUFFIXES, ".csv")
                )
            )
        else:
            found.append(item)
    return found


@dataclass(frozen=True)
class Audit:
    """One row per text: its sentences, claims, flags and flawed sources, acknowledged or not."""

    flags: Flags
    rows: tuple[dict[str, Any], ...] = ()
    issues: IssueTable = field(default_factory=IssueTable)

    def to_frame(self) -> pd.DataFrame:
        frame = pd.DataFrame(list(self.rows), columns=AUDIT_COLUMNS)
        frame["flawed_unacknowledged"] = frame["flawed_unacknowledged"].astype(bool)
        return frame

    def summary(self) -> dict[str, Any]:
        texts = len(self.rows)
        using = sum(1 for r in self.rows if r["flawed_sources"])
        unacknowledged = sum(1 for r in self.rows if r["flawed_unacknowledged"])
        return {
            "texts": texts,
            "texts_using_flawed": using,
            "texts_flawed_unacknowledged": unacknowledged,
            "share_flawed_unacknowledged": round(unacknowledged / texts, 4) if texts else 0.0,
        }

    def _repr_html_(self) -> str:
        s = self.summary()
        head = (
            f"<p>{s['texts_flawed_unacknowledged']} of {s['texts']} texts "
            f"({s['share_flawed_unacknowledged']:.0%}) use a flawed source without acknowledging "
            "its limits</p>"
        )
        return head + str(self.to_frame().to_html(index=False, na_rep=""))


def audit_row(text: TextClaims, flags: Iterable[Flag]) -> dict[str, Any]:
    """One row of Fedina's table: a text (or claim table) and its own flags."""
    mine = list(flags)
    flawed = [f for f in mine if f.code == "flawed-source" and f.source]
    sources = sorted({str(f.source) for f in flawed})
    unacknowledged = sorted(
        s for s in sources if not any(f.acknowledged for f in flawed if f.source == s)
    )
    return {
        "file": text.file,
        "sentences": text.sentences,
        "claims": len(text.claims),
        "flags": len(mine),
        "flawed_sources": ";".join(sources),
        "unacknowledged_sources": ";".join(unacknowledged),
        "flawed_unacknowledged": bool(unacknowledged),
    }


def _read_one(path: str, registry: Registry) -> tuple[list[TextClaims], list[Any]]:
    return read_texts([path], registry)


def audit(
    paths: Iterable[str | Path],
    studies: Studies | None,
    registry: Registry,
    appraisals: Mapping[str, str] | None = None,
    scheduler: str | None = None,
) -> Audit:
    """Fedina's table for a corpus of texts (files or folders)."""
    files = text_files(paths)
    if scheduler is None:
        texts, issues = read_texts(files, registry)
    else:
        import dask.bag as db

        names = [str(f) for f in files]
        partitions = max(1, min(len(files), 64))
        bag = db.from_sequence(names, npartitions=partitions)  # type: ignore[no-untyped-call]
        if scheduler in ("threads", "processes", "synchronous", "sync", "single-threaded"):
            results = bag.map(_read_one, registry).compute(scheduler=scheduler)
        else:
            from dask.distributed import Client  # pragma: no cover - needs a cluster

            with Client(scheduler) as client:  # pragma: no cover
                results = client.compute(bag.map(_read_one, registry)).result()
        texts, issues = [], []
        for read, problems in results:
            texts.extend(read)
            issues.extend(problems)
    per_text = flags_per_text(texts, studies, registry, appraisals)
    rows = [row for text_rows in per_text for row in text_rows]
    flags = Flags(tuple(rows), tuple(texts), IssueTable.of(issues))
    table = tuple(
        audit_row(text, text_rows) for text, text_rows in zip(texts, per_text, strict=True)
    )
    return Audit(flags, table, IssueTable.of(issues))
