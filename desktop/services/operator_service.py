"""Operators: sign-in with a name and a PIN, roles, and who may do what.

A PIN is stored only as a scrypt hash (cryptography's `Scrypt`, a random 16-byte salt, the
cost parameters stored beside the hash so they can be raised later) and compared in
constant time (`hmac.compare_digest`); nothing cryptographic is written here by hand.
(`hashlib.scrypt` would need OpenSSL's `_hashlib`, which the package leaves out:
build/package_filters.py; cryptography ships its own OpenSSL for the signing keys.) Roles:
keyer, verifier, supervisor. Only a supervisor manages operators (add, role, rename, PIN
reset, deactivate, reactivate) and changes project settings (`require_supervisor`); every
change to an operator is an audit row written in the same transaction.

A project with no active operator (new, or made before operators existed) enforces no
role: the window's first sign-in creates the first supervisor, and the command line runs
as before (HQ scripts, older projects), because until someone claims the project there is
nobody whose rights could be checked; the team passphrase is the gate. Once a supervisor
exists, every protected action needs one.

Repeated wrong PINs slow down: after `FREE_TRIES` failures for a name, each further try
waits twice as long as the one before (at most `MAX_WAIT` seconds), and wrong PINs are
forgotten `FORGET_AFTER` (8) hours after the last one (services/pin_wait.py says why and
how the time is measured). The count of an operator lives in the (encrypted) project
(storage/pin_attempt_store.py) with the wall-clock time of the last wrong PIN, so closing
and reopening the program, or running the command again, does not reset the wait; a
correct PIN (or a supervisor's PIN reset) clears it.
The moment the wait begins is an audit row (`operator_pin_wait`), like every other
operator event. A name that matches no operator is counted in this service only (what was
typed into the name box may be a PIN: it is not written anywhere), and so is everything on
a project opened read-only. A clock changed while the program runs changes no wait; one
set back between two runs never makes the wait longer than its step.
"""

from __future__ import annotations

import hmac
import os
import time
from dataclasses import dataclass
from typing import Callable

from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from ..domain.plain_names import has_control
from ..domain.user_error import UserError
from ..storage import audit_store, device_secret_store, operator_store, pin_attempt_store
from ..storage.audit_store import AuditEntry
from ..storage.clock import new_uuid, utc_now
from ..storage.database import Database
from ..storage.operator_store import ROLES, OperatorRow
from .form_service import Actor
from .pin_wait import FREE_TRIES, MAX_WAIT, SinceClock, forgotten, wait_step

__all__ = ["FREE_TRIES", "MAX_WAIT", "ROLES", "Operator", "OperatorRefused",
           "OperatorService", "hash_pin", "may_change_settings", "may_verify", "pin_matches",
           "require_supervisor"]

MIN_PIN = 4
MAX_PIN = 64
MAX_NAME = 80
# scrypt cost: 2**14 x 8 x 1 needs 16 MB and a few tens of milliseconds per try.
SCRYPT_N, SCRYPT_R, SCRYPT_P, SCRYPT_LEN = 2 ** 14, 8, 1, 32


class OperatorRefused(UserError, ValueError):
    """A sign-in or an operator change was refused; the message is for the person."""


@dataclass(frozen=True)
class Operator:
    """An operator as the rest of the program sees one (never the PIN hash)."""

    id: str
    name: str
    role: str
    active: bool = True

    @property
    def is_supervisor(self) -> bool:
        return self.role == "supervisor" and self.active


def _public(row: OperatorRow) -> Operator:
    return Operator(row.id, row.name, row.role, row.active)


# -- PIN hashing ---------------------------------------------------------------------------

def hash_pin(pin: str) -> tuple[bytes, bytes, str]:
    """(hash, salt, parameters) of a PIN: scrypt with a fresh random salt."""
    salt = os.urandom(16)
    params = f"scrypt:n={SCRYPT_N},r={SCRYPT_R},p={SCRYPT_P},len={SCRYPT_LEN}"
    return _scrypt(pin, salt, params), salt, params


def _scrypt(pin: str, salt: bytes, params: str) -> bytes:
    scheme, _, values = params.partition(":")
    if scheme != "scrypt":
        raise ValueError(f"unknown PIN hash scheme {scheme!r}")
    p = {k: int(v) for k, v in (item.split("=") for item in values.split(","))}
    return Scrypt(salt=salt, length=p["len"], n=p["n"], r=p["r"], p=p["p"]).derive(
        pin.encode("utf-8"))


def pin_matches(pin: str, pin_hash: bytes, salt: bytes, params: str) -> bool:
    """Whether `pin` is the one hashed (constant-time comparison)."""
    return hmac.compare_digest(_scrypt(pin, salt, params), pin_hash)


# -- who may do what -----------------------------------------------------------------------

def may_change_settings(conn, actor: Actor | None) -> bool:
    """Whether `actor` may change project settings: a signed-in active supervisor, or
    anybody while the project has no operator (see the module docstring)."""
    if not operator_store.has_operators(conn):
        return True
    operator_id = getattr(actor, "operator_id", None)
    row = operator_store.get_operator(conn, operator_id) if operator_id else None
    return row is not None and row.active and row.role == "supervisor"


def may_verify(conn, actor: Actor | None) -> bool:
    """Whether `actor` may re-key forms for verification: a signed-in active verifier or
    supervisor, or anybody while the project has no operator."""
    if not operator_store.has_operators(conn):
        return True
    operator_id = getattr(actor, "operator_id", None)
    row = operator_store.get_operator(conn, operator_id) if operator_id else None
    return row is not None and row.active and row.role in ("verifier", "supervisor")


def require_supervisor(conn, actor: Actor | None) -> None:
    """Refuse unless `may_change_settings` (the role is read from the database, not taken
    from the actor)."""
    if not may_change_settings(conn, actor):
        raise OperatorRefused("operator.not_supervisor")


# -- the service ---------------------------------------------------------------------------

class OperatorService:
    """Sign-in and operator management on one open project database."""

    def __init__(self, db: Database, actor: Actor | None = None,
                 clock: Callable[[], float] = time.time,
                 monotonic: Callable[[], float] = time.monotonic):
        self.db = db
        self.actor = actor
        self.clock = clock  # wall-clock seconds: the count outlives this process
        self._since = SinceClock(clock, monotonic)  # how long ago (services/pin_wait.py)
        # Failures not written to the project (unknown names, a read-only project):
        # casefolded name -> (count, time of the last one).
        self._failures: dict[str, tuple[int, float]] = {}

    # -- reading --------------------------------------------------------------------------
    def has_operators(self) -> bool:
        """False while nobody has claimed the project (the first sign-in creates the first
        supervisor)."""
        return operator_store.has_operators(self.db.conn)

    def operators(self) -> list[Operator]:
        """Every operator, deactivated ones last."""
        return [_public(r) for r in operator_store.list_operators(self.db.conn)]

    def get(self, operator_id: str) -> Operator | None:
        row = operator_store.get_operator(self.db.conn, operator_id)
        return _public(row) if row else None

    def active_names(self) -> list[str]:
        return [r.name for r in operator_store.list_operators(self.db.conn, False)]

    def may_change_settings(self) -> bool:
        return may_change_settings(self.db.conn, self.actor)

    # -- signing in -----------------------------------------------------------------------
    def wait_seconds(self, name: str) -> float:
        """How long `name` must wait before the next try (0 when it may try now)."""
        row = operator_store.find_active(self.db.conn, name)
        count, elapsed = self._failure_count(name, row)
        return max(0.0, wait_step(count) - elapsed)

    def _failure_count(self, name: str, row: OperatorRow | None) -> tuple[int, float]:
        """Wrong PINs in a row for `name` not yet forgotten, those stored in the project
        plus those only this service saw (see the module docstring), and the seconds since
        the last of them."""
        parts = []
        key = name.strip().casefold()
        count, last = self._failures.get(key, (0, 0.0))
        if count:
            parts.append((count, self._since.elapsed(("name", key), last)))
        if row is not None:
            stored, stored_last = pin_attempt_store.get_failures(self.db.conn, row.id)
            if stored:
                parts.append((stored, self._since.elapsed(row.id, stored_last)))
        live = [(n, elapsed) for n, elapsed in parts if not forgotten(elapsed)]
        return sum(n for n, _ in live), min((elapsed for _, elapsed in live), default=0.0)

    def sign_in(self, name: str, pin: str) -> Operator:
        """The active operator `name` when `pin` is theirs; one sentence otherwise (the
        same for an unknown name and a wrong PIN)."""
        wait = self.wait_seconds(name)
        if wait > 0:
            raise OperatorRefused("operator.wait", seconds=int(wait + 0.999))
        row = operator_store.find_active(self.db.conn, name)
        if row is None:
            hash_pin(pin)  # the same work as a real check: the timing tells nothing
            matched = False
        else:
            matched = pin_matches(pin, row.pin_hash, row.pin_salt, row.pin_params)
        if not matched or row is None:
            self._count_failure(name, row)
            raise OperatorRefused("operator.wrong_pin")
        self._failures.pop(name.strip().casefold(), None)
        if not self.db.read_only and pin_attempt_store.get_failures(self.db.conn, row.id)[0]:
            with self.db.transaction() as conn:
                pin_attempt_store.clear_failures(conn, row.id)
        return _public(row)

    def _count_failure(self, name: str, row: OperatorRow | None) -> None:
        """One more wrong PIN for `name`: stored in the project for an operator (with an
        audit row when the wait begins), in this service otherwise."""
        now = self.clock()
        if row is None or self.db.read_only:
            key = name.strip().casefold()
            count, last = self._failures.get(key, (0, 0.0))
            if count and forgotten(self._since.elapsed(("name", key), last)):
                count = 0
            self._failures[key] = (count + 1, now)
            self._since.mark(("name", key), now)
            return
        with self.db.transaction() as conn:
            stored, last = pin_attempt_store.get_failures(conn, row.id)
            if stored and forgotten(self._since.elapsed(row.id, last)):
                pin_attempt_store.clear_failures(conn, row.id)  # this one is the first again
            count = pin_attempt_store.record_failure(conn, row.id, now)
            self._since.mark(row.id, now)
            if count == FREE_TRIES:
                audit_store.write_audit(conn, [AuditEntry(
                    "operator_pin_wait", self.actor.operator if self.actor else "?",
                    self._device(conn), question_id=row.id, old=row.name,
                    new=f"{count} wrong PINs in a row")], utc_now())

    def _device(self, conn) -> str:
        """The device an event without a signed-in actor is audited under: this laptop's
        copy of the project (its audit chain), or '' where there is none (HQ, scripts)."""
        if self.actor is not None and self.actor.device:
            return self.actor.device
        secret = device_secret_store.get_device_secret(conn)
        return secret.device_id if secret is not None else ""

    # -- managing -------------------------------------------------------------------------
    def create_first_supervisor(self, name: str, pin: str, pin_again: str | None = None) -> Operator:
        """Claim a project that has no operator yet: its first supervisor."""
        if self.has_operators():
            raise OperatorRefused("operator.already_claimed")
        return self._add(name, "supervisor", pin, pin_again, check_rights=False)

    def add(self, name: str, role: str, pin: str, pin_again: str | None = None) -> Operator:
        """A new operator (supervisors only)."""
        return self._add(name, role, pin, pin_again, check_rights=True)

    def set_role(self, operator_id: str, role: str) -> Operator:
        row = self._target(operator_id)
        self._check_role(role)
        if row.role == role:
            return _public(row)
        if row.role == "supervisor":
            self._keep_a_supervisor(row)
        return self._update(row, "operator_role", f"{row.role} -> {role}", role=role)

    def rename(self, operator_id: str, name: str) -> Operator:
        row = self._target(operator_id)
        name = self._check_name(name, except_id=row.id)
        if name == row.name:
            return _public(row)
        return self._update(row, "operator_rename", f"{row.name} -> {name}", name=name)

    def reset_pin(self, operator_id: str, pin: str, pin_again: str | None = None) -> Operator:
        row = self._target(operator_id)
        self._check_pin(pin, pin_again)
        pin_hash, salt, params = hash_pin(pin)
        with self.db.transaction() as conn:  # a new PIN starts without a wait
            pin_attempt_store.clear_failures(conn, row.id)
            return self._update(row, "operator_pin", "PIN reset", pin_hash=pin_hash,
                                pin_salt=salt, pin_params=params)

    def deactivate(self, operator_id: str) -> Operator:
        """The operator can no longer sign in; their forms keep their id."""
        row = self._target(operator_id)
        if not row.active:
            return _public(row)
        if row.role == "supervisor":
            self._keep_a_supervisor(row)
        return self._update(row, "operator_deactivate", "inactive", active=False)

    def reactivate(self, operator_id: str, name: str | None = None) -> Operator:
        """A deactivated operator may sign in again, with the PIN they had; `name` (when
        given) replaces theirs, for when another active operator has taken it meanwhile."""
        row = self._target(operator_id)
        if row.active:
            return _public(row)
        name = self._check_name(row.name if name is None else name)
        columns: dict[str, object] = {"active": True}
        what = "active"
        if name != row.name:
            columns["name"] = name
            what = f"active as {name}"
        with self.db.transaction() as conn:  # wrong PINs from before do not carry over
            pin_attempt_store.clear_failures(conn, row.id)
            return self._update(row, "operator_reactivate", what, **columns)

    # -- inside ---------------------------------------------------------------------------
    def _add(self, name: str, role: str, pin: str, pin_again: str | None,
             check_rights: bool) -> Operator:
        self._check_role(role)
        name = self._check_name(name)
        self._check_pin(pin, pin_again)
        pin_hash, salt, params = hash_pin(pin)
        now = utc_now()
        row = OperatorRow(new_uuid(), name, role, pin_hash, salt, params, True, now, now)
        with self.db.transaction() as conn:
            if check_rights:
                require_supervisor(conn, self.actor)
            elif operator_store.has_operators(conn):
                raise OperatorRefused("operator.already_claimed")
            if operator_store.find_active(conn, name) is not None:
                raise OperatorRefused("operator.name_taken", name=name)
            operator_store.insert_operator(conn, row)
            device = self.actor.device if self.actor else ""
            by = self.actor if check_rights and self.actor else Actor(name, device, row.id)
            audit_store.write_audit(conn, [AuditEntry(
                "operator_add", by.operator, by.device, question_id=row.id,
                new=f"{name} ({role})")], now)
        return _public(row)

    def _update(self, row: OperatorRow, action: str, what: str, **columns: object) -> Operator:
        now = utc_now()
        with self.db.transaction() as conn:
            require_supervisor(conn, self.actor)
            operator_store.update_operator(conn, row.id, now, **columns)
            audit_store.write_audit(conn, [AuditEntry(
                action, self.actor.operator if self.actor else "?",
                self.actor.device if self.actor else "", question_id=row.id,
                old=row.name, new=what)], now)
        return self.get(row.id)  # type: ignore[return-value]

    def _target(self, operator_id: str) -> OperatorRow:
        require_supervisor(self.db.conn, self.actor)
        row = operator_store.get_operator(self.db.conn, operator_id)
        if row is None:
            raise OperatorRefused("operator.unknown")
        return row

    def _keep_a_supervisor(self, row: OperatorRow) -> None:
        if row.active and operator_store.count_active_supervisors(self.db.conn) <= 1:
            raise OperatorRefused("operator.last_supervisor", name=row.name)

    @staticmethod
    def _check_role(role: str) -> None:
        if role not in ROLES:
            raise OperatorRefused("operator.bad_role", role=role)

    def _check_name(self, name: str, except_id: str | None = None) -> str:
        name = " ".join(name.split())
        if not name or len(name) > MAX_NAME:
            raise OperatorRefused("operator.name_needed", n=MAX_NAME)
        if has_control(name):
            raise OperatorRefused("operator.name_control")
        other = operator_store.find_active(self.db.conn, name)
        if other is not None and other.id != except_id:
            raise OperatorRefused("operator.name_taken", name=name)
        return name

    @staticmethod
    def _check_pin(pin: str, pin_again: str | None) -> None:
        if not (MIN_PIN <= len(pin) <= MAX_PIN) or pin.strip() != pin:
            raise OperatorRefused("operator.short_pin", n=MIN_PIN, most=MAX_PIN)
        if pin_again is not None and pin_again != pin:
            raise OperatorRefused("operator.pins_differ")
