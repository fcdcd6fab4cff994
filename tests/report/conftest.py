"""Shared fixtures of the report tests: the small fixture project and its built review."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence.report.review import Review, build_review

DATA = Path(__file__).resolve().parents[1] / "data" / "report"
PROJECT = DATA / "project"
GOLDEN = DATA / "golden"


@pytest.fixture(scope="session")
def fixture_review() -> Review:
    return build_review(PROJECT)
