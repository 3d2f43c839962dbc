"""`PdfPages`: what the report PDF and the paper-form PDF share: an A4 page painted into
memory with Qt's PDF writer, fonts and wrapped-text heights, the page break (the footer of
the page, then a new page) and the footer's shape (a thin rule, a text on the left, the
page number on the right).

A subclass lays out its own content and says what its footer reads (`_footer`). Painting
runs twice: a dry pass that only measures and counts the pages (for "page X of Y"), then
the real one; `data` holds the PDF bytes of the last pass, which the caller writes whole
(Qt's PDF writer does not report a full disk).

Every text is drawn and measured through `_draw_text`/`_text_height`, which show control
characters as escapes (domain/plain_names.py): a round's name, an operator's or a
questionnaire's label that arrived in a bundle with a bidirectional override (U+202E) or
an escape sequence cannot reorder or garble what the reader of the PDF sees.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, Qt
from PySide6.QtGui import (QColor, QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter,
                           QPdfWriter, QPen)

from ..domain.plain_names import printable, printable_lines

DPI = 150
FOOTER_PT = 8


class PdfPages:
    """The page machinery of one PDF; subclasses paint with `painter` at `y`."""

    footer_height = 40.0

    def _begin(self, title: str, margins_mm: tuple[float, float, float, float],
               dry: bool) -> None:
        """Start a pass: a fresh A4 writer into memory, page 1, at the top."""
        self._buffer = QBuffer()
        self._buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(self._buffer)
        writer.setResolution(DPI)
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setPageMargins(QMarginsF(*margins_mm), QPageLayout.Unit.Millimeter)
        writer.setTitle(printable(title))
        writer.setCreator("RiskMap Survey Desk")
        self.writer, self.painter, self.dry = writer, QPainter(writer), dry
        rect = writer.pageLayout().paintRectPixels(DPI)
        self.width, self.height = rect.width(), rect.height()
        self.page, self.y = 1, 0.0

    def _end(self) -> None:
        """Finish a pass; its PDF bytes are in `data`."""
        self.painter.end()
        self.data = bytes(self._buffer.data())
        self._buffer.close()

    # -- text --------------------------------------------------------------------------------

    def _font(self, points: int, bold: bool = False, italic: bool = False) -> QFont:
        font = QFont("DejaVu Sans")
        font.setPointSizeF(points)
        font.setBold(bold)
        font.setItalic(italic)
        return font

    def _text_height(self, text: str, points: int, width: float, bold=False) -> float:
        metrics = QFontMetricsF(self._font(points, bold), self.writer)
        return metrics.boundingRect(QRectF(0, 0, width, 10_000),
                                    int(Qt.TextFlag.TextWordWrap),
                                    printable_lines(text)).height()

    def _text_width(self, text: str, font: QFont) -> float:
        """The width of one line of `text` as `_draw_text` draws it."""
        return QFontMetricsF(font, self.writer).horizontalAdvance(printable_lines(text))

    def _draw_text(self, box: QRectF, flags, text: str) -> None:
        """Draw `text` in `box` with its control characters shown as escapes (its line
        breaks kept), in the painter's font and pen."""
        self.painter.drawText(box, int(flags), printable_lines(text))

    # -- pages -------------------------------------------------------------------------------

    def _page_room(self) -> float:
        """The height of a page above the footer."""
        return self.height - self.footer_height

    def _room(self) -> float:
        """What is left of this page above the footer."""
        return self._page_room() - self.y

    def _ensure(self, height: float) -> None:
        """A new page unless `height` fits on this one (or this page is still empty: a
        block taller than a page starts at its top instead of leaving blank pages)."""
        if height > self._room() and self.y > 0:
            self._new_page()

    def _new_page(self) -> None:
        self._footer()
        if not self.dry:
            self.writer.newPage()
        self.page += 1
        self.y = 0.0

    def _footer(self) -> None:
        """Paint this page's footer (the subclass says what it reads)."""
        raise NotImplementedError

    def _paint_footer(self, left: str, right: str, colour: QColor, offset: float) -> None:
        """The footer's shape: a rule across the page `offset` pixels into the footer, then
        `left` (wrapped) and `right` (the page number) below it, in `colour`."""
        if self.dry:
            return
        top = self.height - self.footer_height + offset
        self.painter.setPen(QPen(colour, 1))
        self.painter.drawLine(0, int(top - 6), int(self.width), int(top - 6))
        self.painter.setFont(self._font(FOOTER_PT))
        self.painter.setPen(colour)
        right_width = self._text_width(right, self._font(FOOTER_PT)) + 10
        self._draw_text(QRectF(0, top, self.width - right_width - 20, self.footer_height),
                        Qt.TextFlag.TextWordWrap, left)
        self._draw_text(QRectF(self.width - right_width, top, right_width, self.footer_height),
                        Qt.AlignmentFlag.AlignRight, right)
