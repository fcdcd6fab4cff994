"""Invariant: a corrupted entry inserted between any two entries never changes the others read."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from evidence.ingest import load_studies

GOOD = (Path(__file__).resolve().parents[1] / "data" / "ingest" / "good.bib").read_text("utf-8")
ENTRIES = ["@" + part for part in GOOD.split("\n@")[1:]]
HEADER = GOOD.split("\n@")[0] + "\n"

CORRUPTIONS = [
    "@article{bad,\n  title = {Never closed,\n  year = {2002}\n}\n",
    "@article{bad2 title = {a missing comma after the key}}\n",
    "@article{bad3,\n  title = {Unbalanced}},\n  year = {2002}\n}\n",
    "@article{,\n  title = {An entry with no key},\n  year = {2004}\n}\n",
    "@misc{bad4,\n  publisher = undefinedmacro,\n  year = {2001}\n}\n",
    "@article{bad5,\n  sampling = {snowbal},\n  n = {many},\n  year = {twenty}\n}\n",
    "stray text between entries } { with braces\n",
    '@article{bad6,\n  title = "an unclosed quote,\n  year = {2003}\n}\n',
]


def _records(text: str, path: Path) -> dict[str, dict[str, object]]:
    path.write_text(text, encoding="utf-8")
    studies = load_studies(path)
    return {s.key: s.model_dump(exclude={"line", "file"}) for s in studies}


@settings(max_examples=60, deadline=None)
@given(
    position=st.integers(min_value=0, max_value=len(ENTRIES)),
    corruption=st.sampled_from(CORRUPTIONS),
)
def test_corruption_never_changes_other_entries(
    tmp_path_factory: object, position: int, corruption: str
) -> None:
    folder = tmp_path_factory.mktemp("bib")  # type: ignore[attr-defined]
    clean = _records(HEADER + "\n".join(ENTRIES), folder / "clean.bib")
    parts = [*ENTRIES[:position], corruption, *ENTRIES[position:]]
    dirty = _records(HEADER + "\n".join(parts), folder / "dirty.bib")
    for key, record in clean.items():
        assert dirty.get(key) == record, key
