"""Texts a signed bundle or a questionnaire file may carry that no UTF-8 file or database
can hold: a "\\ud800" escape without its pair (JSON allows it). A round's name, an
operator or an audit row with one stopped the whole import call at the database with an
exception (the other bundles of the call not imported); a questionnaire with one was
stored, and the codebook then failed with 'something unexpected'. Each is refused with
its sentence, and nothing is stored."""

from __future__ import annotations

import hashlib
import json
import uuid

import pytest

from bundle_helpers import db_state, make_hq_db
from desktop.bundle.manifest import AUDIT, MANIFEST, RECORDS
from desktop.domain.questionnaire_loader import QuestionnaireError, parse_questionnaire
from desktop.services.import_service import import_bundles
from test_series import _rebuild
from trust_helpers import enrol_fingerprints


def _changed(member: str, old: bytes, new: bytes):
    """A mutation replacing `old` by `new` once in `member`, the manifest's hash of it
    updated (so only the text is wrong) and a new bundle uuid."""
    def mutate(members):
        changed = members[member].replace(old, new, 1)
        assert changed != members[member]
        members[member] = changed
        manifest = json.loads(members[MANIFEST])
        manifest["files"][member] = hashlib.sha256(changed).hexdigest()
        manifest["bundle_uuid"] = str(uuid.uuid4())
        members[MANIFEST] = json.dumps(manifest).encode()
    return mutate


@pytest.mark.parametrize("mutate", [
    _changed(RECORDS, b'"name":"Demo 3"', b'"name":"Demo 3\\ud800"'),
    _changed(RECORDS, b'"operator":"', b'"operator":"\\udfff'),
    _changed(AUDIT, b'"operator":"', b'"operator":"\\uDC00')],
    ids=["round name", "form operator", "audit operator"])
def test_a_lone_surrogate_is_refused_and_the_call_goes_on(tmp_path, bundle, hq_keys,
                                                          field_key, mutate):
    hostile = tmp_path / "hostile.zip.age"
    hostile.write_bytes(_rebuild(bundle, hq_keys, field_key, mutate))
    hq = make_hq_db(tmp_path / "hq.db")
    enrol_fingerprints(hq, field_key.fingerprint)
    before = db_state(hq)
    (refused,) = import_bundles(hq, hq_keys.identity_path, [hostile]).bundles
    assert refused.status == "refused" and refused.refusal == "tampered", refused.message
    assert db_state(hq) == before
    (imported,) = import_bundles(hq, hq_keys.identity_path, [bundle]).bundles
    assert imported.status == "imported" and imported.new == 30, imported.message


def test_a_pair_of_surrogate_escapes_is_a_character(questionnaire):
    """An escaped pair (an emoji written as \\ud83d\\ude00) is one character: kept."""
    data = json.loads(questionnaire.source_text)
    data["title"]["en"] = "Risk map \U0001F600"
    assert parse_questionnaire(json.dumps(data)).title.text("en").endswith("\U0001F600")


def test_a_questionnaire_with_a_lone_surrogate_is_refused(questionnaire):
    data = json.loads(questionnaire.source_text)
    data["title"]["en"] = "Risk map \ud800"
    with pytest.raises(QuestionnaireError) as refused:
        parse_questionnaire(json.dumps(data), "q.json")  # the character as an escape
    assert "escape without its pair" in refused.value.in_language("en")
    assert "sin su par" in refused.value.in_language("es")
