"""The flagged-claims table and the audit summary, from the flag stage's frames."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from evidence.flag.rules import FLAG_COLUMNS
from evidence.report.table import ReportTable


def relative_files(frame: pd.DataFrame, root: Path | None) -> pd.DataFrame:
    """File names relative to the project, so a table does not depend on where the project sits."""
    if root is None or "file" not in frame.columns:
        return frame

    def relative(name: object) -> object:
        try:
            return Path(str(name)).resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return name

    return frame.assign(file=frame["file"].map(relative))


def flagged_claims_table(flags: Any, root: Path | None = None) -> ReportTable:
    """Every flagged prevalence claim: where it is, the flag's code, what it rests on, the sentence."""
    frame = relative_files(flags.to_frame(), root)
    frame = frame[[c for c in FLAG_COLUMNS if c in frame.columns]]
    unacknowledged = (
        int((~frame["acknowledged"].fillna(False).astype(bool)).sum()) if len(frame) else 0
    )
    return ReportTable(
        name="flagged-claims",
        caption=f"Flagged prevalence claims ({len(frame)}; {unacknowledged} without acknowledged limits)",
        frame=frame,
        caveats=(
            "acknowledged: the text around the claim states the estimate's limits (Fedina 2015).",
            "source: the flawed-source registry id or bibliography key the flag rests on.",
        ),
    )


def audit_table(audit: Any, root: Path | None = None) -> ReportTable:
    """One row per audited text, and the corpus summary as a caveat."""
    frame = relative_files(audit.to_frame(), root)
    summary = audit.summary()
    share = float(summary.get("share_flawed_unacknowledged", 0.0) or 0.0)
    return ReportTable(
        name="audit",
        caption=f"Audit of {summary.get('texts', len(frame))} texts for flawed prevalence sources",
        frame=frame,
        caveats=(
            f"{summary.get('texts_using_flawed', 0)} texts use at least one flawed source; "
            f"{summary.get('texts_flawed_unacknowledged', 0)} ({share:.0%}) do so without "
            "acknowledging its limits.",
            "flawed_sources and unacknowledged_sources list registry ids joined by ';'.",
        ),
    )
