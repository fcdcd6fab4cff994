from pathlib import Path

import pytest

from evidence.flag import RegistryError, load_cues, load_registry
from evidence.ingest.load import load_studies

ROOT = Path(__file__).resolve().parents[2]
TEN_IDS = {
    "estes-weiner-2001-at-risk",
    "ncmec-100000-children",
    "age-of-entry-12-14",
    "us-tip-estimates",
    "bales-27-million",
    "ilo-2005-32-billion",
    "unodc-detected-victims",
    "global-slavery-index",
    "stock-as-flow",
    "ads-as-victims",
}


def test_builtin_registry_holds_the_ten_ids() -> None:
    assert set(load_registry().ids) >= TEN_IDS


def test_origin_and_critique_keys_are_in_the_bundled_bibliography() -> None:
    keys = set(load_studies(ROOT / "studies.bib").keys)
    registry = load_registry()
    for entry in registry.entries:
        assert set(entry.origin_keys) <= keys, entry.id
        assert set(entry.critiques) <= keys, entry.id


def test_a_bad_registry_names_the_file_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "flawed-sources.yaml"
    bad.write_text("schema_version: 1\nentries:\n  - id: x\n    label: y\n", encoding="utf-8")
    with pytest.raises(RegistryError, match=r"flawed-sources.yaml.*entries\.0\.measure"):
        load_registry(bad)


def test_an_unknown_schema_version_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "r.yaml"
    bad.write_text("schema_version: 9\nentries: []\n", encoding="utf-8")
    with pytest.raises(RegistryError, match="schema_version 9"):
        load_registry(bad)


def test_cues_recognise_acknowledgement() -> None:
    cues = load_cues()
    assert cues.acknowledges(["These figures count children at risk, not victims."])
    assert cues.acknowledges(["The figure should be interpreted with caution."])
    assert not cues.acknowledges(["These children are victims."])
