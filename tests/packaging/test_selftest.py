"""The built-in self-test from the source program, the start-up probe the benchmark uses,
and the About box. The self-test runs in a subprocess, exactly as `RiskMap --selftest`."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop import __version__
from desktop.build_info import read_build_info
from desktop.ui.about_dialog import AboutDialog

ROOT = Path(__file__).resolve().parents[2]
PACKAGED = ROOT / "dist" / "RiskMap" / ("RiskMap.exe" if sys.platform == "win32" else "RiskMap")


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ, RISKMAP_HOME=str(tmp_path / "home"), HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"), QT_QPA_PLATFORM="offscreen")
    env.update(extra)
    return env


def test_source_selftest_passes_every_step(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--selftest"],
                          env=_env(tmp_path), capture_output=True, text=True, timeout=300,
                          cwd=tmp_path)
    lines = done.stdout.splitlines()
    assert done.returncode == 0, done.stdout + done.stderr
    assert lines[0].startswith(f"RiskMap Survey Desk {__version__} self-test (source")
    steps = [line for line in lines if line.startswith("[")]
    assert len(steps) == 18 and all(line.startswith("[ ok ]") for line in steps)
    for name in ("dashboard modules loaded on a worker", "key one form with the keyboard",
                 "export bundle",
                 "import into a second database", "compare field and HQ databases",
                 "every view opens", "data files: CSV, XLSX, Stata, SPSS"):
        assert any(name in line for line in steps)
    assert lines[-1].startswith("self-test passed: 18 steps")
    # Temporary folders only: no database or device key in the user's RISKMAP_HOME (only
    # the log file, which the command line opens before the self-test starts).
    home = tmp_path / "home"
    assert not (home / "riskmap.db").exists() and not (home / "device_key.pem").exists()


def _run_script(tmp_path, script: str) -> subprocess.CompletedProcess:
    """`script` run by this Python in `tmp_path`, with this tree importable."""
    return subprocess.run([sys.executable, "-c", script], env=_env(tmp_path, PYTHONPATH=str(ROOT)),
                          capture_output=True, text=True, timeout=300, cwd=tmp_path)


def test_selftest_fails_with_exit_1_when_a_step_does_not_hold(tmp_path):
    script = ("import sys\n"
              "from desktop import selftest\n"
              "def broken(self):\n"
              "    raise AssertionError('the HQ copy differs')\n"
              "selftest.SelfTest.compare = broken\n"
              "sys.exit(selftest.run_selftest())\n")
    done = _run_script(tmp_path, script)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "[FAIL] 13 compare field and HQ databases: the HQ copy differs" in done.stdout
    assert "dashboard" not in done.stdout.split("[FAIL]")[1]  # later steps did not run
    assert "self-test FAILED at 'compare field and HQ databases'" in done.stdout


def test_selftest_fails_when_a_view_shows_its_not_available_page(tmp_path):
    # What a view module left out of the package looks like: the window shows a message
    # page instead of raising, and the self-test must still fail.
    script = ("import sys\n"
              "from desktop import selftest\n"
              "from desktop.ui import main_window\n"
              "real = main_window._optional_view\n"
              "main_window._optional_view = lambda module, name: (\n"
              "    None if module == 'progress_view' else real(module, name))\n"
              "sys.exit(selftest.run_selftest())\n")
    done = _run_script(tmp_path, script)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "[FAIL] 14 every view opens: ProgressView did not open: " in done.stdout
    assert "self-test FAILED at 'every view opens'" in done.stdout


def test_exit_when_ready_prints_a_time_after_the_window_is_shown(tmp_path):
    launched = time.time()
    done = subprocess.run([sys.executable, str(ROOT / "main.py")],
                          env=_env(tmp_path, RISKMAP_EXIT_WHEN_READY="1",
                                   RISKMAP_PASSPHRASE="start-up test passphrase"),
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    ready = [line for line in done.stdout.splitlines() if line.startswith("RISKMAP_READY ")]
    assert len(ready) == 1
    assert float(ready[0].split()[1]) >= launched


@pytest.mark.skipif(not PACKAGED.exists(), reason="no packaged build (make package)")
def test_packaged_program_prints_its_version():
    done = subprocess.run([str(PACKAGED), "--version"], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0
    assert done.stdout.strip() == f"RiskMap Survey Desk {__version__}"


def test_about_box_shows_version_build_python_qt_and_fingerprint(qtbot, device_key):
    from PySide6.QtCore import qVersion
    from PySide6.QtWidgets import QApplication
    dialog = AboutDialog(device_key.device_id, device_key.fingerprint)
    qtbot.addWidget(dialog)
    text = dialog.details_text()
    for part in (__version__, "run from source", sys.version.split()[0], qVersion(),
                 device_key.fingerprint, device_key.device_id):
        assert part in text
    dialog.copy_details()
    assert QApplication.clipboard().text() == text


def test_build_info_is_read_from_the_packaged_resources(tmp_path, monkeypatch):
    from desktop import build_info
    (tmp_path / "build_info.json").write_text(
        '{"version": "0.1.0", "build_date": "2026-11-29 10:00 UTC", "commit": "abc1234"}',
        encoding="utf-8")
    monkeypatch.setattr(build_info, "resources_dir", lambda: tmp_path)
    info = build_info.read_build_info()
    assert (info["build_date"], info["commit"]) == ("2026-11-29 10:00 UTC", "abc1234")
    monkeypatch.setattr(build_info, "resources_dir", lambda: tmp_path / "missing")
    assert read_build_info()["build_date"] == "source"
