"""The main window: the views of the program and the status bar.

Until the entry screens land, it lists the collection rounds of the open database.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QListWidget, QMainWindow, QVBoxLayout, QWidget

from .. import APP_NAME
from .app_context import AppContext


class MainWindow(QMainWindow):
    def __init__(self, context: AppContext):
        super().__init__()
        self.context = context
        self.setWindowTitle(APP_NAME)
        self.resize(1280, 720)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(QLabel(self.tr("Collection rounds")))
        self.round_list = QListWidget()
        layout.addWidget(self.round_list)
        self.setCentralWidget(central)
        context.project_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.round_list.clear()
        for round_ in self.context.project.rounds():
            self.round_list.addItem(f"{round_.name} — {round_.institution} — {round_.place}")
        self.statusBar().showMessage(str(self.context.project.db.path))
