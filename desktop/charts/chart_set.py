"""`ChartSet`: the four dashboard charts fed from one `DashboardData` together, so every
chart always shows the same filter; also renders them to images for PNG export and the
PDF report."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

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
    """The heat map, ranked scores, climate and activity charts."""

    def __init__(self, bands: Sequence[tuple[int, int, str, str]], parent=None):
        self.heat_map = HeatMapChart(bands, parent)
        self.scores = ScoreBarChart(bands, parent)
        self.climate = ClimateChart(parent)
        self.activity = ActivityChart(parent)

    def charts(self) -> dict[str, ChartBase]:
        return {"heat_map": self.heat_map, "scores": self.scores, "climate": self.climate,
                "activity": self.activity}

    def set_bands(self, bands: Sequence[tuple[int, int, str, str]]) -> None:
        """Use these risk bands (e.g. after the language changed)."""
        self.heat_map.set_bands(bands)
        self.scores.bands = list(bands)

    def set_data(self, data) -> None:
        """Feed every chart from one DashboardData."""
        self.heat_map.set_data(data.scores)
        self.scores.set_data(data.scores)
        self.climate.set_data(data.climate)
        self.activity.set_data(data.activity())

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
