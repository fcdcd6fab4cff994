"""An installed wheel, away from the checkout, finds its rubrics, registry and bundled project."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
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
    """The evidence command of a fresh virtual environment holding the built wheel.

    The wheel is built by hatchling from the test environment (no build isolation, so no
    download) and installed without its dependencies; those are lent by the test environment's
    site-packages through a path file, which adds them as plain paths: the test environment's
    own editable install of the checkout is not processed there, so ``evidence`` comes from the
    wheel alone.
    """
    assert UV is not None
    work = tmp_path_factory.mktemp("wheel")
    dist = work / "dist"
    built = _run(
        sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(dist), cwd=ROOT
    )
    assert built.returncode == 0, built.stderr
    wheel = next(dist.glob("*.whl"))
    venv = work / "venv"
    made = _run(UV, "venv", "--quiet", "--python", sys.executable, str(venv), cwd=work)
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    install = _run(
        UV,
        "pip",
        "install",
        "--offline",
        "--no-deps",
        "--quiet",
        "--python",
        str(python),
        str(wheel),
        cwd=work,
    )
    assert install.returncode == 0, install.stderr
    site = _run(
        str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=work
    )
    lent = [p for p in sys.path if p.endswith("site-packages")]
    (Path(site.stdout.strip()) / "zz_lent_dependencies.pth").write_text("\n".join(lent) + "\n")
    where = _run(str(python), "-c", "import evidence; print(evidence.__file__)", cwd=work)
    assert where.returncode == 0, where.stderr
    assert not where.stdout.strip().startswith(str(ROOT)), where.stdout
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


def test_installed_wheel_appraises_the_bundled_project(installed: Path, tmp_path: Path) -> None:
    for command, expected in (("appraise", "curtis2008commercial"), ("agreement", "overall")):
        done = _run(
            str(installed), command, "--rubric", "hoy-2012", "--format", "csv", cwd=tmp_path
        )
        assert done.returncode == 0, done.stderr
        assert expected in done.stdout
