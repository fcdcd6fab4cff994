"""The PRISMA 2020 counts as a table: every box, its count and where the count came from."""

from __future__ import annotations

import pandas as pd

from evidence.report.prisma import PrismaFlow
from evidence.report.table import ReportTable


def prisma_table(flow: PrismaFlow) -> ReportTable:
    boxes = flow.to_frame()
    frame = pd.DataFrame(
        {
            "Box": boxes["description"],
            "PRISMA2020 name": boxes["box"],
            "Count": boxes["n"],
            "Counted from": boxes["from"],
        }
    )
    caveats = [
        "Counts from prisma.csv (PRISMA2020 template columns) take precedence over counts from "
        "the bibliography's identified_via and screening fields.",
        "Records from other methods removed before retrieval (duplicates, screened out) have no "
        "box of their own in the PRISMA 2020 diagram.",
    ]
    for box, label in (
        ("dbr_excluded", "databases and registers"),
        ("other_excluded", "other methods"),
    ):
        reasons = flow.excluded_reasons.get(box, ())
        if reasons:
            listed = "; ".join(f"{reason}: {count}" for reason, count in reasons)
            caveats.append(f"Reports excluded ({label}): {listed}.")
    problems = [i for i in flow.issues if i.code.startswith("prisma-mismatch")]
    if problems:
        caveats.append(f"{len(problems)} box equalities fail; see the issues of the review.")
    return ReportTable(
        name="prisma",
        caption="PRISMA 2020 flow counts",
        frame=frame,
        caveats=tuple(caveats),
    )
