"""The analysed columns the dashboard sums, packed as the snapshot stores them
(`form_columns.FormColumns`: int8 stays int8, texts stay codes), so a million forms load
without a Python object per form: `decode_columns` reads them straight from the stored
parts, `form_columns` packs a base table, `patch_columns` takes out the rows of the forms
written since and adds their live versions."""

from __future__ import annotations

import json
from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from .column_snapshot import Base, size
from .form_columns import FormColumns, pack_numeric
from .snapshot_parts import header_fits, read_part


def decode_columns(parts: Mapping[str, tuple[str, bytes]], columns: Sequence[Sequence[str]],
                   round_names: Mapping[str, str]) -> FormColumns | None:
    """The analysed columns straight from the stored bytes (`needed_parts`; None as
    `decode`): int8 answers stay int8 and text columns stay codes, so no Python object is
    made per form and the arrays share the bytes SQLite returned."""
    if not header_fits(parts, columns):
        return None
    rows = int(json.loads(parts[""][0])["rows"])
    numeric, multi = {}, {}
    for qid, kind in columns:
        meta, data = parts["q:" + qid]
        described = json.loads(meta)
        if described["kind"] == "codes":
            multi[qid] = (np.frombuffer(data, dtype=np.int32), list(described["labels"]))
        elif described["kind"] == "int8":
            numeric[qid] = np.frombuffer(data, dtype=np.int8)
        else:
            numeric[qid] = read_part(meta, data)
    meta, data = parts["round_uuid"]
    codes = np.frombuffer(data, dtype=np.int32)
    labels = json.loads(meta)["labels"]
    created = np.frombuffer(parts["created"][1], dtype=np.int64)
    result = round_columns(rows, numeric, multi, codes, labels, round_names, created)
    lengths = [len(v) for v in numeric.values()] + [len(c) for c, _ in multi.values()]
    if any(n != rows for n in lengths + [len(codes), len(created)]):
        return None
    return result


def patch_columns(stored: FormColumns, keep: np.ndarray, fresh: Base,
                  round_names: Mapping[str, str],
                  columns: Sequence[Sequence[str]]) -> FormColumns:
    """The stored columns without the rows not kept, plus the forms of `fresh` (a base read
    from the answer rows: the live versions of the forms written since)."""
    added = form_columns(fresh, round_names, columns)
    numeric, multi = {}, {}
    for qid, kind in columns:
        if kind == "numeric":
            old, new = stored.numeric[qid][keep], added.numeric[qid]
            if old.dtype != new.dtype:  # one side has other numbers: floats for both
                old = stored.values(qid)[keep]
                new = added.values(qid)
            numeric[qid] = np.concatenate([old, new])
        else:
            multi[qid] = _merged_codes(stored.multi[qid], keep, added.multi[qid])
    rounds = _merged_codes((stored.round_codes, stored.round_names), keep,
                           (added.round_codes, added.round_names))
    return FormColumns(int(keep.sum()) + added.size, numeric, multi, rounds[0], rounds[1],
                       np.concatenate([stored.created[keep], added.created]))


def _merged_codes(stored: tuple[np.ndarray, list[str]], keep: np.ndarray,
                  added: tuple[np.ndarray, list[str]]) -> tuple[np.ndarray, list[str]]:
    """Codes into texts (-1: none) of the kept stored rows and the added rows, the added
    texts joining the stored ones."""
    texts = list(stored[1])
    position = {text: i for i, text in enumerate(texts)}
    for text in added[1]:
        if text not in position:
            position[text] = len(texts)
            texts.append(text)
    lookup = np.array([position[text] for text in added[1]] + [-1], dtype=np.int32)
    codes = np.concatenate([np.asarray(stored[0])[keep], lookup[np.asarray(added[0])]])
    return codes.astype(np.int32), texts


def form_columns(base: Base, round_names: Mapping[str, str],
                 columns: Sequence[Sequence[str]]) -> FormColumns:
    """The analysed columns of a base table (a patched or rebuilt snapshot), packed as the
    snapshot packs them."""
    numeric, multi = {}, {}
    for qid, kind in columns:
        if kind == "numeric":
            numeric[qid] = pack_numeric(base[qid])
        else:
            codes, texts = pd.factorize(pd.Series(base[qid], dtype=object))
            multi[qid] = (codes.astype(np.int32), [str(t) for t in texts])
    codes, uuids = pd.factorize(pd.Series(base["round_uuid"], dtype=object))
    return round_columns(size(base), numeric, multi, codes.astype(np.int32),
                          [str(u) for u in uuids], round_names,
                          np.asarray(base["created"], dtype=np.int64))


def round_columns(rows, numeric, multi, codes, labels, round_names, created) -> FormColumns:
    """FormColumns whose rounds are named: a round code into the round uuids becomes a
    code into their names (a round without one is named by its uuid; forms without a
    round by '', as the analysis table names them)."""
    names = [round_names.get(u, u) for u in labels]
    if len(codes) and codes.min(initial=0) < 0:
        codes = np.where(codes < 0, len(names), codes).astype(np.int32)
        names = names + [""]
    return FormColumns(rows, numeric, multi, codes, names, created)
