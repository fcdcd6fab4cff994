"""Both notebooks run from top to bottom on the bundled project, in a kernel of this environment."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


@pytest.mark.parametrize("name", ["reviewer-walkthrough.ipynb", "appendix.ipynb"])
def test_notebook_runs(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Written files go to a temporary folder, never into the checkout.
    monkeypatch.setenv("EVIDENCE_OUT", str(tmp_path / "out"))
    monkeypatch.delenv("EVIDENCE_PROJECT", raising=False)
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    # Tables show as HTML and figures as PNG: what a reviewer sees in the notebook.
    assert any("text/html" in o.get("data", {}) for o in outputs)
    assert any("image/png" in o.get("data", {}) for o in outputs)
    if name == "appendix.ipynb":
        assert (tmp_path / "out" / "report.html").is_file()
