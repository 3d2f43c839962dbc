"""HQ import: decrypt, verify, check the device, and merge each bundle in ONE transaction.

Decryption, archive safety, the signature and the file hashes are checked before the
database is touched; every check that depends on HQ's state (replay, the device register
and key pin, the sequence number, the questionnaires, every answer, the audit chain; see
import_gate.py) runs inside the bundle's one `BEGIN IMMEDIATE` transaction, before the
first write. So two imports at once serialise and each sees the other's result, a refused
bundle leaves the database exactly as it was, and an accepted one is merged whole. The
report (bundles, devices, forms new / updated / unchanged / conflicting, gaps, where the
bundle's questionnaire differs from HQ's) is returned and kept in the ledger.
"""

from __future__ import annotations

import operator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

from ..bundle import age_crypto
from ..bundle.bundle_reader import (BundleContents, VerifiedBundle, parse_contents,
                                    read_bundle_file, verify_bundle)
from ..bundle.errors import BundleError
from ..bundle.merge import Decision, Version, decide
from ..bundle.records import (FORM_FIELDS, FormRecord, canonical_answers_text,
                              content_sha256)
from ..domain.questionnaire_diff import differences
from ..domain.user_error import LANGUAGES, UserError
from ..storage import (audit_store, bundle_store, device_store, questionnaire_store,
                       response_store)
from ..storage.audit_store import AuditEntry
from ..storage.bundle_store import DevicePin
from ..storage.clock import utc_now
from ..storage.database import Database, DatabaseLocator, IntegrityError
from . import bundle_series, import_gate
from .workspace import open_database

ProgressFn = Callable[[int, int], None]
IMPORT_CACHE_KIB = 256 * 1024  # a big merge keeps its b-tree pages in memory (256 MB max)


@dataclass
class BundleReport:
    """What importing one bundle file did (or why it was refused)."""

    file_name: str
    status: str = "refused"  # imported, replay, refused
    message: str = ""
    bundle_uuid: str = ""
    device_id: str = ""
    sequence: int = 0
    fingerprint: str = ""
    refusal: str = ""  # the kind of refusal ("unknown_device", "bad_answer", ...)
    newly_pinned: bool = False
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicting: int = 0
    audit_added: int = 0
    rounds_added: list[str] = field(default_factory=list)
    gaps: list[int] = field(default_factory=list)
    questionnaire_differences: list[str] = field(default_factory=list)
    messages: dict[str, str] = field(default_factory=dict)  # the message, by language

    def message_in(self, lang: str) -> str:
        """The refusal sentence in `lang` ('en', 'es'); `message` is the English one."""
        return self.messages.get(lang) or self.message


@dataclass
class ImportReport:
    bundles: list[BundleReport] = field(default_factory=list)

    def total(self, name: str) -> int:
        return sum(getattr(b, name) for b in self.bundles)

    @property
    def refused(self) -> list[BundleReport]:
        return [b for b in self.bundles if b.status == "refused"]


def import_bundles(db_path: str | Path, identity_path: str | Path, bundle_paths: list,
                   operator: str = "import", device: str = "hq",
                   progress: ProgressFn | None = None) -> ImportReport:
    """Import each bundle file into `db_path` (each in its own transaction). A database
    file this call had to create is removed again when no bundle was imported into it, so a
    refused import leaves nothing behind."""
    identities = age_crypto.load_identities(identity_path)
    report = ImportReport()
    locator = DatabaseLocator.of(db_path)
    created = locator.path is not None and not locator.path.exists()
    db = open_database(locator)
    imported = False
    try:
        db.set_cache_kib(IMPORT_CACHE_KIB)
        for done, path in enumerate(bundle_paths):
            if progress:
                progress(done, len(bundle_paths))
            report.bundles.append(import_file(db, identities, Path(path), operator, device,
                                              db_label=str(locator.path)))
            imported = imported or report.bundles[-1].status == "imported"
        if progress:
            progress(len(bundle_paths), len(bundle_paths))
    finally:
        db.close()
        if created and not imported:
            _remove_database_files(locator.path)
    return report


def _remove_database_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def import_file(db: Database, identities: list, path: Path, operator: str = "import",
                device: str = "hq", db_label: str = "HQ.db") -> BundleReport:
    """Import one bundle file; refusals become a report with the plain sentence."""
    result = BundleReport(file_name=path.name)
    try:
        data = read_bundle_file(path)
        verified = verify_bundle(data, identities)
        result.bundle_uuid = verified.manifest.bundle_uuid
        result.device_id = verified.manifest.device_id
        result.sequence = verified.manifest.sequence
        result.fingerprint = verified.fingerprint
        _merge_verified(db, verified, result, operator, device, db_label)
    except BundleError as exc:
        result.status = {"replay": "replay", "sequence_reused": "held"}.get(exc.kind,
                                                                           "refused")
        result.refusal = exc.kind
        result.message = exc.sentence
        result.messages = {lang: exc.in_language(lang) for lang in LANGUAGES}
        result.new = result.updated = result.unchanged = result.conflicting = 0
        result.audit_added, result.rounds_added, result.gaps = 0, [], []
        result.questionnaire_differences = []
        result.newly_pinned = False
    except OSError as exc:
        error = UserError("import.unreadable", reason=exc.strerror or exc)
        result.message = error.in_language("en")
        result.messages = {lang: error.in_language(lang) for lang in LANGUAGES}
    return result


def _merge_verified(db: Database, verified: VerifiedBundle, result: BundleReport,
                    operator: str, device: str, db_label: str) -> None:
    """Every state-dependent check, then every write, in one IMMEDIATE transaction."""
    try:
        with db.transaction():
            _check_and_write(db, verified, result, operator, device, db_label)
    except IntegrityError as exc:  # rolled back: e.g. a record breaking a rule
        raise BundleError("tampered", str(exc)) from exc


def _check_and_write(db: Database, verified: VerifiedBundle, result: BundleReport,
                     operator: str, device: str, db_label: str) -> None:
    m = verified.manifest
    conn = db.conn
    if bundle_store.bundle_imported(conn, m.bundle_uuid):
        raise BundleError("replay")
    enrolled = import_gate.check_device(conn, verified, db_label)
    pin = bundle_store.device_pin(conn, m.device_id)
    if pin is not None and pin.public_key != m.device_public_key:
        raise BundleError("unknown_device_key", f"{m.device_id}: {verified.fingerprint}")
    import_gate.check_sequence(conn, verified)
    door = import_gate.AnswerDoor(conn, verified)
    contents = parse_contents(verified, on_form=door.form)
    door.finish(contents)
    questionnaires = door.questionnaires
    # expo (bundle series): a part's audit rows are held until its series is complete.
    new_audit = (bundle_series.check_part(conn, verified, contents) if m.series
                 else import_gate.check_audit_chain(conn, contents))
    late = m.sequence < bundle_store.last_imported_sequence(conn, m.device_id)
    _write_bundle(db, verified, contents, pin, result, operator, device, new_audit,
                  questionnaires, late)
    device_store.bind_device_id(conn, enrolled.fingerprint, m.device_id)


def _write_bundle(db: Database, verified: VerifiedBundle, contents: BundleContents,
                  pin: DevicePin | None, result: BundleReport, operator: str,
                  device: str, new_audit: list[tuple], questionnaires: dict,
                  late: bool) -> None:
    """All writes of one bundle (inside the caller's transaction)."""
    m = verified.manifest
    conn = db.conn
    now = utc_now()
    result.questionnaire_differences = _store_questionnaires(
        conn, contents, questionnaires, m.questionnaire["sha256"], operator, device, now)
    _merge_rounds(conn, contents, m.device_id, result)
    audit = _merge_forms(conn, contents.forms, verified, result, now, late)
    result.audit_added = bundle_store.insert_audit(conn, new_audit)
    audit_store.write_audit(conn, [AuditEntry(action, operator, device, uuid, old=old,
                                              new=new, reason=f"bundle {m.bundle_uuid}")
                                   for action, uuid, old, new in audit], now)
    result.gaps = _sequence_gaps(conn, m.device_id, m.sequence)
    if pin is None:
        result.newly_pinned = True
        bundle_store.pin_device(conn, DevicePin(m.device_id, m.device_public_key,
                                                verified.fingerprint, now, m.sequence,
                                                m.bundle_uuid))
    else:
        bundle_store.advance_device(conn, m.device_id, m.sequence, m.bundle_uuid)
    result.status = "imported"
    bundle_store.record_import(
        conn, bundle_uuid=m.bundle_uuid, device_id=m.device_id, sequence=m.sequence,
        previous_uuid=m.previous_bundle_uuid, created=m.created, recorded=now,
        file_name=result.file_name, counts=m.counts, report=_ledger_report(result))


def _store_questionnaires(conn, contents: BundleContents, questionnaires: dict,
                          bundle_sha: str, operator: str, device: str,
                          now: str) -> list[str]:
    """Store every (validated) version the bundle carries; the project's adopted version
    stays HQ's. Returns where the bundle's version differs from it, per question."""
    adopted = questionnaire_store.adopted_sha256(conn)
    if adopted is None:
        # A project from before adoption existed: pin what it uses today, so no bundle
        # can replace it; an HQ database with no questionnaire at all adopts the first
        # bundle's version (an audited act, named in the ledger).
        adopted = questionnaire_store.effective_sha256(conn) or bundle_sha
        questionnaire_store.set_adopted(conn, adopted)
        audit_store.write_audit(conn, [AuditEntry(
            "questionnaire_adopt", operator, device, new=adopted,
            reason="first questionnaire of this database" if adopted == bundle_sha
            else "the version in use before bundles could not change it")], now)
    for sha, q in questionnaires.items():
        questionnaire_store.store_questionnaire(conn, sha, q.id, q.version, q.source_text)
    hq = questionnaires.get(adopted)
    if hq is None:
        from ..domain.questionnaire_loader import parse_questionnaire
        hq = parse_questionnaire(questionnaire_store.questionnaire_text(conn, adopted) or "")
    return differences(hq, questionnaires[bundle_sha])


def _merge_rounds(conn, contents: BundleContents, device_id: str,
                  result: BundleReport) -> None:
    """New rounds keep their uuid (so every team's rounds sit side by side at HQ); a name
    already used by another round gets the device id added."""
    existing = bundle_store.round_uuids(conn)
    names = bundle_store.round_names(conn)
    known_q = questionnaire_store.known_sha256s(conn)
    for fields in contents.rounds:
        if fields["uuid"] in existing:
            continue
        row = {k: v for k, v in fields.items() if k != "questionnaire_definition"}
        if row["questionnaire_sha256"] not in known_q:
            raise BundleError("tampered", f"round {row['uuid']}: unknown questionnaire")
        name, counter = row["name"], 1
        while name in names:
            counter += 1
            name = f"{row['name']} ({device_id})" + ("" if counter == 2 else f" {counter}")
        row["name"] = name
        bundle_store.insert_round(conn, row)
        names[name] = row["uuid"]
        existing.add(row["uuid"])
        result.rounds_added.append(name)
    wanted = {r.fields["round_uuid"] for r in contents.forms}
    if not wanted <= existing:
        raise BundleError("tampered", "forms refer to rounds the bundle does not carry")


def _merge_forms(conn, forms: list[FormRecord], verified: VerifiedBundle,
                 result: BundleReport, now: str, late: bool = False) -> list[tuple]:
    """Decide and write every form; returns HQ audit rows (action, uuid, old, new)."""
    m = verified.manifest
    empty = not _has_forms(conn)  # the first import into a new HQ database: no lookups
    existing = {} if empty else bundle_store.existing_forms(conn, (r.uuid for r in forms))
    numbers = {} if empty else bundle_store.live_numbers(
        conn, {r.fields["round_uuid"] for r in forms})
    inserts, insert_answers, replaces, replace_answers = [], [], [], []
    conflicts, versions, audit = [], [], []
    for record in forms:
        reason = ""
        row = _form_row(record.fields)
        current = existing.get(record.uuid)
        current_version = None
        if current is None:
            decision = Decision.NEW  # the common case, decided without the general rule
        else:
            cur = dict(zip(FORM_FIELDS, current[0]))
            current_version = Version(cur["revision"], content_sha256(
                cur["round_uuid"], cur["form_number"], cur["status"], cur["deleted_reason"],
                canonical_answers_text(current[1])))
            incoming = Version(record.revision, record.sha256)
            base = None if record.base is None else Version(*record.base)
            known = bundle_store.known_versions(conn, record.uuid) \
                if current_version.sha256 != record.sha256 else ()
            decision = decide(incoming, base, current_version, known, late)
        if decision in (Decision.NEW, Decision.UPDATE):
            key = (record.fields["round_uuid"], record.fields["form_number"])
            holder = numbers.get(key)
            if record.fields["status"] != "deleted" and holder not in (None, record.uuid):
                decision = Decision.CONFLICT
                reason = "form_number"
            else:
                if current is not None:
                    old = dict(zip(FORM_FIELDS, current[0]))
                    if old["status"] != "deleted":
                        numbers.pop((old["round_uuid"], old["form_number"]), None)
                if record.fields["status"] != "deleted":
                    numbers[key] = record.uuid
        if decision == Decision.CONFLICT:
            reason = reason or ("same_revision" if current_version and
                                record.revision == current_version.revision else "diverged")
            conflicts.append((record.uuid, record.revision, record.sha256, m.device_id,
                              m.bundle_uuid, record.to_json(),
                              current_version.revision if current_version else None,
                              current_version.sha256 if current_version else None,
                              reason, now))
            audit.append(("import_conflict", record.uuid,
                          f"revision {current_version.revision}" if current_version else None,
                          f"revision {record.revision} ({reason})"))
            result.conflicting += 1
            continue
        if decision == Decision.NEW:
            inserts.append(row)
            insert_answers.append((record.uuid, record.answers_text))
            result.new += 1
        elif decision == Decision.UPDATE:
            replaces.append(row)
            replace_answers.append((record.uuid, record.answers_text))
            audit.append(("import_update", record.uuid,
                          f"revision {current_version.revision}",
                          f"revision {record.revision}"))
            result.updated += 1
        else:
            result.unchanged += 1
        versions.append((record.uuid, record.revision, record.sha256))
        if record.base is not None:
            versions.append((record.uuid, record.base[0], record.base[1]))
    bundle_store.insert_forms(conn, inserts, insert_answers)
    bundle_store.replace_forms(conn, replaces, replace_answers)
    bundle_store.insert_conflicts(conn, conflicts)
    bundle_store.remember_versions(conn, versions)
    return audit


_form_row = operator.itemgetter(*FORM_FIELDS)


def _has_forms(conn) -> bool:
    return response_store.has_forms(conn)


def _sequence_gaps(conn, device_id: str, sequence: int) -> list[int]:
    """Sequence numbers of this device that HQ has not received, below this one."""
    seen = bundle_store.imported_sequences(conn, device_id)
    return [s for s in range(1, sequence) if s not in seen]


def _ledger_report(result: BundleReport) -> dict:
    data = asdict(result)
    data.pop("message")
    data.pop("messages")
    return data
