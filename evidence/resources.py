"""Where the data the package ships lives: the built-in rubrics, the registry, the bundled project.

An installed wheel carries them under ``evidence/_bundled/`` (the build copies them there); a
source checkout has them at the top of the repository, beside the package. Every stage finds them
through :func:`bundled_root`, so the two layouts are handled in one place.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import yaml

#: The safe YAML loader, libyaml's where PyYAML was built with it (the same data, read several
#: times faster): only plain data is built, nothing in a file is ever run as code.
_SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> object:
    """The plain data of a YAML document (mappings, lists, strings, numbers, dates)."""
    return yaml.load(text, Loader=_SAFE_LOADER)


def bundled_root() -> Path:
    """The folder holding ``rubrics/`` and the bundled review project's files."""
    bundled = resources.files("evidence").joinpath("_bundled")
    if bundled.is_dir():
        return Path(str(bundled))
    return Path(__file__).resolve().parent.parent


def builtin_rubric_dir() -> Path:
    """The folder of built-in rubrics and the flawed-source registry."""
    return bundled_root() / "rubrics"
