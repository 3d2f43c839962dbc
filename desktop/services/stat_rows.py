"""The data rows of a Stata .dta (format 118) or SPSS .sav file written by numpy, inside
the file pyreadstat writes for a sample of the rows.

pyreadstat hands every cell to ReadStat from Python (a million forms x 50 columns took
13 s for .dta, 5 s for .sav). Only the data section depends on the rows, and its layout is
fixed: one record per row, each variable at its offset, in the machine's byte order (the
file says which). So `write_rows` lets pyreadstat write the whole file for a few rows
chosen to hold every kind of cell (the first blank, number, missing code and empty text of
each column, and its longest text), takes the header, the variables, labels and missing
values from it, checks that its own encoding of those rows is the bytes pyreadstat wrote
for them, and writes the file again with every row encoded a slice at a time, the row
count in the header and (.dta) the section offsets after the data moved on. When anything
is not as expected (a text too long for a plain string, a number Stata cannot hold, a
header it does not know) pyreadstat writes the whole file as before: the file is the same
either way, except that its header's write time is the time it was written.

Cells, as ReadStat writes them: a number is its 8 bytes (IEEE double, little-endian); a
blank is the format's system missing (Stata: 0x7fe0000000000000; SPSS: -DBL_MAX); a Stata
missing code is the extended missing value of its letter (.a = 0x7fe0010000000000, each
next letter 2**40 more); a text is its UTF-8 bytes padded to the variable's width with NUL
(Stata) or spaces (SPSS).
"""

from __future__ import annotations

import errno
import os
import shutil
import struct
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping, Sequence

import numpy as np
import pandas as pd

ROWS = 65_536  # rows encoded at a time (a million forms' .dta row is ~400 bytes: 26 MB)
BLOCK = 2_048  # records filled at a time (~800 KB)

DTA_MISSING = 0x7FE0000000000000
DTA_MISSING_A = 0x7FE0010000000000
DTA_MAX_DOUBLE = struct.unpack("<d", struct.pack("<Q", 0x7FDFFFFFFFFFFFFF))[0]
DTA_STRL_WIDTH = 2045  # from this width on, pyreadstat writes a strL (not done here)
DTA_HEAD = b"<stata_dta><header><release>118</release><byteorder>LSF</byteorder><K>"
DTA_END = b"</stata_dta>"
DTA_MAP_ENTRIES = 14
DTA_DATA, DTA_STRLS = 9, 10  # map entries: the data section, the section after it
SAV_SYSMIS = 0xFFEFFFFFFFFFFFFF  # -DBL_MAX
SAV_STRING_MAX = 255  # longer texts are split into segments (not done here)
SAV_NCASES_AT = 80  # the header's case count (int32)

READSTAT_WRITE_FAILED = "Unable to write data"  # ReadStat's READSTAT_ERROR_WRITE
FULL_BELOW = 1 << 20  # free bytes left on a disk that refused a write: it is full

Writer = Callable[[pd.DataFrame, Path], object]


@dataclass(frozen=True)
class Column:
    """One variable: its name, the table's column, text or number, and (Stata) the
    missing codes written as extended missing values (code -> letter), given only when
    one of them occurs."""

    name: str
    series: pd.Series
    text: bool
    letters: Mapping[float, str] = field(default_factory=dict)

    def values(self, rows: slice | np.ndarray = slice(None)) -> np.ndarray:
        """The cells of `rows` as pyreadstat is given them: floats (NaN for blanks), or
        text ('' for blanks)."""
        part = self.series.iloc[rows]
        if self.text:
            return part.astype(object).where(part.notna(), "").astype(str).to_numpy()
        if not pd.api.types.is_numeric_dtype(part.dtype):
            part = pd.to_numeric(part, errors="coerce")
        return part.to_numpy(dtype=float, na_value=np.nan)


def write_rows(path: Path, columns: Sequence[Column], stata: bool, write: Writer,
               rows: int = ROWS) -> Path:
    """Write the file of `columns` to `path` (`write(frame, path)` is the pyreadstat call
    with everything but the rows): its data rows by numpy when the sample checks out."""
    count = len(columns[0].series) if columns else 0
    layout = _layout(columns, stata, count)
    if layout is None:
        _by_pyreadstat(write, pyreadstat_frame(columns), path, stata)
        return path
    sample = layout.sample
    _by_pyreadstat(write, pyreadstat_frame(columns, sample), path, stata)
    written = path.read_bytes()
    parts = (_dta_parts if stata else _sav_parts)(written, len(sample), layout.width, count)
    if parts is None or parts[1] != _encode(columns, layout, sample):
        # Not the file expected: the slow way.
        _by_pyreadstat(write, pyreadstat_frame(columns), path, stata)
        return path
    head, _, tail = parts
    with open(path, "wb") as handle:
        handle.write(head)
        for start in range(0, count, rows):
            handle.write(_encode(columns, layout, slice(start, min(count, start + rows))))
        handle.write(tail)
    return path


def _by_pyreadstat(write: Writer, frame: pd.DataFrame, path: Path, stata: bool) -> None:
    """`write(frame, path)`, and a file pyreadstat did not write whole said as the OSError
    it was. ReadStat says only "Unable to write data" when the disk takes part of a
    write, and nothing at all when it takes none (pyreadstat ignores write()'s -1): a
    full disk left a short or empty file that was reported written."""
    import pyreadstat
    try:
        write(frame, path)
    except pyreadstat.ReadstatError as exc:
        if str(exc) != READSTAT_WRITE_FAILED:
            raise
        raise _write_failed(path, str(exc)) from exc
    if not _whole(path, stata, len(frame)):
        raise _write_failed(path, READSTAT_WRITE_FAILED)


def _write_failed(path: Path, reason: str) -> OSError:
    if shutil.disk_usage(path.parent).free < FULL_BELOW:
        return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
    return OSError(errno.EIO, reason, str(path))


def _whole(path: Path, stata: bool, rows: int) -> bool:
    """Whether the file pyreadstat wrote is all there: a .dta ends with its closing tag
    where its map says the file ends; an uncompressed .sav ends with `rows` records after
    the dictionary's end. A header not known here is taken as whole."""
    size = path.stat().st_size
    with open(path, "rb") as handle:
        head = handle.read(1 << 16)
        if stata:
            handle.seek(max(0, size - len(DTA_END)))
            if handle.read() != DTA_END:
                return False
            ends = _dta_map_end(head)
            return ends is None or ends == size
        if len(head) < SAV_NCASES_AT + 4 or not head.startswith(b"$FL"):
            return False
        width, compression = struct.unpack_from("<2i", head, 68)
        if compression != 0 or struct.unpack_from("<i", head, SAV_NCASES_AT)[0] != rows:
            return True  # compressed, or a count not written here: cannot tell
        start = size - rows * width * 8
        if start < 8:
            return False
        handle.seek(start - 8)
        return handle.read(8) == struct.pack("<2i", 999, 0)


def _dta_map_end(head: bytes) -> int | None:
    """Where a format-118 header's map says the file ends (None: not that header)."""
    at = _dta_map_at(head)
    if at is None or len(head) < at + 8 * DTA_MAP_ENTRIES:
        return None
    return struct.unpack_from(f"<{DTA_MAP_ENTRIES}Q", head, at)[-1]


def pyreadstat_frame(columns: Sequence[Column],
                     rows: slice | np.ndarray = slice(None)) -> pd.DataFrame:
    """The frame pyreadstat writes: floats and texts, and (Stata) each column holding a
    missing code as objects, the code's letter in its place, one shared object per
    distinct value (as pandas' factorize pairs them: 0.0 and -0.0 are one value, the
    first met)."""
    data: dict[str, object] = {}
    for column in columns:
        values = column.values(rows)
        if column.letters:
            codes, uniques = pd.factorize(values)  # NaN -> -1
            shared = uniques.astype(object)
            for code, letter in column.letters.items():
                shared[uniques == code] = letter
            values = np.append(shared, np.nan)[codes]
        data[column.name] = values
    return pd.DataFrame(data, copy=False)  # not merged into one block: no second copy


@dataclass(frozen=True)
class _Layout:
    dtype: np.dtype  # one data record
    zero_signs: tuple[bool, ...]  # Stata columns with letters: the sign of their 0
    sample: np.ndarray  # the rows pyreadstat writes
    stata: bool

    @property
    def width(self) -> int:
        return self.dtype.itemsize


def _layout(columns: Sequence[Column], stata: bool, count: int) -> _Layout | None:
    """The record layout and the sample rows, or None when numpy would not write what
    pyreadstat writes (then pyreadstat writes every row)."""
    if not columns or count == 0 or sys.byteorder != "little" or count > 2**31 - 1:
        return None
    sample = {0, count - 1}
    zero_signs, formats = [], []
    for column in columns:
        values = column.values()
        zero_negative = False
        if column.text:
            codes, uniques = pd.factorize(values)
            encoded = [text.encode("utf-8") for text in uniques]
            if any(b"\0" in data for data in encoded):
                return None  # ReadStat ends a text at its first NUL
            lengths = np.array([len(data) for data in encoded] or [0])
            width = max(1, int(lengths.max()))
            if width >= (DTA_STRL_WIDTH if stata else SAV_STRING_MAX + 1):
                return None
            per_row = lengths[codes]
            sample.add(int(per_row.argmax()))
            for hit in (per_row == 0, per_row > 0):
                if hit.any():
                    sample.add(int(hit.argmax()))
            formats.append(f"S{width if stata else (width + 7) // 8 * 8}")
        else:
            if stata and (values > DTA_MAX_DOUBLE).any():
                return None  # ReadStat refuses it: pyreadstat says so
            blank = np.isnan(values)
            hits = [blank, ~blank] + [values == code for code in column.letters]
            zeros = values == 0
            if column.letters and zeros.any():
                zero_negative = bool(np.signbit(values[zeros.argmax()]))
                hits.append(zeros)
            for hit in hits:
                if hit.any():
                    sample.add(int(hit.argmax()))
            formats.append("<u8")
        zero_signs.append(zero_negative)
        del values
    dtype = np.dtype({"names": [f"c{i}" for i in range(len(columns))], "formats": formats})
    return _Layout(dtype, tuple(zero_signs), np.array(sorted(sample)), stata)


def _encode(columns: Sequence[Column], layout: _Layout,
            rows: slice | np.ndarray) -> bytes:
    """The data records of `rows`, as ReadStat writes them."""
    cells = []
    for i, column in enumerate(columns):
        values = column.values(rows)
        cells.append(_texts(values, layout.dtype[i].itemsize, layout.stata) if column.text
                     else _numbers(values, column.letters, layout.zero_signs[i],
                                   layout.stata))
    records = np.zeros(len(cells[0]) if cells else 0, dtype=layout.dtype)
    # A few thousand records at a time, each column into them: the block stays in the
    # processor's cache (a column at a time into 26 MB of records took 3x longer).
    for start in range(0, len(records), BLOCK):
        block = records[start:start + BLOCK]
        for i, values in enumerate(cells):
            block[f"c{i}"] = values[start:start + BLOCK]
    return records.tobytes()


def _texts(values: np.ndarray, width: int, stata: bool) -> np.ndarray:
    codes, uniques = pd.factorize(values)
    if stata:  # padded with NUL by numpy
        encoded = [text.encode("utf-8") for text in uniques]
    else:
        encoded = [text.encode("utf-8").ljust(width, b" ") for text in uniques]
    return np.array(encoded or [b""], dtype=f"S{width}")[codes]


def _numbers(values: np.ndarray, letters: Mapping[float, str], zero_negative: bool,
             stata: bool) -> np.ndarray:
    if letters:
        values = np.where(values == 0, -0.0 if zero_negative else 0.0, values)
    bits = values.view("<u8").copy()
    bits[np.isnan(values)] = DTA_MISSING if stata else SAV_SYSMIS
    for code, letter in letters.items():
        bits[values == code] = DTA_MISSING_A + ((ord(letter) - ord("a")) << 40)
    return bits


def _dta_map_at(data: bytes) -> int | None:
    """Where the map's offsets start in a format-118 header (None: not that header)."""
    at_n = len(DTA_HEAD) + 2 + len(b"</K><N>")
    if not data.startswith(DTA_HEAD) or data[at_n - 7:at_n] != b"</K><N>":
        return None
    at = at_n + 8
    if data[at:at + 11] != b"</N><label>" or len(data) < at + 13:
        return None
    at += 11 + 2 + struct.unpack_from("<H", data, at + 11)[0]
    if data[at:at + 19] != b"</label><timestamp>" or len(data) < at + 20:
        return None
    at += 19 + 1 + data[at + 19]
    closing = b"</timestamp></header><map>"
    if data[at:at + len(closing)] != closing:
        return None
    return at + len(closing)


def _dta_parts(data: bytes, sample: int, width: int,
               count: int) -> tuple[bytes, bytes, bytes] | None:
    """The file before its data rows (row count and offsets made those of `count` rows),
    the rows, and the file after them; None when the header is not the one expected."""
    at_n = len(DTA_HEAD) + 2 + len(b"</K><N>")
    at_map = _dta_map_at(data)
    if at_map is None or struct.unpack_from("<Q", data, at_n)[0] != sample:
        return None
    offsets = list(struct.unpack_from(f"<{DTA_MAP_ENTRIES}Q", data, at_map))
    start = offsets[DTA_DATA] + len(b"<data>")
    end = offsets[DTA_STRLS] - len(b"</data>")
    if offsets[1] != at_map - len(b"<map>") or offsets[-1] != len(data) or \
            not data.endswith(DTA_END) or \
            data[offsets[DTA_DATA]:start] != b"<data>" or \
            data[end:offsets[DTA_STRLS]] != b"</data>" or end - start != sample * width:
        return None
    grown = (count - sample) * width
    offsets[DTA_STRLS:] = [offset + grown for offset in offsets[DTA_STRLS:]]
    head = bytearray(data[:start])
    struct.pack_into("<Q", head, at_n, count)
    struct.pack_into(f"<{DTA_MAP_ENTRIES}Q", head, at_map, *offsets)
    return bytes(head), data[start:end], data[end:]


def _sav_parts(data: bytes, sample: int, width: int,
               count: int) -> tuple[bytes, bytes, bytes] | None:
    """As `_dta_parts`, for an uncompressed .sav: the data rows end the file, after the
    number-of-cases record and the dictionary's end."""
    start = len(data) - sample * width
    cases = struct.pack("<4i2Q", 7, 16, 8, 2, 1, sample)
    if not data.startswith(b"$FL2") or start < 124 + len(cases) + 8 or \
            struct.unpack_from("<3i", data, 68) != (width // 8, 0, 0) or \
            struct.unpack_from("<i", data, SAV_NCASES_AT)[0] != sample or \
            data[start - 8:start] != struct.pack("<2i", 999, 0) or \
            data[start - 8 - len(cases):start - 8] != cases:
        return None
    head = bytearray(data[:start])
    struct.pack_into("<i", head, SAV_NCASES_AT, count)
    struct.pack_into("<Q", head, start - 16, count)
    return bytes(head), data[start:], b""
