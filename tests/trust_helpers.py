"""Enrolment in tests: HQ enrols a laptop before importing its bundles, as the analyst
does after comparing the fingerprint with the laptop's (`riskmap devices trust`)."""

from __future__ import annotations

from pathlib import Path

from desktop.bundle import age_crypto
from desktop.bundle.bundle_reader import read_bundle_file, verify_bundle
from desktop.services.device_service import trust_device
from desktop.services.import_service import import_bundles
from desktop.storage import device_store
from desktop.storage.database import Database


def enrol_fingerprints(hq_db: Path, *fingerprints: str) -> None:
    db = Database.open(hq_db)
    try:
        for fingerprint in fingerprints:
            if device_store.get_device(db.conn, fingerprint.replace(" ", "")) is None:
                trust_device(db, fingerprint, "test laptop")
    finally:
        db.close()


def enrol_bundles(hq_db: Path, identity_path: Path, bundles) -> None:
    """Enrol the key that signed each bundle (bundles that do not verify are skipped:
    the import itself refuses them)."""
    identities = age_crypto.load_identities(identity_path)
    found = []
    for path in bundles:
        try:
            found.append(verify_bundle(read_bundle_file(path), identities).fingerprint)
        except Exception:  # noqa: BLE001 - a broken bundle is the import's to refuse
            continue
    enrol_fingerprints(hq_db, *found)


def import_trusted(hq_db: Path, identity_path: Path, bundles, **kwargs):
    """Enrol the devices of `bundles`, then import them."""
    enrol_bundles(hq_db, identity_path, list(bundles))
    return import_bundles(hq_db, identity_path, list(bundles), **kwargs)


def allow_in_round(hq_db: Path, device_id: str, round_name: str) -> None:
    """HQ allows a second laptop of a team into a round another laptop brought, as the
    analyst does with `riskmap devices allow` (services/round_origin.py)."""
    from desktop.services.round_origin import allow_device
    db = Database.open(hq_db)
    try:
        allow_device(db, device_id, round_name, "second laptop of the team")
    finally:
        db.close()
