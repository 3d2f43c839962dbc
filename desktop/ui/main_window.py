"""The main window: a navigation list of views, the round bar, menus and the status bar.

Views: Entry, Records, Verification, Progress, Dashboard, Export/Import. Each is built
the first time it is shown (the dashboard pulls in pyqtgraph and pandas, so start-up stays
quick); a view whose module is not there yet shows a plain 'not available' page. File
menu actions (new, open, recent, backup, demo) live in `database_actions`, the round bar
and the menus are built by `window_menus`, the status bar is filled by `window_status`.
"""

from __future__ import annotations

import importlib
import logging
from typing import Callable

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QMainWindow, QStackedWidget,
                               QTabWidget, QVBoxLayout, QWidget)

from .. import APP_NAME
from .app_context import AppContext
from .database_actions import DatabaseActions
from .entry_view import EntryView
from .operator_dialog import OperatorDialog
from .questionnaire_import import QuestionnaireImport
from .round_dialog import RoundDialog
from .shown_retranslation import ShownRetranslation
from .shown_text import shown
from .user_errors import error_sentence
from .window_menus import WindowMenus
from .window_status import WindowStatus

GEOMETRY_KEY = "window/geometry"
log = logging.getLogger(__name__)


def _optional_view(module: str, name: str) -> Callable[[AppContext], QWidget] | None:
    """The view class `name` of `desktop.ui.<module>`, or None while it does not exist."""
    try:
        return getattr(importlib.import_module(f"desktop.ui.{module}"), name)
    except (ImportError, AttributeError):
        return None


class MainWindow(ShownRetranslation, QMainWindow):
    """The program's window."""

    def __init__(self, context: AppContext, settings: QSettings | None = None):
        super().__init__()
        self.context = context
        self.settings = settings if settings is not None else QSettings()
        self.setWindowTitle(APP_NAME)
        self.pages: dict[str, QWidget | None] = {}
        self.page_keys = ["entry", "records", "verification", "progress", "dashboard",
                          "exchange"]
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setStyleSheet("QListWidget#navigation { font-size: 11pt; }"
                               "QListWidget#navigation::item { padding: 8px 6px; }")
        self.stack = QStackedWidget()
        for key in self.page_keys:
            self.nav.addItem(self.page_title(key))
            self.stack.addWidget(QWidget())
            self.pages[key] = None
        # Wide enough for the longest title in the chosen language.
        self.nav.setFixedWidth(max(150, self.nav.sizeHintForColumn(0) + 28))
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        # The demo banner sits over the views: synthetic forms must never be mistaken
        # for the team's project (see `demo_banner`).
        self.demo_banner = QLabel()
        self.demo_banner.setObjectName("demoBanner")
        self.demo_banner.setWordWrap(True)
        self.demo_banner.setStyleSheet("QLabel#demoBanner { background: #fde68a; color: #5b3a00;"
                                       " padding: 6px 10px; font-weight: bold; }")
        self.demo_banner.hide()
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.demo_banner)
        column.addWidget(self.stack, 1)
        row.addLayout(column, 1)
        self.setCentralWidget(central)
        self.files = DatabaseActions(self)
        self.questionnaires = QuestionnaireImport(self)
        self.menus = WindowMenus(self)
        self.menus.build_round_bar()
        self.menus.build_menus()
        self.status_texts = WindowStatus(self)
        self.status_texts.build()
        self._current = "entry"
        self.nav.setCurrentRow(0)
        self.show_page("entry")
        self.nav.currentRowChanged.connect(self._nav_changed)
        context.project_changed.connect(self.refresh)
        context.round_changed.connect(self.refresh)
        context.operator_changed.connect(self.refresh_status)
        context.forms_changed.connect(self._forms_changed)
        geometry = self.settings.value(GEOMETRY_KEY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 720)
        self.refresh()

    # -- pages ---------------------------------------------------------------------------
    def page_title(self, key: str) -> str:
        return {"entry": self.tr("Entry"), "records": self.tr("Records"),
                "verification": self.tr("Verification"), "progress": self.tr("Progress"),
                "dashboard": self.tr("Dashboard"), "exchange": self.tr("Export / Import")}[key]

    def page(self, key: str) -> QWidget:
        """The view `key`, built on first use."""
        widget = self.pages.get(key)
        if widget is None:
            try:
                widget = self._build_page(key)
            except Exception as exc:  # noqa: BLE001 - one broken view must not stop the rest
                log.exception("the %s view could not be built", key)
                widget = self._message_page(self.tr(
                    "This view could not be opened ({error}). The other views still work; "
                    "the details are in the log file.").format(
                        error=error_sentence(exc, self.context.lang)))
            index = self.page_keys.index(key)
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, widget)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self.pages[key] = widget
        return widget

    @property
    def entry_view(self) -> EntryView:
        return self.page("entry")  # type: ignore[return-value]

    def _build_page(self, key: str) -> QWidget:
        if key == "entry":
            return EntryView(self.context)
        if key == "records":
            from .records_view import RecordsView
            view = RecordsView(self.context)
            view.open_requested.connect(self.open_form)
            return view
        if key == "exchange":
            tabs = QTabWidget()
            for module, name, title in (("export_view", "ExportView", self.tr("Export")),
                                        ("import_view", "ImportView", self.tr("Import")),
                                        ("conflicts_view", "ConflictsView",
                                         self.tr("Conflicts"))):
                cls = _optional_view(module, name)
                tabs.addTab(cls(self.context) if cls else self._not_available(), title)
            return tabs
        module, name = {"verification": ("verification_view", "VerificationView"),
                        "progress": ("progress_view", "ProgressView"),
                        "dashboard": ("dashboard_view", "DashboardView")}[key]
        cls = _optional_view(module, name)
        return cls(self.context) if cls else self._not_available()

    def _not_available(self) -> QWidget:
        return self._message_page(self.tr("This part is not available in this version."))

    def _message_page(self, text: str) -> QWidget:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setStyleSheet("color: #666; font-size: 12pt;")
        return label

    def show_page(self, key: str) -> None:
        """Switch to the view `key` (building it if needed)."""
        widget = self.page(key)
        self.stack.setCurrentWidget(widget)
        self._current = key
        row = self.page_keys.index(key)
        if self.nav.currentRow() != row:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(row)
            self.nav.blockSignals(False)
        if key == "entry" and self.entry_view.session.editing is None \
                and not self.entry_view.has_unsaved_changes():
            self.entry_view.focus_form_number()
        elif key == "records":
            widget.table.setFocus()  # type: ignore[attr-defined] - arrows and Enter at once
        elif key == "verification" and hasattr(widget, "focus_number"):
            widget.focus_number()  # also on Ctrl+3 with the page shown already

    def go_to_page(self, row: int) -> None:
        """View > a page (Ctrl+1...): switch to it; on the page shown already, put the
        cursor back where the page starts (the form number, on the entry page)."""
        if self.nav.currentRow() == row:
            self.show_page(self.page_keys[row])
        else:
            self.nav.setCurrentRow(row)

    def round_picked(self) -> None:
        """A round chosen from the round bar's list: on the entry page, the cursor goes
        back to the form number, where the operator types next."""
        if self._current == "entry":
            self.show_page("entry")

    def _nav_changed(self, row: int) -> None:
        key = self.page_keys[row]
        if self._current == "entry" and key != "entry" \
                and not self.entry_view.confirm_discard():
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(self.page_keys.index("entry"))
            self.nav.blockSignals(False)
            return
        self.show_page(key)

    def open_form(self, uuid: str) -> None:
        """Open a stored form in the entry view for editing."""
        if self.entry_view.load_form(uuid):
            self.show_page("entry")

    # -- language, round list -----------------------------------------------------------
    # A language switch (ShownRetranslation): a closed window (its project may be closed
    # too) retranslates when shown again.
    def _can_retranslate(self) -> bool:
        return bool(getattr(self, "menus", None) and self.menus.built)

    def _retranslate_shown(self) -> None:
        self.retranslate()

    def retranslate(self) -> None:
        """Show menus, navigation and bars in the language just installed; a passing
        message in the old language goes."""
        self.statusBar().clearMessage()
        for row, key in enumerate(self.page_keys):
            self.nav.item(row).setText(self.page_title(key))
        self.nav.setFixedWidth(max(150, self.nav.sizeHintForColumn(0) + 28))
        self.menus.build_menus()
        self.menus.round_bar_texts()
        exchange = self.pages.get("exchange")
        if isinstance(exchange, QTabWidget):
            exchange.setTabText(0, self.tr("Export"))
            exchange.setTabText(1, self.tr("Import"))
            exchange.setTabText(2, self.tr("Conflicts"))
        self.refresh_status()

    def refresh(self) -> None:
        """Fill the round list and the status bar from the context."""
        self.round_combo.blockSignals(True)
        self.round_combo.clear()
        for round_ in self.context.round_service().rounds():
            self.round_combo.addItem(shown(round_.name), round_.uuid)
        index = self.round_combo.findData(self.context.round_uuid)
        self.round_combo.setCurrentIndex(index)
        self.round_combo.blockSignals(False)
        self.edit_round_action.setEnabled(index >= 0)
        self.refresh_status()

    def _forms_changed(self, change: object) -> None:
        # None means many things changed (an import): it may have brought new rounds,
        # which the round bar must offer at once, not after the project is reopened.
        if change is None:
            self.context.keep_a_round()  # an HQ with no round until now: the one imported
            self.refresh()
        else:
            self.refresh_status()

    def refresh_status(self) -> None:
        """Database, round, operator and counts in the status bar; the demo marked."""
        self.status_texts.refresh()

    # -- actions ---------------------------------------------------------------------------
    def sign_in(self) -> bool:
        """Ask who is working (name and PIN; the first supervisor of a project without
        operators); True when someone signed in."""
        operator = self.ask_operator(self.context.workspace)
        if operator is None:
            return False
        self.context.sign_in(operator)
        return True

    def ask_operator(self, workspace, current: str | None = None, leaving: str = ""):
        """The operator who signs in to `workspace` (an open project, maybe not yet the
        window's), or None when the dialog was cancelled; `leaving` (who just signed out)
        is not the name offered."""
        dialog = OperatorDialog(workspace.operator_service(), self.settings,
                                self.context.operator if current is None else current,
                                self.context.lang, self, leaving)
        if dialog.exec() and dialog.signed_in is not None:
            return dialog.signed_in
        return None

    def sign_out(self) -> bool:
        """Sign the operator out and ask who is next; nobody signing in closes the window
        (the laptop is not left open in the last operator's name). True when someone
        signed in."""
        if self.pages.get("entry") is not None and not self.entry_view.confirm_discard():
            return False
        previous = self.context.operator
        self.context.sign_out()
        operator = self.ask_operator(self.context.workspace, current="", leaving=previous)
        if operator is None:
            self.close()
            return False
        self.context.sign_in(operator)
        if operator.name != previous:
            self.statusBar().showMessage(self.tr("{name} signed in.").format(
                name=operator.name), 8000)
        return True

    def new_round(self) -> None:
        """Create a round and key into it."""
        dialog = RoundDialog(self.context.round_service(), None, self, self.context.lang)
        if dialog.exec() and dialog.saved_round is not None:
            self.context.set_round(dialog.saved_round.uuid)
            self.refresh()

    def edit_round(self) -> None:
        """Edit the current round."""
        round_ = self.context.current_round()
        if round_ is None:
            return
        dialog = RoundDialog(self.context.round_service(), round_, self, self.context.lang)
        if dialog.exec():
            self.refresh()

    def open_settings(self) -> None:
        """The settings dialog."""
        from .settings_dialog import SettingsDialog
        SettingsDialog(self.context, self.settings, self).exec()

    def show_guide(self) -> None:
        """F1: the keying guide in the program's language (not modal: keying goes on)."""
        from .guide_dialog import GuideDialog
        guide = getattr(self, "guide", None)
        if guide is None:
            self.guide = guide = GuideDialog(self.context.lang, self)
        else:
            guide.show_guide(self.context.lang)
        guide.show()
        guide.raise_()
        guide.activateWindow()

    def print_forms(self) -> None:
        """The paper form of a round's questionnaire as an A4 PDF."""
        from .print_form_dialog import PrintFormDialog
        PrintFormDialog(self.context, self).exec()

    def data_for_analysts(self) -> None:
        """Labelled CSV, XLSX, Stata and SPSS files, protected by the guard."""
        from .data_dialog import DataDialog
        DataDialog(self.context, self).exec()

    def about(self) -> None:
        """The About box: version, build date, Python/Qt versions, device fingerprint."""
        from .about_dialog import AboutDialog
        key = self.context.device_key
        AboutDialog(key.device_id, key.fingerprint, self).exec()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.pages.get("entry") is not None and not self.entry_view.confirm_discard():
            event.ignore()
            return
        self.settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        # A dashboard still reading a million forms (or any task) stops at its next step
        # instead of running on while the program ends around it.
        self.context.runner.stop()
        event.accept()
