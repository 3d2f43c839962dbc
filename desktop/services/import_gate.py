"""HQ's door: every check that decides whether a verified bundle may be merged.

Run by the import service inside the bundle's one `BEGIN IMMEDIATE` transaction, before
the first write, so two imports at once see each other's results and a refusal leaves the
database as it was. In order: the device register (enrolled, not revoked, the device id
bound to its key), the sequence number (a number reused by another bundle is held, unless
the bundle comes from a copy restored from a backup and its audit rows branch), every
questionnaire the bundle carries (the full loader), every answer against the version its
round was keyed with (`FormGate`, the entry form's rules), responses.csv against the
records, and the audit hash chain against the last row HQ holds for each device. The
records are streamed through these checks (`AnswerDoor.form`, `AuditChain.new_rows`) as
they are merged; any refusal rolls the whole transaction back.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from ..bundle.bundle_reader import VerifiedBundle
from ..bundle.errors import BundleError
from ..bundle.manifest import RESPONSES_CSV
from ..domain.phrase import Phrase
from ..domain.questionnaire import Questionnaire
from ..domain.user_error import UserError
from ..storage import bundle_store, device_store, questionnaire_store, series_store
from ..storage.device_store import EnrolledDevice
from .device_service import enrol_command
from . import series_numbers
from .form_door import FormDoor, parse_questionnaires, refuse_answer
from .import_chain import AuditChain, check_audit_chain  # re-exported: HQ's door


def check_device(conn: sqlite3.Connection, verified: VerifiedBundle,
                 db_label: str) -> EnrolledDevice:
    """The enrolled, unrevoked register entry of the key that signed the bundle."""
    m = verified.manifest
    compact = verified.fingerprint.replace(" ", "")
    device = device_store.get_device(conn, compact)
    if device is None:
        raise BundleError("unknown_device", f"{m.device_id} {compact}", device_id=m.device_id,
                          fingerprint=verified.fingerprint,
                          command=enrol_command(compact, db_label))
    if not device.active:
        raise BundleError("revoked_device", f"{m.device_id} {compact}",
                          device_id=m.device_id, fingerprint=verified.fingerprint,
                          revoked=device.revoked)
    if device.device_id is not None and device.device_id != m.device_id:
        raise BundleError("device_id_mismatch", m.device_id, device_id=m.device_id,
                          enrolled_id=device.device_id, fingerprint=verified.fingerprint)
    return device


def check_sequence(conn: sqlite3.Connection, verified: VerifiedBundle) -> None:
    """A sequence number this device already used for another bundle is held."""
    held = reused_sequence(conn, verified)
    if held is not None:
        raise held


def reused_sequence(conn: sqlite3.Connection, verified: VerifiedBundle) -> BundleError | None:
    """The refusal ("held") of a bundle numbered like another bundle of its device that
    HQ holds (bundles a restored copy's branch set aside do not count), or None. The
    import holds such a bundle unless it may branch (`may_branch`) and its audit chain
    branches from a row HQ holds (`AuditChain`): a copy restored from a backup, numbering
    again from where the backup was made (docs/bundles.md)."""
    m = verified.manifest
    other = bundle_store.imported_bundle_with_sequence(conn, m.device_id, m.sequence)
    if other is None or other == m.bundle_uuid:
        series_numbers.check_numbers(conn, m)  # a number a series takes (held at once)
        return None
    return BundleError("sequence_reused", f"{m.device_id} #{m.sequence}",
                       device_id=m.device_id, sequence=m.sequence, other=other)


def may_branch(conn: sqlite3.Connection, verified: VerifiedBundle, held: BundleError) -> bool:
    """Whether a bundle numbered like another (`held`) may be a restored copy's branch: a
    single bundle (not a part of a series), made after the bundle HQ holds with its
    number, that follows the bundle HQ holds one number below on the device's line. A
    copy whose line a branch set aside stays held, and so does a bundle of the lost copy
    reaching HQ after the restored copy's of its number (the restored copy goes on).
    Nor is a bundle numbered at or below one HQ imported on its own decision of which
    copy the post keeps (services/copy_keeper.py): a backup restored from before that
    decision would otherwise set the kept copy aside again; HQ is asked instead."""
    m = verified.manifest
    made, other = _utc(m.created), _utc(bundle_store.imported_created(
        conn, str(held.values["other"])))
    # Times compared as times (a signer writes any text: '9' sorts after every date),
    # and never a time to come: a date forged far ahead would make it "after" any copy
    # restored later (a day's grace for a laptop's clock).
    return (not m.series and made is not None and other is not None and other < made
            <= dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1)
            and bundle_store.follows_line(conn, m.device_id, m.sequence,
                                          m.previous_bundle_uuid)
            and m.sequence > bundle_store.last_kept_sequence(conn, m.device_id))


def check_line(conn: sqlite3.Connection, verified: VerifiedBundle) -> None:
    """Hold a bundle of a device whose line a bundle started (a restored copy's branch, or
    the copy HQ decided the post keeps) unless it follows the line HQ follows.

    - It follows a bundle that start set aside (`set_aside_line`): it comes from the copy
      set aside. Its audit chain usually tells already (the line's start brought rows of
      its own, so the other copy's rows no longer continue HQ's); this catches two copies
      identical up to the bundle HQ kept (services/copy_keeper.py), whose kept bundle
      brought no row of its own: the other copy's next rows still continue HQ's chain,
      and only the bundle it names as its previous one tells the copies apart. A laptop
      cannot read its own exports, so a copy does not know the other copy's bundle uuids.
    - Numbered above the start, it names no previous bundle, or one HQ never received
      (`line_gap`): the copy set aside could otherwise withhold a bundle that brought no
      audit row (a full export with nothing new) and send the next one, whose rows
      continue HQ's chain, taking the line back. An honest gap after a line's start is
      mended by importing the missing bundle first (a missing bundle with audit rows
      breaks the chain anyway). A part of a series after the first needs the series'
      first part in (a copy set aside could otherwise send a later part alone: its forms
      merge at once, its audit rows wait for the whole series); the parts then come in
      any order.

    Asked after the chain's checks (a broken chain is the refusal), before COMMIT."""
    m = verified.manifest
    previous = m.previous_bundle_uuid
    if previous and bundle_store.set_aside(conn, m.device_id, previous):
        raise BundleError("set_aside_line", f"{m.device_id} #{m.sequence}",
                          device_id=m.device_id, sequence=m.sequence,
                          previous=m.sequence - 1)
    start = bundle_store.last_branch(conn, m.device_id)
    if start is None or m.sequence <= start[0]:
        return
    part = m.series["part"] if m.series else 1
    if part > 1:  # parts come in any order once the series' first part is in
        if series_store.part_bundle(conn, m.series["id"], 1) is None:
            raise BundleError("line_gap", f"{m.device_id} #{m.sequence}: part {part} "
                              "before part 1", device_id=m.device_id, sequence=m.sequence,
                              previous=m.sequence - part + 1, start=start[0])
        return
    if not (previous and bundle_store.imported_as(conn, m.device_id, previous,
                                                  m.sequence - 1)):
        raise BundleError("line_gap", f"{m.device_id} #{m.sequence} after {previous}",
                          device_id=m.device_id, sequence=m.sequence,
                          previous=m.sequence - 1, start=start[0])


def _utc(text: str | None) -> dt.datetime | None:
    """A manifest's UTC ISO-8601 time, or None if it is not one."""
    if not isinstance(text, str):
        return None
    try:  # Python 3.10 reads no 'Z'
        when = dt.datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
    except ValueError:
        return None
    return when if when.utcoffset() == dt.timedelta(0) else None


def set_aside_note(conn: sqlite3.Connection, refusal: BundleError,
                   device_id: str) -> UserError | None:
    """What to add to the refusal of a bundle whose chain does not continue HQ's, or whose
    number is held, when a restored copy's branch carries on its device's line: it may
    come from the copy set aside, still in use (or from someone blocking the post); after
    HQ decided which copy the post keeps (services/copy_keeper.py), it says so."""
    if refusal.kind not in ("audit_chain", "sequence_reused", "set_aside_line") or \
            refusal.values.get(
            "device", refusal.values.get("device_id")) != device_id:
        return None
    branch = bundle_store.last_branch(conn, device_id)
    if branch is None:
        return None
    sequence, imported, kept = branch
    if kept:  # HQ chose the copy: this bundle comes from the other one
        return UserError("bundle.after_kept_copy", sequence=sequence,
                         decided=kept[:19].replace("T", " "))
    return UserError("bundle.after_branch", sequence=sequence,
                     imported=imported[:19].replace("T", " "))


# What a bundle of a copy HQ set aside meets at the door (`set_aside_note`): its number is
# one the kept copy used, it follows a bundle the decision set aside, or its rows follow
# an earlier row than HQ's last (the kept copy brought rows since). A changed row, rows
# out of order or a lost hash stay the changed-log sentence, with the note.
_COPY_SYMPTOMS = ("sequence_reused", "set_aside_line")


def set_aside_copy_refusal(conn: sqlite3.Connection, refusal: BundleError, device_id: str,
                           sequence: int) -> UserError | None:
    """The one sentence replacing a refusal (`refusal`) of a bundle from the copy HQ set
    aside by its decision of which copy the post keeps (services/copy_keeper.py): held,
    not a bundle to import first nor a question HQ asked already; None when no decision
    of HQ explains the refusal (`set_aside_note` then adds what it can)."""
    note = set_aside_note(conn, refusal, device_id)
    if note is None or note.key != "bundle.after_kept_copy":
        return None
    problem = refusal.values.get("problem")
    if refusal.kind not in _COPY_SYMPTOMS and getattr(problem, "key", "") != \
            "chain.not_from_last":
        return None
    return UserError("bundle.from_set_aside_copy", device_id=device_id, sequence=sequence,
                     decided=note.params["decided"], kept=note.params["sequence"])


def check_questionnaires(conn: sqlite3.Connection, questionnaire_text: str,
                         rounds: list[dict]) -> dict[str, Questionnaire]:
    """Every questionnaire in the bundle, through the full loader; HQ's stored versions
    that the bundle's rounds refer to are loaded too."""
    return parse_questionnaires(questionnaire_text, rounds,
                                lambda sha: questionnaire_store.questionnaire_text(conn, sha))


def hq_questionnaire_texts(conn: sqlite3.Connection) -> dict[str, str]:
    """sha256 -> text of every questionnaire version HQ stores (what `check_questionnaires`
    may look up, handed to the import's checking process)."""
    return questionnaire_store.stored_texts(conn)


class AnswerDoor:
    """Checks every form as the import streams it: its answers against its round's
    questionnaire version and its row of responses.csv, rebuilt from the record and hashed
    as it goes (`FormDoor`; the rebuilt file's sha256 must be the one the signed manifest
    gives for the file the bundle carries: the same bytes, never held whole); `finish`
    compares the hashes and looks for the operator's confirmation of each out-of-range
    value. When the import's checking process ran `FormDoor` on the forms instead
    (services/import_split.py), `finish` is given its results."""

    def __init__(self, conn: sqlite3.Connection, verified: VerifiedBundle):
        self.conn = conn
        self.verified = verified
        self.door = FormDoor()

    @property
    def questionnaires(self) -> dict[str, Questionnaire]:
        return self.door.questionnaires

    @property
    def round_names(self) -> dict[str, str]:
        return self.door.round_names

    def start(self, questionnaire_text: str, rounds: list[dict]) -> None:
        """Validate the questionnaires and learn the rounds (before the first form)."""
        self.door.start(check_questionnaires(self.conn, questionnaire_text, rounds),
                        self.verified.manifest.questionnaire["sha256"], rounds,
                        bundle_store.round_rows(self.conn))

    def form(self, record, answers: dict) -> None:
        self.door.form(record, answers)

    def finish(self, pending: list[tuple] | None = None, csv_sha256: str | None = None
               ) -> None:
        """After the last form, with the bundle's audit rows already in the transaction
        (the operators' confirmations are among them). `pending` and `csv_sha256` are the
        checking process's, when it checked the forms."""
        if pending is None:
            pending, csv_sha256 = self.door.pending, self.door.csv_sha256()
        if pending:
            _check_confirmations(self.conn, pending, self.round_names)
        if csv_sha256 != self.verified.manifest.files[RESPONSES_CSV]:
            raise BundleError("csv_mismatch", RESPONSES_CSV,
                              problem=Phrase("csv.differs"))


def _check_confirmations(conn, pending: list[tuple], round_names: dict[str, str]) -> None:
    """An out-of-range value passes only with the operator's confirmation in the audit
    log (this bundle's rows, already written in this transaction, or those HQ held), as
    the entry form records it."""
    confirmed = bundle_store.confirmations(conn, {p[0] for p in pending})
    for uuid, number, round_uuid, problem, value in pending:
        if (uuid, problem.question_id, value) not in confirmed:
            refuse_answer({"uuid": uuid, "form_number": number, "round_uuid": round_uuid},
                          problem, round_names)


__all__ = ["AnswerDoor", "AuditChain", "check_audit_chain", "check_device",
           "check_questionnaires", "check_sequence", "hq_questionnaire_texts",
           "check_line", "may_branch", "reused_sequence", "set_aside_copy_refusal",
           "set_aside_note"]
