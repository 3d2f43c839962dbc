"""Run the self-test: a temporary folder as the program's home, every step in order with
one line each ("ok" with what it proved and how long it took, or "FAIL" and why), the first
failure stopping the run; the folder is removed at the end."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

from .output import say
from .steps import SelfTest


def run_selftest() -> int:
    """Run every step, print one line each; 0 if all held, 1 otherwise."""
    from .. import APP_NAME, __version__
    if not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    root = Path(tempfile.mkdtemp(prefix="riskmap-selftest-"))
    os.environ["RISKMAP_HOME"] = str(root / "home")
    say(f"{APP_NAME} {__version__} self-test "
        f"({'packaged' if getattr(sys, 'frozen', False) else 'source'}, "
        f"platform {os.environ['QT_QPA_PLATFORM']})")
    test = SelfTest(root)
    started = time.perf_counter()
    failed = None
    try:
        for number, (name, step) in enumerate(test.steps(), start=1):
            begun = time.perf_counter()
            try:
                detail = step()
            except Exception as exc:  # noqa: BLE001 - every failure is reported as a step
                failed = name
                say(f"[FAIL] {number:2d} {name}: {exc}")
                if not isinstance(exc, AssertionError):
                    say(traceback.format_exc().rstrip())
                break
            say(f"[ ok ] {number:2d} {name}: {detail} "
                f"({(time.perf_counter() - begun) * 1000:.0f} ms)")
    finally:
        test.close()
        shutil.rmtree(root, ignore_errors=True)
    total = time.perf_counter() - started
    if failed:
        say(f"self-test FAILED at '{failed}' after {total:.1f} s")
        return 1
    say(f"self-test passed: {len(test.steps())} steps in {total:.1f} s")
    return 0
