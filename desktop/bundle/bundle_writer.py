"""`BundleWriter`: builds a bundle (records, CSV, audit), signs the manifest with the
device key, zips and encrypts to every recipient. No database, no files: the export
service feeds it rows and writes the bytes it returns.

Members stream: each line goes straight into its deflating `MemberSink`, so a bundle is
held in memory only compressed (about a tenth of its text), and a large export can close
one part and start the next (`services/export_service.py`, bundle series).
"""

from __future__ import annotations

import hashlib
import json
import math
import operator
import re
from dataclasses import dataclass
from typing import Mapping, Sequence

from pyrage import x25519

from .. import __version__
from ..domain.cell_safety import FORMULA_CHARS, FORMULA_START
from . import age_crypto, archive, records
from .csv_export import BOM, FIXED_COLUMNS, CsvWriter
from .device_key import DeviceKey
from .form_chunk import FORM_SEP, SHA_SLOT, FormChunk, risky_csv
from .manifest import (AUDIT, FORMAT_VERSION, MANIFEST, QUESTIONNAIRE, RECORDS,
                       RESPONSES_CSV, SERIES_FORMAT_VERSION, SIGNATURE, Manifest)
from .member_sink import MemberSink, pack_bytes
from .signing import sign_manifest


@dataclass(frozen=True)
class QuestionnaireInfo:
    id: str
    version: str
    sha256: str
    text: str
    question_ids: tuple[str, ...]


@dataclass(frozen=True)
class BuiltBundle:
    manifest: Manifest
    encrypted: bytes


class BundleWriter:
    """Collects rounds, forms and audit rows; `finish` returns the encrypted bundle."""

    def __init__(self, questionnaire: QuestionnaireInfo, device_key: DeviceKey):
        self.questionnaire = questionnaire
        self.device_key = device_key
        self._round_names: dict[str, str] = {}
        self._records = MemberSink(RECORDS)
        self._audit = MemberSink(AUDIT)
        self._csv_member = MemberSink(RESPONSES_CSV, prefix=BOM)
        self._csv = CsvWriter(questionnaire.question_ids)
        self._csv_member.write(self._csv.take())  # the header row
        self._question_ids = tuple(questionnaire.question_ids)
        self._picks: dict[str, object] = {}  # a form's question ids -> `_pick`
        self._byte_picks: dict[bytes, object] = {}  # the same for `add_form_chunk`
        self.answers = 0
        self.round_count = self.form_count = self.audit_count = 0
        self.form_rounds: set[str] = set()

    def add_round(self, fields: Mapping, definition: str | None = None) -> None:
        """A round; `definition` when it was keyed with another questionnaire."""
        self._round_names[fields["uuid"]] = fields["name"]
        self._records.write_line(records.round_line(fields, definition))
        self.round_count += 1

    def add_form(self, columns: Sequence, answers_json: str,
                 base: tuple[int, str] | None) -> tuple[str, int, str]:
        """One form: response columns in FORM_FIELDS order and its answers as a JSON object
        text from SQLite (`export_store.iter_forms`); returns (uuid, revision, sha256)."""
        fields = dict(zip(records.FORM_FIELDS, columns))
        answers_text = records.canonical_answers_text(answers_json)
        answers = json.loads(answers_text)
        sha = records.content_sha256(fields["round_uuid"], fields["form_number"],
                                     fields["status"], fields["deleted_reason"], answers_text)
        self._records.write_line(records.FormRecord(fields, answers_text, sha, base).to_json())
        self.form_count += 1
        self._csv.add((self._round_names.get(fields["round_uuid"], ""), fields["round_uuid"],
                       fields["uuid"], fields["form_number"], fields["status"],
                       fields["operator"], fields["device"], fields["created"],
                       fields["updated"], fields["revision"], fields["deleted_reason"]),
                      answers, answers_text)
        self._csv_member.write(self._csv.take())
        self.answers += len(answers)
        self.form_rounds.add(fields["round_uuid"])
        return fields["uuid"], fields["revision"], sha

    def add_form_rows(self, rows: Sequence[Sequence]) -> list[tuple[str, int, str]]:
        """Forms from `storage/export_rows.iter_form_rows` rows, in order; returns each
        form's (uuid, revision, sha256). SQLite has formatted the record lines and the
        CSV's fixed cells; Python hashes, orders the values and joins, a chunk of forms at
        a time, and checks the joined text once. A chunk with text that could format
        differently in SQLite and in Python (escapes, unusual types) or CSV cells that
        need quoting or neutralising is taken form by form, and those forms go through
        `add_form`, so the bytes are the same either way."""
        built = self._plain_forms(rows)
        if built is None:
            return [self._add_form_row(row) for row in rows]
        return self._write_plain(rows, built)

    def add_form_chunk(self, chunk: FormChunk) -> list[tuple[str, int, str]] | None:
        """Forms from a `FormChunk`, in order; returns each form's (uuid, revision,
        sha256), or None without writing anything when the chunk is not plain
        (bundle/form_chunk.py): the caller then gives those forms to `add_form_rows`.
        Python hashes each form and puts its answers in the questionnaire's order for
        the CSV; the rest is a few operations per chunk, on UTF-8 bytes."""
        n, hashed, fixed = chunk.count, chunk.hashed, chunk.fixed
        # The line quotes the text columns as they are: right when the fixed cells (which
        # hold every one of them) have no quote, backslash or control character.
        if (not chunk.sql_plain or b"\\" in hashed or b"\\" in chunk.lines
                or b"\\" in fixed or b'"' in fixed
                or len(fixed.translate(None, _CONTROL)) != len(fixed)):
            return None
        uuids, revisions, rounds = (chunk.uuids.split(FORM_SEP),
                                    chunk.revisions.split(FORM_SEP), chunk.rounds.split(FORM_SEP))
        texts = hashed.split(_FORM_SEP)
        if not len(uuids) == len(revisions) == len(rounds) == len(texts) == n:
            return None
        shas = [_sha256(text).hexdigest() for text in texts]
        # Without escapes every quote of an answers object delimits an id or a value:
        # after the swap each sits between '","' separators; counting the quotes proves
        # every value a string (a number would leave a quote inside a part).
        swapped = hashed.replace(b'":"', b'","').split(_FORM_SEP)
        fixed_cells = fixed.split(_FORM_SEP)
        if not len(swapped) == len(fixed_cells) == n:
            return None
        picks, pick_of = self._byte_picks, self._byte_pick
        cells = []
        answers = 0
        for text, head in zip(swapped, fixed_cells):
            start = text.find(b"\n{")
            parts = text[start + 3:-2].split(b'","')
            if start < 0 or len(parts) & 1 or text.count(b'"', start) != 2 * len(parts):
                return None
            ids = parts[0::2]
            signature = b"\x1f".join(ids)
            pick = picks.get(signature) or pick_of(signature, ids)
            values = parts[1::2]
            values.append(b"")  # for the questions without an answer
            values.append(head)  # the fixed cells, picked first
            cells.append(b",".join(pick(values)))
            answers += len(ids)
        cells.append(b"")
        table = b"\r\n".join(cells)
        per_row = len(FIXED_COLUMNS) - 1 + len(self._question_ids)  # commas per row
        if table.count(b",") != per_row * n or risky_csv(table):
            return None
        pieces = [None] * (2 * n + 1)
        try:
            pieces[0::2] = chunk.lines.split(_SHA_SLOT)
        except ValueError:  # not one slot per form
            return None
        pieces[1::2] = "\x1f".join(shas).encode().split(b"\x1f")
        pieces.append(b"\n")
        self._records.write_bytes(b"".join(pieces))
        self._csv_member.write_bytes(table)
        self.form_count += n
        self.answers += answers
        self.form_rounds.update(rounds)
        return list(zip(uuids, map(int, revisions), shas))

    def _byte_pick(self, signature: bytes, ids: list[bytes]):
        """For a form whose answers have these question ids (UTF-8, in key order): a
        function from its values, an empty value and its fixed CSV cells to its CSV row's
        cells (`add_form_chunk`)."""
        position = {qid: i for i, qid in enumerate(ids)}
        blank = len(ids)
        pick = operator.itemgetter(blank + 1, *(position.get(qid.encode(), blank)
                                                for qid in self._question_ids))
        if len(self._byte_picks) >= _MAX_PICKS:  # a pathological spread of skip patterns
            self._byte_picks.clear()
        self._byte_picks[signature] = pick
        return pick

    def _add_form_row(self, row: Sequence) -> tuple[str, int, str]:
        """One form of `add_form_rows`: plain, or through the general path."""
        built = self._plain_forms((row,))
        if built is None:
            return self._add_form_general(row)
        return self._write_plain((row,), built)[0]

    def _write_plain(self, rows: Sequence[Sequence], built: tuple) -> list:
        record_lines, csv_rows, marks, answers = built
        self._records.write(record_lines)
        self._csv_member.write(csv_rows)
        self.form_count += len(rows)
        self.answers += answers
        self.form_rounds.update(map(_second, rows))
        return marks

    def _plain_forms(self, rows: Sequence[Sequence]):
        """(record lines, CSV rows, marks, answer count) of `rows`, every one plain; None
        when any is not (see `add_form_rows`)."""
        width = len(records.FORM_FIELDS)
        question_ids = self._question_ids
        picks, pick_of = self._picks, self._pick
        lines, cells, marks = [], [], []
        answers = 0
        for row in rows:
            (answers_text, head, pre, mid, post, plain, fixed) = row[width + 2:]
            seconds = row[11]
            # Without a backslash (checked below on the joined lines) every quote of the
            # object delimits a key or a value: split there, and count the quotes to be
            # sure every value is a string (a number would leave a quote in a part).
            parts = answers_text[2:-2].replace('":"', '","').split('","')
            if not (plain and seconds.__class__ is float and _finite(seconds)
                    and answers_text[-2:] == '"}' and not len(parts) & 1
                    and answers_text.count('"') == 2 * len(parts)):
                return None
            ids = parts[0::2]
            signature = _V.join(ids)
            pick = picks.get(signature) or pick_of(signature, ids)
            values = parts[1::2]
            values.append("")  # for the questions without an answer
            sha = _sha256(f"{head}\n{answers_text}".encode()).hexdigest()
            lines.append(f"{records.ANSWERS_PREFIX}{answers_text}{pre}{seconds!r}{mid}{sha}"
                         f"{post}\n")
            cells.append(f"{fixed}{_V}{_V.join(pick(values))}")
            marks.append((row[0], row[8], sha))
            answers += len(ids)
        text = "".join(lines)
        # Without escapes SQLite and Python write the same JSON (both keep non-ASCII text
        # as it is, and UTF-8 order is code-point order); with any, Python decides.
        if "\\" in text:
            return None
        table = _A.join(cells)
        per_row = len(FIXED_COLUMNS) - 1 + len(question_ids)  # separators per row
        if (table.count(_V) != per_row * len(rows) or table.count(_A) != len(rows) - 1
                or '"' in table or "," in table or "\r" in table or "\n" in table
                or table[:1] in FORMULA_CHARS):
            return None
        # Formula starts: plain scans for the characters first (most chunks hold none but
        # the '-' inside dates and uuids), the regex only when one is there.
        if ("=" in table or "+" in table or "@" in table or "\t" in table
                or _V + "-" in table or _A + "-" in table) and _FORMULA_START.search(table):
            return None
        return text, table.replace(_V, ",").replace(_A, "\r\n") + "\r\n", marks, answers

    def _pick(self, signature: str, ids: list[str]):
        """For a form whose answers have these question ids (in key order): a function
        from its values (and an empty string after them) to its CSV cells in questionnaire
        order. Kept per set of ids: a questionnaire's skip patterns are few."""
        position = {qid: i for i, qid in enumerate(ids)}
        blank = len(ids)
        indexes = [position.get(qid, blank) for qid in self._question_ids]
        if len(indexes) == 1:
            only = indexes[0]
            pick = lambda values: (values[only],)  # noqa: E731 - itemgetter(i) is no tuple
        else:
            pick = operator.itemgetter(*indexes)
        if len(self._picks) >= _MAX_PICKS:  # a pathological spread of skip patterns
            self._picks.clear()
        self._picks[signature] = pick
        return pick

    def _add_form_general(self, row: Sequence) -> tuple[str, int, str]:
        width = len(records.FORM_FIELDS)
        base = None if row[width] is None else (row[width], row[width + 1])
        return self.add_form(row[:width], row[width + 2], base)

    def add_audit_lines(self, lines: Sequence[str]) -> None:
        """audit.jsonl lines (JSON objects with records.AUDIT_FIELDS and the chain)."""
        if lines:
            self._audit.write("\n".join(lines))
            self._audit.write("\n")
            self.audit_count += len(lines)

    def add_audit_text(self, count: int, text: bytes) -> None:
        """`count` audit.jsonl lines joined by newlines (no final newline), UTF-8."""
        if count:
            self._audit.write_bytes(text)
            self._audit.write_bytes(b"\n")
            self.audit_count += count

    def add_audit_line(self, line: str) -> None:
        """One audit.jsonl line (JSON object with records.AUDIT_FIELDS and the chain)."""
        self._audit.write_line(line)
        self.audit_count += 1

    def add_audit(self, row: Sequence) -> None:
        """One audit row in records.AUDIT_FIELDS + AUDIT_CHAIN_FIELDS order."""
        self.add_audit_line(records.audit_line(
            dict(zip(records.AUDIT_FIELDS + records.AUDIT_CHAIN_FIELDS, row))))

    def size(self) -> int:
        """Uncompressed bytes of the data members so far (about: the last chunk of text is
        counted in characters); the export closes a part before it grows too large."""
        return (self._records.pending_size() + self._csv_member.pending_size()
                + self._audit.pending_size())

    def abandon(self) -> None:
        """Drop the bundle (an export that failed): stops the compression threads."""
        for sink in (self._records, self._csv_member, self._audit):
            sink.abandon()

    def finish(self, *, bundle_uuid: str, sequence: int, previous_uuid: str | None,
               created: str, scope: str, recipients: list[x25519.Recipient],
               series: dict | None = None) -> BuiltBundle:
        """Manifest + signature + zip + age encryption (sign, then encrypt); `series`
        (id, part, parts) when the bundle is one part of a series."""
        packed = [pack_bytes(QUESTIONNAIRE, self.questionnaire.text.encode("utf-8")),
                  self._csv_member.close(), self._records.close(), self._audit.close()]
        manifest = Manifest(
            bundle_uuid=bundle_uuid, device_id=self.device_key.device_id,
            device_public_key=self.device_key.public_key_b64, sequence=sequence,
            previous_bundle_uuid=previous_uuid, created=created, scope=scope,
            questionnaire={"id": self.questionnaire.id, "version": self.questionnaire.version,
                           "sha256": self.questionnaire.sha256},
            counts={"rounds": self.round_count, "forms": self.form_count,
                    "answers": self.answers, "audit": self.audit_count},
            files={member.name: member.sha256 for member in packed},
            app_version=__version__, series=series,
            format_version=SERIES_FORMAT_VERSION if series else FORMAT_VERSION)
        manifest_bytes = manifest.to_bytes()
        packed[:0] = [pack_bytes(MANIFEST, manifest_bytes),
                      pack_bytes(SIGNATURE, sign_manifest(self.device_key, manifest_bytes))]
        zipped = archive.write_deflated([(m.name, m.crc, m.size, m.compressed)
                                         for m in packed])
        del packed  # the compressed members now live in `zipped` only
        encrypted = age_crypto.encrypt(zipped, recipients)
        del zipped  # at most two copies of a part at any time
        return BuiltBundle(manifest, encrypted)

    @property
    def data_size(self) -> int:
        """Uncompressed bytes of the finished data members (after `finish`)."""
        return self._records.size + self._csv_member.size + self._audit.size


_finite = math.isfinite
_FORM_SEP, _SHA_SLOT = FORM_SEP.encode(), SHA_SLOT.encode()
_CONTROL = bytes(c for c in range(32) if c != ord(FORM_SEP))  # FORM_SEP: counted apart
_A, _V = "\x1e", "\x1f"  # between the rows and between the cells of a chunk of CSV rows
_sha256 = hashlib.sha256
_second = operator.itemgetter(1)
_MAX_PICKS = 4096
# A cell that csv_export would neutralise (formula start), after a cell separator
# (U+001F) or a row separator (U+001E); csv.writer would quote a quote, comma or line
# break (checked with `in`: a plain scan is many times faster than a regex).
_FORMULA_START = re.compile("[\x1e\x1f][" + re.escape("".join(FORMULA_START)) + "]")

