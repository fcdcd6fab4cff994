"""The figure object and the settings that make its PNG, SVG and PDF bytes the same on every run."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import matplotlib as mpl
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

FIGURE_FORMATS: dict[str, str] = {"png": ".png", "svg": ".svg", "pdf": ".pdf"}

#: rc settings that pin everything a rerun could otherwise change: the font (shipped with
#: matplotlib, so no system font is picked up), the SVG id salt and the metadata dates.
DETERMINISTIC_RC: dict[str, Any] = {
    "svg.hashsalt": "evidence-review",
    "svg.fonttype": "path",
    "pdf.fonttype": 3,
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.titlesize": 10,
    "figure.dpi": 100,
    "path.simplify": True,
}

_METADATA: dict[str, dict[str, str | None]] = {
    "png": {"Software": "evidence-review"},
    "svg": {"Date": None, "Creator": "evidence-review"},
    "pdf": {
        "CreationDate": None,
        "ModDate": None,
        "Creator": "evidence-review",
        "Producer": "evidence-review",
    },
}


@contextmanager
def figure_style() -> Iterator[None]:
    with mpl.rc_context(DETERMINISTIC_RC):  # type: ignore[arg-type]
        yield


def new_figure(width: float, height: float) -> Figure:
    """A figure outside pyplot's registry, so nothing stays open after it is saved."""
    figure = Figure(figsize=(width, height), layout=None)
    FigureCanvasAgg(figure)
    return figure


@dataclass(frozen=True, eq=False)
class ReportFigure:
    """A finished figure: its file stem, caption, the drawing and its recommended size in inches."""

    name: str
    caption: str
    figure: Figure
    # Rendered bytes by (format, dpi): a finished figure does not change, and report.html
    # embeds the same SVG that is written to its own file.
    _rendered: dict[tuple[str, int], bytes] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @property
    def size(self) -> tuple[float, float]:
        """The recommended size in inches (width, height): the size it was laid out for."""
        width, height = self.figure.get_size_inches()
        return (float(width), float(height))

    def render(self, fmt: str, dpi: int = 150) -> bytes:
        if fmt not in FIGURE_FORMATS:
            raise ValueError(
                f"unknown figure format {fmt!r}; use one of: {', '.join(FIGURE_FORMATS)}"
            )
        cached = self._rendered.get((fmt, dpi))
        if cached is not None:
            return cached
        buffer = io.BytesIO()
        with figure_style():
            # Light PNG compression: zlib's default level spends most of the time of a
            # 300 dpi page for a file only slightly smaller.
            extra: dict[str, Any] = {"pil_kwargs": {"compress_level": 2}} if fmt == "png" else {}
            self.figure.savefig(buffer, format=fmt, dpi=dpi, metadata=_METADATA[fmt], **extra)
        self._rendered[(fmt, dpi)] = buffer.getvalue()
        return self._rendered[(fmt, dpi)]

    def to_png(self, dpi: int = 150) -> bytes:
        return self.render("png", dpi=dpi)

    def to_svg(self) -> bytes:
        return self.render("svg")

    def to_pdf(self) -> bytes:
        return self.render("pdf")

    def svg_inline(self) -> str:
        """The SVG without its XML prologue, ready to sit inside an HTML page."""
        text = self.to_svg().decode("utf-8")
        start = text.find("<svg")
        return text[start:] if start >= 0 else text

    def _repr_png_(self) -> bytes:
        return self.to_png(dpi=100)

    def __repr__(self) -> str:
        width, height = self.size
        return f"<ReportFigure {self.name!r}: {width:.1f} x {height:.1f} in>"
