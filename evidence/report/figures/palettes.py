"""Risk-of-bias colours: a colour-blind-safe default and robvis's "cochrane" colours."""

from __future__ import annotations

#: The risk levels a judgement can carry, worst last; "not-assessed" is a missing judgement.
RISK_LEVELS: tuple[str, ...] = (
    "low",
    "moderate",
    "unclear",
    "high",
    "not-applicable",
    "not-assessed",
)

RISK_LABELS: dict[str, str] = {
    "low": "Low risk",
    "moderate": "Moderate risk / some concerns",
    "unclear": "Unclear / no information",
    "high": "High risk",
    "not-applicable": "Not applicable",
    "not-assessed": "Not assessed",
}

#: A symbol drawn in each mark, so the judgement reads without telling colours apart.
RISK_SYMBOLS: dict[str, str] = {
    "low": "+",
    "moderate": "−",
    "unclear": "?",
    "high": "×",
    "not-applicable": "",
    "not-assessed": "",
}

PALETTES: dict[str, dict[str, str]] = {
    # Okabe–Ito hues, which stay apart under the common colour-vision deficiencies, ordered by
    # lightness too so a greyscale print still separates them.
    "colourblind": {
        "low": "#009E73",
        "moderate": "#F0E442",
        "unclear": "#56B4E9",
        "high": "#D55E00",
        "not-applicable": "#BBBBBB",
        "not-assessed": "#FFFFFF",
    },
    # The colours of robvis's colour="cochrane" option (low, some concerns, high, no information).
    "cochrane": {
        "low": "#02C100",
        "moderate": "#E2DF07",
        "unclear": "#4EA1F7",
        "high": "#BF0000",
        "not-applicable": "#BBBBBB",
        "not-assessed": "#FFFFFF",
    },
}

DEFAULT_PALETTE = "colourblind"


def palette(name: str) -> dict[str, str]:
    try:
        return PALETTES[name]
    except KeyError:
        raise ValueError(f"unknown palette {name!r}; use one of: {', '.join(PALETTES)}") from None
