"""Numbers a signed bundle chooses (an enrolled laptop's insider can sign anything): a
sequence number of three million, a series of 10,000 parts: HQ works out what it has not
received from what it has, and says it in a line, not in megabytes; a number too large
for the database is refused like any malformed bundle."""

from __future__ import annotations

import hashlib
import json
import uuid

import pytest

from bundle_helpers import make_hq_db
from desktop.bundle.manifest import MANIFEST, RECORDS
from desktop.cli import main
from desktop.services.import_service import import_bundles
from desktop.services import bundle_series
from desktop.storage.series_store import SeriesState
from test_series import _rebuild
from trust_helpers import enrol_fingerprints


def test_a_huge_sequence_number_is_one_gap(tmp_path, bundle, hq_keys, field_key, capsys):
    def far_ahead(members):
        manifest = json.loads(members[MANIFEST])
        manifest["sequence"] = 3_000_000
        members[MANIFEST] = json.dumps(manifest).encode()
    hostile = tmp_path / "far.zip.age"
    hostile.write_bytes(_rebuild(bundle, hq_keys, field_key, far_ahead))
    hq = make_hq_db(tmp_path / "hq.db")
    enrol_fingerprints(hq, field_key.fingerprint)
    (result,) = import_bundles(hq, hq_keys.identity_path, [hostile]).bundles
    assert result.status == "imported", result.message
    assert result.gaps == [(1, 2_999_999)]
    capsys.readouterr()  # the command line says it in one short line
    hq2 = make_hq_db(tmp_path / "hq2.db")
    enrol_fingerprints(hq2, field_key.fingerprint)
    assert main(["import", "--db", str(hq2), "--identity", str(hq_keys.identity_path),
                 str(hostile)]) == 0
    out = capsys.readouterr().out
    assert out.strip().endswith("missing earlier bundles: 1–2999999."), out
    assert len(out) < 400


def test_a_series_of_many_parts_is_said_in_a_line():
    state = SeriesState("5f0c1d2e-0000-4000-8000-000000000000", "dev-a", 10_000,
                        (1, 2, 3, 7))
    assert bundle_series.state_sentence(state, "en") == (
        "Series 5f0c1d2e from dev-a: parts 1–3, 7 of 10000 received; parts 4–6, 8–10000 missing.")
    assert bundle_series.state_sentence(state, "es").endswith(
        "partes 1–3, 7 de 10000 recibidas; faltan las partes 4–6, 8–10000.")


def _huge_sequence(members):
    manifest = json.loads(members[MANIFEST])
    manifest["sequence"] = 10 ** 20
    members[MANIFEST] = json.dumps(manifest).encode()


def _huge_base_revision(members):
    """A form that claims to follow revision 10**20 (records.jsonl and its hash, signed)."""
    records = members[RECORDS].replace(
        b'"base":null', b'"base":{"revision":100000000000000000000,"sha256":"ab"}', 1)
    assert records != members[RECORDS]
    members[RECORDS] = records
    manifest = json.loads(members[MANIFEST])
    manifest["files"][RECORDS] = hashlib.sha256(records).hexdigest()
    manifest["bundle_uuid"] = str(uuid.uuid4())
    members[MANIFEST] = json.dumps(manifest).encode()


@pytest.mark.parametrize("mutate", [_huge_sequence, _huge_base_revision])
def test_a_number_too_large_to_store_is_refused_and_the_call_goes_on(
        tmp_path, bundle, hq_keys, field_key, field_db, mutate):
    """A number SQLite cannot store stopped the whole import call with OverflowError (a
    traceback, the other bundles not imported); it is refused like any malformed bundle."""
    hostile = tmp_path / "hostile.zip.age"
    hostile.write_bytes(_rebuild(bundle, hq_keys, field_key, mutate))
    hq = make_hq_db(tmp_path / "hq.db")
    enrol_fingerprints(hq, field_key.fingerprint)
    refused, imported = import_bundles(hq, hq_keys.identity_path, [hostile, bundle]).bundles
    assert refused.status == "refused" and refused.refusal == "tampered", refused.message
    assert imported.status == "imported" and imported.new == 30, imported.message
