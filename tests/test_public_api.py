"""The curated public API is complete, and every issue code is registered and used."""

from __future__ import annotations

import re
from pathlib import Path

import evidence
from evidence.issues import CODES

PACKAGE = Path(evidence.__file__).resolve().parent


def test_all_names_resolve() -> None:
    for name in evidence.__all__:
        assert hasattr(evidence, name), name


def test_every_public_class_and_function_is_exported() -> None:
    public = {
        name
        for name, value in vars(evidence).items()
        if not name.startswith("_")
        and callable(value)
        and getattr(value, "__module__", "").startswith("evidence")
    }
    assert public <= set(evidence.__all__)


def test_issue_codes_used_in_the_package_are_registered_and_every_code_is_used() -> None:
    source = "\n".join(p.read_text("utf-8") for p in PACKAGE.rglob("*.py"))
    used = set(re.findall(r'Issue\(\s*"([a-z0-9-]+)"', source))
    assert used <= set(CODES), used - set(CODES)
    unused = {code for code in CODES if f'"{code}"' not in source.replace('"' + code + '": (', "")}
    assert not unused, unused
