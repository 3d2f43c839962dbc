"""`DashboardView`: the team lead's and the analyst's picture of the survey.

Filters (the round and the questionnaire's profile questions: institution, post, unit type,
rank level...) above four charts that always
show the same selection: the risk heat map, the ranked scores, the integrity climate and
the keying activity. The forms are read once off the UI thread (`context.runner`); a filter
change only recomputes from memory (a few milliseconds) and redraws. A load that finishes
while the view is hidden is scored and drawn only when the view is shown again, so nothing
runs on the UI thread while an operator keys forms. A load is drawn in steps, a chart per
turn of the event loop (`dashboard_steps`), with the progress bar moving until the last;
a filter change is scored and drawn in steps too, the last filter chosen winning. Every
figure shown
comes from `AnalysisService.compute`, which has already hidden small groups. Export
buttons save the charts (PNG, SVG), the tables (CSV, XLSX) and the PDF report
(`dashboard_exports`); the filter row is `dashboard_filters`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QLocale, Qt, QTimer, Signal
from PySide6.QtWidgets import (QComboBox, QGridLayout, QHBoxLayout, QLabel, QPushButton,
                               QTabWidget, QVBoxLayout, QWidget)

from ..charts.chart_set import CHART_NAMES, ChartSet, bands_of
from ..services.analysis_service import AnalysisService, DashboardData, analysis_for, \
    load_analysis
from ..services.report_service import exposure_note
from .background import Cancelled
from .dashboard_exports import DashboardExports
from .dashboard_filters import DashboardFilters, filter_dimensions
from .dashboard_drawing import SelectionDrawing
from .dashboard_load_bar import LoadBar
from .dashboard_steps import DashboardSteps
from .message_styles import NOTICE_COLOR
from .risk_register_table import RiskRegisterTable
from .user_errors import error_sentence

FIRST_CHART_DELAY_MS = 15
VERSION_NOTE_STYLE = f"color: {NOTICE_COLOR}; background: #fff6d6; padding: 4px;"


class DashboardView(QWidget):
    """Filters, four charts and exports over the open project's live forms."""

    data_loaded = Signal()
    recomputed = Signal()

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.analysis: AnalysisService | None = None
        self.data: DashboardData | None = None
        self._scored: tuple[dict[str, str], DashboardData] | None = None
        self.recompute_ms = 0.0
        self.redraw_ms = 0.0  # the UI thread's drawing of the last selection, all steps
        self._stale = True
        self._loading = False
        self._undrawn = False  # loaded while hidden: recompute and draw when shown
        self._build()
        context.project_changed.connect(self.reload)
        context.forms_changed.connect(self._forms_changed)
        if hasattr(context, "settings_changed"):
            context.settings_changed.connect(self._settings_changed)
        # The first read starts in the next turn, once the page is on screen: started
        # here, the worker would share the interpreter with the showing of the page.
        self._stale = False
        context.runner.next_turn(self, self._first_read)

    # -- layout -----------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.filter_grid = QGridLayout()
        bar.addLayout(self.filter_grid, 1)
        self.filter_bar = DashboardFilters(self.filter_grid, self.recompute, self)
        self._build_filters(filter_dimensions(self.context.project.questionnaire))
        self.exports = DashboardExports(self)
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self.clear_filters)
        bar.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(bar)
        # Forms of several questionnaire versions: how they are pooled, what differs.
        self.version_note = QLabel()
        self.version_note.setWordWrap(True)
        self.version_note.setStyleSheet(VERSION_NOTE_STYLE)
        self.version_note.hide()
        layout.addWidget(self.version_note)

        info = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-size: 12pt;")
        info.addWidget(self.summary, 1)
        self.load_bar = LoadBar()  # the read, then the drawing, step by step
        info.addWidget(self.load_bar)
        self.png_button = QPushButton()
        self.tables_button = QPushButton()
        self.pdf_button = QPushButton()
        self.png_button.clicked.connect(self.export_charts)
        self.tables_button.clicked.connect(self.export_tables)
        self.pdf_button.clicked.connect(self.export_pdf)
        for button in (self.png_button, self.tables_button, self.pdf_button):
            info.addWidget(button)
        layout.addLayout(info)

        # Tabs rather than four small charts: on a 1366 x 768 laptop (or a projector) the
        # heat map needs half the width and the full height to stay legible; the risk
        # register beside it names every numbered risk in full, with its figures.
        # The charts are made one per turn of the event loop while the forms load (see
        # `dashboard_steps`), each placed in its tab as it is made; any use of one before
        # then makes it at once.
        self.register_table = RiskRegisterTable()
        self.tabs = QTabWidget()
        risks = QWidget()
        self._chart_rows: dict[str, QHBoxLayout | QVBoxLayout] = {}
        self._chart_rows["heat_map"] = QHBoxLayout(risks)
        self._chart_rows["heat_map"].addWidget(self.register_table, 1)
        self.tabs.addTab(risks, "")
        scores = QWidget()
        self._chart_rows["scores"] = QVBoxLayout(scores)
        self.tabs.addTab(scores, "")
        climate = QWidget()
        self._chart_rows["climate"] = QVBoxLayout(climate)
        self.exposure = QLabel()  # the exposure question's share of yes (domain wording)
        self.exposure.setWordWrap(True)
        self.exposure.setStyleSheet("font-size: 12pt; padding: 4px;")
        self._chart_rows["climate"].addWidget(self.exposure)
        self.tabs.addTab(climate, "")
        activity = QWidget()
        self._chart_rows["activity"] = QVBoxLayout(activity)
        self.tabs.addTab(activity, "")
        for row in self._chart_rows.values():
            row.setContentsMargins(0, 0, 0, 0)
        self.charts = ChartSet(bands_of(self.context.project.questionnaire, self.context.lang),
                               lazy=True, built=self._place_chart)
        self.steps = DashboardSteps(self, self.context.runner)
        # After the page's first paint (a later turn than the click's), not in the same one.
        QTimer.singleShot(FIRST_CHART_DELAY_MS, self, self._make_charts)
        layout.addWidget(self.tabs, 1)
        self._retranslate()
        self._set_enabled(False)

    def _place_chart(self, name: str, chart) -> None:
        """A chart just made: into its tab, first in its row (before the risk register,
        above the exposure note)."""
        if name == "heat_map":
            chart.set_legend_names(False)  # the register beside it names each risk
        self._chart_rows[name].insertWidget(0, chart, 1)

    def _make_charts(self) -> None:
        """Make the charts, one per turn, unless the forms are being read: then they are
        made with the drawing, once the worker is done (made alongside it, each took twice
        as long: the two threads share one interpreter)."""
        if not self._loading:
            self.steps.add(*(self.making(name) for name in CHART_NAMES))

    def making(self, name: str):
        """The step that makes the chart `name` (nothing if it exists)."""
        return lambda: self.charts.build(name)

    @property
    def filters(self) -> dict[str, QComboBox]:
        """The filter combo boxes by dimension (the round, then the profile's breakdowns)."""
        return self.filter_bar.combos

    def _build_filters(self, dimensions: list[str]) -> None:
        """One label and combo box per dimension, five to a row."""
        self.filter_bar.build(dimensions)
        self._name_filters()

    def _name_filters(self) -> None:
        questionnaire = (self.analysis.questionnaire if self.analysis is not None
                         else self.context.project.questionnaire)
        self.filter_bar.name(questionnaire, self.context.lang)

    def _retranslate(self) -> None:
        self._name_filters()
        self.clear_button.setText(self.tr("Show &all"))
        for index, title in enumerate((self.tr("Risks"), self.tr("Ranking"),
                                       self.tr("Integrity climate"), self.tr("Forms keyed"))):
            self.tabs.setTabText(index, title)
        self.png_button.setText(self.tr("Save charts…"))
        self.png_button.setToolTip(self.tr("Save every chart as PNG and SVG in a folder"))
        self.tables_button.setText(self.tr("Save tables…"))
        self.tables_button.setToolTip(self.tr("Save the score tables as CSV or Excel"))
        self.pdf_button.setText(self.tr("PDF report…"))
        self.pdf_button.setToolTip(self.tr("Write a printable report of this selection"))
        if self.analysis is None:
            self.summary.setText(self.tr("Reading the forms…"))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self._show_summary()
        super().changeEvent(event)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (*self.filters.values(), self.clear_button, self.png_button,
                       self.tables_button, self.pdf_button):
            widget.setEnabled(enabled)

    # -- loading ----------------------------------------------------------------------------

    def _forms_changed(self, _change=None) -> None:
        self._stale = True
        if self.isVisible():
            self.reload()

    def _first_read(self) -> None:
        """The read the page starts with, unless another has begun since (a write or a
        new project)."""
        if self.analysis is None and not self._loading:
            self.reload()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._undrawn and self.analysis is not None:
            self._undrawn = False
            self._draw_in_steps()
        if self._stale and not self._loading:
            self.reload()

    def _settings_changed(self) -> None:
        """A new minimum group size or language: the loaded sums do not depend on either,
        so recompute from memory instead of reading every form again."""
        analysis, project = self.analysis, self.context.project
        if analysis is None or self._loading or analysis.questionnaire.sha256 != \
                project.questionnaire.sha256:
            self.reload()
            return
        self._loaded(analysis.with_settings(project.min_group_size, self.context.lang))

    def reload(self) -> None:
        """Read the project's forms again, off the UI thread, then recompute."""
        if self._loading:
            self._stale = True
            return
        self._loading = True
        self._stale = False
        self._set_enabled(False)
        self.summary.setText(self.tr("Reading the forms…"))
        project, lang = self.context.project, self.context.lang
        locator = project.locator
        if locator.path is None:  # an in-memory project cannot be opened twice: read it here
            try:
                self._loaded(analysis_for(project, lang))
            except Exception as exc:  # noqa: BLE001 - shown to the user
                self._failed(exc)
            return
        self.load_bar.busy()
        # The filters cannot change while the forms load (they are disabled): the worker
        # also scores this selection, so the UI thread only draws it.
        filters = self.current_filters()

        def task(progress):
            analysis = load_analysis(locator, lang, progress)
            return analysis, (filters, analysis.compute(filters))

        self.context.runner.run(task, lambda result: self._loaded(*result), self._failed,
                                self._load_progressed)

    def _load_progressed(self, done: int, total: int) -> None:
        """A step of the load finished (signalled from the worker, queued to this thread);
        the bar goes on through the drawing's steps."""
        self.load_bar.read_progressed(done, total)

    def _loaded(self, analysis: AnalysisService,
                scored: tuple[dict[str, str], DashboardData] | None = None) -> None:
        """`scored`: (filters, data) computed with the load, used if the filters are the
        same when the charts are drawn."""
        self._loading = False
        self.analysis = analysis
        self._scored = scored
        # Band names follow the questionnaire language, which may have changed.
        self.charts.set_bands(bands_of(analysis.questionnaire, analysis.lang))
        dimensions = filter_dimensions(analysis.questionnaire)
        if dimensions != list(self.filters):
            self._build_filters(dimensions)
        self.filter_bar.fill(self.analysis.filter_options())
        notes = analysis.version_notes()
        self.version_note.setText("\n".join(notes))
        self.version_note.setVisible(bool(notes))
        if self.isVisible():
            self._draw_in_steps()
        else:
            # Another view (the entry form) is in use: scoring and drawing 100k forms on
            # the UI thread now would hold up its keystrokes. It waits until shown.
            self.load_bar.hide()
            self._set_enabled(True)
            self._undrawn = True
        self.data_loaded.emit()
        if self._stale:
            self.reload()

    def _failed(self, exc: BaseException) -> None:
        self._loading = False
        self.load_bar.hide()
        if isinstance(exc, Cancelled):  # the window is closing: nothing to say
            return
        self._make_charts()  # empty, as they were before the load
        self.summary.setText(self.tr("The forms could not be read: {error}").format(
            error=error_sentence(exc, self.context.lang, self.context.workspace.path)))

    # -- filtering ---------------------------------------------------------------------------

    def current_filters(self) -> dict[str, str]:
        return self.filter_bar.current()

    def set_filter(self, dimension: str, key: str) -> None:
        """Choose a group in one filter (by its key; '' for all)."""
        self.filter_bar.choose(dimension, key)

    def clear_filters(self) -> None:
        self.filter_bar.reset()
        self.recompute()

    def recompute(self) -> None:
        """Score the current selection and redraw every chart from it, a step per turn of
        the event loop as a load is drawn: the window never holds still for more than one
        chart. A newer selection replaces the steps still waiting, so the last filter
        chosen is the one drawn, and no chart of an older one is drawn after it."""
        if self.analysis is None:
            return
        self.load_bar.hide()
        self._draw_in_steps(progress=False)

    def settle(self) -> None:
        """Draw now what waits to be drawn: `data` and the charts are then the selection
        the filters show (an export saves that one)."""
        self.steps.finish()

    def _draw_in_steps(self, progress: bool = True) -> None:
        """Score the current selection in the next turn, then draw it a step per turn
        (`dashboard_drawing`); `self.data` is the new selection once every chart shows
        it. `progress`: the bar counts the steps."""
        filters, scored, self._scored = self.current_filters(), self._scored, None
        drawing = SelectionDrawing(self, filters, scored, progress)
        if progress:
            self.load_bar.drawing_started()
        self.steps.replace(*drawing.steps())

    def show_drawn(self, data: DashboardData) -> None:
        """Every chart shows `data`: the texts follow, and it is the view's selection."""
        self.exposure.setText(exposure_note(data, self.analysis.questionnaire))
        self.data = data
        self._show_summary()
        self._set_enabled(True)
        self.load_bar.hide()

    def _show_summary(self) -> None:
        if self.data is None:
            return
        data = self.data
        if data.n_forms is None:
            text = self.tr("Fewer than {n} forms match this selection: nothing is shown, to "
                           "protect the respondents.").format(n=data.min_n)
        else:
            text = self.tr("%Ln form(s), keyed {first} to {last}.", "",
                           int(data.n_forms)).format(first=data.first_day, last=data.last_day)
        rule = self.tr("Figures from fewer than {n} respondents are hidden.").format(
            n=QLocale().toString(int(data.min_n)))
        self.summary.setText(f"{text} {rule}")

    # -- exports (dashboard_exports.py) -------------------------------------------------------

    def export_charts(self, folder: str | None = None) -> list[Path]:
        """Every chart as PNG and SVG in a folder (asked for when not given)."""
        return self.exports.charts(folder)

    def export_tables(self, path: str | None = None) -> None:
        """The tables as an Excel workbook (.xlsx) or CSV files (.csv) next to each other."""
        self.exports.tables(path)

    def export_pdf(self, path: str | None = None) -> None:
        """The printable report of the current selection, in the program's language."""
        self.exports.pdf(path)
