"""`Project`: an open database with its questionnaire, the thing every use-case works on.

`Project.open(path)` opens (or creates, with the default questionnaire) a database and
loads the project's adopted questionnaire (a stored setting that only an explicit, audited
act changes; see questionnaire_service.py), or for an older project the newest stored one.
A new project's questionnaire may be a JSON file or an XLSForm workbook.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..domain.questionnaire import Questionnaire
from ..domain.questionnaire_loader import parse_questionnaire
from ..domain.xlsform_import import load_questionnaire_file
from ..resources import default_questionnaire_path
from ..storage import questionnaire_store, round_store, settings_store
from ..storage.database import Database, DatabaseError
from ..storage.round_store import Round


@dataclass
class Project:
    db: Database
    questionnaire: Questionnaire

    @classmethod
    def open(cls, path: str | Path, questionnaire_path: str | Path | None = None,
             check_same_thread: bool = True, read_only: bool = False) -> "Project":
        """Open or create a project database. A new one gets `questionnaire_path` (or the
        default instrument); an existing one keeps its own questionnaire. `read_only` opens
        an existing project for inspection and never writes (see Database.open)."""
        if read_only:
            return cls._open_read_only(Path(path), check_same_thread)
        is_new = str(path) == ":memory:" or not Path(path).exists()
        # Load (and so check) a new questionnaire before touching the database, so a bad
        # file leaves nothing half-made behind.
        loaded = None
        if is_new or questionnaire_path is not None:
            loaded = load_questionnaire_file(questionnaire_path or default_questionnaire_path())
        def store_loaded(conn) -> None:
            questionnaire_store.store_questionnaire(
                conn, loaded.sha256, loaded.id, loaded.version, loaded.source_text)

        db = Database.open(path, check_same_thread=check_same_thread,
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
                questionnaire = parse_questionnaire(text, source=str(path))
            else:
                raise DatabaseError("db_no_questionnaire", path=path)
        except Exception:
            db.close()
            raise
        return cls(db, questionnaire)

    @classmethod
    def _open_read_only(cls, path: Path, check_same_thread: bool) -> "Project":
        db = Database.open(path, check_same_thread=check_same_thread, read_only=True)
        try:
            text = questionnaire_store.latest_questionnaire_text(db.conn)
            if text is None:
                raise DatabaseError("db_no_questionnaire", path=path)
            questionnaire = parse_questionnaire(text, source=str(path))
        except Exception:
            db.close()
            raise
        return cls(db, questionnaire)

    def questionnaire_for(self, round_: Round) -> Questionnaire:
        """The questionnaire a round was keyed with."""
        return self.questionnaire_version(round_.questionnaire_sha256, round_.name)

    def questionnaire_version(self, sha256: str, source: str = "") -> Questionnaire:
        """A stored questionnaire version by its sha256 (parsed once per project)."""
        if sha256 == self.questionnaire.sha256:
            return self.questionnaire
        cache = self.__dict__.setdefault("_versions", {})
        if sha256 not in cache:
            text = questionnaire_store.questionnaire_text(self.db.conn, sha256)
            cache[sha256] = parse_questionnaire(text or "", source=source or sha256[:12])
        return cache[sha256]

    def rounds(self) -> list[Round]:
        return round_store.list_rounds(self.db.conn)

    def create_round(self, name: str, **fields: object) -> Round:
        """A new round keyed with the project's questionnaire (or the stored version
        `questionnaire_sha256=` names)."""
        fields.setdefault("questionnaire_sha256", self.questionnaire.sha256)
        round_ = Round(name=name, **fields)  # type: ignore[arg-type]
        with self.db.transaction() as conn:
            round_store.insert_round(conn, round_)
        return round_

    def setting(self, key: str) -> str:
        return settings_store.get_setting(self.db.conn, key)

    def set_setting(self, key: str, value: object) -> None:
        with self.db.transaction() as conn:
            settings_store.set_setting(conn, key, str(value))

    @property
    def min_group_size(self) -> int:
        return int(self.setting("min_group_size") or 5)

    def close(self) -> None:
        self.db.close()
