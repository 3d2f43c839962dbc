"""`LazyView`: a view that reads the database only while it is shown.

Every saved form emits `forms_changed`, and a language switch reaches every widget; a
hidden view only notes that it is out of date and catches up in `showEvent`. That keeps
keying fast at 100k forms and stops closed views from touching a closed database.
Subclasses implement `refresh_figures()` (read the data again) and `retranslate()`
(texts, then figures).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QWidget


class LazyView(QWidget):
    """Base of the views that refresh from the context's signals when visible."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._stale_figures = False
        self._stale_texts = False

    def refresh_figures(self) -> None:
        """Read the data again (subclasses)."""

    def retranslate(self) -> None:
        """Set every text in the current language (subclasses)."""

    def forms_changed(self, _change: object = None) -> None:
        """Connect to `AppContext.forms_changed`."""
        if self.isVisible():
            self.refresh_figures()
        else:
            self._stale_figures = True

    def language_changed(self) -> None:
        """Connect to `AppContext.settings_changed`; also runs on Qt's LanguageChange."""
        if self.isVisible():
            self.retranslate()
        else:
            self._stale_texts = True

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._stale_texts:
            self._stale_texts = self._stale_figures = False
            self.retranslate()
        elif self._stale_figures:
            self._stale_figures = False
            self.refresh_figures()
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.language_changed()
        super().changeEvent(event)
