"""The round a project's window showed last is kept in the project (its settings, so each
project has its own): written by any operator without an audit row or a published change,
never waiting for another writer, and kept in memory until the database is free."""

from __future__ import annotations

import sqlite3

from desktop.services.project import Project
from desktop.services.workspace import LAST_ROUND_SETTING


def test_the_last_round_is_kept_per_project(tmp_path):
    first, second = Project.open(tmp_path / "a.db"), Project.open(tmp_path / "b.db")
    one = first.create_round("Uno", target_count=10, form_min=1, form_max=10)
    first.create_round("Dos", target_count=10, form_min=1, form_max=10)
    other = second.create_round("Otra", target_count=10, form_min=1, form_max=10)
    published = []
    first.subscribe(published.append)
    first.remember_round(one.uuid)
    second.remember_round(other.uuid)
    assert first.settings.last_round == one.uuid and second.settings.last_round == other.uuid
    assert published == []  # no view recomputes for it
    audited = first.db.conn.execute(
        "SELECT COUNT(*) FROM audit_log WHERE question_id = ?", (LAST_ROUND_SETTING,))
    assert audited.fetchone()[0] == 0
    first.close()
    second.close()
    again = Project.open(tmp_path / "a.db")
    try:
        assert again.settings.last_round == one.uuid
    finally:
        again.close()


def test_a_busy_database_keeps_the_round_until_it_is_free(tmp_path):
    project = Project.open(tmp_path / "a.db")
    round_ = project.create_round("Uno", target_count=10, form_min=1, form_max=10)
    writer = sqlite3.connect(tmp_path / "a.db", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # an import holding the database
    try:
        project.remember_round(round_.uuid)  # returns at once, nothing written
        assert project.settings.last_round == round_.uuid
        assert project.setting(LAST_ROUND_SETTING) == ""
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    project.close()  # written on the way out
    again = Project.open(tmp_path / "a.db")
    try:
        assert again.setting(LAST_ROUND_SETTING) == round_.uuid
    finally:
        again.close()
