"""`Workspace`: the one owner of an open project (Anki's `Collection` is the model).

It holds the database locator (path plus key) and is the only way to a connection: the
UI thread uses `workspace.db`, a worker asks `workspace.open_worker()` for a workspace on
its own connection. It builds every service, holds the typed project settings (the
minimum group size default lives in `domain.suppression`), and publishes every change
(`FormChange` from each write, a `SettingsChange` for settings, None for "many things
changed") to a plain-Python list of subscribers; the desktop's `AppContext` only forwards
them to its Qt signals. Qt-free.

The jobs live in modules of their own: opening a project file (workspace_opening.py),
its settings (workspace_settings.py) and the services it builds (workspace_services.py);
this module keeps the object that ties them together, its change events, questionnaire
versions and rounds.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..domain.questionnaire import Questionnaire
from ..domain.questionnaire_loader import parse_questionnaire
from ..domain.round_maker import new_round_uuid
from ..storage import questionnaire_store, round_store
from ..storage.database import Database, DatabaseError, DatabaseLocator
from ..storage.round_store import Round
from ..storage.settings_store import DEFAULT_MIN_N
from .workspace_opening import open_database, open_project, open_project_read_only, \
    refuse_locked
from .workspace_services import WorkspaceServices
from .workspace_settings import LAST_ROUND_SETTING, ProjectSettings, SettingsChange, \
    WorkspaceSettings

if TYPE_CHECKING:  # the services import this module
    from ..bundle.device_key import DeviceKey
    from .form_service import Actor

__all__ = ["DEFAULT_MIN_N", "LAST_ROUND_SETTING", "Database", "DatabaseError",
           "DatabaseLocator", "ProjectSettings", "SettingsChange", "Workspace",
           "open_database"]

Subscriber = Callable[[object], None]


class Workspace(WorkspaceServices):
    """An open project: its database, questionnaire, settings and services."""

    def __init__(self, db: Database, questionnaire: Questionnaire):
        self.db = db
        self.questionnaire = questionnaire
        self._subscribers: list[Subscriber] = []
        self._settings = WorkspaceSettings(db)
        self._versions: dict[str, Questionnaire] = {}  # stored versions, parsed once
        self._device_key: "DeviceKey | None" = None
        # Who is working (operator, device): settings changes are audited in their name.
        self.actor: "Actor | None" = None

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path | DatabaseLocator,
             questionnaire_path: str | Path | None = None,
             check_same_thread: bool = True, read_only: bool = False,
             legacy_key_folder: str | Path | None = None) -> "Workspace":
        """Open or create a project database (a path or a `DatabaseLocator`). A new one gets
        `questionnaire_path` (or the default instrument) and a fresh device key; an existing
        one keeps its adopted questionnaire (a stored setting that only an explicit, audited
        act changes; see questionnaire_service.py), or for an older project the newest
        stored one, and gets its device key if it has none (services/device_identity.py:
        the plaintext key an older version kept in `legacy_key_folder`, by default the user
        data folder, moves in). `read_only` opens an existing project for inspection and
        never writes."""
        locator = DatabaseLocator.of(path)
        refuse_locked(locator)
        if read_only:
            return cls(*open_project_read_only(locator, check_same_thread))
        db, questionnaire, device_key = open_project(locator, questionnaire_path,
                                                     check_same_thread, legacy_key_folder)
        workspace = cls(db, questionnaire)
        workspace._device_key = device_key
        return workspace

    @property
    def locator(self) -> DatabaseLocator:
        """Where the database is and its key (for opening it again elsewhere)."""
        return self.db.locator

    @property
    def path(self) -> Path | None:
        """The database file (None for an in-memory project)."""
        return self.db.path

    def open_worker(self) -> "Workspace":
        """The same project on a fresh connection, for a worker thread (close it there)."""
        if self.db.path is None:
            raise DatabaseError("An in-memory project cannot be opened twice.")
        return Workspace.open(self.locator, check_same_thread=False)

    def connect(self) -> Database:
        """A fresh connection to the same database, usable from another thread."""
        if self.db.path is None:
            raise DatabaseError("An in-memory project cannot be opened twice.")
        return Database.open(self.locator, check_same_thread=False)

    def close(self) -> None:
        self.write_remembered_round()
        self.db.close()

    @property
    def device_key(self) -> "DeviceKey":
        """This laptop's device key for the project (kept inside its database): its id names
        the forms and audit rows written here, its key signs the project's bundles."""
        if self._device_key is None:
            from .device_identity import stored_device_key
            key = stored_device_key(self.db.conn)
            if key is None:  # only a project opened read-only can lack one
                raise DatabaseError("db_no_device_key", path=self.path)
            self._device_key = key
        return self._device_key

    # -- changes ---------------------------------------------------------------------------

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        """Call `callback(change)` after every change; returns the way to unsubscribe."""
        self._subscribers.append(callback)
        return lambda: self._subscribers.remove(callback) if callback in \
            self._subscribers else None

    def publish(self, change: object) -> None:
        """Tell every subscriber what changed (a FormChange, a SettingsChange or None)."""
        if isinstance(change, SettingsChange):
            self._settings.forget()
        for callback in list(self._subscribers):
            callback(change)

    @property
    def encrypted(self) -> bool:
        """Whether the project file is encrypted (it has a database key)."""
        return self.locator.key is not None

    def change_passphrase(self, passphrase: str) -> None:
        """Wrap the database key to a new team passphrase (the data is not re-encrypted)."""
        from . import db_keys
        if self.path is None or self.locator.key is None:
            raise DatabaseError("This project is not encrypted, so it has no passphrase.")
        db_keys.set_passphrase(self.path, self.locator.key, passphrase)

    def backup_to(self, target: str | Path) -> Path:
        """A consistent copy of the open database (same key as the database)."""
        return self.db.backup_to(target)

    # -- questionnaire and rounds ----------------------------------------------------------

    def questionnaire_for(self, round_: Round) -> Questionnaire:
        """The questionnaire a round was keyed with."""
        return self.questionnaire_version(round_.questionnaire_sha256, round_.name)

    def questionnaire_version(self, sha256: str, source: str = "") -> Questionnaire:
        """A stored questionnaire version by its sha256 (parsed once per project)."""
        if sha256 == self.questionnaire.sha256:
            return self.questionnaire
        if sha256 not in self._versions:
            text = questionnaire_store.questionnaire_text(self.db.conn, sha256)
            self._versions[sha256] = parse_questionnaire(text or "",
                                                         source=source or sha256[:12])
        return self._versions[sha256]

    def rounds(self) -> list[Round]:
        return round_store.list_rounds(self.db.conn)

    def create_round(self, name: str, **fields: object) -> Round:
        """A new round keyed with the project's questionnaire (or the stored version
        `questionnaire_sha256=` names)."""
        fields.setdefault("questionnaire_sha256", self.questionnaire.sha256)
        # Its uuid names this project's key as its maker (domain/round_maker.py).
        fields.setdefault("uuid", new_round_uuid(self.device_key.fingerprint))
        round_ = Round(name=name, **fields)  # type: ignore[arg-type]
        with self.db.transaction() as conn:
            round_store.insert_round(conn, round_)
        return round_

    # -- settings (workspace_settings.py) --------------------------------------------------

    @property
    def settings(self) -> ProjectSettings:
        """The project settings, read once and kept until a setting changes."""
        return self._settings.current

    def remember_round(self, uuid: str | None) -> None:
        """Keep `uuid` as the round the window reopens this project on. Not a rule of the
        project: any operator may change it, no audit row is written and nothing is
        published (no view recomputes for it), and it never waits for another writer (an
        import): a busy database keeps it in memory until the next chance or `close`."""
        self._settings.remember_round(uuid)

    def write_remembered_round(self) -> None:
        """Write the round `remember_round` kept, if the database is free now."""
        self._settings.write_remembered_round()

    def setting(self, key: str) -> str:
        return self._settings.setting(key)

    def set_setting(self, key: str, value: object) -> None:
        """Store one setting and publish the change."""
        self.update_settings({key: value})

    def update_settings(self, values: dict[str, object]) -> None:
        """Store several settings in one transaction, each change with its audit row (who,
        old and new value), then publish one change. Unchanged values write nothing. Only
        a supervisor may (services/operator_service.py: OperatorRefused otherwise)."""
        changed = self._settings.update(values, self.actor)
        if changed:
            self.publish(SettingsChange(changed))

    @property
    def min_group_size(self) -> int:
        return self.settings.min_group_size
