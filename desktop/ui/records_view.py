"""The records view: every form of the database in a sortable, filterable table.

Filter by form number, status, operator and round; Enter or double-click opens the form
in the entry view (`open_requested`); Delete asks for a reason and soft-deletes (the row
stays, with status 'deleted'); History shows the audit rows of the form.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QIntValidator, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QMessageBox, QPushButton, QTableView, QVBoxLayout,
                               QWidget)

from ..services.records_service import LIVE, RecordFilter
from .app_context import AppContext
from .form_history_dialog import FormHistoryDialog
from .reason_dialog import ReasonDialog
from .records_model import RecordsModel, status_text
from .shortcut_keys import CONFIRM, DELETE_FORM, FIND_FORM, key_text
from .shown_text import shown
from .user_errors import show_error


class _Table(QTableView):
    """Enter opens the current form, Delete deletes it."""

    activated_row = Signal()
    delete_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.activated_row.emit()
            return
        if event.key() == Qt.Key.Key_Delete:
            self.delete_pressed.emit()
            return
        super().keyPressEvent(event)


class LazyComboBox(QComboBox):
    """A combo box filled on first use (opened, keyed or scrolled): listing the operators
    of 100k forms takes a table scan that opening the records view should not pay for."""

    def __init__(self, load: Callable[[], None]):
        super().__init__()
        self._load = load
        self.stale = True

    def ensure_loaded(self) -> None:
        """Fill the list now if it is not filled yet."""
        if self.stale:
            self.stale = False
            self._load()

    def showPopup(self) -> None:  # noqa: N802 - Qt override
        self.ensure_loaded()
        super().showPopup()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        self.ensure_loaded()
        super().keyPressEvent(event)

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.ensure_loaded()
        super().wheelEvent(event)


def _refill(combo: QComboBox, items: list[tuple[str, str]]) -> None:
    """Replace the items of a combo box, keeping the chosen one when it is still there,
    without emitting a change."""
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for text, data in items:
        combo.addItem(shown(text), data)  # round and operator names from bundles: inert
    combo.setCurrentIndex(max(0, combo.findData(chosen)))
    combo.blockSignals(False)


class RecordsView(QWidget):
    """Forms of the open database."""

    open_requested = Signal(str)  # uuid of the form to edit

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(self._build_filters())
        self._stale = False
        self._fill_choices()
        # Built with the filter already chosen, so 100k forms are counted once, not twice.
        self.model = RecordsModel(context.records_service, self, self.current_filter())
        self.table = _Table()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.open_current())
        self.table.activated_row.connect(self.open_current)
        self.table.delete_pressed.connect(self.delete_current)
        layout.addWidget(self.table, 1)
        layout.addLayout(self._build_actions())
        self.model.modelReset.connect(self._show_count)
        context.forms_changed.connect(self._forms_changed)
        context.project_changed.connect(self.reload_choices)
        context.round_changed.connect(self._forms_changed)
        self._set_texts()

    def _build_filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.number_filter = QLineEdit()
        self.number_filter.setValidator(QIntValidator(0, 10**9, self))
        self.number_filter.setFixedWidth(110)
        self.number_filter.setClearButtonEnabled(True)
        self.status_filter = QComboBox()
        # As wide as its longest item in the chosen language ("Todos menos eliminados").
        self.status_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for value in (LIVE, "draft", "entered", "verified", "deleted", ""):
            self.status_filter.addItem("", value)
        self.operator_filter = LazyComboBox(lambda: self._load_operators())
        self.operator_filter.setMinimumWidth(110)
        self.round_filter = QComboBox()
        self.round_filter.setMinimumWidth(180)
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self.clear_filters)
        self.captions: list[QLabel] = []
        for widget in (self.number_filter, self.status_filter, self.operator_filter,
                       self.round_filter):
            caption = QLabel()
            caption.setBuddy(widget)
            self.captions.append(caption)
            row.addWidget(caption)
            row.addWidget(widget)
            row.addSpacing(8)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        find = QShortcut(QKeySequence(FIND_FORM), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(lambda: (self.number_filter.setFocus(),
                                        self.number_filter.selectAll()))
        # Enter in the number box goes to the first match, so a second Enter opens it.
        self.number_filter.returnPressed.connect(
            lambda: (self.table.setFocus(), self.table.selectRow(0)))
        self.number_filter.textChanged.connect(self.apply_filter)
        for combo in (self.status_filter, self.operator_filter, self.round_filter):
            combo.currentIndexChanged.connect(self.apply_filter)
        return row

    def _build_actions(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.count_label = QLabel()
        row.addWidget(self.count_label)
        row.addStretch(1)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_current)
        self.history_button = QPushButton()
        self.history_button.clicked.connect(self.show_history)
        self.delete_button = QPushButton()
        self.delete_button.clicked.connect(self.delete_current)
        for button in (self.open_button, self.history_button, self.delete_button):
            row.addWidget(button)
        return row

    def _set_texts(self) -> None:
        for caption, text in zip(self.captions, (self.tr("Form number"), self.tr("Status"),
                                                 self.tr("Operator"), self.tr("Round"))):
            caption.setText(text)
        self.number_filter.setToolTip(self.tr("Find a form by its number ({keys})").format(
            keys=key_text(FIND_FORM)))
        for index, text in enumerate((self.tr("All but deleted"), status_text("draft"),
                                      status_text("entered"), status_text("verified"),
                                      status_text("deleted"), self.tr("All"))):
            self.status_filter.setItemText(index, text)
        if self.operator_filter.count():
            self.operator_filter.setItemText(0, self.tr("All"))
        if self.round_filter.count():
            self.round_filter.setItemText(0, self.tr("All rounds"))
        self.clear_button.setText(self.tr("Clear filters"))
        self.open_button.setText(self.tr("Open / edit"))
        self.open_button.setToolTip(self.tr("Open the form in the entry view ({keys})").format(
            keys=key_text(CONFIRM)))
        self.history_button.setText(self.tr("History…"))
        self.delete_button.setText(self.tr("Delete…"))
        self.delete_button.setToolTip(self.tr("Delete the form, giving a reason ({keys})").format(
            keys=key_text(DELETE_FORM)))
        self._show_count()
        self._fit_columns()

    def _fit_columns(self) -> None:
        # Room for the values and for the column title in the chosen language.
        metrics = self.table.horizontalHeader().fontMetrics()
        for column, width in enumerate((80, 240, 90, 90, 140, 140, 70)):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            self.table.setColumnWidth(column, max(width, metrics.horizontalAdvance(title) + 28))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "model"):
            self._set_texts()  # widgets only: nothing here reads the database
            self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0,
                                              self.model.columnCount() - 1)
            self.table.viewport().update()  # status words are translated when painted
        super().changeEvent(event)

    # -- filtering -----------------------------------------------------------------------
    def reload_choices(self) -> None:
        """Fill the operator and round lists from the database and show the forms."""
        self._fill_choices()
        self.apply_filter()

    def _fill_choices(self) -> None:
        rounds = [(self.tr("All rounds"), "")] + [
            (round_.name, round_.uuid) for round_ in self.context.round_service().rounds()]
        _refill(self.round_filter, rounds)
        if self.operator_filter.count() == 0:
            _refill(self.operator_filter, [(self.tr("All"), "")])
        self.operator_filter.stale = True  # listed when the operator list is first used
        self._stale = False

    def _load_operators(self) -> None:
        names = self.context.records_service().operators()
        _refill(self.operator_filter, [(self.tr("All"), "")] + [(n, n) for n in names])

    def current_filter(self) -> RecordFilter:
        """The filter the widgets describe."""
        text = self.number_filter.text().strip()
        return RecordFilter(form_number=int(text) if text.isdigit() else None,
                            status=self.status_filter.currentData(),
                            operator=self.operator_filter.currentData() or "",
                            round_uuid=self.round_filter.currentData() or "")

    def apply_filter(self) -> None:
        """Show the forms matching the filter widgets."""
        self.model.set_filter(self.current_filter())

    def clear_filters(self) -> None:
        """Show every live form."""
        for widget in (self.number_filter, self.status_filter, self.operator_filter,
                       self.round_filter):
            widget.blockSignals(True)
        self.number_filter.clear()
        for combo in (self.status_filter, self.operator_filter, self.round_filter):
            combo.setCurrentIndex(0)
        for widget in (self.number_filter, self.status_filter, self.operator_filter,
                       self.round_filter):
            widget.blockSignals(False)
        self.apply_filter()

    def _forms_changed(self, _change: object = None) -> None:
        # Hidden, only note it: the lists and rows are read again when the view is shown.
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._stale:
            self.reload_choices()
        super().showEvent(event)

    def refresh(self) -> None:
        """Read the database again, keeping the filter."""
        self.model.refresh()

    def _show_count(self) -> None:
        count = self.model.rowCount()
        self.count_label.setText(self.tr("%Ln form(s)", "", count))

    # -- actions -------------------------------------------------------------------------
    def current_uuid(self) -> str | None:
        """The uuid of the selected form, if any."""
        index = self.table.currentIndex()
        row = self.model.record(index.row()) if index.isValid() else None
        return row.uuid if row else None

    def open_current(self) -> None:
        """Ask the main window to open the selected form in the entry view."""
        row = self.model.record(self.table.currentIndex().row())
        if row is None:
            return
        if row.status == "deleted":
            QMessageBox.information(self, self.tr("Deleted form"),
                                    self.tr("This form was deleted; it can no longer be "
                                            "edited. Its history is still available."))
            return
        self.open_requested.emit(row.uuid)

    def show_history(self) -> None:
        """The audit history of the selected form."""
        row = self.model.record(self.table.currentIndex().row())
        if row is not None:
            FormHistoryDialog(self.context.form_service_for(row.uuid), row.uuid, row.form_number,
                              self).exec()

    def delete_current(self) -> None:
        """Soft-delete the selected form after asking for a reason."""
        row = self.model.record(self.table.currentIndex().row())
        if row is None or row.status == "deleted":
            return
        reason = ReasonDialog.ask(
            self, self.tr("Delete form {n}").format(n=row.form_number),
            self.tr("The form stays in the database, marked as deleted, with your reason. "
                    "Why is form {n} being deleted?").format(n=row.form_number),
            self.tr("Delete"))
        if not reason:
            return
        try:
            self.context.form_service_for(row.uuid).delete(row.uuid, reason)
        except Exception as exc:  # noqa: BLE001 - a refusal, a full disk: one sentence
            show_error(self, self.tr("Not deleted"), exc, self.context.lang,
                       self.context.workspace.path)
            return
        # The workspace published the change: forms_changed refreshes this view.
