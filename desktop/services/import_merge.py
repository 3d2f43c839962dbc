"""`FormMerger`: HQ's merge of a bundle's forms, fed one form at a time and written in
chunks, so a bundle of any size merges in a bounded amount of memory.

Each form is decided against HQ's current version (new, update, unchanged or conflict,
see bundle/merge.py) and the paper form numbers already used in its round; a chunk of
CHUNK forms is looked up with one query and written with bulk INSERTs (bulk_rows.py).
Runs inside the import's one transaction: a refusal later in the bundle rolls back every
chunk already written.

A chunk's writes go to the import's `ImportWriter` (a second thread when the import runs
in the background) while the caller reads and checks the next chunk; every call that
touches the connection here first waits for the writer.
"""

from __future__ import annotations

import operator
import sqlite3

from ..bundle.errors import BundleError
from ..bundle.merge import Decision, Version, decide
from ..bundle.records import FORM_FIELDS, FormRecord, canonical_answers_text, content_sha256
from ..storage import bundle_store, response_store
from .import_writer import ImportWriter

CHUNK = 5000
_form_row = operator.itemgetter(*FORM_FIELDS)


class FormMerger:
    """Decides and writes the forms of one bundle; `audit` collects HQ's audit rows
    (action, uuid, old, new) of updates and conflicts, written by the caller."""

    def __init__(self, conn: sqlite3.Connection, result, device_id: str, bundle_uuid: str,
                 now: str, late: bool, rounds: set[str], writer: ImportWriter | None = None,
                 branch: bool = False):
        self.conn = conn
        self.result = result
        self.device_id = device_id
        self.bundle_uuid = bundle_uuid
        self.now = now
        self.late = late
        self.branch = branch  # a restored copy's bundle numbered again (bundle/merge.py)
        self.rounds = rounds  # uuids of the rounds HQ holds (the bundle's included)
        # The first import into a new HQ database decides every form without a lookup.
        self.empty = not response_store.has_forms(conn)
        self.audit: list[tuple] = []
        self._chunk: list[FormRecord] = []
        self.writer = writer or ImportWriter()

    def add(self, record: FormRecord) -> None:
        if record.fields["round_uuid"] not in self.rounds:
            raise BundleError("tampered", "forms refer to rounds the bundle does not carry")
        self._chunk.append(record)
        if len(self._chunk) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        """Decide and write the forms added since the last flush."""
        forms, self._chunk = self._chunk, []
        if not forms:
            return
        self.writer.wait()  # the connection is ours again
        conn, result = self.conn, self.result
        existing = {} if self.empty else bundle_store.existing_forms(
            conn, (r.fields["uuid"] for r in forms))
        # Who holds each paper number of the chunk now (HQ's forms and the bundle's
        # earlier chunks, all written), kept up to date as the chunk's forms are decided:
        # nothing per form outlives its chunk (a dict of every number of the bundle held
        # 30 MB at 100k forms, and pinned some 40 MB more of Python's memory pools).
        numbers = bundle_store.live_holders(
            conn, {(r.fields["round_uuid"], r.fields["form_number"]) for r in forms})
        inserts, insert_answers, replaces, replace_answers = [], [], [], []
        conflicts, versions = [], []
        new = updated = unchanged = 0
        NEW, UPDATE, CONFLICT = Decision.NEW, Decision.UPDATE, Decision.CONFLICT
        for record in forms:
            reason = ""
            fields = record.fields
            uuid = fields["uuid"]
            current = existing.get(uuid)
            current_version = None
            if current is None:
                decision = NEW  # the common case, decided without the general rule
            else:
                cur = dict(zip(FORM_FIELDS, current[0]))
                current_version = Version(cur["revision"], content_sha256(
                    cur["round_uuid"], cur["form_number"], cur["status"],
                    cur["deleted_reason"], canonical_answers_text(current[1])))
                incoming = Version(record.revision, record.sha256)
                base = None if record.base is None else Version(*record.base)
                known = bundle_store.known_versions(conn, uuid) \
                    if current_version.sha256 != record.sha256 else ()
                # Only an edit of a newer base needs the versions HQ kept as conflicts.
                set_aside = bundle_store.conflicting_versions(conn, uuid) \
                    if base is not None and base.revision > current_version.revision else ()
                decision = decide(incoming, base, current_version, known, self.late,
                                  self.branch, set_aside)
            if decision is NEW or decision is UPDATE:
                key = (fields["round_uuid"], fields["form_number"])
                holder = numbers.get(key)
                if fields["status"] != "deleted" and holder is not None and holder != uuid:
                    decision = CONFLICT
                    reason = "form_number"
                else:
                    if current is not None:
                        old = dict(zip(FORM_FIELDS, current[0]))
                        if old["status"] != "deleted":
                            numbers.pop((old["round_uuid"], old["form_number"]), None)
                    if fields["status"] != "deleted":
                        numbers[key] = uuid
            if decision is CONFLICT:
                reason = reason or ("same_revision" if current_version and
                                    record.revision == current_version.revision
                                    else "diverged")
                conflicts.append((uuid, record.revision, record.sha256, self.device_id,
                                  self.bundle_uuid, record.to_json(),
                                  current_version.revision if current_version else None,
                                  current_version.sha256 if current_version else None,
                                  reason, self.now))
                self.audit.append((
                    "import_conflict", uuid,
                    f"revision {current_version.revision}" if current_version else None,
                    f"revision {record.revision} ({reason})"))
                result.conflicting += 1
                continue
            if decision is NEW:
                inserts.append(_form_row(fields))
                insert_answers.append((uuid, record.stored_answers()))
                new += 1
            elif decision is UPDATE:
                replaces.append(_form_row(fields))
                replace_answers.append((uuid, record.stored_answers()))
                self.audit.append(("import_update", uuid,
                                   f"revision {current_version.revision}",
                                   f"revision {fields['revision']}"))
                updated += 1
            else:
                unchanged += 1
            sha, base = record.sha256, record.base
            versions.append((uuid, fields["revision"], sha))
            if base is not None:
                versions.append((uuid, base[0], base[1]))
        result.new += new
        result.updated += updated
        result.unchanged += unchanged
        self.writer.submit(self._write, inserts, insert_answers, replaces, replace_answers,
                           conflicts, versions)

    def _write(self, inserts, insert_answers, replaces, replace_answers, conflicts,
               versions) -> None:
        conn = self.conn
        # Every answers text is canonical already (FormRecord.stored_answers, decided as
        # each record was read, 2 us a form on the reading thread): the writer does not
        # test them again (6 us a form holding Python's lock, 0.6 s per 100k forms).
        bundle_store.insert_forms(conn, inserts, insert_answers, canonical=True)
        bundle_store.replace_forms(conn, replaces, replace_answers, canonical=True)
        bundle_store.insert_conflicts(conn, conflicts)
        bundle_store.remember_versions(conn, versions)

    def finish(self) -> None:
        """Write the last chunk and wait for every write."""
        self.flush()
        self.writer.wait()
