"""`FormMerger`: HQ's merge of a bundle's forms, fed one form at a time and written in
chunks, so a bundle of any size merges in a bounded amount of memory. Each form comes as
a compact tuple (form_check_child.compact: its FORM_FIELDS values, the answers text, the
sha256, the base, whether the text is canonical), as the import's checking process hands
it over; the import converts the records it reads itself.

Each form is decided against HQ's current version (new, update, unchanged or conflict,
see bundle/merge.py) and the paper form numbers already used in its round; a chunk of
CHUNK forms is looked up with one query and written with bulk INSERTs (bulk_rows.py).
Runs inside the import's one transaction: a refusal later in the bundle rolls back every
chunk already written.

A chunk's writes go to the import's `ImportWriter` (a second thread when the import runs
in the background) while the caller reads and checks the next chunk, and the next chunk
is decided meanwhile, without touching the writer's connection: in an HQ holding no form
nothing is looked up; in an HQ holding forms (with a background writer and a database
file) the chunk's forms and paper numbers are looked up on a `SnapshotReader`, HQ as it
was before the import's transaction, and what the bundle's earlier chunks changed is
laid over it from memory (`HeldNumbers`, the numbers they took; `_freed`, the numbers
their updates moved away from or deleted). That gives the decisions of looking up the
written state after waiting for the writer (what happens without a background writer,
the serial way): a bundle carries each form uuid once (records.py refuses a repeated
one before it is merged), so no earlier chunk changed the HQ row, versions or conflicts
of a later chunk's form, and a round's live paper number has one holder (the unique
index response_form_number), so a number is held by the bundle if an earlier chunk took
it, else free if one moved it away, else held as HQ held it (no number is taken and then
moved away: that would take the same form twice). tests/bundle/test_merge_overlap.py
compares the two ways on random bundles and HQ states. Every other call that touches the
connection here first waits for the writer.
"""

from __future__ import annotations

import operator
import sqlite3

import numpy as np

from ..bundle.errors import BundleError
from ..bundle.merge import Decision, Version, decide
from ..bundle.records import FORM_FIELDS, canonical_answers_text, content_sha256
from ..storage import bundle_store, response_store
from ..storage.database import DatabaseLocator
from ..storage.snapshot_reader import SnapshotReader
from .form_check_child import record_of
from .import_writer import ImportWriter

# Forms decided and written at a time. Each chunk is held several times over while it is
# written (the reader's tuples, the rows built for the INSERTs, their flattened
# parameters, SQLite's copies of the bound values and the temporary rows its triggers
# need), once per chunk waiting for the writer (import_writer.DEPTH), mostly on the
# writer's own thread, whose malloc heap glibc keeps: at 100k forms, chunks of 5,000
# cost the importing process about 60 MB of its peak against chunks of 1,000 (with the
# audit rows' chunks, import_audit.AUDIT_CHUNK, 267 -> 204 MB) for no time measured.
CHUNK = 1000
# Where a compact tuple's values hold each field the merge reads.
_UUID, _ROUND, _NUMBER, _STATUS, _REVISION = (
    FORM_FIELDS.index(name) for name in ("uuid", "round_uuid", "form_number", "status",
                                         "revision"))
_uuid = operator.itemgetter(_UUID)


class FormMerger:
    """Decides and writes the forms of one bundle; `audit` collects HQ's audit rows
    (action, uuid, old, new) of updates and conflicts, written by the caller."""

    def __init__(self, conn: sqlite3.Connection, result, device_id: str, bundle_uuid: str,
                 now: str, late: bool, rounds: set[str], writer: ImportWriter | None = None,
                 branch: bool = False, gate=None, locator: DatabaseLocator | None = None):
        self.conn = conn
        self.result = result
        self.device_id = device_id
        self.bundle_uuid = bundle_uuid
        self.now = now
        self.late = late
        self.branch = branch  # a restored copy's bundle numbered again (bundle/merge.py)
        self.rounds = rounds  # uuids of the rounds HQ holds (the bundle's included)
        # With a gate (services/round_origin.RoundGate): `rounds` are those this device
        # may write into; a form outside them is held unless it changes nothing.
        self.gate = gate
        self._outside = False  # a form of the chunk is in a round outside `rounds`
        self.writer = writer or ImportWriter()
        # The first import into a new HQ database decides every form without a lookup.
        self.empty = not response_store.has_forms(conn)
        # Else, with a writer thread, HQ before this transaction, read beside the writer
        # (`locator` names the file `conn` writes; see the module's docstring).
        self._before = SnapshotReader.open(locator) \
            if not self.empty and locator is not None and self.writer.background else None
        # With `empty` or `_before`: the numbers the bundle's forms took, and those its
        # updates moved away from or deleted (HQ's, as `_before` shows them).
        self._held = HeldNumbers()
        self._freed: set[tuple] = set()
        self.audit: list[tuple] = []
        self._chunk: list[tuple] = []

    def add(self, form: tuple) -> None:
        """The next form, a compact tuple (see the module's docstring)."""
        if form[0][_ROUND] not in self.rounds:
            if self.gate is None:
                raise BundleError("tampered", "forms refer to rounds the bundle does not carry")
            self.gate.outside(form[0][_ROUND])
            self._outside = True
        self._chunk.append(form)
        if len(self._chunk) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        """Decide and write the forms added since the last flush."""
        forms, self._chunk = self._chunk, []
        outside, self._outside = self._outside, False
        if not forms:
            return
        gate, rounds = self.gate, self.rounds
        conn, result = self.conn, self.result
        keys = {(form[0][_ROUND], form[0][_NUMBER]) for form in forms}
        # Who holds each paper number of the chunk now (HQ's forms and the bundle's
        # earlier chunks, all written), kept up to date as the chunk's forms are decided:
        # nothing per form outlives its chunk (a dict of every number of the bundle held
        # 30 MB at 100k forms, and pinned some 40 MB more of Python's memory pools).
        # With no query, or one on `_before`, there is no wait: this chunk is decided while
        # the writer still writes the one before (`conn` is not touched until `submit`).
        before = self._before.conn if self._before is not None else None
        # Of the forms HQ holds: their versions and conflicts.
        lookup = before if before is not None else conn
        if self.empty:
            existing, numbers = {}, self._held.holders(keys)
        elif before is not None:
            existing = bundle_store.existing_forms(before, (_uuid(form[0]) for form in forms))
            numbers = self._holders(before, keys)
        else:
            self.writer.wait()  # the connection is ours again
            existing = bundle_store.existing_forms(conn, (_uuid(form[0]) for form in forms))
            numbers = bundle_store.live_holders(conn, keys)
        held = []  # the keys this chunk's inserted forms hold
        freed = []  # the keys this chunk's updated forms held at HQ and no longer hold
        inserts, insert_answers, replaces, replace_answers = [], [], [], []
        conflicts, versions = [], []
        new = updated = unchanged = 0
        NEW, UPDATE, CONFLICT = Decision.NEW, Decision.UPDATE, Decision.CONFLICT
        UNCHANGED, OLDER = Decision.UNCHANGED, Decision.OLDER
        for form in forms:
            reason = ""
            values, answers_text, sha, base, canonical = form
            uuid = values[_UUID]
            revision = values[_REVISION]
            current = existing.get(uuid)
            current_version = None
            if current is None:
                decision = NEW  # the common case, decided without the general rule
                if outside and values[_ROUND] not in rounds:
                    gate.refuse(values[_ROUND])  # another device's round
            else:
                cur = dict(zip(FORM_FIELDS, current[0]))
                current_version = Version(cur["revision"], content_sha256(
                    cur["round_uuid"], cur["form_number"], cur["status"],
                    cur["deleted_reason"], canonical_answers_text(current[1])))
                incoming = Version(revision, sha)
                known = bundle_store.known_versions(lookup, uuid) \
                    if current_version.sha256 != sha else ()
                # Only an edit of a newer base needs the versions HQ kept as conflicts.
                set_aside = bundle_store.conflicting_versions(lookup, uuid) \
                    if base is not None and base[0] > current_version.revision else ()
                decision = decide(incoming, None if base is None else Version(*base),
                                  current_version, known, self.late, self.branch,
                                  set_aside)
                if gate is not None and decision is not UNCHANGED and decision is not OLDER \
                        and not (values[_ROUND] in rounds and cur["round_uuid"] in rounds):
                    gate.refuse(cur["round_uuid"], values[_ROUND])  # another's round
            if decision is NEW or decision is UPDATE:
                key = (values[_ROUND], values[_NUMBER])
                holder = numbers.get(key)
                deleted = values[_STATUS] == "deleted"
                if not deleted and holder is not None and holder != uuid:
                    decision = CONFLICT
                    reason = "form_number"
                else:
                    if current is not None:
                        old = dict(zip(FORM_FIELDS, current[0]))
                        if old["status"] != "deleted":
                            numbers.pop((old["round_uuid"], old["form_number"]), None)
                            freed.append((old["round_uuid"], old["form_number"]))
                    if not deleted:
                        numbers[key] = uuid
                        held.append(key)
            if decision is CONFLICT:
                reason = reason or ("same_revision" if current_version and
                                    revision == current_version.revision
                                    else "diverged")
                conflicts.append((uuid, revision, sha, self.device_id,
                                  self.bundle_uuid, record_of(form).to_json(),
                                  current_version.revision if current_version else None,
                                  current_version.sha256 if current_version else None,
                                  reason, self.now))
                self.audit.append((
                    "import_conflict", uuid,
                    f"revision {current_version.revision}" if current_version else None,
                    f"revision {revision} ({reason})"))
                result.conflicting += 1
                continue
            if decision is NEW:
                inserts.append(values)
                insert_answers.append((uuid, answers_text if canonical
                                       else record_of(form).stored_answers()))
                new += 1
            elif decision is UPDATE:
                replaces.append(values)
                replace_answers.append((uuid, answers_text if canonical
                                        else record_of(form).stored_answers()))
                self.audit.append(("import_update", uuid,
                                   f"revision {current_version.revision}",
                                   f"revision {revision}"))
                updated += 1
            else:
                unchanged += 1
            versions.append((uuid, revision, sha))
            if base is not None:
                versions.append((uuid, base[0], base[1]))
        if self.empty or before is not None:
            self._held.add(held)
            self._freed.update(freed)
        result.new += new
        result.updated += updated
        result.unchanged += unchanged
        if gate is not None:  # the forms its audit rows may name (audit_subjects.py)
            gate.subjects.written(inserts, replaces)
        self.writer.submit(self._write, inserts, insert_answers, replaces, replace_answers,
                           conflicts, versions)

    def _write(self, inserts, insert_answers, replaces, replace_answers, conflicts,
               versions) -> None:
        conn = self.conn
        # Every answers text is canonical already (FormRecord.stored_answers, decided as
        # each record was read, 2 us a form on the reading thread): the writer does not
        # test them again (6 us a form holding Python's lock, 0.6 s per 100k forms).
        # Updates first: one may free a paper number that a new form of the same chunk
        # takes (a form deleted, then keyed again under a new uuid), and a round's live
        # number has one holder (index response_form_number); no update takes a number a
        # new form frees (a new form frees none).
        bundle_store.replace_forms(conn, replaces, replace_answers, canonical=True)
        bundle_store.insert_forms(conn, inserts, insert_answers, canonical=True)
        bundle_store.insert_conflicts(conn, conflicts)
        bundle_store.remember_versions(conn, versions)

    def _holders(self, before: sqlite3.Connection, keys: set[tuple]) -> dict[tuple, str]:
        """`live_holders` of `keys` as the written state would answer, from HQ before
        this transaction and the bundle's earlier chunks (the module's docstring)."""
        numbers = self._held.holders(keys)  # taken by the bundle's earlier forms
        freed = self._freed
        numbers.update(bundle_store.live_holders(
            before, [key for key in keys if key not in numbers and key not in freed]))
        return numbers

    def finish(self) -> None:
        """Write the last chunk and wait for every write."""
        self.flush()
        self.close()
        self.writer.wait()

    def close(self) -> None:
        """Close the reader of HQ before this transaction (before COMMIT or ROLLBACK);
        the merge looks nothing up afterwards."""
        if self._before is not None:
            self._before.close()
            self._before = None


class HeldNumbers:
    """The (round, form number) keys held by a bundle's forms written so far: for a merge
    into an HQ holding no form, all that `bundle_store.live_holders` would find (asked
    without a query, so a chunk is decided while the writer still writes the one before);
    into an HQ holding forms, laid over HQ's own from before the import. One sorted numpy
    array of int keys (0.8 MB at 100k forms; a dict of the keys held 30 MB): a form number
    is under records.MAX_NUMBER (10**9 < 2**32)."""

    HELD = ""  # the holder of a number held: no form uuid is empty (records._ID)

    def __init__(self):
        self._rounds: dict[str, int] = {}
        self._keys = np.empty(0, dtype=np.int64)
        self._asked: dict[tuple, int] = {}  # the codes of the keys `holders` was last asked

    def _codes(self, keys) -> np.ndarray:
        rounds = self._rounds
        return np.fromiter(((rounds.setdefault(round_uuid, len(rounds)) << 32) | number
                            for round_uuid, number in keys), np.int64, len(keys))

    def holders(self, keys: set[tuple]) -> dict[tuple, str]:
        """The keys among `keys` that a form written before holds (-> HELD)."""
        keys = list(keys)
        codes = self._codes(keys)
        self._asked = dict(zip(keys, codes.tolist()))  # for `add`, whose keys are among them
        held = self._keys
        if not len(held):
            return {}
        at = np.searchsorted(held, codes)  # binary search: no hashing, no sort of `held`
        found = held[np.minimum(at, len(held) - 1)] == codes
        return {key: self.HELD for key, is_held in zip(keys, found.tolist()) if is_held}

    def add(self, keys: list[tuple]) -> None:
        """The keys of a chunk's forms, once decided (each held once: a second form
        with a held key is a conflict, never written)."""
        if keys:
            asked = self._asked
            codes = np.sort(np.fromiter(map(asked.__getitem__, keys), np.int64, len(keys)))
            self._keys = np.insert(self._keys, np.searchsorted(self._keys, codes), codes)
