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
import re
from dataclasses import dataclass
from typing import Mapping, Sequence

from pyrage import x25519

from .. import __version__
from . import age_crypto, archive, records
from .csv_export import BOM, CsvWriter
from .device_key import DeviceKey
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
    zip_bytes: bytes
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
        text from SQLite (`bundle_store.iter_forms`); returns (uuid, revision, sha256)."""
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

    def add_form_texts(self, row: Sequence) -> tuple[str, int, str]:
        """One form from a `bundle_store.iter_form_texts` row, whose record line and CSV
        cells SQLite has already formatted: Python only hashes, checks and joins. A row
        whose text could format differently in SQLite and in Python (escapes, unusual
        types) or whose CSV cells need quoting or neutralising goes through
        `add_form`, so the bytes are the same either way."""
        width = len(records.FORM_FIELDS)
        answers_text, head, pre, mid, post, plain, fixed = row[width + 2:]
        seconds = row[11]
        if not (plain and seconds.__class__ is float and _finite(seconds)):
            return self._add_form_row(row)
        # Without escapes SQLite and Python write the same JSON (both keep non-ASCII text
        # as it is, and UTF-8 order is code-point order); with any, Python decides.
        if "\\" in pre or "\\" in mid or "\\" in post or "\\" in head:
            return self._add_form_row(row)
        answers = _loads(answers_text)
        cells = fixed + "\x1f" + "\x1f".join([answers.get(q, "") for q in self._question_ids])
        if _RISKY_CELLS.search(cells):
            return self._add_form_row(row)
        sha = hashlib.sha256(f"{head}\n{answers_text}".encode()).hexdigest()
        self._records.write_line(f"{pre}{seconds!r}{mid}{sha}{post}")
        self.form_count += 1
        self._csv_member.write(cells.replace("\x1f", ","))
        self._csv_member.write("\r\n")
        self.answers += len(answers)
        self.form_rounds.add(row[1])
        return row[0], row[8], sha

    def _add_form_row(self, row: Sequence) -> tuple[str, int, str]:
        width = len(records.FORM_FIELDS)
        base = None if row[width] is None else (row[width], row[width + 1])
        return self.add_form(row[:width], row[width + 2], base)

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
        return BuiltBundle(manifest, zipped, age_crypto.encrypt(zipped, recipients))

    @property
    def data_size(self) -> int:
        """Uncompressed bytes of the finished data members (after `finish`)."""
        return self._records.size + self._csv_member.size + self._audit.size


_loads = json.JSONDecoder().decode
_finite = math.isfinite
# A cell that csv.writer would quote (quote, comma, line break) or csv_export would
# neutralise (formula start), among cells separated by U+001F.
_RISKY_CELLS = re.compile("[\",\r\n]|(?:^|\x1f)[=+\\-@\t\r]")

