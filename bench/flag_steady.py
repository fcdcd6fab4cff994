"""Benchmark helper: flag (or Set-scan) the first files of a corpus again and again in one process.

    uv run python bench/flag_steady.py [--files 8] [--repeat 3] [--set | --first-scan]
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
"""

from __future__ import annotations

import argparse
import ctypes
import sys
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
    # one kind of pass: flagging (the default), the bare Set scan, or the first scan alone
    kind = parser.add_mutually_exclusive_group()
    kind.add_argument("--set", action="store_true", help="time the bare Set scan instead")
    kind.add_argument(
        "--first-scan", action="store_true", help="time the flagger's first scan alone instead"
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
    _, files = corpus_files(100, CLAIM_SHARE, NUMBER_SHARE, args.corpus)
    files = files[: args.files]
    if args.set:
        pattern_set = search_set()
        datas = [file.read_bytes() for file in files]

        def one_pass() -> None:
            for data in datas:
                scan_in_blocks(pattern_set, data)

    elif args.first_scan:
        from evidence.claims.scan import scan_plain_text

        cue = first_scan_cue()

        def one_pass() -> None:
            for file in files:
                for _ in scan_plain_text(file, cue):
                    pass

    else:
        from evidence.flag import flag_claims, load_registry
        from evidence.ingest.load import load_studies

        studies = load_studies(HERE.parent / "studies.bib")
        registry = load_registry()

        def one_pass() -> None:
            flag_claims(files, studies, registry, workers=1)

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
