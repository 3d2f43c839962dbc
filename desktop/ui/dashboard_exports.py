"""The dashboard's exports of the current selection: every chart as PNG and SVG, the
score tables as XLSX or CSV, and the printable PDF report (written off the UI thread)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ..charts.chart_set import REPORT_SIZES
from .user_errors import error_sentence

if TYPE_CHECKING:
    from .dashboard_view import DashboardView


class DashboardExports(QObject):
    """Saves what `view` shows; a file name or folder not given is asked for."""

    def __init__(self, view: "DashboardView"):
        super().__init__(view)
        self.view = view

    def charts(self, folder: str | None = None) -> list[Path]:
        """Every chart as PNG and SVG in a folder (asked for when not given)."""
        view = self.view
        view.settle()  # the selection the filters show, drawn
        folder = folder or QFileDialog.getExistingDirectory(view, self.tr("Save charts in"))
        if not folder or view.data is None:
            return []
        try:
            return view.charts.save_png(folder) + view.charts.save_svg(folder)
        except Exception as exc:  # noqa: BLE001 - every failure gets its sentence
            self._error(self.tr("The charts could not be saved: {error}. Choose another "
                                "folder.").format(error=error_sentence(exc, view.context.lang)))
            return []

    def tables(self, path: str | None = None) -> None:
        """The tables as an Excel workbook (.xlsx) or CSV files (.csv) next to each other."""
        view = self.view
        view.settle()
        if view.data is None:
            return
        if not path:
            path, _ = QFileDialog.getSaveFileName(
                view, self.tr("Save tables"), self.tr("scores.xlsx"),
                self.tr("Excel workbook (*.xlsx);;CSV files (*.csv)"))
        if not path:
            return
        from ..services.report_service import write_csv, write_xlsx
        data, target = view.data, Path(path)
        task = ((lambda progress: write_xlsx(data, target)) if target.suffix.lower() == ".xlsx"
                else (lambda progress: write_csv(data, target.parent)))
        view.context.runner.run(task, lambda _result: self._saved(target), self._failed)

    def pdf(self, path: str | None = None) -> None:
        """The printable report of the current selection, in the program's language."""
        view = self.view
        view.settle()
        if view.data is None:
            return
        if not path:
            # The suggested name in the reader's language, as the report inside is.
            path, _ = QFileDialog.getSaveFileName(view, self.tr("Save report"),
                                                  self.tr("report.pdf"), self.tr("PDF (*.pdf)"))
        if not path:
            return
        from ..charts.report_pdf import write_report_pdf
        from ..services.report_service import build_report
        labels = view.filter_bar.chosen_labels()
        document = build_report(view.data, view.context.project.questionnaire, labels or None)
        images = view.charts.images(REPORT_SIZES)  # widgets: on the UI thread
        target = Path(path)
        view.context.runner.run(lambda progress: write_report_pdf(document, images, target),
                                lambda _result: self._saved(target), self._failed)

    def _saved(self, path: Path) -> None:
        self.view.summary.setText(self.tr("Saved {path}.").format(path=path))

    def _failed(self, exc: BaseException) -> None:
        self._error(self.tr("The file could not be written: {error}. Check the folder and try "
                            "again.").format(error=error_sentence(exc, self.view.context.lang)))

    def _error(self, text: str) -> None:
        QMessageBox.warning(self.view, self.tr("Dashboard"), text)
