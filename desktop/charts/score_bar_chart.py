"""`ScoreBarChart`: risks ranked by mean score, horizontal bars coloured by level, with the
95% confidence interval of each mean as a whisker and the band limits as dashed lines.

Suppressed risks keep their row (at the bottom) with the 'hidden' marker and no bar.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyqtgraph as pg

from .chart_base import (GRID, INK, ChartBase, TextPool, fit_left_axis, hidden_text, qcolor,
                         shown_texts, style_axes)

MAX_SCORE = 25
LABEL_CHARS = 22


def short(text: str, chars: int = LABEL_CHARS) -> str:
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


class ScoreBarChart(ChartBase):
    """Ranked mean scores. `bands`: (min, max, colour, label) tuples, ascending."""

    def __init__(self, bands, parent=None):
        super().__init__(parent)
        self.bands = list(bands)
        self.plot = self.add_plot()
        style_axes(self.plot, bottom=self.tr("Mean score (L x I)"))
        self.retranslate()
        self.plot.getAxis("left").setWidth(300)
        self.plot.setXRange(0, MAX_SCORE, padding=0.01)
        self.plot.getAxis("bottom").setTicks([[(v, str(v)) for v in (0, 5, 10, 15, 20, 25)]])
        for low, _, colour, label in self.bands[1:]:
            line = pg.InfiniteLine(pos=low, angle=90,
                                   pen=pg.mkPen(GRID, width=1.5, style=pg.QtCore.Qt.DashLine))
            self.plot.addItem(line)
        self.bars = pg.BarGraphItem(x0=[], y=[], height=0.68, width=[])
        self.plot.addItem(self.bars)
        self.whiskers = pg.ErrorBarItem(x=np.array([]), y=np.array([]),
                                        pen=pg.mkPen(INK, width=2), beam=0.25)
        self.plot.addItem(self.whiskers)
        self.texts: list[pg.TextItem] = []
        self._pool = TextPool(self.plot)
        self.rows = pd.DataFrame()
        self.watch_hover(self.plot)

    def retranslate(self) -> None:
        self.set_title(self.plot, self.tr("Risks by mean score"))
        self.set_axis_title(self.plot, "bottom", self.tr("Mean score (L x I)"))
        if len(getattr(self, "rows", ())):
            self.set_data(self.rows.drop(columns=["y"]))  # the 'hidden' notes again

    def set_data(self, df: pd.DataFrame) -> None:
        """Plot the overall rows (dimension 'all' when the column exists), highest first."""
        if "dimension" in df.columns:
            df = df[df["dimension"] == "all"]
        min_n = int(df.attrs.get("min_n", 5))
        df = shown_texts(df, ("risk_label", "level_label"))
        df = df.sort_values(["suppressed", "mean_score", "number"],
                            ascending=[True, False, True], kind="mergesort")
        self.rows = df.reset_index(drop=True)
        count = len(self.rows)
        positions = np.arange(count, 0, -1, dtype=float)
        self.rows["y"] = positions
        shown = self.rows[~self.rows["suppressed"].astype(bool)]
        scores = shown["mean_score"].to_numpy(float)
        ys = shown["y"].to_numpy(float)
        brushes = [pg.mkBrush(qcolor(c)) for c in shown["level_color"]]
        self.bars.setOpts(x0=np.zeros(len(shown)), y=ys, width=scores, height=0.68,
                          brushes=brushes, pen=pg.mkPen(INK, width=1))
        self.whiskers.setData(
            x=scores, y=ys, left=np.nan_to_num(scores - shown["score_ci_low"].to_numpy(float)),
            right=np.nan_to_num(shown["score_ci_high"].to_numpy(float) - scores),
            top=np.zeros(len(shown)), bottom=np.zeros(len(shown)))
        self._pool.begin()
        for _, row in self.rows.iterrows():
            if row["suppressed"]:
                text, x = hidden_text(self, min_n), 0.3
            else:
                high = row["score_ci_high"] if np.isfinite(row["score_ci_high"]) \
                    else row["mean_score"]
                text, x = _score_text(row), high + 0.3
            item = self._pool.take(text, points=11, bold=not row["suppressed"])
            item.setPos(x, row["y"])
        self.texts = self._pool.end()
        ticks = [(row["y"], f"{int(row['number'])}. {short(str(row['risk_label']))}")
                 for _, row in self.rows.iterrows()]
        self.plot.getAxis("left").setTicks([ticks])
        fit_left_axis(self.plot, [label for _, label in ticks])
        self.plot.setYRange(0.4, count + 0.6, padding=0)

    def bar_values(self) -> dict[str, float]:
        """risk id -> plotted bar length (for tests and exports)."""
        shown = self.rows[~self.rows["suppressed"].astype(bool)] if len(self.rows) else self.rows
        widths = self.bars.opts.get("width")
        return dict(zip(shown.get("risk_id", []), np.asarray(widths, float)))

    def tooltip_at(self, x: float, y: float) -> str:
        if not len(self.rows):
            return ""
        hit = self.rows[(self.rows["y"] - y).abs() < 0.4]
        if not len(hit):
            return ""
        row = hit.iloc[0]
        if row["suppressed"]:
            return self.tr("{number}. {label}: hidden to protect respondents").format(
                number=int(row["number"]), label=row["risk_label"])
        return self.tr("{number}. {label}\nMean score {score} (95% CI {lo:.1f}-{hi:.1f})\n"
                       "Level: {level}\nn = {n}").format(
            number=int(row["number"]), label=row["risk_label"], score=_score_text(row),
            lo=row["score_ci_low"], hi=row["score_ci_high"], level=row["level_label"],
            n=int(row["n"]))


def _score_text(row) -> str:
    """The mean score as the analysis wrote it (never crossing its band, see domain.bands)."""
    text = row.get("score_text") if hasattr(row, "get") else None
    return text if isinstance(text, str) and text else f"{row['mean_score']:.1f}"
