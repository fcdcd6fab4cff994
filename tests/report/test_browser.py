"""report.html opened in headless Chromium: every table and figure there, no console message,
no request to any other address; a screenshot is saved under the test's temporary folder."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from evidence.report.review import Review

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "chrome")


def browser() -> str | None:
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def run_chromium(binary: str, profile: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
        # Any attempt to reach another host fails, and the failure shows in the console log.
        "--host-resolver-rules=MAP * ~NOTFOUND",
    ]
    return subprocess.run(
        [binary, *flags, *arguments], capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.skipif(browser() is None, reason="no Chromium binary on this machine")
def test_report_html_in_a_headless_browser(fixture_review: Review, tmp_path: Path) -> None:
    binary = browser()
    assert binary is not None
    page = tmp_path / "report.html"
    page.write_text(fixture_review.to_html(), encoding="utf-8")
    url = page.as_uri()

    dom = run_chromium(binary, tmp_path / "profile-dom", "--dump-dom", url)
    assert dom.returncode == 0, dom.stderr[-2000:]
    for table in fixture_review.tables:
        assert f'id="table-{table.name}"' in dom.stdout
    for figure in fixture_review.figures:
        assert f'id="figure-{figure.name}"' in dom.stdout
    assert dom.stdout.count("<svg") >= len(fixture_review.figures)
    console = [line for line in dom.stderr.splitlines() if ":CONSOLE" in line]
    assert console == [], "the page logged to the console:\n" + "\n".join(console)

    screenshot = tmp_path / "report.png"
    shot = run_chromium(
        binary,
        tmp_path / "profile-shot",
        f"--screenshot={screenshot}",
        "--window-size=1280,1600",
        url,
    )
    assert shot.returncode == 0, shot.stderr[-2000:]
    assert screenshot.is_file()
    assert screenshot.stat().st_size > 10_000
    assert [line for line in shot.stderr.splitlines() if ":CONSOLE" in line] == []


def test_the_console_check_would_catch_an_error(tmp_path: Path) -> None:
    binary = browser()
    if binary is None:
        pytest.skip("no Chromium binary on this machine")
    page = tmp_path / "broken.html"
    page.write_text("<html><body><script>missingFunction();</script></body></html>")
    result = run_chromium(binary, tmp_path / "profile", "--dump-dom", page.as_uri())
    assert any(":CONSOLE" in line for line in result.stderr.splitlines())
