"""`DataDialog` (File > Data for analysts...): write the labelled CSV, XLSX, Stata and SPSS
files of the open project, protected by the re-identification guard.

The choices are the formats, the labels' language, one round or all, k (the project's
minimum group size by default) and whether to add free-text answers. The work runs through
`context.runner` on its own connection (`services.data_export.export_data`). The window
always writes with the guard on (a k below the project's minimum group size only for a
supervisor, as `riskmap data --k`): an unprotected file is for supervisors, from the command
line (`riskmap data --no-guard`), audited.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QHBoxLayout, QLabel, QLineEdit, QProgressBar,
                               QPushButton, QSpinBox, QVBoxLayout, QWidget)

from ..services.data_export import DataRefused, DataRequest, DataResult, export_data
from ..services.data_files import FORMATS
from .app_context import AppContext
from .shown_text import shown
from .user_errors import error_sentence
from .wrapped_label import set_wrapped_text


class DataDialog(QDialog):
    """Choose what to write, then write it in the background."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.result: DataResult | None = None
        self.setWindowTitle(self.tr("Data for analysts"))
        intro = QLabel(self.tr(
            "One row per entered or verified form, with labels, for Excel, Stata, SPSS and "
            "R. Profile answers are suppressed where fewer than k forms share them, so no "
            "respondent can be singled out; a disclosure report is written beside the "
            "files."))
        intro.setWordWrap(True)

        names = {"csv": self.tr("CSV (with label columns)"), "xlsx": self.tr("Excel (.xlsx)"),
                 "dta": self.tr("Stata (.dta)"), "sav": self.tr("SPSS (.sav)")}
        self.format_boxes: dict[str, QCheckBox] = {}
        formats = QHBoxLayout()
        for fmt in FORMATS:
            box = QCheckBox(names[fmt])
            box.setChecked(True)
            box.toggled.connect(self._update_button)
            self.format_boxes[fmt] = box
            formats.addWidget(box)
        formats.addStretch(1)

        self.language = QComboBox()
        self.language.addItem("Español", "es")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(context.lang)))
        self.round = QComboBox()
        self.round.addItem(self.tr("All rounds"), "")
        for round_ in context.round_service().rounds():
            self.round.addItem(shown(round_.name), round_.name)
        self.k = QSpinBox()
        minimum = context.project.min_group_size
        # A k below the project's minimum group size protects less than the project
        # promises (k = 1, nothing): a supervisor's decision, as on the command line
        # (`riskmap data --k`); anybody may ask for more protection.
        lowest = 1 if context.may_change_settings() else minimum
        self.k.setRange(max(1, min(lowest, minimum)), 1000)
        self.k.setValue(minimum)
        self.k.setMaximumWidth(110)
        tip = self.tr("Each combination of profile answers must be shared by at least this "
                      "many forms (the minimum group size).")
        if lowest > 1:
            tip += " " + self.tr("Only a supervisor may choose less than the project's "
                                 "minimum, {k}.").format(k=minimum)
        self.k.setToolTip(tip)
        self.include_text = QCheckBox(self.tr("Add free-text answers (they can name people; "
                                              "read them before sharing)"))
        self.folder = QLineEdit()
        choose = QPushButton(self.tr("Choose…"))
        choose.clicked.connect(self._choose_folder)
        self.folder.textChanged.connect(self._update_button)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(choose)

        form = QFormLayout()
        form.addRow(self.tr("Formats"), formats)
        form.addRow(self.tr("Labels in"), self.language)
        form.addRow(self.tr("Round"), self.round)
        form.addRow(self.tr("k (fewest forms per profile)"), self.k)
        form.addRow("", self.include_text)
        form.addRow(self.tr("Folder"), folder_row)

        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.write_button = self.buttons.addButton(self.tr("Write files"),
                                                   QDialogButtonBox.ButtonRole.ActionRole)
        self.write_button.setDefault(True)
        self.write_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.resize(640, self.sizeHint().height())
        self._update_button()

    def request(self) -> DataRequest:
        """What the dialog asks for."""
        return DataRequest(
            formats=tuple(fmt for fmt, box in self.format_boxes.items() if box.isChecked()),
            round_name=self.round.currentData() or "", lang=self.language.currentData(),
            k=self.k.value(), include_text=self.include_text.isChecked())

    def _update_button(self) -> None:
        self.write_button.setEnabled(bool(self.request().formats)
                                     and bool(self.folder.text().strip()))

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the data files"),
                                                  self.folder.text())
        if folder:
            self.folder.setText(folder)

    def start(self) -> None:
        """Write the files in the background."""
        path, locator = self.context.workspace.path, self.context.workspace.locator
        if path is None:
            set_wrapped_text(self.summary, self.tr("Save the project to a file first."))
            return
        request, out = self.request(), Path(self.folder.text().strip())
        self.write_button.setEnabled(False)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        set_wrapped_text(self.summary, self.tr("Writing…"))
        self.context.runner.run(lambda progress: export_data(locator, out, request,
                                                             progress=progress),
                                self._finished, self._failed, self._progressed)

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _finished(self, result: DataResult) -> None:
        self.result = result
        self.progress.setVisible(False)
        self._update_button()
        report = result.report
        set_wrapped_text(self.summary, self.tr(
            "Wrote {files} for {forms} in {folder}. {suppressed}; combinations shared by a "
            "single form: {before} before, {after} after. The disclosure report is "
            "{report}.").format(
            files=", ".join(p.name for p in result.files),
            forms=self.tr("%Ln form(s)", "", result.rows),
            folder=result.report_path.parent,
            suppressed=self.tr("%Ln profile value(s) were suppressed", "",
                               report.total_suppressed),
            before=report.unique_before, after=report.unique_after,
            report=result.report_path.name))

    def _failed(self, exc: BaseException) -> None:
        self.progress.setVisible(False)
        self._update_button()
        if isinstance(exc, DataRefused) and exc.kind == "too_few":
            set_wrapped_text(self.summary, self.tr(
                "Only %n form(s) match, fewer than k = {k}: a row-level file could name the "
                "respondents, so nothing was written.", "",
                int(exc.values["n"])).format(k=exc.values["k"]))
        elif isinstance(exc, DataRefused) and exc.kind == "folder":
            set_wrapped_text(self.summary, self.tr("The folder is a file; choose a folder."))
        elif isinstance(exc, DataRefused):
            set_wrapped_text(self.summary, exc.in_language(self.context.lang))
        else:  # a full disk, a read-only folder: its own sentence says what to do
            set_wrapped_text(self.summary, error_sentence(
                exc, self.context.lang, unexpected=self.tr(
                    "The files could not be written; the details are in the log file.")))
