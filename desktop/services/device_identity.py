"""The project's device identity: the key that signs its bundles, kept inside its database.

Every project database holds one device key (storage/device_secret_store.py): its device
id names this laptop's copy of the project, and the key is readable only once the project
is unlocked, so a copied user folder signs nothing. A new project gets a fresh key. An
existing project without one (made by a version that kept one key per laptop, in plaintext,
in the user data folder) takes over that legacy key when its forms, audit rows or exports
name the legacy device id: same device id, same fingerprint, so HQ's enrolment and pins and
the forms' device ids stay valid. The plaintext file is then removed, and an audit row
records the move. Otherwise (another project, or no legacy key) the project gets a fresh key.
See docs/at-rest.md for a laptop with several projects.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ..bundle.device_key import (KEY_FILE, DeviceKey, device_key_from_der, new_device_key,
                                 private_key_der, read_legacy_device_key,
                                 remove_legacy_device_key)
from ..storage import audit_store, device_secret_store
from ..storage.audit_store import AuditEntry
from ..storage.clock import utc_now
from ..storage.device_secret_store import DeviceSecret

log = logging.getLogger(__name__)

# The operator named in the audit row of a legacy key the program moved in by itself.
SYSTEM_OPERATOR = "riskmap"


def stored_device_key(conn) -> DeviceKey | None:
    """The project's device key, or None when it has none yet."""
    secret = device_secret_store.get_device_secret(conn)
    return device_key_from_der(secret.device_id, secret.private_key_der) if secret else None


def create_device_key(conn) -> DeviceKey:
    """Give a project without a key a fresh one (inside the caller's transaction). Its row
    says when it was made; no audit row, so a new project starts with an empty log and the
    device's hash chain starts with its first real change."""
    key = new_device_key()
    _store(conn, key, "created", audited=False)
    return key


def own_device_id(conn) -> str:
    """The device id the project writes its own audit rows under (HQ's enrolments,
    imports, adoptions): its key's id, the key made when it has none (inside the caller's
    transaction). So two headquarters never write one chain under the same name, and one
    HQ's export imports at another."""
    return (stored_device_key(conn) or create_device_key(conn)).device_id


def has_device_key(target) -> bool:
    """Whether the project at `target` (a path or locator) holds a device key already
    (read-only: nothing is written, not even to an older file)."""
    from .workspace import open_database
    db = open_database(target, read_only=True)
    try:
        return stored_device_key(db.conn) is not None
    finally:
        db.close()


def ensure_device_key(db, legacy_folder: str | Path | None) -> DeviceKey:
    """The project's device key, made (or moved in from `legacy_folder`) when it has none."""
    key = stored_device_key(db.conn)
    if key is not None:
        return key
    legacy = read_legacy_device_key(legacy_folder) if legacy_folder is not None else None
    with db.transaction() as conn:
        key = stored_device_key(conn)  # another connection may have made it meanwhile
        if key is not None:
            return key
        if legacy is not None and device_secret_store.device_id_in_use(conn, legacy.device_id):
            _store(conn, legacy, "imported", audited=True)
            key = legacy
        else:
            key = create_device_key(conn)
    if key is legacy:
        # Only once the key is committed inside the project is the plaintext copy removed.
        remove_legacy_device_key(legacy_folder)
        log.info("device key %s moved into %s; the plaintext key file was removed",
                 key.device_id, db.path)
    return key


def _store(conn, key: DeviceKey, origin: str, audited: bool) -> None:
    device_secret_store.put_device_secret(
        conn, DeviceSecret(key.device_id, private_key_der(key), utc_now(), origin))
    if audited:
        audit_store.write_audit(conn, [AuditEntry(
            f"device_key_{origin}", SYSTEM_OPERATOR, key.device_id,
            new=key.fingerprint.replace(" ", ""),
            reason=f"moved from the plaintext {KEY_FILE} of the user data folder")])


def project_device_key(target) -> DeviceKey:
    """The device key of the project at `target` (a path or locator), opened for writing so
    a project without one gets it; the project is closed again."""
    from .workspace import Workspace
    project = Workspace.open(target)
    try:
        return project.device_key
    finally:
        project.close()
