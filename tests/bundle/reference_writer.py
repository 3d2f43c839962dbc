"""The bundle writer as it was before export streamed its members (issue 14): kept frozen
as the reference the streaming writer must match byte for byte (test_export_stream.py).
Never used by the program."""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass
from typing import Mapping, Sequence

from pyrage import x25519

from desktop import __version__
from desktop.bundle import age_crypto, archive, records
from reference_csv import CsvWriter
from desktop.bundle.device_key import DeviceKey
from desktop.bundle.manifest import (AUDIT, MANIFEST, QUESTIONNAIRE, RECORDS, RESPONSES_CSV,
                                     SIGNATURE,
                                     Manifest)
from desktop.bundle.signing import sign_manifest


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
        self._round_lines: list[str] = []
        self._round_names: dict[str, str] = {}
        self._form_lines: list[str] = []
        self._audit_lines: list[str] = []
        self._csv = CsvWriter(questionnaire.question_ids)
        self._question_ids = tuple(questionnaire.question_ids)
        self.answers = 0
        self.form_rounds: set[str] = set()

    def add_round(self, fields: Mapping, definition: str | None = None) -> None:
        """A round; `definition` when it was keyed with another questionnaire."""
        self._round_names[fields["uuid"]] = fields["name"]
        self._round_lines.append(records.round_line(fields, definition))

    def add_form(self, columns: Sequence, answers_json: str,
                 base: tuple[int, str] | None) -> tuple[str, int, str]:
        """One form: response columns in FORM_FIELDS order and its answers as a JSON object
        text from SQLite (`export_store.iter_forms`); returns (uuid, revision, sha256)."""
        fields = dict(zip(records.FORM_FIELDS, columns))
        answers_text = records.canonical_answers_text(answers_json)
        answers = json.loads(answers_text)
        sha = records.content_sha256(fields["round_uuid"], fields["form_number"],
                                     fields["status"], fields["deleted_reason"], answers_text)
        self._form_lines.append(
            records.FormRecord(fields, answers_text, sha, base).to_json())
        self._csv.add((self._round_names.get(fields["round_uuid"], ""), fields["round_uuid"],
                       fields["uuid"], fields["form_number"], fields["status"],
                       fields["operator"], fields["device"], fields["created"],
                       fields["updated"], fields["revision"], fields["deleted_reason"]),
                      answers, answers_text)
        self.answers += len(answers)
        self.form_rounds.add(fields["round_uuid"])
        return fields["uuid"], fields["revision"], sha

    def add_form_texts(self, row: Sequence) -> tuple[str, int, str]:
        """One form from a `export_store.iter_form_texts` row, whose record line and CSV
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
        self._form_lines.append(f"{pre}{seconds!r}{mid}{sha}{post}")
        self._csv.add_line(cells.replace("\x1f", ","))
        self.answers += len(answers)
        self.form_rounds.add(row[1])
        return row[0], row[8], sha

    def _add_form_row(self, row: Sequence) -> tuple[str, int, str]:
        width = len(records.FORM_FIELDS)
        base = None if row[width] is None else (row[width], row[width + 1])
        return self.add_form(row[:width], row[width + 2], base)

    def add_audit_line(self, line: str) -> None:
        """One audit.jsonl line (JSON object with records.AUDIT_FIELDS and the chain)."""
        self._audit_lines.append(line)

    def add_audit(self, row: Sequence) -> None:
        """One audit row in records.AUDIT_FIELDS + AUDIT_CHAIN_FIELDS order."""
        self._audit_lines.append(records.audit_line(
            dict(zip(records.AUDIT_FIELDS + records.AUDIT_CHAIN_FIELDS, row))))

    @property
    def form_count(self) -> int:
        return len(self._form_lines)

    @property
    def audit_count(self) -> int:
        return len(self._audit_lines)

    def finish(self, *, bundle_uuid: str, sequence: int, previous_uuid: str | None,
               created: str, scope: str, recipients: list[x25519.Recipient]) -> BuiltBundle:
        """Manifest + signature + zip + age encryption (sign, then encrypt)."""
        files = {
            QUESTIONNAIRE: self.questionnaire.text.encode("utf-8"),
            RESPONSES_CSV: self._csv.to_bytes(),
            RECORDS: _jsonl(self._round_lines + self._form_lines),
            AUDIT: _jsonl(self._audit_lines),
        }
        manifest = Manifest(
            bundle_uuid=bundle_uuid, device_id=self.device_key.device_id,
            device_public_key=self.device_key.public_key_b64, sequence=sequence,
            previous_bundle_uuid=previous_uuid, created=created, scope=scope,
            questionnaire={"id": self.questionnaire.id, "version": self.questionnaire.version,
                           "sha256": self.questionnaire.sha256},
            counts={"rounds": len(self._round_lines), "forms": len(self._form_lines),
                    "answers": self.answers, "audit": len(self._audit_lines)},
            files={name: hashlib.sha256(data).hexdigest() for name, data in files.items()},
            app_version=__version__)
        manifest_bytes = manifest.to_bytes()
        members = {MANIFEST: manifest_bytes,
                   SIGNATURE: sign_manifest(self.device_key, manifest_bytes), **files}
        zipped = archive.write_zip(members)
        return BuiltBundle(manifest, zipped, age_crypto.encrypt(zipped, recipients))


_loads = json.JSONDecoder().decode
_finite = math.isfinite
# A cell that csv.writer would quote (quote, comma, line break) or csv_export would
# neutralise (formula start), among cells separated by U+001F.
_RISKY_CELLS = re.compile("[\",\r\n]|(?:^|\x1f)[=+\\-@\t\r]")


def _jsonl(lines: list[str]) -> bytes:
    if not lines:
        return b""
    lines.append("")  # the final newline without copying the joined text once more
    try:
        return "\n".join(lines).encode("utf-8")
    finally:
        lines.pop()
