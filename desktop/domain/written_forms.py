"""The forms written since the analysis snapshot was taken, as the dashboard patches them.

A dashboard load with forms written since the snapshot takes each such form's row out of
the stored sums and adds its live version (services/cell_sums_cache.py). That is a few
forms among 100k, so this module does only per-written-form work:

- `written_rows` finds their rows in the stored uuid part (fixed-width bytes, hashed
  into a bitmap of the few written uuids: no Python string per stored form). The width
  is what the snapshot's uuid part says it checked when it was stored (`uniform_width`,
  the part's meta), never guessed from the part's size: ids of 35 and 37 characters (a
  bundle may carry any short id) add up to the size of 36-character ones, and reading
  them as fixed-width records would miss a written form (counted twice) or take out
  another;
- `fresh_columns` builds their analysed columns from the answer rows straight into the
  snapshot's compact layout (`form_columns.FormColumns`), parsing the distinct answer
  texts of every numeric question at once instead of building a pandas table per
  question (`column_snapshot.base_from_rows` + `packed_columns.form_columns`, which it
  equals; it gives None for anything that is not a text, and the caller takes that way).
"""

from __future__ import annotations

import json
from itertools import chain
from typing import Callable, Mapping, Sequence

import numpy as np
import pandas as pd

from . import answers_json
from .form_columns import MISSING_INT8, FormColumns

_MIX = np.uint64(0x9E3779B97F4A7C15)


def uniform_width(lines: bytes, rows: int) -> int | None:
    """The length of every line of a uuid part (`rows` lines joined by newlines), or None
    when they are not all of one length (or not `rows` lines)."""
    width = (len(lines) + 1) // rows - 1 if rows else 0
    if width < 1 or len(lines) + 1 != rows * (width + 1):
        return None
    newline = np.frombuffer(lines, dtype=np.uint8) == ord("\n")
    if newline[width::width + 1].all() and np.count_nonzero(newline) == rows - 1:
        return width
    return None


def stored_width(meta_text: str) -> int | None:
    """The line width a stored uuid part's meta says it checked (`uniform_width`), None
    when it says none (ids of several lengths, or a snapshot stored by an older version)."""
    width = json.loads(meta_text).get("width")
    return width if isinstance(width, int) and not isinstance(width, bool) and width > 0 \
        else None


def written_rows(uuid_data: bytes, rows: int, written: Sequence[str]) -> np.ndarray:
    """Which rows of the stored uuid part (lines of `snapshot_parts.encode`) are among
    `written` (`written_rows_read` over bytes in memory, its width checked here)."""
    return written_rows_read(lambda offset, length: uuid_data[offset:offset + length],
                             len(uuid_data), rows, written, uniform_width(uuid_data, rows))


def written_rows_read(read: Callable[[int, int], bytes], size: int, rows: int,
                      written: Sequence[str], width: int | None = None) -> np.ndarray:
    """`written_rows` of a stored uuid part of `size` bytes read through `read(offset,
    length)`, `ROWS_AT_ONCE` rows at a time (no allocation of the whole part). When every
    uuid has the same length `width` (36 characters; see the module's docstring), each
    row's last 8 bytes are read in place as one integer and hashed into a bitmap of the
    written uuids' hashes (a million bits); only the rows whose bit is set are compared
    exactly. Anything else (`width` unknown, uuids of other lengths, a part of another
    size) is split into lines: an array of as many entries as lines, which the caller
    compares with `rows`."""
    hit = np.zeros(rows, dtype=bool)
    wanted = {uuid.encode("utf-8") for uuid in written}
    if not rows or not wanted:
        return hit
    if width is None or any(len(w) != width for w in wanted) \
            or size != rows * (width + 1) - 1 or width < 8:
        lines = read(0, size).split(b"\n")
        return np.fromiter((line in wanted for line in lines), dtype=bool, count=len(lines))
    wanted_tails = np.frombuffer(b"".join(w[-8:] for w in wanted), dtype="<u8")
    bitmap = np.zeros(1 << _BITS, dtype=bool)
    bitmap[_hashed(wanted_tails)] = True
    for first in range(0, rows, ROWS_AT_ONCE):
        count = min(ROWS_AT_ONCE, rows - first)
        data = read(first * (width + 1), count * (width + 1) - (first + count == rows))
        tails = np.ndarray((count,), dtype="<u8", buffer=data, offset=width - 8,
                           strides=(width + 1,))
        for row in np.flatnonzero(bitmap[_hashed(tails)]):
            start = row * (width + 1)
            hit[first + row] = data[start:start + width] in wanted
    return hit


def written_rows_searched(read_uuid: Callable[[int, int], bytes],
                          read_order: Callable[[int, int], bytes], sizes: tuple[int, int],
                          rows: int, written: Sequence[str], width: int | None = None,
                          bounds: tuple[bytes, bytes] | None = None) -> np.ndarray | None:
    """`written_rows` by search (`_searched_row`): `read_order` reads the int32 row
    numbers that put the uuid part in order (`column_snapshot.UUID_ORDER`), `read_uuid`
    the uuid part of lines of one length `width` (`stored_width`); a few small reads per
    written form (at most about 4 log2(rows)) instead of every uuid. None when the width
    is unknown or the parts are not of the sizes a search needs (`search_fits`: the
    caller reads every uuid then). Forms saved since are best left out first
    (`within_bounds`); `bounds`, the first and last stored uuid when known, place the
    first look (each look deep in a part walks its pages from the start)."""
    wanted = sorted({uuid.encode("utf-8") for uuid in written})
    if not rows or not wanted:
        return np.zeros(rows, dtype=bool)
    if not search_fits(sizes, rows, width) or any(len(w) != width for w in wanted):
        return None
    hit = np.zeros(rows, dtype=bool)

    def uuid_at(rank: int) -> tuple[int, bytes]:
        row = int.from_bytes(read_order(4 * rank, 4), "little", signed=True)
        if not 0 <= row < rows:
            raise _Unordered
        return row, read_uuid(row * (width + 1), width)

    try:
        for uuid in wanted:
            row = _searched_row(uuid_at, rows, uuid, _usable(bounds, width))
            if row is not None:
                hit[row] = True
    except _Unordered:
        return None
    return hit


def search_fits(sizes: tuple[int, int], rows: int, width: int | None) -> bool:
    """Whether a uuid part and an order part of these `sizes` (bytes) are `rows` lines of
    `width` bytes and `rows` int32 row numbers: what a search reads them as."""
    uuid_size, order_size = sizes
    return width is not None and uuid_size == rows * (width + 1) - 1 \
        and order_size == 4 * rows


def within_bounds(written: Sequence[str], bounds: tuple[bytes, bytes] | None,
                  width: int | None) -> list[str]:
    """The written uuids that may be stored: those between the first and last stored uuid
    (`snapshot_parts.uuid_bounds`) when the bounds are known and of the stored `width`;
    a form saved since (a time-ordered uuid later than every stored one) is left out, so
    nothing is read for it. Every one when the bounds are unknown."""
    if bounds is None or not len(bounds[0]) == len(bounds[1]) == width:
        return list(written)
    return [uuid for uuid in written if bounds[0] <= uuid.encode("utf-8") <= bounds[1]]


def _usable(bounds: tuple[bytes, bytes] | None, width: int | None):
    """`bounds` when they are two uuids of the stored width, in order; else None."""
    if bounds is None or not len(bounds[0]) == len(bounds[1]) == width \
            or bounds[0] > bounds[1]:
        return None
    return bounds


def _searched_row(uuid_at: Callable[[int], tuple[int, bytes]], rows: int,
                  uuid: bytes, bounds: tuple[bytes, bytes] | None = None) -> int | None:
    """The row of `uuid` among `rows` uuids read in order through `uuid_at(rank)`, or None.
    The last rank is looked at first: a form saved since the snapshot has a time-ordered
    uuid (version 7) later than every stored one, so it is found absent in one look; then
    the first. After those, each look is placed where the uuid's leading digits say it
    should be between the bounds found so far (uuids are spread evenly or by time, so a
    few looks land on it), and a look that does not halve the range is followed by one in
    its middle: at most about twice the looks of a plain binary search, whatever the
    uuids. With the first and last stored uuid known (`bounds`), the first look is placed
    by them instead, without reading either. Any look narrows the range correctly; the
    digits only choose where to look."""
    low, high = 0, rows
    key = _key(uuid)
    key_low = key_high = None  # the keys of the uuids just outside the range, once read
    if bounds is not None:  # the range's own first and last: as good a guide
        key_low, key_high = _key(bounds[0]), _key(bounds[1])
    halve = False
    while low < high:
        span = high - low
        if key_high is None:
            middle = high - 1
        elif key_low is None:
            middle = low
        elif halve or key_high <= key_low:
            middle = (low + high) // 2
        else:
            share = (key - key_low) / (key_high - key_low)
            middle = min(max(low + int(share * span), low), high - 1)
        bounds_known = key_low is not None and key_high is not None
        row, found = uuid_at(middle)
        if found == uuid:
            return row
        if found < uuid:
            low, key_low = middle + 1, _key(found)
        else:
            high, key_high = middle, _key(found)
        halve = bounds_known and not halve and high - low > span // 2
    return None


_HEX = frozenset(b"0123456789abcdef")


def _key(uuid: bytes) -> float:
    """Where a uuid falls among all, in [0, 1]: its first 12 hex digits (a version 7
    uuid's time in milliseconds, a version 4 uuid's random bits) as a fraction, or its
    first 8 bytes when they are not in that form. Only where to look depends on it: any
    look narrows the search correctly."""
    digits = uuid[:8] + uuid[9:13]
    if len(digits) == 12 and uuid[8:9] == b"-" and _HEX.issuperset(digits):
        return int(digits, 16) / float(1 << 48)
    return int.from_bytes(uuid[:8].ljust(8, b"\0"), "big") / float(1 << 64)


class _Unordered(Exception):
    """A row number outside the snapshot: the order part cannot be searched."""


# Uuids read at a time: 111 KB, under the size above which an allocation maps fresh pages.
ROWS_AT_ONCE = 3_000
_BITS = 20


def _hashed(tails: np.ndarray) -> np.ndarray:
    """Each integer's top `_BITS` bits after a multiplication that mixes every byte in."""
    return ((tails * _MIX) >> np.uint64(64 - _BITS)).astype(np.intp)


def part_width(meta_text: str) -> int | None:
    """Bytes per form of a stored column part (`snapshot_parts.encode`), None for a kind
    this version does not know."""
    return _WIDTHS.get(json.loads(meta_text).get("kind"))


_WIDTHS = {"int8": 1, "codes": 4, "float64": 8, "int64": 8}


def header_with_rows(meta_text: str, rows: int) -> str:
    """The header part's meta saying `rows` forms: a header for some rows of a stored
    snapshot picked out (`packed_columns.decode_columns` then reads just those)."""
    return json.dumps({**json.loads(meta_text), "rows": rows})


def fresh_columns(columns: Sequence[Sequence[str]], rows: Sequence[tuple],
                  round_names: Mapping[str, str]) -> FormColumns | None:
    """The analysed columns of these forms, rows as `analysis_store.form_answer_rows`
    reads them (uuid, round uuid, form number, operator, created, answers text): the same
    columns `packed_columns.form_columns(base_from_rows(...))` gives. None when an answer
    is not a text (a damaged row): the caller reads it the general way."""
    from .column_snapshot import created_ns, parsed_numbers
    from .packed_columns import round_columns
    objects = [found or {} for found in answers_json.parsed_many([row[5] for row in rows])]
    numeric_ids = [qid for qid, kind in columns if kind == "numeric"]
    # Every numeric answer in one array, each distinct text parsed once by
    # `parsed_numbers` (as it parses each column: by `pd.to_numeric`); gathered form by
    # form (`map` of each form's `get`: no Python step per answer), then turned over.
    flat = np.empty(len(numeric_ids) * len(rows), dtype=object)
    flat[:] = list(chain.from_iterable(map(found.get, numeric_ids) for found in objects))
    try:
        codes, texts = pd.factorize(flat)  # None (no answer) is code -1
    except TypeError:  # a list or an object where a text belongs
        return None
    if not all(text.__class__ is str for text in texts):
        return None
    values = np.append(parsed_numbers(np.asarray(texts, dtype=object)), np.nan)[codes]
    values = values.reshape(len(rows), len(numeric_ids)).T
    numeric = dict(zip(numeric_ids, packed_rows(values)))
    multi = {}
    for qid, kind in columns:
        if kind != "numeric":
            answers = [found.get(qid) for found in objects]
            if not all(v is None or v.__class__ is str for v in answers):
                return None
            multi[qid] = _factorized(answers)
    round_codes, round_uuids = _factorized([row[1] for row in rows])
    return round_columns(len(rows), numeric, multi, round_codes, round_uuids,
                          round_names, created_ns([row[4] for row in rows]))


def packed_rows(values: np.ndarray) -> list[np.ndarray]:
    """`form_columns.pack_numeric` of each row of a (questions x forms) float array, in a
    few operations over the whole array (one call per question cost more than the few
    written forms' answers do)."""
    values = np.asarray(values, dtype=float)
    present = ~np.isnan(values)
    small = present & (np.abs(values) <= 127) & (values == np.round(values))
    fits = (small == present).all(axis=1)
    packed = np.where(small, values, MISSING_INT8).astype(np.int8)  # no NaN cast
    return [packed[i] if fit else np.ascontiguousarray(values[i])
            for i, fit in enumerate(fits.tolist())]


def _factorized(values: Sequence[str | None]) -> tuple[np.ndarray, list[str]]:
    """int32 codes (-1 for None) into the distinct texts in order of first appearance,
    as `pd.factorize` numbers them."""
    position: dict[str, int] = {}
    codes = np.array([-1 if v is None else position.setdefault(v, len(position))
                      for v in values], dtype=np.int32)
    return codes, [str(text) for text in position]


def joined(first: FormColumns, second: FormColumns) -> FormColumns:
    """The forms of `first` then those of `second` as one set of columns (a numeric
    question stored int8 on one side and float on the other becomes float; texts and
    round names are merged by their text)."""
    numeric = {}
    for qid, column in first.numeric.items():
        other = second.numeric[qid]
        if column.dtype != other.dtype:
            column, other = first.values(qid), second.values(qid)
        numeric[qid] = np.concatenate([column, other])
    multi = {qid: _joined_codes(codes, texts, *second.multi[qid])
             for qid, (codes, texts) in first.multi.items()}
    round_codes, round_names = _joined_codes(first.round_codes, first.round_names,
                                             second.round_codes, second.round_names)
    return FormColumns(first.size + second.size, numeric, multi, round_codes, round_names,
                       np.concatenate([first.created, second.created]))


def _joined_codes(codes, texts, other_codes, other_texts) -> tuple[np.ndarray, list[str]]:
    """Codes into texts (-1: none) of both sides, the second side's texts joining the
    first's."""
    texts = list(texts)
    position = {text: i for i, text in reversed(list(enumerate(texts)))}
    for text in other_texts:
        if text not in position:
            position[text] = len(texts)
            texts.append(text)
    lookup = np.array([position[text] for text in other_texts] + [-1], dtype=np.int32)
    return (np.concatenate([np.asarray(codes, dtype=np.int32),
                            lookup[np.asarray(other_codes)]]).astype(np.int32), texts)


def changed_only(old: FormColumns, fresh: FormColumns) -> tuple[np.ndarray, np.ndarray]:
    """(rows of `old` to keep, rows of `fresh` to keep): the stored and the live versions
    of the written forms without those that are equal in everything the dashboard sums
    (each stored row matched with one equal live row at most). A form verified without a
    discrepancy, or edited outside the analysed questions, adds back what it takes out:
    nothing of it needs summing. Nothing is dropped when the two hold other columns."""
    keep_old, keep_fresh = np.ones(old.size, bool), np.ones(fresh.size, bool)
    if set(old.numeric) != set(fresh.numeric) or set(old.multi) != set(fresh.multi):
        return keep_old, keep_fresh
    keep = _unmatched(_row_keys(old), _row_keys(fresh))
    return keep[:old.size], keep[old.size:]


def changed_only_within(forms: FormColumns, old_count: int) -> np.ndarray:
    """`changed_only` of the first `old_count` forms (the stored versions) and the others
    (the live ones) read as one set of columns: which forms to keep."""
    keys = _row_keys(forms)
    return _unmatched(keys[:old_count], keys[old_count:])


def _unmatched(old_keys: list[tuple], fresh_keys: list[tuple]) -> np.ndarray:
    """Which of the old keys, then the fresh ones, are not matched with an equal key on
    the other side (each matched once at most)."""
    keep = np.ones(len(old_keys) + len(fresh_keys), bool)
    waiting: dict[tuple, list[int]] = {}
    for row, key in enumerate(old_keys):
        waiting.setdefault(key, []).append(row)
    for row, key in enumerate(fresh_keys, start=len(old_keys)):
        rows = waiting.get(key)
        if rows:
            keep[rows.pop()] = keep[row] = False
    return keep


def _row_keys(forms: FormColumns) -> list[tuple]:
    """Each form's analysed values as one hashable tuple (numbers as floats, NaN as None;
    answer texts, round names and keying times as such), in a fixed order of questions."""
    columns = [[None if value != value else value for value in forms.values(qid).tolist()]
               for qid in sorted(forms.numeric)]
    for qid in sorted(forms.multi):
        codes, texts = forms.multi[qid]
        columns.append([texts[code] if code >= 0 else None for code in codes.tolist()])
    columns.append([forms.round_names[code] if code >= 0 else None
                    for code in forms.round_codes.tolist()])
    columns.append(forms.created.tolist())
    return list(zip(*columns)) if columns else [()] * forms.size
