"""Start the desktop app: QApplication, the last (or default) database, operator sign-in,
the main window."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import APP_NAME
from ..resources import icons_dir
from ..services.paths import default_database_path, is_demo_database
from .app_context import AppContext
from .background import BackgroundRunner
from .database_actions import LAST_KEY
from .main_window import MainWindow
from .project_opener import open_project
from .translation import install_translator, saved_language
from .warm_up import WarmUp


def startup_database(settings: QSettings, db_path: str | None,
                     reopen_demo: Callable[[Path], bool] = lambda _path: False) -> Path:
    """The database named on the command line, else the last one opened, else the default.
    A demo project last opened is reopened only when `reopen_demo(path)` says so (the
    window asks); otherwise the start is on the team's own database."""
    if db_path:
        return Path(db_path)
    last = str(settings.value(LAST_KEY, "") or "")
    if last and Path(last).exists():
        if not is_demo_database(last) or reopen_demo(Path(last)):
            return Path(last)
    return default_database_path()


def ask_reopen_demo(path: Path) -> bool:
    """Ask whether to open the demo project again (No is the default)."""
    answer = QMessageBox.question(
        None, APP_NAME, QCoreApplication.translate(
            "Startup", "The demo project was open when the program last closed. Open the "
            "demo again? Choose No to open your own database."),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def run_app(db_path: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("RiskMap")
    app.setWindowIcon(QIcon(str(icons_dir() / "riskmap.png")))
    settings = QSettings()
    lang = saved_language(settings)
    install_translator(app, lang)  # before any widget exists, so every tr() is translated
    path = startup_database(settings, db_path, ask_reopen_demo)
    # The dashboard's modules (pandas, pyqtgraph: seconds of imports) load on a worker
    # while the person types the passphrase and its scrypt runs (in C, without Python's
    # lock): then nothing competes with keying, and the dashboard opens without a freeze.
    runner = BackgroundRunner()
    WarmUp(runner)
    try:
        return _open_and_run(app, settings, lang, path, runner)
    finally:
        # No worker may still run Python code while the interpreter shuts down (the
        # warm-up's imports, when the program ends at the passphrase or the sign-in).
        runner.stop()


def _open_and_run(app: QApplication, settings: QSettings, lang: str, path: Path,
                  runner: BackgroundRunner) -> int:
    # The team passphrase is asked for; RISKMAP_PASSPHRASE (as for the commands) is tried
    # first, so scripted start-ups (the start-up benchmark) need no typing.
    given = os.environ.get("RISKMAP_PASSPHRASE")
    try:
        project = open_project(None, path, given)
    except Exception as exc:  # noqa: BLE001 - shown to people, then the default database
        from .user_errors import error_sentence
        QMessageBox.warning(None, APP_NAME, error_sentence(exc, lang, path))
        project = open_project(None, default_database_path(), given)
    if project is None:
        return 0  # the passphrase was not given
    context = AppContext(project, lang=lang, runner=runner)
    window = MainWindow(context, settings)
    from .user_errors import exception_hook
    sys.excepthook = exception_hook(lambda: context.lang, APP_NAME, lambda: window)
    window.show()
    _exit_when_ready_if_asked()
    if not window.sign_in():
        return 0
    if context.current_round() is None:
        window.new_round()  # nothing can be keyed before a round exists
    return app.exec()


def _exit_when_ready_if_asked() -> None:
    """RISKMAP_EXIT_WHEN_READY=1 (start-up benchmark): once the window is shown and the event
    loop is idle, print `RISKMAP_READY <epoch seconds>` and quit."""
    if os.environ.get("RISKMAP_EXIT_WHEN_READY") != "1":
        return

    def ready() -> None:
        print(f"RISKMAP_READY {time.time():.6f}", flush=True)
        modal = QApplication.activeModalWidget()
        if modal is not None:
            modal.close()  # the operator sign-in: closing it ends run_app
        QApplication.instance().exit(0)

    QTimer.singleShot(0, ready)
