"""Shared fixtures: the default questionnaire, fresh projects on temporary files, and a
scratch data folder so no test touches the user's real one."""

from __future__ import annotations

import os
import sys

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.domain.questionnaire_loader import load_questionnaire  # noqa: E402
from desktop.resources import default_questionnaire_path  # noqa: E402
from desktop.services.demo_service import fill_demo  # noqa: E402
from desktop.services.form_service import Actor, FormService  # noqa: E402
from desktop.services.project import Project  # noqa: E402


# The team passphrase of every command a test runs (commands that create a database
# encrypt it with this); a test that needs none removes it.
TEST_PASSPHRASE = "a team passphrase for tests"


@pytest.fixture(autouse=True)
def scratch_home(tmp_path_factory, monkeypatch):
    """Every test gets its own RISKMAP_HOME (device key, default database), and commands
    find the test passphrase in RISKMAP_PASSPHRASE."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("RISKMAP_HOME", str(home))
    monkeypatch.setenv("RISKMAP_PASSPHRASE", TEST_PASSPHRASE)
    return home


@pytest.fixture(scope="session")
def questionnaire():
    return load_questionnaire(default_questionnaire_path())


@pytest.fixture(autouse=True)
def english_after_test():
    """A test that switches Qt to Spanish (a language switch, `riskmap report --lang es`)
    must not leave the next test in Spanish."""
    yield
    if "PySide6.QtCore" in sys.modules:  # only when the test used Qt at all
        from PySide6.QtCore import QCoreApplication
        if QCoreApplication.instance() is not None:
            from desktop.ui.translation import install_translator
            install_translator(QCoreApplication.instance(), "en")


@pytest.fixture
def project(tmp_path):
    opened = Project.open(tmp_path / "project.db")
    yield opened
    opened.close()


@pytest.fixture
def round_uuid(project):
    return project.create_round("Ronda 1", institution="Servicio de fronteras",
                                place="Puesto Norte", target_count=416, form_min=1,
                                form_max=500).uuid


@pytest.fixture
def service(project):
    return FormService(project.db, project.questionnaire, Actor("AM", "dev-test"))


@pytest.fixture
def demo_project(tmp_path):
    """A project with 60 synthetic forms in round 'Demo 1'."""
    opened = Project.open(tmp_path / "demo.db")
    fill_demo(opened, 60, seed=1)
    yield opened
    opened.close()


@pytest.fixture
def device_key(project):
    """The device key of the `project` fixture (kept inside its database)."""
    return project.device_key


@pytest.fixture
def valid_answers(questionnaire):
    """A complete valid form of the default questionnaire (exposure 'no')."""
    from desktop.domain.demo_forms import generate_forms
    for form in generate_forms(questionnaire, 50, seed=7):
        if form.answers.get("exp_offered") == "2":
            return dict(form.answers)
    raise AssertionError("no form without exposure in the demo sample")
