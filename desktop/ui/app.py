"""Start the desktop app: QApplication, the default database, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from .. import APP_NAME
from ..bundle.device_key import load_or_create_device_key
from ..services.paths import default_database_path, user_data_dir
from ..services.project import Project
from .app_context import AppContext
from .main_window import MainWindow


def run_app(db_path: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("RiskMap")
    project = Project.open(Path(db_path) if db_path else default_database_path())
    context = AppContext(project, load_or_create_device_key(user_data_dir()))
    window = MainWindow(context)
    window.show()
    return app.exec()
