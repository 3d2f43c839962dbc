"""Creating, editing and listing collection rounds (no Qt here)."""

from __future__ import annotations

import dataclasses

from dataclasses import dataclass

from ..domain.questionnaire import Questionnaire
from ..storage import response_store, round_store
from ..storage.questionnaire_versions import version_list
from ..storage.round_store import Round, RoundNameTaken
from .project import Project

__all__ = ["QuestionnaireVersion", "Round", "RoundNameTaken", "RoundService",
           "RoundRangeExcludesForms", "RoundVersionFixed", "VERIFY_MODES"]


class RoundVersionFixed(ValueError):
    """The round has forms: its questionnaire version can no longer change."""


class RoundRangeExcludesForms(ValueError):
    """The edited form number range leaves out forms already keyed in the round (HQ
    refuses a bundle whose forms lie outside their round's range)."""

    def __init__(self, name: str, lowest: int, highest: int):
        super().__init__(f"{name}: forms {lowest}..{highest} are keyed")
        self.lowest, self.highest = lowest, highest


@dataclass(frozen=True)
class QuestionnaireVersion:
    """A stored questionnaire version a round can be keyed with."""

    sha256: str
    id: str
    version: str
    added: str

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

    def versions(self) -> list[QuestionnaireVersion]:
        """Every stored questionnaire version, newest first (the choice for a new round)."""
        return [QuestionnaireVersion(*row)
                for row in reversed(version_list(self.project.db.conn))]

    def round_of_form(self, form_uuid: str) -> str | None:
        """The uuid of the round a stored form belongs to (None for an unknown form)."""
        stored = response_store.get_form(self.project.db.conn, form_uuid)
        return stored.response.round_uuid if stored else None

    def questionnaire(self, round_uuid: str | None) -> Questionnaire:
        """The questionnaire version a round is keyed with (the project's without one)."""
        round_ = self.get(round_uuid) if round_uuid else None
        return self.project.questionnaire_for(round_) if round_ else self.project.questionnaire

    def has_forms(self, round_: Round) -> bool:
        """True when any form (even a deleted one) was keyed in the round."""
        return bool(response_store.count_by_status(self.project.db.conn, round_.uuid))

    def create(self, name: str, **fields: object) -> Round:
        """A new round (RoundNameTaken when the name is used); `questionnaire_sha256`
        chooses a stored version, else the project's questionnaire is used."""
        sha = fields.get("questionnaire_sha256")
        if sha is not None and sha not in {v.sha256 for v in self.versions()}:
            raise ValueError(f"no stored questionnaire version {sha}")
        return self.project.create_round(name.strip(), **fields)

    def update(self, round_: Round) -> Round:
        """Store edited fields of an existing round (RoundNameTaken when the name is used,
        RoundVersionFixed when the version would change in a round with forms,
        RoundRangeExcludesForms when the form number range would leave out keyed forms;
        only a supervisor changes the verification sample: OperatorRefused)."""
        other = round_store.find_round(self.project.db.conn, round_.name)
        if other is not None and other.uuid != round_.uuid:
            raise RoundNameTaken(round_.name)
        before = self.get(round_.uuid)
        if (before is not None and before.questionnaire_sha256 != round_.questionnaire_sha256
                and self.has_forms(before)):
            raise RoundVersionFixed(round_.name)
        if before is not None:
            self._check_range_keeps_forms(round_)
        with self.project.db.transaction() as conn:
            if before is not None and (before.verify_mode, before.verify_value) != (
                    round_.verify_mode, round_.verify_value):
                from ..storage.audit_store import AuditEntry, write_audit
                from .operator_service import require_supervisor
                require_supervisor(conn, self.project.actor)  # the sample is a setting
                actor = self.project.actor
                # Audited like VerificationService.set_rule.
                write_audit(conn, [AuditEntry(
                    "verify_rule", actor.operator if actor else "?",
                    actor.device if actor else "",
                    old=f"{before.verify_mode} {before.verify_value:g}",
                    new=f"{round_.verify_mode} {round_.verify_value:g}", reason=round_.name)])
            round_store.update_round(conn, round_)
        return round_

    def _check_range_keeps_forms(self, round_: Round) -> None:
        """Refuse a range that leaves out a form number already keyed in the round."""
        span = response_store.form_number_span(self.project.db.conn, round_.uuid)
        if span is None:
            return
        low, high = span
        if ((round_.form_min is not None and low < round_.form_min)
                or (round_.form_max is not None and high > round_.form_max)):
            raise RoundRangeExcludesForms(round_.name, low, high)

    @staticmethod
    def edited(round_: Round, **fields: object) -> Round:
        """A copy of `round_` with some fields changed."""
        return dataclasses.replace(round_, **fields)  # type: ignore[arg-type]
