"""The analysis snapshot as named byte parts (what `storage.analysis_snapshot_store`
keeps) and back: `encode`/`decode` the whole base table (`column_snapshot`), the header
checks a load makes before it trusts the parts, and the part readers.

The header part is named ''; the `UUID_ORDER` part holds the row numbers in uuid order (a
snapshot stored by an older version has none)."""

from __future__ import annotations

import json
from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from .column_snapshot import ANALYSIS_PARTS, FORMAT, UUID_ORDER, Base, as_float, size
from .form_columns import pack_numeric
from .written_forms import stored_width, uniform_width


def encode(base: Base, columns: Sequence[Sequence[str]]) -> list[tuple[str, str, bytes]]:
    """The base table as (name, meta JSON, bytes) parts; the header part is named ''."""
    parts = [("", json.dumps({"format": FORMAT, "rows": size(base),
                              "columns": [list(c) for c in columns]}), b"")]
    lines = "\n".join(base["uuid"]).encode("utf-8")
    width = uniform_width(lines, size(base))  # what lets a load read them as records
    parts.append(("uuid", json.dumps({"kind": "lines", **({"width": width} if width else {})}),
                  lines))
    # The rows in uuid order, so a load finds a few written forms by binary search
    # (services/cell_sums_cache.py) instead of reading every uuid; its meta names the
    # first and last uuid in that order, so a form saved since (a time-ordered uuid later
    # than every stored one) is known to be absent without reading the part at all.
    order = _uuid_order(lines, size(base))
    bounds = ({"first": str(base["uuid"][order[0]]), "last": str(base["uuid"][order[-1]])}
              if len(order) else {})
    parts.append((UUID_ORDER, json.dumps({"kind": "order", **bounds}),
                  order.astype(np.int32).tobytes()))
    for name in ("round_uuid", "operator"):
        parts.append(_text_part(name, base[name]))
    for name in ("form_number", "created"):
        parts.append((name, json.dumps({"kind": "int64"}),
                      np.asarray(base[name], dtype=np.int64).tobytes()))
    for qid, kind in columns:
        if kind == "numeric":
            parts.append(_number_part("q:" + qid, np.asarray(base[qid], dtype=float)))
        else:
            parts.append(_text_part("q:" + qid, base[qid]))
    return parts


def _uuid_order(lines: bytes, rows: int) -> np.ndarray:
    """The row numbers that put the uuid part's lines in byte order: lines of one length
    (uuids: 36 characters) are sorted as fixed-width records in place (a sixth of the
    time of sorting a million strings), anything else line by line."""
    width = uniform_width(lines, rows)
    if width is not None:  # every line of that width: records are lines
        records = np.frombuffer(lines + b"\n", dtype=f"S{width + 1}")
        return np.argsort(records, kind="stable")
    return np.argsort(np.array(lines.split(b"\n") if rows else [], dtype=object),
                      kind="stable")


def decode(parts: Mapping[str, tuple[str, bytes]],
           columns: Sequence[Sequence[str]], compact: bool = False) -> Base | None:
    """The base table from stored parts, or None when there is none or it was made for
    other analysed questions (or by another format). `compact`: small-integer columns
    stay int8 (-128 = unanswered; `as_float` reads them), an eighth of the memory."""
    if not header_fits(parts, columns):
        return None
    rows = int(json.loads(parts[""][0])["rows"])
    base: Base = {}
    text = parts["uuid"][1].decode("utf-8")
    base["uuid"] = np.array(text.split("\n") if rows else [], dtype=object)
    for name in ("round_uuid", "operator"):
        base[name] = read_part(*parts[name])
    for name in ("form_number", "created"):
        base[name] = np.frombuffer(parts[name][1], dtype=np.int64)
    for qid, _ in columns:
        base[qid] = read_part(*parts["q:" + qid], compact=compact)
    if any(len(v) != rows for v in base.values()):
        return None
    return base


def header_fits(parts: Mapping[str, tuple[str, bytes]],
                columns: Sequence[Sequence[str]]) -> bool:
    """The stored header ('' part) describes a snapshot of these columns in this format."""
    if "" not in parts:
        return False
    header = json.loads(parts[""][0])
    return header.get("format") == FORMAT and \
        header.get("columns") == [list(c) for c in columns]


def uuid_order_fits(parts: Mapping[str, tuple[str, bytes]], uuids: np.ndarray) -> bool:
    """The stored `UUID_ORDER` part (if any) puts these uuids (the uuid part's lines, as
    bytes) in strictly increasing order, each row once, and the uuid part's lines have
    the one width its meta claims, if it claims one (what a search relies on)."""
    if "uuid" in parts:  # the width it claims is the width of its lines
        claimed = stored_width(parts["uuid"][0])
        if claimed is not None and uniform_width(parts["uuid"][1], len(uuids)) != claimed:
            return False
    if UUID_ORDER not in parts:
        return True
    data = parts[UUID_ORDER][1]
    if len(data) != 4 * len(uuids):
        return False
    order = np.frombuffer(data, dtype=np.int32)
    if len(order) and (order.min() < 0 or order.max() >= len(uuids)):
        return False
    ranked = uuids[order]
    if not (ranked[1:] > ranked[:-1]).all():
        return False
    return uuid_bounds(parts[UUID_ORDER][0]) in (None, (ranked[0], ranked[-1])) \
        if len(ranked) else uuid_bounds(parts[UUID_ORDER][0]) is None


def uuid_bounds(order_meta: str) -> tuple[bytes, bytes] | None:
    """The first and last stored uuid in byte order (UTF-8), as the `UUID_ORDER` part's
    meta names them; None when it does not (a snapshot stored by an older version, or
    of no form)."""
    try:
        meta = json.loads(order_meta)
    except ValueError:
        return None
    first, last = (meta.get("first"), meta.get("last")) if isinstance(meta, dict) \
        else (None, None)
    if not (isinstance(first, str) and isinstance(last, str)):
        return None
    return first.encode("utf-8"), last.encode("utf-8")


def header_rows(parts: Mapping[str, tuple[str, bytes]]) -> int:
    """How many forms the stored snapshot holds (its header says; `header_fits` first)."""
    return int(json.loads(parts[""][0])["rows"])


def needed_parts(columns: Sequence[Sequence[str]]) -> list[str]:
    """The names of the parts `decode_columns` reads (no uuid, number or operator)."""
    return ["", *ANALYSIS_PARTS, *("q:" + qid for qid, _ in columns)]


def _number_part(name: str, values: np.ndarray) -> tuple[str, str, bytes]:
    packed = pack_numeric(values)
    kind = "int8" if packed.dtype == np.int8 else "float64"
    return name, json.dumps({"kind": kind}), packed.tobytes()


def _text_part(name: str, values: np.ndarray) -> tuple[str, str, bytes]:
    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
    return (name, json.dumps({"kind": "codes", "labels": [str(u) for u in uniques]}),
            codes.astype(np.int32).tobytes())


def read_part(meta_text: str, data: bytes, compact: bool = False) -> np.ndarray:
    meta = json.loads(meta_text)
    kind = meta["kind"]
    if kind == "int8":
        raw = np.frombuffer(data, dtype=np.int8)
        return raw if compact else as_float(raw)
    if kind == "float64":
        return np.frombuffer(data, dtype=np.float64).copy()
    if kind == "codes":
        codes = np.frombuffer(data, dtype=np.int32)
        labels = np.array(meta["labels"] + [None], dtype=object)
        return labels[codes]  # code -1 picks the trailing None
    raise ValueError(f"unknown snapshot part kind {kind!r}")
