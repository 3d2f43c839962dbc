"""The one writer of CSV and XLSX tables for people: reports, analysts' data, codebooks.

Both neutralise formula injection (`domain.cell_safety`): CSV text that a spreadsheet
would run gets a leading apostrophe; XLSX text is always written as a text cell (an inline
string, `services.xlsx_writer`), never a formula or an error value, so a round named
`=HYPERLINK("...")` shows as that text. Files
are written under a temporary name and renamed, so a failure leaves no half-written file.
CSV is UTF-8 with a BOM so Excel reads accents.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import numpy as np
import pandas as pd

from ..domain.atomic_files import write_atomically

from ..domain.cell_safety import is_risky, neutralise
from . import xlsx_writer


@dataclass(frozen=True)
class Sheet:
    """One worksheet: a name, a table, and whether the column names form a header row."""

    name: str
    frame: pd.DataFrame
    header: bool = True


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with every text cell neutralised for CSV (numbers are left alone)."""
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_numeric_dtype(series.dtype) or \
                pd.api.types.is_datetime64_any_dtype(series.dtype):
            continue
        # Each distinct text is judged once: label columns hold a handful of values.
        codes, uniques = pd.factorize(series.astype(object))
        risky = [isinstance(value, str) and is_risky(value) for value in uniques]
        if any(risky):
            safe = np.array([neutralise(v) if r else v for v, r in zip(uniques, risky)] +
                            [None], dtype=object)
            out[column] = safe[codes]  # code -1 (blank) takes the None
    out.columns = [neutralise(column) for column in out.columns]
    return out


def csv_writer(frame: pd.DataFrame, sep: str = ",",
               decimal: str = ".") -> Callable[[Path], None]:
    """How to write the table as a neutralised UTF-8 CSV (with BOM) to a path; `sep` and
    `decimal` as the reader's Excel expects (';' and ',' for Spanish)."""
    safe = csv_cells(frame)
    return lambda tmp: safe.to_csv(tmp, index=False, encoding="utf-8-sig",
                                   lineterminator="\r\n", sep=sep, decimal=decimal)


def write_csv_rows(frame: pd.DataFrame, handle, header: bool, sep: str = ",",
                   decimal: str = ".") -> None:
    """Rows of a neutralised CSV written to an open text file (opened with
    encoding='utf-8-sig' and newline=''): a big table is written a slice at a time, each
    slice formatted cell by cell exactly as `csv_writer` formats the whole table."""
    safe = csv_cells(frame)
    safe.to_csv(handle, index=False, header=header, lineterminator="\r\n", sep=sep,
                decimal=decimal)


def write_csv(frame: pd.DataFrame, path: str | Path, sep: str = ",",
              decimal: str = ".") -> Path:
    """The table as a neutralised CSV, written whole or not at all."""
    return write_atomically(Path(path), csv_writer(frame, sep, decimal))


def workbook_writer(sheets: Sequence[Sheet],
                    level: int | None = None) -> Callable[[Path], None]:
    """How to write a workbook of these sheets to a path; text always as text cells, never
    formulas (`xlsx_writer` writes every text as an inline string). `level`: deflate."""
    return lambda tmp: xlsx_writer.write_workbook(
        tmp, [(sheet.name, sheet.frame, sheet.header) for sheet in sheets], level)


def csv_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """The table as pandas writes it to CSV here: text neutralised, nullable integers as
    text (`riskmap data` formats each distinct value of a slice through this)."""
    return _integers_as_text(safe_frame(frame))


def _integers_as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Nullable integer columns rendered once per distinct value: pandas formats them
    cell by cell, three times slower (the CSV text is the same)."""
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if isinstance(series.dtype, pd.api.extensions.ExtensionDtype) and \
                pd.api.types.is_integer_dtype(series.dtype):
            codes, uniques = pd.factorize(series)
            out[column] = np.append(np.asarray(uniques, dtype=object).astype(str), "")[codes]
    return out


def write_xlsx(sheets: Sequence[Sheet], path: str | Path, level: int | None = None) -> Path:
    """A workbook of these sheets, written whole or not at all."""
    return write_atomically(Path(path), workbook_writer(sheets, level))

