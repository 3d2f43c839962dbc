"""The dashboard's per-profile-cell sums as one stored row, and what they are stored under.

`encode`/`decode` turn `CellSums` into (meta JSON text, bytes) and back, refusing (None)
anything that does not hold together; `fingerprint` names what the sums depend on besides
the forms; `equal` compares two sums array for array (what `check` compares).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import zlib

import numpy as np

from .cell_sums import CellSums, Counts

FORMAT = 1
_ARRAYS = ("codes", "sizes", "risk", "climate_hits", "climate_answered", "climate_missing",
           "exposure_hits", "exposure_answered", "exposure_missing", "pair_cell",
           "pair_day", "pair_n")


def fingerprint(questionnaire: Questionnaire, round_names: dict[str, str]) -> str:
    """What the sums depend on besides the forms: the analysed questionnaire (every rule
    and code) and the round names (the round groups are named). Sums stored under another
    fingerprint are not used."""
    q = questionnaire
    if q.sha256:  # the definition's hash, and what pooling versions took out of it
        described = (q.sha256, [(r.id, r.likelihood, r.impact) for r in q.risks],
                     q.profile, q.climate, q.exposure)
    else:  # built in code (tests): every field
        described = q
    text = _canonical((FORMAT, described, sorted(round_names.items())))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _canonical(value) -> str:
    """A text of a value that is the same in every run (a set's repr follows the string
    hash seed, which differs from run to run): dataclass fields in order, sets and dicts
    sorted."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        inner = ",".join(f"{f.name}={_canonical(getattr(value, f.name))}"
                         for f in dataclasses.fields(value)
                         if f.repr and not callable(getattr(value, f.name)))
        return f"{type(value).__name__}({inner})"
    if isinstance(value, (set, frozenset)):
        return "{" + ",".join(sorted(_canonical(v) for v in value)) + "}"
    if isinstance(value, dict):
        return "{" + ",".join(sorted(f"{_canonical(k)}:{_canonical(v)}"
                                     for k, v in value.items())) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_canonical(v) for v in value) + "]"
    return repr(value)


def encode(sums: CellSums) -> tuple[str, bytes]:
    """(meta JSON text, bytes): the arrays one after another, described in the meta with
    a checksum of the bytes."""
    arrays = _arrays(sums)
    described, blobs, offset = [], [], 0
    for name in _ARRAYS:
        array = np.ascontiguousarray(arrays[name], dtype=_smallest(arrays[name]))
        data = array.tobytes()
        described.append([name, array.dtype.str, list(array.shape), offset])
        blobs.append(data)
        offset += len(data)
    data = b"".join(blobs)
    meta = {"format": FORMAT, "dims": sums.dims, "keys": sums.keys, "days": sums.days,
            "climate": [sums.climate.keys, sums.climate.questions],
            "exposure": [sums.exposure.keys, sums.exposure.questions],
            "arrays": described, "adler32": zlib.adler32(data)}
    return json.dumps(meta), data


def decode(meta_text: str, data: bytes | None) -> CellSums | None:
    """The sums stored by `encode`, or None when the row is damaged: unreadable, the wrong
    size, a checksum that does not match, or arrays that do not hold together."""
    if not isinstance(data, bytes) or not isinstance(meta_text, str):
        return None
    try:
        meta = json.loads(meta_text)
        if meta.get("format") != FORMAT or zlib.adler32(data) != meta["adler32"]:
            return None
        arrays = {}
        for name, kind, shape, offset in meta["arrays"]:
            dtype = np.dtype(kind)
            if dtype.kind != "i":
                return None
            count = int(np.prod(shape, dtype=np.int64))
            if offset < 0 or offset + count * dtype.itemsize > len(data):
                return None
            # The stored width, read in place (read-only views of the row's bytes): every
            # use widens what it sums, and a copy of each array to int64 cost more than
            # the rest of a dashboard load (fresh memory for a few MB).
            arrays[name] = np.frombuffer(data, dtype=dtype, count=count,
                                         offset=offset).reshape(shape)
        dims = list(meta["dims"])
        keys = {d: list(meta["keys"][d]) for d in dims}

        def counts(which: str) -> Counts:
            found, questions = meta[which]
            return Counts([tuple(k) for k in found], list(questions),
                          arrays[f"{which}_hits"], arrays[f"{which}_answered"],
                          arrays[f"{which}_missing"])

        sums = CellSums(dims, keys, arrays["codes"], arrays["sizes"], arrays["risk"],
                        counts("climate"), counts("exposure"), arrays["pair_cell"],
                        arrays["pair_day"], arrays["pair_n"], list(meta["days"]))
    except (ValueError, KeyError, TypeError, IndexError):
        return None
    return sums if _holds_together(sums) else None


def _arrays(sums: CellSums) -> dict[str, np.ndarray]:
    return {"codes": sums.codes, "sizes": sums.sizes, "risk": sums.risk,
            "climate_hits": sums.climate.hits, "climate_answered": sums.climate.answered,
            "climate_missing": sums.climate.missing, "exposure_hits": sums.exposure.hits,
            "exposure_answered": sums.exposure.answered,
            "exposure_missing": sums.exposure.missing, "pair_cell": sums.pair_cell,
            "pair_day": sums.pair_day, "pair_n": sums.pair_n}


def _holds_together(sums: CellSums) -> bool:
    """Shapes and indexes that agree (what a damaged row would break)."""
    n = sums.count
    pairs = len(sums.pair_cell)
    shapes_ok = (
        sums.codes.shape == (n, len(sums.dims)) and sums.sizes.ndim == 1
        and sums.risk.ndim == 2 and len(sums.risk) == n
        and all(c.hits.shape == (n, len(c.keys)) and c.answered.shape == (n, len(c.questions))
                and c.missing.shape == (n, len(c.questions))
                for c in (sums.climate, sums.exposure))
        and len(sums.pair_day) == pairs and len(sums.pair_n) == pairs)
    if not shapes_ok:
        return False
    for i, dim in enumerate(sums.dims):
        if n and (sums.codes[:, i].min() < 0 or sums.codes[:, i].max() >= len(sums.keys[dim])):
            return False
    if pairs and (sums.pair_cell.min() < 0 or sums.pair_cell.max() >= n
                  or sums.pair_day.min() < 0 or sums.pair_day.max() >= len(sums.days)
                  or sums.pair_n.min() <= 0):
        return False
    return bool(n == 0 or sums.sizes.min() > 0) and int(sums.pair_n.sum()) <= sums.forms


def equal(a: CellSums, b: CellSums) -> bool:
    """The same sums, array for array (what `check` compares)."""
    if (a.dims, a.keys, a.days) != (b.dims, b.keys, b.days):
        return False
    if (a.climate.keys, a.exposure.keys) != (b.climate.keys, b.exposure.keys):
        return False
    left, right = _arrays(a), _arrays(b)
    return all(np.array_equal(left[k], right[k]) for k in _ARRAYS)


def _smallest(values: np.ndarray) -> np.dtype:
    """The smallest signed integer type that holds every value (sums of a few thousand
    cells are mostly small: a third of the bytes to read)."""
    values = np.asarray(values)
    if not values.size:
        return np.dtype(np.int8)
    low, high = int(values.min()), int(values.max())
    for kind in (np.int8, np.int16, np.int32):
        info = np.iinfo(kind)
        if info.min <= low and high <= info.max:
            return np.dtype(kind)
    return np.dtype(np.int64)
