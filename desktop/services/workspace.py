"""`Workspace`: the one owner of an open project (Anki's `Collection` is the model).

It holds the database locator (path plus key) and is the only way to a connection: the
UI thread uses `workspace.db`, a worker asks `workspace.open_worker()` for a workspace on
its own connection. It builds every service, holds the typed project settings (the
minimum group size default lives in `domain.suppression`), and publishes every change
(`FormChange` from each write, a `SettingsChange` for settings, None for "many things
changed") to a plain-Python list of subscribers; the desktop's `AppContext` only forwards
them to its Qt signals. Qt-free.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..domain.questionnaire import Questionnaire
from ..domain.questionnaire_loader import parse_questionnaire
from ..domain.round_maker import new_round_uuid
from ..domain.xlsform_import import load_questionnaire_file
from ..resources import default_questionnaire_path
from ..storage import audit_store, questionnaire_store, round_store, settings_store
from ..storage.audit_store import AuditEntry
from ..storage.connection import DatabaseDriverError
from ..storage.database import Database, DatabaseError, DatabaseLocator, EncryptedDatabaseError
from ..storage.round_store import Round
from ..storage.settings_store import DEFAULT_MIN_N

if TYPE_CHECKING:  # the services import this module; import them lazily below
    from ..bundle.device_key import DeviceKey
    from .analysis_service import AnalysisService
    from .conflict_service import ConflictService
    from .form_service import Actor, FormService
    from .operator_service import OperatorService
    from .progress_service import ProgressService
    from .records_service import RecordsService
    from .round_service import RoundService
    from .verification_service import VerificationService

__all__ = ["DEFAULT_MIN_N", "Database", "DatabaseError", "DatabaseLocator", "ProjectSettings",
           "SettingsChange", "Workspace", "open_database"]

Subscriber = Callable[[object], None]
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ProjectSettings:
    """The project settings, typed (they are stored as text in the database)."""

    min_group_size: int = DEFAULT_MIN_N
    operator_controlled: bool = False
    recipients: tuple[str, ...] = ()
    # The round the window showed last (a preference of this project's window, kept with
    # the project so each project reopens on its own round; see `remember_round`).
    last_round: str = ""


LAST_ROUND_SETTING = "last_round"


@dataclass(frozen=True)
class SettingsChange:
    """Published when project settings changed: which keys."""

    keys: tuple[str, ...]


def open_database(target: str | Path | DatabaseLocator, check_same_thread: bool = True,
                  read_only: bool = False) -> Database:
    """The bare database of a project file (no questionnaire needed: HQ's import, `check`).
    With `Workspace.open`, the only way to a connection."""
    locator = DatabaseLocator.of(target)
    _refuse_locked(locator)
    return Database.open(locator, check_same_thread=check_same_thread, read_only=read_only)


def _refuse_locked(locator: DatabaseLocator) -> None:
    """An encrypted project (its key file beside it) opened without its key: say so."""
    from .db_keys import keys_path
    if locator.key is None and locator.path is not None and locator.path.exists() \
            and keys_path(locator.path).exists():
        raise EncryptedDatabaseError("db_needs_passphrase", path=locator.path)


class Workspace:
    """An open project: its database, questionnaire, settings and services."""

    def __init__(self, db: Database, questionnaire: Questionnaire):
        self.db = db
        self.questionnaire = questionnaire
        self._subscribers: list[Subscriber] = []
        self._settings: ProjectSettings | None = None
        self._versions: dict[str, Questionnaire] = {}  # stored versions, parsed once
        self._device_key: "DeviceKey | None" = None
        self._round_to_remember: str | None = None  # not yet written: the database was busy
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
        _refuse_locked(locator)
        if read_only:
            return cls._open_read_only(locator, check_same_thread)
        is_new = locator.path is None or not locator.path.exists()
        # Load (and so check) a new questionnaire before touching the database, so a bad
        # file leaves nothing half-made behind.
        loaded = None
        if is_new or questionnaire_path is not None:
            loaded = load_questionnaire_file(questionnaire_path or default_questionnaire_path())

        def store_loaded(conn) -> None:
            questionnaire_store.store_questionnaire(
                conn, loaded.sha256, loaded.id, loaded.version, loaded.source_text)
            device_identity.create_device_key(conn)  # a new project never takes a legacy key

        from . import device_identity
        db = Database.open(locator, check_same_thread=check_same_thread,
                           on_create=store_loaded if loaded is not None else None)
        try:
            text = questionnaire_store.effective_questionnaire_text(db.conn)
            if loaded is not None:
                questionnaire = loaded
                with db.transaction() as conn:
                    questionnaire_store.store_questionnaire(
                        conn, questionnaire.sha256, questionnaire.id, questionnaire.version,
                        questionnaire.source_text)
                    questionnaire_store.set_adopted(conn, questionnaire.sha256)
            elif text is not None:
                questionnaire = parse_questionnaire(text, source=str(locator.path))
            else:
                raise DatabaseError("db_no_questionnaire", path=locator.path)
            if legacy_key_folder is None:
                from .paths import user_data_dir
                legacy_key_folder = user_data_dir()
            device_key = device_identity.ensure_device_key(db, legacy_key_folder)
        except Exception:
            db.close()
            raise
        workspace = cls(db, questionnaire)
        workspace._device_key = device_key
        return workspace

    @classmethod
    def _open_read_only(cls, locator: DatabaseLocator, check_same_thread: bool) -> "Workspace":
        db = Database.open(locator, check_same_thread=check_same_thread, read_only=True)
        try:
            text = questionnaire_store.latest_questionnaire_text(db.conn)
            if text is None:
                raise DatabaseError("db_no_questionnaire", path=locator.path)
            questionnaire = parse_questionnaire(text, source=str(locator.path))
        except Exception:
            db.close()
            raise
        return cls(db, questionnaire)

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
            self._settings = None
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

    # -- settings --------------------------------------------------------------------------

    @property
    def settings(self) -> ProjectSettings:
        """The project settings, read once and kept until a setting changes."""
        if self._settings is None:
            from .keys_service import RECIPIENTS_SETTING
            recipients = self.setting(RECIPIENTS_SETTING)
            self._settings = ProjectSettings(
                min_group_size=max(1, int(self.setting("min_group_size") or DEFAULT_MIN_N)),
                operator_controlled=self.setting("operator_controlled") == "1",
                recipients=tuple(line for line in recipients.splitlines() if line.strip()),
                last_round=self._round_to_remember or self.setting(LAST_ROUND_SETTING))
        return self._settings

    def remember_round(self, uuid: str | None) -> None:
        """Keep `uuid` as the round the window reopens this project on. Not a rule of the
        project: any operator may change it, no audit row is written and nothing is
        published (no view recomputes for it), and it never waits for another writer (an
        import): a busy database keeps it in memory until the next chance or `close`."""
        if not uuid or (uuid == self.settings.last_round and self._round_to_remember is None):
            return
        self._round_to_remember = uuid
        self._settings = replace(self.settings, last_round=uuid)
        self.write_remembered_round()

    def write_remembered_round(self) -> None:
        """Write the round `remember_round` kept, if the database is free now."""
        uuid = self._round_to_remember
        if uuid is None or self.db.read_only:
            return
        try:
            written = settings_store.set_setting_unless_busy(self.db.conn, LAST_ROUND_SETTING,
                                                             uuid)
        except DatabaseDriverError:  # a preference: a read-only stick must not stop keying
            log.warning("the round last used could not be stored", exc_info=True)
            written = False
        if written:
            self._round_to_remember = None

    def setting(self, key: str) -> str:
        return settings_store.get_setting(self.db.conn, key)

    def set_setting(self, key: str, value: object) -> None:
        """Store one setting and publish the change."""
        self.update_settings({key: value})

    def update_settings(self, values: dict[str, object]) -> None:
        """Store several settings in one transaction, each change with its audit row (who,
        old and new value), then publish one change. Unchanged values write nothing. Only
        a supervisor may (services/operator_service.py: OperatorRefused otherwise)."""
        operator = self.actor.operator if self.actor is not None else "?"
        device = self.actor.device if self.actor is not None else ""
        changed: list[str] = []
        from .operator_service import require_supervisor
        with self.db.transaction() as conn:
            require_supervisor(conn, self.actor)  # only a supervisor changes settings
            entries = []
            for key, value in values.items():
                old, new = settings_store.get_setting(conn, key), str(value)
                if old == new:
                    continue
                settings_store.set_setting(conn, key, new)
                entries.append(AuditEntry("setting", str(operator), str(device),
                                          question_id=key, old=old, new=new))
                changed.append(key)
            audit_store.write_audit(conn, entries)
        if changed:
            self.publish(SettingsChange(tuple(changed)))

    @property
    def min_group_size(self) -> int:
        return self.settings.min_group_size

    # -- services --------------------------------------------------------------------------

    def form_service(self, actor: "Actor", lang: str = "en",
                     questionnaire: Questionnaire | None = None) -> "FormService":
        """Saving and editing forms, checked against `questionnaire` (a round's version;
        the project's by default)."""
        from .form_service import FormService
        return FormService(self.db, questionnaire or self.questionnaire, actor, lang,
                           on_change=self.publish)

    def verification_service(self, questionnaire: Questionnaire, actor: "Actor",
                             lang: str = "en") -> "VerificationService":
        from .verification_service import VerificationService
        return VerificationService(self.db, questionnaire, actor, lang, on_change=self.publish)

    def conflict_service(self, actor: "Actor", lang: str = "en") -> "ConflictService":
        from .conflict_service import ConflictService
        return ConflictService(self, actor, lang)

    def records_service(self) -> "RecordsService":
        from .records_service import RecordsService
        return RecordsService(self.db)

    def round_service(self) -> "RoundService":
        from .round_service import RoundService
        return RoundService(self)

    def operator_service(self) -> "OperatorService":
        """Sign-in and operator management, acting as the workspace's actor."""
        from .operator_service import OperatorService
        return OperatorService(self.db, self.actor)

    def may_change_settings(self) -> bool:
        """Whether the signed-in operator may change project settings (a supervisor, or
        anybody while the project has no operators)."""
        from .operator_service import may_change_settings
        return may_change_settings(self.db.conn, self.actor)

    def progress_service(self) -> "ProgressService":
        from .progress_service import ProgressService
        return ProgressService(self.db)

    def trust_device(self, fingerprint: str, name: str = "", operator: str = "analyst"):
        """Enrol a device at HQ (see device_service.trust_device); supervisors only."""
        from .device_service import trust_device
        from .operator_service import require_supervisor
        require_supervisor(self.db.conn, self.actor)
        return trust_device(self.db, fingerprint, name, operator)

    def allow_in_round(self, device_id: str, round_name: str, reason: str = "",
                       operator: str = "analyst"):
        """Let a device add forms to a round another device brought (see
        round_origin.allow_device); supervisors only."""
        from .operator_service import require_supervisor
        from .round_origin import allow_device
        require_supervisor(self.db.conn, self.actor)
        return allow_device(self.db, device_id, round_name, reason, operator)

    def check_supervisor(self) -> None:
        """Refuse (OperatorRefused) unless a supervisor is signed in (or the project has
        no operators): before an act a worker does on its own connection."""
        from .operator_service import require_supervisor
        require_supervisor(self.db.conn, self.actor)

    def analysis(self, lang: str = "en") -> "AnalysisService":
        """The analysis of this project read on this connection."""
        from .analysis_service import analysis_for
        return analysis_for(self, lang)
