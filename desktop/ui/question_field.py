"""One question of the entry form: number, answer box, question text, codes, inline message.

Built for heads-down keying: a single `QLineEdit` per question (fastest to type into), the
codes shown beside it as a compact line ('1 Servicio de fronteras · 2 Policía …', likert
anchors, missing codes), the chosen code in bold, and problems shown in place under the
question instead of in a modal box. Enter, Tab and Shift+Tab are reported to the form
(`navigated`) rather than moving focus by themselves, so the form can apply skip logic.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QWidget

from ..domain.paper_form import code_items, range_text
from ..domain.questionnaire import Question, Questionnaire
from .comment_edit import CommentEdit
from .message_styles import ERROR_COLOR, ERROR_STYLE, NOTICE_STYLE
from .shown_text import shown, shown_lines

_MODIFIERS = {Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta,
              Qt.Key.Key_AltGr, Qt.Key.Key_CapsLock}



class AnswerEdit(QLineEdit):
    """A line edit that reports Enter/Tab/Shift+Tab as navigation and counts keystrokes."""

    navigated = Signal(int)  # +1 forward (Enter, Tab), -1 back (Shift+Tab)
    keyed = Signal()  # one keystroke typed in this box
    focus_changed = Signal(bool)  # True when the cursor enters the box

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        self.focus_changed.emit(True)

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        self.focus_changed.emit(False)

    def event(self, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # Tab never reaches keyPressEvent (QWidget uses it to move focus), so take it here.
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                self.keyed.emit()
                back = key == Qt.Key.Key_Backtab or bool(
                    event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self.navigated.emit(-1 if back else 1)
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        if key not in _MODIFIERS and not (event.modifiers()
                                          & Qt.KeyboardModifier.ControlModifier):
            self.keyed.emit()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
                event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.navigated.emit(1)
            return
        super().keyPressEvent(event)


class QuestionField(QWidget):
    """The row of one question in the entry form."""

    def __init__(self, questionnaire: Questionnaire, question: Question, lang: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.question = question
        self.questionnaire = questionnaire
        self.applies = True
        self.lang = lang
        self.number = QLabel(question.number)
        self.number.setStyleSheet("font-weight: bold;")
        self.number.setMinimumWidth(44)
        self.number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        # Free text (a comment of up to 1,000 characters) gets a wide box of a few wrapped
        # lines under its question; every other answer a short one-line box.
        wide = question.type == "text"
        self.edit = CommentEdit(question.max_length) if wide else AnswerEdit()
        self.edit.setObjectName(f"answer_{question.id}")
        self.edit.setAccessibleName(question.number)
        if not wide:
            self.edit.setFixedWidth(88)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.codes = QLabel()
        self.codes.setWordWrap(True)
        self.codes.setTextFormat(Qt.TextFormat.RichText)
        self.codes.setStyleSheet("QLabel { color: #444; } QLabel:disabled { color: #aaa; }")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        layout = QGridLayout(self)
        layout.setContentsMargins(4, 3, 4, 3)
        layout.setHorizontalSpacing(10)
        layout.setVerticalSpacing(1)
        layout.addWidget(self.number, 0, 0)
        if wide:
            layout.addWidget(self.text, 0, 1, 1, 2)
            layout.addWidget(self.edit, 1, 1, 1, 2)
            layout.addWidget(self.codes, 2, 1, 1, 2)
        else:
            layout.addWidget(self.edit, 0, 1, Qt.AlignmentFlag.AlignTop)
            layout.addWidget(self.text, 0, 2)
            layout.addWidget(self.codes, 1, 2)
        layout.addWidget(self.message, 3, 1, 1, 2)
        layout.setColumnStretch(2, 1)
        self.edit.textChanged.connect(self._show_codes)
        self.edit.focus_changed.connect(self._highlight)
        self.setObjectName("questionRow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.set_language(lang)

    # -- text ----------------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        """Show the question in another language."""
        self.lang = lang
        self.text.setText(shown_lines(self.question.label.text(lang)))
        self._show_codes()

    def value(self) -> str:
        """The typed answer, trimmed."""
        return self.edit.text().strip()

    def set_value(self, text: str) -> None:
        """Put an answer in the box without counting it as typing."""
        self.edit.blockSignals(True)
        self.edit.setText(text)
        self.edit.blockSignals(False)
        self._show_codes()

    def show_message(self, text: str, notice: bool = False) -> None:
        """Show a problem (or a notice) under the question; empty text hides it."""
        self.message.setText(text)
        # A style sheet is set only when it changes: each call re-polishes the widget, and
        # skip logic clears every skipped question's message after each key (keystroke
        # latency, issue 14).
        _set_style(self.message, NOTICE_STYLE if notice else ERROR_STYLE)
        self.message.setVisible(bool(text))
        self.edit.setProperty("problem", bool(text) and not notice)
        _set_style(self.edit, f"border: 1px solid {ERROR_COLOR};" if text and not notice else "")

    def refused(self) -> bool:
        """Whether the answer shown is refused under the question (out of range, not one
        of the codes): typed, but not an answer yet."""
        return bool(self.edit.property("problem"))

    def set_applies(self, applies: bool) -> None:
        """Grey the question out (and empty it) when skip logic says it does not apply."""
        if not applies and self.edit.text():
            self.set_value("")
        if not applies:
            self.show_message("")
        # Kept apart from isEnabled(): a disabled parent must not make answers vanish.
        changed = applies != self.applies
        self.applies = applies
        self.setEnabled(applies)
        if changed:
            self._show_codes()

    def _highlight(self, on: bool) -> None:
        # The row with the cursor is tinted so the eyes find it again after the paper.
        _set_style(self, "#questionRow { background: #e8f0fe; border-radius: 3px; }"
                   if on else "")

    # -- codes line ----------------------------------------------------------------------
    def _show_codes(self) -> None:
        self.codes.setText(self._codes_html())
        self.codes.setVisible(bool(self.codes.text()))

    def _codes_html(self) -> str:
        # The same list of codes the paper form prints (domain/paper_form.py).
        chosen = self._chosen_codes()
        # A greyed-out question takes no answer, not even a missing code.
        parts = [_code_html(item.code, item.label, item.code in chosen, missing=item.missing)
                 for item in code_items(self.question, self.lang)
                 if self.applies or not item.missing]
        limits = range_text(self.question)
        if limits:
            parts.insert(0, html.escape(limits))
        text = " · ".join(parts)
        question = self.question
        if question.type == "multichoice":
            example = " ".join(str(c.code) for c in question.choices[:4:3]) or "1 4"
            text += "<div><i>" + html.escape(self.tr(
                "Several answers: separate the codes with a space, e.g. {example}").format(
                example=example)) + "</i></div>"
        return text

    def _chosen_codes(self) -> set[int]:
        text = self.edit.text().replace(",", " ")
        return {int(part) for part in text.split() if part.isdigit()}


def _code_html(code: int, label: str, chosen: bool, missing: bool = False) -> str:
    # A code label of an imported questionnaire may carry control characters: escaped
    # (shown_text), then made HTML (this label is rich text).
    text = html.escape(shown(f"{code} {label}".strip())).replace(" ", "&nbsp;", 1)
    if chosen:
        return f"<b style='color:#000; background:#fff3b0'>{text}</b>"
    if missing:
        return f"<span style='color:#777'>{text}</span>"
    return text


def _set_style(widget: QWidget, style: str) -> None:
    if widget.styleSheet() != style:
        widget.setStyleSheet(style)
