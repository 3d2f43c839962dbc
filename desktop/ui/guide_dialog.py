"""`GuideDialog`: the short keying guide (F1, Help > Keying guide) in the program's
language: keys, missing codes, verification, sending to headquarters. The text ships with
the program in resources/help/keying_guide_<lang>.html, so translators edit a file, not
code; its keys are marks filled with their names as the menus write them (shortcut_keys)."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ..resources import keying_guide_path
from .shortcut_keys import fill_keys


class GuideDialog(QDialog):
    """The keying guide; Escape or Enter closes it."""

    def __init__(self, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.lang = lang
        self.setObjectName("keyingGuide")
        self.resize(720, 620)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.show_guide(lang)

    def show_guide(self, lang: str) -> None:
        """Load the guide of a language."""
        self.lang = lang
        self.setWindowTitle(self.tr("Keying guide"))
        self.browser.setHtml(fill_keys(keying_guide_path(lang).read_text(encoding="utf-8")))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.setWindowTitle(self.tr("Keying guide"))
        super().changeEvent(event)
