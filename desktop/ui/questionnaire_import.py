"""File > Import questionnaire: a JSON questionnaire or an XLSForm workbook becomes a new
stored version of the open project (the version in use does not change).

The workbook is read and translated off the UI thread; storing it is one short
transaction. Everything that cannot be honoured is shown in one list, with sheet, row
and column, and nothing is stored.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ..domain.phrase import said
from ..domain.questionnaire_loader import QuestionnaireError
from ..services.questionnaire_service import (
    AddedQuestionnaire, read_questionnaire_file, store_version,
)
from .problems_dialog import ProblemsDialog

if TYPE_CHECKING:
    from .main_window import MainWindow

MAX_SHOWN = 40  # problems listed in the box; the rest are counted


class QuestionnaireImport(QObject):
    """The Import questionnaire action of one main window."""

    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.window = window
        self.last_result: AddedQuestionnaire | None = None
        self.last_problems: list[str] = []

    def choose_and_import(self) -> None:
        """Ask for a file, then import it."""
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Import questionnaire"), "",
            self.tr("Questionnaires (*.xlsx *.json);;All files (*)"))
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """Read `path` off the UI thread, then store it and say what happened."""
        context = self.window.context

        def task(_report):
            return read_questionnaire_file(path)

        def finished(read) -> None:
            questionnaire, warnings = read
            result = store_version(context.project, questionnaire, context.actor,
                                   path.name, warnings)
            self.last_result, self.last_problems = result, []
            self._show_result(result)

        def failed(error: BaseException) -> None:
            self.last_result = None
            if isinstance(error, QuestionnaireError):
                self.last_problems = [said(p, context.lang) for p in error.problems]
            else:
                self.last_problems = [str(error)]
            self._show_problems(path, self.last_problems)

        context.runner.run(task, finished, failed)

    def _show_result(self, result: AddedQuestionnaire) -> None:
        q, in_use = result.questionnaire, self.window.context.project.questionnaire
        if result.added:
            text = self.tr("Questionnaire {id} version {version} (%n question(s)) is stored "
                           "in this project. Forms are still keyed with {used} version "
                           "{used_version}.", "", len(q.questions())).format(
                id=q.id, version=q.version, used=in_use.id,
                used_version=in_use.version)
        else:
            text = self.tr("Questionnaire {id} version {version} was stored already; "
                           "nothing changed.").format(id=q.id, version=q.version)
        self.window.statusBar().showMessage(text, 10000)
        self._message(QMessageBox.Icon.Information, self.tr("Questionnaire imported"), text,
                      "\n".join(said(w, self.window.context.lang) for w in result.warnings))

    def _show_problems(self, path: Path, problems: list[str]) -> None:
        shown = problems[:MAX_SHOWN]
        more = len(problems) - len(shown)
        details = "\n".join(shown) + (("\n" + self.tr("… and {n} more").format(n=more))
                                      if more > 0 else "")
        self._message(QMessageBox.Icon.Warning, self.tr("Questionnaire not imported"),
                      self.tr("{file} was not imported: %n thing(s) in it cannot be used "
                              "here. Nothing was stored. Fix them in the file and import "
                              "it again.", "", len(problems)).format(file=path.name),
                      details)

    def _message(self, icon: QMessageBox.Icon, title: str, text: str, details: str) -> None:
        ProblemsDialog(icon, title, text, details, self.window).exec()
