"""`RiskMap --selftest`: prove on this machine that the program works end to end.

Runs the real program, not a mock, in Spanish as in the field: the translations, the main
window, a new database, one paper form keyed through the real entry view with keyboard
events (QTest), saved with Ctrl+S and read back, an HQ key, an encrypted signed bundle
exported and imported into a second database, the two compared, every other view opened
(records, verification, progress, export, import, conflicts), the dashboard charts drawn
and saved, the report (CSV, XLSX, PDF), the analysts' data files (CSV, XLSX, Stata, SPSS,
read back), the About box. Each step prints one line ("ok" or "FAIL" and why); the exit
code is 0 only if every step held. A failed step stops the run, since the later steps
build on it.

It runs offscreen unless a Qt platform is already chosen (CI runs it once more under Xvfb
with QT_QPA_PLATFORM=xcb), in a temporary folder that is removed at the end: RISKMAP_HOME
and Qt's settings point there, so the user's data, device key and settings are untouched.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Callable

FORM_NUMBER = 17
SELFTEST_PASSPHRASE = "selftest passphrase, not a secret"
SELFTEST_PIN = "2468"
STEP_TIMEOUT_MS = 10_000


def _say(line: str) -> None:
    # A windowed Windows build has no stdout; the exit code still tells the result.
    if sys.stdout is not None:
        print(line, flush=True)


class SelfTest:
    """The steps, sharing what they made (paths, window, saved form) as attributes."""

    def __init__(self, root: Path):
        self.root = root
        self.field_db = root / "field.db"
        self.hq_db = root / "hq.db"
        self.outbox = root / "outbox"
        self.outbox.mkdir()
        self.app = None
        self.window = None
        self.context = None
        self.saved_uuid = ""
        self.answers: dict[str, str] = {}
        self.bundle: Path | None = None
        self.hq_keys = None

    def steps(self) -> list[tuple[str, Callable[[], str]]]:
        return [
            ("resources", self.resources),
            ("Qt application", self.qt_application),
            ("dashboard modules loaded on a worker", self.warm_up),
            ("Spanish translations", self.translations),
            ("Qt text services (ICU)", self.text_services),
            ("database and round", self.database),
            ("main window", self.main_window),
            ("key one form with the keyboard", self.key_form),
            ("saved form reads back", self.read_back),
            ("HQ key", self.hq_key),
            ("export bundle", self.export),
            ("import into a second database", self.import_bundle),
            ("compare field and HQ databases", self.compare),
            ("every view opens", self.views),
            ("dashboard charts", self.dashboard),
            ("report: CSV, XLSX, PDF", self.report),
            ("data files: CSV, XLSX, Stata, SPSS", self.data_files),
            ("About box", self.about),
        ]

    # -- steps ---------------------------------------------------------------------------
    def resources(self) -> str:
        from .build_info import read_build_info
        from .domain.questionnaire_loader import load_questionnaire
        from .resources import default_questionnaire_path, icons_dir
        from .domain.xlsform_import import load_questionnaire_file
        questionnaire = load_questionnaire(default_questionnaire_path())
        # The same instrument as an XLSForm: proves pyxform works inside the package.
        workbook = load_questionnaire_file(default_questionnaire_path().with_suffix(".xlsx"))
        if workbook.question_ids() != questionnaire.question_ids():
            raise AssertionError("the XLSForm of the default questionnaire imports to other "
                                 "questions")
        if not (icons_dir() / "riskmap.png").is_file():
            raise AssertionError(f"the icon is missing from {icons_dir()}")
        build = read_build_info()
        return (f"questionnaire {questionnaire.id} v{questionnaire.version} (JSON and "
                f"XLSForm), build {build['build_date']}")

    def qt_application(self) -> str:
        from PySide6.QtCore import QCoreApplication, QSettings, qInstallMessageHandler
        from PySide6.QtWidgets import QApplication
        qInstallMessageHandler(_quiet_platform_notes)
        QCoreApplication.setOrganizationName("RiskMap-selftest")
        QCoreApplication.setApplicationName("RiskMap-selftest")
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                          str(self.root / "settings"))
        self.app = QApplication.instance() or QApplication([sys.argv[0]])
        return f"platform {self.app.platformName()}"

    def translations(self) -> str:
        from PySide6.QtCore import QCoreApplication, QTranslator
        from .ui.translation import install_translator, qm_path, qt_translation_dirs
        if not install_translator(self.app, "es"):
            raise AssertionError(f"{qm_path('es')} did not load")
        entry = QCoreApplication.translate("MainWindow", "Entry")
        if entry == "Entry":
            raise AssertionError("the Spanish translation does not translate 'Entry'")
        # Where the program looks for Qt's own texts: beside ours (the package), then Qt's.
        qt_own = QTranslator()
        folders = [str(folder) for folder in qt_translation_dirs()]
        if not any(qt_own.load("qtbase_es", folder) for folder in folders):
            raise AssertionError(f"Qt's own Spanish translation is missing from {folders}")
        # Qt's own context and text, looked up in Qt's file (held in variables so that
        # lupdate does not take them for one of the program's strings).
        qt_context, qt_text = "QPlatformTheme", "Cancel"
        cancel = qt_own.translate(qt_context, qt_text)
        if cancel != "Cancelar":
            raise AssertionError(f"Qt's own Spanish file translates 'Cancel' as {cancel!r}")
        return f"'Entry' -> '{entry}', Qt's own 'Cancel' -> '{cancel}'"

    def text_services(self) -> str:
        from PySide6.QtCore import QCollator, QLocale
        words = ["oca", "ñu", "nube", "Árbol", "zorro", "abeja"]
        ordered = sorted(words, key=QCollator(QLocale("es")).sortKey)
        if ordered != ["abeja", "Árbol", "nube", "ñu", "oca", "zorro"]:
            raise AssertionError(f"Spanish collation gave {ordered}")
        upper = QLocale("es").toUpper("ñandú")
        if upper != "ÑANDÚ":
            raise AssertionError(f"upper case of 'ñandú' gave {upper!r}")
        return "Spanish sorting and case mapping"

    def warm_up(self) -> str:
        # As the window's start does while the passphrase is checked: the packaged
        # program must import pandas and pyqtgraph off the UI thread too.
        from .ui.background import BackgroundRunner
        from .ui.warm_up import WarmUp
        runner = BackgroundRunner()
        warm_up = WarmUp(runner)
        self._wait(lambda: warm_up.done, "the dashboard's modules did not load")
        runner.stop()
        if warm_up.failed is not None:
            raise AssertionError(f"the dashboard's modules did not load: {warm_up.failed!r}")
        return "pandas, numpy, pyqtgraph and the charts imported off the UI thread"

    def database(self) -> str:
        from .services import db_keys
        from .services.project import Project
        from .ui.app_context import AppContext
        from .ui.background import SynchronousRunner
        # Encrypted like every project: a key wrapped to the self-test's passphrase.
        self.passphrase_file = self.root / "passphrase.txt"
        self.passphrase_file.write_text(SELFTEST_PASSPHRASE + "\n", encoding="utf-8")
        db_keys.create_keys(self.field_db, SELFTEST_PASSPHRASE)
        db_keys.create_keys(self.hq_db, SELFTEST_PASSPHRASE)
        project = Project.open(self.field_db)
        if not project.encrypted or db_keys.is_plaintext(self.field_db):
            raise AssertionError("the project database is not encrypted")
        round_ = project.create_round("Selftest", institution="Selftest", place="Selftest",
                                      target_count=10, form_min=1, form_max=100)
        key = project.device_key  # inside the encrypted project, never in the user folder
        # The first sign-in makes the supervisor; signing in checks the PIN's scrypt hash
        # (cryptography's Scrypt must be in the package).
        from .services.operator_service import OperatorService
        OperatorService(project.db).create_first_supervisor("SELFTEST", SELFTEST_PIN)
        operator = OperatorService(project.db).sign_in("selftest", SELFTEST_PIN)
        self.context = AppContext(project, lang="es", runner=SynchronousRunner())
        self.context.sign_in(operator)
        self.context.set_round(round_.uuid)
        return (f"{self.field_db.name} (SQLCipher), device {key.device_id}, signed in as "
                f"{operator.name} ({operator.role})")

    def main_window(self) -> str:
        from PySide6.QtCore import QSettings
        from PySide6.QtTest import QTest
        from .ui.main_window import MainWindow
        settings = QSettings(str(self.root / "settings" / "window.ini"),
                             QSettings.Format.IniFormat)
        self.window = MainWindow(self.context, settings)
        self.window.resize(1366, 768)
        self.window.show()
        if not QTest.qWaitForWindowExposed(self.window, STEP_TIMEOUT_MS):
            raise AssertionError("the main window was not shown")
        # Keys go where the focus is, and only an active window has the focus; on X11
        # without a window manager (Xvfb) activation is asked for explicitly.
        self.window.raise_()
        self.window.activateWindow()
        if not QTest.qWaitForWindowActive(self.window, STEP_TIMEOUT_MS):
            raise AssertionError("the main window did not become the active window")
        self.window.show_page("entry")
        view = self.window.entry_view
        self._wait(lambda: self.window.focusWidget() is view.number,
                   "the cursor is not on the form number")
        return f"{self.window.width()}x{self.window.height()}, entry view ready"

    def key_form(self) -> str:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        from .domain.demo_forms import generate_forms
        view = self.window.entry_view
        questionnaire = self.context.project.questionnaire
        self.answers = next(dict(form.answers) for form in generate_forms(questionnaire, 20,
                                                                           seed=7))
        saved: list = []
        view.form_saved.connect(saved.append)
        keys = self._type_answer("form_number", str(FORM_NUMBER))
        visited = 0
        for _guard in range(len(questionnaire.questions()) + 1):
            qid = view.form.current_question()
            if qid is None:
                break
            last = qid == view.form.applicable_ids()[-1]
            keys += self._type_answer(f"answer_{qid}", self.answers.get(qid, ""))
            visited += 1
            if last:
                break
        QTest.keyClick(self.window.focusWidget(), Qt.Key.Key_S,
                       Qt.KeyboardModifier.ControlModifier)
        self._wait(lambda: bool(saved), "Ctrl+S did not save the form: "
                   + view.number_message.text())
        self.saved_uuid = saved[0].uuid
        return f"form {FORM_NUMBER}: {visited} questions, {keys} keys, saved with Ctrl+S"

    def read_back(self) -> str:
        from .storage import response_store
        stored = response_store.get_form(self.context.project.db.conn, self.saved_uuid)
        if stored is None:
            raise AssertionError("the saved form is not in the database")
        expected = {qid: value for qid, value in self.answers.items() if value != ""}
        if stored.answers != expected:
            different = sorted(set(stored.answers.items()) ^ set(expected.items()))[:4]
            raise AssertionError(f"answers differ from what was typed: {different}")
        if stored.response.form_number != FORM_NUMBER or stored.response.status != "entered":
            raise AssertionError(f"form {stored.response.form_number} has status "
                                 f"{stored.response.status}")
        return f"{len(stored.answers)} answers as typed, status {stored.response.status}"

    def hq_key(self) -> str:
        from .services.keys_service import hq_init
        self.hq_keys = hq_init(self.root / "hq-keys")
        return self.hq_keys.recipient[:16] + "…"

    def export(self) -> str:
        from .services.export_service import export_bundle
        result = export_bundle(self.field_db, self.context.device_key,
                               [self.hq_keys.recipient], self.outbox, full=True)
        self.bundle = result.path
        if result.forms != 1:
            raise AssertionError(f"the bundle holds {result.forms} forms, not 1")
        return f"{result.path.name} ({result.path.stat().st_size} bytes)"

    def import_bundle(self) -> str:
        from .services.device_service import trust_device
        from .services.import_service import import_bundles
        from .services.workspace import open_database
        # HQ refuses a laptop it has not enrolled; then enrols its fingerprint and imports.
        report = import_bundles(self.hq_db, self.hq_keys.identity_path, [self.bundle])
        if report.bundles[0].refusal != "unknown_device":
            raise AssertionError(f"an unenrolled laptop was not refused: {report.bundles[0]}")
        hq_db = open_database(self.hq_db)
        try:
            trust_device(hq_db, self.context.device_key.fingerprint, "selftest laptop")
        finally:
            hq_db.close()
        report = import_bundles(self.hq_db, self.hq_keys.identity_path, [self.bundle])
        bundle = report.bundles[0]
        if bundle.status != "imported" or bundle.new != 1:
            raise AssertionError(f"import {bundle.status}: {bundle.message}")
        # The same bundle through the checking process a large bundle gets (a spawned
        # child of this program: it must start and import its modules when packaged).
        split_db = self.root / "hq-split.db"
        hq_db = open_database(split_db)
        try:
            trust_device(hq_db, self.context.device_key.fingerprint, "selftest laptop")
        finally:
            hq_db.close()
        split = import_bundles(split_db, self.hq_keys.identity_path, [self.bundle],
                               split_min_forms=0).bundles[0]
        if (split.status, split.new) != (bundle.status, bundle.new):
            raise AssertionError(f"import in the checking process {split.status}: "
                                 f"{split.message}")
        return (f"{bundle.new} new form, device {bundle.device_id} (enrolled first); "
                "the same through the checking process")

    def compare(self) -> str:
        from .storage import response_store
        from .services.workspace import open_database
        field = response_store.get_form(self.context.project.db.conn, self.saved_uuid)
        hq_db = open_database(self.hq_db)
        try:
            hq = response_store.get_form(hq_db.conn, self.saved_uuid)
        finally:
            hq_db.close()
        if hq is None:
            raise AssertionError("the form is not in the HQ database")
        if hq.answers != field.answers:
            raise AssertionError("the HQ copy has other answers than the field copy")
        for name in ("form_number", "status", "operator", "device", "revision"):
            if getattr(hq.response, name) != getattr(field.response, name):
                raise AssertionError(f"{name} differs: {getattr(hq.response, name)!r} at HQ, "
                                     f"{getattr(field.response, name)!r} in the field")
        return f"form {hq.response.form_number}: {len(hq.answers)} answers identical"

    def views(self) -> str:
        # A view whose module fails to import (something left out of the package) is
        # replaced by a message page, not an exception: check each view's class.
        expected = {"records": "RecordsView", "verification": "VerificationView",
                    "progress": "ProgressView"}
        opened = []
        for key, name in expected.items():
            self.window.show_page(key)
            opened.append(self._check_view(self.window.pages[key], name))
        self.window.show_page("exchange")
        tabs = self.window.pages["exchange"]
        for index, name in enumerate(("ExportView", "ImportView", "ConflictsView")):
            tabs.setCurrentIndex(index)
            opened.append(self._check_view(tabs.widget(index), name))
        records = self.window.pages["records"].model.rowCount()
        if records != 1:
            raise AssertionError(f"the records view lists {records} forms, not 1")
        self.window.show_page("entry")
        return ", ".join(opened) + f"; {records} form listed"

    def dashboard(self) -> str:
        import importlib
        importlib.import_module("desktop.ui.dashboard_view")  # an ImportError says what lacks
        self.window.show_page("dashboard")
        view = self.window.pages["dashboard"]
        charts = getattr(view, "charts", None)
        if charts is None:
            raise AssertionError("the dashboard is not available in this build")
        self._wait(lambda: view.data is not None, "the dashboard did not load the forms")
        pngs = charts.save_png(self.root / "charts")
        svgs = charts.save_svg(self.root / "charts")
        empty = [p.name for p in pngs + svgs if not p.is_file() or p.stat().st_size == 0]
        if empty:
            raise AssertionError(f"empty chart files: {empty}")
        self.window.show_page("entry")
        return f"{len(pngs)} PNG and {len(svgs)} SVG charts saved"

    def report(self) -> str:
        from .cli import main as cli_main
        out = self.root / "report"
        code = cli_main(["report", "--db", str(self.field_db), "--out", str(out),
                         "--passphrase-file", str(self.passphrase_file)])
        if code != 0:
            raise AssertionError(f"riskmap report exited with {code}")
        pdf, xlsx = out / "report.pdf", out / "scores.xlsx"
        if not pdf.read_bytes().startswith(b"%PDF") or not xlsx.read_bytes().startswith(b"PK"):
            raise AssertionError("the PDF or the Excel file is not valid")
        return f"{len(list(out.iterdir()))} files, PDF {pdf.stat().st_size} bytes"

    def data_files(self) -> str:
        import csv

        import openpyxl
        import pyreadstat
        from .cli import main as cli_main
        out = self.root / "data"
        # k=1: one form cannot meet the project's minimum group size; the guard still runs.
        code = cli_main(["data", "--db", str(self.field_db), "--out", str(out), "--k", "1",
                         "--format", "csv,xlsx,dta,sav",
                         "--passphrase-file", str(self.passphrase_file)])
        if code != 0:
            raise AssertionError(f"riskmap data exited with {code}")
        stem = out / "riskmap-data-all-es"
        with open(stem.with_suffix(".csv"), encoding="utf-8-sig", newline="") as csv_file:
            csv_rows = sum(1 for _row in csv.reader(csv_file)) - 1
        book = openpyxl.load_workbook(stem.with_suffix(".xlsx"), read_only=True)
        xlsx_rows = sum(1 for _row in book["data"].iter_rows()) - 1
        book.close()
        dta, dta_meta = pyreadstat.read_dta(str(stem.with_suffix(".dta")))
        sav, sav_meta = pyreadstat.read_sav(str(stem.with_suffix(".sav")))
        counts = {"csv": csv_rows, "xlsx": xlsx_rows, "dta": len(dta), "sav": len(sav)}
        if set(counts.values()) != {1}:
            raise AssertionError(f"rows per file: {counts} (1 form was keyed)")
        if not dta_meta.variable_value_labels or not sav_meta.variable_value_labels:
            raise AssertionError("the Stata or SPSS file has no value labels")
        return (f"1 row in each file, {len(sav_meta.column_names)} variables, value labels "
                "read back from .dta and .sav")

    def about(self) -> str:
        from .ui.about_dialog import AboutDialog
        key = self.context.device_key
        dialog = AboutDialog(key.device_id, key.fingerprint, self.window)
        text = dialog.details_text()
        dialog.deleteLater()
        from . import __version__
        for part in (__version__, key.fingerprint, key.device_id):
            if part not in text:
                raise AssertionError(f"the About box does not show {part!r}")
        return "version, build date, Python/Qt versions and fingerprint shown"

    # -- helpers -------------------------------------------------------------------------
    @staticmethod
    def _check_view(widget, name: str) -> str:
        if type(widget).__name__ != name:
            text = widget.text() if hasattr(widget, "text") else type(widget).__name__
            raise AssertionError(f"{name} did not open: {text}")
        return name

    def _type_answer(self, expected: str, text: str) -> int:
        """Type `text` into the focused box (which must be `expected`), then Enter."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        widget = self.window.focusWidget()
        if widget is None or widget.objectName() != expected:
            name = widget.objectName() if widget is not None else "nothing"
            raise AssertionError(f"the cursor is on {name}, expected {expected}")
        if text:
            QTest.keyClicks(widget, text)
        QTest.keyClick(widget, Qt.Key.Key_Return)
        return len(text) + 1

    def _wait(self, condition: Callable[[], bool], failure: str) -> None:
        from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop
        deadline = QDeadlineTimer(STEP_TIMEOUT_MS)
        while not condition():
            if deadline.hasExpired():
                raise AssertionError(failure)
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)

    def close(self) -> None:
        if self.window is not None:
            # hide(), not close(): after a failed step the entry view may hold typing, and
            # close() would ask about it in a modal box nobody can answer.
            self.window.hide()
            self.window.deleteLater()
            # Delete it now, while the application and pyqtgraph still exist: left to the
            # interpreter's exit, its charts were torn down after them (a crash 1 run in 3).
            from PySide6.QtCore import QCoreApplication, QEvent
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            self.window = None
        if self.context is not None:
            self.context.project.close()


def _quiet_platform_notes(_kind, _context, text: str) -> None:
    # The offscreen and Xvfb platforms say "This plugin does not support raise()" and the
    # like; that is expected here and would only bury the step lines.
    if "This plugin does not support" not in text:
        print(text, file=sys.stderr)


def run_selftest() -> int:
    """Run every step, print one line each; 0 if all held, 1 otherwise."""
    from . import APP_NAME, __version__
    if not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    root = Path(tempfile.mkdtemp(prefix="riskmap-selftest-"))
    os.environ["RISKMAP_HOME"] = str(root / "home")
    _say(f"{APP_NAME} {__version__} self-test "
         f"({'packaged' if getattr(sys, 'frozen', False) else 'source'}, "
         f"platform {os.environ['QT_QPA_PLATFORM']})")
    test = SelfTest(root)
    started = time.perf_counter()
    failed = None
    try:
        for number, (name, step) in enumerate(test.steps(), start=1):
            begun = time.perf_counter()
            try:
                detail = step()
            except Exception as exc:  # noqa: BLE001 - every failure is reported as a step
                failed = name
                _say(f"[FAIL] {number:2d} {name}: {exc}")
                if not isinstance(exc, AssertionError):
                    _say(traceback.format_exc().rstrip())
                break
            _say(f"[ ok ] {number:2d} {name}: {detail} "
                 f"({(time.perf_counter() - begun) * 1000:.0f} ms)")
    finally:
        test.close()
        shutil.rmtree(root, ignore_errors=True)
    total = time.perf_counter() - started
    if failed:
        _say(f"self-test FAILED at '{failed}' after {total:.1f} s")
        return 1
    _say(f"self-test passed: {len(test.steps())} steps in {total:.1f} s")
    return 0
