"""HQ import: decrypt, verify, check the device, and merge each bundle in ONE transaction.

Decryption, archive safety and the signature are checked before the database is touched.
The large members are hashed as they are streamed (one decompression, see
bundle/bundle_reader.py) and their hashes checked before COMMIT; a refusal for any other
reason looks at the hashes first, so a member that differs from the signed manifest is
refused as "tampered" whatever else it broke, as if it had been hashed first. Every check
that depends on HQ's state (replay, the device register and key pin, the sequence number,
the questionnaires, every answer, the audit chain; see import_gate.py) runs inside the
bundle's one `BEGIN IMMEDIATE` transaction. The device, replay and sequence checks come
before the first write; the records are then streamed (a line at a time from the
decrypted ZIP) through their checks into the merge, written in chunks, and anything
refused later rolls the whole transaction back, so memory stays bounded whatever the
bundle's size. So two imports at once serialise and each sees the other's result, a
refused bundle leaves the database exactly as it was, and an accepted one is merged whole.
A large bundle is read and checked by a second process (import_split.py) while this one
checks the audit chain, merges and writes; the loop below is the same for both. The
report (bundles, devices, forms new / updated / unchanged / conflicting, gaps, where the
bundle's questionnaire differs from HQ's) is returned and kept in the ledger. The
questionnaires and rounds a bundle brings are merged by import_rounds.py.
"""

from __future__ import annotations

import contextlib
import gc
from dataclasses import asdict
from pathlib import Path
from typing import Callable

from ..bundle import age_crypto
from ..bundle.bundle_reader import (VerifiedBundle, check_counts, questionnaire_text,
                                    read_bundle_file, records_of, verify_bundle)
from ..bundle.errors import HELD_KINDS, BundleError
from ..domain.number_ranges import Run, missing_runs
from ..domain.system_reasons import reason_of
from ..domain.user_error import LANGUAGES, UserError, translate
from ..storage import audit_store, bundle_store, device_store
from ..storage.audit_store import AuditEntry
from ..storage.bundle_store import DevicePin
from ..storage.clock import utc_now
from ..storage.database import Database, DatabaseLocator, IntegrityError
from . import device_identity, import_gate
from .round_origin import RoundGate
from .form_check_child import compact
from .import_audit import AuditMerge
from .import_merge import FormMerger
from .import_split import CheckerStopped, FormChecker, FormStream
from .import_report import BundleReport, ImportReport
from .import_rounds import merge_rounds, store_questionnaires
from .import_writer import ImportWriter
from .workspace import open_database

ProgressFn = Callable[[int, int], None]
# The page cache of a merge (8 MB): forms arrive in uuid order, so inserts touch few
# pages; 256 MB cost 200 MB of peak memory and bought no measurable time (100k import),
# 64 MB cost 45-50 MB of the importing process's peak against 16 MB, and 16 MB about
# 5-10 MB against 8 MB, with no time measured into an empty HQ or one holding 100k.
IMPORT_CACHE_KIB = 8 * 1024


def import_bundles(db_path: str | Path, identity_path: str | Path, bundle_paths: list,
                   operator: str = "import", device: str | None = None,
                   progress: ProgressFn | None = None,
                   split_min_forms: int | None = None) -> ImportReport:
    """Import each bundle file into `db_path` (each in its own transaction). A database
    file this call had to create is removed again when no bundle was imported into it, so a
    refused import leaves nothing behind. A bundle of at least `split_min_forms` forms
    (default import_split.SPLIT_MIN_FORMS) has its forms checked in a second process."""
    identities = age_crypto.load_identities(identity_path)
    report = ImportReport()
    locator = DatabaseLocator.of(db_path)
    created = locator.path is not None and not locator.path.exists()
    db = open_database(locator, check_same_thread=False)  # FormMerger's writer thread
    imported = False
    checker = FormChecker(split_min_forms)  # for large bundles, started on first use
    try:
        db.set_cache_kib(IMPORT_CACHE_KIB)
        for done, path in enumerate(bundle_paths):
            if progress:
                progress(done, len(bundle_paths))
            checker.prepare(path)  # a large file: the child starts while it is decrypted
            checker.last_bundle = done == len(bundle_paths) - 1
            with _collector_paused():
                report.bundles.append(import_file(db, identities, Path(path), operator,
                                                  device, db_label=str(locator.path),
                                                  background=True, checker=checker))
            imported = imported or report.bundles[-1].status == "imported"
        if progress:
            progress(len(bundle_paths), len(bundle_paths))
    finally:
        report.checked_apart = checker.completed
        checker.close()
        db.close()
        if created and not imported:
            _remove_database_files(locator.path)
    return report


@contextlib.contextmanager
def _collector_paused():
    """Python's cycle collector off while bundles are read: a 100k-form bundle makes
    millions of short-lived acyclic objects (parsed records, answer dicts) that
    reference counting frees at once, and the collector spent about 0.5 s of CPU (some
    900 passes) scanning them; it is switched back on (if it was on) afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _remove_database_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def import_file(db: Database, identities: list, path: Path, operator: str = "import",
                device: str | None = None, db_label: str = "HQ.db",
                background: bool = False, checker: FormChecker | None = None,
                kept: str = "") -> BundleReport:
    """Import one bundle file; refusals become a report with the plain sentence. With
    `background` (a connection opened with check_same_thread=False), the audit rows and
    the forms are written on a second thread while the next ones are read. With a
    `checker`, a large bundle is read and checked by the checking process too
    (import_split.py); the caller closes the checker. `kept`: HQ decided that the post
    keeps the copy that made this bundle (the time of the decision, services/
    copy_keeper.py): it is taken as that copy's branch although the rules of a restored
    copy would hold it."""
    result = BundleReport(file_name=path.name)
    try:
        verified = verify_bundle(read_bundle_file(path), identities,  # file bytes freed
                                 defer_hashes=True)
        result.bundle_uuid = verified.manifest.bundle_uuid
        result.device_id = verified.manifest.device_id
        result.sequence = verified.manifest.sequence
        result.fingerprint = verified.fingerprint
        try:
            try:
                _merge_verified(db, verified, result, operator, device, db_label,
                                background, checker, kept)
            except CheckerStopped:
                # Rolled back, and not the bundle's fault: checked again in this process.
                _clear_counts(result)
                _merge_verified(db, verified, result, operator, device, db_label,
                                background, kept=kept)
        except Exception:
            # Rolled back. A member that differs from the manifest is the refusal, as
            # when every hash was checked before the records were read.
            verified.check_hashes()
            raise
    except BundleError as exc:
        result.status = ("replay" if exc.kind == "replay" else "held"
                         if exc.kind in HELD_KINDS else "refused")
        result.held_round = str(exc.values.get("round", ""))  # for the Import view
        result.held_origin = str(exc.values.get("origin", ""))
        result.refusal = exc.kind
        result.message = exc.sentence
        result.messages = {lang: exc.in_language(lang) for lang in LANGUAGES}
        note = import_gate.set_aside_note(db.conn, exc, result.device_id)
        result.another_copy = exc.kind == "sequence_reused" or note is not None
        aside = import_gate.set_aside_copy_refusal(db.conn, exc, result.device_id,
                                                   result.sequence)
        if aside is not None:  # from the copy HQ decided the post no longer uses: held
            result.status = "held"
            result.set_aside_copy = True
            result.messages = {lang: aside.in_language(lang) for lang in LANGUAGES}
            result.message = result.messages["en"]
        elif note is not None:  # perhaps from the copy a restored copy's branch set aside
            result.messages = {lang: f"{text} {note.in_language(lang)}"
                               for lang, text in result.messages.items()}
            result.message = result.messages["en"]
        _clear_counts(result)
    except OSError as exc:  # a missing file, a folder, no permission: said in each language
        error = translate(exc, path)
        if error is None or error.key == "io_error":
            error = UserError("import.unreadable", reason=reason_of(exc))
        result.message = error.in_language("en")
        result.messages = {lang: error.in_language(lang) for lang in LANGUAGES}
    return result


def _clear_counts(result: BundleReport) -> None:
    """What a rolled-back attempt may have counted."""
    result.new = result.updated = result.unchanged = result.conflicting = 0
    result.audit_added, result.rounds_added, result.gaps = 0, [], []
    result.rounds_again = []
    result.questionnaire_differences = []
    result.newly_pinned = False


def _merge_verified(db: Database, verified: VerifiedBundle, result: BundleReport,
                    operator: str, device: str, db_label: str,
                    background: bool = False, checker: FormChecker | None = None,
                    kept: str = "") -> None:
    """Every state-dependent check, then every write, in one IMMEDIATE transaction."""
    try:
        with db.transaction():
            device = device or device_identity.own_device_id(db.conn)
            _check_and_write(db, verified, result, operator, device, db_label, background,
                             checker, kept)
    except IntegrityError as exc:  # rolled back: e.g. a record breaking a rule
        raise BundleError("tampered", str(exc)) from exc


def _check_and_write(db: Database, verified: VerifiedBundle, result: BundleReport,
                     operator: str, device: str, db_label: str,
                     background: bool = False, checker: FormChecker | None = None,
                     kept: str = "") -> None:
    m = verified.manifest
    conn = db.conn
    if bundle_store.bundle_imported(conn, m.bundle_uuid):
        raise BundleError("replay")
    enrolled = import_gate.check_device(conn, verified, db_label)
    pin = bundle_store.device_pin(conn, m.device_id)
    if pin is not None and pin.public_key != m.device_public_key:
        raise BundleError("unknown_device_key", f"{m.device_id}: {verified.fingerprint}")
    held = import_gate.reused_sequence(conn, verified)
    if held is not None and not kept and not import_gate.may_branch(conn, verified, held):
        raise held
    # A restored copy's edits of forms its lost copy edited later are conflicts.
    late = held is None and \
        m.sequence < bundle_store.last_imported_sequence(conn, m.device_id)
    stream = checker.stream(conn, verified) \
        if checker is not None and checker.wanted(verified) else None
    try:
        _write_bundle(db, verified, pin, result, operator, device, late, background, stream,
                      held, RoundGate(conn, m.device_id, db_label, enrolled.fingerprint),
                      kept)
    finally:
        if stream is not None:
            stream.close()  # the checking process is stopped if it has not finished
    device_store.bind_device_id(conn, enrolled.fingerprint, m.device_id)


def _write_bundle(db: Database, verified: VerifiedBundle, pin: DevicePin | None,
                  result: BundleReport, operator: str, device: str, late: bool,
                  background: bool = False, stream: FormStream | None = None,
                  held: BundleError | None = None, gate: RoundGate | None = None,
                  kept: str = "") -> None:
    """Read, check and write the bundle's records as a stream (inside the caller's
    transaction): the audit rows first (chain checked chunk by chunk), then the rounds and
    questionnaires, then the forms (every answer checked as read, merged in chunks); the
    record counts, responses.csv and the confirmations of out-of-range values are checked
    at the end. A refusal anywhere rolls everything back. With a `stream`, the checking
    process parses the leading audit rows, then reads the forms (the door's per-form
    checks, in the same order) while this thread checks the chain, reads the other audit
    rows whenever no checked form is waiting, and merges (import_audit.py: the same rows,
    checks and refusals as the chain first); its refusals are raised here in the same
    place as the in-process reader's. `held` is raised unless the audit rows branch
    (a copy restored from a backup: import_gate.reused_sequence). `gate` holds the
    bundle when it writes into another device's round (services/round_origin.py).
    `kept`: HQ chose this bundle's copy (import_file), so its rows may branch too."""
    m = verified.manifest
    conn = db.conn
    gate = gate or RoundGate(conn, m.device_id)
    now = utc_now()
    text = questionnaire_text(verified)
    writer = ImportWriter(background)
    door = import_gate.AnswerDoor(conn, verified)
    audit = AuditMerge(conn, verified, writer, fed=stream.audit_rows if stream else 0,
                       may_branch=held is not None or bool(kept), subjects=gate.subjects)
    hq_rows: list[AuditEntry] = []  # HQ's own audit rows, written at the end
    rounds: list[dict] = []
    merger = None
    forms = 0
    try:
        if stream is None or audit.series:
            audit.finish()  # the chain first; a checking process's forms come meanwhile
        try:
            for kind, item, answers in (stream.records(idle=audit.step) if stream
                                        else records_of(verified)):
                if kind != "form":  # a checking process's audit rows come first
                    (audit.add if kind == "audit" else rounds.append)(item)
                    continue
                if merger is None:
                    merger = _start_forms(db, door, text, rounds, result, hq_rows,
                                          operator, device, verified, now, late, writer,
                                          held is not None or bool(kept), gate)
                if stream is None:
                    door.form(item, answers)
                    item = compact(item)  # as the checking process hands a form over
                merger.add(item)
                forms += 1
            if merger is None:
                merger = _start_forms(db, door, text, rounds, result, hq_rows, operator,
                                      device, verified, now, late, writer,
                                      held is not None or bool(kept), gate)
        except (BundleError, *IntegrityError):
            audit.finish()  # a broken chain is the refusal, as when it is checked first
            raise
        audit_count, result.audit_added = audit.finish()
        result.relayed_branches = audit.relayed_branches
        result.relayed_devices = audit.relayed_devices
        if held is None and not kept:  # after two copies: on the line HQ follows?
            writer.wait()
            import_gate.check_line(conn, verified)
        if held is not None or kept:
            if audit.branch_from is None and not kept:  # not a restored copy: ask the team
                raise held
            result.branch_from = audit.branch_from or ""
            result.kept_copy = kept
        check_counts(verified, len(rounds), forms, audit_count)
        merger.finish()
        gate.check_audit_rows(conn)  # audit rows about forms of another device's round
    finally:
        if merger is not None:
            merger.close()  # its reader of HQ before the transaction, before COMMIT
        audit.close()
        writer.close()  # no write still running when the transaction ends
        if stream is not None:
            stream.close()  # at once: a refusal stops the checking process here
    if stream is None:
        door.finish()
    else:
        door.finish(stream.finish.pending, stream.finish.csv_sha256)
    verified.check_hashes()  # every member read is the one the manifest signs
    # HQ's own rows after the bundle's: the questionnaire adopted by this import (if so),
    # then each update and conflict of the merge.
    audit_store.write_audit(conn, hq_rows + [
        AuditEntry(action, operator, device, uuid, old=old, new=new,
                   reason=f"bundle {m.bundle_uuid}")
        for action, uuid, old, new in merger.audit], now)
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


def _start_forms(db: Database, door: import_gate.AnswerDoor, text: str, rounds: list[dict],
                 result: BundleReport, hq_rows: list[AuditEntry], operator: str,
                 device: str, verified: VerifiedBundle, now: str, late: bool,
                 writer: ImportWriter, branch: bool = False,
                 gate: RoundGate | None = None) -> FormMerger:
    """Before the first form: validate and store the questionnaires, merge the rounds.
    HQ's own audit row of an adoption is added to `hq_rows` (written after the bundle's
    rows)."""
    m = verified.manifest
    conn = db.conn
    door.start(text, rounds)
    result.questionnaire_differences = store_questionnaires(
        conn, door.questionnaires, m.questionnaire["sha256"], hq_rows, operator, device)
    gate = gate or RoundGate(conn, m.device_id)
    gate.brought(conn, merge_rounds(conn, rounds, m.device_id, result, branch),
                 m.bundle_uuid, now)  # the rounds this bundle brings: their origin
    return FormMerger(conn, result, m.device_id, m.bundle_uuid, now, late, gate.writable,
                      writer, branch, gate, db.locator)


def _sequence_gaps(conn, device_id: str, sequence: int) -> list[Run]:
    """The runs of sequence numbers of this device that HQ has not received, below this
    one (worked out from those received: a manifest may say 10**9)."""
    return missing_runs(bundle_store.imported_sequences(conn, device_id), sequence)


def _ledger_report(result: BundleReport) -> dict:
    data = asdict(result)
    data.pop("message")
    data.pop("messages")
    return data
