"""Draw a `ReportDocument` (see services/report_service.py) to an A4 PDF with Qt's PDF
writer: title block, the suppression rule, chart images, and tables that continue on the
next page with their header repeated. Every page carries the rule and its page number.

All wording comes from the document (both languages, domain catalogue); this module only
lays it out. Two passes: the first counts the pages for "page X of Y".
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPen

from ..domain.atomic_files import write_atomically
from ..domain.messages import message
from .pdf_pages import PdfPages

BODY_PT, SMALL_PT, TITLE_PT, HEADING_PT, TABLE_PT = 10, 8, 18, 13, 9
INK = QColor("#222222")
RULE_GREY = QColor("#888888")


class ReportPdf(PdfPages):
    """Lays out and paints one report."""

    def __init__(self, document, images: dict[str, QImage]):
        self.doc = document
        self.images = images
        self.pages = 1

    def write(self, path: str | Path) -> Path:
        """Both passes paint into memory; the file is then written whole or not at all
        (Qt's PDF writer does not report a full disk)."""
        total = self._run(None)
        self._run(Path(path), total)
        return write_atomically(Path(path), self.data)

    # -- passes ---------------------------------------------------------------------------

    def _run(self, path: Path | None, total: int = 0) -> int:
        self._begin(self.doc.title, (16, 14, 16, 14), dry=path is None)
        try:
            self.total = total
            self.footer_height = self._text_height(self.doc.footer, SMALL_PT, self.width) + 20
            self._layout()
            self._footer()
            return self.page
        finally:
            self._end()

    def _layout(self) -> None:
        self._text(self.doc.title, TITLE_PT, bold=True, gap=8)
        for line in self.doc.lines:
            self._text(line, BODY_PT, gap=2)
        self.y += 8
        self._text(self.doc.rule, BODY_PT, italic=True, gap=12)
        for index, section in enumerate(self.doc.sections):
            if section.new_page and index:
                self._new_page()
            self._ensure(60)
            self._text(section.title, HEADING_PT, bold=True, gap=6)
            if section.chart and section.chart in self.images:
                self._image(self.images[section.chart])
            if section.note:
                self._text(section.note, SMALL_PT + 1, gap=8)
            if section.table is not None and section.table.rows:
                self._table(section.table)
            self.y += 14

    # -- primitives -------------------------------------------------------------------------

    def _text(self, text: str, points: int, bold=False, italic=False, gap: float = 4) -> None:
        height = self._text_height(text, points, self.width, bold)
        self._ensure(height)
        if not self.dry:
            self.painter.setFont(self._font(points, bold, italic))
            self.painter.setPen(INK)
            self._draw_text(QRectF(0, self.y, self.width, height), Qt.TextFlag.TextWordWrap,
                            text)
        self.y += height + gap

    def _image(self, image: QImage) -> None:
        width = self.width
        height = width * image.height() / max(1, image.width())
        room = self._room()
        if height > room and height <= self._page_room():
            self._new_page()
        elif height > self._page_room():
            height = self._page_room()
            width = height * image.width() / max(1, image.height())
        if not self.dry:
            self.painter.drawImage(QRectF(0, self.y, width, height), image)
        self.y += height + 6

    def _table(self, table) -> None:
        widths = table.widths or [1.0] * len(table.headers)
        scale = self.width / sum(widths)
        columns = [w * scale for w in widths]
        pad = 5

        def row_height(cells, bold=False) -> float:
            return max(self._text_height(str(c), TABLE_PT, w - 2 * pad, bold)
                       for c, w in zip(cells, columns)) + 2 * pad

        def draw_row(cells, colours, bold=False) -> None:
            height = row_height(cells, bold)
            if height > self._room():
                self._new_page()
                if not bold:
                    draw_row(table.headers, [None] * len(columns), bold=True)
            if not self.dry:
                x = 0.0
                self.painter.setFont(self._font(TABLE_PT, bold))
                for i, (cell, width) in enumerate(zip(cells, columns)):
                    colour = colours[i] if colours and i < len(colours) else None
                    box = QRectF(x, self.y, width, height)
                    if colour:
                        self.painter.fillRect(box, QColor(colour))
                    elif bold:
                        self.painter.fillRect(box, QColor("#eeeeee"))
                    self.painter.setPen(QPen(QColor("#cccccc"), 1))
                    self.painter.drawRect(box)
                    self.painter.setPen(INK)
                    align = Qt.AlignmentFlag.AlignHCenter if i and _numeric(str(cell)) \
                        else Qt.AlignmentFlag.AlignLeft
                    self._draw_text(box.adjusted(pad, pad, -pad, -pad),
                                    align | Qt.AlignmentFlag.AlignVCenter
                                    | Qt.TextFlag.TextWordWrap, str(cell))
                    x += width
            self.y += height

        self._ensure(row_height(table.headers, True) * 2)
        draw_row(table.headers, [None] * len(columns), bold=True)
        for i, cells in enumerate(table.rows):
            draw_row(cells, table.colours[i] if i < len(table.colours) else [])
        self.y += 6

    def _footer(self) -> None:
        """The suppression rule (the document's footer) and 'Page X of Y'."""
        self._paint_footer(self.doc.footer, message("report_page", self.doc.lang,
                                                    page=self.page, pages=self.total),
                           RULE_GREY, offset=10)


def write_report_pdf(document, images: dict[str, QImage], path: str | Path) -> Path:
    """Write the report to `path` (through a temporary file)."""
    return ReportPdf(document, images).write(path)


def _numeric(text: str) -> bool:
    """Figures are centred in their cells, words are left-aligned."""
    return bool(text) and all(ch in "0123456789.,-–%# " for ch in text)
