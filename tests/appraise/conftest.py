from __future__ import annotations

from pathlib import Path

import pytest

from evidence.appraise import Rubric, load_rubric
from evidence.ingest import Studies, load_studies

DATA = Path(__file__).resolve().parents[1] / "data" / "appraise"
PROJECT = DATA / "project"
REPOSITORY = Path(__file__).resolve().parents[2]
SHARED = REPOSITORY / ".." / "shared"


@pytest.fixture(scope="session")
def project_studies() -> Studies:
    return load_studies(PROJECT / "studies.bib")


@pytest.fixture(scope="session")
def hoy() -> Rubric:
    return load_rubric("hoy-2012")
