"""Run one benchmark figure in a child process of its own and read back its figures.

A child prints its figures as one JSON line (`say`), with its own peak resident memory,
so a figure's memory is its alone; the parent (`run_child`) adds the wall time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

MEMORY_AIM_MB = 1024
ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Child:
    seconds: float
    peak_mb: float
    output: dict
    code: int
    error: str


def run_child(argv: list[str], timeout: float = 3600) -> Child:
    """Run `argv` (a Python module call) as a child; wall time, peak RSS and its JSON
    output (the last stdout line, when it is JSON)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, *argv], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=env, cwd=ROOT, text=True)
    out, err = process.communicate(timeout=timeout)
    seconds = time.perf_counter() - start
    # The child reports its own peak (ru_maxrss of RUSAGE_SELF) on its last line.
    output: dict = {}
    lines = [line for line in out.strip().splitlines() if line.startswith("{")]
    if lines:
        output = json.loads(lines[-1])
    peak = float(output.get("peak_mb", "nan"))
    return Child(seconds, peak, output, process.returncode, err.strip().splitlines()[-1]
                 if err.strip() else "")


def run_command(argv: list[str], timeout: float = 3600) -> Child:
    """Run a `riskmap` command in a child (through `measure command`, which reports the
    command's own peak memory and wall time from inside)."""
    return run_child(["-m", "benchmarks.bench_large", "--measure", "command", "--",
                      *argv], timeout)


def peak_mb() -> float:
    """This process's peak resident memory. VmHWM, not ru_maxrss: Linux carries
    ru_maxrss over an exec from the forking parent, VmHWM starts again with the new
    program."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource  # elsewhere: the best figure there is
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def say(**figures: object) -> None:
    """Print the figures of this child, with its peak memory, as its last JSON line."""
    print(json.dumps({**figures, "peak_mb": peak_mb()}), flush=True)

