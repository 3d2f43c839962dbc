"""Whose round is it: HQ holds a bundle of one device that adds or changes forms in a round
another device brought (docs/bundles.md "Whose round is it").

A round is identified by its uuid, and a post that learnt another post's round uuid could
make a round of that uuid in its own project and key into it: its signed bundle then
added flattering forms to the other post's round at HQ, or replaced its forms. So HQ
records the device whose bundle first brought each round (its origin, schema
V17_ROUND_ORIGIN) and, for a round whose uuid names the key that made it, that key (its
maker, V18_ROUND_MAKER, services/round_makers.py: the round is the maker's once its key
has signed a bundle here, whoever brought it first), and a bundle of another device
that would add, change, delete, move or contest a form of that round is held, nothing
imported, with one sentence saying which round and whose it is, and how HQ allows a
second laptop of the same team into it
(`riskmap devices allow`, an audited act; the Import view's "Allow in round..." does the
same). Re-sending a form unchanged changes nothing and is never held.

The import asks one `RoundGate` per bundle: one query for every round's origin and one
for the rounds the device was allowed into, before the first form. The merge tests each
form's round against the gate's set of writable rounds, the test it made already against
the rounds HQ holds, so nothing per form is looked up (services/import_merge.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable, NoReturn

from ..bundle.errors import BundleError
from ..domain.plain_names import has_control
from ..domain.user_error import UserError
from ..storage import device_store, round_origin_store
from ..storage.audit_store import AuditEntry, write_audit
from ..storage.clock import utc_now
from ..storage.database import Database
from ..storage.round_origin_store import SharedRound
from . import round_makers
from .audit_subjects import AuditSubjects
from .device_identity import own_device_id

__all__ = ["RoundAllowRefused", "RoundGate", "SharedRound", "allow_command",
           "allow_device", "origin_summary", "shared_rounds"]


class RoundAllowRefused(UserError, ValueError):
    """HQ did not allow a device into a round; a catalogue key (`round_allow.*`) says why."""


def allow_command(device_id: str, round_name: str, db_label: str = "HQ.db") -> str:
    """The command that allows `device_id` into a round, for the held bundle's sentence."""
    quoted = round_name.replace('"', '\\"')
    return f'riskmap devices allow --db {db_label} {device_id} --round "{quoted}"'


class RoundGate:
    """The rounds one bundle's device may add or change forms in: those its key made
    (domain/round_maker.py), those of no known maker it brought first, those this bundle
    brings, those HQ allowed it into. `writable` is the set the merge tests; `refuse`
    raises the held bundle's sentence for a round outside it. `fingerprint`: the enrolled
    key that signed the bundle (32 hex digits)."""

    def __init__(self, conn, device_id: str, db_label: str = "HQ.db",
                 fingerprint: str | None = None):
        self.device_id = device_id
        self.fingerprint = fingerprint
        self.db_label = db_label
        self._rounds = round_origin_store.round_origins(conn)  # uuid -> (name, origin)
        self._makers = round_origin_store.round_makers(conn)  # uuid -> maker fingerprint
        # Makers whose key signed a bundle here: fingerprint -> device id. A maker that
        # never did (a laptop HQ enrolled whose rounds a regional HQ relays) leaves its
        # rounds to the device that brought them first, until its own first bundle.
        self._spoken = device_store.bound_device_ids(conn)
        self._new: set[str] = set()  # rounds this bundle brings (rolled back if held)
        self.writable: set[str] = {uuid for uuid, (_, origin) in self._rounds.items()
                                   if self._may_write(uuid, origin)}
        self.writable |= round_origin_store.allowed_rounds(conn, device_id)
        self.subjects = AuditSubjects(device_id)  # the forms its new audit rows name

    def check_audit_rows(self, conn) -> None:
        """After the merge: hold the bundle when its new audit rows name forms of a round
        this device may not write (they would show in those forms' history), or forms
        neither HQ nor the bundle holds (services/audit_subjects.py)."""
        rounds, unknown = self.subjects.judge(conn)
        foreign = rounds - self.writable
        if foreign:
            self.refuse(*sorted(foreign), kind="foreign_round_audit")
        if unknown:
            raise BundleError("audit_unknown_forms",
                              f"{self.device_id}: {len(unknown)} forms, first {unknown[0]}",
                              device=self.device_id, forms=len(unknown))

    def _may_write(self, round_uuid: str, origin: str | None) -> bool:
        """Whether this device writes into the round by right: its key made it, or it
        brought it first and the round's maker (if any) has not spoken here."""
        maker = self._makers.get(round_uuid)
        if maker is not None and (maker == self.fingerprint or maker in self._spoken):
            return maker == self.fingerprint
        return origin == self.device_id

    def brought(self, conn, round_uuids: list[str], bundle_uuid: str, now: str) -> None:
        """The rounds this bundle adds to HQ: this device brought them first (their
        origin); each is writable unless another enrolled key made it."""
        if not round_uuids:
            return
        round_origin_store.record_origins(conn, round_uuids, self.device_id, bundle_uuid,
                                          now)
        makers = round_makers.find_makers(conn, round_uuids)
        round_origin_store.record_makers(conn, makers, now)
        self._makers.update(makers)
        self._new.update(round_uuids)
        self._rounds.update({uuid: (name, self.device_id) for uuid, name
                             in round_origin_store.round_names(conn, round_uuids).items()})
        self.writable.update(uuid for uuid in round_uuids
                             if self._may_write(uuid, self.device_id))

    def outside(self, round_uuid: str) -> None:
        """A form of a round outside `writable`: refused as tampered when HQ does not hold
        the round at all (the bundle carries every round of its forms); else the merge
        decides the form and calls `refuse` unless it changes nothing."""
        if round_uuid not in self._rounds:
            raise BundleError("tampered", "forms refer to rounds the bundle does not carry")

    def refuse(self, *round_uuids: str | None, kind: str = "foreign_round") -> NoReturn:
        """Hold the bundle for the first of `round_uuids` it may not write into (`kind`:
        `foreign_round` for forms, `foreign_round_audit` for audit rows)."""
        round_uuid = next(uuid for uuid in round_uuids
                          if uuid is not None and uuid not in self.writable)
        self.outside(round_uuid)
        name, origin = self._rounds[round_uuid]
        command = allow_command(self.device_id, name, self.db_label)
        detail = f"{self.device_id} -> round {round_uuid} of {origin}"
        values = dict(device=self.device_id, round=name, round_uuid=round_uuid,
                      command=command)
        maker = self._makers.get(round_uuid)
        if maker is not None and maker in self._spoken:
            made_on = self._spoken[maker]
            if round_uuid in self._new:  # its maker's bundles have not brought it yet
                raise BundleError(f"{kind}_unsent", detail, origin=made_on, **values)
            if made_on != origin:  # another device brought it first
                raise BundleError(f"{kind}_made", detail, origin=made_on,
                                  brought=origin or "", **values)
        if origin is None:
            raise BundleError(f"{kind}_here", detail, origin="", **values)
        raise BundleError(kind, detail, origin=origin, **values)


@dataclass(frozen=True)
class AllowedRound:
    round_uuid: str
    round_name: str
    origin: str | None
    device_id: str
    owner: str | None = None  # whose round it is (see `round_owner`)


def round_owner(conn, round_uuid: str, origin: str | None) -> str | None:
    """Whose round it is, as the import's gate decides (`RoundGate._may_write`) and the
    makers' lines of `riskmap check` say: the device of the key that made it once that key
    has signed a bundle here, else the device that brought it first (None: not known)."""
    maker = round_origin_store.round_makers(conn).get(round_uuid)
    made_on = device_store.bound_device_ids(conn).get(maker) if maker else None
    return made_on or origin


def allow_device(db: Database, device_id: str, round_name: str, reason: str = "",
                 operator: str = "analyst") -> AllowedRound:
    """Let `device_id` add and change forms in the round named `round_name` (HQ's name),
    as a second laptop of the team that keys it: an audited act (`round_device_allow`)."""
    device_id = (device_id or "").strip()
    if not device_id or len(device_id) > 100 or has_control(device_id):
        raise RoundAllowRefused("round_allow.bad_device", device=device_id)
    if has_control(reason):
        raise RoundAllowRefused("round_allow.reason_control")
    with db.transaction() as conn:
        found = [(uuid, origin) for uuid, (name, origin)
                 in round_origin_store.round_origins(conn).items() if name == round_name]
        if not found:
            raise RoundAllowRefused("round_allow.no_round", round=round_name)
        [(round_uuid, origin)] = found  # round names are unique (index round_name)
        owner = round_owner(conn, round_uuid, origin)
        if owner == device_id:  # its own round (its maker's, once it spoke)
            raise RoundAllowRefused("round_allow.is_origin", device=device_id,
                                    round=round_name)
        if round_origin_store.is_allowed(conn, round_uuid, device_id):
            raise RoundAllowRefused("round_allow.already", device=device_id,
                                    round=round_name)
        now = utc_now()
        round_origin_store.allow(conn, round_uuid, device_id, now, operator, reason or None)
        write_audit(conn, [AuditEntry("round_device_allow", operator, own_device_id(conn),
                                      old=origin, new=f"{device_id} in round {round_uuid}",
                                      reason=reason or None)], now)
    return AllowedRound(round_uuid, round_name, origin, device_id, owner)


def shared_rounds(conn) -> list[SharedRound]:
    """Every device HQ allowed into a round it did not bring (check, devices list), with
    whose round it is (`owner`: its maker's device once the maker spoke here)."""
    makers = round_origin_store.round_makers(conn)
    spoken = device_store.bound_device_ids(conn)
    return [replace(s, owner=spoken.get(makers.get(s.round_uuid, "")) or s.origin)
            for s in round_origin_store.shared_rounds(conn)]


def origin_summary(conn) -> tuple[int, int]:
    """(rounds whose origin HQ knows, rounds it does not)."""
    return round_origin_store.origin_counts(conn)


def recorded(rounds: Iterable[SharedRound]) -> list[dict]:
    """The allowances as `check --json` lists them."""
    return [{"round": s.round_name, "round_uuid": s.round_uuid, "origin": s.origin,
             "owner": s.owner,
             "device": s.device_id, "allowed": s.allowed, "allowed_by": s.allowed_by,
             "reason": s.reason} for s in rounds]
