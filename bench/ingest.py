"""Time load_studies against bibtexparser's own parse_file on the same file, in one run.

    uv run python bench/make_bib.py 50000
    uv run python bench/ingest.py [bench/data/synthetic-50000.bib]

Prints both times, their ratio (target <= 1.2), and the peak resident memory of each step
(target: under 1 GiB), each measured in a fresh process so that one does not warm the other.
The steps run interleaved ``--repeat`` times and the fastest run of each counts, so that a busy
machine slows all steps alike.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

STEPS = {
    "load_studies": (
        "from evidence.ingest import load_studies\n"
        "studies = load_studies(PATH)\n"
        "count = len(studies)\n"
    ),
    "load_studies (1 process)": (
        "from evidence.ingest import load_studies\n"
        "studies = load_studies(PATH, workers=1)\n"
        "count = len(studies)\n"
    ),
    "bibtexparser.parse_file": (
        "import bibtexparser\nlibrary = bibtexparser.parse_file(PATH)\ncount = len(library.entries)\n"
    ),
}
RUNNER = """
import json, os, resource, sys, time
PATH = sys.argv[1]
start = time.perf_counter()
{code}
seconds = time.perf_counter() - start
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
# workers run side by side with the parent: their peaks may add up
together = own + (worker * (os.cpu_count() or 1) if worker else 0)
print(json.dumps({{"seconds": seconds, "entries": count, "peak_mib": max(own, worker) / 1024,
                  "together_mib": together / 1024}}))
"""


def run(code: str, path: Path) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, "-c", RUNNER.format(code=code), str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "path", nargs="?", type=Path, default=Path(__file__).parent / "data" / "synthetic-50000.bib"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="interleaved runs of each step; the fastest counts"
    )
    args = parser.parse_args()
    if not args.path.exists():
        sys.exit(f"{args.path} does not exist; make it with: uv run python bench/make_bib.py 50000")
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in STEPS}
    for _ in range(args.repeat):
        for name, code in STEPS.items():
            runs[name].append(run(code, args.path))
    results = {name: min(found, key=lambda r: r["seconds"]) for name, found in runs.items()}
    baseline = results["bibtexparser.parse_file"]["seconds"]
    print(f"file: {args.path} ({args.path.stat().st_size / 1e6:.1f} MB)")
    for name, result in results.items():
        print(
            f"{name:28s} {result['seconds']:7.2f} s  {int(result['entries']):>7d} entries  "
            f"peak {result['peak_mib']:7.0f} MiB  (all processes at most "
            f"{result['together_mib']:5.0f} MiB)  ratio {result['seconds'] / baseline:5.2f}"
        )


if __name__ == "__main__":
    main()
