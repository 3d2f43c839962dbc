"""The main window's round bar (round list, new/edit round, the operator button) and its
menu bar, built again in the new language after a language switch."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QToolBar, QToolButton

from .round_combo import RoundCombo
from .shortcut_keys import KEYING_GUIDE, NEW_DATABASE, OPEN_DATABASE, QUIT, page_keys

if TYPE_CHECKING:
    from .main_window import MainWindow


class WindowMenus(QObject):
    """Builds the round bar and the menus of `window`; the widgets and actions stay the
    window's attributes (round_combo, new_round_action, recent_menu, help_menu, ...)."""

    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.window = window
        self.built: list = []  # the menus of the last build (a rebuild deletes them)

    def build_round_bar(self) -> None:
        """The round bar: the round list, new and edit round, the operator button."""
        window = self.window
        bar = QToolBar(self.tr("Round"))
        bar.setObjectName("roundBar")
        bar.setMovable(False)
        window.round_caption = QLabel()
        bar.addWidget(window.round_caption)
        window.round_combo = RoundCombo()
        window.round_combo.setMinimumWidth(220)
        window.round_combo.currentIndexChanged.connect(
            lambda _i: window.context.set_round(window.round_combo.currentData()))
        window.round_combo.picked_from_list.connect(window.round_picked)
        bar.addWidget(window.round_combo)
        # Owned by the window: shared by the bar and the Round menu, which is rebuilt.
        window.new_round_action = QAction(window)
        window.new_round_action.triggered.connect(window.new_round)
        window.edit_round_action = QAction(window)
        window.edit_round_action.triggered.connect(window.edit_round)
        bar.addAction(window.new_round_action)
        bar.addAction(window.edit_round_action)
        bar.addSeparator()
        window.operator_button = QToolButton()
        window.operator_button.clicked.connect(window.sign_out)
        bar.addWidget(window.operator_button)
        window.addToolBar(bar)
        self.round_bar_texts()

    def round_bar_texts(self) -> None:
        """The round bar's texts in the current language."""
        window = self.window
        window.round_caption.setText(self.tr("Round") + " ")
        window.new_round_action.setText(self.tr("New round…"))
        window.edit_round_action.setText(self.tr("Edit round…"))
        window.operator_button.setToolTip(self.tr("Sign out / switch operator"))

    def build_menus(self) -> None:
        """The menu bar in the current language (the menus of an earlier build deleted)."""
        window = self.window
        for old in self.built:
            old.clear()  # deletes the actions it owns (their shortcuts with them)
            old.deleteLater()
        window.menuBar().clear()
        menu = window.menuBar().addMenu(self.tr("&File"))
        menu.addAction(self.tr("&New database…"), QKeySequence(NEW_DATABASE),
                       window.files.new_database)
        menu.addAction(self.tr("&Open database…"), QKeySequence(OPEN_DATABASE),
                       window.files.open_database_dialog)
        window.recent_menu = menu.addMenu(self.tr("Recent databases"))
        window.recent_menu.aboutToShow.connect(window.files.fill_recent_menu)
        menu.addAction(self.tr("&Backup copy…"), window.files.backup_copy)
        menu.addAction(self.tr("&Print blank forms…"), window.print_forms)
        menu.addAction(self.tr("&Data for analysts…"), window.data_for_analysts)
        menu.addAction(self.tr("&Import questionnaire…"),
                       window.questionnaires.choose_and_import)
        menu.addSeparator()
        menu.addAction(self.tr("&Settings…"), window.open_settings)
        menu.addAction(self.tr("Sign o&ut / switch operator…"), window.sign_out)
        menu.addSeparator()
        menu.addAction(self.tr("&Quit"), QKeySequence(QUIT), window.close)
        rounds = window.menuBar().addMenu(self.tr("&Round"))
        rounds.addAction(window.new_round_action)
        rounds.addAction(window.edit_round_action)
        rounds.addAction(self.tr("Sign out / switch operator…"), window.sign_out)
        view = window.menuBar().addMenu(self.tr("&View"))
        for number, key in enumerate(window.page_keys, start=1):
            action = QAction(window.page_title(key), view)
            action.setShortcut(QKeySequence(page_keys(number)))
            action.triggered.connect(lambda _c=False, r=number - 1: window.go_to_page(r))
            view.addAction(action)
        window.help_menu = window.menuBar().addMenu(self.tr("&Help"))
        window.help_menu.addAction(self.tr("&Keying guide"), QKeySequence(KEYING_GUIDE),
                                   window.show_guide)
        window.help_menu.addAction(self.tr("Open &demo project"), window.files.open_demo)
        window.help_menu.addAction(self.tr("&About"), window.about)
        self.built = [menu, rounds, view, window.help_menu]
