"""Finding the forms written since the snapshot among its stored uuids with few reads: the
search that looks where a uuid's digits place it, the first and last stored uuid named in
the order part's meta (a form saved since is known absent without a read), and the
stored times and whole-number answers read without pandas when they have the form the
program writes (equal to what pandas reads)."""

from __future__ import annotations

import uuid as uuid_module

import numpy as np
import pandas as pd
import pytest

from desktop.domain import column_snapshot, snapshot_parts, written_forms


def _v7(millis: int, rng: np.random.Generator) -> str:
    """A version 7 uuid (time-ordered) of this millisecond."""
    random_bits = int(rng.integers(1 << 62)) | (int(rng.integers(1 << 12)) << 62)
    return str(uuid_module.UUID(int=(millis << 80) | (7 << 76) | random_bits))


def _stored(uuids: list[str]):
    """(uuid part bytes, order part bytes, order meta bounds) as `snapshot_parts.encode`
    writes them for these uuids."""
    lines = "\n".join(uuids).encode()
    order = snapshot_parts._uuid_order(lines, len(uuids))
    meta = {"first": uuids[order[0]], "last": uuids[order[-1]]} if uuids else {}
    return lines, order.astype(np.int32).tobytes(), meta


def _search(uuids, written, bounds=None, guided=False):
    """(rows found, reads made); `bounds` leave out uuids outside them, and guide the
    first look too when `guided`."""
    lines, order, _ = _stored(uuids)
    reads = []

    def reader(data):
        def read(offset, length):
            reads.append(offset)
            return data[offset:offset + length]
        return read

    width = written_forms.uniform_width(lines, len(uuids))
    found = written_forms.written_rows_searched(
        reader(lines), reader(order), (len(lines), len(order)), len(uuids),
        written_forms.within_bounds(written, bounds, width), width,
        bounds if guided else None)
    return found, len(reads)


@pytest.mark.parametrize("kind", ["v4", "v7", "odd"])
def test_the_search_finds_what_a_scan_finds(kind):
    rng = np.random.default_rng(3)
    if kind == "v4":
        uuids = [str(uuid_module.UUID(int=int(rng.integers(1 << 62)) << 66, version=4))
                 for _ in range(4_000)]
    elif kind == "v7":  # keyed in bursts: times far from evenly spread
        times = 1_790_000_000_000 + (rng.random(4_000) ** 3 * 3e10).astype(np.int64)
        uuids = [_v7(int(t), rng) for t in times]
    else:  # not uuids at all: the search still finds every one
        uuids = [f"{rng.integers(1 << 62):036x}"[-36:] for _ in range(4_000)]
    uuids = list(dict.fromkeys(uuids))
    written = list(rng.choice(uuids, 16, replace=False)) + ["f" * 36, "0" * 36, "-" * 36]
    data = "\n".join(uuids).encode()
    found, reads = _search(uuids, written)
    assert np.array_equal(found, written_forms.written_rows(data, len(uuids), written))
    assert found.sum() == 16
    # Never many more looks than a binary search (2 reads a look, ~12 looks for 4,000).
    assert reads <= 19 * 2 * 2 * len(written)


@pytest.mark.parametrize("kind", ["v4", "v7"])
def test_the_stored_bounds_place_the_first_look(kind):
    """With the first and last stored uuid known, the search finds what a scan finds
    without looking at either end first: the first stored uuid in one look, and fewer
    reads than without them on the whole."""
    rng = np.random.default_rng(8)
    if kind == "v4":
        uuids = [str(uuid_module.UUID(int=int(rng.integers(1 << 62)) << 66, version=4))
                 for _ in range(4_000)]
    else:
        uuids = [_v7(1_790_000_000_000 + i * 60_000 + int(rng.integers(50_000)), rng)
                 for i in range(4_000)]
    _, _, meta = _stored(uuids)
    bounds = (meta["first"].encode(), meta["last"].encode())
    data = "\n".join(uuids).encode()
    written = list(rng.choice(uuids, 12, replace=False)) + [min(uuids), max(uuids)]
    found, reads = _search(uuids, written, bounds, guided=True)
    assert np.array_equal(found, written_forms.written_rows(data, len(uuids), written))
    _, unguided = _search(uuids, written, bounds)
    assert reads < unguided
    assert _search(uuids, [min(uuids)], bounds, guided=True)[1] == 2  # one look
    # Bounds that are wrong (or of another width) still find the same rows.
    for odd in ((bounds[1], bounds[0]), (b"0" * 36, b"1" * 36), (b"0", b"f")):
        lines, order, _ = _stored(uuids)
        found = written_forms.written_rows_searched(
            lambda o, n: lines[o:o + n], lambda o, n: order[o:o + n],
            (len(lines), len(order)), len(uuids), written, 36, odd)
        assert np.array_equal(found, written_forms.written_rows(data, len(uuids), written))


def test_a_form_saved_since_is_found_absent_in_one_look_or_none():
    rng = np.random.default_rng(4)
    uuids = [_v7(1_790_000_000_000 + i * 60_000, rng) for i in range(2_000)]
    later = _v7(1_790_000_000_000 + 5_000 * 60_000, rng)
    found, reads = _search(uuids, [later])
    assert not found.any() and reads == 2  # the last stored uuid, one look
    _, _, meta = _stored(uuids)
    bounds = (meta["first"].encode(), meta["last"].encode())
    found, reads = _search(uuids, [later], bounds)
    assert not found.any() and reads == 0
    # A stored one between the bounds is still searched for and found.
    found, reads = _search(uuids, [uuids[700], later], bounds)
    assert np.flatnonzero(found).tolist() == [700] and reads > 0


def test_the_order_part_names_its_first_and_last_uuid_and_check_compares_them(
        questionnaire):
    from tests.domain.test_written_forms import rows_of
    columns = column_snapshot.snapshot_columns(questionnaire)
    base = column_snapshot.base_from_rows(columns, rows_of(questionnaire, 50, 4))
    parts = {name: (meta, data) for name, meta, data in snapshot_parts.encode(base, columns)}
    uuids = np.array(parts["uuid"][1].split(b"\n"), dtype=bytes)
    meta, data = parts[column_snapshot.UUID_ORDER]
    assert snapshot_parts.uuid_bounds(meta) == (min(uuids), max(uuids))
    assert snapshot_parts.uuid_order_fits(parts, uuids)
    wrong = meta.replace(max(uuids).decode(), sorted(uuids)[-2].decode())
    assert not snapshot_parts.uuid_order_fits(
        {**parts, column_snapshot.UUID_ORDER: (wrong, data)}, uuids)
    # Meta without bounds (an older version's snapshot) or not JSON: no bounds.
    assert snapshot_parts.uuid_bounds('{"kind": "order"}') is None
    assert snapshot_parts.uuid_bounds("") is None
    assert snapshot_parts.uuid_order_fits(
        {**parts, column_snapshot.UUID_ORDER: ('{"kind": "order"}', data)}, uuids)


@pytest.mark.parametrize("texts", [
    ["2027-05-05T16:00:00.000000Z", "2026-11-01T10:00:00+00:00"],
    ["2024-02-29T23:59:59.123456789Z", "1900-01-01T00:00:00Z", "2199-12-31T23:59:59.9Z"],
    ["2026-11-01T10:00:00+02:00", "2026-11-01T10:00:00Z"],   # an offset: pandas reads it
    ["2026-11-01 10:00:00", "2026-11-01T10:00:00.5+00:00"],  # a space: pandas reads it
])
def test_stored_times_read_directly_equal_pandas(texts):
    stamps = pd.to_datetime(pd.Series(texts, dtype=object), utc=True, format="ISO8601")
    assert column_snapshot.created_ns(texts).tolist() == \
        stamps.astype("datetime64[ns, UTC]").to_numpy(dtype="M8[ns]").view(np.int64).tolist()


def test_a_date_that_does_not_exist_goes_to_pandas_and_is_unknown():
    assert column_snapshot._utc_stamps_ns(["2023-02-29T10:00:00Z"]) is None
    times = column_snapshot.created_ns(["2023-02-29T10:00:00Z", "2023-02-28T10:00:00Z"])
    assert np.isnat(times.view("M8[ns]")).tolist() == [True, False]


@pytest.mark.parametrize("texts", [
    ["1", "2", "5", "0", "-3", "999999999", None],
    ["1", "2.5", "07", "-0", " 4", "abc", "1e3", "+2", None],  # pandas decides these
])
def test_answer_texts_parsed_directly_equal_pandas(texts):
    column = np.array(texts, dtype=object)
    expected = pd.to_numeric(pd.Series(column, dtype=object), errors="coerce").to_numpy(
        dtype=float, na_value=np.nan)
    parsed = column_snapshot.parsed_numbers(column)
    assert np.array_equal(parsed, expected, equal_nan=True)
    assert np.array_equal(np.signbit(parsed), np.signbit(expected))
