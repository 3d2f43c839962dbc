"""`ExportView`: send the project to headquarters as an encrypted, signed bundle.

Shows who the bundle is encrypted to, incremental (what changed since the last export) or
full, the output folder (a USB stick, say), progress with Cancel, and the ledger of
earlier exports and imports. The export runs through `context.runner`, on its own
database connection, so the window stays responsive.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QButtonGroup, QFileDialog, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QProgressBar, QPushButton, QRadioButton,
                               QSizePolicy, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
                               QHeaderView)

from ..bundle.errors import BundleError
from ..services import export_service, keys_service
from ..services.export_service import ExportRefused, ExportResult
from .app_context import AppContext
from .background import Cancelled, Progress
from .lazy_view import LazyView
from .message_styles import ERROR_STYLE
from .recipients_dialog import RecipientsDialog
from .shown_text import shown
from .user_errors import error_sentence


class ExportView(LazyView):
    """Export a bundle for headquarters."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self._progress: Progress | None = None
        self.last_result: ExportResult | None = None
        self._saved_shown = False  # the status line says what last_result wrote

        self.recipients_label = QLabel()
        self.recipients_label.setWordWrap(True)
        self.recipients_button = QPushButton()
        self.recipients_button.clicked.connect(self.edit_recipients)
        to_row = QHBoxLayout()
        to_row.addWidget(self.recipients_label, 1)
        to_row.addWidget(self.recipients_button)

        self.incremental = QRadioButton()
        self.full = QRadioButton()
        self.incremental.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.incremental)
        group.addButton(self.full)

        self.folder = QLineEdit()
        self.choose_button = QPushButton()
        self.choose_button.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.choose_button)

        self.export_button = QPushButton()
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)
        self.cancel_button = QPushButton()
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress_bar = QProgressBar()
        self.progress_bar.setVisible(False)
        run_row = QHBoxLayout()
        for button in (self.export_button, self.cancel_button):
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            run_row.addWidget(button)
        run_row.addWidget(self.progress_bar, 1)
        run_row.addStretch(0)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.box = QGroupBox()
        box_layout = QVBoxLayout(self.box)
        box_layout.addLayout(to_row)
        box_layout.addWidget(self.incremental)
        box_layout.addWidget(self.full)
        box_layout.addLayout(folder_row)
        box_layout.addLayout(run_row)
        box_layout.addWidget(self.status)

        self.ledger = QTableWidget(0, 6)
        # The header sizes the columns itself: resizeColumnsToContents() after a refresh
        # shrank the stretched File column too, leaving a grey gap beside the header.
        ledger_header = self.ledger.horizontalHeader()
        ledger_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        ledger_header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.ledger.verticalHeader().setVisible(False)
        self.ledger.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.ledger_title = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.box)
        layout.addWidget(self.ledger_title)
        layout.addWidget(self.ledger, 1)

        # settings_changed: the language, or the recipients (the dialog emits it).
        context.settings_changed.connect(self.language_changed)
        context.project_changed.connect(self.forms_changed)
        context.forms_changed.connect(self.forms_changed)
        self.retranslate()

    # -- state ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        """Every text in the current language, then the figures."""
        self.recipients_button.setText(self.tr("Recipients..."))
        self.incremental.setText(self.tr("Only what changed since the last export"))
        self.full.setText(self.tr("Everything (full export)"))
        self.folder.setPlaceholderText(self.tr("Folder for the bundle, e.g. a USB stick"))
        self.choose_button.setText(self.tr("Choose folder..."))
        self.export_button.setText(self.tr("Export bundle"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.box.setTitle(self.tr("New bundle"))
        self.ledger_title.setText(self.tr("Ledger of bundles sent and received"))
        self.ledger.setHorizontalHeaderLabels([
            self.tr("Direction"), self.tr("Device"), self.tr("No."), self.tr("Created (UTC)"),
            self.tr("Forms"), self.tr("File")])
        if self._saved_shown and self.last_result is not None:
            self._show_saved(self.last_result)  # not left in the language it was said in
        self.refresh()

    def refresh_figures(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Recipients summary and ledger from the project."""
        recipients = keys_service.stored_recipients(self.context.project)
        if recipients:
            keys = ", ".join(r[:12] + "..." + r[-6:] for r in recipients)
            self.recipients_label.setText(
                self.tr("Encrypted to %n recipient(s): {keys}", "",
                        len(recipients)).format(keys=keys))
        else:
            self.recipients_label.setText(self.tr("No recipient yet: add the public key "
                                                  "headquarters sent you."))
        rows = export_service.ledger_rows(self.context.project)
        self.ledger.setRowCount(len(rows))
        for index, row in enumerate(rows):
            direction = self.tr("Sent") if row["direction"] == "export" else self.tr("Received")
            sequence = str(row["sequence"])
            branch = row["direction"] == "import" and row["report"].get("branch_from")
            if branch:  # a restored copy's bundle numbered again: never unseen
                sequence = self.tr("{n} (another copy)").format(n=sequence)
            values = (direction, row["device_id"], sequence,
                      row["created"][:19].replace("T", " "),
                      str(row["counts"].get("forms", "")), row["file_name"])
            for column, value in enumerate(values):
                item = QTableWidgetItem(shown(value))
                if branch:
                    item.setToolTip(self.tr(
                        "Bundle {n} numbered twice: this one came from another copy of the "
                        "project (such as a backup restored after a loss) whose audit log "
                        "branches from HQ's; the forms and audit rows of both copies are "
                        "kept").format(n=row["sequence"]))
                self.ledger.setItem(index, column, item)

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the bundle"),
                                                  self.folder.text())
        if folder:
            self.folder.setText(folder)

    def edit_recipients(self) -> None:
        dialog = RecipientsDialog(self.context, self)
        if dialog.exec():
            self.refresh()

    # -- export --------------------------------------------------------------------------
    def start_export(self) -> None:
        """Run the export in the background with progress and Cancel."""
        recipients = keys_service.stored_recipients(self.context.project)
        folder = self.folder.text().strip()
        locator = self.context.workspace.locator
        if not recipients:
            self._show(self.tr("No recipient is set; click Recipients... and add the key "
                               "headquarters sent you."), error=True)
            return
        if not folder or not Path(folder).is_dir():
            self._show(self.tr("Choose an existing folder for the bundle."), error=True)
            return
        if locator.path is None:
            self._show(self.tr("This project is not saved in a file, so it cannot be "
                               "exported."), error=True)
            return
        key, full = self.context.device_key, self.full.isChecked()

        def task(progress: Progress) -> ExportResult:
            return export_service.export_bundle(locator, key, recipients, folder, full,
                                                progress)

        self._set_running(True)
        self._show(self.tr("Exporting..."))
        self._progress = self.context.runner.run(task, self._finished, self._failed,
                                                 self._progressed)

    def cancel(self) -> None:
        if self._progress is not None:
            self._progress.cancelled = True

    def _progressed(self, done: int, total: int) -> None:
        self.progress_bar.setMaximum(max(total, 1))
        self.progress_bar.setValue(done)

    def _finished(self, result: ExportResult) -> None:
        self._set_running(False)
        self.last_result = result
        self._show_saved(result)
        self.refresh()

    def _show_saved(self, result: ExportResult) -> None:
        """What the last export wrote, in the current language."""
        if result.parts > 1:
            self._show(self.tr("Saved {count} files, a series of {count} parts (send them "
                               "all): {forms}, {audit} (bundles {first} to "
                               "{last}); the first is {file}.").format(
                count=result.parts, forms=self._forms(result.forms),
                audit=self._audit_rows(result.audit),
                first=result.manifests[0].sequence, last=result.manifests[-1].sequence,
                file=result.path.name))
        else:
            self._show(self.tr("Saved {file}: {forms}, {audit} (bundle number {n}).").format(
                file=result.path.name, forms=self._forms(result.forms),
                audit=self._audit_rows(result.audit), n=result.manifest.sequence))
        self._saved_shown = True

    def _forms(self, count: int) -> str:
        return self.tr("%Ln form(s)", "", count)

    def _audit_rows(self, count: int) -> str:
        return self.tr("%Ln audit row(s)", "", count)

    def _failed(self, error: BaseException) -> None:
        self._set_running(False)
        if isinstance(error, Cancelled):
            self._show(self.tr("Export cancelled; no bundle was written."))
        elif isinstance(error, (ExportRefused, BundleError)):
            self._show(error_sentence(error, self.context.lang), error=True)
        else:  # a full disk, a read-only folder: its own sentence says what to do
            self._show(error_sentence(error, self.context.lang, self.context.workspace.path,
                                      unexpected=self.tr(
                                          "The export failed; nothing was recorded. Details "
                                          "are in the log file.")), error=True)

    def _set_running(self, running: bool) -> None:
        self.export_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.progress_bar.setVisible(running)
        if not running:
            self._progress = None

    def _show(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet(ERROR_STYLE if error else "")
        self.status.setText(text)
        self._saved_shown = False  # another message: a language switch leaves it
