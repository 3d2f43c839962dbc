"""`TreeSampler`: the resident memory of a process and of every process it started,
sampled together from outside, so a figure can say what the whole import held at its
worst moment (importing process + checking process + whatever helper multiprocessing
started), not only each process's own peak.

Linux only (/proc): a thread of the benchmark's own process reads VmRSS of the measured
process and of its descendants every `interval` seconds (10 ms; the descendants are
looked up again every 10 samples: a scan of /proc takes about 2 ms) and keeps the
largest sum seen, with its parts. The measured processes are never touched; the
sampling takes about 3% of one core of the benchmark's own process. Each process's own
peak (VmHWM) is kept from its last reading too: a process read between two samples of
its worst moment still reports it. Where /proc is missing every figure stays None.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field

_MB = 1024  # kB per MB


@dataclass
class TreeSample:
    """The largest sampled sum of the tree's VmRSS (MB) and each process's part in it."""

    total_mb: float | None = None
    parts_mb: dict[int, float] = field(default_factory=dict)  # pid -> VmRSS at that moment
    peaks_mb: dict[int, float] = field(default_factory=dict)  # pid -> last VmHWM read
    samples: int = 0


class TreeSampler:
    """Samples the tree rooted at `pid` until `stop` (or until the root has gone)."""

    def __init__(self, pid: int, interval: float = 0.01, rescan_every: int = 10):
        self.pid = pid
        self.interval = interval
        self.rescan_every = rescan_every
        self.result = TreeSample()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)

    def start(self) -> "TreeSampler":
        self._thread.start()
        return self

    def stop(self) -> TreeSample:
        self._stop.set()
        self._thread.join()
        return self.result

    def _run(self) -> None:
        pids = [self.pid]
        count = 0
        while not self._stop.is_set():
            if count % self.rescan_every == 0:
                pids = [self.pid, *descendants(self.pid)]
            count += 1
            rss: dict[int, float] = {}
            for pid in pids:
                status = read_status(pid)
                if status is None:
                    continue
                rss[pid] = status.get("VmRSS", 0) / _MB
                if "VmHWM" in status:
                    self.result.peaks_mb[pid] = status["VmHWM"] / _MB
            if self.pid not in rss:
                return  # the root is gone (and with it, in time, its children)
            total = sum(rss.values())
            self.result.samples += 1
            if self.result.total_mb is None or total > self.result.total_mb:
                self.result.total_mb, self.result.parts_mb = total, rss
            self._stop.wait(self.interval)


def read_status(pid: int) -> dict[str, int] | None:
    """VmRSS and VmHWM (kB) of a process, None when it is gone (or /proc is missing)."""
    try:
        with open(f"/proc/{pid}/status") as status:
            found = {}
            for line in status:
                if line.startswith(("VmRSS:", "VmHWM:")):
                    name, value = line.split(":", 1)
                    found[name] = int(value.split()[0])
            return found
    except (OSError, ValueError):
        return None


def descendants(root: int) -> list[int]:
    """Every living process below `root` (children, grandchildren ...), from /proc."""
    parent_of: dict[int, int] = {}
    try:
        names = os.listdir("/proc")
    except OSError:
        return []
    for name in names:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as stat:
                text = stat.read()
        except OSError:
            continue
        # The command name (field 2) is in parentheses and may hold spaces.
        fields = text.rsplit(")", 1)[-1].split()
        if len(fields) > 1:
            parent_of[int(name)] = int(fields[1])
    found, frontier = [], {root}
    while frontier:
        children = [pid for pid, parent in parent_of.items() if parent in frontier]
        found += children
        frontier = set(children)
    return found
