"""Helpers for bundle tests (imported by the tests and by conftest.py)."""

from __future__ import annotations

import hashlib
import io
import sqlite3
import zipfile
from pathlib import Path

from desktop.bundle import age_crypto
from trust_helpers import import_trusted
from desktop.storage.database import Database


def make_hq_db(path: Path) -> Path:
    """An empty HQ database (migrated, checkpointed)."""
    Database.open(path).close()
    return path


def import_into(db: Path, keys, *bundles: Path):
    return import_trusted(db, keys.identity_path, list(bundles))


def db_state(path: Path) -> tuple[str, str]:
    """(sha256 of the file bytes, sha256 of a full SQL dump) of a closed database (an
    encrypted one through the key this process unlocked)."""
    from desktop.storage.connection import connect_raw
    from desktop.storage.database import DatabaseLocator
    conn = connect_raw(path, DatabaseLocator.of(path).key)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    from sqlite3.dump import _iterdump  # the standard dump, on either driver's connection
    dump = "\n".join(_iterdump(conn))
    conn.close()
    return hashlib.sha256(path.read_bytes()).hexdigest(), hashlib.sha256(dump.encode()).hexdigest()


def identities(keys):
    return age_crypto.load_identities(keys.identity_path)


def resigned(members: dict[str, bytes], keys, device_key, path: Path) -> Path:
    """The members as they are and the manifest signed as it is (its member hashes not
    updated), zipped and encrypted to `path`: what a tamperer makes who changed members
    after signing."""
    from desktop.bundle.manifest import MANIFEST, SIGNATURE
    members[SIGNATURE] = device_key.sign(members[MANIFEST])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    path.write_bytes(age_crypto.encrypt(buffer.getvalue(),
                                        age_crypto.parse_recipients(keys.recipient)))
    return path
