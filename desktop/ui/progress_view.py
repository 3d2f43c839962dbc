"""Progress and quality: the paper ledger per round and the per-operator figures.

The ledger compares the form numbers expected on paper with those entered and verified
and lists the missing ones compactly, so the team lead can pull the right sheets from the
pile. The operator table shows, per first keyer and day, the forms keyed, keystrokes per
hour and discrepancies per 1,000 fields (the first keyer's error rate found by
verification). Both refresh from the context's signals.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (QAbstractItemView, QGroupBox, QHeaderView, QLabel,
                               QProgressBar, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QGridLayout, QWidget)

from ..services.progress_service import (Ledger, OperatorDay, ProgressService, read_progress,
                                         read_progress_file)
from .app_context import AppContext
from .lazy_view import LazyView
from .message_styles import NOTICE_STYLE
from .shown_text import shown
from .user_errors import error_sentence

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _table(columns: int, name: str) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setObjectName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    header.setMinimumSectionSize(90)
    return table


class ProgressView(LazyView):
    """Paper ledger per round and operator productivity and error rates per day."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.ledgers: list[Ledger] = []
        self.days: list[OperatorDay] = []
        self.ledger_box = QGroupBox()
        self.ledger_table = _table(8, "ledgerTable")
        self.entered_label = QLabel()
        self.entered_bar = QProgressBar()
        self.entered_bar.setObjectName("enteredBar")
        self.verified_label = QLabel()
        self.verified_bar = QProgressBar()
        self.verified_bar.setObjectName("verifiedBar")
        self.missing_title = QLabel()
        self.missing_title.setStyleSheet("font-weight: bold;")
        self.missing_text = QLabel()
        self.missing_text.setObjectName("missingNumbers")
        self.missing_text.setWordWrap(True)
        self.missing_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                                  | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.outside_text = QLabel()
        self.outside_text.setWordWrap(True)
        self.outside_text.setStyleSheet(NOTICE_STYLE)
        bars = QGridLayout()
        bars.addWidget(self.entered_label, 0, 0)
        bars.addWidget(self.entered_bar, 0, 1)
        bars.addWidget(self.verified_label, 1, 0)
        bars.addWidget(self.verified_bar, 1, 1)
        bars.setColumnStretch(1, 1)
        ledger_layout = QVBoxLayout(self.ledger_box)
        ledger_layout.addWidget(self.ledger_table)
        ledger_layout.addLayout(bars)
        ledger_layout.addWidget(self.missing_title)
        ledger_layout.addWidget(self.missing_text)
        ledger_layout.addWidget(self.outside_text)

        self.operator_box = QGroupBox()
        self.operator_table = _table(7, "operatorTable")
        self.operator_note = QLabel()
        self.operator_note.setWordWrap(True)
        self.operator_note.setStyleSheet("color: #444;")
        operator_layout = QVBoxLayout(self.operator_box)
        operator_layout.addWidget(self.operator_table, 1)
        operator_layout.addWidget(self.operator_note)

        for box in (self.ledger_box, self.operator_box):
            box.setStyleSheet("QGroupBox { font-weight: bold; } "
                              "QGroupBox * { font-weight: normal; }")
        layout = QVBoxLayout(self)
        layout.addWidget(self.ledger_box)
        layout.addWidget(self.operator_box, 1)
        self.ledger_table.currentCellChanged.connect(lambda *_: self._show_selected())
        context.project_changed.connect(self.refresh)
        context.forms_changed.connect(self.forms_changed)
        context.round_changed.connect(self._select_context_round)
        context.settings_changed.connect(self.language_changed)
        self.retranslate()

    # -- texts ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        """All texts in the current language, then the figures again."""
        self.ledger_box.setTitle(self.tr("Paper ledger"))
        self.operator_box.setTitle(self.tr("Operators per day"))
        self.ledger_table.setHorizontalHeaderLabels([
            self.tr("Round"), self.tr("Form\nnumbers"), self.tr("Expected"),
            self.tr("Entered"), self.tr("Verified"), self.tr("Drafts"), self.tr("Missing"),
            self.tr("Sample\nverified")])
        self.operator_table.setHorizontalHeaderLabels([
            self.tr("Operator"), self.tr("Day"), self.tr("Forms"),
            self.tr("Keystrokes\nper hour"), self.tr("Forms\nverified"),
            self.tr("Fields\nverified"), self.tr("Discrepancies\nper 1,000 fields")])
        self.entered_label.setText(self.tr("Entered"))
        self.verified_label.setText(self.tr("Sample verified"))
        self.operator_note.setText(self.tr(
            "Discrepancies per 1,000 fields is the first keyer's error rate found by "
            "verification: the differences where the paper agreed with the second keying "
            "or with a corrected value, per 1,000 fields compared. Days are those of the "
            "first keying (UTC)."))
        self.refresh()

    # -- figures -------------------------------------------------------------------------
    def refresh_figures(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Read the ledger of every round off the UI thread (100k forms take most of a
        second), then refill the tables; the view opens at once with the last figures."""
        keep = self._selected_round() or self.context.round_uuid
        path = self.context.workspace.path
        locator = self.context.workspace.locator  # path and key, for the worker's own connection
        self._generation = getattr(self, "_generation", 0) + 1
        generation = self._generation
        if path is None:  # an in-memory project cannot be opened twice: read it here
            self._figures_read(generation, keep, read_progress(self.context.project, keep))
            return
        self.missing_title.setText(self.tr("Reading the forms…"))
        self.context.runner.run(
            lambda _progress: read_progress_file(locator, keep),
            lambda result: self._figures_read(generation, keep, result),
            lambda exc: self.missing_title.setText(self.tr(
                "The forms could not be read: {error}").format(
                    error=error_sentence(exc, self.context.lang, path))))

    def _figures_read(self, generation: int, keep: str | None, result) -> None:
        if generation != getattr(self, "_generation", 0):
            return  # a newer refresh is on its way
        self.ledgers, self.samples, days = result
        self._days = {keep: days}
        table = self.ledger_table
        table.blockSignals(True)
        table.setRowCount(len(self.ledgers))
        for row, ledger in enumerate(self.ledgers):
            done, sampled = self.samples[ledger.round_uuid]
            span = (f"{ledger.first}–{ledger.last}" if ledger.first is not None
                    else self.tr("not set"))
            cells = [shown(ledger.round_name), span, self._int(ledger.expected),
                     self._int(ledger.entered), self._int(ledger.verified),
                     self._int(ledger.drafts), self._int(ledger.missing_count),
                     f"{self._int(done)} / {self._int(sampled)}"]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column >= 2:
                    item.setTextAlignment(_RIGHT)
                table.setItem(row, column, item)
        table.blockSignals(False)
        rows = min(max(len(self.ledgers), 1), 5)
        table.setFixedHeight(table.horizontalHeader().sizeHint().height() + 6
                             + rows * table.verticalHeader().defaultSectionSize())
        index = next((i for i, ledger in enumerate(self.ledgers)
                      if ledger.round_uuid == keep), len(self.ledgers) - 1)
        if index >= 0:
            table.selectRow(index)
        self._show_selected()

    def _show_selected(self) -> None:
        round_uuid = self._selected_round()
        ledger = next((item for item in self.ledgers if item.round_uuid == round_uuid), None)
        if ledger is None:
            self.missing_title.setText(self.tr("No collection round yet."))
            for widget in (self.missing_text, self.outside_text):
                widget.setText("")
            self._fill_operators([])
            return
        expected = max(ledger.expected, 1)
        self.entered_bar.setRange(0, expected)
        self.entered_bar.setValue(min(ledger.entered, expected))
        self.entered_bar.setFormat(self.tr("{done} of %Ln form(s) ({share}%)", "",
                                           int(ledger.expected)).format(
            done=self._int(ledger.entered),
            share=self._int(entered_share(ledger.entered, ledger.expected))))
        done, sampled = self.samples.get(round_uuid, (0, 0))
        self.verified_bar.setRange(0, max(sampled, 1))
        self.verified_bar.setValue(done)
        self.verified_bar.setFormat(self.tr("{done} of %Ln sampled form(s) verified", "",
                                            int(sampled)).format(done=self._int(done)))
        if len(ledger.missing) == ledger.missing_count:
            title = self.tr("Missing form numbers in {round} ({count}):").format(
                round=shown(ledger.round_name), count=self._int(len(ledger.missing)))
        else:
            # More numbers than forms (a range wider than the target): say both.
            title = self.tr("{round}: %Ln form(s) of the target still to key; form "
                            "numbers not keyed ({numbers}, some unused):", "",
                            int(ledger.missing_count)).format(
                round=shown(ledger.round_name), numbers=self._int(len(ledger.missing)))
        self.missing_title.setText(title)
        self.missing_text.setText(ledger.missing_text or self.tr("None: every paper form "
                                                                 "is keyed."))
        self.outside_text.setText(self.tr("Keyed numbers outside the expected range: {numbers}")
                                  .format(numbers=ledger.outside_text) if ledger.outside
                                  else "")
        self.outside_text.setVisible(bool(ledger.outside))
        days = getattr(self, "_days", {})
        if round_uuid not in days:  # another round chosen: a small read of its own
            days[round_uuid] = self.context.workspace.progress_service().operator_days(
                round_uuid)
        self._fill_operators(days[round_uuid])

    def _fill_operators(self, days: list[OperatorDay]) -> None:
        self.days = days
        table = self.operator_table
        table.setRowCount(len(days))
        for row, day in enumerate(days):
            rate = day.errors_per_1000
            speed = day.keystrokes_per_hour
            cells = [shown(day.operator), day.day, self._int(day.forms),
                     self._int(round(speed)) if speed is not None else "—",
                     self._int(day.forms_verified), self._int(day.fields_compared),
                     self._number(rate) if rate is not None else "—"]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column >= 2:
                    item.setTextAlignment(_RIGHT)
                if column == 6 and rate is not None:
                    item.setToolTip(self.tr("%n error(s) in {fields} fields", "",
                                            int(day.errors)).format(fields=day.fields_compared))
                table.setItem(row, column, item)

    # -- helpers -------------------------------------------------------------------------
    def _selected_round(self) -> str | None:
        row = self.ledger_table.currentRow()
        return self.ledgers[row].round_uuid if 0 <= row < len(self.ledgers) else None

    def _select_context_round(self) -> None:
        for row, ledger in enumerate(self.ledgers):
            if ledger.round_uuid == self.context.round_uuid:
                self.ledger_table.selectRow(row)
                return
        self.refresh()

    def _locale(self) -> QLocale:
        return QLocale(QLocale.Language.Spanish, QLocale.Country.LatinAmerica) \
            if self.context.lang == "es" else QLocale(QLocale.Language.English)

    def _int(self, value: int) -> str:
        return self._locale().toString(int(value))

    def _number(self, value: float) -> str:
        return self._locale().toString(float(value), "f", 1)


def entered_share(entered: int, expected: int) -> int:
    """The whole per cent of the target keyed, rounded down: 415 of 416 forms is 99%, not
    the 100% that says the round is done while a paper form still waits."""
    return 100 * entered // max(expected, 1)
