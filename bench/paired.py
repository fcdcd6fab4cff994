"""Benchmark helper: time flagging with this checkout against another, in alternating runs.

    git worktree add /tmp/before HEAD~1
    uv run python bench/paired.py /tmp/before [--runs 6] [--workers 1] [--corpus DIR]

Each run flags the whole corpus in a fresh process, as ``bench/flag.py`` does, once with the
``evidence`` package of the other checkout and once with this one, in turn, so that a busy
machine slows both alike. Prints the seconds of every pair, the ratio of this checkout's time to
the other's, and the median ratio (below 1: this checkout is faster).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from flag import corpus_files  # noqa: E402
from make_corpus import CLAIM_SHARE, NUMBER_SHARE  # noqa: E402


def seconds(corpus: Path, package_root: Path | None, workers: int | None) -> float:
    """One fresh process flagging ``corpus`` with the package found under ``package_root``
    (this checkout's when None)."""
    env = dict(os.environ)
    if package_root is not None:
        env["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(package_root), env.get("PYTHONPATH")])
        )
    extra = [] if workers is None else ["--workers", str(workers)]
    command = [sys.executable, str(HERE / "flag.py"), "--child", str(corpus), *extra]
    done = subprocess.run(command, check=True, capture_output=True, text=True, env=env)
    return float(json.loads(done.stdout.strip().splitlines()[-1])["seconds"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", type=Path, help="the other checkout (its folder holds evidence/)")
    parser.add_argument("--runs", type=int, default=6)
    parser.add_argument("--workers", type=int, default=None, help="default: one per processor")
    parser.add_argument("--corpus", type=Path, default=None)
    args = parser.parse_args()
    if not (args.other / "evidence" / "__init__.py").is_file():
        parser.error(f"{args.other} holds no evidence/ package: give the other checkout's folder")
    corpus, _ = corpus_files(100, CLAIM_SHARE, NUMBER_SHARE, args.corpus)
    ratios = []
    for run in range(1, args.runs + 1):
        before = seconds(corpus, args.other.resolve(), args.workers)
        after = seconds(corpus, None, args.workers)
        ratios.append(after / before)
        print(f"run {run}: other {before:.3f} s, this {after:.3f} s, ratio {after / before:.3f}")
    print(f"median ratio {statistics.median(ratios):.3f} over {len(ratios)} pairs")


if __name__ == "__main__":
    main()
