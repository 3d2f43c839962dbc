"""The workspace: one owner of an open project. Opening by path or locator, connections
for workers, typed settings, and one published change for every write."""

from __future__ import annotations

import threading

import pytest

from desktop.services.form_service import Actor, FormChange
from desktop.services.project import Project
from desktop.services.workspace import (DEFAULT_MIN_N, DatabaseError, DatabaseLocator, ProjectSettings,
                                        SettingsChange, Workspace)


def test_project_is_the_workspace_and_opens_by_path_or_locator(tmp_path):
    assert Project is Workspace
    path = tmp_path / "p.db"
    first = Project.open(path, None, check_same_thread=True)
    first.close()
    again = Workspace.open(DatabaseLocator(path))
    assert again.path == path and again.locator.path == path
    assert again.questionnaire.sha256 == first.questionnaire.sha256
    again.close()


def test_worker_workspace_reads_the_same_file_from_another_thread(project, round_uuid,
                                                                   valid_answers):
    project.form_service(Actor("AM", "dev")).save_new(round_uuid, 1, valid_answers)
    found = []

    def work():
        worker = project.open_worker()
        try:
            found.append(worker.records_service().operators())
        finally:
            worker.close()

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert found == [["AM"]]


def test_in_memory_workspace_cannot_be_opened_twice():
    scratch = Workspace.open(":memory:")
    with pytest.raises(DatabaseError):
        scratch.open_worker()
    scratch.close()


def test_typed_settings_with_one_default_and_a_published_change(project):
    assert project.settings == ProjectSettings(min_group_size=DEFAULT_MIN_N)
    seen = []
    unsubscribe = project.subscribe(seen.append)
    project.update_settings({"min_group_size": 7, "operator_controlled": "1"})
    assert seen == [SettingsChange(("min_group_size", "operator_controlled"))]
    assert project.settings.min_group_size == 7 and project.settings.operator_controlled
    assert project.analysis().min_n == 7  # the setting reaches compute()
    unsubscribe()
    project.set_setting("min_group_size", 3)
    assert len(seen) == 1 and project.min_group_size == 3


def test_settings_changes_are_audited_in_the_operators_name(project):
    project.actor = Actor("SV", "dev-1")
    project.update_settings({"min_group_size": 9, "operator_controlled": "0"})
    rows = project.db.conn.execute(
        "SELECT operator, device, action, question_id, old, new FROM audit_log "
        "WHERE action = 'setting'").fetchall()
    # operator_controlled was already "0": only the real change is written
    assert [tuple(r) for r in rows] == [("SV", "dev-1", "setting", "min_group_size", "5", "9")]


def test_every_write_is_published(project, round_uuid, valid_answers):
    seen: list = []
    project.subscribe(seen.append)
    keyer = project.form_service(Actor("AM", "dev"))
    created = keyer.save_new(round_uuid, 1, valid_answers)
    edited = keyer.update(created.uuid, {**valid_answers, "comment": "x"}
                          if "comment" in valid_answers else valid_answers, reason="")
    assert seen[0] == created and isinstance(seen[0], FormChange)
    assert (edited.action == "unchanged") == (len(seen) == 1)
    verifier = project.verification_service(project.questionnaire, Actor("JR", "dev"))
    other = keyer.save_new(round_uuid, 2, valid_answers)
    comparison = verifier.compare(other.uuid, valid_answers)
    assert comparison.verified
    assert seen[-1].action == "verify" and seen[-1].uuid == other.uuid
    assert seen[-1].status == "verified"
    deleted = keyer.delete(created.uuid, "wrong paper")
    assert seen[-1] == deleted


def test_verification_finish_is_published(project, round_uuid, valid_answers):
    keyer = project.form_service(Actor("AM", "dev"))
    form = keyer.save_new(round_uuid, 1, valid_answers)
    second = dict(valid_answers)
    qid = next(q for q, v in second.items() if v == "2")
    second[qid] = "1"
    verifier = project.verification_service(project.questionnaire, Actor("JR", "dev"))
    comparison = verifier.compare(form.uuid, second)
    assert not comparison.verified
    seen: list = []
    project.subscribe(seen.append)
    for item in comparison.items:
        verifier.resolve(comparison.verification_id, item.question_id, "keep_first")
    verifier.finish(comparison.verification_id)
    assert [c.action for c in seen] == ["verify"] and seen[0].status == "verified"
