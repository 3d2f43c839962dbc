"""`ActivityChart`: forms keyed per day (left) and forms per post (right), so the team lead
sees progress and coverage at a glance. Counts hidden by respondent protection are left
out and said to be hidden in the tooltip and, while the days are few, over the bar.

A round of seven months has over 200 days: a count over each bar and a date under each
one ran together into a black band, and making their 400 text items froze the window for
half a second. So the counts are written over the bars only up to a month of days (the
tooltip gives any day's), and the dates are labelled every week or more, at most
`MAX_DAY_TICKS` of them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyqtgraph as pg

from .chart_base import (ACTIVITY_BLUE, ChartBase, TextPool, count_ticks, fit_left_axis,
                         hidden_text, qcolor, shown_texts, style_axes)
from .score_bar_chart import short

MAX_DAY_VALUES = 31  # more days than this: no count over each bar
MAX_DAY_TICKS = 12
TICK_STEPS = (1, 7, 14, 28, 56, 91, 182, 364)  # days between two dated ticks


def tick_step(days: int) -> int:
    """Days between two labelled dates: every day when few, else whole weeks, so at most
    `MAX_DAY_TICKS` labels show."""
    for step in TICK_STEPS:
        if days <= step * MAX_DAY_TICKS:
            return step
    return -(-days // MAX_DAY_TICKS)


class ActivityChart(ChartBase):
    """Forms per day and per post. set_data takes rows (kind 'day' | 'post', label, n,
    suppressed)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.day_plot = self.add_plot(row=0, col=0)
        self.post_plot = self.add_plot(row=0, col=1)
        style_axes(self.day_plot, left=self.tr("Forms"))
        style_axes(self.post_plot)
        self.retranslate()
        self.post_plot.getAxis("left").setWidth(220)
        # Outlined in their own colour: 200 days' grey outlines striped the bars grey.
        self.day_bars = pg.BarGraphItem(x=[], height=[], width=0.7,
                                        brush=qcolor(ACTIVITY_BLUE),
                                        pen=pg.mkPen(qcolor(ACTIVITY_BLUE)))
        self.post_bars = pg.BarGraphItem(x0=[], y=[], width=[], height=0.7,
                                         brush=qcolor(ACTIVITY_BLUE))
        self.day_plot.addItem(self.day_bars)
        self.post_plot.addItem(self.post_bars)
        self.pools = {id(self.day_plot): TextPool(self.day_plot),
                      id(self.post_plot): TextPool(self.post_plot)}
        self.days = pd.DataFrame()
        self.posts = pd.DataFrame()
        self.watch_hover(self.day_plot)
        self.post_plot.scene().sigMouseMoved.connect(self._post_moved)

    def retranslate(self) -> None:
        self.set_title(self.day_plot, self.tr("Forms keyed per day"))
        self.set_title(self.post_plot, self.tr("Forms per post"))
        self.set_axis_title(self.day_plot, "left", self.tr("Forms"))
        if getattr(self, "_last", None) is not None:
            self.set_data(self._last)  # the 'hidden' notes again

    def set_data(self, df: pd.DataFrame) -> None:
        self._last = df
        df = shown_texts(df, ("label",))
        min_n = int(df.attrs.get("min_n", 5))
        hidden = hidden_text(self, min_n)
        for pool in self.pools.values():
            pool.begin()
        self.days = df[df["kind"] == "day"].reset_index(drop=True)
        self.posts = df[df["kind"] == "post"].reset_index(drop=True)
        self.days["x"] = np.arange(len(self.days), dtype=float)
        counts = self.days["n"].to_numpy(float)
        shown = np.isfinite(counts)
        self.day_bars.setOpts(x=self.days["x"].to_numpy()[shown], height=counts[shown],
                              width=0.7)
        step = tick_step(len(self.days))
        self.day_plot.getAxis("bottom").setTicks([[
            (x, str(label)[5:] if len(str(label)) == 10 else str(label))
            for x, label in zip(self.days["x"][::step], self.days["label"][::step])]])
        # Nothing shown (every day below the minimum): an axis up to the minimum, whose
        # hidden bars are below it, rather than 0 to 1 form.
        top = float(np.nanmax(counts)) if shown.any() else float(min_n)
        self.day_plot.setYRange(0, top * 1.15, padding=0)
        count_ticks(self.day_plot.getAxis("left"), top * 1.15)
        self.day_plot.setXRange(-0.6, max(len(self.days), 1) - 0.4, padding=0)
        if len(self.days) <= MAX_DAY_VALUES:
            for x, n in zip(self.days["x"], counts):
                self._add_text(self.day_plot, f"{int(n)}" if np.isfinite(n) else self.tr("hidden"),
                               x, (n if np.isfinite(n) else 0), (0.5, 1))
        self.posts["y"] = np.arange(len(self.posts), 0, -1, dtype=float)
        counts = self.posts["n"].to_numpy(float)
        shown = np.isfinite(counts)
        self.post_bars.setOpts(x0=np.zeros(shown.sum()), y=self.posts["y"].to_numpy()[shown],
                               width=counts[shown], height=0.7)
        ticks = [(y, short(str(label), 24)) for y, label in zip(self.posts["y"],
                                                                 self.posts["label"])]
        self.post_plot.getAxis("left").setTicks([ticks])
        fit_left_axis(self.post_plot, [label for _, label in ticks])
        right = float(np.nanmax(counts)) if shown.any() else float(min_n)
        self.post_plot.setXRange(0, right * 1.25, padding=0)
        count_ticks(self.post_plot.getAxis("bottom"), right * 1.25)
        self.post_plot.setYRange(0.4, len(self.posts) + 0.6, padding=0)
        for y, n in zip(self.posts["y"], counts):
            self._add_text(self.post_plot, f"{int(n)}" if np.isfinite(n) else hidden,
                           n if np.isfinite(n) else 0, y, (0, 0.5))
        for pool in self.pools.values():
            pool.end()

    def _add_text(self, plot, text, x, y, anchor) -> None:
        item = self.pools[id(plot)].take(text, anchor=anchor, points=11)
        item.setPos(x, y)

    def tooltip_at(self, x: float, y: float) -> str:
        if not len(self.days):
            return ""
        hit = self.days[(self.days["x"] - x).abs() < 0.4]
        if not len(hit):
            return ""
        row = hit.iloc[0]
        if not np.isfinite(row["n"]):
            return self.tr("{day}: hidden to protect respondents").format(day=row["label"])
        return self.tr("{day}: %Ln form(s)", "", int(row["n"])).format(day=row["label"])

    def post_tooltip_at(self, x: float, y: float) -> str:
        if not len(self.posts):
            return ""
        hit = self.posts[(self.posts["y"] - y).abs() < 0.4]
        if not len(hit):
            return ""
        row = hit.iloc[0]
        if not np.isfinite(row["n"]):
            return self.tr("{post}: hidden to protect respondents").format(post=row["label"])
        return self.tr("{post}: %Ln form(s)", "", int(row["n"])).format(post=row["label"])

    def _post_moved(self, scene_pos) -> None:
        view = self.post_plot.vb
        if view.sceneBoundingRect().contains(scene_pos):
            point = view.mapSceneToView(scene_pos)
            self.setToolTip(self.post_tooltip_at(point.x(), point.y()))
