"""File > Print blank forms: choose the round (its questionnaire version), the language and,
optionally, a range of form numbers to pre-print; the A4 PDF is written off the UI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QHBoxLayout, QLabel, QMessageBox, QSpinBox,
                               QVBoxLayout, QWidget)

from ..services.print_service import PrintPlan, PrintRefused, print_plan
from .app_context import AppContext
from .message_styles import error_label
from .user_errors import error_sentence


class PrintFormDialog(QDialog):
    """Choose what to print; `print_to(path)` writes it and reports through `done`."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Print blank forms"))
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.round = QComboBox()
        self.round.addItem(self.tr("The project's questionnaire"), "")
        for round_ in context.project.rounds():
            self.round.addItem(round_.name, round_.name)
        current = context.current_round()
        if current is not None:
            self.round.setCurrentIndex(self.round.findData(current.name))
        self.lang = QComboBox()
        self.lang.addItem("Español", "es")
        self.lang.addItem("English", "en")
        self.lang.setCurrentIndex(self.lang.findData(context.lang))
        self.numbered = QCheckBox(self.tr("Pre-print form numbers (one form per number)"))
        self.first, self.last = QSpinBox(), QSpinBox()
        for spin in (self.first, self.last):
            spin.setRange(0, 10**9)
        numbers = QHBoxLayout()
        numbers.addWidget(self.first)
        numbers.addWidget(QLabel(self.tr("to")))
        numbers.addWidget(self.last)
        numbers.addStretch(1)
        form.addRow(self.tr("Round"), self.round)
        form.addRow(self.tr("Language"), self.lang)
        form.addRow(self.numbered)
        form.addRow(self.tr("Form numbers"), numbers)
        layout.addLayout(form)
        self.message = error_label()
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Print to PDF…"))
        buttons.accepted.connect(self.choose_file)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.numbered.toggled.connect(self._numbers_changed)
        self.round.currentIndexChanged.connect(self._round_changed)
        self._round_changed()
        self._numbers_changed()

    def _round_changed(self) -> None:
        name = self.round.currentData()
        round_ = next((r for r in self.context.project.rounds() if r.name == name), None)
        self.first.setValue(round_.form_min or 1 if round_ else 1)
        self.last.setValue(round_.form_max or 50 if round_ else 50)

    def _numbers_changed(self) -> None:
        self.first.setEnabled(self.numbered.isChecked())
        self.last.setEnabled(self.numbered.isChecked())

    def plan(self) -> PrintPlan | None:
        """What the choices print, or None (with the reason shown)."""
        first = self.first.value() if self.numbered.isChecked() else None
        last = self.last.value() if self.numbered.isChecked() else None
        try:
            return print_plan(self.context.project, self.round.currentData(), first, last)
        except PrintRefused:
            self.message.setText(self.tr("Check the form numbers: the first must not be "
                                         "above the last, both inside the round's range, "
                                         "and at most 10,000 forms at once."))
            return None

    def choose_file(self) -> None:
        if self.plan() is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save blank forms"),
                                              self.tr("forms.pdf"), self.tr("PDF (*.pdf)"))
        if path:
            self.print_to(Path(path))

    def print_to(self, path: Path) -> None:
        """Write the PDF off the UI thread; the dialog closes when it is saved."""
        plan = self.plan()
        if plan is None:
            return
        from ..charts.paper_form_pdf import PaperFormSpec, write_paper_form_pdf
        spec = PaperFormSpec(plan.questionnaire, self.lang.currentData(), plan.round_name,
                             plan.numbers)
        self.setEnabled(False)
        self.context.runner.run(lambda progress: write_paper_form_pdf(spec, path),
                                lambda _result: self.accept(), self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.setEnabled(True)
        QMessageBox.warning(self, self.tr("Print blank forms"),
                            error_sentence(exc, self.context.lang, unexpected=self.tr(
                                "The file could not be written; the details are in the log "
                                "file.")))
