"""The start-up warm-up: the program starts importing the dashboard's modules on a worker
before it asks for the passphrase, the imports succeed off the UI thread in a fresh
interpreter (as in the packaged program, where the self-test does the same), and a
failed warm-up is only logged."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from desktop.ui import app as app_module
from desktop.ui.background import SynchronousRunner
from desktop.ui.warm_up import WarmUp

ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import sys, time
from PySide6.QtWidgets import QApplication
app = QApplication([])
import desktop.ui.main_window
heavy = ("pandas", "pyqtgraph", "desktop.charts.chart_set", "desktop.ui.dashboard_view")
before = [name for name in heavy if name in sys.modules]
from desktop.ui.background import BackgroundRunner
from desktop.ui.warm_up import WarmUp
runner = BackgroundRunner()
warm_up = WarmUp(runner)
end = time.monotonic() + 120
while not warm_up.done and time.monotonic() < end:
    app.processEvents()
    time.sleep(0.01)
after = [name for name in heavy if name in sys.modules]
import json
print(json.dumps({"before": before, "after": after, "done": warm_up.done,
                  "failed": repr(warm_up.failed) if warm_up.failed else None}))
"""


def test_the_dashboard_modules_load_on_a_worker_in_a_fresh_interpreter():
    done = subprocess.run([sys.executable, "-c", CHILD], cwd=ROOT, capture_output=True,
                          text=True, timeout=300,
                          env={"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
                               "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["before"] == []  # the main window alone imports none of them
    assert result["after"] == ["pandas", "pyqtgraph", "desktop.charts.chart_set",
                               "desktop.ui.dashboard_view"]
    assert result["done"] and result["failed"] is None


def test_a_failed_warm_up_is_logged_and_counts_as_done(caplog):
    def broken(_progress):
        raise ImportError("no pandas in this build")

    warm_up = WarmUp(SynchronousRunner(), broken)
    assert warm_up.done and isinstance(warm_up.failed, ImportError)
    assert "no pandas in this build" in caplog.text


def test_run_app_starts_the_warm_up_before_asking_for_the_passphrase(qapp, monkeypatch,
                                                                      tmp_path):
    events: list[str] = []

    class Recorder:
        def __init__(self, runner):
            events.append("warm-up started")
            self.runner = runner

    class Runner:
        def run(self, *args, **kwargs):
            raise AssertionError("the recorder replaces the warm-up")

        def stop(self, wait_ms: int = 0) -> bool:
            events.append("runner stopped")
            return True

    def no_passphrase(parent, path, passphrase=None):
        events.append("passphrase asked")
        return None  # the person cancelled

    monkeypatch.setattr(app_module, "WarmUp", Recorder)
    monkeypatch.setattr(app_module, "BackgroundRunner", Runner)
    monkeypatch.setattr(app_module, "open_project", no_passphrase)
    assert app_module.run_app(str(tmp_path / "project.db")) == 0
    assert events == ["warm-up started", "passphrase asked", "runner stopped"]
