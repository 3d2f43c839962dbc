"""A small, fast XLSX (Office Open XML) writer for tables: values only, text always text.

openpyxl spends ~70 microseconds per cell in its pure-Python XML serialiser (without
lxml, which the package leaves out for size): 100k forms took minutes. This writer emits
the few parts a workbook needs ([Content_Types].xml, the relationships, workbook.xml,
styles.xml, one worksheet per table) and builds each column's cell XML once per distinct
value, so the same table takes seconds. Every text cell is an inline string (`t="inlineStr"`):
the writer has no way to produce a formula, so text such as `=HYPERLINK(...)` is shown as
typed. Numbers are numbers, booleans booleans, blanks empty cells; dates and times are
written as ISO text. Characters XML cannot carry (control characters) are dropped.
Rows are put together from runs of adjacent columns (`domain.column_runs`), and a table
longer than a worksheet's 1,048,576 rows continues on sheets `<name>_2`, ... (`split_rows`).
Readers: Excel, LibreOffice, openpyxl/pandas, R's readxl.
"""

from __future__ import annotations

import math
import re
import zipfile
from pathlib import Path
from typing import Sequence
from xml.sax.saxutils import escape

import numpy as np
import pandas as pd

from ..domain import column_runs

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_EMPTY = "<c/>"
ROWS_PER_CHUNK = 5000
ROWS_PER_BLOCK = 50_000
MAX_ROWS = 1_048_576  # rows a worksheet can hold (Excel's limit), the header included
LEVEL = 6  # deflate level of the parts

_STYLES = (
    f'<styleSheet xmlns="{_MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/>'
    '</font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill>'
    '<patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/>'
    '<right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf '
    'numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles '
    'count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>')


def text_cell(text: str) -> str:
    """An inline-string cell: never a formula, whatever the text begins with."""
    return ('<c t="inlineStr"><is><t xml:space="preserve">'
            f"{escape(_ILLEGAL.sub('', text))}</t></is></c>")


def _cell(value: object) -> str:
    if value is None or value is pd.NA or value is pd.NaT:
        return _EMPTY
    if isinstance(value, (bool, np.bool_)):
        return f'<c t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, np.integer)):
        return f"<c><v>{int(value)}</v></c>"
    if isinstance(value, (float, np.floating)):
        number = float(value)
        return f"<c><v>{number!r}</v></c>" if math.isfinite(number) else _EMPTY
    if isinstance(value, (pd.Timestamp, np.datetime64)):
        return text_cell(pd.Timestamp(value).isoformat())
    if hasattr(value, "isoformat"):
        return text_cell(value.isoformat())  # date, datetime, time
    return text_cell(str(value))


def _column_cells(series: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Each row's position in the column's cell XML, each distinct value rendered once
    (a blank is the last). Factorized in the column's own type: as objects, a million
    forms' sheet spent 4 s hashing boxed numbers."""
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    rendered = [_cell(value) for value in uniques] + [_EMPTY]
    return np.where(codes < 0, len(rendered) - 1, codes), rendered


def _sheet_xml(frame: pd.DataFrame, header: bool):
    yield f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{_MAIN}"><sheetData>'
    row = 1
    if header:
        yield f'<row r="1">{"".join(text_cell(str(c)) for c in frame.columns)}</row>'
        row = 2
    n = len(frame)
    # The cells are rendered a block of rows at a time: a million rows x 150 columns of
    # rendered cells at once would hold over a gigabyte of references alone. Adjacent
    # columns with few combinations are joined once per combination (`column_runs`).
    for block in range(0, n, ROWS_PER_BLOCK):
        rows = frame.iloc[block:block + ROWS_PER_BLOCK]
        columns = column_runs.pieces([_column_cells(rows[c]) for c in rows.columns], "")
        for start in range(0, len(rows), ROWS_PER_CHUNK):
            stop = min(len(rows), start + ROWS_PER_CHUNK)
            parts = [column[start:stop] for column in columns]
            cells = map("".join, zip(*parts)) if parts else [""] * (stop - start)
            yield "".join(f'<row r="{row + i}">{text}</row>'
                          for i, text in enumerate(cells, start=block + start))
    yield "</sheetData></worksheet>"


def split_rows(sheets: Sequence[tuple[str, pd.DataFrame, bool]],
               limit: int | None = None) -> list[tuple[str, pd.DataFrame, bool]]:
    """The sheets with any that exceeds the row limit of a worksheet (`MAX_ROWS`,
    1,048,576 with the header) continued on sheets `<name>_2`, `<name>_3`..., each with
    its own header row: Excel refuses a sheet with more rows."""
    limit = MAX_ROWS if limit is None else limit
    out = []
    for name, frame, header in sheets:
        room = limit - (1 if header else 0)
        if len(frame) <= room:
            out.append((name, frame, header))
            continue
        for i, start in enumerate(range(0, len(frame), room)):
            out.append((name if i == 0 else f"{name}_{i + 1}",
                        frame.iloc[start:start + room], header))
    return out


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name (at most 31 characters, none of []:*?/\\)."""
    title = _BAD_SHEET_CHARS.sub("_", _ILLEGAL.sub("", name))[:31] or "Sheet"
    base, n = title, 1
    while title.lower() in taken:
        suffix = f"_{n}"
        title, n = base[:31 - len(suffix)] + suffix, n + 1
    taken.add(title.lower())
    return title


def write_workbook(path: Path, sheets: Sequence[tuple[str, pd.DataFrame, bool]],
                   level: int | None = None) -> None:
    """Write (name, table, header row?) sheets to `path` as an .xlsx file; a table longer
    than a worksheet holds goes on as many sheets as it needs (`split_rows`). `level`:
    deflate level (1-9; 3 writes a million-row sheet three times faster than 6, the file
    a quarter bigger)."""
    sheets = split_rows(sheets)
    taken: set[str] = set()
    titles = [sheet_title(name, taken) for name, _, _ in sheets]
    count = len(sheets)
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, count + 1))
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://'
        'schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default '
        'Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
        'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType='
        '"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        f"{overrides}</Types>")
    root_rels = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_PKG_REL}">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>")
    workbook = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{_MAIN}" '
        f'xmlns:r="{_REL}"><sheets>'
        + "".join(f'<sheet name="{escape(title, {chr(34): "&quot;"})}" sheetId="{i}" '
                  f'r:id="rId{i}"/>' for i, title in enumerate(titles, start=1))
        + "</sheets></workbook>")
    workbook_rels = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_PKG_REL}">'
        + "".join(f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" '
                  f'Target="worksheets/sheet{i}.xml"/>' for i in range(1, count + 1))
        + f'<Relationship Id="rId{count + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
        "</Relationships>")
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED,
                         compresslevel=LEVEL if level is None else level) as zf:
        zf.writestr("[Content_Types].xml", content_types)
        zf.writestr("_rels/.rels", root_rels)
        zf.writestr("xl/workbook.xml", workbook)
        zf.writestr("xl/_rels/workbook.xml.rels", workbook_rels)
        zf.writestr("xl/styles.xml", '<?xml version="1.0" encoding="UTF-8" '
                    f'standalone="yes"?>\n{_STYLES}')
        for i, (_, frame, header) in enumerate(sheets, start=1):
            with zf.open(f"xl/worksheets/sheet{i}.xml", "w") as handle:
                for chunk in _sheet_xml(frame, header):
                    handle.write(chunk.encode("utf-8"))
