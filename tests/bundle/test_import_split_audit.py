"""The audit rows shared between the import's two processes (services/import_split.py):
the checking process parses the leading `AUDIT_SHARE` of audit.jsonl, the importing
process the rest. With 4 lines a batch, a 30-form bundle is cut in two (the default
batch of 2,000 lines leaves it whole to the importing process): both paths must still
write the same database and refuse every hostile bundle with the same kind and sentence,
wherever in the member the damage is."""

from __future__ import annotations

import json
import shutil

import pytest

from desktop.bundle import audit_lines
from desktop.bundle.manifest import MANIFEST
from desktop.services import import_audit, import_split
from desktop.services.import_service import import_bundles

from bundle_helpers import resigned
from test_import_split import (HOSTILE, PATHS, _counter_uuids, _dump, _hq, _members,
                               _no_checker_left, _seal, _use, fixed_clock,
                               refusals_on_both_paths, started)

__all__ = ["fixed_clock", "started"]  # fixtures, used by name


@pytest.fixture
def shared(monkeypatch):
    """4 audit lines a batch, and the number of audit rows each split stream's child
    parsed (recorded from the streams started)."""
    monkeypatch.setattr(audit_lines, "AUDIT_BATCH", 4)
    counts: list[int] = []
    real = import_split.FormChecker.stream

    def spy(self, conn, verified):
        stream = real(self, conn, verified)
        counts.append(stream.audit_rows)
        return stream
    monkeypatch.setattr(import_split.FormChecker, "stream", spy)
    return counts


@pytest.mark.parametrize("audit_chunk", [None, 3])
def test_both_paths_write_the_same_database_with_the_audit_shared(
        tmp_path, monkeypatch, bundle, hq_keys, field_key, fixed_clock, started, shared,
        audit_chunk):
    if audit_chunk:
        monkeypatch.setattr(import_audit, "AUDIT_CHUNK", audit_chunk)
    empty = _hq(tmp_path, "empty", field_key)
    dumps, reports = {}, {}
    for path in PATHS:
        _use(monkeypatch, path)
        hq = tmp_path / f"{path}.db"
        shutil.copy(empty, hq)
        monkeypatch.setattr("desktop.storage.audit_store.new_uuid", _counter_uuids())
        (result,) = import_bundles(hq, hq_keys.identity_path, [bundle]).bundles
        assert result.status == "imported" and result.new == 30, result.message
        reports[path] = result
        dumps[path] = _dump(hq)
    (fed,) = shared
    assert fed > 0 and fed % 4 == 0  # the child parsed a share, cut at a batch
    assert result.audit_added > fed  # and this process read the rest
    assert dumps["split"] == dumps["in-process"]
    assert reports["split"] == reports["in-process"]
    _no_checker_left(started)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_both_paths_refuse_a_hostile_bundle_alike_with_the_audit_shared(
        tmp_path, monkeypatch, bundle, hq_keys, field_key, started, shared, name):
    forge, kind = HOSTILE[name]
    forged = forge(_members(bundle, hq_keys), hq_keys, field_key, tmp_path / "forged.zip.age")
    results = refusals_on_both_paths(tmp_path, monkeypatch, hq_keys, field_key, started,
                                     forged, kind)
    assert results["split"] == results["in-process"]
    assert all(fed > 0 for fed in shared)


def test_a_signed_audit_count_beyond_any_member_is_refused_alike(
        tmp_path, monkeypatch, bundle, hq_keys, field_key, started):
    """The manifest claims 10**400 audit rows (signed by the device): the checking process
    is asked for half of them, reads the member to its end, and both paths refuse the
    counts in the same sentence, HQ unchanged."""
    def claims(members, keys, key, path):
        _seal(members, keys, key, path)
        manifest = json.loads(members[MANIFEST])
        manifest["counts"]["audit"] = 10 ** 400
        members[MANIFEST] = (json.dumps(manifest, sort_keys=True, indent=2) + "\n").encode()
        return resigned(members, keys, key, path)
    forged = claims(_members(bundle, hq_keys), hq_keys, field_key, tmp_path / "f.zip.age")
    results = refusals_on_both_paths(tmp_path, monkeypatch, hq_keys, field_key, started,
                                     forged, "tampered")
    assert results["split"] == results["in-process"]


def test_the_share_is_cut_at_a_batch_and_none_for_a_series_part(monkeypatch):
    from types import SimpleNamespace
    monkeypatch.setattr(audit_lines, "AUDIT_BATCH", 2000)

    def verified(count, series=None):
        return SimpleNamespace(manifest=SimpleNamespace(counts={"audit": count},
                                                        series=series))
    assert import_split.audit_rows(verified(100_001)) == 50_000
    assert import_split.audit_rows(verified(3_999)) == 0  # under two batches: all here
    assert import_split.audit_rows(verified(100_001, {"id": "s", "part": 1})) == 0
    assert import_split.audit_rows(verified("many")) == 0
    assert import_split.audit_rows(verified(10 ** 400)) % 2000 == 0  # no OverflowError
