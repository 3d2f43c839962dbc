"""Self-test steps 6-9: a field laptop. An encrypted project with a round and a signed-in
supervisor, the main window, one paper form keyed with keyboard events and saved with
Ctrl+S, and the saved form read back from the database."""

from __future__ import annotations

from .state import (FORM_NUMBER, SELFTEST_PASSPHRASE, SELFTEST_PIN, STEP_TIMEOUT_MS,
                    SelfTestState)


class FieldSteps(SelfTestState):
    """The steps of this module; they share what they made through the state."""

    def database(self) -> str:
        from ..services import db_keys
        from ..services.project import Project
        from ..ui.app_context import AppContext
        from ..ui.background import SynchronousRunner
        # Encrypted like every project: a key wrapped to the self-test's passphrase.
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
        from ..services.operator_service import OperatorService
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
        from ..ui.main_window import MainWindow
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
        from ..domain.demo_forms import generate_forms
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
        from ..storage import response_store
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
