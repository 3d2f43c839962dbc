"""Run every benchmarks/bench_*.py module (or those named on the command line)."""

from __future__ import annotations

import importlib
import pkgutil
import sys
import traceback

import benchmarks
from benchmarks.table import BenchTable

# Run by their own make target, never by `make bench` (a million forms: `make bench-large`).
SEPARATE = ("bench_large",)


def main(names: list[str]) -> int:
    modules = sorted(m.name for m in pkgutil.iter_modules(benchmarks.__path__)
                     if m.name.startswith("bench_") and m.name not in SEPARATE)
    if names:
        modules = [m for m in modules if any(n in m for n in names)]
    table = BenchTable()
    print(f"{'figure':<52} {'value':>10} {'unit':<6} | baseline (same run)", flush=True)
    failed = 0
    for name in modules:
        try:
            importlib.import_module(f"benchmarks.{name}").run(table)
        except Exception:  # noqa: BLE001 - one broken benchmark must not hide the others
            failed += 1
            print(f"{name}: FAILED", file=sys.stderr)
            traceback.print_exc()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
