"""evidence-review."""
