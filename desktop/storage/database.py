"""`Database`: one open project file (a survey campaign), migrated and ready.

Opening checks the schema version through a read-only connection first, so a file from a
newer program is refused without a single byte changed; then it connects with the
project's pragmas and applies any pending migrations (after a backup copy).
"""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from .connection import (DatabaseDriverError, DriverError, IntegrityError, WrongKeyError,
                         connect, connect_raw, is_plaintext_file, read_snapshot, transaction)

__all__ = ["Database", "DatabaseError", "DatabaseLocator", "EncryptedDatabaseError",
           "IntegrityError", "PlaintextDatabaseError", "forget_key", "remember_key"]

# The keys unlocked in this process, by resolved file path: a command unlocks its --db
# once and every later open of that path (a worker, a service opening by path) finds the
# key. Nothing is written anywhere; the process ends, the keys are gone.
_UNLOCKED: dict[Path, bytes] = {}


def remember_key(path: str | Path, key: bytes) -> None:
    """Let later opens of `path` by path alone use `key`."""
    _UNLOCKED[Path(path).resolve()] = key


def forget_key(path: str | Path) -> None:
    _UNLOCKED.pop(Path(path).resolve(), None)
from .migrations import SCHEMA_VERSION, SchemaTooNewError, backup_copy, current_version, migrate


class DatabaseError(RuntimeError):
    """A file that cannot be opened as a project database; the message is for people."""


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

    def __init__(self, conn: sqlite3.Connection, path: Path | None,
                 locator: DatabaseLocator | None = None):
        self.conn = conn
        self.path = path
        self.locator = locator or DatabaseLocator(path)
        self._utils = None

    @property
    def utils(self):
        """A `sqlite_utils.Database` over the connection, imported on first use: importing
        sqlite_utils pulls in pandas when it is installed (0.6 s), too slow for start-up."""
        if self._utils is None:
            import sqlite_utils
            self._utils = sqlite_utils.Database(self.conn)
        return self._utils

    @classmethod
    def open(cls, target: "str | Path | DatabaseLocator",
             check_same_thread: bool = True) -> "Database":
        """Open (creating if needed) and migrate `target` (a path or a `DatabaseLocator`);
        ':memory:' gives a scratch one."""
        locator = DatabaseLocator.of(target)
        if locator.path is None:
            conn = connect(":memory:", check_same_thread)
            migrate(conn, None)
            return cls(conn, None, locator)
        path = locator.path
        if path.exists() and path.stat().st_size > 0:
            _refuse_newer(locator)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = connect(path, check_same_thread, locator.key)
            migrate(conn, path, key=locator.key)
        except WrongKeyError as exc:
            raise EncryptedDatabaseError(f"{path} could not be unlocked with this key.") \
                from exc
        except DatabaseDriverError as exc:
            raise DatabaseError(f"{path} is not a RiskMap database or is damaged ({exc}).") \
                from exc
        return cls(conn, path, locator)

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
        """A consistent copy of the open database through the SQLite backup API."""
        return backup_copy(self.conn, Path(target), self.locator.key)

    @property
    def schema_version(self) -> int:
        return current_version(self.conn)

    def close(self) -> None:
        self.conn.close()


def _refuse_newer(locator: DatabaseLocator) -> None:
    path = locator.path
    assert path is not None
    plaintext = is_plaintext_file(path)
    if locator.key is None and not plaintext:
        raise EncryptedDatabaseError(
            f"{path} is not a RiskMap database or is damaged (or it is encrypted, and "
            "opening it needs the team passphrase).")
    if locator.key is not None and plaintext:
        raise PlaintextDatabaseError(
            f"{path} is not encrypted yet; convert it before opening it with a key.")
    try:
        probe = connect_raw(f"file:{path}?mode=ro", locator.key, uri=True)
    except WrongKeyError as exc:
        raise EncryptedDatabaseError(f"{path} could not be unlocked with this key.") from exc
    except DriverError as exc:
        raise DatabaseError(f"{path} cannot be opened ({exc}).") from exc
    try:
        found = current_version(probe)
    except DatabaseDriverError as exc:
        raise DatabaseError(f"{path} is not a RiskMap database or is damaged ({exc}).") from exc
    finally:
        probe.close()
    if found > SCHEMA_VERSION:
        raise SchemaTooNewError(path, found)
