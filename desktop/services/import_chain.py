"""`AuditChain`: a bundle's audit rows checked against HQ's hash chain as the import streams
them (services/import_gate.py is the rest of HQ's door; import_audit.py feeds the rows).

Each device's rows must verify against their own hash, link to the row before them, and
start where the last row HQ holds of that device's chain ends; a restored copy's rows may
branch (the signer's own, `may_branch`), and so may a relayed laptop's rows brought by the
office that relays it. A row HQ holds already must be the same row. Any break refuses the
bundle (`audit_chain`, with the problem in the user's language).
"""

from __future__ import annotations

import sqlite3
from typing import Callable, Iterable

from ..bundle.errors import BundleError
from ..domain.phrase import Phrase
from ..storage import audit_chain, bundle_store, device_store


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
