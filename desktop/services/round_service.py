"""Creating, editing and listing collection rounds (no Qt here)."""

from __future__ import annotations

import dataclasses

from ..storage import round_store
from ..storage.round_store import Round, RoundNameTaken
from .project import Project

__all__ = ["Round", "RoundNameTaken", "RoundService", "VERIFY_MODES"]

# How a round chooses the forms to re-key: every form, every Nth form, a random share.
VERIFY_MODES = ("all", "every_nth", "share", "none")


class RoundService:
    """Rounds of one project."""

    def __init__(self, project: Project):
        self.project = project

    def rounds(self) -> list[Round]:
        """Every round, oldest first."""
        return self.project.rounds()

    def get(self, uuid: str) -> Round | None:
        """The round with this uuid, or None."""
        return round_store.get_round(self.project.db.conn, uuid)

    def create(self, name: str, **fields: object) -> Round:
        """A new round (RoundNameTaken when the name is used)."""
        return self.project.create_round(name.strip(), **fields)

    def update(self, round_: Round) -> Round:
        """Store edited fields of an existing round (RoundNameTaken when the name is used)."""
        other = round_store.find_round(self.project.db.conn, round_.name)
        if other is not None and other.uuid != round_.uuid:
            raise RoundNameTaken(round_.name)
        with self.project.db.transaction() as conn:
            round_store.update_round(conn, round_)
        return round_

    @staticmethod
    def edited(round_: Round, **fields: object) -> Round:
        """A copy of `round_` with some fields changed."""
        return dataclasses.replace(round_, **fields)  # type: ignore[arg-type]
