"""Export: the forms changed since the last export (or all of them) as an encrypted,
signed bundle in a folder (`riskmap export`, the Export view).

Reads one consistent snapshot (a read transaction), builds the bundle in memory, writes
it under a temporary name, fsyncs and renames it, and only then records the export in the
ledger with the export marks of every form it carried. A cancelled or failed export leaves
no file that looks valid and no ledger row.
"""

from __future__ import annotations

import os
import re
import uuid as uuid_module
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..bundle import age_crypto
from ..bundle.bundle_writer import BundleWriter, QuestionnaireInfo
from ..bundle.device_key import DeviceKey
from ..bundle.manifest import Manifest
from ..storage import bundle_store, questionnaire_store
from ..storage.clock import utc_now
from .project import DatabaseLocator, Project

ProgressFn = Callable[[int, int], None]
PROGRESS_STEP = 2000


class ExportRefused(ValueError):
    """Nothing was exported; the message says why and what to do."""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    manifest: Manifest
    forms: int
    audit: int
    rounds: int


def bundle_file_name(device_id: str, round_label: str, created: str) -> str:
    """riskmap-<device>-<round>-<UTC timestamp>.zip.age"""
    stamp = re.sub(r"[^0-9TZ]", "", created.split(".")[0]) + "Z"
    return f"riskmap-{_slug(device_id)}-{_slug(round_label)}-{stamp}.zip.age"


def export_bundle(db_path: str | Path | DatabaseLocator, device_key: DeviceKey, recipients: list[str],
                  out_dir: str | Path, full: bool = False,
                  progress: ProgressFn | None = None) -> ExportResult:
    """Write one bundle of `db_path` into `out_dir`; returns where and what."""
    parsed = age_crypto.parse_recipients("\n".join(recipients))
    if not parsed:
        raise ExportRefused("No headquarters recipient is set; add the recipient key "
                            "(age1...) headquarters gave you, then export again.")
    out = Path(out_dir)
    if not out.is_dir():
        raise ExportRefused(f"The folder {out} does not exist; choose an existing folder.")
    project = Project.open(db_path)
    try:
        writer, marks, last, audit_through = _collect(project, device_key, full, progress)
        if writer.form_count == 0 and writer.audit_count == 0:
            raise ExportRefused("Nothing has changed since the last export; choose a full "
                                "export to send everything again.")
        created = utc_now()
        bundle_uuid = str(uuid_module.uuid4())
        built = writer.finish(bundle_uuid=bundle_uuid, sequence=last.sequence + 1,
                              previous_uuid=last.bundle_uuid, created=created,
                              scope="full" if full else "incremental", recipients=parsed)
        label = _round_label(project, writer.form_rounds)
        path = _write_atomically(out, bundle_file_name(device_key.device_id, label, created),
                                 built.encrypted)
        try:
            with project.db.transaction() as conn:
                bundle_store.record_export(
                    conn, bundle_uuid=bundle_uuid, device_id=device_key.device_id,
                    sequence=last.sequence + 1, previous_uuid=last.bundle_uuid,
                    created=created, recorded=utc_now(), file_name=path.name,
                    counts=built.manifest.counts, audit_through=audit_through, marks=marks)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return ExportResult(path, built.manifest, writer.form_count, writer.audit_count,
                            built.manifest.counts["rounds"])
    finally:
        project.close()


def _collect(project: Project, device_key: DeviceKey, full: bool,
             progress: ProgressFn | None):
    q = project.questionnaire
    writer = BundleWriter(QuestionnaireInfo(q.id, q.version, q.sha256, q.source_text,
                                            tuple(x.id for x in q.questions())), device_key)
    marks: list[tuple[str, int, str]] = []
    with project.db.read_snapshot() as conn:  # one snapshot for rounds, forms and audit
        last = bundle_store.last_export(conn, device_key.device_id)
        for fields in bundle_store.rounds(conn):
            definition = None
            if fields["questionnaire_sha256"] != q.sha256:
                definition = questionnaire_store.questionnaire_text(
                    conn, fields["questionnaire_sha256"])
            writer.add_round(fields, definition)
        total = bundle_store.count_forms(conn, changed_only=not full)
        if progress:
            progress(0, total)
        for done, (columns, answers, base) in enumerate(
                bundle_store.iter_forms(conn, changed_only=not full), 1):
            marks.append(writer.add_form(columns, answers, base))
            if progress and done % PROGRESS_STEP == 0:
                progress(done, total)
        audit_through = bundle_store.max_audit_id(conn)
        after = 0 if full else last.audit_through
        for line in bundle_store.iter_audit_lines(conn, after):
            writer.add_audit_line(line)
        if progress:
            progress(total, total)
    return writer, marks, last, audit_through


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


def _write_atomically(folder: Path, name: str, data: bytes) -> Path:
    """Write under a temporary name, fsync, rename: a pulled USB stick never leaves a
    file that looks like a finished bundle."""
    final = folder / name
    counter = 1
    while final.exists():
        counter += 1
        final = folder / name.replace(".zip.age", f"-{counter}.zip.age")
    temporary = folder / f".{final.name}.partial"
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, final)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _fsync_folder(folder)
    return final


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not possible on every platform (Windows); the file itself is synced
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def ledger_rows(project: Project, limit: int = 200) -> list[dict]:
    """The newest exports and imports of a project (for the Export and Import views)."""
    return bundle_store.ledger(project.db.conn, limit)
