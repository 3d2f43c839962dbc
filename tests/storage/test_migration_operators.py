"""V9_OPERATORS on a real older file: forms keep their operator's name with no operator id,
the project has no operators (so nothing is enforced until the first supervisor), and the
name comparison still keeps a keyer from verifying their own older form."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.services.form_service import Actor
from desktop.services.operator_service import OperatorService
from desktop.services.project import Project
from desktop.services.verification_service import VerificationRefused
from desktop.storage.migrations import SCHEMA_VERSION

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "schema_v4.db"


def test_older_forms_keep_their_names_and_no_id(tmp_path):
    path = tmp_path / "v4.db"
    shutil.copy(FIXTURE, path)
    project = Project.open(path)
    try:
        conn = project.db.conn
        assert project.db.schema_version == SCHEMA_VERSION
        rows = conn.execute("SELECT operator, operator_id, form_number, round_uuid, status "
                            "FROM response").fetchall()
        assert rows and all(r[0] and r[1] is None for r in rows)
        assert not OperatorService(project.db).has_operators()
        sara = OperatorService(project.db).create_first_supervisor("Sara", "123456")
        entered = next(r for r in rows if r[4] == "entered")
        # The older form's keyer, now an operator with an id, is still refused by name.
        same = OperatorService(project.db, Actor("Sara", "dev", sara.id)).add(
            entered[0], "verifier", "654321")
        service = project.verification_service(project.questionnaire,
                                               Actor(same.name, "dev", same.id))
        with pytest.raises(VerificationRefused):
            service.find(entered[3], entered[2])
    finally:
        project.close()
