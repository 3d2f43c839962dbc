"""Converting a plaintext project file (an older version's) to an encrypted one.

`sqlcipher_export` copies every table, index, trigger and the schema version into a new
encrypted file beside it; the copy is checked (integrity check, and the same number of rows
in every table as the original), and only then does it replace the plaintext file, by an
atomic rename. Until that rename the original is untouched, so a failure at any point
leaves the project as it was.
"""

from __future__ import annotations

import os
from pathlib import Path

from .connection import connect_raw, is_plaintext_file, sqlcipher


class ConversionError(RuntimeError):
    """The encrypted copy did not check out; the plaintext file was left as it was."""


def encrypt_plaintext(path: str | Path, key: bytes) -> None:
    """Replace the plaintext database at `path` by an encrypted copy with `key`."""
    path = Path(path)
    if not is_plaintext_file(path):
        raise ConversionError(f"{path} is not a plaintext SQLite file.")
    temporary = path.with_name(path.name + ".encrypting")
    for leftover in (temporary, Path(f"{temporary}-wal"), Path(f"{temporary}-shm")):
        leftover.unlink(missing_ok=True)
    plain = connect_raw(path)
    try:
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        counts = _counts(plain)
        user_version = plain.execute("PRAGMA user_version").fetchone()[0]
        application_id = plain.execute("PRAGMA application_id").fetchone()[0]
    finally:
        plain.close()
    source = sqlcipher.connect(str(path), isolation_level=None)
    try:
        source.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"",
                       (str(temporary),))
        source.execute("SELECT sqlcipher_export('encrypted')")
        source.execute(f"PRAGMA encrypted.user_version = {int(user_version)}")
        source.execute(f"PRAGMA encrypted.application_id = {int(application_id)}")
        source.execute("DETACH DATABASE encrypted")
    finally:
        source.close()
    _verify(temporary, key, counts)
    _fsync(temporary)
    os.replace(temporary, path)
    for stale in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        stale.unlink(missing_ok=True)  # the plaintext file's; empty after the checkpoint
    _fsync_folder(path.parent)


def _counts(conn) -> dict[str, int]:
    tables = [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            for table in tables}


def _verify(temporary: Path, key: bytes, expected: dict[str, int]) -> None:
    try:
        copy = connect_raw(temporary, key)
    except Exception as exc:  # noqa: BLE001 - whatever went wrong, the copy is not usable
        temporary.unlink(missing_ok=True)
        raise ConversionError(f"The encrypted copy could not be opened ({exc}).") from exc
    try:
        ok = copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        found = _counts(copy)
    finally:
        copy.close()
    if not ok or found != expected:
        temporary.unlink(missing_ok=True)
        raise ConversionError("The encrypted copy did not match the original; the original "
                              "was left as it was.")


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
