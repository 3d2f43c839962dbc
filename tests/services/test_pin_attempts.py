"""Wrong PINs are remembered in the project: the growing wait survives closing and reopening
the program (and running a command again); a correct PIN or a PIN reset clears it; the
moment the wait begins is audited (services/operator_service.py, pin_attempt_store.py)."""

from __future__ import annotations

import pytest

from desktop.cli import main
from desktop.services.form_service import Actor
from desktop.services.operator_service import FREE_TRIES, OperatorRefused, OperatorService
from desktop.services.project import Project
from desktop.storage import pin_attempt_store

PIN = "731946"
KEYER_PIN = "582039"


def _fail(service, name, times=FREE_TRIES):
    for _ in range(times):
        with pytest.raises(OperatorRefused) as refused:
            service.sign_in(name, "1111")
        assert refused.value.key == "operator.wrong_pin"


def _audited(db, action):
    return db.conn.execute("SELECT operator, device, question_id, old, new FROM audit_log "
                           "WHERE action = ?", (action,)).fetchall()


def test_the_wait_survives_a_restart_and_a_correct_pin_clears_it(tmp_path):
    path = tmp_path / "team.db"
    project = Project.open(path)
    sara = OperatorService(project.db).create_first_supervisor("Sara", PIN)
    now = [1_800_000_000.0]
    _fail(OperatorService(project.db, clock=lambda: now[0]), "Sara")
    project.close()

    now[0] += 1  # the program was closed and opened again a second later
    project = Project.open(path)
    try:
        service = OperatorService(project.db, clock=lambda: now[0])
        assert service.wait_seconds("sara") == pytest.approx(1.0)
        with pytest.raises(OperatorRefused) as waiting:
            service.sign_in("Sara", PIN)  # even the right PIN waits
        assert waiting.value.key == "operator.wait" and waiting.value.params["seconds"] == 1
        # The wait began once, and the audit says for whom, under this laptop's device.
        [(who, device, operator_id, name, what)] = _audited(project.db, "operator_pin_wait")
        assert (who, operator_id, name) == ("?", sara.id, "Sara")
        assert device == project.device_key.device_id and what.startswith("3 ")
        now[0] += 2
        _fail(service, "Sara", 1)  # a fourth wrong PIN doubles the step
        assert service.wait_seconds("Sara") == pytest.approx(4.0)
        assert len(_audited(project.db, "operator_pin_wait")) == 1
    finally:
        project.close()

    now[0] += 4
    project = Project.open(path)
    try:
        service = OperatorService(project.db, clock=lambda: now[0])
        assert service.wait_seconds("Sara") == 0
        assert service.sign_in("Sara", PIN).id == sara.id
        assert pin_attempt_store.get_failures(project.db.conn, sara.id) == (0, 0.0)
        _fail(service, "Sara", FREE_TRIES - 1)  # counting starts again from nothing
        assert service.wait_seconds("Sara") == 0
    finally:
        project.close()


def test_a_clock_set_back_never_makes_the_wait_longer_than_its_step(project):
    OperatorService(project.db).create_first_supervisor("Sara", PIN)
    now = [1_800_000_000.0]
    service = OperatorService(project.db, clock=lambda: now[0])
    _fail(service, "Sara")
    now[0] -= 86_400  # someone sets the laptop's clock back a day
    assert service.wait_seconds("Sara") == pytest.approx(2.0)


def test_unknown_names_are_counted_but_never_stored(project):
    OperatorService(project.db).create_first_supervisor("Sara", PIN)
    now = [1_800_000_000.0]
    service = OperatorService(project.db, clock=lambda: now[0])
    _fail(service, "582039")  # a PIN typed into the name box
    assert service.wait_seconds("582039") > 0
    assert project.db.conn.execute("SELECT COUNT(*) FROM pin_attempt").fetchone()[0] == 0
    assert not _audited(project.db, "operator_pin_wait")
    assert service.wait_seconds("Sara") == 0  # another name is not held up


def test_a_pin_reset_clears_the_wait(project):
    sara = OperatorService(project.db).create_first_supervisor("Sara", PIN)
    as_sara = OperatorService(project.db, Actor("Sara", "dev", sara.id))
    kim = as_sara.add("Kim", "keyer", KEYER_PIN)
    now = [1_800_000_000.0]
    _fail(OperatorService(project.db, clock=lambda: now[0]), "Kim")
    assert OperatorService(project.db, clock=lambda: now[0]).wait_seconds("Kim") > 0
    as_sara.reset_pin(kim.id, "246810")
    fresh = OperatorService(project.db, clock=lambda: now[0])
    assert fresh.wait_seconds("Kim") == 0 and fresh.sign_in("Kim", "246810").id == kim.id


def test_a_reactivated_operator_starts_without_a_wait(project):
    sara = OperatorService(project.db).create_first_supervisor("Sara", PIN)
    as_sara = OperatorService(project.db, Actor("Sara", "dev", sara.id))
    kim = as_sara.add("Kim", "keyer", KEYER_PIN)
    now = [1_800_000_000.0]
    _fail(OperatorService(project.db, clock=lambda: now[0]), "Kim")
    as_sara.deactivate(kim.id)
    as_sara.reactivate(kim.id)
    assert OperatorService(project.db, clock=lambda: now[0]).wait_seconds("Kim") == 0


def test_a_read_only_project_keeps_the_stored_count_and_counts_the_rest_in_memory(tmp_path):
    path = tmp_path / "team.db"
    project = Project.open(path)
    sara = OperatorService(project.db).create_first_supervisor("Sara", PIN)
    now = [1_800_000_000.0]
    _fail(OperatorService(project.db, clock=lambda: now[0]), "Sara", FREE_TRIES - 1)
    project.close()
    from desktop.services.workspace import open_database
    db = open_database(path, read_only=True)
    try:
        service = OperatorService(db, clock=lambda: now[0])
        _fail(service, "Sara", 1)  # the third, counted here on top of the two stored
        assert service.wait_seconds("Sara") == pytest.approx(2.0)
        assert pin_attempt_store.get_failures(db.conn, sara.id)[0] == FREE_TRIES - 1
    finally:
        db.close()


def test_the_command_line_remembers_wrong_pins_between_runs(tmp_path, monkeypatch, capsys):
    path = tmp_path / "team.db"
    Project.open(path).close()
    monkeypatch.setenv("RISKMAP_NEW_PIN", PIN)
    assert main(["operators", "add", "--db", str(path), "--name", "Sara"]) == 0
    monkeypatch.setenv("RISKMAP_NEW_PIN", KEYER_PIN)
    add_kim = ["operators", "add", "--db", str(path), "--name", "Kim", "--role", "keyer",
               "--operator", "Sara"]
    monkeypatch.setenv("RISKMAP_PIN", "1111")
    for _ in range(FREE_TRIES):  # each run is a new process as far as the count goes
        assert main(add_kim) == 2
    capsys.readouterr()
    monkeypatch.setenv("RISKMAP_PIN", PIN)
    assert main(add_kim) == 2  # the right PIN, but too soon
    err = capsys.readouterr().err
    assert "wait" in err.lower() and "Traceback" not in err
