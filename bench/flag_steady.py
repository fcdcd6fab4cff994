"""Benchmark helper: flag (or Set-scan) the first files of a corpus again and again in one process.

    uv run python bench/flag_steady.py [--files 8] [--repeat 3] [--set | --first-scan | --time]
        [--inside-qsort] [--count-searches] [--corpus DIR]

Made to be run under a counter of instructions, whose figures, unlike times, do not change with
the load of the machine: the difference between ``--repeat 3`` and ``--repeat 0`` divided by three
is the work of one pass over the files, every pattern compiled and warmed up by a first pass
outside it. With ``--set`` the pass is the bare ``re2.Set`` scan of ``bench/flag.py`` instead,
and with ``--first-scan`` the flagger's first scan of the files alone (``scan_plain_text``):

    valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \\
        .venv/bin/python bench/flag_steady.py --repeat 3

With ``--inside-qsort`` the passes after the first run inside a call of the C library's
``qsort`` (its comparison calls back into Python once), so that callgrind can count them alone,
to the instruction from one run to the next:

    PYTHONHASHSEED=0 valgrind --tool=callgrind --collect-atstart=no \\
        --toggle-collect='*qsort*' --callgrind-out-file=/dev/null \\
        .venv/bin/python bench/flag_steady.py --files 4 --repeat 1 --inside-qsort

With ``--count-searches`` it prints how many RE2 searches the repeated passes made, by pattern.
With ``--time`` it times the three kinds of pass instead, interleaved ``--repeat`` times, and
prints the fastest of each, its speed, and its share of the Set scan's speed:

    uv run python bench/flag_steady.py --files 8 --repeat 7 --time
"""

from __future__ import annotations

import argparse
import ctypes
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from flag import corpus_files, first_scan_cue, scan_in_blocks, search_set  # noqa: E402
from make_corpus import CLAIM_SHARE, NUMBER_SHARE  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=3)
    # one kind of pass: flagging (the default), the bare Set scan, or the first scan alone; or
    # all three, timed
    kind = parser.add_mutually_exclusive_group()
    kind.add_argument("--set", action="store_true", help="time the bare Set scan instead")
    kind.add_argument(
        "--first-scan", action="store_true", help="time the flagger's first scan alone instead"
    )
    kind.add_argument(
        "--time",
        action="store_true",
        help="time the three kinds of pass, interleaved --repeat times, and print the fastest",
    )
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument(
        "--inside-qsort", action="store_true", help="run the repeated passes inside libc's qsort"
    )
    parser.add_argument(
        "--count-searches",
        action="store_true",
        help="print how many RE2 searches the repeated passes make, by pattern",
    )
    args = parser.parse_args()
    if args.time and (args.inside_qsort or args.count_searches):
        parser.error("--time counts no instructions and no searches: run it alone")
    _, files = corpus_files(100, CLAIM_SHARE, NUMBER_SHARE, args.corpus)
    files = files[: args.files]
    if args.time:
        print_times(files, args.repeat)
        return
    one_pass = pass_over(files, "set" if args.set else "first" if args.first_scan else "flag")
    one_pass()

    def passes() -> None:
        for _ in range(args.repeat):
            one_pass()

    searches = counting_searches() if args.count_searches else None
    if args.inside_qsort:
        inside_qsort(passes)
    else:
        passes()
    if searches is not None:
        print(f"{sum(searches.values())} RE2 searches in {args.repeat} passes")
        for pattern, calls in searches.most_common(12):
            print(f"{calls:8d}  {pattern[:70]}")


#: The kinds of pass, in the order they are timed and printed.
KINDS = {
    "set": "bare re2.Set scan, 64 KiB blocks",
    "first": "flagger's first scan alone",
    "flag": "flag_claims, one process",
}


def pass_over(files: list[Path], kind: str, reading: bool = False) -> Callable[[], None]:
    """One pass of ``kind`` (a key of :data:`KINDS`) over ``files``; the Set scan reads the files
    in the pass with ``reading`` (as ``bench/flag.py`` times it), else once before."""
    if kind == "set":
        pattern_set = search_set()
        datas = [] if reading else [file.read_bytes() for file in files]

        def scan_set() -> None:
            for data in datas or (file.read_bytes() for file in files):
                scan_in_blocks(pattern_set, data)

        return scan_set
    if kind == "first":
        from evidence.claims.scan import scan_plain_text

        cue = first_scan_cue()

        def scan_first() -> None:
            for file in files:
                for _ in scan_plain_text(file, cue):
                    pass

        return scan_first
    from evidence.flag import flag_claims, load_registry
    from evidence.ingest.load import load_studies

    studies = load_studies(HERE.parent / "studies.bib")
    registry = load_registry()

    def flag() -> None:
        flag_claims(files, studies, registry, workers=1)

    return flag


def print_times(files: list[Path], rounds: int) -> None:
    """Run the three kinds of pass one after the other ``rounds`` times (after one pass of each
    to warm up) and print the fastest of each, so that a busy machine slows all alike. Each
    reads the files in the pass, as flagging does."""
    passes = {kind: pass_over(files, kind, reading=True) for kind in KINDS}
    fastest = dict.fromkeys(KINDS, float("inf"))
    for one_pass in passes.values():
        one_pass()
    for _ in range(rounds):
        for kind, one_pass in passes.items():
            began = time.perf_counter()
            one_pass()
            fastest[kind] = min(fastest[kind], time.perf_counter() - began)
    megabytes = sum(file.stat().st_size for file in files) / 1e6
    print(f"{len(files)} files, {megabytes:.1f} MB, fastest of {rounds} rounds")
    for kind, label in KINDS.items():
        seconds = fastest[kind]
        share = fastest["set"] / seconds
        print(
            f"{label}: {seconds * 1e3:.1f} ms, {megabytes / seconds:.1f} MB/s, "
            f"{share:.3f} of the Set scan's speed"
        )
    rest = fastest["flag"] - fastest["first"]
    print(
        f"flagging after the first scan (reading the paragraphs handed on, and flags): "
        f"{rest * 1e3:.1f} ms, {rest / fastest['flag']:.0%} of flagging"
    )


def counting_searches() -> Counter[str]:
    """From now on, count every RE2 search the package's compiled patterns make, by pattern (each
    ``Regex`` searches through its ``_program``, read here through a counting stand-in)."""
    from evidence.claims.patterns import Regex

    counts: Counter[str] = Counter()
    slot = Regex.__dict__["_program"]

    class Counted:
        def __init__(self, program: Any, pattern: str) -> None:
            self._program = program
            self._pattern = pattern

        def Match(self, *arguments: Any) -> Any:  # noqa: N802 (google-re2's name)
            counts[self._pattern] += 1
            return self._program.Match(*arguments)

        def __getattr__(self, name: str) -> Any:
            return getattr(self._program, name)

    def program(regex: Regex) -> Counted:
        return Counted(slot.__get__(regex), regex.pattern)

    setattr(Regex, "_program", property(program, slot.__set__))  # noqa: B010 (a slot's name)
    return counts


def inside_qsort(work: Callable[[], object]) -> None:
    """Run ``work`` once from inside the C library's ``qsort``, as the comparison of two items."""
    compare_type = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)

    def compare(first: object, second: object) -> int:
        work()
        return 0

    items = (ctypes.c_int * 2)(1, 2)
    ctypes.CDLL(None).qsort(items, 2, ctypes.sizeof(ctypes.c_int), compare_type(compare))


if __name__ == "__main__":
    main()
