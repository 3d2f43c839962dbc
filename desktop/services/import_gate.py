"""HQ's door: every check that decides whether a verified bundle may be merged.

Run by the import service inside the bundle's one `BEGIN IMMEDIATE` transaction, before
the first write, so two imports at once see each other's results and a refusal leaves the
database as it was. In order: the device register (enrolled, not revoked, the device id
bound to its key), the sequence number (a number reused by another bundle is held), every
questionnaire the bundle carries (the full loader), every answer against the version its
round was keyed with (`FormGate`, the entry form's rules), responses.csv against the
records, and the audit hash chain against the last row HQ holds for each device.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from ..bundle.bundle_reader import BundleContents, VerifiedBundle
from ..bundle.csv_export import CsvWriter
from ..bundle.errors import BundleError
from ..bundle.manifest import RESPONSES_CSV
from ..domain.form_gate import FormGate
from ..domain.form_rules import CONFIRMABLE
from ..domain.questionnaire import Questionnaire
from ..domain.questionnaire_loader import QuestionnaireError, parse_questionnaire
from ..storage import audit_chain, bundle_store, device_store, questionnaire_store
from ..storage.device_store import EnrolledDevice
from .device_service import display_fingerprint, enrol_command


@dataclass
class DoorContext:
    """What the checks found that the merge needs."""

    device: EnrolledDevice
    questionnaires: dict[str, Questionnaire]  # sha256 -> parsed version
    new_audit: list[tuple]  # audit rows HQ does not hold yet, in bundle order


def check_device(conn: sqlite3.Connection, verified: VerifiedBundle,
                 db_label: str) -> EnrolledDevice:
    """The enrolled, unrevoked register entry of the key that signed the bundle."""
    m = verified.manifest
    compact = verified.fingerprint.replace(" ", "")
    device = device_store.get_device(conn, compact)
    if device is None:
        raise BundleError("unknown_device", f"{m.device_id} {compact}", device_id=m.device_id,
                          fingerprint=verified.fingerprint,
                          command=enrol_command(compact, db_label))
    if not device.active:
        raise BundleError("revoked_device", f"{m.device_id} {compact}",
                          device_id=m.device_id, fingerprint=verified.fingerprint,
                          revoked=device.revoked)
    if device.device_id is not None and device.device_id != m.device_id:
        raise BundleError("device_id_mismatch", m.device_id, device_id=m.device_id,
                          enrolled_id=device.device_id, fingerprint=verified.fingerprint)
    return device


def check_sequence(conn: sqlite3.Connection, verified: VerifiedBundle) -> None:
    """A sequence number this device already used for another bundle is held."""
    m = verified.manifest
    other = bundle_store.imported_bundle_with_sequence(conn, m.device_id, m.sequence)
    if other is not None and other != m.bundle_uuid:
        raise BundleError("sequence_reused", f"{m.device_id} #{m.sequence}",
                          device_id=m.device_id, sequence=m.sequence, other=other)


def check_questionnaires(conn: sqlite3.Connection,
                         contents: BundleContents) -> dict[str, Questionnaire]:
    """Every questionnaire in the bundle, through the full loader; HQ's stored versions
    that the bundle's rounds refer to are loaded too."""
    texts = [contents.questionnaire_text] + [r["questionnaire_definition"]
                                             for r in contents.rounds
                                             if r["questionnaire_definition"]]
    parsed: dict[str, Questionnaire] = {}
    for text in texts:
        try:
            q = parse_questionnaire(text, source="bundle")
        except QuestionnaireError as exc:
            raise BundleError("bad_questionnaire", str(exc),
                              problem=exc.problems[0] if exc.problems else "?") from exc
        except (RecursionError, ValueError, TypeError) as exc:
            raise BundleError("bad_questionnaire", repr(exc), problem=type(exc).__name__) \
                from exc
        parsed[q.sha256] = q
    for round_ in contents.rounds:
        sha = round_["questionnaire_sha256"]
        if sha not in parsed:
            text = questionnaire_store.questionnaire_text(conn, sha)
            if text is None:
                raise BundleError("tampered", f"round {round_['uuid']}: unknown questionnaire")
            parsed[sha] = parse_questionnaire(text, source="HQ")
    return parsed


def check_answers(conn: sqlite3.Connection, contents: BundleContents,
                  questionnaires: dict[str, Questionnaire],
                  round_questionnaire: dict[str, str], round_names: dict[str, str],
                  csv_question_ids: tuple[str, ...], csv_bytes: bytes) -> None:
    """Every answer of every form against its round's version; responses.csv rebuilt from
    the records must be byte for byte the one the bundle carries."""
    gates: dict[str, FormGate] = {}
    csv = CsvWriter(csv_question_ids)
    pending: list[tuple] = []  # out-of-range values that need a confirmation
    for record in contents.forms:
        f = record.fields
        answers = record.answers
        sha = round_questionnaire.get(f["round_uuid"])
        if sha is None:
            raise BundleError("tampered", "forms refer to rounds the bundle does not carry")
        gate = gates.get(sha)
        if gate is None:
            gate = gates[sha] = FormGate(questionnaires[sha])
        for problem in gate.problems(answers, draft=f["status"] in ("draft", "deleted")):
            if problem.key in CONFIRMABLE:
                pending.append((record, problem))
                continue
            _refuse_answer(record, problem, round_names)
        csv.add((round_names.get(f["round_uuid"], ""), f["round_uuid"], f["uuid"],
                 f["form_number"], f["status"], f["operator"], f["device"], f["created"],
                 f["updated"], f["revision"], f["deleted_reason"]), answers,
                record.answers_text)
    if pending:
        _check_confirmations(conn, contents, pending, round_names)
    if csv.to_bytes() != csv_bytes:
        raise BundleError("csv_mismatch", RESPONSES_CSV,
                          problem="a row or a value differs from records.jsonl")


def _refuse_answer(record, problem, round_names: dict[str, str]) -> None:
    f = record.fields
    raise BundleError("bad_answer", f"{f['uuid']} {problem.question_id} {problem.key}",
                      form_number=f["form_number"],
                      round=round_names.get(f["round_uuid"], f["round_uuid"]),
                      question=problem.question_id, problem=problem.message)


def _check_confirmations(conn, contents: BundleContents, pending: list[tuple],
                         round_names: dict[str, str]) -> None:
    """An out-of-range value passes only with the operator's confirmation in the audit
    log (this bundle's rows or those HQ holds), as the entry form records it."""
    confirmed = {(row[5], row[6], row[8]) for row in contents.audit
                 if row[4] == "confirm_out_of_range"}
    confirmed |= bundle_store.confirmations(conn, {r.uuid for r, _ in pending})
    for record, problem in pending:
        value = record.answers.get(problem.question_id)
        if (record.uuid, problem.question_id, value) not in confirmed:
            _refuse_answer(record, problem, round_names)


def check_audit_chain(conn: sqlite3.Connection, contents: BundleContents) -> list[tuple]:
    """The bundle's audit rows that HQ does not hold, after checking that each device's
    rows verify, link to each other, and continue from the last row HQ holds for it."""
    rows = contents.audit
    held = bundle_store.audit_hashes(conn, (row[0] for row in rows))
    by_device: dict[str, list[tuple]] = {}
    for row in rows:
        by_device.setdefault(row[3], []).append(row)
    new_rows: list[tuple] = []
    for device, chain in by_device.items():
        head = audit_chain.device_head(conn, device)
        has_chain = bool(head)
        previous: str | None = None
        started_new = False
        for row in chain:
            values, prev, digest = row[:10], row[10], row[11]
            known = row[0] in held
            if digest is None:  # a row written before the chain existed (format 1)
                if previous is not None or (not known and has_chain):
                    _chain_error(device, "a row without its hash follows the chain")
                if known and held[row[0]] is not None:
                    _chain_error(device, "a row lost its hash")
                if not known:
                    new_rows.append(row)
                continue
            if digest != audit_chain.row_hash(prev, values):
                _chain_error(device, "a row does not match its hash: it was changed")
            if previous is not None and prev != previous:
                _chain_error(device, "a row is missing or out of order")
            if known:
                if held[row[0]] != digest:
                    _chain_error(device, "a row differs from the one headquarters holds")
                if started_new:
                    _chain_error(device, "rows headquarters holds follow new rows")
            else:
                if not started_new and prev != (head or audit_chain.GENESIS):
                    _chain_error(device, "it does not start where the last imported "
                                         "bundle ended")
                started_new = True
                new_rows.append(row)
            previous = digest
    return new_rows


def _chain_error(device: str, problem: str) -> None:
    raise BundleError("audit_chain", f"{device}: {problem}", device=device, problem=problem)


__all__ = ["DoorContext", "check_answers", "check_audit_chain", "check_device",
           "check_questionnaires", "check_sequence", "display_fingerprint"]
