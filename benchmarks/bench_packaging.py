"""The packaged program: folder size, zipped size, start-up; and the source program's start.

    make bench            (or: python -m benchmarks packaging)

Builds `dist/RiskMap/` with `make package` first when it is missing or older than the
sources. "Start to interactive window" is measured from launching the process to the
moment the main window is shown and the event loop is idle: the app prints
`RISKMAP_READY <epoch>` there when RISKMAP_EXIT_WHEN_READY=1 (desktop/ui/app.py) and
quits. The baseline is a bare PySide6 + pyqtgraph window started the same way in the same
run. Every start uses a scratch RISKMAP_HOME and settings folder whose database exists
(as on a laptop in use), offscreen. The zipped size keeps symbolic links as links, as
`zip -y` does (Qt's libraries are linked from the folder's top level).
"""

from __future__ import annotations

import os
import statistics
import stat
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist" / "RiskMap"
EXE = DIST / ("RiskMap.exe" if sys.platform == "win32" else "RiskMap")
STARTS = 5
MB = 1_000_000

BARE_WINDOW = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
import pyqtgraph as pg
app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(pg.PlotWidget())
window.resize(1280, 720)
window.show()
def ready():
    print(f"RISKMAP_READY {time.time():.6f}", flush=True)
    app.exit(0)
QTimer.singleShot(0, ready)
sys.exit(app.exec())
"""


def run(table) -> None:
    if not _package_is_fresh():
        print("bench_packaging: building dist/RiskMap (make package)...", flush=True)
        started = time.perf_counter()
        subprocess.run(["make", "package"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        print(f"bench_packaging: make package took {time.perf_counter() - started:.0f} s",
              flush=True)
    folder = folder_bytes(DIST)
    installed = sum(folder_bytes(p) for p in _installed_dependency_folders())
    table.add("packaged one-folder size", folder / MB, "MB",
              "installed Qt/numpy/pandas/... packages", installed / MB, "<= 180 MB")
    table.add("packaged folder zipped (deflate, links kept)", zipped_bytes(DIST) / MB, "MB",
              "packaged folder", folder / MB, "<= 100 MB")
    with tempfile.TemporaryDirectory(prefix="riskmap-bench-start-") as scratch:
        env = _scratch_env(Path(scratch))
        bare = _median_start([sys.executable, "-c", BARE_WINDOW], env)
        packaged = _median_start([str(EXE)], env)
        source = _median_start([sys.executable, str(ROOT / "main.py")], env)
    table.add("packaged start to interactive window", packaged, "s",
              "bare PySide6 + pyqtgraph window (source)", bare, "<= 2 s")
    table.add("source start to interactive window", source, "s",
              "bare PySide6 + pyqtgraph window (source)", bare, "<= 1.3x baseline")


def folder_bytes(folder: Path) -> int:
    """Bytes of the regular files under `folder` (links not followed, not counted)."""
    total = 0
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(dirpath) / name
            if not path.is_symlink():
                total += path.stat().st_size
    return total


def zipped_bytes(folder: Path) -> int:
    """Size of `folder` zipped (deflate level 6), storing symbolic links as links."""
    with tempfile.TemporaryDirectory(prefix="riskmap-bench-zip-") as scratch:
        archive = Path(scratch) / "RiskMap.zip"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zipped:
            for dirpath, dirs, files in os.walk(folder):
                for name in sorted(dirs + files):
                    path = Path(dirpath) / name
                    arcname = str(path.relative_to(folder.parent))
                    if path.is_symlink():
                        info = zipfile.ZipInfo(arcname)
                        info.create_system = 3  # unix, so the mode bits below are read
                        info.external_attr = (stat.S_IFLNK | 0o777) << 16
                        zipped.writestr(info, os.readlink(path))
                    elif path.is_file():
                        zipped.write(path, arcname)
        return archive.stat().st_size


def _package_is_fresh() -> bool:
    if not EXE.exists():
        return False
    built = EXE.stat().st_mtime
    sources = [p for folder in ("desktop", "build", "resources")
               for p in (ROOT / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    return all(p.stat().st_mtime <= built for p in sources)


def _installed_dependency_folders() -> list[Path]:
    import numpy
    import pandas
    import PySide6
    import shiboken6
    folders = [Path(m.__file__).parent for m in (numpy, pandas, PySide6, shiboken6)]
    site = folders[0].parent
    for extra in ("numpy.libs", "pyqtgraph", "cryptography", "pyrage", "pytz", "openpyxl"):
        if (site / extra).is_dir():
            folders.append(site / extra)
    return folders


def _scratch_env(scratch: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(RISKMAP_HOME=str(scratch / "home"), XDG_CONFIG_HOME=str(scratch / "config"),
               HOME=str(scratch), RISKMAP_EXIT_WHEN_READY="1",
               RISKMAP_PASSPHRASE="start-up benchmark passphrase")
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def start_seconds(command: list[str], env: dict[str, str]) -> float:
    """Seconds from launching `command` to its `RISKMAP_READY <epoch>` line."""
    launched = time.time()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120,
                          cwd=tempfile.gettempdir())
    for line in done.stdout.splitlines():
        if line.startswith("RISKMAP_READY "):
            return float(line.split()[1]) - launched
    raise RuntimeError(f"{command[0]} never reported ready (exit {done.returncode}): "
                       f"{done.stderr.strip()[-400:]}")


def _median_start(command: list[str], env: dict[str, str]) -> float:
    start_seconds(command, env)  # first run: creates the database, warms the disk cache
    return statistics.median(start_seconds(command, env) for _ in range(STARTS))


if __name__ == "__main__":
    from benchmarks.table import BenchTable
    run(BenchTable())
