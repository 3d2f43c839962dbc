"""Editing a round's form number range may not leave out forms already keyed in it: HQ's
door refuses a bundle whose forms lie outside their round's range, so the laptop refuses
the narrowing first, in one sentence, and keeps the round as it was."""

from __future__ import annotations

import pytest

from desktop.services.round_service import RoundRangeExcludesForms
from desktop.ui.round_dialog import RoundDialog


def test_a_range_that_leaves_out_keyed_forms_is_refused(context, round_uuid, valid_answers):
    rounds = context.round_service()
    round_ = rounds.get(round_uuid)
    rounds.update(rounds.edited(round_, form_min=1, form_max=50))
    context.form_service().save_new(round_uuid, 7, valid_answers)
    context.form_service().save_new(round_uuid, 20, valid_answers)
    with pytest.raises(RoundRangeExcludesForms) as refused:
        rounds.update(rounds.edited(round_, form_min=1, form_max=19))
    assert (refused.value.lowest, refused.value.highest) == (7, 20)
    with pytest.raises(RoundRangeExcludesForms):
        rounds.update(rounds.edited(round_, form_min=8, form_max=50))
    assert (rounds.get(round_uuid).form_min, rounds.get(round_uuid).form_max) == (1, 50)
    # Narrowing to exactly the keyed forms, widening, or no bound at all still saves.
    rounds.update(rounds.edited(round_, form_min=7, form_max=20))
    rounds.update(rounds.edited(round_, form_min=1, form_max=400))
    rounds.update(rounds.edited(round_, form_min=None, form_max=None))
    assert rounds.get(round_uuid).form_max is None


def test_the_dialog_says_which_forms_are_keyed(qtbot, context, round_uuid, valid_answers):
    rounds = context.round_service()
    rounds.update(rounds.edited(rounds.get(round_uuid), form_min=1, form_max=50))
    context.form_service().save_new(round_uuid, 30, valid_answers)
    edit = RoundDialog(rounds, rounds.get(round_uuid))
    qtbot.addWidget(edit)
    edit.form_max.setValue(29)
    edit.save()
    assert edit.result() != RoundDialog.DialogCode.Accepted
    assert edit.message.text() == ("Form 30 is keyed in this round: the form numbers "
                                   "must include it.")
    assert rounds.get(round_uuid).form_max == 50
    context.form_service().save_new(round_uuid, 41, valid_answers)
    edit.form_max.setValue(40)
    edit.save()
    assert "Forms 30 to 41 are keyed" in edit.message.text()
