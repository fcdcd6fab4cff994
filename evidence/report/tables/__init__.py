"""Report tables, one module each; every builder returns a :class:`ReportTable`."""
