"""`Project`: an open database with its questionnaire, the thing every use-case works on.

`Project.open(path)` opens (or creates, with the default questionnaire) a database and
loads the questionnaire of its newest round, or the newest stored one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..domain.questionnaire import Questionnaire
from ..domain.questionnaire_loader import load_questionnaire, parse_questionnaire
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
             check_same_thread: bool = True) -> "Project":
        """Open or create a project database. A new one gets `questionnaire_path` (or the
        default instrument); an existing one keeps its own questionnaire."""
        is_new = (str(path) == ":memory:" or not Path(path).exists()
                  or Path(path).stat().st_size == 0)
        # Load (and so check) a new questionnaire before touching the database, so a bad
        # file leaves nothing half-made behind.
        loaded = None
        if is_new or questionnaire_path is not None:
            loaded = load_questionnaire(questionnaire_path or default_questionnaire_path())
        db = Database.open(path, check_same_thread=check_same_thread)
        try:
            text = questionnaire_store.latest_questionnaire_text(db.conn)
            if loaded is not None:
                questionnaire = loaded
                with db.transaction() as conn:
                    questionnaire_store.store_questionnaire(
                        conn, questionnaire.sha256, questionnaire.id, questionnaire.version,
                        questionnaire.source_text)
            elif text is not None:
                questionnaire = parse_questionnaire(text, source=str(path))
            else:
                raise DatabaseError(f"{path} has no questionnaire; it is not a RiskMap "
                                    "project.")
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
