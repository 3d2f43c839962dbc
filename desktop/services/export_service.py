"""Export: the forms changed since the last export (or all of them) as an encrypted,
signed bundle in a folder (`riskmap export`, the Export view).

Reads one consistent snapshot (a read transaction), builds the bundle in memory, claims
its sequence number durably in the ledger (a committed row whose audit watermark is still
the previous one), writes the file under a temporary name, fsyncs and renames it, and only
then completes the ledger row with the watermark and the export marks of every form it
carried. A crash anywhere leaves no file that looks valid without its claimed number, so
no two bundles of a laptop ever share a sequence number; what a lost bundle carried is
sent again by the next export. A failed export removes its claim.
"""

from __future__ import annotations

import re
import uuid as uuid_module
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..bundle import age_crypto
from ..domain.atomic_files import write_atomically
from ..domain.user_error import UserError
from ..bundle.bundle_writer import BundleWriter, QuestionnaireInfo
from ..bundle.device_key import DeviceKey
from ..bundle.manifest import Manifest
from ..storage import bundle_store, questionnaire_store
from ..storage.clock import utc_now
from .project import DatabaseLocator, Project

ProgressFn = Callable[[int, int], None]
PROGRESS_STEP = 2000


class ExportRefused(UserError, ValueError):
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
        final = _free_name(out, bundle_file_name(device_key.device_id, label, created))
        with project.db.transaction() as conn:  # the claim: committed before the file
            bundle_store.record_export(
                conn, bundle_uuid=bundle_uuid, device_id=device_key.device_id,
                sequence=last.sequence + 1, previous_uuid=last.bundle_uuid,
                created=created, recorded=utc_now(), file_name=final.name,
                counts=built.manifest.counts, audit_through=last.audit_through, marks=[])
        try:
            # Temporary name, fsync, rename (domain/atomic_files): a pulled USB stick never
            # leaves a file that looks like a finished bundle.
            path = write_atomically(final, built.encrypted, exclusive=True)
        except BaseException:
            with project.db.transaction() as conn:
                bundle_store.drop_export_claim(conn, bundle_uuid)
            raise
        with project.db.transaction() as conn:
            bundle_store.complete_export(conn, bundle_uuid, audit_through, marks)
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
        for done, row in enumerate(bundle_store.iter_form_texts(conn, changed_only=not full),
                                   1):
            marks.append(writer.add_form_texts(row))
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
