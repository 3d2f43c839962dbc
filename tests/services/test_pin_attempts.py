"""Wrong PINs are remembered in the project: the growing wait survives closing and reopening
the program (and running a command again); a correct PIN or a PIN reset clears it, and
they are forgotten a shift (8 hours) after the last one; a clock changed while the program
runs changes no wait; the moment the wait begins is audited (services/operator_service.py,
pin_wait.py, pin_attempt_store.py)."""

from __future__ import annotations

import pytest

from desktop.cli import main
from desktop.services.form_service import Actor
from desktop.services.operator_service import (
    FREE_TRIES, MAX_WAIT, OperatorRefused, OperatorService,
)
from desktop.services.project import Project
from desktop.storage import pin_attempt_store

PIN = "731946"
HOUR = 3600.0
KEYER_PIN = "582039"


def _fail(service, name, times=FREE_TRIES):
    for _ in range(times):
        with pytest.raises(OperatorRefused) as refused:
            service.sign_in(name, "1111")
        assert refused.value.key == "operator.wrong_pin"


def _at(db, now):
    """A service whose wall and monotonic clocks both read `now[0]`."""
    return OperatorService(db, clock=lambda: now[0], monotonic=lambda: now[0])


def _guess(service, name, times, *clocks):
    """`times` wrong PINs, each as soon as the wait allows (`clocks` move on by it)."""
    for _ in range(times):
        wait = service.wait_seconds(name)
        for clock in clocks:
            clock[0] += wait
        _fail(service, name, 1)


def _audited(db, action):
    return db.conn.execute("SELECT operator, device, question_id, old, new FROM audit_log "
                           "WHERE action = ?", (action,)).fetchall()


def test_the_wait_survives_a_restart_and_a_correct_pin_clears_it(tmp_path):
    path = tmp_path / "team.db"
    project = Project.open(path)
    sara = OperatorService(project.db).create_first_supervisor("Sara", PIN)
    now = [1_800_000_000.0]
    _fail(_at(project.db, now), "Sara")
    project.close()

    now[0] += 1  # the program was closed and opened again a second later
    project = Project.open(path)
    try:
        service = _at(project.db, now)
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
        service = _at(project.db, now)
        assert service.wait_seconds("Sara") == 0
        assert service.sign_in("Sara", PIN).id == sara.id
        assert pin_attempt_store.get_failures(project.db.conn, sara.id) == (0, 0.0)
        _fail(service, "Sara", FREE_TRIES - 1)  # counting starts again from nothing
        assert service.wait_seconds("Sara") == 0
    finally:
        project.close()


def test_a_clock_set_back_between_runs_never_makes_the_wait_longer_than_its_step(tmp_path):
    path = tmp_path / "team.db"
    project = Project.open(path)
    OperatorService(project.db).create_first_supervisor("Sara", PIN)
    now = [1_800_000_000.0]
    _fail(OperatorService(project.db, clock=lambda: now[0]), "Sara")
    project.close()
    now[0] -= 86_400  # someone sets the laptop's clock back a day, then opens the program
    project = Project.open(path)
    try:
        service = OperatorService(project.db, clock=lambda: now[0])
        assert 1.9 < service.wait_seconds("Sara") <= 2.0  # its step, not a day
    finally:
        project.close()


@pytest.mark.parametrize("change", [-86_400, -3_600, 3_600, 86_400])
def test_a_clock_changed_while_the_program_runs_changes_no_wait(project, change):
    """The monotonic clock measures what this run saw: a clock set back neither shortens
    nor lengthens the wait, nor one set forward (not even past the forgetting)."""
    OperatorService(project.db).create_first_supervisor("Sara", PIN)
    wall, mono = [1_800_000_000.0], [500.0]
    service = OperatorService(project.db, clock=lambda: wall[0], monotonic=lambda: mono[0])
    _guess(service, "Sara", FREE_TRIES + 2, wall, mono)  # the step is now 8 s
    wall[0] += 3
    mono[0] += 3
    assert service.wait_seconds("Sara") == pytest.approx(5.0)
    wall[0] += change
    assert service.wait_seconds("Sara") == pytest.approx(5.0)
    mono[0] += 5
    assert service.wait_seconds("Sara") == 0
    _fail(service, "Sara", 1)  # still counted: the step doubles
    assert service.wait_seconds("Sara") == pytest.approx(16.0)


def test_wrong_pins_are_forgotten_a_shift_after_the_last_one(tmp_path):
    """An operator whose name was tried overnight starts the morning without a wait;
    somebody who keeps guessing never pauses that long, so the wait stays."""
    path = tmp_path / "team.db"
    project = Project.open(path)
    sara = OperatorService(project.db).create_first_supervisor("Sara", PIN)
    now = [1_800_000_000.0]
    service = _at(project.db, now)
    _guess(service, "Sara", 20, now)  # guessing, as fast as the wait allows
    assert service.wait_seconds("Sara") == pytest.approx(MAX_WAIT)
    now[0] += 8 * HOUR - 1
    assert service.wait_seconds("Sara") == 0  # the last wait is long over...
    _fail(service, "Sara", 1)  # ...but not forgotten: the next wrong PIN waits a minute
    assert service.wait_seconds("Sara") == pytest.approx(MAX_WAIT)
    project.close()

    now[0] += 8 * HOUR  # the next morning, the program opened again
    project = Project.open(path)
    try:
        service = OperatorService(project.db, clock=lambda: now[0])
        assert service.wait_seconds("Sara") == 0
        _fail(service, "Sara", FREE_TRIES - 1)  # the count starts again from nothing
        assert service.wait_seconds("Sara") == 0
        assert pin_attempt_store.get_failures(project.db.conn, sara.id)[0] == FREE_TRIES - 1
        _fail(service, "Sara", 1)  # a new wait begins, and is audited again
        assert 1.9 < service.wait_seconds("Sara") <= 2.0
        assert len(_audited(project.db, "operator_pin_wait")) == 2
    finally:
        project.close()


def test_unknown_names_are_forgotten_too(project):
    now = [1_800_000_000.0]
    service = _at(project.db, now)
    OperatorService(project.db).create_first_supervisor("Sara", PIN)
    _guess(service, "Nobody", FREE_TRIES + 1, now)
    assert service.wait_seconds("nobody") == pytest.approx(4.0)
    now[0] += 8 * HOUR
    assert service.wait_seconds("nobody") == 0
    _fail(service, "Nobody", 1)
    assert service.wait_seconds("nobody") == 0  # one wrong PIN: a free one again


def test_unknown_names_are_counted_but_never_stored(project):
    OperatorService(project.db).create_first_supervisor("Sara", PIN)
    now = [1_800_000_000.0]
    service = _at(project.db, now)
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
    _fail(_at(project.db, now), "Kim")
    assert _at(project.db, now).wait_seconds("Kim") > 0
    as_sara.reset_pin(kim.id, "246810")
    fresh = _at(project.db, now)
    assert fresh.wait_seconds("Kim") == 0 and fresh.sign_in("Kim", "246810").id == kim.id


def test_a_reactivated_operator_starts_without_a_wait(project):
    sara = OperatorService(project.db).create_first_supervisor("Sara", PIN)
    as_sara = OperatorService(project.db, Actor("Sara", "dev", sara.id))
    kim = as_sara.add("Kim", "keyer", KEYER_PIN)
    now = [1_800_000_000.0]
    _fail(_at(project.db, now), "Kim")
    as_sara.deactivate(kim.id)
    as_sara.reactivate(kim.id)
    assert _at(project.db, now).wait_seconds("Kim") == 0


def test_a_read_only_project_keeps_the_stored_count_and_counts_the_rest_in_memory(tmp_path):
    path = tmp_path / "team.db"
    project = Project.open(path)
    sara = OperatorService(project.db).create_first_supervisor("Sara", PIN)
    now = [1_800_000_000.0]
    _fail(_at(project.db, now), "Sara", FREE_TRIES - 1)
    project.close()
    from desktop.services.workspace import open_database
    db = open_database(path, read_only=True)
    try:
        service = _at(db, now)
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
