"""Paper form numbers at HQ's merge (services/import_merge.py): a chunk of forms asks the
database who holds its numbers (HQ's forms and the bundle's chunks already written), so a
second form with a round's number is a conflict whether the first is in the same chunk,
in an earlier chunk, or was at HQ before; the result does not depend on the chunk size."""

from __future__ import annotations

import json

import pytest

from desktop.bundle.manifest import RECORDS
from desktop.bundle.records import FORM_FIELDS, FormRecord, content_sha256
from desktop.services import import_merge
from desktop.services.import_service import import_bundles
from desktop.storage import bundle_store
from desktop.storage.database import Database

from test_trust import _hq_project_db, _members, _seal
from trust_helpers import enrol_fingerprints

# (form given the number, form whose number it takes): one pair inside a chunk of 4, one
# across chunks; the bundle has 30 forms.
TAKEN = ((3, 2), (13, 6))


def _renumber(members: dict, index: int, number: int) -> str:
    """The index-th form given paper number `number` (its hash and its responses.csv row
    follow); returns its uuid."""
    lines = members[RECORDS].decode().split("\n")
    form_lines = [i for i, line in enumerate(lines) if '"type":"form"' in line]
    data = json.loads(lines[form_lines[index]])
    old = data["form_number"]
    fields = {k: data[k] for k in FORM_FIELDS} | {"form_number": number}
    text = json.dumps(data["answers"], ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"))
    sha = content_sha256(fields["round_uuid"], number, fields["status"],
                         fields["deleted_reason"], text)
    base = None if data["base"] is None else (data["base"]["revision"], data["base"]["sha256"])
    lines[form_lines[index]] = FormRecord(fields, text, sha, base).to_json()
    members[RECORDS] = "\n".join(lines).encode()
    csv = members["responses.csv"]
    row = f",{fields['uuid']},{old},".encode()
    assert csv.count(row) == 1
    members["responses.csv"] = csv.replace(row, f",{fields['uuid']},{number},".encode())
    return fields["uuid"]


def _number_of(members: dict, index: int) -> int:
    forms = [json.loads(line) for line in members[RECORDS].decode().split("\n")
             if '"type":"form"' in line]
    return forms[index]["form_number"]


@pytest.mark.parametrize("chunk", [4, 5000])
def test_a_taken_number_is_a_conflict_in_any_chunk(tmp_path, monkeypatch, bundle, hq_keys,
                                                   field_key, chunk):
    monkeypatch.setattr(import_merge, "CHUNK", chunk)
    members = _members(bundle, hq_keys)
    losers = {_renumber(members, index, _number_of(members, holder))
              for index, holder in TAKEN}
    forged = _seal(members, hq_keys, field_key, tmp_path / "numbers.zip.age")
    hq = _hq_project_db(tmp_path)
    enrol_fingerprints(hq, field_key.fingerprint)
    (result,) = import_bundles(hq, hq_keys.identity_path, [forged]).bundles
    assert result.status == "imported", result.message
    assert (result.new, result.conflicting) == (28, 2)
    db = Database.open(hq)
    try:
        conflicts = bundle_store.open_conflicts(db.conn)
        assert {c["response_uuid"] for c in conflicts} == losers
        assert {c["reason"] for c in conflicts} == {"form_number"}
    finally:
        db.close()
