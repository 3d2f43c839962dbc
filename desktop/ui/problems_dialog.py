"""A message with a list of problems shown whole: one sentence above, then every problem
(sheet, row, column and what is wrong) as a wrapped line in a box as wide as the longest
problem needs, within the screen.

Qt's QMessageBox hides the details behind a button, in a fixed narrow box that scrolls
sideways: five problems of an XLSForm already need scrolling both ways. Here the box is
shown at once, wraps its lines (never a horizontal scroll bar) and is as tall as its text
within most of the screen height; a long list scrolls down only.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QMessageBox, QSizePolicy, QStyle, QTextEdit,
    QVBoxLayout, QWidget,
)

MIN_WIDTH = 480        # px of the problem box, however short the problems
SCREEN_WIDTH = 0.8     # the dialog takes at most this share of the screen's width
SCREEN_HEIGHT = 0.8    # and of its height
LIST_INDENT = 18       # px before a problem's bullet
BOX_HEIGHT = 0.55      # the problem box at most this share of the screen's height
_ICONS = {QMessageBox.Icon.Information: QStyle.StandardPixmap.SP_MessageBoxInformation,
          QMessageBox.Icon.Warning: QStyle.StandardPixmap.SP_MessageBoxWarning,
          QMessageBox.Icon.Critical: QStyle.StandardPixmap.SP_MessageBoxCritical,
          QMessageBox.Icon.Question: QStyle.StandardPixmap.SP_MessageBoxQuestion}


class ProblemsDialog(QDialog):
    """`text` (a sentence) above `problems` (one per line of `details`), with an OK button."""

    def __init__(self, icon: QMessageBox.Icon, title: str, text: str, details: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.problems = [line for line in details.splitlines() if line.strip()]

        self.icon = QLabel()
        pixmap = _ICONS.get(icon)
        if pixmap is not None:
            size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
            self.icon.setPixmap(self.style().standardIcon(pixmap).pixmap(size, size))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)

        self.text = QLabel(text)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.details = QTextEdit()
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.details.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.details.document().setIndentWidth(LIST_INDENT)
        self.details.setHtml(_as_list(self.problems))
        self.details.setSizePolicy(QSizePolicy.Policy.Expanding,
                                   QSizePolicy.Policy.Expanding)
        self.details.setVisible(bool(self.problems))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)

        right = QVBoxLayout()
        right.addWidget(self.text)
        right.addWidget(self.details, 1)
        top = QHBoxLayout()
        top.addWidget(self.icon)
        top.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(buttons)
        self._fit()

    def _fit(self) -> None:
        """Size the dialog to its text, within the screen it opens on."""
        screen = (self.parentWidget().screen() if self.parentWidget() is not None
                  else QGuiApplication.primaryScreen())
        room = screen.availableGeometry()
        metrics = self.details.fontMetrics()
        frame = 2 * self.details.frameWidth() + 2 * int(self.details.document().documentMargin())
        indent = int(self.details.document().indentWidth())
        scroll = self.details.verticalScrollBar().sizeHint().width()
        longest = max((metrics.horizontalAdvance(p) for p in self.problems), default=0)
        chrome = self.icon.sizeHint().width() + 3 * self.layout().spacing() + 40
        widest = int(room.width() * SCREEN_WIDTH) - chrome
        width = max(MIN_WIDTH, min(longest + indent + frame + scroll + 8, widest))
        self.details.setMinimumWidth(width)
        self.text.setMinimumWidth(min(width, 360))
        document = self.details.document()
        document.setTextWidth(width - frame - scroll)
        tallest = int(room.height() * BOX_HEIGHT)
        self.details.setMinimumHeight(min(int(document.size().height()) + frame, tallest))
        self.setMaximumSize(int(room.width() * SCREEN_WIDTH),
                            int(room.height() * SCREEN_HEIGHT))
        # The sentence above wraps: as tall as its lines at that width (a word-wrapped
        # label's minimum is one line, and the problem box then covered the OK button).
        self.text.setMinimumHeight(self.text.heightForWidth(width))
        # The text box's size hint is a fixed 256x192: as tall as the problems, no more.
        self.resize(self.layout().totalMinimumSize())


def _as_list(problems: list[str]) -> str:
    """The problems as a bulleted list, a little space between them."""
    items = "".join(f"<li style='margin-bottom:4px'>{html.escape(p)}</li>" for p in problems)
    return f"<ul style='margin-left:0px; -qt-list-indent:1'>{items}</ul>"
