"""Draw the blank paper form of a questionnaire to an A4 PDF with Qt's PDF writer.

One copy per form number when numbers are given (the number pre-printed in the box, so the
paper ledger starts from the print run), else one copy with an empty box. Each copy: the
title, questionnaire version and round, the form-number box, the anonymity note (there is
no field for a name), then every section and question with its number, text, codes as the
entry screen lists them (`domain.paper_form.code_items`) and skip instructions. A question
is never split over two pages. Two passes: the first counts the pages for "page X of Y".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPen

from ..domain.atomic_files import write_atomically
from ..domain.messages import message
from ..domain.paper_form import code_items, range_text, skip_rules
from ..domain.questionnaire import Question, Questionnaire
from .pdf_pages import PdfPages

BODY_PT, SMALL_PT, TITLE_PT, HEADING_PT, NUMBER_PT = 10, 8, 15, 11, 18
INK = QColor("#111111")
GREY = QColor("#666666")
SHADE = QColor("#e6e6e6")
NUMBER_WIDTH = 70  # pixels at DPI for the question number column
PAD = 6


@dataclass(frozen=True)
class PaperFormSpec:
    """What to print: the questionnaire, its language, the round and the form numbers
    (an empty list prints one copy with a blank number box)."""

    questionnaire: Questionnaire
    lang: str
    round_name: str = ""
    numbers: Sequence[int] = ()


class PaperFormPdf(PdfPages):
    """Lays out and paints the copies of one paper form."""

    def __init__(self, spec: PaperFormSpec):
        self.spec = spec
        self.q = spec.questionnaire
        self.lang = spec.lang
        self.rules = skip_rules(self.q, self.lang)

    def write(self, path: str | Path) -> Path:
        """Both passes paint into memory; the file is written whole or not at all (Qt's
        PDF writer does not report a full disk)."""
        path = Path(path)
        pages = self._run(None, [None])
        self._run(path, list(self.spec.numbers) or [None], pages)
        return write_atomically(path, self.data)

    def _run(self, path: Path | None, numbers: list[int | None], pages: int = 0) -> int:
        self._begin(self.q.title.text(self.lang), (15, 14, 15, 12), dry=path is None)
        try:
            self.pages = pages
            for index, number in enumerate(numbers):
                if index:
                    self.writer.newPage()
                self.number, self.page, self.y = number, 1, 0.0
                self._form()
                self._footer()
            return self.page
        finally:
            self._end()

    # -- content ----------------------------------------------------------------------------

    def _form(self) -> None:
        q, lang = self.q, self.lang
        box_width, box_height = 300.0, 92.0
        top = self.y
        self._text(q.title.text(lang), TITLE_PT, bold=True, width=self.width - box_width - 20)
        self._text(message("paper_version", lang, id=q.id, version=q.version), SMALL_PT,
                   width=self.width - box_width - 20, colour=GREY)
        if self.spec.round_name:
            self._text(message("paper_round", lang, name=self.spec.round_name), SMALL_PT,
                       width=self.width - box_width - 20, colour=GREY)
        self._number_box(QRectF(self.width - box_width, top, box_width, box_height))
        self.y = max(self.y, top + box_height) + 10
        self._text(message("paper_anonymous", lang), BODY_PT, italic=True)
        self.y += 6
        for section in q.sections:
            self._section_title(section.title.text(lang))
            for question in section.questions:
                self._question(question)

    def _number_box(self, box: QRectF) -> None:
        if self.dry:
            return
        p = self.painter
        p.setPen(QPen(INK, 2))
        p.drawRect(box)
        p.setFont(self._font(SMALL_PT))
        self._draw_text(box.adjusted(PAD, PAD, -PAD, -PAD),
                        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                        message("paper_form_number", self.lang))
        if self.number is not None:
            p.setFont(self._font(NUMBER_PT, bold=True))
            self._draw_text(box.adjusted(PAD, 24, -PAD, -PAD), Qt.AlignmentFlag.AlignCenter,
                            str(self.number))
        else:  # digit boxes to write the number in
            cells, size = 5, 44.0
            left = box.center().x() - cells * size / 2
            p.setPen(QPen(GREY, 1))
            for i in range(cells):
                p.drawRect(QRectF(left + i * size, box.bottom() - size - 8, size, size))

    def _section_title(self, title: str) -> None:
        height = self._text_height(title, HEADING_PT, self.width - 2 * PAD, bold=True) + 2 * PAD
        self._ensure(height + 80)  # never a title alone at the foot of a page
        if not self.dry:
            self.painter.fillRect(QRectF(0, self.y, self.width, height), SHADE)
            self.painter.setFont(self._font(HEADING_PT, bold=True))
            self.painter.setPen(INK)
            self._draw_text(QRectF(PAD, self.y + PAD, self.width - 2 * PAD, height),
                            Qt.TextFlag.TextWordWrap, title)
        self.y += height + 8

    def _question(self, question: Question) -> None:
        lines = self._question_lines(question)
        text_width = self.width - NUMBER_WIDTH
        height = sum(self._text_height(text, size, text_width, bold) + gap
                     for text, size, bold, italic, gap in lines) + self._answer_height(question)
        self._ensure(height + 10)
        top = self.y
        if not self.dry:
            self.painter.setFont(self._font(BODY_PT, bold=True))
            self.painter.setPen(INK)
            self._draw_text(QRectF(0, top, NUMBER_WIDTH - 8, 40), Qt.AlignmentFlag.AlignLeft,
                            question.number)
        for text, size, bold, italic, gap in lines:
            self._text(text, size, bold=bold, italic=italic, gap=gap, left=NUMBER_WIDTH)
        self._answer(question)
        self.y += 10
        if not self.dry:
            self.painter.setPen(QPen(SHADE, 1))
            self.painter.drawLine(0, int(self.y - 5), int(self.width), int(self.y - 5))

    def _question_lines(self, question: Question) -> list[tuple[str, int, bool, bool, float]]:
        lang = self.lang
        label = question.label.text(lang)
        if not question.required:
            label += " " + message("paper_optional", lang)
        lines = [(label, BODY_PT, False, False, 3.0)]
        if question.id in self.rules.only_if:
            lines.append((self.rules.only_if[question.id], SMALL_PT + 1, False, True, 3.0))
        hint = {"choice": "paper_one_code", "likert": "paper_one_code",
                "multichoice": "paper_many_codes", "integer": "paper_write_number",
                "decimal": "paper_write_number", "date": "paper_write_date",
                "text": "paper_write_text"}.get(question.type)
        if hint:
            extra = range_text(question)
            text = message(hint, lang) + (f" ({extra})" if extra and question.type != "date"
                                          else "")
            lines.append((text, SMALL_PT, False, True, 3.0))
        return lines

    def _answer_height(self, question: Question) -> float:
        items = code_items(question, self.lang)
        height = self._items(items, dry=True) if items else 0.0
        if question.type in ("integer", "decimal", "date"):
            height += 52
        elif question.type == "text":
            height += 3 * 34
        for line in self.rules.go_to.get(question.id, []):
            height += self._text_height("→ " + line, BODY_PT, self.width - NUMBER_WIDTH,
                                        True) + 3
        return height

    def _answer(self, question: Question) -> None:
        items = code_items(question, self.lang)
        if items:
            self.y += self._items(items, dry=self.dry)
        left = float(NUMBER_WIDTH)
        if question.type in ("integer", "decimal", "date") and not self.dry:
            self.painter.setPen(QPen(INK, 1))
            self.painter.drawRect(QRectF(left, self.y + 4, 260, 40))
            if question.type == "date":
                self.painter.setFont(self._font(SMALL_PT))
                self.painter.setPen(GREY)
                self._draw_text(QRectF(left + 270, self.y + 4, 300, 40),
                                Qt.AlignmentFlag.AlignVCenter, "YYYY-MM-DD")
        if question.type in ("integer", "decimal", "date"):
            self.y += 52
        if question.type == "text":
            if not self.dry:
                self.painter.setPen(QPen(GREY, 1))
                for i in range(3):
                    y = int(self.y + 30 + i * 34)
                    self.painter.drawLine(int(left), y, int(self.width), y)
            self.y += 3 * 34
        for line in self.rules.go_to.get(question.id, []):
            self._text("→ " + line, BODY_PT, bold=True, gap=3, left=NUMBER_WIDTH)

    def _items(self, items, dry: bool) -> float:
        """Codes in a flowing row, each a box to mark and 'code label' as on the entry
        screen; returns the height used."""
        metrics = QFontMetricsF(self._font(BODY_PT), self.writer)
        line_height = metrics.height() + 12
        box = line_height - 16
        left, right = float(NUMBER_WIDTH), self.width
        x, rows = left, 1
        for item in items:
            width = box + 10 + self._text_width(item.text(), self._font(BODY_PT)) + 4
            if x + width > right and x > left:
                x, rows = left, rows + 1
            if not dry:
                y = self.y + (rows - 1) * line_height
                colour = GREY if item.missing else INK
                self.painter.setPen(QPen(colour, 1.5))
                self.painter.drawRect(QRectF(x, y + 8, box, box))
                self.painter.setFont(self._font(BODY_PT))
                self.painter.setPen(colour)
                self._draw_text(QRectF(x + box + 10, y, width, line_height - 2),
                                Qt.AlignmentFlag.AlignVCenter, item.text())
            x += width + 22
        return rows * line_height + 4

    # -- primitives -----------------------------------------------------------------------

    def _text(self, text: str, points: int, bold=False, italic=False, gap: float = 4,
              left: float = 0.0, width: float | None = None,
              colour: QColor = INK) -> None:
        width = (self.width - left) if width is None else width
        height = self._text_height(text, points, width, bold)
        if not self.dry:
            self.painter.setFont(self._font(points, bold, italic))
            self.painter.setPen(colour)
            self._draw_text(QRectF(left, self.y, width, height), Qt.TextFlag.TextWordWrap,
                            text)
        self.y += height + gap

    def _footer(self) -> None:
        """The questionnaire's id and version, and 'Form N · page X of Y'."""
        form = str(self.number) if self.number is not None else "____"
        self._paint_footer(f"{self.q.id} {self.q.version}",
                           message("paper_page", self.lang, form=form, page=self.page,
                                   pages=self.pages), GREY, offset=12)


def write_paper_form_pdf(spec: PaperFormSpec, path: str | Path) -> Path:
    """Write the blank form(s) to `path` (through a temporary file)."""
    return PaperFormPdf(spec).write(path)
