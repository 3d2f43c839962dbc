"""Paper ledger and per-operator figures, checked against numbers worked out by hand."""

from __future__ import annotations

import pytest

from desktop.services.form_service import Actor, FormService
from desktop.services.progress_service import ProgressService, compact_ranges
from desktop.services.verification_service import VerificationService
from desktop.storage import response_store


def test_compact_ranges():
    assert compact_ranges([]) == ""
    assert compact_ranges([40, 12, 13, 14, 15]) == "12-15, 40"
    assert compact_ranges([1, 3, 4, 7]) == "1, 3-4, 7"
    assert compact_ranges([5, 5, 6]) == "5-6"


def test_ledger_missing_numbers(project, service, valid_answers):
    round_uuid = project.create_round("Ledger", target_count=50, form_min=1, form_max=50).uuid
    keyed = [n for n in range(1, 51) if not (12 <= n <= 15 or n == 40)]
    for n in keyed:
        service.save_new(round_uuid, n, valid_answers)
    deleted = response_store.find_form(project.db.conn, round_uuid, 41)
    service.delete(deleted, "Keyed twice by mistake")
    ledger = ProgressService(project.db).ledger(round_uuid)
    assert ledger.expected == 50
    assert ledger.entered == 44
    assert ledger.verified == 0
    assert ledger.missing == (12, 13, 14, 15, 40, 41)
    assert ledger.missing_text == "12-15, 40-41"


def test_expected_and_missing_counts_follow_the_target(project, service, valid_answers):
    # 416 forms collected, numbered from a pad of 500: 84 numbers are never used.
    round_uuid = project.create_round("Pad", target_count=416, form_min=1, form_max=500).uuid
    for n in (1, 2, 3, 499):
        service.save_new(round_uuid, n, valid_answers)
    ledger = ProgressService(project.db).ledger(round_uuid)
    assert (ledger.expected, ledger.range_size, ledger.keyed) == (416, 500, 4)
    assert ledger.missing_count == 412
    assert len(ledger.missing) == 496 and ledger.outside == ()
    # Without a target the range is what is expected.
    plain = project.create_round("No target", form_min=1, form_max=10).uuid
    service.save_new(plain, 1, valid_answers)
    assert ProgressService(project.db).ledger(plain).expected == 10
    assert ProgressService(project.db).ledger(plain).missing_count == 9


def test_ledger_uses_target_without_range(project, service, valid_answers):
    round_uuid = project.create_round("Target only", target_count=5).uuid
    for n in (1, 2, 4, 7):
        service.save_new(round_uuid, n, valid_answers)
    service.save_new(round_uuid, 3, {"institution": "1"}, draft=True)
    ledger = ProgressService(project.db).ledger(round_uuid)
    assert (ledger.first, ledger.last, ledger.expected) == (1, 5, 5)
    assert ledger.missing_text == "5"
    assert ledger.outside_text == "7"
    assert (ledger.entered, ledger.drafts) == (4, 1)


def _different(value: str) -> str:
    return "1" if value != "1" else "2"


def test_operator_rates_by_hand(project, round_uuid, valid_answers):
    am = FormService(project.db, project.questionnaire, Actor("AM", "dev"))
    lc = FormService(project.db, project.questionnaire, Actor("LC", "dev"))
    jr = VerificationService(project.db, project.questionnaire, Actor("JR", "dev"))
    a1 = am.save_new(round_uuid, 1, valid_answers, keystrokes=70, entry_seconds=90).uuid
    a2 = am.save_new(round_uuid, 2, valid_answers, keystrokes=80, entry_seconds=90).uuid
    am.save_new(round_uuid, 3, valid_answers, keystrokes=90, entry_seconds=180)
    lc.save_new(round_uuid, 4, valid_answers, keystrokes=60, entry_seconds=60)

    # Form 1: three discrepancies; the paper agrees with the second keying once (error),
    # with the first once (no error of the first keyer) and with a typed value once (error).
    second = dict(valid_answers)
    for qid in ("r01_likelihood", "r02_likelihood", "r03_likelihood"):
        second[qid] = _different(valid_answers[qid])
    one = jr.compare(a1, second)
    jr.resolve(one.verification_id, "r01_likelihood", "keep_second")
    jr.resolve(one.verification_id, "r02_likelihood", "keep_first")
    typed = "3" if valid_answers["r03_likelihood"] not in ("3",) else "4"
    typed = typed if typed != second["r03_likelihood"] else "5"
    jr.resolve(one.verification_id, "r03_likelihood", "typed", typed)
    jr.finish(one.verification_id)
    # Form 2: one discrepancy where a typed value equals the first keying: no error.
    second2 = dict(valid_answers, c1_knows_reporting=_different(
        valid_answers["c1_knows_reporting"]))
    two = jr.compare(a2, second2)
    jr.resolve(two.verification_id, "c1_knows_reporting", "typed",
               valid_answers["c1_knows_reporting"])
    jr.finish(two.verification_id)

    days = {row.operator: row for row in ProgressService(project.db).operator_days(round_uuid)}
    am_day = days["AM"]
    assert am_day.forms == 3
    assert am_day.keystrokes == 240
    assert am_day.keystrokes_per_hour == pytest.approx(240 * 3600 / 360)  # 2400 per hour
    assert am_day.forms_verified == 2
    assert am_day.fields_compared == 68  # 34 applicable questions on each form
    assert am_day.errors == 2
    assert am_day.errors_per_1000 == pytest.approx(2 * 1000 / 68)  # 29.4 per 1,000
    assert days["LC"].errors_per_1000 is None
    assert days["LC"].keystrokes_per_hour == pytest.approx(3600)
    ledger = ProgressService(project.db).ledger(round_uuid)
    assert (ledger.entered, ledger.verified) == (4, 2)
