"""Accuracy of `flag_claims` on the labelled corpus (tests/data/texts, tests/data/texts-labels.csv).

Flags and labels are compared as sets of (file, page, line, code, source): a flag with no label is
a false positive, a label with no flag a miss. Acknowledgement agreement is measured on the flags
that match a label. Run as a script to print the tables recorded in docs/accuracy.md:

    uv run python tests/flag/corpus_accuracy.py
    uv run python tests/flag/corpus_accuracy.py --texts tests/data/heldout --labels tests/data/heldout-labels.csv
"""

from __future__ import annotations

import argparse
import csv
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from evidence.flag import flag_claims, load_registry
from evidence.ingest.load import load_studies

ROOT = Path(__file__).resolve().parents[2]
TEXTS = ROOT / "tests" / "data" / "texts"
LABELS = ROOT / "tests" / "data" / "texts-labels.csv"
BIB = ROOT / "studies.bib"

Key = tuple[str, str, int, str, str]


@dataclass(frozen=True)
class Accuracy:
    by_code: pd.DataFrame
    by_source: pd.DataFrame
    misses: list[Key]
    false_positives: list[Key]
    clean_sentences: int  # sentences labelled none
    clean_flagged: list[tuple[str, str, int]]  # of those, the ones that got a flag


def _labels(labels: Path) -> dict[Key, bool]:
    expected: dict[Key, bool] = {}
    with labels.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["code"] == "none":
                continue
            key = (row["file"], row.get("page") or "", int(row["line"]), row["code"], row["source"])
            expected[key] = row["acknowledged"].strip().lower() == "true"
    return expected


def must_not_flag(labels: Path = LABELS) -> set[tuple[str, str, int]]:
    """(file, page, line) of the sentences labelled ``none``: better studies, counts that are not
    claims, headings and reference entries."""
    with labels.open(newline="", encoding="utf-8") as handle:
        return {
            (row["file"], row.get("page") or "", int(row["line"]))
            for row in csv.DictReader(handle)
            if row["code"] == "none"
        }


def _flags(texts: Path) -> dict[Key, bool]:
    files = sorted(texts.iterdir())
    flags = flag_claims(files, load_studies(BIB), load_registry())
    found: dict[Key, bool] = {}
    for flag in flags:
        path = Path(flag.file)
        page = str(flag.page) if path.suffix in (".docx", ".pdf") and flag.page else ""
        key = (path.name, page, flag.line, flag.code, flag.source or "")
        found[key] = found.get(key, False) or flag.acknowledged
    return found


def evaluate(texts: Path = TEXTS, labels: Path = LABELS) -> Accuracy:
    """Per-code and per-source tables, the misses and false positives, and the sentences labelled
    ``none`` that were flagged, for the texts of one folder against its labels file."""
    expected = _labels(labels)
    found = _flags(texts)
    matched = set(expected) & set(found)

    def table(group: int) -> pd.DataFrame:
        names = sorted({k[group] or "(no source)" for k in (*expected, *found)})
        rows = []
        for name in names:
            exp = {k for k in expected if (k[group] or "(no source)") == name}
            got = {k for k in found if (k[group] or "(no source)") == name}
            hit = exp & got
            agree = sum(1 for k in hit if expected[k] == found[k])
            rows.append(
                {
                    "name": name,
                    "labels": len(exp),
                    "flags": len(got),
                    "matched": len(hit),
                    "recall": round(len(hit) / len(exp), 3) if exp else None,
                    "precision": round(len(hit) / len(got), 3) if got else None,
                    "acknowledgement": round(agree / len(hit), 3) if hit else None,
                }
            )
        hit_all = len(matched)
        agree_all = sum(1 for k in matched if expected[k] == found[k])
        rows.append(
            {
                "name": "all",
                "labels": len(expected),
                "flags": len(found),
                "matched": hit_all,
                "recall": round(hit_all / len(expected), 3) if expected else None,
                "precision": round(hit_all / len(found), 3) if found else None,
                "acknowledgement": round(agree_all / hit_all, 3) if hit_all else None,
            }
        )
        return pd.DataFrame(rows)

    clean = must_not_flag(labels)
    return Accuracy(
        table(3),
        table(4),
        sorted(set(expected) - set(found)),
        sorted(set(found) - set(expected)),
        len(clean),
        sorted({k[:3] for k in found} & clean),
    )


if __name__ == "__main__":
    from evidence.report.markdown import markdown_table

    parser = argparse.ArgumentParser(description="Accuracy of evidence flag on a labelled corpus.")
    parser.add_argument("--texts", type=Path, default=TEXTS, help="folder of the texts")
    parser.add_argument("--labels", type=Path, default=LABELS, help="labels file of those texts")
    arguments = parser.parse_args()
    result = evaluate(arguments.texts, arguments.labels)
    print(markdown_table(result.by_code))
    print(markdown_table(result.by_source))
    print(
        f"sentences labelled none: {result.clean_sentences}; flagged: {len(result.clean_flagged)}"
    )
    print("\nmisses:")
    for key in result.misses:
        print(" ", key)
    print("false positives:")
    for key in result.false_positives:
        print(" ", key)
