"""Double-entry (dependent) verification: blind re-keying, comparison and resolution.

A second operator re-keys a sampled form without seeing the first values. `compare`
canonicalises both keyings and compares them question by question over the questions
that apply under either keying; it stores the second keying and each discrepancy. Each
discrepancy is then resolved against the paper (`keep_first`, `keep_second`, or a typed
value), every decision audited in its own transaction. `finish` writes the final values
to the form (audit rows with old and new values) and moves it entered -> verified; a
keying with no discrepancy is verified at once.

Sampling is per round (`round.verify_mode` / `verify_value`): 'all', 'every_nth' (form
numbers divisible by N, so the operator can see the rule on the paper pile), 'share' (a
deterministic pseudo-random share keyed on the form uuid, so the sample never changes
when more forms arrive) and 'none'.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from typing import Callable, Mapping

from ..domain.form_rules import applicable, check_answer, validate_form, without_skipped
from ..domain.questionnaire import Questionnaire
from ..domain.user_error import UserError, error_message
from ..domain.values import canonical
from ..storage import audit_store, response_store, round_store, verification_store
from ..storage.audit_store import AuditEntry
from ..storage.clock import utc_now
from ..storage.database import Database
from ..storage.response_store import StoredForm
from ..storage.round_store import Round
from ..storage.verification_store import ItemRow, VerificationRow
from .form_service import Actor, FormChange

DECISIONS = ("keep_first", "keep_second", "typed")


class VerificationRefused(UserError, ValueError):
    """The verification step was not done; the message is for the operator."""


@dataclass(frozen=True)
class Comparison:
    """The outcome of comparing a second keying with the first."""

    verification_id: int
    response_uuid: str
    form_number: int
    fields_compared: int
    items: tuple[ItemRow, ...]
    verified: bool  # True when there was no discrepancy and the form is verified already


def in_sample(round_: Round, form_uuid: str, form_number: int) -> bool:
    """Whether the round's verification rule picks this form."""
    mode, value = round_.verify_mode, round_.verify_value
    if mode == "all":
        return True
    if mode == "every_nth":
        step = max(int(round(value)), 1)
        return form_number % step == 0
    if mode == "share":
        digest = hashlib.sha256(form_uuid.encode("utf-8")).digest()
        return int.from_bytes(digest[:8], "big") / 2 ** 64 < value
    return False


@dataclass(frozen=True)
class VerificationSummary:
    """The sample figures of one round (see `VerificationService.summary`)."""

    verified: int
    sampled: int
    due: list[int]
    verified_outside: int
    next_due: tuple[str, int] | None


class VerificationService:
    """Verification use-cases on one open project database."""

    def __init__(self, db: Database, questionnaire: Questionnaire, actor: Actor,
                 lang: str = "en", on_change: Callable[[FormChange], None] | None = None):
        self.db = db
        self.on_change = on_change  # told of each form this service marks verified
        self.questionnaire = questionnaire
        self.actor = actor
        self.lang = lang

    def keyed_by_me(self, operator: str, operator_id: str | None) -> bool:
        """Whether a form (its operator's name and id) was keyed by the signed-in operator:
        compared by operator id, so a rename or a namesake changes nothing; by name only
        for forms without an id (keyed before operators had ids, or from a bundle) or when
        nobody signed in with one."""
        if operator_id is not None and self.actor.operator_id is not None:
            return operator_id == self.actor.operator_id
        return operator == self.actor.operator

    # -- sampling ------------------------------------------------------------------------
    def sample(self, round_uuid: str) -> list[tuple[str, int, str]]:
        """(uuid, form number, status) of the live non-draft forms the rule picks."""
        round_ = round_store.get_round(self.db.conn, round_uuid)
        if round_ is None:
            return []
        return [(uuid, number, status) for uuid, number, status, _op, _id
                in verification_store.live_forms(self.db.conn, round_uuid)
                if status in ("entered", "verified") and in_sample(round_, uuid, number)]

    def set_rule(self, round_uuid: str, mode: str, value: float) -> Round:
        """Change the round's sample rule (audited; supervisors only); returns the updated
        round."""
        round_ = round_store.get_round(self.db.conn, round_uuid)
        if round_ is None or mode not in ("all", "every_nth", "share", "none"):
            raise self._refused("bad_rule")
        if mode == "every_nth":
            value = float(max(int(round(value)), 1))
        elif mode == "share":
            value = min(max(float(value), 0.0), 1.0)
        changed = dataclasses.replace(round_, verify_mode=mode, verify_value=value)
        if changed == round_:
            return round_
        from .operator_service import require_supervisor
        with self.db.transaction() as conn:
            require_supervisor(conn, self.actor)  # the sample is a project setting
            round_store.update_round(conn, changed)
            audit_store.write_audit(conn, [AuditEntry(
                "verify_rule", self.actor.operator, self.actor.device,
                old=f"{round_.verify_mode} {round_.verify_value:g}",
                new=f"{mode} {value:g}", reason=round_.name)])
        return changed

    def due(self, round_uuid: str) -> list[tuple[str, int]]:
        """(uuid, form number) of sampled forms still waiting for a second keying."""
        waiting = verification_store.open_response_uuids(self.db.conn, round_uuid)
        return [(uuid, number) for uuid, number, status in self.sample(round_uuid)
                if status == "entered" and uuid not in waiting]

    def next_due(self, round_uuid: str) -> tuple[str, int] | None:
        """The next form to verify: the lowest-numbered one due not keyed by this
        operator (the first keyer never verifies their own form)."""
        round_ = round_store.get_round(self.db.conn, round_uuid)
        if round_ is None:
            return None
        waiting = verification_store.open_response_uuids(self.db.conn, round_uuid)
        for uuid, number, operator, operator_id in verification_store.entered_forms(
                self.db.conn, round_uuid):
            if not self.keyed_by_me(operator, operator_id) and uuid not in waiting \
                    and in_sample(round_, uuid, number):
                return uuid, number
        return None

    def overview(self, round_uuid: str) -> tuple[int, int, list[int]]:
        """(sampled forms verified, sampled forms, numbers still due) in one read."""
        sample = self.sample(round_uuid)
        waiting = verification_store.open_response_uuids(self.db.conn, round_uuid)
        verified = sum(1 for _u, _n, status in sample if status == "verified")
        due = [number for uuid, number, status in sample
               if status == "entered" and uuid not in waiting]
        return verified, len(sample), due

    def summary(self, round_uuid: str) -> "VerificationSummary":
        """Everything the start page shows, from one read of the round's forms: sampled
        forms verified, sampled forms, numbers due, forms verified outside the sample
        (opened by number), and the next form due for this operator."""
        round_ = round_store.get_round(self.db.conn, round_uuid)
        if round_ is None:
            return VerificationSummary(0, 0, [], 0, None)
        waiting = verification_store.open_response_uuids(self.db.conn, round_uuid)
        verified = sampled = outside = 0
        due: list[int] = []
        next_due = None
        for uuid, number, status, operator, operator_id in verification_store.live_forms(
                self.db.conn, round_uuid):
            if status not in ("entered", "verified"):
                continue
            picked = in_sample(round_, uuid, number)
            if not picked:
                outside += status == "verified"
                continue
            sampled += 1
            if status == "verified":
                verified += 1
            elif uuid not in waiting:
                due.append(number)
                if next_due is None and not self.keyed_by_me(operator, operator_id):
                    next_due = (uuid, number)
        return VerificationSummary(verified, sampled, due, outside, next_due)

    def find(self, round_uuid: str, form_number: int) -> str:
        """The uuid of a form that this operator may verify now; refusal otherwise."""
        uuid = response_store.find_form(self.db.conn, round_uuid, form_number)
        stored = response_store.get_form(self.db.conn, uuid) if uuid else None
        if stored is None:
            raise self._refused("no_form", n=form_number)
        row = stored.response
        self._check_role()
        if row.status != "entered":
            raise self._refused("not_entered", n=form_number, status=row.status)
        if self.keyed_by_me(row.operator, row.operator_id):
            raise self._refused("same_operator", n=form_number, operator=row.operator)
        return uuid

    def open_for(self, response_uuid: str) -> VerificationRow | None:
        """The verification of a form still waiting for decisions, if any."""
        return verification_store.open_verification(self.db.conn, response_uuid)

    def items(self, verification_id: int) -> list[ItemRow]:
        """The discrepancies of a verification, in paper order."""
        return verification_store.items(self.db.conn, verification_id)

    def form(self, response_uuid: str) -> StoredForm | None:
        """The stored form (first keying, or the final values once verified)."""
        return response_store.get_form(self.db.conn, response_uuid)

    # -- comparing -----------------------------------------------------------------------
    def compare(self, response_uuid: str, second: Mapping[str, str]) -> Comparison:
        """Store a blind second keying and its discrepancies with the first keying.

        Both keyings are compared as canonical text over the questions that apply under
        either of them (a skipped question counts as blank). With no discrepancy the form
        is verified in the same transaction.
        """
        stored = response_store.get_form(self.db.conn, response_uuid)
        if stored is None or stored.response.status != "entered":
            raise self._refused("no_verification")
        number = stored.response.form_number
        self._check_role()
        if self.keyed_by_me(stored.response.operator, stored.response.operator_id):
            raise self._refused("same_operator", n=number, operator=stored.response.operator)
        if self.open_for(response_uuid) is not None:
            raise self._refused("open_exists", n=number)
        first = stored.answers
        second_kept, _ = without_skipped(self.questionnaire, dict(second))
        second_values = {qid: self._canonical_or_raw(qid, text)
                         for qid, text in second_kept.items()}
        compared = set(applicable(self.questionnaire, first)) | set(
            applicable(self.questionnaire, second_values))
        order = [qid for qid in self.questionnaire.question_ids() if qid in compared]
        differences = [(qid, first.get(qid, ""), second_values.get(qid, ""))
                       for qid in order if first.get(qid, "") != second_values.get(qid, "")]
        now = utc_now()
        with self.db.transaction() as conn:
            verification_id = verification_store.insert_verification(
                conn, response_uuid, self.actor.operator, now, second_values, len(order),
                differences)
            audit_store.write_audit(conn, [self._entry(
                "verify_keyed", response_uuid, new=str(len(differences)),
                reason=f"{len(order)} fields compared")], now)
            if not differences:
                self._apply(conn, verification_id, stored.answers, {}, now)
        if not differences:
            self._publish_verified(response_uuid)
        items = tuple(verification_store.items(self.db.conn, verification_id))
        return Comparison(verification_id, response_uuid, number, len(order), items,
                          verified=not differences)

    # -- resolving -----------------------------------------------------------------------
    def resolve(self, verification_id: int, question_id: str, decision: str,
                typed_value: str = "") -> ItemRow:
        """Record the decision on one discrepancy (audited in the same transaction)."""
        verification = verification_store.get_verification(self.db.conn, verification_id)
        if verification is None or verification.status != "open":
            raise self._refused("no_verification")
        item = next((i for i in verification_store.items(self.db.conn, verification_id)
                     if i.question_id == question_id), None)
        if item is None or decision not in DECISIONS:
            raise self._refused("bad_decision")
        if decision == "keep_first":
            final = item.first_value
        elif decision == "keep_second":
            final = item.second_value
        else:
            final = self._typed(question_id, typed_value)
        now = utc_now()
        with self.db.transaction() as conn:
            verification_store.decide_item(conn, verification_id, question_id, final,
                                           decision, self.actor.operator, now)
            audit_store.write_audit(conn, [self._entry(
                "verify_decision", verification.response_uuid, question_id=question_id,
                old=item.first_value, new=final, reason=decision)], now)
        return next(i for i in verification_store.items(self.db.conn, verification_id)
                    if i.question_id == question_id)

    def finish(self, verification_id: int) -> int:
        """Write the decided values to the form and mark it verified; returns how many
        answers changed. Refused while a discrepancy is undecided or when the corrected
        form is not valid."""
        verification = verification_store.get_verification(self.db.conn, verification_id)
        if verification is None or verification.status != "open":
            raise self._refused("no_verification")
        items = verification_store.items(self.db.conn, verification_id)
        undecided = [i for i in items if not i.decided]
        if undecided:
            raise self._refused("undecided", n=len(undecided))
        stored = response_store.get_form(self.db.conn, verification.response_uuid)
        if stored is None or stored.response.status != "entered":
            raise self._refused("no_verification")
        decided = {i.question_id: i.final_value or "" for i in items}
        now = utc_now()
        with self.db.transaction() as conn:
            changed = self._apply(conn, verification_id, stored.answers, decided, now)
        self._publish_verified(stored.response.uuid)
        return changed

    # -- helpers -------------------------------------------------------------------------
    def _publish_verified(self, response_uuid: str) -> None:
        if self.on_change is not None:
            after = response_store.get_form(self.db.conn, response_uuid).response
            self.on_change(FormChange(after.uuid, "verify", after.status, after.revision))

    def _apply(self, conn, verification_id: int, first: Mapping[str, str],
               decided: Mapping[str, str], now: str) -> int:
        merged = dict(first)
        merged.update(decided)
        final, _cleared = without_skipped(self.questionnaire,
                                          {k: v for k, v in merged.items() if v != ""})
        # Out-of-range values kept from the first keying were confirmed at entry.
        confirmed = [qid for qid, value in final.items() if first.get(qid) == value]
        problems = validate_form(self.questionnaire, final, self.lang, confirmed)
        if problems:
            question = self.questionnaire.question(problems[0].question_id)
            raise self._refused("final_invalid", question=question.number,
                                problem=problems[0].message)
        changes = {qid: final.get(qid) for qid in set(final) | set(first)
                   if final.get(qid) != first.get(qid)}
        stored = response_store.get_form(conn, verification_store.get_verification(
            conn, verification_id).response_uuid)
        uuid, old = stored.response.uuid, stored.response
        entries = [self._entry("verify_edit", uuid, question_id=qid, old=first.get(qid),
                               new=value) for qid, value in sorted(changes.items())]
        entries.append(self._entry("status", uuid, old=old.status, new="verified"))
        response_store.replace_answers(conn, uuid, changes)
        response_store.update_response(conn, uuid, status="verified", updated=now,
                                       revision=old.revision + 1)
        verification_store.set_status(conn, verification_id, "resolved")
        audit_store.write_audit(conn, entries, now)
        return len(changes)

    def _typed(self, question_id: str, text: str) -> str:
        question = self.questionnaire.question(question_id)
        if not text.strip():
            return ""
        problem = check_answer(self.questionnaire, question, text, self.lang)
        if problem is not None:
            raise self._refused("bad_value", question=question.number, problem=problem.message)
        return canonical(question, text)

    def _canonical_or_raw(self, question_id: str, text: str) -> str:
        try:
            return canonical(self.questionnaire.question(question_id), text)
        except (ValueError, KeyError):
            return text.strip()

    def _entry(self, action: str, uuid: str, **fields: str | None) -> AuditEntry:
        return AuditEntry(action=action, operator=self.actor.operator, device=self.actor.device,
                          response_uuid=uuid, **fields)

    def _check_role(self) -> None:
        """A keyer does not verify (a verifier or a supervisor does; anybody while the
        project has no operators)."""
        from .operator_service import may_verify
        if not may_verify(self.db.conn, self.actor):
            raise self._refused("not_verifier")

    def _refused(self, key: str, **values: object) -> VerificationRefused:
        return VerificationRefused(error_message(f"verify.{key}", self.lang, **values))


def summary_from_file(path, questionnaire: Questionnaire, actor: Actor, lang: str,
                      round_uuid: str) -> VerificationSummary:
    """`VerificationService.summary` on a fresh connection to the project file (safe in a
    worker thread)."""
    from .project import Project
    project = Project.open(path, check_same_thread=False)
    try:
        return VerificationService(project.db, questionnaire, actor, lang).summary(round_uuid)
    finally:
        project.close()
