"""The colours of the short messages under a field or in a dialog, defined once: an error
(red), a notice (amber) and a done message (green), and the wrapped label a dialog shows
its error in."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

ERROR_STYLE = "color: #b00020;"
NOTICE_STYLE = "color: #8a5a00;"
DONE_STYLE = "color: #1b6e20;"


def error_label() -> QLabel:
    """An empty, word-wrapped label in the error colour (a dialog's message line)."""
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    return label
