"""What every dashboard chart shares: a white pyqtgraph canvas with large type (readable
on a projector), a colour-blind-safe palette, hover tooltips and PNG/SVG export.

A chart is fed with `set_data(df)` and never queries. Subclasses implement `tooltip_at(x, y)`
(in data coordinates, so tests can ask for a tooltip without a mouse). The texts a chart
shows (risk, question, post and band labels: a questionnaire or answers that came in a
bundle) pass through `shown_texts`/`shown_label`, so a control character is drawn as its
escape (\\u202e, \\x1b) and cannot reorder or garble a label.
"""

from __future__ import annotations

from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QBuffer, QIODevice, QPointF
from PySide6.QtGui import QColor, QFont

from ..domain.atomic_files import write_atomically
from ..domain.plain_names import has_control, printable

INK = "#222222"
GRID = "#bbbbbb"
SUPPRESSED_GREY = "#9e9e9e"
ACTIVITY_BLUE = "#0072B2"  # Okabe-Ito blue
# ColorBrewer RdBu (colour-blind safe): strongly disagree .. strongly agree, neutral grey.
LIKERT_COLOURS = ("#ca0020", "#f4a582", "#d9d9d9", "#92c5de", "#0571b0")
TICK_POINTS = 12
COUNT_STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)  # whole ticks
LABEL_POINTS = 14
TITLE_POINTS = 15


def png_bytes(image) -> bytes:
    """A QImage or QPixmap as PNG bytes, encoded in memory so the file itself is written by
    `write_atomically` (which reports a full disk; Qt's own save only returns False)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    try:
        if not image.save(buffer, "PNG"):
            raise ValueError("the chart image could not be encoded as PNG")
        return bytes(buffer.data())
    finally:
        buffer.close()


def shown_label(value):
    """A label as a chart shows it: a text with its control characters escaped (see
    domain/plain_names.py); anything else unchanged."""
    return printable(value) if isinstance(value, str) else value


def shown_texts(df, columns: tuple[str, ...]):
    """`df` with the text `columns` as `shown_label` shows them: the same frame when no
    cell holds a control character (the usual case costs one scan), else a copy."""
    changed = {}
    for column in columns:
        if column in df.columns and df[column].map(
                lambda v: isinstance(v, str) and has_control(v)).any():
            changed[column] = df[column].map(shown_label)
    if not changed:
        return df
    shown = df.assign(**changed)
    shown.attrs = dict(df.attrs)
    return shown


def font(points: int = TICK_POINTS, bold: bool = False) -> QFont:
    result = QFont()
    result.setPointSize(points)
    result.setBold(bold)
    return result


def style_axes(plot: pg.PlotItem, bottom: str = "", left: str = "") -> None:
    """Large ticks and axis titles, no mouse panning or zooming, no context menu."""
    plot.setMenuEnabled(False)
    plot.hideButtons()
    plot.setMouseEnabled(x=False, y=False)
    plot.vb.setMouseEnabled(False, False)
    for name, title in (("bottom", bottom), ("left", left)):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen(INK))
        axis.setTextPen(pg.mkPen(INK))
        axis.setTickFont(font(TICK_POINTS))
        if title:
            axis.setLabel(title, **{"color": INK, "font-size": f"{LABEL_POINTS}pt"})


def fit_left_axis(plot: pg.PlotItem, labels: list[str], widest: int = 460) -> None:
    """Make the left axis wide enough for its tick labels (pyqtgraph drops labels that do
    not fit)."""
    from PySide6.QtGui import QFontMetrics
    metrics = QFontMetrics(font(TICK_POINTS))
    needed = max((metrics.horizontalAdvance(label) for label in labels), default=40)
    plot.getAxis("left").setWidth(min(widest, needed + 24))


def count_ticks(axis: pg.AxisItem, top: float) -> None:
    """Ticks at whole numbers on an axis of counts (forms): pyqtgraph's own choice on a
    short range is 0.2, 0.4, ... forms, which no one can have keyed."""
    step = next(step for step in COUNT_STEPS if top / step <= 6) \
        if top <= COUNT_STEPS[-1] * 6 else None
    if step is None:
        axis.setTickSpacing()  # a long range: pyqtgraph's whole steps
    else:
        axis.setTickSpacing(step, step)


def qcolor(hex_colour: str, alpha: int = 255) -> QColor:
    colour = QColor(hex_colour or SUPPRESSED_GREY)
    colour.setAlpha(alpha)
    return colour


class TextPool:
    """Text items of one plot, reused from one `set_data` to the next: creating and
    adding graphics items is most of a redraw's cost."""

    def __init__(self, plot: pg.PlotItem, **options):
        self.plot = plot
        self.options = options
        self.items: list[pg.TextItem] = []
        self.used = 0

    def begin(self) -> None:
        self.used = 0

    def take(self, text: str = "", html: str | None = None, anchor=(0, 0.5),
             points: int = 11, bold: bool = False) -> pg.TextItem:
        """A visible text item showing `text` (or `html`)."""
        if self.used < len(self.items):
            item = self.items[self.used]
        else:
            item = pg.TextItem("", color=INK, **self.options)
            self.plot.addItem(item)
            self.items.append(item)
        self.used += 1
        if html is not None:
            item.setHtml(html)
        else:
            item.setText(text, color=INK)
        item.setAnchor(anchor)
        item.setFont(font(points, bold))
        item.show()
        return item

    def end(self) -> list[pg.TextItem]:
        """Hide the items not taken; return those in use."""
        for item in self.items[self.used:]:
            item.hide()
        return self.items[: self.used]


class ChartBase(pg.GraphicsLayoutWidget):
    """A chart canvas with a title, hover tooltips and export."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setBackground("w")
        self.ci.setContentsMargins(6, 6, 6, 6)
        self.setMinimumSize(420, 300)
        self._hover_plot: pg.PlotItem | None = None
        self.scene().sigMouseMoved.connect(self._mouse_moved)

    def add_plot(self, row: int | None = None, col: int | None = None) -> pg.PlotItem:
        """A plot in the chart's grid, made without the view's context menu (the charts
        never show one: making it cost ~5-10 ms per plot, in the step that makes the
        chart)."""
        return self.addPlot(row=row, col=col, enableMenu=False)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        from PySide6.QtCore import QEvent
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Titles and axis labels in the language just installed (subclasses)."""

    def set_axis_title(self, plot: pg.PlotItem, name: str, title: str) -> None:
        """An axis title in the charts' style."""
        plot.getAxis(name).setLabel(title, **{"color": INK, "font-size": f"{LABEL_POINTS}pt"})

    def set_title(self, plot: pg.PlotItem, title: str) -> None:
        label = plot.titleLabel
        # A long title must not force the plot wider than the window (pyqtgraph would
        # otherwise push the right part of the chart out of view): only its height counts.
        label.updateMin = lambda: (label.setMinimumWidth(0), label.setMinimumHeight(
            label.item.mapRectToParent(label.item.boundingRect()).height()))
        plot.setTitle(title, color=INK, size=f"{TITLE_POINTS}pt", bold=True)

    def watch_hover(self, plot: pg.PlotItem) -> None:
        """Show `tooltip_at` of the data point under the mouse in this plot."""
        self._hover_plot = plot

    def tooltip_at(self, x: float, y: float) -> str:
        """The figures under data coordinates (x, y), or '' (subclasses)."""
        return ""

    def _mouse_moved(self, scene_pos: QPointF) -> None:
        if self._hover_plot is None:
            return
        view = self._hover_plot.vb
        if not view.sceneBoundingRect().contains(scene_pos):
            self.setToolTip("")
            return
        point = view.mapSceneToView(scene_pos)
        self.setToolTip(self.tooltip_at(point.x(), point.y()))

    def save_png(self, path: str | Path, width: int = 1400, height: int = 900) -> Path:
        """Render the chart at a fixed size (independent of the window) to a PNG."""
        old = self.size()
        self.resize(width, height)
        image = self.grab()
        self.resize(old)
        return write_atomically(Path(path), png_bytes(image))

    def save_svg(self, path: str | Path, width: int = 1400, height: int = 900) -> Path:
        """Render the chart as vector SVG through Qt's SVG generator (pyqtgraph's own SVG
        exporter cannot parse the paths Qt 6.11 writes)."""
        from PySide6.QtCore import QRect, QSize
        from PySide6.QtGui import QPainter
        from PySide6.QtSvg import QSvgGenerator
        path = Path(path)
        old = self.size()
        self.resize(width, height)
        buffer = QBuffer()  # painted in memory, then written whole or not at all
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        generator = QSvgGenerator()
        generator.setOutputDevice(buffer)
        generator.setSize(QSize(width, height))
        generator.setViewBox(QRect(0, 0, width, height))
        generator.setTitle(self.windowTitle() or "RiskMap chart")
        painter = QPainter(generator)
        try:
            self.render(painter)
        finally:
            painter.end()
            self.resize(old)
        data = bytes(buffer.data())
        buffer.close()
        return write_atomically(path, data)


def hidden_text(_chart, min_n: int) -> str:
    """The marker of a suppressed figure, through Qt's translation."""
    from PySide6.QtCore import QCoreApplication
    return QCoreApplication.translate("Charts", "hidden (min. {n})").format(n=min_n)

