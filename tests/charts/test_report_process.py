"""`riskmap report --lang es` in its own process: the charts' words are Spanish too."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop.services.demo_service import fill_demo
from desktop.services.project import Project

ROOT = Path(__file__).resolve().parents[2]


def test_spanish_report_in_a_fresh_process(tmp_path):
    db = tmp_path / "demo.db"
    project = Project.open(db)
    fill_demo(project, 30, seed=4)
    project.close()
    out = tmp_path / "out"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "report", "--db", str(db),
                           "--out", str(out), "--lang", "es"], capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (out / "report.pdf").read_bytes()[:5] == b"%PDF-"
    assert (out / "heat_map.png").stat().st_size > 10_000
