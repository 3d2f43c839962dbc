"""HQ's register of enrolled field laptops (`riskmap devices`, the Import view).

Enrolment replaces trust on first use: the analyst compares the fingerprint a laptop shows
(`riskmap keys device`, Settings, About, or its enrolment card) with the one HQ was sent,
out of band, and only then trusts it. Enrolling and revoking are audited acts.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..domain.plain_names import has_control
from ..domain.user_error import UserError
from ..storage import device_store
from ..storage.audit_store import AuditEntry, write_audit
from ..storage.clock import utc_now
from ..storage.database import Database
from ..storage.device_store import EnrolledDevice
from . import round_makers
from .device_identity import own_device_id
from .round_makers import MadeRound

_HEX32 = re.compile(r"^[0-9a-f]{32}$")


class DeviceRefused(UserError, ValueError):
    """A register change that was not made; a catalogue key (`device.*`) + fields say why
    and what to do, in English and Spanish."""


def normalise_fingerprint(text: str) -> str:
    """'ab12 cd34 ...' or 'AB12CD34...' -> 32 lower-case hex digits (DeviceRefused else)."""
    compact = re.sub(r"[\s:-]", "", text or "").lower()
    if not _HEX32.match(compact):
        raise DeviceRefused("device.bad_fingerprint", text=text)
    return compact


def display_fingerprint(compact: str) -> str:
    """32 hex digits -> 8 groups of 4, as the laptop shows it."""
    return " ".join(compact[i:i + 4] for i in range(0, len(compact), 4))


def enrol_command(fingerprint: str, db_path: str | Path = "HQ.db") -> str:
    """The command that enrols a device, for refusal messages."""
    return f'riskmap devices trust --db {db_path} "{display_fingerprint(fingerprint)}"'


def list_devices(db: Database) -> list[EnrolledDevice]:
    return device_store.devices(db.conn)


def trust_device(db: Database, fingerprint: str, name: str = "",
                 operator: str = "analyst", made: list[MadeRound] | None = None
                 ) -> EnrolledDevice:
    """Enrol a fingerprint (audited); enrolling an enrolled device again is refused. The
    rounds HQ holds that this key made, whose maker was not known, become its own (each
    audited, `round_maker_found`); they are appended to `made` when given."""
    compact = normalise_fingerprint(fingerprint)
    if has_control(name):
        raise DeviceRefused("device.name_control")
    with db.transaction() as conn:
        existing = device_store.get_device(conn, compact)
        if existing is not None:
            key = "device.already_revoked" if not existing.active else "device.already_enrolled"
            raise DeviceRefused(key, device=display_fingerprint(compact))
        now = utc_now()
        device_store.enrol(conn, compact, name, now, operator)
        own = own_device_id(conn)
        found = round_makers.found_on_enrol(conn, compact, now)
        write_audit(conn, [AuditEntry("device_enrol", operator, own,
                                      new=display_fingerprint(compact), reason=name or None)]
                    + [AuditEntry("round_maker_found", operator, own, old=r.brought_by,
                                  new=f"{display_fingerprint(compact)} made round "
                                      f"{r.round_uuid}", reason=r.round_name)
                       for r in found], now)
        if made is not None:
            made.extend(found)
        return device_store.get_device(conn, compact)


def revoke_device(db: Database, fingerprint: str, reason: str = "",
                  operator: str = "analyst") -> tuple[EnrolledDevice, int]:
    """Revoke an enrolled device (audited); returns it and how many of its forms HQ keeps."""
    compact = normalise_fingerprint(fingerprint)
    with db.transaction() as conn:
        existing = device_store.get_device(conn, compact)
        if existing is None:
            raise DeviceRefused("device.not_enrolled", device=display_fingerprint(compact))
        if not existing.active:
            raise DeviceRefused("device.revoked_on", device=display_fingerprint(compact),
                                date=existing.revoked)
        now = utc_now()
        kept = device_store.revoke(conn, compact, now, operator, reason)
        write_audit(conn, [AuditEntry("device_revoke", operator, own_device_id(conn),
                                      old=display_fingerprint(compact),
                                      new=f"{kept} forms kept", reason=reason or None)], now)
        return device_store.get_device(conn, compact), kept
