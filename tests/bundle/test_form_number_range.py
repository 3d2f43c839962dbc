"""HQ's door refuses a form whose number lies outside its round's paper range (the laptop
refuses such a number at entry), on both import paths, in the user's language; a round
whose range the laptop widened or narrowed after an earlier bundle still imports."""

from __future__ import annotations

import dataclasses
import json

import pytest

from desktop.bundle.errors import BundleError
from desktop.bundle.manifest import RECORDS
from desktop.bundle.records import FORM_FIELDS, FormRecord, content_sha256
from desktop.domain.demo_forms import generate_forms
from desktop.services.export_service import export_bundle
from desktop.services.form_door import FormDoor
from desktop.services.form_service import Actor, FormService
from desktop.services.import_service import import_bundles
from desktop.services.project import Project
from desktop.services.round_service import RoundService
from desktop.storage import round_store

from bundle_helpers import db_state
from test_import_split import _hq, refusals_on_both_paths, started  # noqa: F401 - fixture
from test_trust import _members, _seal


def _set_number(members, index: int, number: int) -> None:
    """Give the index-th form another paper number, with a correct content hash."""
    lines = members[RECORDS].decode().split("\n")
    form_lines = [i for i, line in enumerate(lines) if '"type":"form"' in line]
    data = json.loads(lines[form_lines[index]])
    fields = {k: data[k] for k in FORM_FIELDS}
    fields["form_number"] = number
    text = lines[form_lines[index]][len('{"answers":'):].split(',"base":')[0]
    sha = content_sha256(fields["round_uuid"], number, fields["status"],
                         fields["deleted_reason"], text)
    lines[form_lines[index]] = FormRecord(fields, text, sha, None).to_json()
    members[RECORDS] = "\n".join(lines).encode()


@pytest.mark.parametrize("number", [31, 0, 10 ** 8])
def test_a_number_outside_the_round_is_refused_on_both_paths(
        tmp_path, monkeypatch, bundle, hq_keys, field_key, started, number):  # noqa: F811
    """The demo round's range is 1-30; a re-signed bundle moves form 6 outside it."""
    members = _members(bundle, hq_keys)
    _set_number(members, 5, number)
    forged = _seal(members, hq_keys, field_key, tmp_path / "forged.zip.age")
    results = refusals_on_both_paths(tmp_path, monkeypatch, hq_keys, field_key, started,
                                     forged, "form_number_range")
    assert results["split"] == results["in-process"]
    refusal, sentence, _ = results["split"]
    assert f"Form {number} of round Demo 3" in sentence and "1-30" in sentence, sentence


def test_the_refusal_is_one_sentence_in_spanish(tmp_path, bundle, hq_keys, field_key):
    members = _members(bundle, hq_keys)
    _set_number(members, 0, 99)
    forged = _seal(members, hq_keys, field_key, tmp_path / "forged.zip.age")
    hq = _hq(tmp_path, "hq", field_key)
    before = db_state(hq)
    (result,) = import_bundles(hq, hq_keys.identity_path, [forged]).bundles
    assert result.refusal == "form_number_range"
    assert db_state(hq) == before
    error = BundleError("form_number_range", "", form_number=99, round="Demo 3", low=1,
                        high=30)
    spanish = error.in_language("es")
    assert spanish.startswith("El formulario 99 de la ronda Demo 3 está fuera")
    assert spanish.count(".") == 1 and "Traceback" not in result.message


def _laptop_form(field_db, field_key, round_change) -> str:
    """Change the demo round (`round_change(round)` -> the edited round), then key one
    new form numbered 45 when the new range allows it; the round's uuid."""
    project = Project.open(field_db)
    try:
        rounds = RoundService(project)
        (round_,) = rounds.rounds()
        edited = round_change(round_)
        if edited.form_max < (round_.form_max or 0):
            # Narrowing below keyed forms is refused by the round service now; a laptop
            # of an older version could still do it, so it is stored directly here.
            with project.db.transaction() as conn:
                round_store.update_round(conn, edited)
        else:
            rounds.update(edited)
        if edited.form_max >= 45:
            service = FormService(project.db, project.questionnaire,
                                  Actor("OP", field_key.device_id))
            (form,) = generate_forms(project.questionnaire, 1, 7)
            service.save_new(round_.uuid, 45, form.answers)
        return round_.uuid
    finally:
        project.close()


def test_a_range_widened_on_the_laptop_still_imports(tmp_path, field_db, field_key, bundle,
                                                     hq_keys, out_dir):
    """HQ stored the round as 1-30; the laptop widened it to 1-60 and keyed form 45: the
    next bundle carries the widened round, which vouches for 45."""
    hq = _hq(tmp_path, "hq", field_key)
    (first,) = import_bundles(hq, hq_keys.identity_path, [bundle]).bundles
    assert first.status == "imported", first.message
    _laptop_form(field_db, field_key, lambda r: dataclasses.replace(r, form_max=60))
    bundle.unlink()
    second = export_bundle(field_db, field_key, [hq_keys.recipient], out_dir).path
    (result,) = import_bundles(hq, hq_keys.identity_path, [second]).bundles
    assert result.status == "imported" and result.new == 1, result.message


def test_a_range_narrowed_after_an_earlier_bundle_still_imports(
        tmp_path, field_db, field_key, bundle, hq_keys, out_dir):
    """The laptop narrowed its round to 1-10 after HQ stored it as 1-30 (an older version
    allowed it): forms 11-30 of a full export are vouched for by HQ's stored range."""
    hq = _hq(tmp_path, "hq", field_key)
    (first,) = import_bundles(hq, hq_keys.identity_path, [bundle]).bundles
    assert first.status == "imported", first.message
    _laptop_form(field_db, field_key, lambda r: dataclasses.replace(r, form_max=10))
    bundle.unlink()
    again = export_bundle(field_db, field_key, [hq_keys.recipient], out_dir, full=True).path
    (result,) = import_bundles(hq, hq_keys.identity_path, [again]).bundles
    assert result.status == "imported", result.message


def _record(number: int) -> FormRecord:
    return FormRecord({"uuid": "f1", "round_uuid": "r1", "form_number": number,
                       "status": "draft", "operator": "OP", "device": "d", "created": "t",
                       "updated": "t", "revision": 1, "deleted_reason": None,
                       "keystrokes": 0, "entry_seconds": 0.0}, "{}", "0" * 64, None, True)


@pytest.mark.parametrize("bundle_range, hq_range, number, passes", [
    ((None, None), None, 123456, True),  # no range: any number
    ((5, None), None, 4, False),
    ((5, None), None, 5, True),
    ((None, 9), None, 10, False),
    ((1, 10), (1, 20), 15, True),  # HQ's stored range vouches
    ((1, 20), (1, 10), 15, True),  # the bundle's (widened) range vouches
    ((1, 10), (12, 20), 11, False),  # in neither
])
def test_the_door_takes_either_range(bundle_range, hq_range, number, passes):
    from desktop.services.form_door import parse_questionnaires
    from desktop.resources import default_questionnaire_path
    text = default_questionnaire_path().read_text(encoding="utf-8")
    questionnaires = parse_questionnaires(text, [], lambda sha: None)
    (sha,) = questionnaires
    low, high = bundle_range
    rounds = [{"uuid": "r1", "name": "R", "questionnaire_sha256": sha, "form_min": low,
               "form_max": high}]
    hq_rounds = [] if hq_range is None else [("r1", "R", sha, *hq_range)]
    door = FormDoor()
    door.start(questionnaires, sha, rounds, hq_rounds)
    if passes:
        door.form(_record(number), {})
    else:
        with pytest.raises(BundleError) as refused:
            door.form(_record(number), {})
        assert refused.value.kind == "form_number_range"
