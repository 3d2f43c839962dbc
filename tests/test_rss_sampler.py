"""benchmarks/rss_sampler.py: the resident memory of a process and its children sampled
together (what the import bench prints as its total peak)."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from benchmarks.rss_sampler import TreeSampler, descendants, read_status

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc")

# A parent holding 60 MB that starts a child holding 40 MB; each says "ready" once its
# memory is touched, and both wait until the test closes the parent's stdin.
HOLDER = """
import subprocess, sys
held = bytearray({mb} * 1024 * 1024)
for i in range(0, len(held), 4096):
    held[i] = 1
if {child}:
    child = subprocess.Popen([sys.executable, "-c", sys.argv[1]], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline() == "ready\\n"
print("ready", flush=True)
sys.stdin.read()
if {child}:
    child.stdin.close()
    child.wait()
"""


def _wait_until(condition, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline
        time.sleep(0.01)


def test_the_tree_is_sampled_together():
    child_code = HOLDER.format(mb=40, child=False)
    parent = subprocess.Popen([sys.executable, "-c", HOLDER.format(mb=60, child=True),
                               child_code], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True)
    sampler = TreeSampler(parent.pid).start()
    try:
        assert parent.stdout.readline() == "ready\n"
        (child,) = descendants(parent.pid)
        seen = sampler.result.samples
        # A rescan of /proc after the child started, then a sample with both.
        _wait_until(lambda: sampler.result.samples > seen + sampler.rescan_every + 2)
    finally:
        parent.stdin.close()
        parent.wait()
        result = sampler.stop()
    assert result.total_mb >= 100
    assert result.parts_mb[parent.pid] >= 60 and result.parts_mb[child] >= 40
    assert result.total_mb == pytest.approx(sum(result.parts_mb.values()))
    assert result.peaks_mb[child] >= 40
    assert read_status(parent.pid) is None  # reaped: a gone process reads as None
