"""The analysis table stored as whole columns: what makes a 100k-form dashboard load fast.

Reading 100k forms x 37 answers from SQLite row by row creates millions of Python objects;
the snapshot instead keeps each analysed question (and each form column) as one block of
bytes that numpy maps in one step. `base_from_rows` builds the in-memory table ("base":
uuid, round_uuid, form_number, operator, created as int64 ns, one float column per numeric
question, one text column per multichoice question) from rows read out of the answer
table; `encode`/`decode` turn it into named parts and back; `patch` replaces the forms
written since the snapshot was taken; `analysis_frame` gives the table the analysis uses
(`domain.answer_frame` layout: round names, UTC `created`, `day`).

Numeric columns whose values are all small integers (codes, likert points) are stored as
int8 (-128 = unanswered), anything else as float64, so a value reads back exactly as
`pd.to_numeric` parsed it from the stored text.
"""

from __future__ import annotations

import json
from typing import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from .answer_frame import analysed_questions
from .questionnaire import Questionnaire

FORMAT = 1
FORM_PARTS = ("uuid", "round_uuid", "form_number", "operator", "created")
_MISSING_INT8 = -128


def snapshot_columns(questionnaire: Questionnaire) -> list[list[str]]:
    """The analysed questions as [question id, 'numeric' | 'multi'] (the header compares
    them: a questionnaire with other analysed questions needs a new snapshot)."""
    numeric, multi = analysed_questions(questionnaire)
    return [[qid, "numeric"] for qid in numeric] + [[qid, "multi"] for qid in multi]


Base = dict  # column name -> numpy array, every array of the same length


def empty_base(columns: Sequence[Sequence[str]]) -> Base:
    return base_from_rows(columns, [])


def base_from_rows(columns: Sequence[Sequence[str]], rows: Iterable[tuple]) -> Base:
    """The base table from rows (uuid, round uuid, form number, operator, created text,
    answers as a JSON object text or None) as `storage.analysis_store.form_answer_rows`
    reads them."""
    rows = list(rows)
    base: Base = {
        "uuid": np.array([r[0] for r in rows], dtype=object),
        "round_uuid": np.array([r[1] for r in rows], dtype=object),
        "form_number": np.array([r[2] for r in rows], dtype=np.int64),
        "operator": np.array([r[3] for r in rows], dtype=object),
        "created": _created_ns([r[4] for r in rows]),
    }
    texts = [r[5] for r in rows if r[5]]
    has = np.array([bool(r[5]) for r in rows], dtype=bool)
    records = pd.DataFrame.from_records([json.loads(t) for t in texts],
                                        columns=[qid for qid, _ in columns])
    for qid, kind in columns:
        if kind == "numeric":
            column = np.full(len(rows), np.nan)
            column[has] = _parsed(records[qid].to_numpy(dtype=object))
        else:
            column = np.full(len(rows), None, dtype=object)
            texts_of = records[qid].to_numpy(dtype=object)
            column[has] = np.where(pd.isna(texts_of), None, texts_of)
        base[qid] = column
    return base


def size(base: Base) -> int:
    return len(base["uuid"])


def concat(bases: Sequence[Base]) -> Base:
    if len(bases) == 1:
        return bases[0]
    return {name: np.concatenate([b[name] for b in bases]) for name in bases[0]}


def patch(base: Base, written: Sequence[str], fresh: Base) -> Base:
    """`base` without the forms named in `written`, plus `fresh` (their live versions)."""
    if not len(written):
        return base
    keep = ~pd.Index(base["uuid"]).isin(list(written))
    return {name: np.concatenate([as_float(values)[keep] if name in fresh and
                                  fresh[name].dtype.kind == "f" else values[keep],
                                  fresh[name]])
            for name, values in base.items()}


def encode(base: Base, columns: Sequence[Sequence[str]]) -> list[tuple[str, str, bytes]]:
    """The base table as (name, meta JSON, bytes) parts; the header part is named ''."""
    parts = [("", json.dumps({"format": FORMAT, "rows": size(base),
                              "columns": [list(c) for c in columns]}), b"")]
    parts.append(("uuid", json.dumps({"kind": "lines"}),
                  "\n".join(base["uuid"]).encode("utf-8")))
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


def decode(parts: Mapping[str, tuple[str, bytes]],
           columns: Sequence[Sequence[str]], compact: bool = False) -> Base | None:
    """The base table from stored parts, or None when there is none or it was made for
    other analysed questions (or by another format). `compact`: small-integer columns
    stay int8 (-128 = unanswered; `as_float` reads them), an eighth of the memory."""
    if "" not in parts:
        return None
    header = json.loads(parts[""][0])
    if header.get("format") != FORMAT or header.get("columns") != [list(c) for c in columns]:
        return None
    rows = int(header["rows"])
    base: Base = {}
    text = parts["uuid"][1].decode("utf-8")
    base["uuid"] = np.array(text.split("\n") if rows else [], dtype=object)
    for name in ("round_uuid", "operator"):
        base[name] = _read_part(*parts[name])
    for name in ("form_number", "created"):
        base[name] = np.frombuffer(parts[name][1], dtype=np.int64)
    for qid, _ in columns:
        base[qid] = _read_part(*parts["q:" + qid], compact=compact)
    if any(len(v) != rows for v in base.values()):
        return None
    return base


def analysis_frame(base: Base, round_names: Mapping[str, str],
                   columns: Sequence[Sequence[str]], consume: bool = False) -> pd.DataFrame:
    """The table the analysis works on (`domain.answer_frame` layout), rows in keying
    order (created; forms keyed at the same instant in the order of `base`). No figure
    depends on the order; sorting by uuid text as well cost 0.1 s per 100k forms.
    `consume`: each column of `base` is dropped from it once copied, so a million forms
    never sit in memory twice (the caller's `base` is left empty)."""
    order = np.argsort(base["created"], kind="stable")
    stamps = base["created"][order].view("M8[ns]")
    days, inverse = np.unique(stamps.astype("M8[D]"), return_inverse=True)
    day_text = np.array([str(d) for d in days] + [""], dtype=object)
    round_codes, round_uuids = pd.factorize(base["round_uuid"][order])
    names = np.array([round_names.get(u, u) for u in round_uuids] + [""], dtype=object)
    rounds = pd.Categorical(names[round_codes])  # categories sorted by name, as before
    frame = pd.DataFrame({
        "uuid": base["uuid"][order],
        "round": rounds,
        "form_number": base["form_number"][order],
        "operator": base["operator"][order],
        "created": pd.DatetimeIndex(stamps).tz_localize("UTC"),
        "day": day_text[inverse.reshape(-1)],
    })
    numeric = [qid for qid, kind in columns if kind == "numeric"]
    answers = {qid: base[qid] for qid, _ in columns}
    if consume:
        base.clear()  # the form columns are in `frame`; the answers go one at a time
    # Column-major: each question's values lie together, as pandas keeps a block's
    # columns, so the frame takes the matrix without a copy and every later read of a
    # column (the sums of each risk) is a contiguous read.
    matrix = np.empty((len(order), len(numeric)), order="F")
    for i, qid in enumerate(numeric):
        np.take(answers[qid], order, out=matrix[:, i])
        if consume:
            del answers[qid]
    parts = [frame, pd.DataFrame(matrix, columns=numeric, copy=False)]
    multi = [qid for qid, kind in columns if kind != "numeric"]
    if multi:
        parts.append(pd.DataFrame({qid: answers[qid][order] for qid in multi}))
    return pd.concat(parts, axis=1, copy=False)  # columns already in questionnaire order


def _parsed(texts: np.ndarray) -> np.ndarray:
    """Stored texts as floats (NaN for blanks and non-numbers) as `pd.to_numeric` parses
    them, each distinct text once: a column of codes holds a handful (4x faster)."""
    codes, uniques = pd.factorize(texts)
    parsed = pd.to_numeric(pd.Series(uniques, dtype=object), errors="coerce")
    return np.append(parsed.to_numpy(dtype=float, na_value=np.nan), np.nan)[codes]


def _created_ns(texts: list[str]) -> np.ndarray:
    if not texts:
        return np.array([], dtype=np.int64)
    stamps = pd.to_datetime(pd.Series(texts, dtype=object), utc=True, format="ISO8601")
    return stamps.dt.tz_convert("UTC").astype("datetime64[ns, UTC]").to_numpy(
        dtype="M8[ns]").view(np.int64)


def _number_part(name: str, values: np.ndarray) -> tuple[str, str, bytes]:
    present = ~np.isnan(values)
    small = present & (np.abs(values) <= 127) & (values == np.round(values))
    if np.array_equal(small, present):
        packed = np.full(len(values), _MISSING_INT8, dtype=np.int8)
        packed[present] = values[present].astype(np.int8)
        return name, json.dumps({"kind": "int8"}), packed.tobytes()
    return name, json.dumps({"kind": "float64"}), values.astype(np.float64).tobytes()


def _text_part(name: str, values: np.ndarray) -> tuple[str, str, bytes]:
    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
    return (name, json.dumps({"kind": "codes", "labels": [str(u) for u in uniques]}),
            codes.astype(np.int32).tobytes())


def as_float(values: np.ndarray) -> np.ndarray:
    """A numeric column as floats (NaN = unanswered), also one decoded `compact`."""
    if values.dtype != np.int8:
        return values
    out = values.astype(float)
    out[values == _MISSING_INT8] = np.nan
    return out


def _read_part(meta_text: str, data: bytes, compact: bool = False) -> np.ndarray:
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
