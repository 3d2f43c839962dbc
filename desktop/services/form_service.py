"""Saving, editing and deleting forms: validation + write + audit in one transaction.

Each mutation returns a `FormChange` saying what changed, so the UI refreshes from one
signal instead of polling. Refusals are exceptions whose message is for the operator.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping

from ..domain.messages import message
from ..domain.form_rules import Problem, answer_env, applicable, check_answer, validate_form
from ..domain.questionnaire import Questionnaire
from ..domain.values import canonical
from ..domain.user_error import UserError
from ..storage import audit_store, response_store, round_store
from ..storage.audit_store import AuditEntry
from ..storage.clock import new_uuid, utc_now
from ..storage.database import Database
from ..storage.response_store import ResponseRow, StoredForm


@dataclass(frozen=True)
class Actor:
    """Who is working: the signed-in operator and this installation's device id.
    `operator_id` is the operator's stable id (services/operator_service.py); None where
    nobody signed in with one (a project without operators, a script)."""

    operator: str
    device: str
    operator_id: str | None = None


@dataclass(frozen=True)
class FormChange:
    """What a mutation changed."""

    uuid: str
    action: str
    status: str
    revision: int
    changed_questions: tuple[str, ...] = ()


class FormRefused(UserError, ValueError):
    """The form was not saved; `problems` says why, question by question."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = problems or []


@dataclass
class FormService:
    db: Database
    questionnaire: Questionnaire
    actor: Actor
    lang: str = "en"
    # Told of every change this service writes (the workspace publishes it).
    on_change: Callable[[FormChange], None] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._known = frozenset(self.questionnaire.question_ids())

    # -- reading -------------------------------------------------------------------------
    def load(self, uuid: str) -> StoredForm | None:
        return response_store.get_form(self.db.conn, uuid)

    def history(self, uuid: str) -> list[dict]:
        return audit_store.history(self.db.conn, uuid)

    def find_form(self, round_uuid: str, form_number: int) -> str | None:
        """The uuid of the live form with this paper number in the round, or None."""
        return response_store.find_form(self.db.conn, round_uuid, form_number)

    def form_number_taken(self, round_uuid: str, form_number: int,
                          except_uuid: str | None = None) -> bool:
        found = response_store.find_form(self.db.conn, round_uuid, form_number)
        return found is not None and found != except_uuid

    # -- writing -------------------------------------------------------------------------
    def prepare(self, answers: Mapping[str, str], confirmed: Iterable[str] = (),
                draft: bool = False) -> dict[str, str]:
        """Canonical answers with skipped ones removed; FormRefused when not valid."""
        applies = applicable(self.questionnaire, answers)
        kept = {qid: text for qid, text in answers.items() if text != "" and qid in applies}
        kept.update((qid, text) for qid, text in answers.items()
                    if text != "" and qid not in self._known)
        problems = validate_form(self.questionnaire, kept, self.lang, confirmed, draft=draft,
                                 applies=applies)
        if problems:
            raise FormRefused(_text(self.lang, "invalid", n=len(problems)), problems)
        return {qid: canonical(self.questionnaire.question(qid), text)
                for qid, text in kept.items()}

    def save_new(self, round_uuid: str, form_number: int, answers: Mapping[str, str], *,
                 draft: bool = False, confirmed: Iterable[str] = (), keystrokes: int = 0,
                 entry_seconds: float = 0.0) -> FormChange:
        """Validate and store a new form with its 'create' audit row, in one transaction."""
        confirmed = tuple(confirmed)
        values = self.prepare(answers, confirmed, draft)
        round_ = round_store.get_round(self.db.conn, round_uuid)
        if round_ is None:
            raise FormRefused(_text(self.lang, "no_round"))
        self._check_form_number(round_, form_number, check_taken=False)
        now = utc_now()
        status = "draft" if draft else "entered"
        row = ResponseRow(uuid=new_uuid(), round_uuid=round_uuid, form_number=form_number,
                          status=status, operator=self.actor.operator, device=self.actor.device,
                          created=now, updated=now, keystrokes=keystrokes,
                          entry_seconds=entry_seconds, operator_id=self.actor.operator_id)
        entries = [self._entry("create", row.uuid, new=json.dumps(values, sort_keys=True))]
        entries += self._confirmations(row.uuid, values, [q for q in confirmed if q in values])
        with self.db.transaction() as conn:
            if response_store.find_form(conn, round_uuid, form_number):
                raise FormRefused(_text(self.lang, "duplicate", n=form_number))
            response_store.insert_response(conn, row, values)
            audit_store.write_audit(conn, entries, now)
        return self._changed(FormChange(row.uuid, "create", status, 1, tuple(values)))

    def update(self, uuid: str, answers: Mapping[str, str], *, reason: str = "",
               confirmed: Iterable[str] = (), draft: bool | None = None,
               form_number: int | None = None) -> FormChange:
        """Store edited answers; one audit row per changed question with old and new
        values. A verified form needs a reason."""
        stored = self._live(uuid)
        old = stored.response
        keep_draft = old.status == "draft" if draft is None else draft
        values = self.prepare(answers, confirmed, keep_draft)
        if old.status == "verified" and not reason.strip():
            raise FormRefused(_text(self.lang, "reason_verified"))
        changes = {qid: values.get(qid) for qid in set(values) | set(stored.answers)
                   if values.get(qid) != stored.answers.get(qid)}
        status = "draft" if keep_draft else ("verified" if old.status == "verified"
                                             else "entered")
        new_number = old.form_number if form_number is None else form_number
        if new_number != old.form_number:
            round_ = round_store.get_round(self.db.conn, old.round_uuid)
            self._check_form_number(round_, new_number, except_uuid=uuid)
        if not changes and status == old.status and new_number == old.form_number:
            return FormChange(uuid, "unchanged", old.status, old.revision)
        entries = [self._entry("edit", uuid, question_id=qid, old=stored.answers.get(qid),
                               new=value, reason=reason or None)
                   for qid, value in sorted(changes.items())]
        if new_number != old.form_number:
            entries.append(self._entry("renumber", uuid, old=str(old.form_number),
                                       new=str(new_number), reason=reason or None))
        if status != old.status:
            entries.append(self._entry("status", uuid, old=old.status, new=status))
        entries += self._confirmations(uuid, values, [q for q in confirmed if q in changes])
        now = utc_now()
        with self.db.transaction() as conn:
            response_store.replace_answers(conn, uuid, changes)
            response_store.update_response(conn, uuid, status=status, updated=now,
                                           revision=old.revision + 1, form_number=new_number)
            audit_store.write_audit(conn, entries, now)
        return self._changed(FormChange(uuid, "edit", status, old.revision + 1,
                                        tuple(sorted(changes))))

    def delete(self, uuid: str, reason: str) -> FormChange:
        """Soft delete: the row and answers stay, with status 'deleted' and the reason."""
        if not reason.strip():
            raise FormRefused(_text(self.lang, "reason_delete"))
        old = self._live(uuid).response
        now = utc_now()
        with self.db.transaction() as conn:
            response_store.update_response(conn, uuid, status="deleted", deleted_reason=reason,
                                           updated=now, revision=old.revision + 1)
            audit_store.write_audit(conn, [self._entry("delete", uuid, old=old.status,
                                                       new="deleted", reason=reason)], now)
        return self._changed(FormChange(uuid, "delete", "deleted", old.revision + 1))

    # -- helpers -------------------------------------------------------------------------
    def _changed(self, change: FormChange) -> FormChange:
        if self.on_change is not None:
            self.on_change(change)
        return change

    def _live(self, uuid: str) -> StoredForm:
        stored = response_store.get_form(self.db.conn, uuid)
        if stored is None or stored.response.status == "deleted":
            raise FormRefused(_text(self.lang, "no_form"))
        return stored

    def _check_form_number(self, round_: round_store.Round | None, number: int,
                           except_uuid: str | None = None, check_taken: bool = True) -> None:
        if round_ is None:
            raise FormRefused(_text(self.lang, "no_round"))
        low, high = round_.form_min, round_.form_max
        if (low is not None and number < low) or (high is not None and number > high):
            raise FormRefused(_text(self.lang, "number_range", n=number, low=low, high=high))
        if check_taken and self.form_number_taken(round_.uuid, number, except_uuid):
            raise FormRefused(_text(self.lang, "duplicate", n=number))

    def _confirmations(self, uuid: str, values: Mapping[str, str],
                       confirmed: list[str]) -> list[AuditEntry]:
        """Audit rows of the values kept after a confirmation: out of range, or breaking
        the question's constraint (with the rule, so the log says what was overridden)."""
        if not confirmed:
            return []
        env = answer_env(self.questionnaire, values)
        entries = []
        for qid in confirmed:
            value = values.get(qid)
            question = self.questionnaire.question(qid)
            problem = check_answer(self.questionnaire, question, value or "", self.lang,
                                   env=env)
            if problem is not None and problem.key == "constraint":
                entries.append(self._entry("confirm_constraint", uuid, question_id=qid,
                                           new=value, reason=question.constraint.source))
            else:
                entries.append(self._entry("confirm_out_of_range", uuid, question_id=qid,
                                           new=value))
        return entries

    def _entry(self, action: str, uuid: str, **fields: str | None) -> AuditEntry:
        return AuditEntry(action=action, operator=self.actor.operator, device=self.actor.device,
                          response_uuid=uuid, **fields)


def _text(lang: str, key: str, **values: object) -> str:
    return message(f"form_{key}", lang, **values)
