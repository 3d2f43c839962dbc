"""A schema-3 HQ database with an open conflict (a real file in tests/fixtures) migrates to
schema 4: the conflict stays open and can be resolved; the incoming record is kept."""

from __future__ import annotations

import shutil
from pathlib import Path

from desktop.services.conflict_service import Choice, ConflictService
from desktop.services.form_service import Actor
from desktop.services.project import Project
from desktop.storage import conflict_store, response_store
from desktop.storage.migrations import SCHEMA_VERSION

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "schema_v3.db"
FORM = "00000000-0000-4000-8000-000000000001"


def test_schema_v3_conflict_survives_migration_and_resolves(tmp_path):
    path = tmp_path / "hq.db"
    shutil.copy(FIXTURE, path)
    project = Project.open(path)
    try:
        assert project.db.schema_version == SCHEMA_VERSION >= 4
        service = ConflictService(project, Actor("ANA", "dev-hq"))
        (summary,) = service.list_open()
        assert (summary.reason, summary.form_number, summary.differences) == \
            ("same_revision", 1, 1)
        (item,) = service.detail(summary.id).items
        assert item.question_id == "comment" and item.incoming_value == "edited on dev-v3b"
        record = conflict_store.get_conflict(project.db.conn, summary.id).record
        change = service.resolve(summary.id, {"comment": Choice("incoming")}, reason="ok")
        assert change.revision == 2
        assert response_store.get_form(project.db.conn, FORM).answers["comment"] == \
            "edited on dev-v3b"
        stored = conflict_store.get_conflict(project.db.conn, summary.id)
        assert stored.status == "resolved" and stored.record == record
    finally:
        project.close()
    assert list(tmp_path.glob("hq.db.schema3-*.bak"))
