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
from typing import Callable, Iterable

from ..bundle.bundle_reader import VerifiedBundle
from ..bundle.errors import BundleError
from ..bundle.manifest import RESPONSES_CSV
from ..domain.phrase import Phrase
from ..domain.questionnaire import Questionnaire
from ..domain.user_error import UserError
from ..storage import (audit_chain, bundle_store, device_store, questionnaire_store,
                       series_store)
from ..storage.device_store import EnrolledDevice
from .device_service import enrol_command
from . import series_numbers
from .form_door import FormDoor, parse_questionnaires, refuse_answer


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


RELAYED_BRANCHES = 64  # branches of relayed devices one bundle may bring


class AuditChain:
    """Checks the bundle's audit rows chunk by chunk as the import streams them (`new_rows`
    returns the rows of a chunk that HQ does not hold): each device's rows verify, link to
    each other, and continue from the last row HQ held for it before this bundle. A
    device's rows keep their order in the file, so one pass with a little state per
    device sees what a pass per device would.

    With `may_branch` (a bundle numbered again, see `may_branch` below), the signer's new
    rows may instead start after an earlier row HQ holds of its own chain: a copy restored
    from a backup, which never saw the rows its lost copy sent later. HQ keeps both
    branches; `branch_from` is the hash the new rows follow.

    With `relays` (a single bundle), the rows of another device (a regional HQ relaying
    its laptops) may branch too: the relaying office took a restored copy's branch of that
    laptop's line, under the rules above, and carries both branches. HQ cannot check
    those rules again (the laptop's bundle manifests stay at the office), so it trusts the
    office that brings the laptop's rows: a branch of a device HQ held rows of is taken
    only from a signer whose earlier bundle brought that device's new rows
    (`relayed_devices`, kept in the ledger), else the bundle is held
    (`relayed_branch`); never of a device an enrolled key speaks for (its new rows are
    refused whoever brings them). Each branch must start at an earlier row of the same
    device's chain (held, or brought before it by this bundle), and is recorded
    (`relayed_branches`) so `riskmap check` accepts it."""

    def __init__(self, conn: sqlite3.Connection, ready: Callable[[], None] = lambda: None,
                 signer: str | None = None, may_branch: bool = False, relays: bool = False,
                 unwritten: Callable[[], list] = list):
        self.conn = conn
        self.ready = ready  # called before each query (the import's writer may be busy)
        # The rows this bundle brought that the caller checked but has not written yet.
        self.unwritten = unwritten
        # The device id of the bundle's key: new rows of another device id that an
        # enrolled key speaks for are refused (a post writing into another post's chain).
        self.signer = signer
        self.may_branch = may_branch
        self.branch_from: str | None = None
        self.relays = relays
        # (device, hash its rows branch from, first row's hash) of each relayed branch.
        self.relayed_branches: list[tuple[str, str, str]] = []
        self._relayers: dict[str, bool] = {}  # device -> whether the signer relays it
        self._recorded: set[tuple[str, str]] | None = None  # chain_branches, when asked
        self._brought: dict[tuple[str, str], int] | None = None
        self._state: dict[str, list] = {}  # device -> [head, seen, previous, started_new]
        self._spoken_for: set[str] = set()  # other devices that an enrolled key speaks for

    def new_rows(self, rows: list[tuple]) -> list[tuple]:
        state = self._state
        for row in rows:
            device = row[3]
            if device not in state:  # before any of its rows is written
                self.ready()
                head = audit_chain.device_head(self.conn, device)
                # Only a device HQ holds rows of can have rows HQ holds.
                seen = bool(head) or bundle_store.device_has_audit(self.conn, device)
                state[device] = [head, seen, None, False]
                if (self.signer is not None and device != self.signer
                        and device_store.is_bound(self.conn, device)):
                    self._spoken_for.add(device)
        lookup = [row[0] for row in rows if state[row[3]][1]]
        if lookup:
            self.ready()
        held = bundle_store.audit_hashes(self.conn, lookup) if lookup else {}
        new_rows: list[tuple] = []
        self._brought = None  # this call's index of the rows brought before (`_brought_at`)
        for index, row in enumerate(rows):
            device = row[3]
            entry = state[device]
            head, _, previous, started_new = entry
            values, prev, digest = row[:10], row[10], row[11]
            known = row[0] in held
            if digest is None:  # a row written before the chain existed (format 1)
                if previous is not None or (not known and bool(head)):
                    _chain_error(device, "chain.unhashed_after")
                if known and held[row[0]] is not None:
                    _chain_error(device, "chain.lost_hash")
                if not known:
                    new_rows.append(row)
                continue
            if digest != audit_chain.row_hash(prev, values):
                _chain_error(device, "chain.changed")
            out_of_order = previous is not None and prev != previous
            if known:
                if out_of_order and not self._recorded_branch(device, prev):
                    _chain_error(device, "chain.order")
                if held[row[0]] != digest:
                    _chain_error(device, "chain.differs")
                if started_new:
                    _chain_error(device, "chain.held_after_new")
            else:
                if out_of_order and not self._relayed_branch(entry, device, prev, digest,
                                                             rows, index):
                    _chain_error(device, "chain.order")
                if device in self._spoken_for:
                    raise BundleError("foreign_audit_rows", device, device=device)
                if (not started_new and not out_of_order
                        and prev != (head or audit_chain.GENESIS)
                        and not self._branches(device, prev)
                        and not self._relayed_branch(entry, device, prev, digest,
                                                     rows, index)):
                    _chain_error(device, "chain.not_from_last")
                entry[3] = True
                new_rows.append(row)
            entry[2] = digest
        return new_rows

    def _relayed_branch(self, entry: list, device: str, prev: str, digest: str,
                        rows: list[tuple], index: int) -> bool:
        """Whether `rows[index]`, a new row of a relayed device, may follow `prev` instead
        of the row before it (see the class docstring): at most RELAYED_BRANCHES in a
        bundle (a restored copy is rare; the bound keeps a hostile bundle from asking a
        search of HQ's rows per row), from an earlier row of its chain that HQ held or
        this bundle brought before it (written, waiting to be written, or earlier in
        `rows`). Held when the signer does not relay the device."""
        if (not self.relays or device == self.signer or device in self._spoken_for
                or prev == audit_chain.GENESIS
                or len(self.relayed_branches) >= RELAYED_BRANCHES):
            return False
        self.ready()
        if not (bundle_store.device_holds_hash(self.conn, device, prev)
                or self._brought_at(rows, device, prev) < index):
            return False
        if entry[1]:  # HQ held rows of this device: only who brought them may branch it
            if device not in self._relayers:
                self._relayers[device] = bundle_store.relays_device(
                    self.conn, self.signer or "", device)
            if not self._relayers[device]:
                raise BundleError("relayed_branch", f"{device} via {self.signer}",
                                  device=device, signer=self.signer)
        self.relayed_branches.append((device, prev, digest))
        return True

    def _brought_at(self, rows: list[tuple], device: str, digest: str) -> int:
        """Where this bundle brought the row `digest` of `device` before the rows HQ
        holds: -1 among those checked but not written yet, its index in `rows`, or
        len(rows) when it brought none (an index built once per `new_rows` call)."""
        if self._brought is None:
            self._brought = {(row[3], row[11]): -1 for row in self.unwritten()}
            for at, row in enumerate(rows):
                self._brought.setdefault((row[3], row[11]), at)
        return self._brought.get((device, digest), len(rows))

    def _recorded_branch(self, device: str, prev: str) -> bool:
        """Whether an import recorded a branch of `device` at `prev` (a row HQ holds that
        follows it is then in order: a relay sending both branches again)."""
        if self._recorded is None:
            self.ready()
            self._recorded = bundle_store.chain_branches(self.conn)
        return (device, prev) in self._recorded

    def relayed_devices(self) -> list[str]:
        """The other devices whose new rows this bundle brought (sorted)."""
        return sorted(device for device, entry in self._state.items()
                      if entry[3] and device != self.signer)

    def _branches(self, device: str, prev: str) -> bool:
        """Whether the signer's first new row may follow `prev`, an earlier row of its
        chain that HQ holds, instead of HQ's last one."""
        if not self.may_branch or device != self.signer or self.branch_from is not None:
            return False
        self.ready()
        if prev == audit_chain.GENESIS or not bundle_store.device_holds_hash(
                self.conn, device, prev):
            return False
        self.branch_from = prev
        return True


def check_audit_chain(conn: sqlite3.Connection, rows: Iterable[tuple]) -> list[tuple]:
    """The audit rows (of a whole bundle) that HQ does not hold, after `AuditChain`'s
    checks; the import streams through `AuditChain` instead."""
    return AuditChain(conn).new_rows(list(rows))


def _chain_error(device: str, key: str) -> None:
    """Refuse the bundle for its chain; `key` says what is wrong (domain/messages.py), in
    the sentence's language."""
    problem = Phrase(key)
    raise BundleError("audit_chain", f"{device}: {problem}", device=device, problem=problem)


__all__ = ["AnswerDoor", "AuditChain", "check_audit_chain", "check_device",
           "check_questionnaires", "check_sequence", "hq_questionnaire_texts",
           "check_line", "may_branch", "reused_sequence", "set_aside_copy_refusal",
           "set_aside_note"]
