"""Versions per round: a round is created with a chosen stored version, keeps it once it has
forms, and entry, editing and the history use the round's own version."""

from __future__ import annotations

import json

import pytest

from desktop.domain.questionnaire_loader import parse_questionnaire
from desktop.services.round_service import RoundVersionFixed
from desktop.storage import questionnaire_store
from desktop.ui.round_dialog import RoundDialog


@pytest.fixture
def second_version(project, questionnaire):
    """Version 2.0 of the default instrument: only posts 1 and 2, the first renamed."""
    data = json.loads(questionnaire.source_text)
    data["version"] = "2.0"
    post = next(q for s in data["sections"] for q in s["questions"] if q["id"] == "post")
    post["choices"] = post["choices"][:2]
    post["choices"][0]["label"] = {"es": "Paso Nuevo", "en": "New crossing"}
    v2 = parse_questionnaire(json.dumps(data, ensure_ascii=False))
    with project.db.transaction() as conn:
        questionnaire_store.store_questionnaire(conn, v2.sha256, v2.id, v2.version,
                                                v2.source_text)
    return v2


def test_round_dialog_offers_every_version_and_saves_the_choice(qtbot, context, second_version,
                                                                 questionnaire):
    dialog = RoundDialog(context.round_service())
    qtbot.addWidget(dialog)
    assert dialog.version.count() == 2
    assert dialog.version.currentData() == questionnaire.sha256  # the project's by default
    dialog.name.setText("Ronda v2")
    dialog.version.setCurrentIndex(dialog.version.findData(second_version.sha256))
    dialog.save()
    assert dialog.saved_round.questionnaire_sha256 == second_version.sha256
    assert context.questionnaire(dialog.saved_round.uuid).version == "2.0"


def test_version_is_fixed_once_the_round_has_forms(qtbot, context, round_uuid, second_version,
                                                   valid_answers):
    rounds = context.round_service()
    round_ = rounds.get(round_uuid)
    # Without forms the version may still change.
    rounds.update(rounds.edited(round_, questionnaire_sha256=second_version.sha256))
    rounds.update(round_)
    context.form_service().save_new(round_uuid, 1, valid_answers)
    with pytest.raises(RoundVersionFixed):
        rounds.update(rounds.edited(round_, questionnaire_sha256=second_version.sha256))
    edit = RoundDialog(rounds, round_)
    qtbot.addWidget(edit)
    assert not edit.version.isEnabled()
    edit.place.setText("Puesto Sur")
    edit.save()
    assert rounds.get(round_uuid).place == "Puesto Sur"


def test_entry_keys_and_edits_with_the_rounds_own_version(qtbot, view, context, round_uuid,
                                                          second_version, valid_answers,
                                                          questionnaire):
    old_form = context.form_service().save_new(round_uuid, 3, {**valid_answers, "post": "5"})
    new_round = context.round_service().create(
        "Ronda v2", questionnaire_sha256=second_version.sha256, form_min=1, form_max=99)
    context.set_round(new_round.uuid)
    assert view.form.questionnaire.sha256 == second_version.sha256
    assert view.session.service.questionnaire.version == "2.0"
    assert "Paso Nuevo" in view.form.fields["post"].codes.text()
    from desktop.services.form_service import FormRefused
    with pytest.raises(FormRefused):  # post 5 does not exist in version 2.0
        view.session.service.save_new(new_round.uuid, 4, {**valid_answers, "post": "5"})
    # Editing a form of the first round uses that round's version again.
    assert view.load_form(old_form.uuid)
    assert view.form.questionnaire.version == questionnaire.version
    assert view.form.values()["post"] == "5"
    view.new_form()
    assert view.form.questionnaire.version == "2.0"

