"""`make bench-large`: a million forms at HQ (issue 14, item 5). Not part of `make bench`.

The HQ database is built by import (ten devices x 100k demo forms, see
`benchmarks/large_fixture.py`) and cached in the system temp folder. Every figure is
measured in a child process of its own, so its peak resident memory (the child's
ru_maxrss, from wait4) is the figure's alone; the baseline beside it is measured in the
same run, also in a child, and only one child runs at a time (a million forms is heavy on
a shared machine). A figure whose child fails is printed as FAILED with the reason,
never estimated.

    python -m benchmarks.bench_large [--rebuild] [--only dashboard,check,...]
                                     [--devices 10 --n 100000] [--work FOLDER]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from benchmarks.child_process import MEMORY_AIM_MB, Child, run_child, run_command
from benchmarks.table import BenchTable

FIGURES = ("dashboard", "records", "import", "check", "report", "data", "export")
DATA_FORMATS = ("csv", "xlsx", "dta", "sav", "csv,xlsx,dta,sav")


def _row(table: BenchTable, name: str, child: Child, base_name: str, base: Child | None,
         target: str, value: float | None = None, base_value: float | None = None,
         unit: str = "s", memory: bool = True) -> None:
    if child.code != 0 and not child.output:
        table.add(f"{name}: FAILED ({child.error[:60]})", float("nan"), unit)
        return
    value = child.seconds if value is None else value
    scale = 1000 if unit == "ms" else 1
    baseline = None if base is None else (base.seconds if base_value is None else base_value)
    table.add(name, value * scale, unit, base_name, None if baseline is None
              else baseline * scale, target)
    if memory:
        table.add("  peak memory (child process)", child.peak_mb, "MB",
                  f"{base_name} (peak)" if base is not None else "",
                  base.peak_mb if base is not None else None, f"<= {MEMORY_AIM_MB} MB")


def _copy(path: Path, target: Path) -> Path:
    from benchmarks.large_fixture import copy_of
    for leftover in target.parent.glob(target.name + "*"):
        leftover.unlink()
    return copy_of(path, target)


def run_large(figures: tuple[str, ...], rebuild: bool, devices: int, n: int,
              work_root: Path | None = None) -> int:
    from benchmarks.large_fixture import large_database
    fixture = large_database(rebuild, devices, n)
    hq = fixture.hq
    forms = devices * n
    label = f"{forms // 1000}k" if forms < 1_000_000 else f"{forms / 1e6:g}M"
    table = BenchTable()
    print(f"{'figure':<52} {'value':>10} {'unit':<6} | baseline (same run)", flush=True)
    if work_root is not None:
        work_root.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="riskmap-bench-large-work-", dir=work_root))
    try:
        if "dashboard" in figures:
            bare = run_child(["-m", "benchmarks.bench_large", "--measure", "bare_snapshot",
                              str(hq)])
            child = run_child(["-m", "benchmarks.bench_large", "--measure", "dashboard",
                               str(hq)])
            _row(table, f"dashboard first load, {label} forms", child,
                 "bare SQLite read of the snapshot", bare, "<= 10 s",
                 value=child.output.get("seconds"), base_value=bare.output.get("seconds"))
            _row(table, f"dashboard filter change (recompute), {label}", child,
                 "pandas groupby of 1 risk by post", child, "<= 200 ms",
                 value=child.output.get("filter"), base_value=child.output.get("groupby"),
                 unit="ms", memory=False)
        if "records" in figures:
            child = run_child(["-m", "benchmarks.bench_large", "--measure", "records",
                               str(hq)])
            out = child.output
            for key, what in (("seconds", "open"), ("operator", "filter by operator"),
                              ("number", "filter by form number")):
                _row(table, f"records view {what}, {label}", child, "bare COUNT(*)", child,
                     "<= 300 ms", value=out.get(key), base_value=out.get("bare"), unit="ms",
                     memory=key == "number")
        if "import" in figures:
            empty = work / "empty.db"
            base = run_child(["-m", "benchmarks.bench_large", "--measure", "import",
                              str(empty), str(fixture.identity), str(fixture.extra_bundle),
                              fixture.extra_fingerprint])
            empty.unlink(missing_ok=True)
            copy = _copy(hq, work / "hq-copy.db")
            child = run_child(["-m", "benchmarks.bench_large", "--measure", "import",
                               str(copy), str(fixture.identity), str(fixture.extra_bundle),
                               fixture.extra_fingerprint])
            for leftover in work.glob("hq-copy.db*"):
                leftover.unlink()
            _row(table, f"import one more {n // 1000}k bundle into {label}", child,
                 f"same bundle into an empty db", base, "<= 1.5x baseline",
                 value=child.output.get("seconds"), base_value=base.output.get("seconds"))
        if "check" in figures:
            # The default runs SQLite's integrity_check, --quick its quick_check: each
            # beside the same bare PRAGMA, measured in the same run.
            for pragma, extra in (("integrity_check", []), ("quick_check", ["--quick"])):
                bare = run_child(["-m", "benchmarks.bench_large", "--measure",
                                  f"bare_{pragma}", str(hq)])
                child = run_command(["check", "--db", str(hq), *extra])
                _row(table, f"riskmap check{' --quick' if extra else ''}, {label}", child,
                     f"bare PRAGMA {pragma}", bare, "<= 30 s",
                     value=child.output.get("seconds"), base_value=bare.output.get("seconds"))
        if "report" in figures or "data" in figures:
            bare_rows = run_child(["-m", "benchmarks.bench_large", "--measure", "bare_rows",
                                   str(hq)])
        if "report" in figures:
            bare = run_child(["-m", "benchmarks.bench_large", "--measure", "bare_snapshot",
                              str(hq)])
            child = run_command(["report", "--db", str(hq), "--out", str(work / "report")])
            _row(table, f"riskmap report, {label}", child, "bare SQLite read of the snapshot",
                 bare, "<= 30 s", value=child.output.get("seconds"),
                 base_value=bare.output.get("seconds"))
        if "data" in figures:
            # Each format alone (read, guard, write), then all four in one run (two
            # files written at a time): the aim is per run.
            for formats in DATA_FORMATS:
                child = run_command(["data", "--db", str(hq), "--out", str(work / "data"),
                                     "--format", formats, "--lang", "en"])
                _row(table, f"riskmap data {formats.replace(',', '+')}, {label}", child,
                     "bare SQLite read of the same rows", bare_rows, "<= 30 s",
                     value=child.output.get("seconds"),
                     base_value=bare_rows.output.get("seconds"))
                shutil.rmtree(work / "data", ignore_errors=True)
        if "export" in figures:
            _export_rows(table, fixture, hq, work, label)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _export_rows(table: BenchTable, fixture, hq: Path, work: Path, label: str) -> None:
    """A full export of the HQ database (a private copy: the export writes its ledger and
    its device key) as a series of signed bundles, beside a bare read of the same rows;
    then the import of every part into an empty HQ database that enrols the exporting
    HQ's device, beside a bare executemany of the same rows, one transaction per part."""
    out = work / "export"
    out.mkdir()
    copy = _copy(hq, work / "hq-export.db")
    bare = run_child(["-m", "benchmarks.bench_large", "--measure", "bare_export_read",
                      str(copy)])
    child = run_child(["-m", "benchmarks.bench_large", "--measure", "export", str(copy),
                       str(fixture.folder / "keys"), str(out)])
    if child.code != 0 or not child.output:
        table.add(f"export --all {label}: FAILED ({child.error[:70]})", float("nan"), "s")
        return
    paths = child.output["paths"]
    _row(table, f"export --all {label}: {len(paths)} parts, "
         f"{child.output['bytes'] / 1e6:.0f} MB", child, "bare read of the same rows",
         bare, "<= 1 GB memory", value=child.output.get("seconds"),
         base_value=bare.output.get("seconds"))
    empty = work / "bare-import.db"
    base = run_child(["-m", "benchmarks.bench_large", "--measure", "bare_import", str(copy),
                      str(empty), str(len(paths))])
    for leftover in work.glob("bare-import.db*"):
        leftover.unlink()
    for leftover in work.glob("hq-export.db*"):
        leftover.unlink()
    target = work / "imported.db"
    child = run_child(["-m", "benchmarks.bench_large", "--measure", "import_series",
                       str(target), str(fixture.identity), child.output["fingerprint"],
                       *paths])
    statuses = child.output.get("statuses") or []
    if child.code != 0 or not statuses or set(statuses) != {"imported"}:
        reason = child.output.get("detail") or child.error or str(statuses)
        table.add(f"import of the {len(paths)} parts: FAILED", float("nan"), "s")
        print(f"    ({statuses}: {reason[:200]})", flush=True)
    else:
        _row(table, f"import of the {len(paths)} parts into an empty db "
             f"({child.output['new']} forms)", child,
             "bare executemany of the same rows, per part", base, "<= 1 GB memory",
             value=child.output.get("seconds"), base_value=base.output.get("seconds"))
        slowest = max(child.output.get("per_part") or [float("nan")])
        print(f"    (slowest part {slowest:.0f} s; parts "
              f"{', '.join(f'{t:.0f}' for t in child.output.get('per_part', []))} s; CPU "
              f"{', '.join(f'{t:.0f}' for t in child.output.get('cpu_per_part', []))} s; "
              "the part that completes the series is the last)", flush=True)
    for leftover in work.glob("imported.db*"):
        leftover.unlink()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="a million forms at HQ (make bench-large)")
    parser.add_argument("--rebuild", action="store_true",
                        help="build the cached HQ database again from nothing")
    parser.add_argument("--only", default="", help="comma-separated: " + ",".join(FIGURES))
    parser.add_argument("--devices", type=int, default=10)
    parser.add_argument("--n", type=int, default=100_000, help="forms per device")
    parser.add_argument("--work", type=Path, default=None,
                        help="the folder for private copies (default: the system temp)")
    parser.add_argument("--measure", default="", help=argparse.SUPPRESS)
    parser.add_argument("rest", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        from benchmarks.large_measures import measure
        measure(args.measure, args.rest)
        return 0
    figures = tuple(f for f in args.only.split(",") if f) or FIGURES
    return run_large(figures, args.rebuild, args.devices, args.n, args.work)


def run(table: BenchTable) -> None:
    """Not part of `make bench` (benchmarks/__main__.py skips this module)."""
    raise RuntimeError("bench_large runs only through `make bench-large`")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
