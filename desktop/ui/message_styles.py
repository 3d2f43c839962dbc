"""The colours of the short messages under a field or in a dialog, defined once: an error
(red), a notice (amber) and a done message (green), and the wrapped label a dialog shows
its error in."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

ERROR_COLOR = "#b00020"
NOTICE_COLOR = "#8a5a00"
DONE_COLOR = "#1b6e20"
ERROR_STYLE = f"color: {ERROR_COLOR};"
NOTICE_STYLE = f"color: {NOTICE_COLOR};"
DONE_STYLE = f"color: {DONE_COLOR};"


def error_label() -> QLabel:
    """An empty, word-wrapped label in the error colour (a dialog's message line)."""
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    return label
