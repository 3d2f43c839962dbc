"""`BenchTable`: collects benchmark rows and prints them aligned, with ratios and targets."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field
from typing import Callable


@dataclass
class Row:
    name: str
    value: float
    unit: str
    baseline_name: str = ""
    baseline: float | None = None
    target: str = ""


@dataclass
class BenchTable:
    rows: list[Row] = field(default_factory=list)

    def add(self, name: str, value: float, unit: str, baseline_name: str = "",
            baseline: float | None = None, target: str = "") -> None:
        row = Row(name, value, unit, baseline_name, baseline, target)
        self.rows.append(row)
        print(self.format(row), flush=True)

    @staticmethod
    def format(row: Row) -> str:
        text = f"{row.name:<52} {row.value:>10.2f} {row.unit:<6}"
        if row.baseline is not None:
            ratio = row.value / row.baseline if row.baseline else float("inf")
            text += f" | {row.baseline_name:<34} {row.baseline:>9.2f} {row.unit:<6} x{ratio:5.2f}"
        if row.target:
            text += f" | target {row.target}"
        return text


def median_ms(action: Callable[[], object], repeat: int = 50) -> float:
    """Median wall time of `action` in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def once_ms(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


# The baseline of the dashboard's first load: every stored part of the analysis snapshot
# read into numpy, as the figures before the uuid order part (a lookup aid the load reads
# a few bytes of, never whole) was stored beside them.
BARE_READ = "SELECT name, data FROM analysis_snapshot WHERE name != 'uuid_order'"
