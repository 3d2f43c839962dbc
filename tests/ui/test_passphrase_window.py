"""The window's side of encryption: the passphrase asked at opening (a wrong one gets one
sentence and another try), chosen twice for a new project, a plaintext project converted
only after a yes, and Settings > Change passphrase."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.services import db_keys
from desktop.services.workspace import Workspace
from desktop.storage.database import forget_key
from desktop.ui import project_opener
from desktop.ui.passphrase_dialog import CREATE, UNLOCK, PassphraseDialog
from desktop.ui.settings_dialog import SettingsDialog

GOOD = "a team passphrase for tests"


@pytest.fixture
def encrypted_path(tmp_path):
    path = tmp_path / "field.db"
    db_keys.create_keys(path, GOOD)
    Workspace.open(path).close()
    forget_key(path)
    return path


def test_wrong_passphrase_gets_one_sentence_and_another_try(qtbot, encrypted_path,
                                                            typed_passphrase):
    typed_passphrase.type("not it at all", GOOD)
    workspace = project_opener.open_project(None, encrypted_path)
    assert workspace is not None and workspace.encrypted
    assert typed_passphrase.shown == [
        (UNLOCK, "This passphrase does not open the project; check it and try again."),
        (UNLOCK, "")]
    workspace.close()


def test_cancelled_unlock_opens_nothing(qtbot, encrypted_path, typed_passphrase):
    typed_passphrase.type("still wrong")
    assert project_opener.open_project(None, encrypted_path) is None


def test_new_project_asks_for_a_strong_passphrase(qtbot, tmp_path, typed_passphrase):
    typed_passphrase.type("short", GOOD)
    workspace = project_opener.open_project(None, tmp_path / "new.db")
    assert [mode for mode, _ in typed_passphrase.shown] == [CREATE, CREATE]
    assert "too easy to guess" in typed_passphrase.shown[0][1]
    assert workspace.encrypted and db_keys.keys_path(tmp_path / "new.db").exists()
    workspace.close()


def test_create_dialog_refuses_two_different_passphrases(qtbot):
    dialog = PassphraseDialog(CREATE, "x.db")
    qtbot.addWidget(dialog)
    dialog.first.setText(GOOD)
    dialog.second.setText(GOOD + "!")
    dialog._accept()
    assert "differ" in dialog.message.text() and not dialog.result()
    assert "Strength: strong" in dialog.hint.text()  # five words
    dialog.first.setText("tablecloth1")
    assert "Strength: fair" in dialog.hint.text()
    dialog.first.setText("aaaa")
    assert "Strength: weak" in dialog.hint.text()
    dialog.first.setText("four random words, mixed: Tuna Lamp 77!")
    assert "Strength: strong" in dialog.hint.text()


def test_plaintext_project_converted_after_a_yes(qtbot, tmp_path, typed_passphrase,
                                                 monkeypatch):
    path = tmp_path / "old.db"
    Workspace.open(path).close()
    told = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    typed_passphrase.type(GOOD)
    workspace = project_opener.open_project(None, path)
    assert workspace.encrypted and not db_keys.is_plaintext(path)
    assert "still readable" in told[0]
    workspace.close()


def test_plaintext_project_kept_after_a_no(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    Workspace.open(path).close()
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.No)
    workspace = project_opener.open_project(None, path)
    assert not workspace.encrypted and db_keys.is_plaintext(path)
    workspace.close()


def test_settings_change_passphrase_rewraps(qtbot, encrypted_path, typed_passphrase,
                                            settings):
    from desktop.ui.app_context import AppContext
    db_keys.unlock(encrypted_path, GOOD)
    context = AppContext(Workspace.open(encrypted_path))
    dialog = SettingsDialog(context, settings)
    qtbot.addWidget(dialog)
    assert dialog.passphrase_button.isEnabled() and dialog.passphrase_note.isHidden()
    typed_passphrase.type("the new team passphrase")
    dialog.change_passphrase()
    assert "was changed" in dialog.passphrase_note.text()
    assert not dialog.passphrase_note.isHidden()
    with pytest.raises(db_keys.WrongPassphrase):
        db_keys.unlock(encrypted_path, GOOD)
    db_keys.unlock(encrypted_path, "the new team passphrase")
    context.project.close()


def test_enter_after_the_first_passphrase_moves_on_without_a_complaint(qtbot):
    dialog = PassphraseDialog(CREATE, "x.db")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.first.setFocus()
    qtbot.keyClicks(dialog.first, GOOD)
    qtbot.keyClick(dialog.first, Qt.Key.Key_Return)
    assert dialog.message.text() == "" and not dialog.result()
    assert dialog.focusWidget() is dialog.second
    qtbot.keyClicks(dialog.second, GOOD)
    qtbot.keyClick(dialog.second, Qt.Key.Key_Return)
    assert dialog.result() and dialog.passphrase() == GOOD


def test_unlocking_says_it_is_checking_and_takes_no_keys_meanwhile(qtbot):
    seen = []

    def attempt(text):
        seen.append((text, dialog.message.text(), dialog.isEnabled()))
        return "This passphrase does not open the project; check it and try again."

    dialog = PassphraseDialog(UNLOCK, "x.db", attempt)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.first.setFocus()
    qtbot.keyClicks(dialog.first, "wrong one")
    qtbot.keyClick(dialog.first, Qt.Key.Key_Return)
    assert seen == [("wrong one", "Checking the passphrase…", False)]
    assert dialog.isEnabled() and dialog.message.text().startswith("This passphrase does not")
    assert dialog.first.selectedText() == "wrong one" and not dialog.result()


def test_an_encrypted_project_without_its_key_file_is_not_taken_for_a_new_one(
        qtbot, encrypted_path, typed_passphrase):
    """The .db copied without its .keys file: the window must not make a new key file for
    it (as for a new project) and then fail; it says the key file is missing, and the
    folder is as it was."""
    from desktop.storage.database import DatabaseError
    db_keys.keys_path(encrypted_path).unlink()
    before = sorted(p.name for p in encrypted_path.parent.iterdir())
    data = encrypted_path.read_bytes()
    typed_passphrase.type(GOOD, GOOD)
    with pytest.raises(DatabaseError) as caught:
        project_opener.open_project(None, encrypted_path)
    assert caught.value.key == "db_keys_not_beside"
    assert typed_passphrase.shown == []
    assert sorted(p.name for p in encrypted_path.parent.iterdir()) == before
    assert encrypted_path.read_bytes() == data


def test_a_damaged_key_file_is_said_in_the_window_language(qtbot, encrypted_path,
                                                            typed_passphrase):
    from desktop.ui.translation import install_translator
    from PySide6.QtCore import QCoreApplication
    db_keys.keys_path(encrypted_path).write_text('{"x": 1}')
    install_translator(QCoreApplication.instance(), "es")
    typed_passphrase.type(GOOD)
    assert project_opener.open_project(None, encrypted_path) is None
    assert typed_passphrase.shown[0][1].startswith(
        f"{db_keys.keys_path(encrypted_path)} no es un archivo de claves de RiskMap")
