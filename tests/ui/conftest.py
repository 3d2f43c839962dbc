"""Fixtures for the widget tests: an application context on a fresh project with a round,
a synchronous background runner, a scratch QSettings file, and the main window shown at
1366x768 (`window`, or `shown_main_window` for another context)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog

from desktop.ui.app_context import AppContext
from desktop.ui.background import SynchronousRunner
from tests.ui.window_helpers import shown_main_window


@pytest.fixture
def context(project, round_uuid):
    ctx = AppContext(project, operator="AM", lang="es",
                     runner=SynchronousRunner())
    ctx.set_round(round_uuid)
    return ctx


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture(autouse=True)
def english_baseline(qapp):
    """Every widget test starts in English (the source language): a test elsewhere that
    installs the Spanish translator and does not remove it must not change these."""
    from desktop.ui.translation import install_translator
    install_translator(qapp, "en")
    yield


@pytest.fixture
def view(qtbot, context):
    """An entry view on screen with the cursor on the form number, ready for keys."""
    from desktop.ui.entry_view import EntryView
    widget = EntryView(context)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.focus_form_number()
    qtbot.waitUntil(lambda: widget.number.hasFocus())
    return widget



TEST_PASSPHRASE = "a team passphrase for tests"


@pytest.fixture
def typed_passphrase(monkeypatch):
    """Passphrase dialogs answer by themselves: each one types the next passphrase of the
    list (twice when it asks twice) and presses OK; what they showed is kept in `shown`."""
    from desktop.ui import passphrase_dialog

    class Typist:
        queue: list[str] = []
        shown: list[tuple[str, str]] = []

        def type(self, *passphrases: str) -> "Typist":
            self.queue.extend(passphrases)
            return self

    typist = Typist()

    def fake_exec(dialog):
        while typist.queue:
            text = typist.queue.pop(0)
            dialog.first.setText(text)
            dialog.second.setText(text)
            dialog._accept()
            typist.shown.append((dialog.mode, dialog.message.text()))
            if dialog.result() == passphrase_dialog.QDialog.DialogCode.Accepted:
                return dialog.result()
        return passphrase_dialog.QDialog.DialogCode.Rejected

    monkeypatch.setattr(passphrase_dialog.PassphraseDialog, "exec", fake_exec)
    return typist


@pytest.fixture
def window(qtbot, context, settings):
    with shown_main_window(qtbot, context, settings) as win:
        yield win


UI_TEST_PIN = "1234"


@pytest.fixture(autouse=True)
def signing_in(monkeypatch):
    """Operator sign-in dialogs answer by themselves: each one tries the (name, PIN) pairs
    queued with `sign_as` (by default 'AM' with UI_TEST_PIN, which also creates AM as the
    first supervisor of a project without operators); what they said is kept in `shown`."""
    from desktop.ui import operator_dialog

    class Signer:
        queue: list[tuple[str, str]] = []
        shown: list[tuple[bool, str]] = []

        def sign_as(self, *pairs: tuple[str, str]) -> "Signer":
            self.queue.extend(pairs)
            return self

    signer = Signer()

    def fake_exec(dialog):
        attempts = list(signer.queue) or [("AM", UI_TEST_PIN)]
        signer.queue.clear()
        for name, pin in attempts:
            dialog.name.setCurrentText(name)
            dialog.pin.setText(pin)
            dialog.pin_again.setText(pin)
            dialog._accept()
            signer.shown.append((dialog.first, dialog.message.text()))
            if dialog.result() == QDialog.DialogCode.Accepted:
                return dialog.result()
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(operator_dialog.OperatorDialog, "exec", fake_exec)
    return signer
