"""Opening a project in the window: the passphrase for an encrypted one, a new passphrase
(twice) for a new one, and the offer to encrypt a plaintext one made by an older version.

`open_project` returns the open workspace, or None when the person cancelled. A
passphrase given by the caller (the demo project's, stated on screen) is tried first.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from ..services import db_keys
from ..services.workspace import Workspace
from .passphrase_dialog import CREATE, UNLOCK, PassphraseDialog


def open_project(parent: QWidget | None, path: str | Path,
                 passphrase: str | None = None) -> Workspace | None:
    """Unlock (or create, or convert) and open the project at `path`."""
    path = Path(path)
    if db_keys.is_plaintext(path):
        Workspace.open(path, read_only=True).close()  # refuses another program's file
        if not _convert(parent, path):
            return Workspace.open(path)  # the person chose to keep it plaintext for now
    elif db_keys.is_encrypted(path):
        if not _unlock(parent, path, passphrase):
            return None
    elif path.exists() and path.stat().st_size > 0:
        # Neither plaintext nor beside a key file: an encrypted project copied without its
        # key file, or not a project at all. The opening says which; no key is made for it.
        return Workspace.open(path)
    else:  # a new project
        if passphrase is None:
            dialog = PassphraseDialog(CREATE, path.name, parent=parent)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            passphrase = dialog.passphrase()
        db_keys.keys_path(path).unlink(missing_ok=True)  # a leftover without its database
        path.parent.mkdir(parents=True, exist_ok=True)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # a second of scrypt
        try:
            db_keys.create_keys(path, passphrase)
        finally:
            QApplication.restoreOverrideCursor()
    return Workspace.open(path)


def _unlock(parent: QWidget | None, path: Path, passphrase: str | None) -> bool:
    def attempt(text: str) -> str | None:
        try:
            db_keys.unlock(path, text)
        except db_keys.WrongPassphrase:
            return QCoreApplication.translate(
                "ProjectOpener",
                "This passphrase does not open the project; check it and try again.")
        except db_keys.KeyFileError as exc:
            return exc.in_language(_language())
        return None

    if passphrase is not None and attempt(passphrase) is None:
        return True
    dialog = PassphraseDialog(UNLOCK, path.name, attempt, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted


def _language() -> str:
    """The window's language ('es' or 'en'): install_translator sets the default locale."""
    return "es" if QLocale().language() == QLocale.Language.Spanish else "en"


def _convert(parent: QWidget | None, path: Path) -> bool:
    """Offer to encrypt a plaintext project; True when it was converted."""
    title = QCoreApplication.translate("ProjectOpener", "Encrypt this project?")
    question = QCoreApplication.translate(
        "ProjectOpener",
        "{name} is not encrypted: anyone who copies the file can read every form. Encrypt "
        "it now with a team passphrase? The encrypted copy is checked before the plaintext "
        "file is removed.").format(name=path.name)
    if QMessageBox.question(parent, title, question) != QMessageBox.StandardButton.Yes:
        return False
    dialog = PassphraseDialog(CREATE, path.name, parent=parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    db_keys.encrypt_existing(path, dialog.passphrase())
    QMessageBox.information(parent, QCoreApplication.translate(
        "ProjectOpener", "Project encrypted"), QCoreApplication.translate(
        "ProjectOpener",
        "{name} is now encrypted. Copies of the old file made before today (on USB sticks, "
        "in backups or e-mails) are still readable by anyone: delete them.")
        .format(name=path.name))
    return True
