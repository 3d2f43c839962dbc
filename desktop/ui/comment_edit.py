"""`CommentEdit`: the answer box of a free-text question (a comment of up to 1,000
characters): several wrapped lines wide enough to read what was typed, with the same keys
and signals as the one-line boxes (`question_field.AnswerEdit`), so keying flows on.

Enter and Tab move to the next question as everywhere in the form; Shift+Enter starts a new
line (rare on paper comments). Typing stops at the question's `max_length`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

LINES = 3


class CommentEdit(QPlainTextEdit):
    """A wrapped multi-line answer box with the line edit's interface used by the form."""

    navigated = Signal(int)
    keyed = Signal()
    focus_changed = Signal(bool)
    textEdited = Signal(str)  # noqa: N815 - QLineEdit's name, the form connects to it
    editingFinished = Signal()  # noqa: N815

    def __init__(self, max_length: int | None = None, parent=None):
        super().__init__(parent)
        self.max_length = max_length
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        lines = self.fontMetrics().lineSpacing() * LINES
        self.setFixedHeight(lines + 2 * self.frameWidth() + 10)
        self.setMinimumWidth(360)
        self._typing = False
        self.textChanged.connect(self._changed)

    # -- the line edit's interface -------------------------------------------------------
    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:  # noqa: N802 - QLineEdit's name
        self.setPlainText(text)

    # -- keys ----------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.keyed.emit()
            back = event.key() == Qt.Key.Key_Backtab or bool(
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.navigated.emit(-1 if back else 1)
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key, mods = event.key(), event.modifiers()
        if not (mods & Qt.KeyboardModifier.ControlModifier) and event.text():
            self.keyed.emit()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if mods & Qt.KeyboardModifier.ShiftModifier:
                if self._room():
                    self.insertPlainText("\n")
                return
            if not mods & Qt.KeyboardModifier.ControlModifier:
                self.navigated.emit(1)
                return
        if event.text() and event.text().isprintable() and not self._room() \
                and not self.textCursor().hasSelection():
            return  # the box is full
        self._typing = True
        try:
            super().keyPressEvent(event)
        finally:
            self._typing = False

    def _room(self) -> bool:
        return self.max_length is None or len(self.toPlainText()) < self.max_length

    def _changed(self) -> None:
        if self._typing:
            self.textEdited.emit(self.toPlainText())

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        self.focus_changed.emit(True)

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        self.focus_changed.emit(False)
        self.editingFinished.emit()

    def selectAll(self) -> None:  # noqa: N802 - Qt override
        cursor = self.textCursor()
        cursor.select(QTextCursor.SelectionType.Document)
        self.setTextCursor(cursor)
