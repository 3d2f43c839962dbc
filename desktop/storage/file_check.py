"""Before a project file is opened: is it ours, and can it be read without writing?

`PRAGMA application_id` marks RiskMap databases (set at creation and when an older RiskMap
file, one with our `schema_version` table, is first migrated). `identify` reads the file
header and a read-only connection and refuses anything else (an empty file, a file that is
not SQLite, another program's database) before a single byte is written. `connect_read_only`
opens a file for inspection on read-only media: `mode=ro`, or `immutable=1` when SQLite
cannot make its shared-memory file beside it (a write-protected stick, a CD).
`create_new` makes a new database under a temporary name and links it into place, so two
processes creating the same file both end up with one complete database.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from pathlib import Path
from typing import Callable

from ..domain.user_error import UserError
from .connection import OperationalError, connect_raw, row_factory

APPLICATION_ID = 0x524D4150  # "RMAP"
SQLITE_MAGIC = b"SQLite format 3\x00"
_HEADER = 100


class DatabaseError(UserError, RuntimeError):
    """A file that cannot be opened as a project database; the sentence is for people.

    `DatabaseError("a sentence")` still works; new code passes a catalogue key and `path`."""


def header_application_id(path: Path) -> int | None:
    """The application id in the file header, or None when the file is not SQLite at all."""
    with open(path, "rb") as handle:
        header = handle.read(_HEADER)
    if len(header) == 0:
        raise DatabaseError("db_empty", path=path)
    if len(header) < _HEADER or not header.startswith(SQLITE_MAGIC):
        if looks_encrypted(path):
            raise DatabaseError("db_keys_not_beside", path=path)
        raise DatabaseError("db_not_sqlite", path=path)
    return int.from_bytes(header[68:72], "big")


_PAGE = 4096  # SQLCipher 4's page size: an encrypted project is whole pages


def looks_encrypted(path: Path) -> bool:
    """Whether a file that is not plain SQLite looks like an SQLCipher database (whole
    pages of bytes that look random), so its missing key file can be named."""
    size = path.stat().st_size
    if size < _PAGE or size % _PAGE:
        return False
    with open(path, "rb") as handle:
        page = handle.read(_PAGE)
    return len(set(page)) > 200  # random bytes: about 255 of the 256 values in a page


def identify(conn: sqlite3.Connection, path: Path) -> int:
    """The schema version of an open RiskMap file; `DatabaseError` for a foreign one."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    has_version = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' "
                               "AND name='schema_version'").fetchone()
    if app_id != APPLICATION_ID and not (app_id == 0 and has_version):
        raise DatabaseError("db_foreign", path=path, detail=f"application_id {app_id:#x}")
    if not has_version:
        return 0
    row = conn.execute("SELECT version FROM schema_version").fetchone()
    return int(row[0]) if row else 0


def connect_read_only(path: Path, check_same_thread: bool = True,
                      key: bytes | None = None) -> sqlite3.Connection:
    """A connection that can never write: `mode=ro`, falling back to `immutable=1` when
    the folder does not let SQLite create the WAL index (read-only media). With `key`,
    through SQLCipher (WrongKeyError when the key does not open it)."""
    uri = Path(os.path.abspath(path)).as_uri()
    last_error: Exception | None = None
    for mode in ("mode=ro", "immutable=1"):
        try:
            conn = connect_raw(f"{uri}?{mode}", key, check_same_thread, uri=True)
        except OperationalError as exc:
            last_error = exc
            continue
        try:
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        except OperationalError as exc:
            conn.close()
            # "unable to open database file" / "attempt to write a readonly database": a
            # WAL database in a folder where SQLite cannot make its -shm file. Anything
            # else (a lock held by a writer) must not fall back to an unguarded read.
            if not any(text in str(exc).lower() for text in ("unable to open", "readonly")):
                raise
            last_error = exc
            continue
        except BaseException:
            conn.close()
            raise
        conn.row_factory = row_factory(conn)
        conn.execute("PRAGMA query_only=ON")
        conn.execute("PRAGMA foreign_keys=ON")
        return conn
    assert last_error is not None
    raise last_error


def create_new(path: Path, build: Callable[[sqlite3.Connection], None],
               connect: Callable[[Path], sqlite3.Connection]) -> None:
    """Create the database `path` complete or not at all: `build` runs on a temporary file
    in the same folder, which is then hard-linked into place. When another process got
    there first, its database stays and ours is dropped. Folders without hard links
    (FAT sticks) get the file by rename, which is atomic too."""
    temp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}.creating")
    try:
        conn = connect(temp)
        try:
            build(conn)
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        try:
            os.link(temp, path)
        except FileExistsError:
            pass  # another process created it first: open theirs
        except OSError:
            if not path.exists():
                os.replace(temp, path)
    finally:
        for leftover in (temp, temp.with_name(temp.name + "-wal"),
                         temp.with_name(temp.name + "-shm")):
            try:
                leftover.unlink()
            except FileNotFoundError:
                pass
