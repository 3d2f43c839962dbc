"""`riskmap check` over 100k forms, each in a child process of its own (wall time and peak
memory), beside SQLite's bare `PRAGMA integrity_check` (what the default runs) and bare
`PRAGMA quick_check` (what --quick runs) on the same file in the same run. The million-form
figure is in `make bench-large` (benchmarks/bench_large.py, `--only check`).

`check` does more than SQLite's page check (foreign keys, every device's audit hash
chain, the snapshot compared with every answer), so the ratio is what those cost once
they run beside the page check on the second core."""

from __future__ import annotations

from benchmarks.fixtures import demo_database
from benchmarks.table import BenchTable

N = 100_000


def run(table: BenchTable) -> None:
    from benchmarks.child_process import MEMORY_AIM_MB, run_child, run_command

    path = str(demo_database(N))
    run_child(["-m", "benchmarks.bench_large", "--measure", "bare_integrity", path])  # warm
    for quick in (False, True):
        pragma = "quick_check" if quick else "integrity_check"
        bare = run_child(["-m", "benchmarks.bench_large", "--measure", f"bare_{pragma}",
                          path])
        child = run_command(["check", "--db", path, *(["--quick"] if quick else [])])
        name = f"riskmap check{' --quick' if quick else ''} 100k forms"
        if child.code not in (0, 1) or "seconds" not in child.output:
            table.add(f"{name}: FAILED ({child.error[:60]})", float("nan"), "s")
            continue
        table.add(name, child.output["seconds"], "s", f"bare PRAGMA {pragma}",
                  bare.output.get("seconds"), "1M: <= 30 s in bench-large")
        table.add("  peak memory (child process)", child.peak_mb, "MB",
                  f"bare PRAGMA {pragma} (peak)", bare.peak_mb, f"<= {MEMORY_AIM_MB} MB")
