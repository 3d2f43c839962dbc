"""Fixtures for bundle tests: HQ keys, a field project with forms, exporting, and a
fingerprint of an HQ database's exact state (file bytes + SQL dump)."""

from __future__ import annotations

import pytest

from desktop.services.device_identity import project_device_key
from desktop.services.demo_service import fill_demo
from desktop.services.export_service import export_bundle
from desktop.services.keys_service import hq_init
from desktop.services.project import Project


@pytest.fixture
def hq_keys(tmp_path):
    return hq_init(tmp_path / "hq-keys")


@pytest.fixture
def field_db(tmp_path):
    """A field database with 30 demo forms (round 'Demo 1'), closed."""
    path = tmp_path / "field" / "field.db"
    project = Project.open(path)
    fill_demo(project, 30, seed=3)
    project.close()
    return path


@pytest.fixture
def field_key(field_db):
    """The field project's own device key (kept inside its database)."""
    return project_device_key(field_db)


@pytest.fixture
def out_dir(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def bundle(field_db, field_key, hq_keys, out_dir):
    """One full bundle of the field database, encrypted to HQ."""
    return export_bundle(field_db, field_key, [hq_keys.recipient], out_dir, full=True).path
