"""Risk bands of a mean score, and the text that shows a score without contradicting its band.

A questionnaire declares bands on whole scores (1-4, 5-9, 10-16, 17-25), but a mean is
fractional: 9.99 lies between 9 and 10. Bands of a mean are therefore half-open intervals
[min, next band's min): 9.99 is Moderate, 10.0 is High, and every mean from 1 to 25 has
exactly one band.

A score is shown to one decimal, except where rounding would carry it across a band limit
(9.96 would print "10.0" beside a Moderate colour): it is then shown with as many decimals as
it takes to stay in its band ("9.96", "9.996"), and beyond three decimals cut, not rounded
("9.999"). So colour (the band of the value), label (the text) and level (the band) always
agree, the text never overstates the value by more than the rounding, and nothing is re-banded
for display: the level is that of the exact mean, as the report's tables and scores.csv say.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from typing import Sequence

import numpy as np

MAX_DIGITS = 3


def band_position(value: float, mins: Sequence[float]) -> int | None:
    """The index of the band [mins[i], mins[i + 1]) holding `value` (None when the value is
    undefined or below the first band). `mins` ascend."""
    if value is None or not math.isfinite(value):
        return None
    index = bisect_right(list(mins), value) - 1
    return index if index >= 0 else None


def score_text(value: float, mins: Sequence[float], digits: int = 1,
               decimal: str = ".") -> str:
    """`value` to `digits` decimals, or more when rounding would put the text in another band
    than the value (see the module docstring); '' when undefined."""
    if value is None or not math.isfinite(value):
        return ""
    band = band_position(value, mins)
    for places in range(digits, MAX_DIGITS + 1):
        text = f"{value:.{places}f}"
        if band_position(float(text), mins) == band:
            return text.replace(".", decimal)
    scale = 10 ** MAX_DIGITS
    text = f"{math.floor(value * scale) / scale:.{MAX_DIGITS}f}"
    return text.replace(".", decimal)


def score_texts(values: Sequence[float], mins: Sequence[float]) -> list[str]:
    """`score_text` of each value (one decimal, or more where rounding would change the
    band): the one-decimal texts of a whole table are checked against their bands at once,
    and only the few that would change band go through `score_text`."""
    values = np.asarray(values, dtype=float)
    texts = [f"{value:.1f}" for value in values.tolist()]
    if not texts:
        return []
    limits = np.asarray(mins, dtype=float)
    shown = np.array(texts, dtype=float)  # what each text reads as (NaN for 'nan')
    same = np.searchsorted(limits, shown, side="right") == np.searchsorted(
        limits, values, side="right")
    for i in np.flatnonzero(~(same & np.isfinite(values))).tolist():
        texts[i] = score_text(float(values[i]), mins)
    return texts


def interval_texts(mins: Sequence[float], top: float) -> list[str]:
    """Each band's range for legends and tables, half-open: '5–<10'; the last band is
    closed at `top`: '17–25'."""
    return [f"{_whole(low)}–<{_whole(mins[i + 1])}" if i + 1 < len(mins)
            else f"{_whole(low)}–{_whole(top)}" for i, low in enumerate(mins)]


def _whole(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
