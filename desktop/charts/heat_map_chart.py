"""`HeatMapChart`: the 5 x 5 risk matrix, impact across and likelihood up.

Cells are coloured by the band of likelihood x impact; every risk is a numbered badge at
its mean impact and mean likelihood, with whiskers for the 95% confidence intervals of both
means, and a legend beside the matrix names the numbered risks (or, when a risk register
beside the chart names them, only the levels). Each badge sits beside its point with a thin
leader line, placed in screen pixels so that it covers no other badge, no point and no cell's
score, at any window size.
"""

from __future__ import annotations

import html
from typing import Sequence

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter

from .chart_base import (INK, ChartBase, TextPool, font, hidden_text, qcolor, shown_label,
                         shown_texts, style_axes)
from ..domain.bands import band_position, interval_texts
from .score_bar_chart import _score_text, short

SIZE = 5
BADGE_PX = (30.0, 30.0)   # a badge's box on screen (13 pt bold number in a frame)
POINT_PX = 7.0            # keep this far from every risk's point
CELL_LABEL_PX = (22.0, 16.0)  # the score printed in each cell's lower right corner
CELL_INK = "#555555"      # the colour of the cells' scores
LABEL_MARGIN_PX = 4.0     # around a cell's score (a TextItem's document margin)
# Badge positions tried around a risk's point, in badge sizes, nearest first: the point
# and its whiskers stay visible, the number sits beside it with a leader line.
_DIRECTIONS = [(np.cos(a), np.sin(a))
               for a in np.linspace(np.pi / 4, 2 * np.pi + np.pi / 4, 12, endpoint=False)]
_RADII = (0.85, 1.25, 1.7, 2.2, 2.8, 3.5)
# Every candidate, in the order tried: radius by radius, each in every direction.
_OFFSETS = np.array([(dx * r, dy * r) for r in _RADII for dx, dy in _DIRECTIONS])


class HeatMapChart(ChartBase):
    """Risks on the likelihood x impact matrix. `bands`: (min, max, colour, label) tuples,
    ascending."""

    def __init__(self, bands: Sequence[tuple[int, int, str, str]], parent=None):
        super().__init__(parent)
        self.bands = list(bands)
        self.legend_points = 11
        self.legend_chars = 28  # risk labels are cut to this length in the legend
        self.legend_names = True  # False when a risk register is shown beside the chart
        self.plot = self.add_plot(row=0, col=0)
        self.legend = self.addLabel("", row=0, col=1, justify="left")
        self.ci.layout.setColumnStretchFactor(0, 3)
        self.ci.layout.setColumnStretchFactor(1, 2)
        style_axes(self.plot, bottom=self.tr("Impact →"), left=self.tr("Likelihood →"))
        self.retranslate()
        ticks = [[(v, str(v)) for v in range(1, SIZE + 1)]]
        self.plot.getAxis("bottom").setTicks(ticks)
        self.plot.getAxis("left").setTicks(ticks)
        self.plot.setXRange(0.5, SIZE + 0.5, padding=0)
        self.plot.setYRange(0.5, SIZE + 0.5, padding=0)
        self.cell_bands: dict[tuple[int, int], str] = {}
        # The 25 cells and their scores are one item: 50 graphics items cost about 0.1 s
        # to add on a busy laptop, in the UI step that makes the chart.
        self.cells = _Cells(self._cell_colours())
        self.plot.addItem(self.cells)
        self.whiskers = pg.ErrorBarItem(x=np.array([]), y=np.array([]),
                                        pen=pg.mkPen(INK, width=2), beam=0.07)
        self.plot.addItem(self.whiskers)
        self.leaders = pg.PlotDataItem(connect="pairs", pen=pg.mkPen(INK, width=1.5))
        self.plot.addItem(self.leaders)
        self.points = pg.ScatterPlotItem(size=11, brush=pg.mkBrush(INK), pen=pg.mkPen("w"))
        self.plot.addItem(self.points)
        self.badges: list[pg.TextItem] = []
        self._badge_pool = TextPool(self.plot, border=pg.mkPen(INK, width=1.5),
                                    fill=pg.mkBrush("w"))
        self.data = pd.DataFrame()
        self._shown = pd.DataFrame()
        self.watch_hover(self.plot)
        # Badge room depends on the plot's size on screen: place them again on resize.
        self.plot.vb.sigResized.connect(self._replace_badges)

    def retranslate(self) -> None:
        self.set_title(self.plot, self.tr("Risk heat map"))
        self.set_axis_title(self.plot, "bottom", self.tr("Impact →"))
        self.set_axis_title(self.plot, "left", self.tr("Likelihood →"))
        if len(getattr(self, "data", ())):
            self.legend.setText(self._legend_html())

    def band_of(self, score: float) -> tuple[int, int, str, str] | None:
        """The band of a score: half-open intervals [min, next min), as in the analysis."""
        index = band_position(score, [band[0] for band in self.bands])
        return None if index is None else self.bands[index]

    def _cell_colours(self) -> dict[tuple[int, int], QColor]:
        """The colour of each (impact, likelihood) cell, from its band; band names too."""
        colours = {}
        for impact in range(1, SIZE + 1):
            for likelihood in range(1, SIZE + 1):
                band = self.band_of(impact * likelihood)
                colours[(impact, likelihood)] = qcolor(band[2] if band else "", 235)
                self.cell_bands[(impact, likelihood)] = shown_label(band[3]) if band else ""
        return colours

    def cell_colour(self, impact: int, likelihood: int) -> QColor:
        """The colour the cell (impact, likelihood) is painted in."""
        return self.cells.colours[(impact, likelihood)]

    def cell_label_rects(self) -> list[QRectF]:
        """Where each cell's score is printed, in scene pixels."""
        return self.cells.label_rects()

    def set_data(self, df: pd.DataFrame) -> None:
        """Plot the overall scores (rows with dimension 'all' when the column exists)."""
        if "dimension" in df.columns:
            df = df[df["dimension"] == "all"]
        self.data = shown_texts(df, ("risk_label", "level_label")).reset_index(drop=True)
        shown = self.data[~self.data["suppressed"].astype(bool)] if len(self.data) else df
        shown = shown.dropna(subset=["mean_impact", "mean_likelihood"])
        x = shown["mean_impact"].to_numpy(float)
        y = shown["mean_likelihood"].to_numpy(float)
        self.points.setData(x=x, y=y, data=shown["number"].to_numpy())
        self.whiskers.setData(
            x=x, y=y,
            left=np.nan_to_num(x - shown["impact_ci_low"].to_numpy(float)),
            right=np.nan_to_num(shown["impact_ci_high"].to_numpy(float) - x),
            bottom=np.nan_to_num(y - shown["likelihood_ci_low"].to_numpy(float)),
            top=np.nan_to_num(shown["likelihood_ci_high"].to_numpy(float) - y))
        self._shown = shown
        self._place_badges(shown, x, y)
        self.legend.setText(self._legend_html())

    def set_bands(self, bands) -> None:
        """New band labels (same limits and colours expected; cells are recoloured)."""
        self.bands = list(bands)
        self.cells.set_colours(self._cell_colours())
        if len(self.data):
            self.legend.setText(self._legend_html())

    def set_legend_chars(self, chars: int) -> None:
        """Cut risk labels in the legend to `chars` (wider exports show them whole)."""
        self.legend_chars = chars
        if len(self.data):
            self.legend.setText(self._legend_html())

    def set_legend_names(self, show: bool) -> None:
        """Name the numbered risks in the legend (False: only the bands, when a risk
        register beside the chart names them in full)."""
        self.legend_names = show
        self.ci.layout.setColumnStretchFactor(1, 2 if show else 0)
        self.legend.setText(self._legend_html())

    def _replace_badges(self, *_args) -> None:
        shown = self._shown
        if len(shown):
            self._place_badges(shown, shown["mean_impact"].to_numpy(float),
                               shown["mean_likelihood"].to_numpy(float))

    def _units_per_pixel(self) -> tuple[float, float]:
        """Data units per screen pixel of the plot (a sensible guess before layout)."""
        width, height = self.plot.vb.width(), self.plot.vb.height()
        if width < 50 or height < 50:
            return 5.0 / 420, 5.0 / 420
        return (SIZE / width, SIZE / height)

    def _place_badges(self, shown: pd.DataFrame, x: np.ndarray, y: np.ndarray) -> None:
        self._badge_pool.begin()
        sx, sy = self._units_per_pixel()
        placer = _Placer(sx, sy, list(zip(x, y)))
        placed: list[tuple[float, float]] = []
        lines: list[float] = []
        order = np.argsort(-shown["mean_score"].to_numpy(float), kind="stable")
        for i in order:
            bx, by = placer.spot(x[i], y[i])
            placed.append((bx, by))
            badge = self._badge_pool.take(html=f"<b>{int(shown['number'].iloc[i])}</b>",
                                          anchor=(0.5, 0.5), points=13, bold=True)
            badge.setPos(bx, by)
            badge.setZValue(10)
            lines += [x[i], y[i], bx, by]
        self.badges = self._badge_pool.end()
        pairs = np.array(lines, dtype=float).reshape(-1, 2)
        self.leaders.setData(x=pairs[:, 0], y=pairs[:, 1]) if len(pairs) else \
            self.leaders.setData(x=[], y=[])

    def _legend_html(self) -> str:
        rows = []
        min_n = int(self.data.attrs.get("min_n", 5))
        ordered = self.data.sort_values("number") if len(self.data) else self.data
        for _, row in ordered.iterrows():
            if not self.legend_names:
                break
            label = html.escape(short(str(row["risk_label"]), self.legend_chars))
            if row["suppressed"]:
                label += f" <i>({html.escape(hidden_text(self, min_n))})</i>"
            rows.append(f"<tr><td align='right'><b>{int(row['number'])}</b>&nbsp;</td>"
                        f"<td>{label}</td></tr>")
        ranges = interval_texts([band[0] for band in self.bands],
                                self.bands[-1][1] if self.bands else SIZE * SIZE)
        swatches = "".join(
            f"<span style='background-color:{colour}'>&nbsp;&nbsp;&nbsp;&nbsp;</span>"
            f"&nbsp;{html.escape(shown_label(label))} ({html.escape(ranges[i])})&nbsp;&nbsp; "
            + ("<br/>" if i % 2 or not self.legend_names else "")
            for i, (low, high, colour, label) in enumerate(self.bands))
        return (f"<div style='font-size:{self.legend_points}pt; color:{INK}'>"
                f"<table cellspacing='2'>{''.join(rows)}</table>"
                f"<br/>{swatches}</div>")

    def tooltip_at(self, x: float, y: float) -> str:
        text = self._risk_tooltip(x, y) if len(self.data) else ""
        if text:
            return text
        if 0.5 <= x <= SIZE + 0.5 and 0.5 <= y <= SIZE + 0.5:
            impact, likelihood = int(round(x)), int(round(y))
            return self.tr("Likelihood {l} x impact {i} = {s}: {band}").format(
                l=likelihood, i=impact, s=likelihood * impact,
                band=self.cell_bands.get((impact, likelihood), ""))
        return ""

    def _risk_tooltip(self, x: float, y: float) -> str:
        shown = self.data[~self.data["suppressed"].astype(bool)]
        for badge, (_, row) in zip(self.badges, shown.sort_values(
                "mean_score", ascending=False, kind="stable").iterrows()):
            pos = badge.pos()
            near_badge = abs(pos.x() - x) < 0.17 and abs(pos.y() - y) < 0.17
            near_point = (abs(row["mean_impact"] - x) < 0.12
                          and abs(row["mean_likelihood"] - y) < 0.12)
            if near_badge or near_point:
                return self.tr(
                    "{number}. {label}\nMean likelihood {lik:.2f} ({lik_lo:.2f}-{lik_hi:.2f})\n"
                    "Mean impact {imp:.2f} ({imp_lo:.2f}-{imp_hi:.2f})\n"
                    "Mean score {score} ({s_lo:.1f}-{s_hi:.1f}), {level}\n"
                    "Likelihood 4-5: {likely:.0%}\nn = {n}").format(
                    number=int(row["number"]), label=row["risk_label"],
                    lik=row["mean_likelihood"], lik_lo=row["likelihood_ci_low"],
                    lik_hi=row["likelihood_ci_high"], imp=row["mean_impact"],
                    imp_lo=row["impact_ci_low"], imp_hi=row["impact_ci_high"],
                    score=_score_text(row), s_lo=row["score_ci_low"],
                    s_hi=row["score_ci_high"], level=row["level_label"],
                    likely=row["share_likely"], n=int(row["n"]))
        return ""


class _Cells(pg.GraphicsObject):
    """The matrix: each cell filled with its band's colour inside a white 2 px line, its
    score (likelihood x impact) in small grey type in its lower right corner, kept the
    same size in pixels whatever the size of the plot."""

    def __init__(self, colours: dict[tuple[int, int], QColor]):
        super().__init__()
        self.colours = colours
        self.pen = pg.mkPen("w", width=2)
        self.font = font(9)
        self.ink = QColor(CELL_INK)
        self.setZValue(-10)

    def set_colours(self, colours: dict[tuple[int, int], QColor]) -> None:
        self.colours = colours
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return QRectF(0.5, 0.5, SIZE, SIZE)

    def _label_boxes(self, to_pixels) -> list[tuple[str, QRectF]]:
        """(score, box in pixels) of every cell: the box's lower right corner at the
        cell's (in the plot, y up), the text's size plus a margin around it, as a
        pyqtgraph TextItem anchored at (1, 1) would be."""
        metrics = QFontMetricsF(self.font)
        boxes = []
        for (impact, likelihood) in self.colours:
            text = str(impact * likelihood)
            corner = to_pixels(QPointF(impact + 0.47, likelihood - 0.47))
            width = metrics.horizontalAdvance(text) + 2 * LABEL_MARGIN_PX
            height = metrics.height() + 2 * LABEL_MARGIN_PX
            boxes.append((text, QRectF(corner.x() - width, corner.y() - height,
                                       width, height)))
        return boxes

    def label_rects(self) -> list[QRectF]:
        """The boxes of the scores in scene pixels."""
        return [box for _, box in self._label_boxes(self.mapToScene)]

    def paint(self, painter: QPainter, *_args) -> None:
        painter.setPen(self.pen)
        for (impact, likelihood), colour in self.colours.items():
            painter.setBrush(colour)
            painter.drawRect(QRectF(impact - 0.5, likelihood - 0.5, 1, 1))
        boxes = self._label_boxes(painter.transform().map)
        painter.save()
        painter.resetTransform()  # the scores in pixels, upright
        painter.setFont(self.font)
        painter.setPen(self.ink)
        for text, box in boxes:
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


class _Placer:
    """Finds badge positions that overlap no other badge, no risk's point and no cell's
    score label, inside the matrix; measured in screen pixels so the test holds at any
    window size. When nothing is free nearby, the position with the least overlap wins."""

    def __init__(self, sx: float, sy: float, points: list[tuple[float, float]]):
        self.sx, self.sy = sx, sy
        self.half_w, self.half_h = BADGE_PX[0] * sx / 2, BADGE_PX[1] * sy / 2
        self.points = points
        self.boxes: list[tuple[float, float, float, float]] = []
        # Cell score labels: anchored at the lower right corner of each cell.
        for impact in range(1, SIZE + 1):
            for likelihood in range(1, SIZE + 1):
                right, bottom = impact + 0.47, likelihood - 0.47
                self.boxes.append((right - CELL_LABEL_PX[0] * sx, bottom,
                                   right, bottom + CELL_LABEL_PX[1] * sy))

    def _overlaps(self, bx: np.ndarray, by: np.ndarray) -> np.ndarray:
        """The overlap of a badge at each (bx, by) with the boxes taken (cell scores and
        badges placed) and the risks' points, all candidates at once."""
        boxes = np.asarray(self.boxes, dtype=float)
        left, right = bx - self.half_w, bx + self.half_w
        bottom, top = by - self.half_h, by + self.half_h
        w = (np.minimum(right[:, None], boxes[None, :, 2])
             - np.maximum(left[:, None], boxes[None, :, 0]))
        h = (np.minimum(top[:, None], boxes[None, :, 3])
             - np.maximum(bottom[:, None], boxes[None, :, 1]))
        total = np.where((w > 0) & (h > 0), w * h, 0.0).sum(axis=1)
        if self.points:
            points = np.asarray(self.points, dtype=float)
            rx, ry = POINT_PX * self.sx, POINT_PX * self.sy
            dx = np.maximum(np.abs(bx[:, None] - points[None, :, 0]) - self.half_w, 0.0) / rx
            dy = np.maximum(np.abs(by[:, None] - points[None, :, 1]) - self.half_h, 0.0) / ry
            total += (dx * dx + dy * dy < 1.0).sum(axis=1) * (self.half_w * self.half_h)
        return total

    def spot(self, x: float, y: float) -> tuple[float, float]:
        """The first candidate (nearest first) that covers nothing, else the one that
        covers least (the first of equals)."""
        low_x, high_x = 0.5 + self.half_w, SIZE + 0.5 - self.half_w
        low_y, high_y = 0.5 + self.half_h, SIZE + 0.5 - self.half_h
        bx = np.clip(x + _OFFSETS[:, 0] * 2 * self.half_w, low_x, high_x)
        by = np.clip(y + _OFFSETS[:, 1] * 2 * self.half_h, low_y, high_y)
        cost = self._overlaps(bx, by)
        free = np.flatnonzero(cost == 0.0)
        best = int(free[0]) if len(free) else int(np.argmin(cost))
        return self._take(float(bx[best]), float(by[best]))

    def _take(self, bx: float, by: float) -> tuple[float, float]:
        self.boxes.append((bx - self.half_w, by - self.half_h, bx + self.half_w,
                           by + self.half_h))
        return bx, by
