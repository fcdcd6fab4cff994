"""Characteristics of studies, in RevMan's layout, and the excluded studies with their reasons."""

from __future__ import annotations

import pandas as pd

from evidence.ingest.model import Studies, Study
from evidence.ingest.vocabulary import default_vocabulary
from evidence.report.table import ReportTable

CHARACTERISTICS_COLUMNS = (
    "Study",
    "Key",
    "Methods",
    "Participants",
    "N",
    "Measure",
    "Estimate",
    "Data source",
    "Notes",
)

#: Screening values that keep a record out of the characteristics of included studies.
_EXCLUDED_SCREENING = {"duplicate", "excluded-screening", "not-retrieved", "excluded-eligibility"}


def _label(field: str, value: str | None) -> str:
    if not value:
        return ""
    return default_vocabulary().label(field, value)


def format_number(value: float | None) -> str:
    """3946 -> "3,946"; 3.5 -> "3.5"; None -> ""."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6g}" if abs(value) < 1000 else f"{value:,.1f}"


def estimate_text(study: Study) -> str:
    """The headline estimate with its interval and unit: ``4,457-20,994 persons``."""
    if study.estimate is None and study.estimate_low is None and study.estimate_high is None:
        return ""
    unit = study.estimate_unit
    percent = unit == "percent"
    suffix = "%" if percent else (f" {_label('estimate_unit', unit)}" if unit else "")
    low, high = study.estimate_low, study.estimate_high
    if study.estimate is None:
        return f"{format_number(low)}–{format_number(high)}{suffix}"
    text = f"{format_number(study.estimate)}{'%' if percent else ''}"
    if low is not None and high is not None:
        text += f" ({format_number(low)}–{format_number(high)})"
    return text + ("" if percent else suffix)


def _join(*parts: str | None) -> str:
    return "; ".join(p for p in parts if p)


def characteristics_row(study: Study) -> dict[str, object]:
    return {
        "Study": study.citation(),
        "Key": study.key,
        "Methods": _join(_label("design", study.design), _label("sampling", study.sampling)),
        "Participants": _join(study.population, study.setting, study.country, study.period),
        "N": study.n,
        "Measure": _label("measure", study.measure),
        "Estimate": estimate_text(study),
        "Data source": study.data_source or "",
        "Notes": study.note or "",
    }


def characteristics_table(studies: Studies, included_only: bool = True) -> ReportTable:
    """One row per study (by default the included ones: screening ``included`` or not given)."""
    chosen = [s for s in studies if not included_only or s.screening not in _EXCLUDED_SCREENING]
    frame = pd.DataFrame(
        [characteristics_row(s) for s in chosen], columns=list(CHARACTERISTICS_COLUMNS)
    )
    frame["N"] = frame["N"].astype("Int64")
    caveats = [
        "Methods: study design; sampling. Participants: population; setting; country; period.",
        "Estimate: the work's own headline figure, with the interval it reports in brackets.",
    ]
    no_design = sum(1 for s in chosen if s.design is None)
    if no_design:
        caveats.append(f"{no_design} of {len(chosen)} studies record no design.")
    no_n = sum(1 for s in chosen if s.n is None)
    if no_n:
        caveats.append(f"{no_n} of {len(chosen)} studies record no sample size (N).")
    which = "included studies" if included_only else "studies"
    return ReportTable(
        name="characteristics",
        caption=f"Characteristics of {which} (n = {len(chosen)})",
        frame=frame,
        caveats=tuple(caveats),
    )


def excluded_studies_table(studies: Studies) -> ReportTable:
    """Studies excluded at full-text eligibility, with the reason recorded for each."""
    chosen = [s for s in studies if s.screening == "excluded-eligibility"]
    frame = pd.DataFrame(
        [
            {"Study": s.citation(), "Key": s.key, "Reason for exclusion": s.exclusion_reason or ""}
            for s in chosen
        ],
        columns=["Study", "Key", "Reason for exclusion"],
    )
    no_reason = sum(1 for s in chosen if not s.exclusion_reason)
    caveats = (f"{no_reason} excluded studies record no reason.",) if no_reason else ()
    return ReportTable(
        name="excluded-studies",
        caption=f"Characteristics of excluded studies (n = {len(chosen)})",
        frame=frame,
        caveats=caveats,
    )
