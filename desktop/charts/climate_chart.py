"""`ClimateChart`: diverging stacked bars of the integrity-climate items.

Disagreement (1, 2) grows left of zero, agreement (4, 5) right, the neutral middle point is
split across zero; shares are percentages of valid answers. Answer groups hidden to protect
respondents are drawn together as one grey segment at the right end (their combined share
is no secret: it is 100% minus the shown ones).
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import pyqtgraph as pg

from .chart_base import (INK, LIKERT_COLOURS, SUPPRESSED_GREY, ChartBase, fit_left_axis,
                         hidden_text, qcolor, shown_label, shown_texts, style_axes)
from .score_bar_chart import short

POINTS = 5


class ClimateChart(ChartBase):
    """Integrity-climate items as diverging stacked bars."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.plot = self.add_plot(row=0, col=0)
        self.legend = self.addLabel("", row=1, col=0)
        style_axes(self.plot, bottom=self.tr("% of valid answers (disagree ← → agree)"))
        self.set_title(self.plot, self.tr("Integrity climate"))
        self.plot.getAxis("left").setWidth(300)
        self.plot.addItem(pg.InfiniteLine(pos=0, angle=90, pen=pg.mkPen(INK, width=1.5)))
        self.segments = [pg.BarGraphItem(x0=[], y=[], height=0.66, width=[],
                                         brush=qcolor(colour), pen=pg.mkPen("w", width=1))
                         for colour in LIKERT_COLOURS]
        self.hidden = pg.BarGraphItem(x0=[], y=[], height=0.66, width=[],
                                      brush=qcolor(SUPPRESSED_GREY),
                                      pen=pg.mkPen("w", width=1))
        for item in (*self.segments, self.hidden):
            self.plot.addItem(item)
        self.table = pd.DataFrame()
        self.watch_hover(self.plot)

    def retranslate(self) -> None:
        self.set_title(self.plot, self.tr("Integrity climate"))
        self.set_axis_title(self.plot, "bottom",
                            self.tr("% of valid answers (disagree ← → agree)"))
        if getattr(self, "_last", None) is not None:
            self.set_data(self._last)

    def set_data(self, df: pd.DataFrame) -> None:
        """df: one row per (question, code) with share, count, n, suppressed and labels."""
        self._last = df
        df = shown_texts(df, ("question_label",))
        items = list(dict.fromkeys(df["question"])) if len(df) else []
        shares = np.zeros((len(items), POINTS))
        hidden = np.zeros(len(items))
        ns = np.full(len(items), np.nan)
        for i, item in enumerate(items):
            rows = df[df["question"] == item]
            for _, row in rows.iterrows():
                code = int(row["code"])
                if not row["suppressed"] and 1 <= code <= POINTS:
                    shares[i, code - 1] = row["share"] * 100
                    ns[i] = row["n"]
            hidden[i] = 100 - shares[i].sum() if np.isfinite(ns[i]) else 0.0
        self.shares, self.hidden_shares, self.ns, self.items = shares, hidden, ns, items
        ys = np.arange(len(items), 0, -1, dtype=float)
        starts = -(shares[:, 0] + shares[:, 1] + shares[:, 2] / 2)
        left = starts.copy()
        for code in range(POINTS):
            self.segments[code].setOpts(x0=left.copy(), y=ys, width=shares[:, code],
                                        height=0.66)
            left = left + shares[:, code]
        self.hidden.setOpts(x0=left, y=ys, width=hidden, height=0.66)
        self.ys = ys
        labels = {}
        if len(df):
            labels = dict(zip(df["question"], zip(df["number"], df["question_label"])))
        self.labels = labels
        ticks = [(y, f"{labels[item][0]} {short(str(labels[item][1]), 30)}")
                 for y, item in zip(ys, items)]
        self.plot.getAxis("left").setTicks([ticks])
        fit_left_axis(self.plot, [label for _, label in ticks])
        self.plot.setYRange(0.4, len(items) + 0.6, padding=0)
        extent = max(60.0, float(np.max(np.abs(np.concatenate([starts, left + hidden]))))
                     if len(items) else 60.0)
        self.plot.setXRange(-extent, extent, padding=0.02)
        ticks = [v for v in range(-100, 101, 20) if abs(v) <= extent]
        self.plot.getAxis("bottom").setTicks([[(v, f"{abs(v)}") for v in ticks]])
        low, high = df.attrs.get("anchors", ("1", str(POINTS)))
        min_n = int(df.attrs.get("min_n", 5))
        swatches = "".join(
            f"<span style='background-color:{colour}'>&nbsp;&nbsp;&nbsp;&nbsp;</span>&nbsp;{code}"
            f"&nbsp;&nbsp; " for code, colour in enumerate(LIKERT_COLOURS, start=1))
        self.legend.setText(
            f"<span style='font-size:11pt; color:{INK}'>1 = {html.escape(shown_label(low))} … "
            f"{POINTS} = {html.escape(shown_label(high))}&nbsp;&nbsp; {swatches}"
            f"<span style='background-color:{SUPPRESSED_GREY}'>&nbsp;&nbsp;&nbsp;&nbsp;</span>"
            f"&nbsp;{html.escape(hidden_text(self, min_n))}</span>")

    def tooltip_at(self, x: float, y: float) -> str:
        if not getattr(self, "items", None):
            return ""
        index = int(np.argmin(np.abs(self.ys - y)))
        if abs(self.ys[index] - y) > 0.4:
            return ""
        item = self.items[index]
        number, label = self.labels[item]
        if not np.isfinite(self.ns[index]):
            return self.tr("{number} {label}: hidden to protect respondents").format(
                number=number, label=label)
        parts = "  ".join(f"{code}: {share:.0f}%" for code, share in
                          enumerate(self.shares[index], start=1))
        text = self.tr("{number} {label}\n{parts}\nn = {n}").format(
            number=number, label=label, parts=parts, n=int(self.ns[index]))
        if self.hidden_shares[index] > 0:
            text += "\n" + self.tr("Hidden: {share:.0f}%").format(
                share=self.hidden_shares[index])
        return text
