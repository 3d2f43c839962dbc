"""Write a `DataTable` as CSV, XLSX, Stata .dta and SPSS .sav for analysts.

- CSV (UTF-8 with BOM): codes, and a `<name>_label` twin after each coded column; text
  through the neutralising writer.
- XLSX: a `data` sheet of codes, a `labels` sheet (variable, label, code, value label,
  missing) and an `about` sheet (the disclosure report); text cells are never formulas.
- Stata .dta (format 118, read by Stata 14 and later; pyreadstat): variable labels cut
  to 80 characters, value labels in the chosen language; missing codes become Stata's
  extended missing values (.a for the first missing code, .b for the next, .s for
  "suppressed"), each labelled.
- SPSS .sav (pyreadstat): the codes as they are, variable labels cut to 256 bytes, value
  labels to 120 bytes, missing codes and "suppressed" declared as user-missing values.

Both through `stat_rows`: pyreadstat writes the file's header, variables and labels, numpy
its data rows (pyreadstat alone went a cell at a time).
"""

from __future__ import annotations

import re
import string
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from ..domain import column_runs
from ..domain.atomic_files import write_atomically
from ..domain.data_table import DataTable, Variable, has_labels, label_column
from ..domain.messages import message
from . import stat_rows, table_writer, xlsx_writer

FORMATS = ("csv", "xlsx", "dta", "sav")
STATA_LABEL_CHARS = 80
SPSS_VARIABLE_LABEL_BYTES = 256
SPSS_VALUE_LABEL_BYTES = 120
SUPPRESSED_LETTER = "s"
LABEL_SUFFIX = "_label"
CSV_ROWS = 50_000  # rows formatted at a time: the CSV of a million forms in slices
KEEP = 4096  # formatted cells kept per CSV column across slices
XLSX_LEVEL = 3  # a million forms' sheet deflated 3x faster than at 6, a quarter bigger


def cut_bytes(text: str, limit: int) -> str:
    """`text` cut to at most `limit` UTF-8 bytes, never inside a character."""
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    return data[:limit].decode("utf-8", errors="ignore")


def csv_frame(table: DataTable) -> pd.DataFrame:
    """Codes with a `_label` twin after each coded column."""
    columns: dict[str, object] = {}
    for variable in table.variables:
        columns[variable.name] = table.frame[variable.name]
        if has_labels(variable):
            columns[variable.name + LABEL_SUFFIX] = label_column(table, variable)
    return pd.DataFrame(columns)


def labels_frame(table: DataTable) -> pd.DataFrame:
    """The codebook: one row per variable, then one row per labelled code."""
    lang = table.lang
    rows = []
    for variable in table.variables:
        rows.append((variable.name, variable.label, None, "", ""))
        for code, label in variable.value_labels.items():
            rows.append((variable.name, "", code, label, ""))
        for code, label in variable.missing.items():
            rows.append((variable.name, "", code, label, message("data_yes", lang)))
    return pd.DataFrame(rows, columns=["variable", "label", "code", "value_label", "missing"])


def write_csv(table: DataTable, path: Path, rows: int = CSV_ROWS) -> Path:
    """The CSV a slice of `rows` forms at a time, never a second copy of a million-row
    table as text. Byte for byte the file `csv_frame` and `table_writer` write from the
    whole table: each slice's distinct values are formatted by that same code (pandas,
    the neutralising, the label twins), and the rows are put together from them."""
    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
            empty = replace(table, frame=table.frame.iloc[:0])
            table_writer.write_csv_rows(csv_frame(empty), handle, header=True)
            known: dict[str, dict] = {}  # per column, cells already formatted
            for start in range(0, len(table.frame), rows):
                part = replace(table, frame=table.frame.iloc[start:start + rows])
                text = _csv_rows(part, known)
                if text is None:  # a value holds the marker: the slice the plain way
                    table_writer.write_csv_rows(csv_frame(part), handle, header=False)
                else:
                    handle.write(text)
    return write_atomically(path, write)


_END = "\ue000\ue001\n"  # ends each formatted line; checked to occur nowhere else


def _csv_rows(table: DataTable, known: dict[str, dict] | None = None) -> str | None:
    """The CSV lines of a slice (at least one row), or None when the marker occurs.
    `known`: per column, the cells of values formatted in earlier slices (a column of
    codes is formatted in its first slice only; kept up to `KEEP` values a column)."""
    known = {} if known is None else known
    segments = []
    for variable in table.variables:
        codes, first, keys = _distinct(table.frame[variable.name])
        seen = known.setdefault(variable.name, {})
        new = [j for j, key in enumerate(keys) if key not in seen]
        fresh: dict = {}
        if new:
            sample = replace(table, frame=table.frame.iloc[first[new]][[variable.name]],
                             variables=(variable,))
            cells = _formatted(sample)
            if cells is None:
                return None
            fresh = dict(zip([keys[j] for j in new], cells))
        segments.append((codes, [seen[key] if key in seen else fresh[key] for key in keys]))
        if len(seen) + len(fresh) <= KEEP:
            seen.update(fresh)
    columns = column_runs.pieces(segments, ",")
    return "".join(line + "\r\n" for line in map(",".join, zip(*columns)))


_BLANK = object()  # the key of a blank cell


def _distinct(series: pd.Series) -> tuple[np.ndarray, np.ndarray, list]:
    """Each row's distinct value (0, 1, ... in order of first appearance, blanks too),
    the first row of each and a key that names it in any slice. Floats are told apart by
    their bits: 0.0 and -0.0 are written differently (pandas' factorize takes them for
    one value)."""
    if series.dtype == np.float64:
        values = series.to_numpy()
        bits = values.view(np.int64).copy()
        bits[np.isnan(values)] = _NAN_BITS
        codes, uniques = pd.factorize(bits)
        keys = uniques.tolist()
    else:
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
        keys = list(uniques)
        if len(codes) and codes.min() < 0:
            codes = np.where(codes < 0, len(keys), codes)
            keys.append(_BLANK)
    first = np.flatnonzero(~pd.Series(codes).duplicated().to_numpy())
    rank = np.empty(len(keys), dtype=np.int64)
    rank[codes[first]] = np.arange(len(first))
    return rank[codes], first, [keys[code] for code in codes[first]]


_NAN_BITS = int(np.array(np.nan).view(np.int64))


def _formatted(sample: DataTable) -> list[str] | None:
    """Each sample row as it reads in the CSV (the code and its `_label` twin)."""
    frame = table_writer.csv_cells(csv_frame(sample))
    frame["\ue000"] = "x"  # never a lone empty field: the csv module would quote it
    text = frame.to_csv(index=False, header=False, lineterminator=_END)
    lines = text.split(_END)
    if len(lines) != len(frame) + 1 or lines[-1]:
        return None
    return [line[:-2] for line in lines[:-1]]  # without the ",x"


def write_xlsx(table: DataTable, path: Path, about: list[str]) -> Path:
    """Sheets `data` (more than a worksheet holds goes on `data_2`, ...: the `about`
    sheet says so), `labels` and `about`."""
    Sheet = table_writer.Sheet
    sheets = [Sheet("data", table.frame), Sheet("labels", labels_frame(table)),
              Sheet("about", pd.DataFrame({"": about}), header=False)]
    names = [name for name, _, _ in xlsx_writer.split_rows([("data", table.frame, True)])]
    if len(names) > 1:
        sheets[2] = Sheet("about", pd.DataFrame({"": [*about, "", message(
            "data_xlsx_split", table.lang, limit=xlsx_writer.MAX_ROWS,
            sheets=", ".join(names[1:]))]}), header=False)
    return table_writer.write_xlsx(sheets, path, XLSX_LEVEL)




# -- Stata and SPSS --------------------------------------------------------------------------

def _stat_name(name: str, limit: int, taken: set[str]) -> str:
    clean = re.sub(r"[^A-Za-z0-9_]", "_", name) or "v"
    if not (clean[0].isalpha() or clean[0] == "_"):
        clean = "v" + clean
    clean = clean[:limit]
    base, n = clean, 1
    while clean.lower() in taken:
        suffix = f"_{n}"
        clean, n = base[:limit - len(suffix)] + suffix, n + 1
    taken.add(clean.lower())
    return clean


def _names(table: DataTable, limit: int) -> dict[str, str]:
    taken: set[str] = set()
    return {v.name: _stat_name(v.name, limit, taken) for v in table.variables}


def _missing_letters(variable: Variable, suppressed: int) -> dict[int, str]:
    letters = [c for c in string.ascii_lowercase if c != SUPPRESSED_LETTER]
    out = {}
    for i, code in enumerate(sorted(c for c in variable.missing if c != suppressed)):
        if i < len(letters):
            out[code] = letters[i]
    if suppressed in variable.missing:
        out[suppressed] = SUPPRESSED_LETTER
    return out


def write_dta(table: DataTable, path: Path, file_label: str) -> Path:
    import pyreadstat

    names = _names(table, 32)
    columns: list[stat_rows.Column] = []
    labels: dict[str, str] = {}
    value_labels: dict[str, dict] = {}
    user_missing: dict[str, list[str]] = {}
    for variable in table.variables:
        name = names[variable.name]
        labels[name] = variable.label[:STATA_LABEL_CHARS]
        series = table.frame[variable.name]
        if not variable.is_numeric:
            columns.append(stat_rows.Column(name, series, text=True))
            continue
        letters = _missing_letters(variable, table.suppressed_code)
        if letters:
            user_missing[name] = sorted(set(letters.values()))
        column = stat_rows.Column(name, series, text=False)
        # The codes' letters only in a column where one occurs: pyreadstat takes the
        # others as plain numbers (the same file).
        if letters and np.isin(column.values(), list(letters)).any():
            column = replace(column, letters=letters)
        columns.append(column)
        own = {code: label[:32000] for code, label in variable.value_labels.items()}
        own.update({letters[code]: label for code, label in variable.missing.items()
                    if code in letters})
        if own:
            value_labels[name] = own

    def write(frame: pd.DataFrame, tmp: Path) -> None:
        pyreadstat.write_dta(
            frame, str(tmp), file_label=file_label[:STATA_LABEL_CHARS],
            column_labels=labels, version=14, variable_value_labels=value_labels,
            missing_user_values=user_missing)

    write_atomically(path, lambda tmp: stat_rows.write_rows(tmp, columns, True, write))
    return path


def _spss_missing(codes: list[int], valid: set[int]) -> list:
    """SPSS takes at most three discrete missing values, or one range and one value."""
    codes = sorted(codes)
    if len(codes) <= 3:
        return codes
    low, high = codes[0], codes[-2]
    if not any(low <= v <= high for v in valid):
        return [{"lo": low, "hi": high}, codes[-1]]
    return codes[:3]


def write_sav(table: DataTable, path: Path, file_label: str) -> Path:
    import pyreadstat

    names = _names(table, 64)
    columns: list[stat_rows.Column] = []
    labels: dict[str, str] = {}
    value_labels: dict[str, dict] = {}
    ranges: dict[str, list] = {}
    measure: dict[str, str] = {}
    for variable in table.variables:
        name = names[variable.name]
        labels[name] = cut_bytes(variable.label, SPSS_VARIABLE_LABEL_BYTES)
        series = table.frame[variable.name]
        columns.append(stat_rows.Column(name, series, text=not variable.is_numeric))
        if not variable.is_numeric:
            measure[name] = "nominal"
            continue
        own = {float(code): cut_bytes(label, SPSS_VALUE_LABEL_BYTES)
               for code, label in variable.all_labels().items()}
        if own:
            value_labels[name] = own
        if variable.missing:
            ranges[name] = _spss_missing(list(variable.missing), set(variable.value_labels))
        measure[name] = ("ordinal" if variable.ordinal else
                         "nominal" if variable.kind in ("code", "flag") else "scale")

    def write(frame: pd.DataFrame, tmp: Path) -> None:
        pyreadstat.write_sav(
            frame, str(tmp), file_label=cut_bytes(file_label, 64), column_labels=labels,
            variable_value_labels=value_labels, missing_ranges=ranges,
            variable_measure=measure)

    write_atomically(path, lambda tmp: stat_rows.write_rows(tmp, columns, False, write))
    return path
