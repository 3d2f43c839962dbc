"""File menu actions of the main window: new, open and recent databases, backup copy, and
the demo project (Help menu), which is filled off the UI thread."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog

from ..services.demo_service import fill_demo
from ..services import db_keys
from ..services.paths import demo_dir, user_data_dir
from ..services.project import Project
from ..services.verification_demo import simulate_in
from .background import Cancelled
from .project_opener import open_project
from .user_errors import error_sentence

if TYPE_CHECKING:
    from .main_window import MainWindow

RECENT_KEY = "database/recent"
LAST_KEY = "database/last"
MAX_RECENT = 8
DEMO_FORMS = 416
# The demo project is encrypted like any other; its passphrase is shown on screen.
DEMO_PASSPHRASE = "riskmap demo project"
FILE_FILTER = "RiskMap database (*.db *.sqlite);;All files (*)"


def recent_databases(settings: QSettings) -> list[str]:
    """Databases opened on this computer, most recent first."""
    value = settings.value(RECENT_KEY, [])
    if isinstance(value, str):
        value = [value]
    return [str(path) for path in (value or []) if str(path)]


def remember_database(settings: QSettings, path: Path) -> None:
    """Put `path` first in the recent list and remember it as the last one opened."""
    text = str(path)
    paths = [text] + [p for p in recent_databases(settings) if p != text]
    settings.setValue(RECENT_KEY, paths[:MAX_RECENT])
    settings.setValue(LAST_KEY, text)


class DatabaseActions(QObject):
    """The database actions of one main window."""

    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.window = window
        self.demo_progress: QProgressDialog | None = None
        path = window.context.workspace.path
        if path is not None:
            remember_database(window.settings, path)

    def open_database(self, path: str | Path, passphrase: str | None = None) -> bool:
        """Open (or create) a project database and make it the current one."""
        window = self.window
        if window.pages.get("entry") is not None and not window.entry_view.confirm_discard():
            return False
        try:
            project = open_project(window, Path(path), passphrase)
            if project is None:
                return False
        except Exception as exc:  # noqa: BLE001 - every failure gets a message for people
            QMessageBox.warning(window, self.tr("Database not opened"), error_sentence(
                exc, window.context.lang, path, unexpected=self.tr(
                    "{path} could not be opened; the details are in the log file.").format(
                        path=path)))
            return False
        # After the passphrase, the operator signs in to this project (operators belong
        # to a project); nobody signing in leaves the current project open.
        operator = window.ask_operator(project, current=window.context.operator)
        if operator is None:
            project.close()
            return False
        window.context.replace_project(project, operator)
        remember_database(window.settings, Path(path))
        return True

    def new_database(self) -> None:
        """Ask for a new file name and create a project database there."""
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("New database"),
                                              str(user_data_dir() / "riskmap.db"), FILE_FILTER)
        if path:
            if Path(path).exists():
                QMessageBox.warning(self.window, self.tr("File exists"), self.tr(
                    "{path} exists already. Use Open to work on it, or choose a new "
                    "name.").format(path=path))
                return
            self.open_database(path)

    def open_database_dialog(self) -> None:
        """Ask for a database file and open it."""
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open database"),
                                              str(user_data_dir()), FILE_FILTER)
        if path:
            self.open_database(path)

    def fill_recent_menu(self) -> None:
        """List the recent databases in the File > Recent menu."""
        menu = self.window.recent_menu
        menu.clear()
        paths = recent_databases(self.window.settings)
        for path in paths:
            action = menu.addAction(path)
            action.setEnabled(Path(path).exists())
            action.triggered.connect(lambda _c=False, p=path: self.open_database(p))
        if not paths:
            menu.addAction(self.tr("(none yet)")).setEnabled(False)

    def backup_copy(self) -> None:
        """Save a consistent copy of the open database (SQLite backup API)."""
        workspace = self.window.context.workspace
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
        base = workspace.path.with_name(f"{workspace.path.stem}-backup-{stamp}.db") \
            if workspace.path \
            else user_data_dir() / f"backup-{stamp}.db"
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Backup copy"), str(base),
                                              FILE_FILTER)
        if not path:
            return
        try:
            workspace.backup_to(path)
        except Exception as exc:  # noqa: BLE001
            QMessageBox.warning(self.window, self.tr("Backup not made"), error_sentence(
                exc, self.window.context.lang, path, unexpected=self.tr(
                    "The copy could not be written to {path}; the details are in the log "
                    "file.").format(path=path)))
            return
        self.window.statusBar().showMessage(
            self.tr("Backup copy saved to {path}").format(path=path), 8000)

    def open_demo(self) -> None:
        """Create a demo project with synthetic forms (off the UI thread), then open it."""
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        path = demo_dir() / f"demo-{stamp}.db"
        progress = QProgressDialog(self.tr("Creating the demo project… Its passphrase is: "
                                           "{passphrase}").format(passphrase=DEMO_PASSPHRASE),
                                   self.tr("Cancel"),
                                   0, DEMO_FORMS, self.window)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        self.demo_progress = progress

        def task(report) -> Path:
            path.parent.mkdir(parents=True, exist_ok=True)
            db_keys.create_keys(path, DEMO_PASSPHRASE)
            project = Project.open(path, check_same_thread=False)
            try:
                round_uuid = fill_demo(project, DEMO_FORMS, seed=1,
                                       progress=lambda done: report(done, DEMO_FORMS))
                # A second operator's blind re-keying of part of the sample, so the
                # Verification and Progress views have something to show at once.
                simulate_in(project, round_uuid)
            finally:
                project.close()
            return path

        def finished(result: Path) -> None:
            progress.close()
            if self.open_database(result, DEMO_PASSPHRASE):
                self.window.statusBar().showMessage(self.tr(
                    "Demo project opened. Its passphrase is: {passphrase}").format(
                    passphrase=DEMO_PASSPHRASE), 30000)

        def failed(error: BaseException) -> None:
            progress.close()
            if isinstance(error, Cancelled):
                return
            QMessageBox.warning(self.window, self.tr("Demo not created"), error_sentence(
                error, self.window.context.lang, path, unexpected=self.tr(
                    "The demo project could not be created; the details are in the log "
                    "file.")))

        job = self.window.context.runner.run(task, finished, failed,
                                             lambda done, _total: progress.setValue(done))
        progress.canceled.connect(lambda: setattr(job, "cancelled", True))
