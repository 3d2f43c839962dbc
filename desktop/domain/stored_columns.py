"""A stored analysis snapshot read a few rows at a time (`StoredColumns`): what `check`
compares with the answer rows without decoding every column whole."""

from __future__ import annotations

import json
from typing import Mapping, Sequence

import numpy as np

from .column_snapshot import FORM_PARTS, FORMAT
from .form_columns import MISSING_INT8


class StoredColumns:
    """A stored snapshot read a few rows at a time: `take(name, rows)` decodes only those
    rows of one column, so `check` compares a million forms without decoding every
    column whole (the uuids are kept as bytes, which numpy sorts in SQLite's order)."""

    def __init__(self, rows: int, uuids: np.ndarray, parts: dict[str, tuple[dict, bytes]]):
        self.rows = rows
        self.uuids = uuids
        self._parts = parts
        self._labels: dict[str, np.ndarray] = {}

    @classmethod
    def open(cls, parts: Mapping[str, tuple[str, bytes]],
             columns: Sequence[Sequence[str]]) -> "StoredColumns | None":
        """None when `decode` would give None (no snapshot, another questionnaire or
        format, columns of other lengths); ValueError when a part is missing or unreadable
        (the loader could not read it either)."""
        if "" not in parts:
            return None
        header = json.loads(parts[""][0])
        if header.get("format") != FORMAT or header.get("columns") != [list(c) for c in columns]:
            return None
        rows = int(header["rows"])
        names = ["uuid", *FORM_PARTS[1:], *("q:" + qid for qid, _ in columns)]
        missing = [name for name in names if name not in parts]
        if missing:
            raise ValueError(f"snapshot parts missing: {missing}")
        lines = parts["uuid"][1].split(b"\n") if rows else []
        read = {name: (json.loads(parts[name][0]), parts[name][1]) for name in names[1:]}
        widths = {"int8": 1, "float64": 8, "int64": 8, "codes": 4}
        for meta, data in read.values():
            if meta.get("kind") not in widths:
                raise ValueError(f"unknown snapshot part kind {meta.get('kind')!r}")
            if meta["kind"] == "codes" and len(data) % 4 == 0 and len(data):
                # A code no label has: the loader's `labels[codes]` could not read the
                # part either (and `take` would stop where a chunk holds it).
                codes = np.frombuffer(data, dtype=np.int32)
                size = len(meta["labels"]) + 1
                if codes.max() >= size or codes.min() < -size:
                    raise ValueError("snapshot part with a code no label has")
        if len(lines) != rows or any(len(data) != rows * widths[meta["kind"]]
                                     for meta, data in read.values()):
            return None
        return cls(rows, np.array(lines, dtype=bytes), read)

    def take(self, name: str, rows: np.ndarray) -> np.ndarray:
        """Rows `rows` of the column `name` (a form part, or a question id), decoded as
        `decode` decodes them."""
        key = name if name in FORM_PARTS else "q:" + name
        meta, data = self._parts[key]
        kind = meta["kind"]
        if kind == "int8":
            raw = np.frombuffer(data, dtype=np.int8)[rows]
            values = raw.astype(float)
            values[raw == MISSING_INT8] = np.nan
            return values
        if kind in ("float64", "int64"):
            return np.frombuffer(data, dtype=np.float64 if kind == "float64" else np.int64)[rows]
        labels = self._labels.get(key)
        if labels is None:
            labels = self._labels[key] = np.array(meta["labels"] + [None], dtype=object)
        return labels[np.frombuffer(data, dtype=np.int32)[rows]]
