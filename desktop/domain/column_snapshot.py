"""The analysis table stored as whole columns: what makes a 100k-form dashboard load fast.

Reading 100k forms x 37 answers from SQLite row by row creates millions of Python objects;
the snapshot instead keeps each analysed question (and each form column) as one block of
bytes that numpy maps in one step. `base_from_rows` builds the in-memory table ("base":
uuid, round_uuid, form_number, operator, created as int64 ns, one float column per numeric
question, one text column per multichoice question) from rows read out of the answer
table; `encode`/`decode` turn it into named parts and back (`UUID_ORDER` holds the row
numbers in uuid order; a snapshot stored by an older version has none); `patch` replaces
the forms written since the snapshot was taken; `analysis_frame` gives a pandas table
(`domain.answer_frame` layout: round names, UTC `created`, `day`).

The dashboard itself takes `decode_columns`: only the parts it sums, as the stored bytes
(`form_columns.FormColumns`: int8 stays int8, texts stay codes), so a million forms load
without a Python object per form; `written_rows` and `patch_columns` take out and add
the few forms written since, by uuid bytes, without decoding the rest.

Numeric columns whose values are all small integers (codes, likert points) are stored as
int8 (-128 = unanswered), anything else as float64, so a value reads back exactly as
`pd.to_numeric` parsed it from the stored text.
"""

from __future__ import annotations

import json
from typing import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from . import answers_json
from .answer_frame import analysed_questions
from .form_columns import MISSING_INT8, FormColumns, pack_numeric
from .questionnaire import Questionnaire
from .written_forms import stored_width, uniform_width
from .written_forms import written_rows  # noqa: F401 - where it lived before

FORMAT = 1
FORM_PARTS = ("uuid", "round_uuid", "form_number", "operator", "created")
_MISSING_INT8 = MISSING_INT8
# The parts a dashboard load reads (and the uuids, when forms were written since).
ANALYSIS_PARTS = ("round_uuid", "created")
UUID_ORDER = "uuid_order"  # int32 row numbers that put the uuid part in order


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
    return base_from_parsed(columns, rows, answers_json.parsed_many([r[5] for r in rows]))


def base_from_parsed(columns: Sequence[Sequence[str]], rows: Sequence[tuple],
                     objects: Sequence[dict | None]) -> Base:
    """`base_from_rows` with each row's answers parsed already (`objects[i]`: row i's
    `answers_json.parsed_many`), so a caller that also inspects them parses once."""
    base = _form_columns(rows)
    has = np.array([o is not None for o in objects], dtype=bool)
    records = pd.DataFrame.from_records([o for o in objects if o is not None],
                                        columns=[qid for qid, _ in columns])
    for qid, kind in columns:
        if kind == "numeric":
            column = np.full(len(rows), np.nan)
            column[has] = parsed_numbers(records[qid].to_numpy(dtype=object))
        else:
            column = np.full(len(rows), None, dtype=object)
            texts_of = records[qid].to_numpy(dtype=object)
            column[has] = np.where(pd.isna(texts_of), None, texts_of)
        base[qid] = column
    return base


def _form_columns(rows: Sequence[tuple]) -> Base:
    """The form columns of the base table (uuid, round uuid, form number, operator,
    created as int64 ns) from rows as `base_from_rows` takes them."""
    return {
        "uuid": np.array([r[0] for r in rows], dtype=object),
        "round_uuid": np.array([r[1] for r in rows], dtype=object),
        "form_number": np.array([r[2] for r in rows], dtype=np.int64),
        "operator": np.array([r[3] for r in rows], dtype=object),
        "created": _created_ns([r[4] for r in rows]),
    }


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
    lines = "\n".join(base["uuid"]).encode("utf-8")
    width = uniform_width(lines, size(base))  # what lets a load read them as records
    parts.append(("uuid", json.dumps({"kind": "lines", **({"width": width} if width else {})}),
                  lines))
    # The rows in uuid order, so a load finds a few written forms by binary search
    # (services/cell_sums_cache.py) instead of reading every uuid.
    parts.append((UUID_ORDER, json.dumps({"kind": "order"}),
                  _uuid_order(lines, size(base)).astype(np.int32).tobytes()))
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
        base[name] = _read_part(*parts[name])
    for name in ("form_number", "created"):
        base[name] = np.frombuffer(parts[name][1], dtype=np.int64)
    for qid, _ in columns:
        base[qid] = _read_part(*parts["q:" + qid], compact=compact)
    if any(len(v) != rows for v in base.values()):
        return None
    return base


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
            values[raw == _MISSING_INT8] = np.nan
            return values
        if kind in ("float64", "int64"):
            return np.frombuffer(data, dtype=np.float64 if kind == "float64" else np.int64)[rows]
        labels = self._labels.get(key)
        if labels is None:
            labels = self._labels[key] = np.array(meta["labels"] + [None], dtype=object)
        return labels[np.frombuffer(data, dtype=np.int32)[rows]]


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
    return bool((ranked[1:] > ranked[:-1]).all())


def header_rows(parts: Mapping[str, tuple[str, bytes]]) -> int:
    """How many forms the stored snapshot holds (its header says; `header_fits` first)."""
    return int(json.loads(parts[""][0])["rows"])


def needed_parts(columns: Sequence[Sequence[str]]) -> list[str]:
    """The names of the parts `decode_columns` reads (no uuid, number or operator)."""
    return ["", *ANALYSIS_PARTS, *("q:" + qid for qid, _ in columns)]


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
            numeric[qid] = _read_part(meta, data)
    meta, data = parts["round_uuid"]
    codes = np.frombuffer(data, dtype=np.int32)
    labels = json.loads(meta)["labels"]
    created = np.frombuffer(parts["created"][1], dtype=np.int64)
    result = _round_columns(rows, numeric, multi, codes, labels, round_names, created)
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
    return _round_columns(size(base), numeric, multi, codes.astype(np.int32),
                          [str(u) for u in uuids], round_names,
                          np.asarray(base["created"], dtype=np.int64))


def _round_columns(rows, numeric, multi, codes, labels, round_names, created) -> FormColumns:
    """FormColumns whose rounds are named: a round code into the round uuids becomes a
    code into their names (a round without one is named by its uuid; forms without a
    round by '', as the analysis table names them)."""
    names = [round_names.get(u, u) for u in labels]
    if len(codes) and codes.min(initial=0) < 0:
        codes = np.where(codes < 0, len(names), codes).astype(np.int32)
        names = names + [""]
    return FormColumns(rows, numeric, multi, codes, names, created)


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


def parsed_numbers(texts: np.ndarray) -> np.ndarray:
    """Stored texts as floats (NaN for blanks and non-numbers) as `pd.to_numeric` parses
    them, each distinct text once: a column of codes holds a handful (4x faster)."""
    codes, uniques = pd.factorize(texts)
    parsed = pd.to_numeric(pd.Series(uniques, dtype=object), errors="coerce")
    return np.append(parsed.to_numpy(dtype=float, na_value=np.nan), np.nan)[codes]


def _created_ns(texts: list[str]) -> np.ndarray:
    """Keying times as int64 ns (UTC); a time that is no real one, or beyond what a
    nanosecond count holds (a bundle's year 0001 or 9999, a 30 February), is unknown
    (NaT: `activity.NO_TIME`) instead of stopping the whole dashboard."""
    if not texts:
        return np.array([], dtype=np.int64)
    stamps = pd.to_datetime(pd.Series(texts, dtype=object), utc=True, format="ISO8601",
                            errors="coerce")
    return stamps.dt.tz_convert("UTC").astype("datetime64[ns, UTC]").to_numpy(
        dtype="M8[ns]").view(np.int64)


def _number_part(name: str, values: np.ndarray) -> tuple[str, str, bytes]:
    packed = pack_numeric(values)
    kind = "int8" if packed.dtype == np.int8 else "float64"
    return name, json.dumps({"kind": kind}), packed.tobytes()


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
