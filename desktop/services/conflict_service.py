"""The HQ analyst resolves the conflicts the import kept (`response_conflict`).

A conflict is an incoming form version HQ did not apply: two laptops edited the same
revision of a form ('same_revision', 'diverged'), or keyed the same paper number in the
same round ('form_number'). The analyst sees HQ's current values beside the incoming ones,
question by question (only those that differ), and either

* merges: per question keeps HQ's value, the incoming value or a typed value; the result
  is validated like any saved form and written to HQ's form (revision + 1); or
* keeps both (same-number case only): the incoming form is saved as a form of its own
  under a new paper number typed by the analyst.

Each decision writes its audit rows, bumps the revision and closes the conflict (who,
when, what) in ONE transaction. The incoming version stays stored, and it is remembered
as a version HQ has seen, so the same version arriving again changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from ..domain.form_rules import Problem, check_answer
from ..domain.messages import message
from ..domain.questionnaire import Questionnaire
from ..domain.user_error import UserError
from ..storage import audit_store, bundle_store, conflict_store, response_store, round_store
from ..storage.audit_store import AuditEntry
from ..storage.clock import utc_now
from ..storage.conflict_store import ConflictRow
from ..storage.response_store import ResponseRow, StoredForm
from .form_service import Actor, FormChange, FormRefused, FormService
from .project import Project

DECISIONS = ("hq", "incoming", "typed")


class ConflictRefused(UserError, ValueError):
    """Nothing was written; `key` names the reason (the UI words it), `problems` lists
    the answers that make the result invalid."""

    def __init__(self, key: str, text: str, problems: list[Problem] | None = None):
        super().__init__(text)
        self.key = key
        self.problems = problems or []


@dataclass(frozen=True)
class Side:
    """One side of a conflict: the form as HQ has it, or the incoming version."""

    uuid: str | None
    form_number: int | None
    status: str
    device: str
    operator: str
    time: str
    revision: int | None


@dataclass(frozen=True)
class ConflictSummary:
    """A row of the list of conflicts."""

    id: int
    reason: str  # same_revision, diverged, form_number
    round_uuid: str
    round_name: str
    form_number: int
    hq: Side
    incoming: Side
    differences: int
    detected: str

    @property
    def may_keep_both(self) -> bool:
        """Two different paper forms can only be told apart in the same-number case."""
        return self.reason == "form_number"


@dataclass(frozen=True)
class ConflictItem:
    """One question whose values differ (None: not answered on that side)."""

    question_id: str
    number: str
    label: str
    hq_value: str | None
    incoming_value: str | None


@dataclass(frozen=True)
class Choice:
    """The analyst's decision for one question: 'hq', 'incoming' or 'typed' (`value`)."""

    decision: str
    value: str = ""


@dataclass
class ConflictDetail:
    summary: ConflictSummary
    items: list[ConflictItem]
    questionnaire: Questionnaire
    hq_answers: dict[str, str] = field(default_factory=dict)
    incoming_answers: dict[str, str] = field(default_factory=dict)


@dataclass
class ConflictService:
    project: Project
    actor: Actor
    lang: str = "en"

    # -- reading -------------------------------------------------------------------------
    def count_open(self) -> int:
        """How many conflicts wait for the analyst."""
        return conflict_store.count_open(self.project.db.conn)

    def list_open(self) -> list[ConflictSummary]:
        """Open conflicts, oldest first."""
        conn = self.project.db.conn
        return [self._load(row).summary for row in conflict_store.list_conflicts(conn)]

    def detail(self, conflict_id: int) -> ConflictDetail:
        """Both versions of a conflict, question by question (only those that differ)."""
        return self._load(self._row(conflict_id))

    def check_value(self, conflict_id: int, question_id: str, text: str) -> Problem | None:
        """The problem with a value typed for one question, or None."""
        detail = self.detail(conflict_id)
        return check_answer(detail.questionnaire, detail.questionnaire.question(question_id),
                            text, self.lang)

    # -- deciding ------------------------------------------------------------------------
    def resolve(self, conflict_id: int, choices: Mapping[str, Choice], reason: str,
                confirmed: Iterable[str] = ()) -> FormChange:
        """Write the chosen value of every differing question into HQ's form."""
        reason = reason.strip()
        row = self._open_row(conflict_id, reason)
        detail = self._load(row)
        hq = self._hq_form(row)
        if hq is None or hq.response.status == "deleted":
            raise ConflictRefused("no_hq_form", "HQ's form of this conflict is gone; keep the "
                                  "incoming form as a form of its own instead.")
        missing = [item.number for item in detail.items if item.question_id not in choices]
        unknown = [c.decision for c in choices.values() if c.decision not in DECISIONS]
        if missing or unknown:
            raise ConflictRefused("undecided", "Choose a value for every question that "
                                  "differs (missing: {}).".format(", ".join(missing)))
        final = dict(hq.answers)
        for item in detail.items:
            choice = choices[item.question_id]
            value = {"hq": item.hq_value, "incoming": item.incoming_value}.get(
                choice.decision, choice.value.strip())
            if value:
                final[item.question_id] = value
            else:
                final.pop(item.question_id, None)
        values = self._prepare(detail.questionnaire, final, confirmed,
                               hq.response.status == "draft")
        changes = {qid: values.get(qid) for qid in set(values) | set(hq.answers)
                   if values.get(qid) != hq.answers.get(qid)}
        shown = {item.question_id for item in detail.items} | set(changes)
        order = {qid: i for i, qid in enumerate(detail.questionnaire.question_ids())}
        uuid, revision = hq.response.uuid, hq.response.revision + 1
        entries = [self._entry("conflict_resolved", uuid, question_id=qid,
                               old=hq.answers.get(qid), new=values.get(qid), reason=reason)
                   for qid in sorted(shown, key=lambda q: (order.get(q, len(order)), q))]
        entries.append(self._entry("conflict_resolved", uuid, old=_rev(hq.response.revision),
                                   new=_rev(revision), reason=reason))
        resolution = {"kind": "merged", "form_uuid": uuid, "revision": revision,
                      "reason": reason, "choices": {qid: {"decision": c.decision,
                                                          "value": c.value}
                                                    for qid, c in sorted(choices.items())}}
        now = utc_now()
        with self.project.db.transaction() as conn:
            response_store.replace_answers(conn, uuid, changes)
            response_store.update_response(conn, uuid, updated=now, revision=revision)
            self._close(conn, row, resolution, entries, now)
        return self._published(FormChange(uuid, "conflict_resolved", hq.response.status,
                                          revision, tuple(sorted(changes))))

    def keep_both(self, conflict_id: int, form_number: int, reason: str) -> FormChange:
        """Same-number case: save the incoming form as its own form, number `form_number`."""
        reason = reason.strip()
        row = self._open_row(conflict_id, reason)
        if row.reason != "form_number":
            raise ConflictRefused("not_two_forms", "Both versions are edits of the same form; "
                                  "choose the values question by question instead.")
        record = json.loads(row.record)
        conn = self.project.db.conn
        round_ = round_store.get_round(conn, record["round_uuid"])
        low, high = round_.form_min, round_.form_max
        if (low is not None and form_number < low) or (high is not None and form_number > high):
            raise ConflictRefused("number_range", message(
                "form_number_range", self.lang, n=form_number, low=low, high=high))
        if response_store.find_form(conn, round_.uuid, form_number) is not None:
            raise ConflictRefused("duplicate", message("form_duplicate", self.lang,
                                                       n=form_number))
        answers = record["answers"]
        # Out-of-range values were confirmed on the laptop (its save refuses them otherwise).
        values = self._prepare(self.project.questionnaire_for(round_), answers, answers,
                               record["status"] == "draft")
        uuid = record["uuid"]
        existing = response_store.get_form(conn, uuid)
        revision = max(record["revision"], existing.response.revision if existing else 0) + 1
        entries = [self._entry("conflict_kept_both", uuid, old=str(record["form_number"]),
                               new=str(form_number), reason=reason)]
        resolution = {"kind": "kept_both", "form_uuid": uuid, "revision": revision,
                      "reason": reason, "form_number": form_number}
        now = utc_now()
        with self.project.db.transaction() as conn:
            if existing is None:
                response_store.insert_response(conn, ResponseRow(
                    uuid=uuid, round_uuid=round_.uuid, form_number=form_number,
                    status=record["status"], operator=record["operator"],
                    device=record["device"], created=record["created"], updated=now,
                    revision=revision, keystrokes=record["keystrokes"],
                    entry_seconds=record["entry_seconds"]), values)
            else:
                response_store.replace_answers(conn, uuid, {
                    qid: values.get(qid) for qid in set(values) | set(existing.answers)})
                response_store.update_response(conn, uuid, form_number=form_number,
                                               status=record["status"], deleted_reason=None,
                                               updated=now, revision=revision)
            self._close(conn, row, resolution, entries, now)
        return self._published(FormChange(uuid, "conflict_kept_both", record["status"],
                                          revision, tuple(sorted(values))))

    # -- helpers -------------------------------------------------------------------------
    def _published(self, change: FormChange) -> FormChange:
        self.project.publish(change)
        return change

    def _row(self, conflict_id: int) -> ConflictRow:
        row = conflict_store.get_conflict(self.project.db.conn, conflict_id)
        if row is None:
            raise ConflictRefused("no_conflict", "This conflict does not exist.")
        return row

    def _open_row(self, conflict_id: int, reason: str) -> ConflictRow:
        row = self._row(conflict_id)
        if row.status != "open":
            raise ConflictRefused("resolved_already", "This conflict was resolved already.")
        if not reason:
            raise ConflictRefused("no_reason", "Write why you decided this way; the reason "
                                  "is kept in the audit log.")
        return row

    def _hq_form(self, row: ConflictRow) -> StoredForm | None:
        """HQ's side: the same form, or (same-number case) the live form with that number."""
        conn = self.project.db.conn
        if row.reason == "form_number":
            record = json.loads(row.record)
            holder = response_store.find_form(conn, record["round_uuid"],
                                              record["form_number"])
            return response_store.get_form(conn, holder) if holder else None
        return response_store.get_form(conn, row.response_uuid)

    def _load(self, row: ConflictRow) -> ConflictDetail:
        conn = self.project.db.conn
        record = json.loads(row.record)
        round_ = round_store.get_round(conn, record["round_uuid"])
        questionnaire = self.project.questionnaire_for(round_)
        hq = self._hq_form(row)
        hq_answers = dict(hq.answers) if hq else {}
        incoming_answers = dict(record["answers"])
        order = {qid: i for i, qid in enumerate(questionnaire.question_ids())}
        differing = sorted((qid for qid in set(hq_answers) | set(incoming_answers)
                            if hq_answers.get(qid) != incoming_answers.get(qid)),
                           key=lambda q: (order.get(q, len(order)), q))
        items = []
        for qid in differing:
            question = questionnaire.question(qid) if qid in order else None
            items.append(ConflictItem(qid, question.number if question else qid,
                                      question.label.text(self.lang) if question else qid,
                                      hq_answers.get(qid), incoming_answers.get(qid)))
        summary = ConflictSummary(
            id=row.id, reason=row.reason, round_uuid=round_.uuid, round_name=round_.name,
            form_number=hq.response.form_number if hq else record["form_number"],
            hq=self._side(hq.response if hq else None),
            incoming=self._incoming_side(row, record), differences=len(items),
            detected=row.detected)
        return ConflictDetail(summary, items, questionnaire, hq_answers, incoming_answers)

    def _side(self, response: ResponseRow | None) -> Side:
        if response is None:
            return Side(None, None, "", "", "", "", None)
        editor = conflict_store.last_editor(self.project.db.conn, response.uuid,
                                            response.device)
        operator = editor[0] if editor else response.operator
        return Side(response.uuid, response.form_number, response.status, response.device,
                    operator, response.updated, response.revision)

    def _incoming_side(self, row: ConflictRow, record: dict) -> Side:
        editor = conflict_store.last_editor(self.project.db.conn, row.response_uuid,
                                            row.device_id)
        return Side(record["uuid"], record["form_number"], record["status"], row.device_id,
                    editor[0] if editor else record["operator"], record["updated"],
                    row.revision)

    def _prepare(self, questionnaire: Questionnaire, answers: Mapping[str, str],
                 confirmed: Iterable[str], draft: bool) -> dict[str, str]:
        service = FormService(self.project.db, questionnaire, self.actor, self.lang)
        try:
            return service.prepare(answers, confirmed, draft)
        except FormRefused as exc:
            raise ConflictRefused("invalid", str(exc), exc.problems) from exc

    def _close(self, conn, row: ConflictRow, resolution: dict, entries: list[AuditEntry],
               now: str) -> None:
        """Audit rows, the incoming version remembered, the conflict closed (same
        transaction as the form's change)."""
        if not conflict_store.mark_resolved(conn, row.id, self.actor.operator, now,
                                            json.dumps(resolution, sort_keys=True)):
            raise ConflictRefused("resolved_already", "This conflict was resolved already.")
        bundle_store.remember_versions(conn, [(row.response_uuid, row.revision, row.sha256)])
        audit_store.write_audit(conn, entries, now)

    def _entry(self, action: str, uuid: str, **fields: str | None) -> AuditEntry:
        return AuditEntry(action=action, operator=self.actor.operator, device=self.actor.device,
                          response_uuid=uuid, **fields)


def _rev(revision: int) -> str:
    return f"revision {revision}"
