"""Flag stage: the flawed-source registry, flag rules, acknowledgement and Fedina's audit."""

from evidence.flag.audit import Audit, audit, project_texts
from evidence.flag.registry import (
    Cues,
    Entry,
    Registry,
    RegistryError,
    load_cues,
    load_registry,
)
from evidence.flag.rules import FLAG_CODES, Flag, Flags, flag_claims

__all__ = [
    "FLAG_CODES",
    "Audit",
    "Cues",
    "Entry",
    "Flag",
    "Flags",
    "Registry",
    "RegistryError",
    "audit",
    "flag_claims",
    "load_cues",
    "load_registry",
    "project_texts",
]
