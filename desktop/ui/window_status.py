"""The main window's status bar (database, round, operator, the round's counts) and the
marks of the demo project (title bar and banner)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject
from PySide6.QtWidgets import QLabel

from .. import APP_NAME
from ..services.paths import is_demo_database
from .operator_dialog import role_name
from .shortcut_keys import OPEN_DATABASE, key_text
from .shown_text import shown

if TYPE_CHECKING:
    from .main_window import MainWindow


class WindowStatus(QObject):
    """Fills the status bar of `window`; its labels stay the window's attributes
    (db_label, round_label, operator_label, counts_label)."""

    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.window = window

    def build(self) -> None:
        """The status bar's labels."""
        window = self.window
        window.db_label = QLabel()
        window.round_label = QLabel()
        window.operator_label = QLabel()
        window.counts_label = QLabel()
        for label in (window.db_label, window.round_label, window.operator_label):
            window.statusBar().addWidget(label)
        window.statusBar().addPermanentWidget(window.counts_label)

    def refresh(self) -> None:
        """Database, round, operator and counts in the status bar; the demo marked."""
        window = self.window
        path = window.context.workspace.path
        self.mark_demo(is_demo_database(path))
        window.db_label.setText(self.tr("Database: {name}").format(
            name=path.name if path else self.tr("(in memory)")))
        window.db_label.setToolTip(str(path or ""))
        round_ = window.context.current_round()
        window.round_label.setText(self.tr("Round: {name}").format(
            name=shown(round_.name) if round_ else self.tr("none")))
        operator = shown(window.context.operator) or self.tr("nobody signed in")
        if window.context.operator and window.context.role:
            operator = self.tr("{name} ({role})").format(
                name=operator, role=role_name(window.context.role))
        window.operator_label.setText(self.tr("Operator: {name}").format(name=operator))
        window.operator_button.setText(self.tr("Operator: {name}").format(name=operator))
        if round_ is None:
            window.counts_label.setText(self.tr("Create a round to start keying (Round menu)."))
            return
        tally = window.context.records_service().tally(round_.uuid, round_.target_count)
        window.counts_label.setText(self.tr("Entered {entered} · Verified {verified} · "
                                            "Target {target}").format(
            entered=QLocale().toString(tally.entered), verified=QLocale().toString(
                tally.verified), target=QLocale().toString(tally.target)))

    def mark_demo(self, demo: bool) -> None:
        """Title bar and banner say so while the demo project is open."""
        window = self.window
        if demo:
            window.setWindowTitle(self.tr("{app} – DEMO PROJECT (synthetic forms)").format(
                app=APP_NAME))
            window.demo_banner.setText(self.tr(
                "Demo project: synthetic forms for trying the program. Do not key real "
                "forms here; open your project with File > Open database ({keys}).").format(
                    keys=key_text(OPEN_DATABASE)))
        else:
            window.setWindowTitle(APP_NAME)
        window.demo_banner.setVisible(demo)
