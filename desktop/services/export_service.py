"""Export: the forms changed since the last export (or all of them) as encrypted, signed
bundles in a folder (`riskmap export`, the Export view).

Reads one consistent snapshot (a read transaction) and streams it: forms are read in uuid
order and written into the bundle as they arrive, each member deflated on the fly. An
export larger than HQ's import accepts (archive.MAX_TOTAL_BYTES) becomes a *series*: parts
1..n, each a complete signed bundle of whole forms (every round, the questionnaire, the
audit rows of its forms), split at a form count planned before the first row is read
(docs/bundles.md, "Series"). Each part is encrypted and written under a temporary name as
soon as it is complete, so memory holds one compressed part at most.

When every part is written, the sequence numbers are claimed durably in the ledger (a
committed row per part whose audit watermark is still the previous one), the files are
renamed into place, and only then are the claims completed with the watermark and the
export marks of every form carried. A crash anywhere leaves no file that looks valid
without its claimed number, so no two bundles of a laptop ever share a sequence number;
what a lost bundle carried is sent again by the next export. A failed export removes its
claims and its temporary files.
"""

from __future__ import annotations

import math
import re
import uuid as uuid_module
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..bundle import age_crypto, archive
from ..bundle.bundle_reader import MAX_BUNDLE_FILE_BYTES
from ..domain.atomic_files import commit_staged, stage
from ..domain.user_error import UserError
from ..bundle.bundle_writer import BundleWriter, QuestionnaireInfo
from ..bundle.device_key import DeviceKey
from ..bundle.form_chunk import FormChunk
from ..bundle.manifest import Manifest
from ..storage import (bundle_store, export_rows, export_store, questionnaire_store,
                       series_store)
from ..storage.clock import utc_now
from .export_reader import AUDIT, TEXTS, PartReader
from .project import DatabaseLocator, Project

ProgressFn = Callable[[int, int], None]
PROGRESS_STEP = 2000
# A part's uncompressed size, planned from an estimate: half of what HQ's import accepts,
# so an uneven spread of long answers still fits (a 100k-form export stays one bundle).
PART_BYTES = archive.MAX_TOTAL_BYTES // 2
MARKS_PER_WRITE = 50_000


class ExportRefused(UserError, ValueError):
    """Nothing was exported; the message says why and what to do."""


@dataclass(frozen=True)
class PartLimits:
    """When an export splits into a series (internal: tests use small parts)."""

    bytes: int = PART_BYTES  # estimated uncompressed bytes per part
    forms: int | None = None  # and at most this many forms per part


@dataclass(frozen=True)
class ExportResult:
    path: Path  # the first (or only) file
    manifest: Manifest  # of the first (or only) part
    forms: int
    audit: int
    rounds: int
    paths: tuple[Path, ...] = ()  # every file written, part 1 first
    manifests: tuple[Manifest, ...] = field(default=(), repr=False)

    @property
    def parts(self) -> int:
        return len(self.paths) or 1


@dataclass
class _Part:
    temp: Path
    final: Path
    manifest: Manifest
    marks: "_Marks"


def bundle_file_name(device_id: str, round_label: str, created: str,
                     part: tuple[int, int] | None = None) -> str:
    """riskmap-<device>-<round>-<UTC timestamp>[-part<k>of<n>].zip.age"""
    stamp = re.sub(r"[^0-9TZ]", "", created.split(".")[0]) + "Z"
    suffix = f"-part{part[0]}of{part[1]}" if part else ""
    return f"riskmap-{_slug(device_id)}-{_slug(round_label)}-{stamp}{suffix}.zip.age"


def export_bundle(db_path: str | Path | DatabaseLocator, device_key: DeviceKey, recipients: list[str],
                  out_dir: str | Path, full: bool = False,
                  progress: ProgressFn | None = None,
                  limits: PartLimits | None = None) -> ExportResult:
    """Write the bundle (or the parts of a series) of `db_path` into `out_dir`."""
    parsed = age_crypto.parse_recipients("\n".join(recipients))
    if not parsed:
        raise ExportRefused("export.no_recipient")
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ExportRefused("export.out_is_file", path=out)
    if not out.is_dir():
        raise ExportRefused("export.no_folder", path=out)
    # The reader thread (services/export_reader.py) uses the snapshot's connection.
    project = Project.open(db_path, check_same_thread=False)
    parts: list[_Part] = []
    try:
        export = _Export(project, device_key, parsed, out, full, progress,
                         limits or PartLimits())
        parts, last, audit_through, totals = export.run()
        _claim_and_commit(project, device_key, parts, last, audit_through)
        first = parts[0].manifest
        return ExportResult(parts[0].final, first, totals["forms"], totals["audit"],
                            first.counts["rounds"], tuple(p.final for p in parts),
                            tuple(p.manifest for p in parts))
    finally:
        for part in parts:
            part.temp.unlink(missing_ok=True)
        project.close()


class _Export:
    """One export: plans the parts, streams the snapshot into them, stages their files."""

    def __init__(self, project: Project, device_key: DeviceKey, recipients: list,
                 out: Path, full: bool, progress: ProgressFn | None, limits: PartLimits):
        self.project, self.device_key, self.recipients = project, device_key, recipients
        self.out, self.full, self.progress, self.limits = out, full, progress, limits
        q = project.questionnaire
        self.info = QuestionnaireInfo(q.id, q.version, q.sha256, q.source_text,
                                      tuple(x.id for x in q.questions()))
        self.created = utc_now()
        self.series_id = str(uuid_module.uuid4())
        self.parts: list[_Part] = []
        self.writer: BundleWriter | None = None
        self.previous = ""  # the last form uuid written

    def run(self):
        changed_only = not self.full
        try:
            with self.project.db.read_snapshot() as conn:  # rounds, forms, audit: one view
                self.last = export_store.last_export(conn, self.device_key.device_id)
                self.after = 0 if self.full else self.last.audit_through
                audit_through = export_store.max_audit_id(conn)
                self.rounds = self._rounds(conn)
                total = export_store.count_forms(conn, changed_only=changed_only)
                self.count, per_part = self._plan(conn, total)
                if self.progress:
                    self.progress(0, total)
                self._start()
                done = 0
                with PartReader(conn, changed_only, per_part, self.after) as reader:
                    for kind, payload in reader.events():
                        if kind == TEXTS:  # a chunk of forms, in uuid order
                            marks = self._add_chunk(conn, payload, changed_only)
                            self.marks.add(marks)
                            done += len(marks)
                            if self.progress and done % PROGRESS_STEP < len(marks):
                                self.progress(done, total)
                        elif kind == AUDIT:
                            self.writer.add_audit_text(*payload)
                        else:  # END: the part is complete
                            self._finish_part()
                            if payload is not None:  # the first uuid of the next part
                                self._start()
                if self.progress:
                    self.progress(total, total)
        except BaseException:
            if self.writer is not None:
                self.writer.abandon()
            for part in self.parts:
                part.temp.unlink(missing_ok=True)
            raise
        totals = {"forms": sum(p.manifest.counts["forms"] for p in self.parts),
                  "audit": sum(p.manifest.counts["audit"] for p in self.parts)}
        return self.parts, self.last, audit_through, totals

    def _add_chunk(self, conn, chunk: FormChunk, changed_only: bool) -> list:
        """A chunk of forms into the bundle: as SQLite's texts when they are plain, else
        read again one row per form (the general path decides form by form). The reader
        thread uses the same connection meanwhile (SQLite serialises it): both only read,
        in one transaction."""
        marks = self.writer.add_form_chunk(chunk)
        if marks is None:
            rows = export_rows.iter_form_rows(conn, changed_only, chunk.after,
                                              chunk.count).fetchall()
            if len(rows) != chunk.count or rows[-1][0] != chunk.last:
                raise RuntimeError("export rows changed within one snapshot")
            marks = self.writer.add_form_rows(rows)
        # Parts and their audit rows are cut by uuid ranges: the order must hold (a
        # failure here leaves no file: the part is abandoned).
        uuids = [mark[0] for mark in marks]
        if not (self.previous < uuids[0] and all(map(str.__lt__, uuids, uuids[1:]))):
            raise RuntimeError("export rows are not in uuid order")
        self.previous = uuids[-1]
        return marks

    def _rounds(self, conn) -> list[tuple[dict, str | None]]:
        found = []
        for fields in export_store.rounds(conn):
            definition = None
            if fields["questionnaire_sha256"] != self.info.sha256:
                definition = questionnaire_store.questionnaire_text(
                    conn, fields["questionnaire_sha256"])
            found.append((fields, definition))
        return found

    def _plan(self, conn, total: int) -> tuple[int, int]:
        """How many parts, and how many forms each (the last may hold fewer)."""
        count = 1
        if total > 1:
            estimate = series_store.estimated_bytes(conn, total, self.after)
            count = max(1, math.ceil(estimate / self.limits.bytes))
            if self.limits.forms:
                count = max(count, math.ceil(total / self.limits.forms))
            count = min(count, total)
        return count, max(1, math.ceil(total / count))

    def _start(self) -> None:
        """A new part: a writer with every round."""
        self.writer = BundleWriter(self.info, self.device_key)
        for fields, definition in self.rounds:
            self.writer.add_round(fields, definition)
        self.marks = _Marks()

    def _finish_part(self) -> None:
        writer, number = self.writer, len(self.parts) + 1
        if self.count == 1 and writer.form_count == 0 and writer.audit_count == 0:
            writer.abandon()
            self.writer = None
            # "Since the last export" only when there was one and only what changed was
            # asked for; a full export of a project without forms has nothing to send.
            nothing = "export.nothing_new" if self.last.sequence and not self.full \
                else "export.no_forms"
            raise ExportRefused(nothing)
        series = None if self.count == 1 else {"id": self.series_id, "part": number,
                                               "parts": self.count}
        bundle_uuid = str(uuid_module.uuid4())
        previous = self.parts[-1].manifest.bundle_uuid if self.parts else self.last.bundle_uuid
        built = writer.finish(bundle_uuid=bundle_uuid, sequence=self.last.sequence + number,
                              previous_uuid=previous, created=self.created,
                              scope="full" if self.full else "incremental",
                              recipients=self.recipients, series=series)
        self.writer = None
        if writer.data_size > archive.MAX_TOTAL_BYTES or \
                len(built.encrypted) > MAX_BUNDLE_FILE_BYTES:
            raise UserError("export.part_too_large", forms=writer.form_count)
        label = _round_label(self.project, writer.form_rounds)
        final = _free_name(self.out, bundle_file_name(
            self.device_key.device_id, label, self.created,
            (number, self.count) if series else None))
        temp = stage(final, built.encrypted)  # encrypted: safe under a temporary name
        self.parts.append(_Part(temp, final, built.manifest, self.marks))


def _claim_and_commit(project: Project, device_key: DeviceKey, parts: list[_Part], last,
                      audit_through: int) -> None:
    """Claim every part's sequence number, move the files into place, complete the claims."""
    with project.db.transaction() as conn:  # the claims: committed before the files
        for part in parts:
            m = part.manifest
            export_store.record_export(
                conn, bundle_uuid=m.bundle_uuid, device_id=device_key.device_id,
                sequence=m.sequence, previous_uuid=m.previous_bundle_uuid, created=m.created,
                recorded=utc_now(), file_name=part.final.name, counts=m.counts,
                audit_through=last.audit_through, marks=[])
    try:
        # Temporary names, fsynced, renamed all or none (domain/atomic_files): a pulled
        # USB stick never leaves a file that looks like a finished bundle.
        commit_staged({part.final: part.temp for part in parts},
                      exclusive=[part.final for part in parts])
    except BaseException:
        with project.db.transaction() as conn:
            for part in parts:
                export_store.drop_export_claim(conn, part.manifest.bundle_uuid)
        raise
    with project.db.transaction() as conn:
        for part in parts:
            for marks in part.marks.batches(MARKS_PER_WRITE):
                export_store.complete_export(conn, part.manifest.bundle_uuid, audit_through,
                                             marks)


class _Marks:
    """The export marks of a part, (uuid, revision, sha256) per form, kept until the files
    are in place: a chunk of forms at a time as two joined texts and the revisions, about
    a third of the memory of a tuple per form (a million forms' tuples take some 270 MB)."""

    def __init__(self):
        self._chunks: list[tuple[str, tuple, str]] = []

    def add(self, marks: list[tuple[str, int, str]]) -> None:
        if marks:
            uuids, revisions, shas = zip(*marks)
            self._chunks.append(("\n".join(uuids), revisions, "\n".join(shas)))

    def batches(self, size: int):
        """Lists of about `size` marks (at least one list, maybe empty)."""
        batch: list[tuple[str, int, str]] = []
        for uuids, revisions, shas in self._chunks:
            batch += zip(uuids.split("\n"), revisions, shas.split("\n"))
            if len(batch) >= size:
                yield batch
                batch = []
        if batch or not self._chunks:
            yield batch


def _round_label(project: Project, round_uuids: set[str]) -> str:
    if len(round_uuids) == 1:
        (only,) = round_uuids
        for round_ in project.rounds():
            if round_.uuid == only:
                return round_.name
    return "all"


def _slug(text: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return slug[:40] or "x"


def _free_name(folder: Path, name: str) -> Path:
    """`name` in `folder`, or name-2, name-3... when a bundle of that name is already there."""
    final = folder / name
    counter = 1
    while final.exists():
        counter += 1
        final = folder / name.replace(".zip.age", f"-{counter}.zip.age")
    return final


def ledger_rows(project: Project, limit: int = 200) -> list[dict]:
    """The newest exports and imports of a project (for the Export and Import views)."""
    return bundle_store.ledger(project.db.conn, limit)
