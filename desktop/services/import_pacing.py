"""How an import shares the interpreter with its own threads: Python's cycle collector
paused and a short switch interval while a bundle is imported, both put back afterwards.

The import runs three busy workers on two cores: the checking process, this process's
reading thread (the chain's hashes, the merge) and its writer thread (SQLite, which runs
without Python's lock but takes it back after every statement, to bind the next one).
"""

from __future__ import annotations

import contextlib
import gc
import sys

# How long a thread may keep Python's lock while another waits for it, during an import
# (Python's default is 5 ms). The writer thread takes the lock back after each statement
# it runs without it (about 200 times per 100k forms) while the reading thread runs
# Python: at 5 ms a wait, the writer (the import's longest path) lost up to a second.
IMPORT_SWITCH_INTERVAL = 0.0005


@contextlib.contextmanager
def collector_paused():
    """Python's cycle collector off while bundles are read: a 100k-form bundle makes
    millions of short-lived acyclic objects (parsed records, answer dicts) that
    reference counting frees at once, and the collector spent about 0.5 s of CPU (some
    900 passes) scanning them; it is switched back on (if it was on) afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextlib.contextmanager
def quick_handover():
    """Python's switch interval at `IMPORT_SWITCH_INTERVAL` while a bundle is imported
    (never longer than it was), then back to what it was."""
    previous = sys.getswitchinterval()
    sys.setswitchinterval(min(previous, IMPORT_SWITCH_INTERVAL))
    try:
        yield
    finally:
        sys.setswitchinterval(previous)
