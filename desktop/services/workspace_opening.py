"""Opening a project file: the only way to a connection (with `Workspace`, which calls this).

`open_database` gives the bare database of a project file (no questionnaire needed: HQ's
import, `check`); `open_project` opens or creates a project with its questionnaire and
device key, `open_project_read_only` an existing one for inspection. An encrypted project
opened without its key is refused first, with one sentence. Qt-free.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.questionnaire import Questionnaire
from ..domain.questionnaire_loader import parse_questionnaire
from ..domain.xlsform_import import load_questionnaire_file
from ..resources import default_questionnaire_path
from ..storage import questionnaire_store
from ..storage.database import Database, DatabaseError, DatabaseLocator, EncryptedDatabaseError

if TYPE_CHECKING:
    from ..bundle.device_key import DeviceKey


def open_database(target: str | Path | DatabaseLocator, check_same_thread: bool = True,
                  read_only: bool = False) -> Database:
    """The bare database of a project file (no questionnaire needed: HQ's import, `check`).
    With `Workspace.open`, the only way to a connection."""
    locator = DatabaseLocator.of(target)
    refuse_locked(locator)
    return Database.open(locator, check_same_thread=check_same_thread, read_only=read_only)


def refuse_locked(locator: DatabaseLocator) -> None:
    """An encrypted project (its key file beside it) opened without its key: say so."""
    from .db_keys import keys_path
    if locator.key is None and locator.path is not None and locator.path.exists() \
            and keys_path(locator.path).exists():
        raise EncryptedDatabaseError("db_needs_passphrase", path=locator.path)


def open_project(locator: DatabaseLocator, questionnaire_path: str | Path | None,
                 check_same_thread: bool, legacy_key_folder: str | Path | None
                 ) -> tuple[Database, Questionnaire, "DeviceKey"]:
    """Open or create a project database for writing: its database, questionnaire and
    device key (what `Workspace.open` documents). Nothing is left open on a failure."""
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
    return db, questionnaire, device_key


def open_project_read_only(locator: DatabaseLocator, check_same_thread: bool
                           ) -> tuple[Database, Questionnaire]:
    """An existing project opened for inspection (it never writes): its database and the
    newest stored questionnaire."""
    db = Database.open(locator, check_same_thread=check_same_thread, read_only=True)
    try:
        text = questionnaire_store.latest_questionnaire_text(db.conn)
        if text is None:
            raise DatabaseError("db_no_questionnaire", path=locator.path)
        questionnaire = parse_questionnaire(text, source=str(locator.path))
    except Exception:
        db.close()
        raise
    return db, questionnaire
