"""Operators: PIN hashes, sign-in, roles in the services, and "a keyer cannot verify their
own form" by operator id (services/operator_service.py, verification_service.py)."""

from __future__ import annotations

import hashlib

import pytest

from desktop.services.form_service import Actor
from desktop.services.operator_service import (FREE_TRIES, OperatorRefused, OperatorService,
                                               hash_pin, pin_matches)
from desktop.services.verification_service import VerificationRefused
from desktop.services.workspace import Workspace
from desktop.storage import operator_store

SUPERVISOR_PIN = "731946"
KEYER_PIN = "582039"


def _claim(project) -> tuple[OperatorService, object]:
    """A project with a supervisor 'Sara' signed in; returns her service and her."""
    sara = OperatorService(project.db).create_first_supervisor("Sara", SUPERVISOR_PIN,
                                                                SUPERVISOR_PIN)
    return OperatorService(project.db, Actor("Sara", "dev", sara.id)), sara


def _actor(op) -> Actor:
    return Actor(op.name, "dev-test", op.id)


def test_pin_hash_is_scrypt_with_salt_and_not_reversible():
    first, salt, params = hash_pin("4711")
    again, salt2, _ = hash_pin("4711")
    assert params.startswith("scrypt:") and len(salt) == 16 and len(first) == 32
    assert salt != salt2 and first != again  # a fresh salt each time
    assert pin_matches("4711", first, salt, params)
    assert not pin_matches("4712", first, salt, params)
    assert b"4711" not in first + salt
    # Standard scrypt (the same bytes as hashlib's), with the parameters stored beside it.
    assert params == "scrypt:n=16384,r=8,p=1,len=32"
    assert hashlib.scrypt(b"4711", salt=salt, n=16384, r=8, p=1, dklen=32,
                          maxmem=64 * 2 ** 20) == first


def test_no_pin_in_the_database_bytes(tmp_path):
    path = tmp_path / "plain.db"  # a plaintext project: what an unlocked file holds
    project = Workspace.open(path)
    service, _sara = _claim(project)
    service.add("Kim", "keyer", KEYER_PIN)
    service.reset_pin(operator_store.find_active(project.db.conn, "Kim").id, "90817263")
    project.close()
    data = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("plain"))
    assert b"Sara" in data  # the search works: names are there
    for pin in (SUPERVISOR_PIN, KEYER_PIN, "90817263"):
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            assert pin.encode(encoding) not in data


def test_sign_in_refuses_a_wrong_pin_an_unknown_name_and_a_deactivated_operator(project):
    service, sara = _claim(project)
    kim = service.add("Kim", "keyer", KEYER_PIN, KEYER_PIN)
    fresh = OperatorService(project.db)
    assert fresh.sign_in("  kim ", KEYER_PIN) == kim  # case and spaces do not matter
    for name, pin in (("Kim", "000000"), ("Nobody", KEYER_PIN), ("Kim", "")):
        with pytest.raises(OperatorRefused) as refused:
            OperatorService(project.db).sign_in(name, pin)
        assert refused.value.key == "operator.wrong_pin"
    service.deactivate(kim.id)
    with pytest.raises(OperatorRefused):
        fresh.sign_in("Kim", KEYER_PIN)
    assert service.get(kim.id).active is False  # never deleted
    assert fresh.sign_in("Sara", SUPERVISOR_PIN) == sara


def test_repeated_failures_make_the_next_try_wait(project):
    _claim(project)
    now = [100.0]
    service = OperatorService(project.db, clock=lambda: now[0], monotonic=lambda: now[0])
    for _ in range(FREE_TRIES):
        with pytest.raises(OperatorRefused):
            service.sign_in("Sara", "1111")
    with pytest.raises(OperatorRefused) as waiting:
        service.sign_in("Sara", SUPERVISOR_PIN)  # even the right PIN waits
    assert waiting.value.key == "operator.wait" and service.wait_seconds("Sara") > 0
    now[0] += 60
    assert service.sign_in("Sara", SUPERVISOR_PIN).name == "Sara"
    assert service.wait_seconds("Sara") == 0


def test_first_supervisor_only_once_and_pins_checked(project):
    service = OperatorService(project.db)
    assert not service.has_operators()
    with pytest.raises(OperatorRefused) as short:
        service.create_first_supervisor("Sara", "12", "12")
    assert short.value.key == "operator.short_pin"
    with pytest.raises(OperatorRefused) as differ:
        service.create_first_supervisor("Sara", "123456", "123457")
    assert differ.value.key == "operator.pins_differ"
    service.create_first_supervisor("Sara", SUPERVISOR_PIN)
    with pytest.raises(OperatorRefused) as claimed:
        service.create_first_supervisor("Eve", "999999")
    assert claimed.value.key == "operator.already_claimed"


def test_only_a_supervisor_manages_operators_and_the_last_one_stays(project):
    service, sara = _claim(project)
    kim = service.add("Kim", "keyer", KEYER_PIN)
    as_kim = OperatorService(project.db, _actor(kim))
    for attempt in (lambda: as_kim.add("Eve", "supervisor", "999999"),
                    lambda: as_kim.set_role(kim.id, "supervisor"),
                    lambda: as_kim.reset_pin(sara.id, "999999"),
                    lambda: as_kim.deactivate(sara.id)):
        with pytest.raises(OperatorRefused) as refused:
            attempt()
        assert refused.value.key == "operator.not_supervisor"
    with pytest.raises(OperatorRefused) as last:
        service.deactivate(sara.id)
    assert last.value.key == "operator.last_supervisor"
    with pytest.raises(OperatorRefused) as taken:
        service.add("KIM", "verifier", "999999")
    assert taken.value.key == "operator.name_taken"
    assert service.set_role(kim.id, "verifier").role == "verifier"
    actions = [r[0] for r in project.db.conn.execute(
        "SELECT action FROM audit_log WHERE action LIKE 'operator_%' ORDER BY id")]
    assert actions == ["operator_add", "operator_add", "operator_role"]


def test_settings_and_sampling_need_a_supervisor_once_there_are_operators(project, round_uuid):
    project.actor = Actor("anyone", "dev")
    project.set_setting("min_group_size", 7)  # no operators yet: no roles to enforce
    service, sara = _claim(project)
    kim = service.add("Kim", "keyer", KEYER_PIN)
    project.actor = _actor(kim)
    assert not project.may_change_settings()
    with pytest.raises(OperatorRefused):
        project.set_setting("min_group_size", 3)
    with pytest.raises(OperatorRefused):
        project.verification_service(project.questionnaire, _actor(kim)).set_rule(
            round_uuid, "all", 1)
    # A keyer who claims the supervisor's id by name only gets nothing.
    project.actor = Actor("Sara", "dev", None)
    with pytest.raises(OperatorRefused):
        project.set_setting("min_group_size", 3)
    project.actor = _actor(sara)
    project.set_setting("min_group_size", 3)
    project.verification_service(project.questionnaire, _actor(sara)).set_rule(
        round_uuid, "all", 1)
    assert project.min_group_size == 3
    rows = project.db.conn.execute("SELECT operator, new FROM audit_log WHERE action = "
                                   "'setting' ORDER BY id").fetchall()
    assert [tuple(r) for r in rows] == [("anyone", "7"), ("Sara", "3")]


def _keyed_form(project, round_uuid, actor, valid_answers, number=1) -> str:
    change = project.form_service(actor).save_new(round_uuid, number, valid_answers)
    return change.uuid


def test_verification_compares_operator_ids_not_names(project, round_uuid, valid_answers):
    service, sara = _claim(project)
    project.verification_service(project.questionnaire, _actor(sara)).set_rule(
        round_uuid, "all", 1)
    ana = service.add("Ana", "keyer", KEYER_PIN)
    form = _keyed_form(project, round_uuid, _actor(ana), valid_answers)
    stored = project.db.conn.execute(
        "SELECT operator, operator_id FROM response WHERE uuid = ?", (form,)).fetchone()
    assert tuple(stored) == ("Ana", ana.id)
    # Ana renamed: still her own form.
    renamed = service.rename(ana.id, "Ana Old")
    verifier = project.verification_service(project.questionnaire, _actor(renamed))
    with pytest.raises(VerificationRefused):
        verifier.find(round_uuid, 1)
    with pytest.raises(VerificationRefused):
        verifier.compare(form, valid_answers)
    assert verifier.next_due(round_uuid) is None
    # Another operator now called "Ana" (the name the form carries) may verify it.
    other = service.add("Ana", "verifier", "24681357")
    namesake = project.verification_service(project.questionnaire, _actor(other))
    assert namesake.find(round_uuid, 1) == form
    assert namesake.next_due(round_uuid) == (form, 1)
    assert namesake.compare(form, valid_answers).verified


def test_a_keyer_does_not_verify(project, round_uuid, valid_answers):
    service, _sara = _claim(project)
    ana = service.add("Ana", "keyer", KEYER_PIN)
    kim = service.add("Kim", "keyer", "24681357")
    form = _keyed_form(project, round_uuid, _actor(ana), valid_answers)
    as_kim = project.verification_service(project.questionnaire, _actor(kim))
    for attempt in (lambda: as_kim.find(round_uuid, 1),
                    lambda: as_kim.compare(form, valid_answers)):
        with pytest.raises(VerificationRefused) as refused:
            attempt()
        assert "keyer" in str(refused.value)
    service.set_role(kim.id, "verifier")
    assert as_kim.find(round_uuid, 1) == form


def test_forms_without_an_operator_id_fall_back_to_the_name(project, round_uuid,
                                                           valid_answers):
    form = _keyed_form(project, round_uuid, Actor("Ana", "dev"), valid_answers)  # no id
    service, _sara = _claim(project)
    ana = service.add("Ana", "verifier", KEYER_PIN)
    with pytest.raises(VerificationRefused):
        project.verification_service(project.questionnaire, _actor(ana)).find(round_uuid, 1)
    bea = service.add("Bea", "verifier", "24681357")
    assert project.verification_service(project.questionnaire, _actor(bea)).find(
        round_uuid, 1) == form


def test_reactivate_keeps_the_pin_and_refuses_a_taken_name(project):
    service, sara = _claim(project)
    kim = service.add("Kim", "keyer", KEYER_PIN)
    service.deactivate(kim.id)
    assert service.reactivate(kim.id).active  # under the old name, which is free
    service.deactivate(kim.id)
    service.add("kim", "verifier", "999999")
    with pytest.raises(OperatorRefused) as taken:
        service.reactivate(kim.id)
    assert taken.value.key == "operator.name_taken" and not service.get(kim.id).active
    back = service.reactivate(kim.id, " Kim  Ruiz ")
    assert (back.name, back.role, back.active) == ("Kim Ruiz", "keyer", True)
    assert OperatorService(project.db).sign_in("Kim Ruiz", KEYER_PIN).id == kim.id
    keyer = OperatorService(project.db, _actor(back))
    with pytest.raises(OperatorRefused) as refused:
        keyer.reactivate(sara.id)
    assert refused.value.key == "operator.not_supervisor"
