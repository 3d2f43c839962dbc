"""`ChartSet`: the four dashboard charts fed from one `DashboardData` together, so every
chart always shows the same filter; also renders them to images for PNG export and the
PDF report."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Sequence

from PySide6.QtGui import QImage

from .activity_chart import ActivityChart
from ..domain.atomic_files import write_all
from .chart_base import ChartBase, png_bytes
from .climate_chart import ClimateChart
from .heat_map_chart import HeatMapChart
from .score_bar_chart import ScoreBarChart

CHART_NAMES = ("heat_map", "scores", "climate", "activity")
# Export sizes (pixels): wide enough for the labels, type still large when printed.
EXPORT_SIZES = {"heat_map": (1300, 760), "scores": (1300, 720), "climate": (1300, 640),
                "activity": (1300, 600)}
# In the A4 report the charts are drawn smaller, so their type stays readable on paper.
REPORT_SIZES = {"heat_map": (980, 700), "scores": (980, 600), "climate": (980, 540),
                "activity": (980, 460)}


def bands_of(questionnaire, lang: str) -> list[tuple[int, int, str, str]]:
    """(min, max, colour, label) of the questionnaire's risk bands."""
    return [(band.min, band.max, band.color, band.label.text(lang))
            for band in questionnaire.bands]


class ChartSet:
    """The heat map, ranked scores, climate and activity charts.

    With `lazy=True` each chart is made on first use, or by `build(name)` and
    `build_next()` one at a time: the dashboard makes each in its own turn of the event
    loop and feeds it (`feed`) in another, so no single step holds the window for all four
    (about 0.2 s on a busy laptop). `built` is called with (name, chart) as each is
    made."""

    def __init__(self, bands: Sequence[tuple[int, int, str, str]], parent=None,
                 lazy: bool = False,
                 built: Callable[[str, ChartBase], None] | None = None):
        self._bands = list(bands)
        self._parent = parent
        self._built: dict[str, ChartBase] = {}
        self._on_built = built
        if not lazy:
            while self.build_next():
                pass

    def chart(self, name: str) -> ChartBase:
        """The chart `name` (one of CHART_NAMES), made now if it was not yet."""
        chart = self._built.get(name)
        if chart is None:
            maker = {"heat_map": lambda: HeatMapChart(self._bands, self._parent),
                     "scores": lambda: ScoreBarChart(self._bands, self._parent),
                     "climate": lambda: ClimateChart(self._parent),
                     "activity": lambda: ActivityChart(self._parent)}[name]
            chart = self._built[name] = maker()
            if self._on_built is not None:
                self._on_built(name, chart)
        return chart

    def build(self, name: str) -> bool:
        """Make the chart `name` unless it exists; True if it was made now."""
        if name in self._built:
            return False
        self.chart(name)
        return True

    def build_next(self) -> bool:
        """Make the next chart not made yet; False when all four exist."""
        return any(self.build(name) for name in CHART_NAMES)

    heat_map = property(lambda self: self.chart("heat_map"))
    scores = property(lambda self: self.chart("scores"))
    climate = property(lambda self: self.chart("climate"))
    activity = property(lambda self: self.chart("activity"))

    def charts(self) -> dict[str, ChartBase]:
        return {name: self.chart(name) for name in CHART_NAMES}

    def set_bands(self, bands: Sequence[tuple[int, int, str, str]]) -> None:
        """Use these risk bands (e.g. after the language changed)."""
        self._bands = list(bands)
        if "heat_map" in self._built:
            self._built["heat_map"].set_bands(bands)
        if "scores" in self._built:
            self._built["scores"].bands = list(bands)

    def set_data(self, data) -> None:
        """Feed every chart from one DashboardData (the score charts draw the overall rows:
        the group rows are not worked out for them)."""
        for name in CHART_NAMES:
            self.feed(name, data)

    def feed(self, name: str, data) -> None:
        """Feed the chart `name` its part of a DashboardData (made now if it was not)."""
        chart = self.chart(name)
        if name in ("heat_map", "scores"):
            chart.set_data(data.overall)
        elif name == "climate":
            chart.set_data(data.climate)
        else:
            chart.set_data(data.activity())

    def images(self, sizes: dict[str, tuple[int, int]] | None = None) -> dict[str, QImage]:
        """Each chart rendered at its export size (or the sizes given)."""
        result = {}
        chars, names = self.heat_map.legend_chars, self.heat_map.legend_names
        self.heat_map.set_legend_chars(60)  # exports have room for whole labels
        self.heat_map.set_legend_names(True)  # and no register beside them
        try:
            for name, chart in self.charts().items():
                width, height = (sizes or EXPORT_SIZES)[name]
                old = chart.size()
                chart.resize(width, height)
                result[name] = chart.grab().toImage()
                chart.resize(old)
        finally:
            self.heat_map.set_legend_chars(chars)
            self.heat_map.set_legend_names(names)
        return result

    def save_png(self, out_dir: str | Path) -> list[Path]:
        """<name>.png of every chart in `out_dir`."""
        out_dir = Path(out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        paths = []
        files = {out_dir / f"{name}.png": png_bytes(image)
                 for name, image in self.images().items()}
        paths.extend(write_all(files))
        return paths

    def save_svg(self, out_dir: str | Path) -> list[Path]:
        """<name>.svg of every chart (vector)."""
        out_dir = Path(out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        return [chart.save_svg(out_dir / f"{name}.svg", *EXPORT_SIZES[name])
                for name, chart in self.charts().items()]
