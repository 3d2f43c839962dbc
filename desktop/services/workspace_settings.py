"""The settings of an open project: typed (`ProjectSettings`), read once and kept until a
setting changes, written with an audit row each (`WorkspaceSettings`), and the round the
window showed last, kept without ever waiting for another writer. `Workspace` owns one and
publishes a `SettingsChange` after a write. Qt-free.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..storage import audit_store, settings_store
from ..storage.audit_store import AuditEntry
from ..storage.connection import DatabaseDriverError
from ..storage.database import Database
from ..storage.settings_store import DEFAULT_MIN_N

if TYPE_CHECKING:
    from .form_service import Actor

log = logging.getLogger(__name__)

LAST_ROUND_SETTING = "last_round"


@dataclass(frozen=True)
class ProjectSettings:
    """The project settings, typed (they are stored as text in the database)."""

    min_group_size: int = DEFAULT_MIN_N
    operator_controlled: bool = False
    recipients: tuple[str, ...] = ()
    # The round the window showed last (a preference of this project's window, kept with
    # the project so each project reopens on its own round; see `remember_round`).
    last_round: str = ""


@dataclass(frozen=True)
class SettingsChange:
    """Published when project settings changed: which keys."""

    keys: tuple[str, ...]


class WorkspaceSettings:
    """The settings of the project open on `db` (the workspace's connection)."""

    def __init__(self, db: Database):
        self._db = db
        self._current: ProjectSettings | None = None
        self._round_to_remember: str | None = None  # not yet written: the database was busy

    def forget(self) -> None:
        """Read the settings again when next asked (they changed)."""
        self._current = None

    @property
    def current(self) -> ProjectSettings:
        """The project settings, read once and kept until a setting changes."""
        if self._current is None:
            from .keys_service import RECIPIENTS_SETTING
            recipients = self.setting(RECIPIENTS_SETTING)
            self._current = ProjectSettings(
                min_group_size=max(1, int(self.setting("min_group_size") or DEFAULT_MIN_N)),
                operator_controlled=self.setting("operator_controlled") == "1",
                recipients=tuple(line for line in recipients.splitlines() if line.strip()),
                last_round=self._round_to_remember or self.setting(LAST_ROUND_SETTING))
        return self._current

    def remember_round(self, uuid: str | None) -> None:
        """Keep `uuid` as the round the window reopens this project on (see
        `Workspace.remember_round`)."""
        if not uuid or (uuid == self.current.last_round and self._round_to_remember is None):
            return
        self._round_to_remember = uuid
        self._current = replace(self.current, last_round=uuid)
        self.write_remembered_round()

    def write_remembered_round(self) -> None:
        """Write the round `remember_round` kept, if the database is free now."""
        uuid = self._round_to_remember
        if uuid is None or self._db.read_only:
            return
        try:
            written = settings_store.set_setting_unless_busy(self._db.conn, LAST_ROUND_SETTING,
                                                             uuid)
        except DatabaseDriverError:  # a preference: a read-only stick must not stop keying
            log.warning("the round last used could not be stored", exc_info=True)
            written = False
        if written:
            self._round_to_remember = None

    def setting(self, key: str) -> str:
        return settings_store.get_setting(self._db.conn, key)

    def update(self, values: dict[str, object], actor: "Actor | None") -> tuple[str, ...]:
        """Store several settings in one transaction, each change with its audit row in
        `actor`'s name; only a supervisor may (OperatorRefused otherwise). Returns the keys
        whose value changed (an unchanged value writes nothing)."""
        operator = actor.operator if actor is not None else "?"
        device = actor.device if actor is not None else ""
        changed: list[str] = []
        from .operator_service import require_supervisor
        with self._db.transaction() as conn:
            require_supervisor(conn, actor)  # only a supervisor changes settings
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
        return tuple(changed)
