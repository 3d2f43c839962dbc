"""Large exports as a series of complete, signed bundles (issue 14): parts imported in any
order, each in its own transaction; the audit chain checked on the whole series; a
tampered part refused alone; another series' part of the same number kept apart; the
import and `devices list` say which parts are missing, in English and Spanish."""

from __future__ import annotations

import io
import json
import random
import shutil
import uuid
import zipfile

import pytest

from bundle_helpers import db_state, identities, make_hq_db
from desktop.cli import main
from desktop.bundle import age_crypto
from desktop.bundle.bundle_reader import verify_bundle
from desktop.bundle.manifest import AUDIT, MANIFEST, RECORDS, RESPONSES_CSV, SIGNATURE
from desktop.services import bundle_series
from desktop.services.export_service import PartLimits, export_bundle
from desktop.services.import_service import import_bundles
from desktop.storage import audit_chain, series_store
from desktop.storage.database import Database
from trust_helpers import enrol_fingerprints

SMALL = PartLimits(forms=10)


@pytest.fixture
def series(field_db, field_key, hq_keys, out_dir):
    """The 30 forms of the field database exported as 3 parts of 10."""
    return export_bundle(field_db, field_key, [hq_keys.recipient], out_dir, full=True,
                         limits=SMALL)


@pytest.fixture
def hq(tmp_path, field_key):
    path = make_hq_db(tmp_path / "hq.db")
    enrol_fingerprints(path, field_key.fingerprint)
    return path


def _import(hq, hq_keys, *paths):
    return import_bundles(hq, hq_keys.identity_path, list(paths)).bundles


def _count(hq, sql: str) -> int:
    db = Database.open(hq)
    try:
        return db.conn.execute(sql).fetchone()[0]
    finally:
        db.close()


def _status(hq, lang="en", uuids=None) -> list[str]:
    db = Database.open(hq)
    try:
        return bundle_series.status_lines(db.conn, lang, uuids)
    finally:
        db.close()


def test_export_writes_three_numbered_signed_parts(series, field_key, hq_keys, out_dir):
    assert series.parts == 3 and series.forms == 30
    names = sorted(p.name for p in out_dir.iterdir())
    assert len(names) == 3 and all(f"of3.zip.age" in n for n in names)
    ids = {m.series["id"] for m in series.manifests}
    assert len(ids) == 1
    assert [m.series["part"] for m in series.manifests] == [1, 2, 3]
    assert [m.sequence for m in series.manifests] == [1, 2, 3]
    assert [m.counts["forms"] for m in series.manifests] == [10, 10, 10]
    assert all(m.format_version == 3 for m in series.manifests)
    for path in series.paths:  # each part verifies alone: signature and hashes
        verified = verify_bundle(path.read_bytes(), identities(hq_keys))
        assert verified.manifest.series["parts"] == 3


def test_parts_carry_whole_forms_and_together_what_one_bundle_carries(
        field_db, field_key, hq_keys, tmp_path, out_dir):
    copy = tmp_path / "copy.db"
    shutil.copy(field_db, copy)  # the same database, never exported
    series = export_bundle(field_db, field_key, [hq_keys.recipient], out_dir, full=True,
                           limits=SMALL)
    single_out = tmp_path / "single"
    single_out.mkdir()
    single = export_bundle(copy, field_key, [hq_keys.recipient], single_out, full=True)
    assert single.parts == 1 and single.manifest.series is None
    assert single.manifest.format_version == 2

    def members(path):
        verified = verify_bundle(path.read_bytes(), identities(hq_keys))
        return {name: verified.zipped.read(name) for name in verified.zipped.namelist()}
    whole = members(single.path)
    parts = [members(p) for p in series.paths]
    forms = [line for part in parts for line in part[RECORDS].decode().splitlines()
             if '"type":"form"' in line]
    assert forms == [line for line in whole[RECORDS].decode().splitlines()
                     if '"type":"form"' in line]
    header, *rows = whole[RESPONSES_CSV].decode("utf-8-sig").split("\r\n")
    part_rows = []
    for part in parts:
        part_header, *rest = part[RESPONSES_CSV].decode("utf-8-sig").split("\r\n")
        assert part_header == header
        part_rows += [r for r in rest if r]
    assert part_rows == [r for r in rows if r]
    audit = sorted(line for part in parts for line in part[AUDIT].decode().splitlines())
    assert audit == sorted(whole[AUDIT].decode().splitlines())


def test_parts_import_in_any_order_and_the_series_reports_what_is_missing(
        series, hq, hq_keys, capsys, monkeypatch):
    first, second, third = series.paths
    (report,) = _import(hq, hq_keys, third)
    assert report.status == "imported" and report.new == 10
    assert _count(hq, "SELECT COUNT(*) FROM response") == 10
    assert _count(hq, "SELECT COUNT(*) FROM audit_log WHERE action = 'create'") == 0
    (report,) = _import(hq, hq_keys, first)
    assert report.status == "imported"
    short = bundle_series.short_id(series.manifest.series["id"])
    assert _status(hq) == [f"Series {short} from {series.manifest.device_id}: parts 1, 3 of "
                           "3 received; 2 missing."]
    assert _status(hq, "es") == [f"Serie {short} de {series.manifest.device_id}: partes 1, 3 "
                                 "de 3 recibidas; faltan 2."]
    monkeypatch.setenv("RISKMAP_LANG", "es")
    assert main(["devices", "list", "--db", str(hq)]) == 0
    assert "faltan 2" in capsys.readouterr().out
    monkeypatch.setenv("RISKMAP_LANG", "en")
    assert main(["import", "--db", str(hq), "--identity", str(hq_keys.identity_path),
                 str(second)]) == 0
    out = capsys.readouterr().out
    assert f"Series {short} from {series.manifest.device_id}: all 3 parts received." in out
    assert _count(hq, "SELECT COUNT(*) FROM response") == 30
    assert _count(hq, "SELECT COUNT(*) FROM audit_log WHERE action = 'create'") == 30
    assert _count(hq, "SELECT COUNT(*) FROM series_audit") == 0
    assert _status(hq) == []  # nothing incomplete any more
    db = Database.open(hq)
    try:  # the whole chain is in HQ's audit log, in chain order
        assert audit_chain.verify_chains(db.conn).ok
    finally:
        db.close()


def test_a_duplicate_part_is_a_replay(series, hq, hq_keys):
    _import(hq, hq_keys, series.paths[0])
    (again,) = _import(hq, hq_keys, series.paths[0])
    assert again.status == "replay"


def test_a_tampered_part_is_refused_alone(series, hq, hq_keys, tmp_path):
    first, second, third = series.paths
    def change_a_form(members):  # not signed again: the manifest's hash no longer fits
        members[RECORDS] = members[RECORDS].replace(b'"status":"entered"',
                                                    b'"status":"verified"', 1)
    broken = tmp_path / "broken.zip.age"
    broken.write_bytes(_rebuild(second, hq_keys, None, change_a_form))
    reports = _import(hq, hq_keys, first, broken, third)
    assert [r.status for r in reports] == ["imported", "refused", "imported"]
    assert reports[1].refusal == "tampered"
    assert _count(hq, "SELECT COUNT(*) FROM response") == 20
    assert "2 missing" in _status(hq)[0]
    (last,) = _import(hq, hq_keys, second)  # the good copy completes the series
    assert last.status == "imported" and _status(hq) == []
    assert _count(hq, "SELECT COUNT(*) FROM audit_log WHERE action = 'create'") == 30


def test_another_file_claiming_a_part_already_held_is_refused(series, hq, hq_keys,
                                                                field_key, tmp_path):
    def new_uuid(members):  # the laptop's own key signs a second copy of part 1
        manifest = json.loads(members[MANIFEST])
        manifest["bundle_uuid"] = str(uuid.uuid4())
        manifest["sequence"] += 10  # (the same number again would be held before)
        members[MANIFEST] = json.dumps(manifest).encode()
    copy = tmp_path / "copy.zip.age"
    copy.write_bytes(_rebuild(series.paths[0], hq_keys, field_key, new_uuid))
    _import(hq, hq_keys, series.paths[0])
    before = db_state(hq)
    (report,) = _import(hq, hq_keys, copy)
    assert report.status == "refused" and report.refusal == "series_part_repeated"
    assert "part 1 of series" in report.message
    assert "parte 1 de la serie" in report.messages["es"]
    assert db_state(hq) == before


def _rebuild(path, keys, device_key, mutate) -> bytes:
    """Decrypt a part, change its members, sign again when `device_key` is given."""
    plain = age_crypto.decrypt(path.read_bytes(), identities(keys))
    with zipfile.ZipFile(io.BytesIO(plain)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    mutate(members)
    if device_key is not None:
        members[SIGNATURE] = device_key.sign(members[MANIFEST])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return age_crypto.encrypt(buffer.getvalue(), age_crypto.parse_recipients(keys.recipient))


def test_another_series_part_with_the_same_number_is_not_confused(
        series, field_db, field_key, hq_keys, hq, tmp_path):
    other_out = tmp_path / "other"
    other_out.mkdir()
    other = export_bundle(field_db, field_key, [hq_keys.recipient], other_out, full=True,
                          limits=SMALL)
    assert other.manifest.series["id"] != series.manifest.series["id"]
    reports = _import(hq, hq_keys, series.paths[2], other.paths[2])
    assert [r.status for r in reports] == ["imported", "imported"]
    lines = _status(hq)
    assert len(lines) == 2 and all("parts 3 of 3 received; 1, 2 missing" in l for l in lines)
    _import(hq, hq_keys, series.paths[0], series.paths[1])
    (left,) = _status(hq)
    assert bundle_series.short_id(other.manifest.series["id"]) in left
    assert _count(hq, "SELECT COUNT(*) FROM response") == 30


def test_a_chain_that_does_not_close_refuses_the_completing_part(series, hq, hq_keys):
    first, second, third = series.paths
    _import(hq, hq_keys, first, third)
    db = Database.open(hq)
    with db.transaction() as conn:  # a held row altered at HQ before the series closed
        conn.execute("UPDATE series_audit SET reason = 'changed' WHERE rowid = "
                     "(SELECT MIN(rowid) FROM series_audit)")
    db.close()
    before = db_state(hq)
    (report,) = _import(hq, hq_keys, second)
    assert report.status == "refused" and report.refusal == "audit_chain"
    assert db_state(hq) == before


def test_chain_order_puts_shuffled_rows_back():
    rows, prev = [], audit_chain.GENESIS
    for i in range(20):
        values = (f"u{i}", "2026-01-01T00:00:00Z", "op", "dev-a", "create", f"r{i}", None,
                  None, None, None)
        digest = audit_chain.row_hash(prev, values)
        rows.append(values + (prev, digest))
        prev = digest
    shuffled = rows[:]
    random.Random(3).shuffle(shuffled)
    assert bundle_series.chain_order(shuffled) == rows


def test_export_cli_says_how_many_files(field_db, hq_keys, out_dir, capsys, monkeypatch):
    from desktop.services import export_service
    monkeypatch.setattr(export_service, "PartLimits", lambda: SMALL)
    assert main(["export", "--db", str(field_db), "--to", str(hq_keys.recipient_path),
                 "--out", str(out_dir), "--all"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Wrote 3 files (a series of 3 parts, 30 forms")
    assert len(list(out_dir.iterdir())) == 3


def test_a_cancelled_series_leaves_no_file_and_no_claim(field_db, field_key, hq_keys,
                                                        out_dir):
    calls = []

    def progress(done, total):
        calls.append(done)
        if len(calls) == 2:  # after every part was written under its temporary name
            raise KeyboardInterrupt
    with pytest.raises(KeyboardInterrupt):
        export_bundle(field_db, field_key, [hq_keys.recipient], out_dir, full=True,
                      progress=progress, limits=SMALL)
    assert list(out_dir.iterdir()) == []
    db = Database.open(field_db)
    try:
        assert db.conn.execute("SELECT COUNT(*) FROM bundle_ledger").fetchone()[0] == 0
    finally:
        db.close()
    again = export_bundle(field_db, field_key, [hq_keys.recipient], out_dir, full=True,
                          limits=SMALL)
    assert again.parts == 3 and [m.sequence for m in again.manifests] == [1, 2, 3]


def test_an_out_of_range_value_confirmed_in_an_incomplete_series_is_accepted(
        field_db, field_key, hq_keys, out_dir, hq, valid_answers):
    """The operator's confirmation travels in the part's audit rows, which HQ holds until
    the series is whole: the form's part imports first, on its own, and its value passes."""
    from desktop.services.form_service import Actor
    from desktop.services.project import Project
    project = Project.open(field_db)
    try:
        form_uuid = project.db.conn.execute(
            "SELECT uuid FROM response ORDER BY form_number LIMIT 1").fetchone()[0]
        service = project.form_service(Actor("LC", field_key.device_id))
        answers = {**valid_answers, "exp_offered": "1", "exp_times": "80",
                   "exp_offered_by": "1", "exp_reported": "2"}
        service.update(form_uuid, answers, confirmed=["exp_times"])
    finally:
        project.close()
    parts = export_bundle(field_db, field_key, [hq_keys.recipient], out_dir, full=True,
                          limits=SMALL).paths
    holding = [path for path in parts
               if form_uuid in verify_bundle(path.read_bytes(), identities(hq_keys))
               .zipped.read(RECORDS).decode()]
    assert len(parts) > 1 and len(holding) == 1
    [report] = _import(hq, hq_keys, holding[0])
    assert report.status == "imported", report.message
    assert _count(hq, "SELECT COUNT(*) FROM audit_log WHERE action = 'confirm_out_of_range'") == 0
    assert _count(hq, f"SELECT COUNT(*) FROM answer WHERE response_uuid = '{form_uuid}' "
                      "AND question_id = 'exp_times' AND value = '80'") == 1
    reports = _import(hq, hq_keys, *[path for path in parts if path != holding[0]])
    assert {r.status for r in reports} == {"imported"}
    assert _count(hq, "SELECT COUNT(*) FROM audit_log WHERE action = 'confirm_out_of_range'") == 1


def _chain(device: str, count: int, unchained: int = 0) -> list[tuple]:
    rows, prev = [], audit_chain.GENESIS
    for i in range(unchained):  # rows from before the chain: no hashes
        rows.append((f"{device}-old{i}", "2025-01-01T00:00:00Z", "op", device, "create",
                     None, None, None, None, None, None, None))
    for i in range(count):
        values = (f"{device}-u{i}", "2026-01-01T00:00:00Z", "op", device, "create",
                  f"r{i}", None, None, None, None)
        digest = audit_chain.row_hash(prev, values)
        rows.append(values + (prev, digest))
        prev = digest
    return rows


def test_held_rows_come_back_in_chain_order_from_sql(tmp_path):
    """The parts' rows of two devices, held shuffled across three parts, come back per
    device in chain order (SQLite walks the chain), and a forked chain still comes back
    whole (through chain_order in memory) for the chain check to refuse."""
    db = Database.open(tmp_path / "hq.db")
    try:
        first, second = _chain("dev-a", 40, unchained=3), _chain("dev-b", 25)
        shuffled = first + second
        random.Random(5).shuffle(shuffled)
        with db.transaction() as conn:
            for part in range(3):
                series_store.hold_audit(conn, "s1", part + 1, shuffled[part::3])
            assert all(c.linear for c in series_store.held_devices(conn, "s1"))
            back = [row for chunk in bundle_series.held_in_chain_order(conn, "s1")
                    for row in chunk]
            assert back == first + second
            forked = _chain("dev-c", 6)
            twin = forked[3][:10] + (forked[2][11], "f" * 64)  # a second row after row 2
            series_store.hold_audit(conn, "s2", 1, forked[::-1] + [twin])
            (chain,) = series_store.held_devices(conn, "s2")
            assert chain.forked and not chain.linear
            back = [row for chunk in bundle_series.held_in_chain_order(conn, "s2")
                    for row in chunk]
            assert sorted(back) == sorted(forked + [twin]) and back[:3] == forked[:3]
    finally:
        db.close()
