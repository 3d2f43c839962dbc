"""`ImportView`: headquarters imports bundles from the field into the open database.

Pick the HQ identity file (the age key) and one or more bundles; the import runs off the
UI thread through `context.runner` and shows its report: per bundle the device, forms
new / updated / unchanged / conflicting, gaps in the sequence, where the bundle's
questionnaire differs from HQ's, or the plain sentence saying why a bundle was refused.

A bundle from a laptop HQ has not enrolled is refused with its fingerprint; "Enrol
device..." asks the analyst to confirm that the fingerprint matches the one the laptop
shows (read over the phone), enrols it, and imports again.

A bundle whose device sent forms into a round another device brought is held
(services/round_origin.py); "Allow in round..." asks the analyst whether both laptops key
that round (one team), records that decision (audited) and imports again. A bundle held
because two copies of one laptop's project are in use gets "Keep this copy..."
(ui/held_copies.py).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QFileDialog, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QListWidget, QMessageBox, QProgressBar, QPushButton,
                               QSizePolicy, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ..domain.number_ranges import runs_text
from ..domain.phrase import said
from ..services import bundle_series
from ..services.device_service import DeviceRefused
from ..services.import_report import BundleReport, ImportReport
from ..services.import_service import import_bundles
from ..services.operator_service import OperatorRefused
from ..services.round_origin import RoundAllowRefused
from .held_copies import HeldCopies, held_copies
from .held_rounds import FOREIGN_ROUND, HeldRounds, held_in_rounds
from .app_context import AppContext
from .background import Progress
from .lazy_view import LazyView
from .message_styles import ERROR_COLOR, ERROR_STYLE
from .shown_text import shown, shown_lines
from .user_errors import error_sentence


class ImportView(LazyView):
    """Import bundles and show the import report."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.report: ImportReport | None = None
        self._summary_shown = False  # the status line says what self.report holds

        self.identity = QLineEdit()
        self.pick_identity = QPushButton()
        self.pick_identity.clicked.connect(self._choose_identity)
        identity_row = QHBoxLayout()
        identity_row.addWidget(self.identity, 1)
        identity_row.addWidget(self.pick_identity)

        self.bundles = QListWidget()
        self.bundles.setMaximumHeight(110)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self._choose_bundles)
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self.bundles.clear)
        self.import_button = QPushButton()
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start_import)
        self.enrol_button = QPushButton()
        self.enrol_button.setVisible(False)
        self.enrol_button.clicked.connect(lambda: self.enrol_unknown())
        self.allow_button = QPushButton()
        self.allow_button.setVisible(False)
        self.allow_button.clicked.connect(lambda: self.allow_held())
        self.held_rounds = HeldRounds(self)  # its sentences and question
        self.keep_button = QPushButton()
        self.keep_button.setVisible(False)
        self.keep_button.clicked.connect(lambda: self.keep_held())
        self.held_copies = HeldCopies(self)
        self.progress_bar = QProgressBar()
        self.progress_bar.setVisible(False)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.clear_button, self.import_button,
                       self.enrol_button, self.allow_button, self.keep_button):
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            buttons.addWidget(button)
        buttons.addWidget(self.progress_bar, 1)
        buttons.addStretch(0)
        self.status = QLabel()
        self.status.setWordWrap(True)

        self.box = QGroupBox()
        box_layout = QVBoxLayout(self.box)
        box_layout.addLayout(identity_row)
        box_layout.addWidget(self.bundles)
        box_layout.addLayout(buttons)
        box_layout.addWidget(self.status)

        self.table = QTableWidget(0, 9)
        self.table.horizontalHeader().setSectionResizeMode(8, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        # A row grows with its notes whenever the columns' widths change (the window is
        # resized, the notes column stretches after a report): a held bundle's note ends
        # with what to do, and a row sized once, before the stretch, cut that part off.
        self.table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.report_title = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.box)
        layout.addWidget(self.report_title)
        layout.addWidget(self.table, 1)
        context.settings_changed.connect(self.language_changed)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the current language (the report too)."""
        self.identity.setPlaceholderText(self.tr("Headquarters key file (hq-identity.txt)"))
        self.pick_identity.setText(self.tr("Choose key..."))
        self.add_button.setText(self.tr("Add bundles..."))
        self.clear_button.setText(self.tr("Clear list"))
        self.import_button.setText(self.tr("Import"))
        self.enrol_button.setText(self.tr("Enrol device..."))
        self.allow_button.setText(self.tr("Allow in round..."))
        self.keep_button.setText(self.tr("Keep this copy..."))
        self.box.setTitle(self.tr("Import bundles from the field"))
        self.report_title.setText(self.tr("Import report"))
        self.table.setHorizontalHeaderLabels([
            self.tr("Bundle"), self.tr("Result"), self.tr("Device"), self.tr("No."),
            self.tr("New"), self.tr("Updated"), self.tr("Unchanged"), self.tr("Conflicts"),
            self.tr("Notes")])
        if self.report is not None:
            self.show_report(self.report)
            if self._summary_shown:  # the line under the buttons too, not only the table
                self._show_summary(self.report)

    def add_bundles(self, paths: list[str | Path]) -> None:
        for path in paths:
            self.bundles.addItem(str(path))

    def bundle_paths(self) -> list[str]:
        return [self.bundles.item(i).text() for i in range(self.bundles.count())]

    def listed_bundle(self, file_name: str) -> str | None:
        """The listed path of the bundle file called `file_name` (None if not listed)."""
        return next((p for p in self.bundle_paths() if Path(p).name == file_name), None)

    def identity_file(self) -> str:
        """The headquarters key file as typed or chosen."""
        return self.identity.text().strip()

    def _choose_identity(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Headquarters key file"), "",
                                              self.tr("Key files (*.txt *.key);;All files (*)"))
        if path:
            self.identity.setText(path)

    def _choose_bundles(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Bundles"), "",
                                                self.tr("Bundles (*.zip.age *.age);;"
                                                        "All files (*)"))
        self.add_bundles(paths)

    def start_import(self) -> None:
        """Import the listed bundles into the open database, in the background."""
        identity, bundles = self.identity_file(), self.bundle_paths()
        locator = self.context.workspace.locator
        if not identity or not Path(identity).is_file():
            self.show_status(self.tr("Choose the headquarters key file first."), error=True)
            return
        if not bundles:
            self.show_status(self.tr("Add one or more bundle files to import."), error=True)
            return
        if locator.path is None:
            self.show_status(self.tr("Open a project saved in a file before importing."),
                             error=True)
            return
        operator = self.context.operator or "import"

        def task(progress: Progress) -> ImportReport:
            return import_bundles(locator, identity, bundles, operator=operator,
                                  device=self.context.device_key.device_id, progress=progress)

        self.import_button.setEnabled(False)
        self.progress_bar.setVisible(True)
        self.show_status(self.tr("Importing..."))
        self.context.runner.run(task, self._finished, self.show_failure, self._progressed)

    def unknown_devices(self) -> list[BundleReport]:
        """One refused bundle per unknown device of the last report (fingerprint shown)."""
        found: dict[str, BundleReport] = {}
        for bundle in (self.report.bundles if self.report else []):
            if bundle.refusal == "unknown_device" and bundle.fingerprint:
                found.setdefault(bundle.fingerprint, bundle)
        return list(found.values())

    def enrol_unknown(self, confirm=None) -> int:
        """Ask, device by device, whether the fingerprint matches the laptop's; enrol those
        confirmed and import the list again. `confirm(bundle) -> bool` replaces the
        question (tests). Returns how many devices were enrolled."""
        return self._decide_each(
            self.unknown_devices(), confirm or self._confirm_enrolment,
            lambda bundle: self.context.workspace.trust_device(
                bundle.fingerprint, bundle.device_id,
                operator=self.context.operator or "analyst"),
            (DeviceRefused, OperatorRefused))  # enrolling: supervisors only

    def held_in_rounds(self) -> list[BundleReport]:
        """The last report's bundles held for writing into another device's round."""
        return held_in_rounds(self.report)

    def allow_held(self, confirm=None) -> int:
        """Ask, round by round, whether the held bundle's device keys that round too; allow
        those confirmed (audited) and import the list again. `confirm(bundle) -> bool`
        replaces the question (tests). Returns how many were allowed."""
        return self._decide_each(
            self.held_in_rounds(), confirm or self.held_rounds.confirm,
            lambda bundle: self.context.workspace.allow_in_round(
                bundle.device_id, bundle.held_round, "allowed in the Import view",
                operator=self.context.operator or "analyst"),
            (RoundAllowRefused, OperatorRefused))  # supervisors only

    def keep_held(self, confirm=None) -> None:
        """Keep the copy that made the last report's first bundle held for two copies in
        use, after saying what that does and asking (`confirm(choice) -> bool` replaces
        the question in tests); then import the list again."""
        held = held_copies(self.report)
        if held:
            try:
                self.held_copies.keep(held[0], confirm)
            except OperatorRefused as exc:  # supervisors only
                self.show_status(exc.in_language(self.context.lang), error=True)

    def _decide_each(self, bundles: list[BundleReport], ask, act, refusals) -> int:
        """`act(bundle)` for each of `bundles` that `ask(bundle)` confirms, then the list
        imported again if any was done; a refusal is shown and ends the round of
        questions (nothing imported again). Returns how many were done."""
        done = 0
        for bundle in bundles:
            if not ask(bundle):
                continue
            try:
                act(bundle)
            except refusals as exc:
                self.show_status(exc.in_language(self.context.lang), error=True)
                return done
            done += 1
        if done:
            self.start_import()
        return done

    def _confirm_enrolment(self, bundle: BundleReport) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Enrol device"),
            self.tr("Device {device} signed this bundle with the key whose fingerprint is:"
                    "\n\n{fp}\n\nCompare it group by group with the fingerprint the laptop "
                    "shows (Help > About, or `riskmap keys device --db PROJECT`), read to you "
                    "by someone you trust. Enrol the device only if every group matches: its "
                    "bundles will then be imported.").format(device=shown(bundle.device_id),
                                                            fp=bundle.fingerprint),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _progressed(self, done: int, total: int) -> None:
        self.progress_bar.setMaximum(max(total, 1))
        self.progress_bar.setValue(done)

    def _finished(self, report: ImportReport) -> None:
        self._done()
        self.report = report
        self.show_report(report)
        unknown = self.unknown_devices()
        self.enrol_button.setVisible(bool(unknown))
        self.allow_button.setVisible(bool(self.held_in_rounds()))
        self.keep_button.setVisible(bool(held_copies(report)))
        self._show_summary(report)
        if any(b.status == "imported" for b in report.bundles):
            self.context.workspace.publish(None)  # many forms changed

    def _show_summary(self, report: ImportReport) -> None:
        """The line under the buttons: bundles and forms imported, devices to enrol,
        bundles held, series parts missing, conflicts waiting; in the current language."""
        imported = [b for b in report.bundles if b.status == "imported"]
        said = [self.tr("Bundles imported: {ok} of {n}. Forms: {new}, {updated}, "
                        "{conflicts}.").format(
            ok=len(imported), n=len(report.bundles),
            new=self.tr("%n new", "", report.total("new")),
            updated=self.tr("%n updated", "", report.total("updated")),
            conflicts=self.tr("%n conflicting", "", report.total("conflicting")))]
        unknown, held, copies = self.unknown_devices(), self.held_in_rounds(), \
            held_copies(report)
        if unknown:
            said.append(self.tr(
                "%n device(s) are not enrolled: compare the fingerprint in the report with "
                "the laptop's, then choose Enrol device...", "", len(unknown)))
        if held:
            said.append(self.held_rounds.summary(len(held)))
        if copies:
            said.append(self.held_copies.summary(copies))
        # A part sent again says where its series is; a large export's parts still missing.
        said += [shown(s) for s in bundle_series.workspace_status(
            self.context.workspace, self.context.lang,
            [b.bundle_uuid for b in report.bundles if b.bundle_uuid])]
        waiting = self.context.workspace.conflict_service(self.context.actor).count_open()
        if waiting:
            said.append(self.tr(
                "%n conflict(s) wait for a decision in the Conflicts tab.", "", waiting))
        self.show_status(" ".join(said), error=bool(report.refused))
        self._summary_shown = True

    def show_failure(self, error: BaseException) -> None:
        """A background task failed: its sentence in red, the Import button usable again."""
        self._done()
        unexpected = self.tr("The import failed and the database was not changed. "
                             "Details are in the log file.")
        self.show_status(error_sentence(error, self.context.lang, self.context.workspace.path,
                                        unexpected=unexpected), error=True)

    def _done(self) -> None:
        self.import_button.setEnabled(True)
        self.progress_bar.setVisible(False)

    def show_report(self, report: ImportReport) -> None:
        """One row per bundle."""
        self.table.setRowCount(len(report.bundles))
        for row, bundle in enumerate(report.bundles):
            values = (bundle.file_name, self._result_text(bundle), bundle.device_id,
                      str(bundle.sequence or ""), str(bundle.new), str(bundle.updated),
                      str(bundle.unchanged), str(bundle.conflicting), self._notes(bundle))
            for column, value in enumerate(values):
                value = shown_lines(value)  # device ids, file names, round names from the field
                item = QTableWidgetItem(value)
                if bundle.status in ("refused", "held"):
                    item.setForeground(QColor(ERROR_COLOR))
                elif column == 7 and bundle.conflicting:
                    item.setForeground(QColor("#b06000"))
                if column in (4, 5, 6, 7):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                item.setToolTip(value)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        # File names are long; the notes (why refused, pinned key, gaps) matter more.
        self.table.setColumnWidth(0, min(self.table.columnWidth(0), 230))
        self.table.horizontalHeader().setSectionResizeMode(8, QHeaderView.ResizeMode.Stretch)

    def _result_text(self, bundle: BundleReport) -> str:
        return {"imported": self.tr("Imported"), "replay": self.tr("Already imported"),
                "refused": self.tr("Refused"), "held": self.tr("Held")}[bundle.status]

    def _notes(self, bundle: BundleReport) -> str:
        notes = []
        if bundle.refusal == "unknown_device" and bundle.fingerprint:
            # The catalogue's sentence names the command; here the window's button does it.
            notes.append(self.tr(
                "Device {device} with fingerprint {fp} is not enrolled, so nothing was "
                "imported: compare the fingerprint with the laptop's, then choose Enrol "
                "device...").format(device=bundle.device_id, fp=bundle.fingerprint))
        elif bundle.refusal in FOREIGN_ROUND and bundle.held_round:
            # The catalogue's sentence names the command; here the window's button does it.
            notes.append(self.held_rounds.note(bundle))
        elif bundle.status != "imported":
            notes.append(bundle.message_in(self.context.lang))
            if bundle.another_copy:
                notes.append(self.held_copies.note())
        if bundle.newly_pinned:
            notes.append(self.tr("First bundle of enrolled device {fp}").format(
                fp=bundle.fingerprint))
        if bundle.questionnaire_differences:
            notes.append(self.tr("Its questionnaire differs from the project's (the "
                                 "project's labels and bands are kept): {what}").format(
                what="; ".join(said(difference, self.context.lang)
                               for difference in bundle.questionnaire_differences)))
        if bundle.branch_from:
            notes.append(self.tr(
                "Bundle {n} numbered twice: this one comes from another copy of the project "
                "(such as a backup restored after a loss) whose audit log branches from "
                "HQ's; the forms and audit rows of both copies are kept, and a form keyed "
                "in both shows as a conflict").format(n=bundle.sequence))
        for name, kept_as in bundle.rounds_again:
            notes.append(self.tr(
                "Round {name} was made again in this copy (kept as {kept_as}): a paper form "
                "keyed in both rounds counts twice until the analyst deletes one of "
                "them").format(name=name, kept_as=kept_as))
        if bundle.gaps:
            missing = sum(last - first + 1 for first, last in bundle.gaps)
            notes.append(self.tr("Missing %n earlier bundle(s) from this device: {gaps}", "",
                                 missing).format(gaps=runs_text(bundle.gaps)))
        if bundle.rounds_added:
            notes.append(self.tr("%n new round(s): {names}", "",
                                 len(bundle.rounds_added)).format(
                names=", ".join(bundle.rounds_added)))
        return "\n".join(notes)

    def show_status(self, text: str, error: bool = False) -> None:
        """The line under the buttons says `text` (in red for an `error`)."""
        self.status.setStyleSheet(ERROR_STYLE if error else "")
        self.status.setText(text)
        self._summary_shown = False  # another message: a language switch leaves it
