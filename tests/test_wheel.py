"""An installed wheel, away from the checkout, finds its rubrics, registry and bundled project."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
UV = shutil.which("uv")

pytestmark = pytest.mark.skipif(UV is None, reason="uv is needed to build and install the wheel")


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "UV_PROJECT"))}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The evidence command of a fresh virtual environment holding only the built wheel."""
    assert UV is not None
    work = tmp_path_factory.mktemp("wheel")
    built = _run(
        UV, "build", "--offline", "--wheel", "--out-dir", str(work / "dist"), str(ROOT), cwd=work
    )
    if built.returncode != 0:
        pytest.skip(f"the build backend is not in uv's cache: {built.stderr[-300:]}")
    wheel = next((work / "dist").glob("*.whl"))
    venv = work / "venv"
    assert _run(UV, "venv", "--quiet", str(venv), cwd=work).returncode == 0
    # --offline: the dependencies come from uv's cache, filled by the project's own sync.
    install = _run(
        UV,
        "pip",
        "install",
        "--offline",
        "--quiet",
        "--python",
        str(venv / "bin" / "python"),
        str(wheel),
        cwd=work,
    )
    if install.returncode != 0:
        pytest.skip(f"the wheel's dependencies are not in uv's cache: {install.stderr[-300:]}")
    return venv / "bin" / "evidence"


def test_installed_wheel_lists_the_built_in_rubrics_and_registry(
    installed: Path, tmp_path: Path
) -> None:
    listed = _run(str(installed), "rubrics", "--format", "csv", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    for rubric in ("hoy-2012", "jbi-prevalence", "mmat-2018", "axis", "casp-qualitative"):
        assert rubric in listed.stdout
    registry = _run(str(installed), "rubrics", "flawed-sources", "--format", "csv", cwd=tmp_path)
    assert registry.returncode == 0, registry.stderr
    assert "estes-weiner-2001-at-risk" in registry.stdout


def test_installed_wheel_reviews_the_bundled_project(installed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = _run(str(installed), "review", "--out", str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (out / "report.html").is_file()
    assert (out / "report.md").is_file()
    assert "Traceback" not in done.stderr
