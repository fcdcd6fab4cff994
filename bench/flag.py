"""Benchmark: flag a synthetic corpus, and time a bare google-re2 Set scan of the same bytes.

    uv run python bench/flag.py [--mb 100] [--claim-share 0.02] [--number-share 0.25] [--corpus DIR]

Builds the corpus with bench/make_corpus.py when DIR holds none, flags every file with
``flag_claims`` (in a child process, so that its peak memory is its own), as a user calls it (one
worker process per core) and in one process, then scans the same bytes with one ``re2.Set`` of
the flagger's scanning patterns in one process (in 64 KiB blocks, and line by line as a streaming
reader meets them). The steps run interleaved ``--repeat`` times and the fastest run of each
counts, so that a busy machine slows all alike. Prints MB/s of each, the ratios, and the
flagging's peak memory (its own process or any worker's, whichever is larger).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_corpus import CLAIM_SHARE, NUMBER_SHARE, make_corpus  # noqa: E402


def first_scan_cue() -> Any:
    """The cue of the flagger's first scan: claims, and the registry's figures and wordings."""
    from evidence.claims import claims
    from evidence.flag import load_registry

    return claims.claim_cue(load_registry().scan_cue())


def scanning_patterns() -> list[str]:
    """The RE2 patterns the flagger scans texts with: the first scan's cue (claims and registry
    figures, the together-cues' triggers, structure) and the patterns that read a sentence."""
    from evidence.claims import citations, numbers, scan

    cue = first_scan_cue()
    return [
        cue.pattern,
        cue.trigger,
        scan._STRUCTURE,
        numbers._FIGURE.pattern,
        numbers._FRACTION.pattern,
        numbers._VAGUE.pattern,
        citations._PARENTHESES.pattern,
        citations._BRACKETS.pattern,
    ]


def corpus_files(
    mb: float, claim_share: float, number_share: float, corpus: Path | None = None
) -> tuple[Path, list[Path]]:
    """The corpus folder and its files, built with bench/make_corpus.py when it holds none."""
    folder = corpus or HERE / "data" / f"corpus-{mb:g}mb-{claim_share:g}-{number_share:g}"
    files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    if not files:
        files = make_corpus(mb, folder, claim_share=claim_share, number_share=number_share)
    return folder, files


def search_set() -> Any:
    """One compiled ``re2.Set`` of the flagger's scanning patterns."""
    import re2

    pattern_set = re2.Set.SearchSet()
    for pattern in scanning_patterns():
        pattern_set.Add(pattern)
    pattern_set.Compile()
    return pattern_set


def scan_in_blocks(pattern_set: Any, data: bytes) -> None:
    """The bare scan: the Set over ``data`` in 64 KiB blocks."""
    for start in range(0, len(data), 1 << 16):
        pattern_set.Match(data[start : start + (1 << 16)])


def bare_scan(files: list[Path]) -> dict[str, float]:
    pattern_set = search_set()
    result: dict[str, float] = {}
    for name, per_line in (("blocks", False), ("lines", True)):
        total = 0
        started = time.perf_counter()
        for file in files:
            data = file.read_bytes()
            total += len(data)
            if per_line:
                for line in data.split(b"\n"):
                    pattern_set.Match(line)
            else:
                scan_in_blocks(pattern_set, data)
        result[name] = total / 1e6 / (time.perf_counter() - started)
    return result


def share_read(files: list[Path]) -> tuple[int, int]:
    """Paragraphs the first scan hands on for reading, and paragraphs (blank-line separated), in
    ``files``."""
    from evidence.claims import scan

    cue = first_scan_cue()
    read = sum(
        not isinstance(found, scan.Skipped)
        for file in files
        for found in scan.scan_plain_text(file, cue)
    )
    total = sum(len([p for p in f.read_bytes().split(b"\n\n") if p.strip()]) for f in files)
    return read, total


def flag_child(corpus: Path, workers: int | None) -> None:
    """Run in a child process: flag the corpus and print seconds, bytes, flags and peak memory
    (the largest resident set of this process and of the worker processes it started)."""
    from evidence.flag import flag_claims, load_registry
    from evidence.ingest.load import load_studies

    files = sorted(corpus.glob("*.txt"))
    studies = load_studies(HERE.parent / "studies.bib")
    registry = load_registry()
    started = time.perf_counter()
    flags = flag_claims(files, studies, registry, workers=workers)
    seconds = time.perf_counter() - started
    peak_kib = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    print(
        json.dumps(
            {
                "seconds": seconds,
                "bytes": sum(f.stat().st_size for f in files),
                "flags": len(flags),
                "claims": sum(len(t.claims) for t in flags.texts),
                "peak_mb": peak_kib / 1024,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=100)
    parser.add_argument("--claim-share", type=float, default=CLAIM_SHARE)
    parser.add_argument("--number-share", type=float, default=NUMBER_SHARE)
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument(
        "--repeat", type=int, default=3, help="interleaved runs of each step; the fastest counts"
    )
    parser.add_argument("--child", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        flag_child(args.child, args.workers)
        return
    corpus, files = corpus_files(args.mb, args.claim_share, args.number_share, args.corpus)
    # flag_claims as a user calls it (one worker process per core), and in one process
    kinds = {"default workers": [], "one process": ["--workers", "1"]}
    flagged: dict[str, dict[str, float]] = {kind: {} for kind in kinds}
    bare: dict[str, float] = {}
    for _ in range(args.repeat):
        for kind, extra in kinds.items():
            child = subprocess.run(
                [sys.executable, __file__, "--child", str(corpus), *extra],
                check=True,
                capture_output=True,
                text=True,
            )
            run = json.loads(child.stdout.strip().splitlines()[-1])
            best = flagged[kind]
            peak = max(run["peak_mb"], best.get("peak_mb", 0.0))
            if not best or run["seconds"] < best["seconds"]:
                best.update(run)
            best["peak_mb"] = peak
        for name, speed in bare_scan(files).items():
            bare[name] = max(bare.get(name, 0.0), speed)
    first = flagged["default workers"]
    print(
        f"corpus: {first['bytes'] / 1e6:.1f} MB in {len(files)} files, "
        f"claim share {args.claim_share:g}, number share {args.number_share:g}, "
        f"{os.cpu_count()} processors"
    )
    read, total = share_read(files[:10])
    print(
        f"first scan, first {min(10, len(files))} files: {read} of {total} paragraphs read "
        f"({read / total:.1%})"
    )
    print(f"bare re2.Set scan, 64 KiB blocks (one process): {bare['blocks']:.1f} MB/s")
    print(f"bare re2.Set scan, line by line (one process): {bare['lines']:.1f} MB/s")
    for kind, run in flagged.items():
        speed = run["bytes"] / 1e6 / run["seconds"]
        print(
            f"flag_claims, {kind}: {speed:.1f} MB/s ({run['claims']:.0f} claims, "
            f"{run['flags']:.0f} flags), ratio to blocks {speed / bare['blocks']:.3f}, "
            f"to lines {speed / bare['lines']:.3f}, peak memory {run['peak_mb']:.0f} MB"
        )


if __name__ == "__main__":
    main()
