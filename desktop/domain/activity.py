"""Keying activity: forms keyed per day (for the team lead's progress chart).

Forms per post come from the group sizes of `scoring.RiskBasis`; the day of keying is not
a respondent attribute, but counts per day under a filter are still passed through
`suppression.protect` like every other figure.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass
class DayBasis:
    """The keying day of every form as a code into `days` (sorted ISO dates)."""

    codes: np.ndarray
    days: list[str]

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> "DayBasis":
        codes, days = pd.factorize(frame["day"], sort=True)
        return cls(np.asarray(codes, dtype=np.int64), [str(day) for day in days])

    def counts(self, mask: np.ndarray | None = None) -> pd.DataFrame:
        """(day, n): forms keyed per day among the masked forms; days without forms are
        left out."""
        codes = self.codes if mask is None else self.codes[np.asarray(mask, bool)]
        counts = np.bincount(codes[codes >= 0], minlength=len(self.days))
        table = pd.DataFrame({"day": self.days, "n": counts.astype(int)})
        return table[table["n"] > 0].reset_index(drop=True)

    def span(self, mask: np.ndarray | None = None) -> tuple[str, str]:
        """(first day, last day) of the masked forms ('' when there are none)."""
        codes = self.codes if mask is None else self.codes[np.asarray(mask, bool)]
        codes = codes[codes >= 0]
        if not len(codes):
            return "", ""
        return self.days[int(codes.min())], self.days[int(codes.max())]
