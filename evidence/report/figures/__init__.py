"""Report figures drawn with matplotlib; each a :class:`ReportFigure` with deterministic bytes."""
