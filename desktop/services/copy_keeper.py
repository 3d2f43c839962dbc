"""Which copy a post keeps: HQ's decision between two copies of one device's project
(docs/bundles.md "Two copies in use").

A field laptop's project can be copied (a backup restored after a loss, or a copy made by
someone at the post), and every copy signs with the same device key. HQ takes a restored
copy's bundle numbered again as a branch of the device's line when the rules of
services/import_gate.py allow it (`may_branch`); otherwise it holds the bundle
(`bundle.sequence_reused`), and once a branch was taken it refuses the other copy's
bundles (`bundle.after_branch`). Only the team knows which copy is genuine, so without
this act the genuine copy's bundles could stay held for ever, and someone at the post
could block the laptop still in use by sending a copy's bundle first.

`keep_copy` is HQ's answer, an explicit, audited act (`copy_keep`) on one held bundle
file: the bundle is imported as the start of its copy's line (a branch taken on HQ's
word, recorded in the ledger as `kept_copy`), so HQ follows that copy from that bundle
on and the other copy's later bundles are held with a sentence saying HQ kept this one
(also when both copies were identical up to the kept bundle and the other copy's audit
rows still continue HQ's chain: its bundle follows one the decision set aside,
import_gate.check_line).
Before anything is written it says what it would do (`CopyChoice`): which copy's line
HQ follows from which bundle on, and how many forms the bundle would add, update, leave
unchanged or keep as conflicts (a dry run of the import, rolled back). Nothing HQ holds is
dropped: the other copy's forms and audit rows stay, and the bundle is merged under a
branch's rules (an edit replaces HQ's version only when it starts from that very
version; anything else is a conflict for the analyst).

Refused, with one sentence and nothing changed: a bundle that is not held (it imports as
it is), one imported already, one held or refused for another reason, a part of a
series, one whose previous bundle HQ does not hold (keep that copy from its earliest
bundle), and one that would be refused even on HQ's word (a broken chain, a bad answer).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from ..bundle import age_crypto
from ..bundle.bundle_reader import read_bundle_file, verify_bundle
from ..bundle.manifest import Manifest
from ..domain.plain_names import has_control
from ..domain.user_error import UserError
from ..storage import bundle_store
from ..storage.audit_store import AuditEntry, write_audit
from ..storage.clock import utc_now
from ..storage.database import Database, DatabaseLocator
from .device_identity import own_device_id
from .import_report import BundleReport
from .import_service import import_file
from .workspace import open_database

__all__ = ["CopyChoice", "CopyKeepRefused", "keep_copy"]

# The refusals of a bundle that a second copy of its device's project may have made.
_COPY_REFUSALS = ("sequence_reused", "audit_chain", "set_aside_line")


class CopyKeepRefused(UserError, ValueError):
    """HQ did not keep the copy; a catalogue key (`copy_keep.*`) says why, followed by
    the bundle's own refusal (`then`, by language) where it has one."""

    def __init__(self, key: str, then: BundleReport | None = None, **params: object):
        self.then = dict(then.messages) if then is not None else {}
        if then is not None and not self.then and then.message:
            self.then = {"en": then.message}
        super().__init__(key, **params)

    def in_language(self, lang: str | None = None) -> str:
        text = super().in_language(lang)
        then = self.then.get(lang or "") or self.then.get("en")
        return f"{text} {then}" if then else text


class _Preview(Exception):
    """Raised at the end of a preview: its transaction ends in ROLLBACK, so the file is
    left as it was (a COMMIT after a savepoint rolled back may still write the pages it
    restored)."""


@dataclass(frozen=True)
class CopyChoice:
    """What keeping the copy that made one held bundle does (or did, with `done`)."""

    device_id: str
    bundle_uuid: str
    sequence: int
    created: str
    file_name: str
    # The line HQ follows now: its highest bundle's number and import time (None: none).
    current: tuple[int, str] | None
    report: BundleReport  # the import on HQ's word (rolled back unless `done`)
    done: bool = False

    @property
    def branches(self) -> bool:
        """Whether the bundle's audit rows branch from an earlier row HQ holds."""
        return bool(self.report.branch_from)


def keep_copy(db_target: str | Path | DatabaseLocator, identity_path: str | Path,
              bundle_path: str | Path, reason: str = "", operator: str = "analyst",
              device: str | None = None, do: bool = False) -> CopyChoice:
    """What keeping the copy that made the held bundle at `bundle_path` would do; with
    `do`, do it (one transaction: the audit row `copy_keep` and the bundle's import).
    Opens its own connection (a worker may call it). Raises `CopyKeepRefused`, or the
    `UserError` of an unreadable key or bundle file, with nothing changed."""
    if has_control(reason or ""):
        raise CopyKeepRefused("copy_keep.reason_control")
    identities = age_crypto.load_identities(identity_path)
    path = Path(bundle_path)
    verified = verify_bundle(read_bundle_file(path), identities)  # signature, every hash
    manifest = verified.manifest
    db = open_database(DatabaseLocator.of(db_target))
    label = str(db.locator.path)
    conn = db.conn
    try:
        with contextlib.suppress(_Preview), db.transaction():
            device = device or own_device_id(conn)
            with _rolled_back(conn):  # as the bundle stands today
                plain = import_file(db, identities, path, operator, device, label)
            _check_held(conn, plain, manifest)
            current = bundle_store.line_head(conn, manifest.device_id)
            now = utc_now()
            if do:
                write_audit(conn, [AuditEntry(
                    "copy_keep", operator, device,
                    old=_line_text(manifest.device_id, current),
                    new=f"{manifest.device_id} #{manifest.sequence} {manifest.bundle_uuid}",
                    reason=reason or None)], now)
            with _rolled_back(conn) if not do else contextlib.nullcontext():
                kept = import_file(db, identities, path, operator, device, label, kept=now)
                if kept.status != "imported":
                    raise CopyKeepRefused("copy_keep.would_refuse", then=kept)
            if not do:
                raise _Preview  # the whole transaction is rolled back, not committed empty
    finally:
        db.close()
    return CopyChoice(manifest.device_id, manifest.bundle_uuid, manifest.sequence,
                      manifest.created, path.name,
                      (current[0], current[2]) if current else None, kept, do)


def _check_held(conn, plain: BundleReport, manifest: Manifest) -> None:
    """Refuse unless the bundle, as it stands, is held or refused for a second copy of its
    device's project, and may start that copy's line."""
    if plain.status == "imported":
        raise CopyKeepRefused("copy_keep.not_held")
    if plain.status == "replay":
        raise CopyKeepRefused("copy_keep.replay")
    if plain.refusal not in _COPY_REFUSALS:
        raise CopyKeepRefused("copy_keep.not_a_copy", then=plain)
    if manifest.series:
        raise CopyKeepRefused("copy_keep.series")
    previous = manifest.sequence - 1
    if (manifest.previous_bundle_uuid and not bundle_store.imported_as(
            conn, manifest.device_id, manifest.previous_bundle_uuid, previous)) or (
            not manifest.previous_bundle_uuid and manifest.sequence != 1):
        raise CopyKeepRefused("copy_keep.earlier_first", previous=previous)
    if plain.refusal == "audit_chain" and bundle_store.last_branch(
            conn, manifest.device_id) is None:
        # Its chain does not continue HQ's, and no other copy started a line: not a
        # second copy's bundle but a changed log (or one HQ lacks bundles of).
        raise CopyKeepRefused("copy_keep.not_a_copy", then=plain)


def _line_text(device_id: str, current: tuple[int, str, str] | None) -> str:
    """The line HQ followed before the decision, for the audit row's old value."""
    if current is None:
        return f"{device_id}: no bundle"
    return f"{device_id} #{current[0]} {current[1]}"


@contextlib.contextmanager
def _rolled_back(conn):
    """Whatever the block writes is undone (a savepoint inside the caller's transaction):
    an import tried to see what it does."""
    conn.execute("SAVEPOINT copy_keep_try")
    try:
        yield
    finally:
        if conn.in_transaction:  # SQLite may have rolled back already (a full disk)
            conn.execute("ROLLBACK TO copy_keep_try")
            conn.execute("RELEASE copy_keep_try")

