"""`ShownRetranslation`: how a window or view follows a language switch while it may be
hidden.

Qt sends LanguageChange to every widget, shown or not. A hidden one (a closed window, whose
project may be closed too) must not read the project then: it sets its fixed texts at once
and catches up on what it reads from the project the next time it is shown. The main window
and the entry view share this; the lazily built views have `LazyView` for the same rule.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent


class ShownRetranslation:
    """Mixin for a QWidget subclass, listed before the Qt class. Subclasses give
    `_can_retranslate` (built far enough), `_retranslate_texts` (fixed texts, run at once)
    and `_retranslate_shown` (what reads the project, run only while shown)."""

    def _can_retranslate(self) -> bool:
        return True

    def _retranslate_texts(self) -> None:
        """Texts that need no project: set at once, even while hidden."""

    def _retranslate_shown(self) -> None:
        """Texts that read the project: set now if shown, else when next shown."""

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange and self._can_retranslate():
            self._retranslate_texts()
            if self.isVisible():
                self._retranslate_shown()
            else:
                self._untranslated = True
        super().changeEvent(event)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        if getattr(self, "_untranslated", False):
            self._untranslated = False
            self._retranslate_shown()
        super().showEvent(event)
