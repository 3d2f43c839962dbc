"""`Database`: one open project file (a survey campaign), migrated and ready.

Opening checks the file first through its header and a read-only connection (see
file_check): an empty file, a file that is not SQLite, another program's database and a
file from a newer program are refused without a single byte changed. Then it connects with
the project's pragmas and applies any pending migrations (after a backup copy). A new file
is built under a temporary name and linked into place. `read_only=True` never writes at
all: no migration (an older schema is migrated in a copy in memory), no WAL switch, and it
works on read-only files, folders and disks.

A `DatabaseLocator` names a file and its raw SQLCipher key (None: plaintext); a key
unlocked earlier in this process (`remember_key`) is found for a bare path too.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from ..domain.user_error import translate
from .connection import (DriverError, IntegrityError, OperationalError, WrongKeyError, connect,
                         is_plaintext_file, read_snapshot, transaction)
from .file_check import (
    DatabaseError, connect_read_only, create_new, header_application_id, identify,
)
from .migrations import SCHEMA_VERSION, SchemaTooNewError, backup_copy, current_version, migrate

__all__ = ["Database", "DatabaseError", "DatabaseLocator", "EncryptedDatabaseError",
           "IntegrityError", "PlaintextDatabaseError", "SchemaTooNewError", "forget_key",
           "is_plaintext_file", "remember_key"]

# An older plaintext file opened read-only is migrated in a copy in memory (reading never
# writes the file) up to this size; a larger one must be opened once for writing first.
MIGRATE_IN_MEMORY_MAX_BYTES = 512 * 1024 * 1024

# The keys unlocked in this process, by resolved file path: a command unlocks its --db
# once and every later open of that path (a worker, a service opening by path) finds the
# key. Nothing is written anywhere; the process ends, the keys are gone.
_UNLOCKED: dict[Path, bytes] = {}


def remember_key(path: str | Path, key: bytes) -> None:
    """Let later opens of `path` by path alone use `key`."""
    _UNLOCKED[Path(path).resolve()] = key


def unlocked_key(path: str | Path) -> bytes | None:
    """The key this process unlocked for `path`, if any."""
    return _UNLOCKED.get(Path(path).resolve())


def forget_key(path: str | Path) -> None:
    _UNLOCKED.pop(Path(path).resolve(), None)


class EncryptedDatabaseError(DatabaseError):
    """The file is encrypted and no key (or the wrong one) was given."""


class PlaintextDatabaseError(DatabaseError):
    """A key was given for a file that is still plaintext (convert it first)."""


@dataclass(frozen=True)
class DatabaseLocator:
    """Where a project database is and how to open it: the file (None: in memory) and its
    raw 32-byte database key (None: a plaintext file)."""

    path: Path | None
    key: bytes | None = None

    @classmethod
    def of(cls, target: "str | Path | DatabaseLocator") -> "DatabaseLocator":
        """A locator for a locator, a path, or ':memory:'."""
        if isinstance(target, DatabaseLocator):
            return target
        if str(target) == ":memory:":
            return cls(None)
        path = Path(target)
        return cls(path, _UNLOCKED.get(path.resolve()))

    def __repr__(self) -> str:  # never print the key
        return f"DatabaseLocator({self.path!s}, key={'set' if self.key else 'none'})"


class Database:
    """An open project database. Use `Database.open(path)`; close with `close()`."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None, read_only: bool = False,
                 file_version: int | None = None, locator: DatabaseLocator | None = None):
        self.conn = conn
        self.path = path
        self.locator = locator or DatabaseLocator(path)
        self.read_only = read_only
        # The schema version of the file itself (a read-only open of an older file works
        # on a migrated copy in memory, whose version is SCHEMA_VERSION).
        self.file_version = file_version

    @classmethod
    def open(cls, target: "str | Path | DatabaseLocator", check_same_thread: bool = True,
             read_only: bool = False,
             on_create: Callable[[sqlite3.Connection], None] | None = None) -> "Database":
        """Open (creating if needed) and migrate `target` (a path or a `DatabaseLocator`);
        ':memory:' gives a scratch one. With `read_only`, open an existing file for
        inspection without writing anything. `on_create` fills a new file before it
        appears under its name (so a second process never sees it half-made)."""
        locator = DatabaseLocator.of(target)
        if locator.path is None:
            conn = connect(":memory:", check_same_thread)
            migrate(conn, None)
            return cls(conn, None, locator=locator)
        path, key = locator.path, locator.key
        if read_only:
            return cls._open_read_only(locator, check_same_thread)
        with _user_errors(path):
            if path.exists():
                found = _inspect(locator)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                def build(conn: sqlite3.Connection) -> None:
                    migrate(conn, None)
                    if on_create is not None:
                        with transaction(conn):
                            on_create(conn)

                create_new(path, build, lambda temp: connect(temp, check_same_thread, key))
                found = SCHEMA_VERSION
            conn = connect(path, check_same_thread, key)
            try:
                migrate(conn, path, key=key)
            except BaseException:
                conn.close()
                raise
        return cls(conn, path, file_version=found, locator=locator)

    @classmethod
    def _open_read_only(cls, locator: DatabaseLocator, check_same_thread: bool) -> "Database":
        path = locator.path
        with _user_errors(path):
            if not path.exists():
                raise DatabaseError("db_missing", path=path)
            _check_header(locator)
            conn = connect_read_only(path, check_same_thread, locator.key)
            try:
                found = identify(conn, path)
                if found > SCHEMA_VERSION:
                    raise SchemaTooNewError(path, found)
                if found < SCHEMA_VERSION:
                    if locator.key is not None or _too_big_to_copy(path):
                        raise DatabaseError("db_older_schema", path=path)
                    conn = _migrated_copy(conn, check_same_thread)
            except BaseException:
                conn.close()
                raise
        return cls(conn, path, read_only=True, file_version=found, locator=locator)

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """An IMMEDIATE transaction on this connection (nested calls join it)."""
        return transaction(self.conn)

    def read_snapshot(self) -> AbstractContextManager[sqlite3.Connection]:
        """A read transaction: every query inside sees one consistent state."""
        return read_snapshot(self.conn)

    def set_cache_kib(self, kib: int) -> None:
        """Let this connection keep up to `kib` KiB of pages in memory (a big merge)."""
        self.conn.execute(f"PRAGMA cache_size={-abs(int(kib))}")

    def backup_to(self, target: str | Path) -> Path:
        """A consistent copy of the open database through the SQLite backup API (an
        encrypted database is copied encrypted with the same key)."""
        return backup_copy(self.conn, Path(target), self.locator.key)

    @property
    def schema_version(self) -> int:
        return current_version(self.conn)

    def close(self) -> None:
        self.conn.close()


def _check_header(locator: DatabaseLocator) -> None:
    """A plaintext file must carry our header; an encrypted one looks random."""
    path = locator.path
    if locator.key is None or path.stat().st_size == 0:
        header_application_id(path)
    elif is_plaintext_file(path):
        raise PlaintextDatabaseError("db_not_encrypted_yet", path=path)


def _inspect(locator: DatabaseLocator) -> int:
    """The schema version of an existing file, refusing anything that is not ours (or is
    newer) before the file is opened for writing."""
    path = locator.path
    _check_header(locator)
    probe = connect_read_only(path, key=locator.key)
    try:
        found = identify(probe, path)
    finally:
        probe.close()
    if found > SCHEMA_VERSION:
        raise SchemaTooNewError(path, found)
    return found


def _too_big_to_copy(path: Path) -> bool:
    """Whether an older plaintext file is too large to migrate in a copy in memory (an HQ
    file of a million forms is 4 GB: a read would take that much memory)."""
    return path.stat().st_size > MIGRATE_IN_MEMORY_MAX_BYTES


def _migrated_copy(conn: sqlite3.Connection, check_same_thread: bool) -> sqlite3.Connection:
    """An in-memory copy of an older database, migrated, so reading never writes the file."""
    copy = sqlite3.connect(":memory:", isolation_level=None,
                           check_same_thread=check_same_thread)
    copy.row_factory = sqlite3.Row
    try:
        conn.backup(copy)
    finally:
        conn.close()
    migrate(copy, None)
    copy.execute("PRAGMA query_only=ON")
    return copy


@contextmanager
def _user_errors(path: Path) -> Iterator[None]:
    """Failures of opening `path` as sentences for people (the cause stays chained)."""
    try:
        yield
    except WrongKeyError as exc:
        raise EncryptedDatabaseError("db_wrong_key", path=path) from exc
    except (*DriverError, OSError) as exc:
        raise _as_user_error(exc, path) from exc


def _as_user_error(exc: BaseException, path: Path) -> BaseException:
    """A sentence naming `path` for a database or file failure (the cause stays chained)."""
    if isinstance(exc, DatabaseError):
        return exc
    detail = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, OperationalError) and path.exists() and not (
            os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        # SQLite says "unable to open database file" when it cannot make the -wal file.
        return DatabaseError("db_read_only", path=path, detail=detail)
    error = translate(exc, path)
    if error is None:
        return DatabaseError("cannot_open", path=path, detail=detail)
    return DatabaseError(error.key or "cannot_open", detail=error.detail, **error.params)
