"""The rows of `audit.jsonl`: one JSON object per line, AUDIT_FIELDS and the chain's two
hashes (records.AUDIT_CHAIN_FIELDS), parsed a batch of lines at a time and type-checked
(BundleError otherwise; orjson reads, the standard library decides every refusal, see
`_audit_rows`). The hashes themselves are checked by HQ's door
(services/import_gate.AuditChain), against the rows HQ holds.
"""

from __future__ import annotations

import json
import operator
import re
from typing import Iterable, Iterator

import orjson

from .errors import BundleError
from .records import AUDIT_CHAIN_FIELDS, AUDIT_FIELDS, refuse_lone_surrogates

_audit_values = operator.itemgetter(*AUDIT_FIELDS)
_chained_values = operator.itemgetter(*(AUDIT_FIELDS + AUDIT_CHAIN_FIELDS))
_AUDIT_KEYS = frozenset(AUDIT_FIELDS)
_CHAINED_KEYS = frozenset(AUDIT_FIELDS + AUDIT_CHAIN_FIELDS)
_AUDIT_TYPES = {str, type(None)}
_HASH = re.compile(r"^[0-9a-f]{64}$")


def parse_audit(lines: Iterable[str], chained: bool = True) -> list[tuple]:
    """Audit rows (tuples in AUDIT_FIELDS + AUDIT_CHAIN_FIELDS order) from audit.jsonl
    lines; a format 1 bundle (`chained` false) carries no chain, and its rows get None."""
    return list(iter_audit(lines, chained))


def iter_audit(lines: Iterable[str], chained: bool = True, skip: int = 0,
               stop: int | None = None, batch_lines: int | None = None) -> Iterator[tuple]:
    """The rows of `parse_audit`, a batch of lines at a time (bounded memory; one JSON
    parse per batch is several times cheaper than one per line). A member read in two
    parts (the import's checking process reads the rows before `stop`, the importing
    process passes over the first `skip` unparsed) is cut at a multiple of the batch
    (`batch_lines`, default AUDIT_BATCH), so each batch, and each refusal's line numbers,
    is the one read whole would have."""
    size = batch_lines or AUDIT_BATCH
    lines = iter(lines)
    number = 0
    if skip:
        for line in lines:
            number += bool(line)
            if number == skip:
                break
    batch: list[str] = []
    for line in lines:
        if line:
            if stop is not None and number + len(batch) >= stop:
                break
            batch.append(line)
            if len(batch) == size:
                yield from _audit_rows(batch, number, chained)
                number += len(batch)
                batch = []
    yield from _audit_rows(batch, number, chained)


AUDIT_BATCH = 2000  # audit.jsonl lines parsed at a time
_JOIN = ",\n"


def _audit_rows(batch: list[str], number: int, chained: bool) -> list[tuple]:
    """Rows of a batch of audit.jsonl lines, after line `number`.

    Parsed by orjson (three times as fast as the standard library here); a batch it
    refuses, or whose rows fail a check, is read again by the standard library, whose
    reading decides every refusal (`_general_rows`). Only a batch that passes every check
    keeps orjson's reading, and there both agree: every value is a text or null (JSON's
    one reading of a text), orjson refuses what the standard library would turn into a
    lone surrogate, and a repeated key keeps its last value in both."""
    if not batch:
        return []
    # Joined by a line break, which no JSON text may hold inside a string, and each line
    # an object's braces at both ends: no object can run over two lines (a row's values
    # are texts or null, so one may not nest a line's end in a list or object either), and
    # with the count below, each line holds exactly one object, as a reader of the member
    # line by line finds it.
    if not all(line[0] == "{" and line[-1] == "}" for line in batch):
        raise BundleError("tampered", "audit.jsonl: one object per line")
    text = f"[{_JOIN.join(batch)}]"
    try:
        items = _fast_loads(text)
    except _FastError:
        return _general_rows(text, len(batch), number, chained)
    if len(items) == len(batch):
        try:
            return _checked(items, number, chained)
        except BundleError:
            pass
    return _general_rows(text, len(batch), number, chained)


_fast_loads = orjson.loads
_FastError = orjson.JSONDecodeError


def _general_rows(text: str, count: int, number: int, chained: bool) -> list[tuple]:
    """The rows of a batch's `text` as the standard library reads it (every refusal)."""
    try:
        items = json.loads(text)
    except ValueError as exc:
        raise BundleError("tampered", f"audit.jsonl: {exc}") from exc
    except RecursionError as exc:  # nested deeper than the interpreter's stack allows
        raise BundleError("tampered", "audit.jsonl: nested too deep") from exc
    if len(items) != count:  # a line holding two objects, or none
        raise BundleError("tampered", "audit.jsonl: one object per line")
    if "\\" in text:
        refuse_lone_surrogates(text, items, f"audit.jsonl lines {number + 1}-"
                                             f"{number + count}")
    return _checked(items, number, chained)


def _checked(items: list, number: int, chained: bool) -> list[tuple]:
    """The rows of parsed audit lines after line `number`, each checked."""
    rows = []
    keys = _CHAINED_KEYS if chained else _AUDIT_KEYS
    last = None  # the previous row's hash, which matched _HASH (a chain links to it)
    for number, data in enumerate(items, number + 1):
        if data.__class__ is not dict or data.keys() != keys:
            raise BundleError("tampered", f"audit.jsonl line {number}")
        row = _chained_values(data) if chained else _audit_values(data) + (None, None)
        if not set(map(type, row)) <= _AUDIT_TYPES or None in row[:5]:
            raise BundleError("tampered", f"audit.jsonl line {number}: types")
        prev, digest = row[10], row[11]
        if (prev is None) != (digest is None) or (
                digest is not None and not (_HASH.match(digest) and (
                    prev == "" or prev == last or _HASH.match(prev)))):
            raise BundleError("tampered", f"audit.jsonl line {number}: hash chain fields")
        last = digest
        rows.append(row)
    return rows
