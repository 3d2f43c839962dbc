"""Large exports as a series of complete, signed bundles (issue 14): parts imported in any
order, each in its own transaction; the audit chain checked on the whole series; a
tampered part refused alone; another series' part of the same number kept apart; the
import and `devices list` say which parts are missing, in English and Spanish."""

from __future__ import annotations

import io
import itertools
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
from desktop.bundle.errors import BundleError
from desktop.bundle.manifest import AUDIT, MANIFEST, RECORDS, RESPONSES_CSV, SIGNATURE
from desktop.services import bundle_series
from desktop.services.device_identity import project_device_key
from desktop.services.export_service import PartLimits, export_bundle
from desktop.services.import_service import import_bundles
from desktop.storage import audit_chain, series_store
from desktop.storage.audit_store import AUDIT_COLUMNS
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
                           "3 received; part 2 missing."]
    assert _status(hq, "es") == [f"Serie {short} de {series.manifest.device_id}: partes 1, 3 "
                                 "de 3 recibidas; falta la parte 2."]
    monkeypatch.setenv("RISKMAP_LANG", "es")
    assert main(["devices", "list", "--db", str(hq)]) == 0
    assert "falta la parte 2" in capsys.readouterr().out
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
    assert len(lines) == 2 and all("part 3 of 3 received; parts 1, 2 missing" in l for l in lines)
    spanish = _status(hq, "es")
    assert all("parte 3 de 3 recibida; faltan las partes 1, 2" in line for line in spanish), spanish
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


def _hold_split(conn, series_id: str, rows: list[tuple], parts: int, seed: int) -> None:
    """Hold `rows` as `parts` parts as an export splits them: each chained row in a
    random part (its form's), the rows from before the chain in the first, each part
    keeping the order the rows came in (the exporting database's)."""
    rng = random.Random(seed)
    split: list[list[tuple]] = [[] for _ in range(parts)]
    for row in rows:
        split[rng.randrange(parts) if row[11] is not None else 0].append(row)
    for number, held in enumerate(split, 1):
        series_store.hold_audit(conn, series_id, number, held)


def _interleaved(*chains: list[tuple], seed: int = 1) -> list[tuple]:
    """The rows of several devices' chains mixed as one database's ids mix them: each
    device's rows in its own order."""
    rng, queues, mixed = random.Random(seed), [list(c) for c in chains], []
    while any(queues):
        queue = rng.choice([q for q in queues if q])
        mixed.append(queue.pop(0))
    return mixed


def test_held_rows_come_back_in_chain_order_merged_from_the_parts(tmp_path):
    """Three devices' rows (one with rows from before the chain), mixed and held as four
    parts, come back with each device's rows in chain order, the unchained ones first;
    the parts are merged, so memory holds a head per part, not the series."""
    db = Database.open(tmp_path / "hq.db")
    try:
        chains = [_chain("dev-a", 60, unchained=3), _chain("dev-b", 45), _chain("dev-c", 1)]
        with db.transaction() as conn:
            _hold_split(conn, "s1", _interleaved(*chains), 4, seed=7)
            back = [row for chunk in bundle_series.held_in_chain_order(conn, "s1")
                    for row in chunk]
        assert sorted(back) == sorted(row for chain in chains for row in chain)
        for chain in chains:
            device = chain[0][3]
            assert [row for row in back if row[3] == device] == chain
        assert [row[11] for row in back[:3]] == [None] * 3  # before any chained row
    finally:
        db.close()


@pytest.mark.parametrize("damage", ["gap", "fork", "out_of_order"])
def test_held_rows_that_do_not_make_one_chain_are_refused(tmp_path, damage):
    """A row missing, a second row after the same row (a fork), or a part whose rows are
    out of chain order: the merge cannot close the chain and the series is refused (as a
    single bundle with that break is), whichever row it is."""
    db = Database.open(tmp_path / "hq.db")
    try:
        chain, other = _chain("dev-a", 30), _chain("dev-b", 20)
        if damage == "gap":
            chain = chain[:12] + chain[13:]
        elif damage == "fork":
            twin = chain[8][:10] + (chain[7][11], audit_chain.row_hash(chain[7][11],
                                                                       chain[8][:10]))
            chain = chain[:9] + [twin[:5] + ("r-twin",) + twin[6:]] + chain[9:]
        with db.transaction() as conn:
            rows = _interleaved(chain, other, seed=3)
            _hold_split(conn, "s1", rows, 3, seed=4)
            if damage == "out_of_order":  # two rows of one part swap places
                first, second = conn.execute(
                    "SELECT rowid FROM series_audit WHERE part = 2 AND device = 'dev-a' "
                    "ORDER BY position LIMIT 2").fetchall()
                conn.execute("UPDATE series_audit SET position = -1 WHERE rowid = ?", second)
                conn.execute("UPDATE series_audit SET position = (SELECT MAX(position) + 1 "
                             "FROM series_audit WHERE part = 2) WHERE rowid = ?", first)
            with pytest.raises(BundleError) as refused:
                for _ in bundle_series.held_in_chain_order(conn, "s1"):
                    pass
        assert refused.value.kind == "audit_chain"
        assert "a row is missing or out of order" in refused.value.sentence
    finally:
        db.close()


def _audit_of(conn, devices) -> list[tuple]:
    marks = ", ".join("?" for _ in devices)
    return [tuple(r) for r in conn.execute(
        f"SELECT {', '.join(AUDIT_COLUMNS)} FROM audit_log WHERE device IN ({marks}) "
        "ORDER BY device, id", list(devices))]


def _contents(path, devices) -> tuple:
    """What an HQ holds of the series: every form, its answers, and the series' audit
    rows of each device in the order HQ holds them."""
    db = Database.open(path)
    try:
        conn = db.conn
        forms = [tuple(r) for r in conn.execute(
            "SELECT uuid, round_uuid, form_number, status, operator, device, created, "
            "updated, revision FROM response ORDER BY uuid")]
        answers = [tuple(r) for r in conn.execute(
            "SELECT response_uuid, answers FROM form_answers ORDER BY response_uuid")]
        assert audit_chain.verify_chains(conn).ok
        return forms, answers, _audit_of(conn, devices)
    finally:
        db.close()


def test_an_hq_series_imported_in_every_order_gives_the_same_hq(
        field_db, field_key, hq_keys, out_dir, tmp_path):
    """A full export of an HQ (the field device's chain and HQ's own rows, two devices'
    chains spread over three parts) imported into a new HQ in each of the six orders:
    the same forms, answers and audit rows every time, each device's rows in the order
    the exporting HQ holds them; the series is reported incomplete until its last part."""
    first_hq = make_hq_db(tmp_path / "first-hq.db")
    enrol_fingerprints(first_hq, field_key.fingerprint)
    whole = export_bundle(field_db, field_key, [hq_keys.recipient], out_dir, full=True)
    assert [r.status for r in _import(first_hq, hq_keys, whole.path)] == ["imported"]
    hq_key = project_device_key(first_hq)
    (tmp_path / "parts").mkdir()
    series = export_bundle(first_hq, hq_key, [hq_keys.recipient], tmp_path / "parts",
                           full=True, limits=SMALL)
    assert series.parts == 3
    db = Database.open(first_hq)
    try:
        devices = [r[0] for r in db.conn.execute(
            "SELECT DISTINCT device FROM audit_log ORDER BY device")]
        expected = _audit_of(db.conn, devices)
    finally:
        db.close()
    assert len(devices) == 2  # the field laptop's rows and the first HQ's own
    seen = set()
    for number, order in enumerate(itertools.permutations(series.paths)):
        target = make_hq_db(tmp_path / f"hq-{number}.db")
        enrol_fingerprints(target, hq_key.fingerprint)
        for count, path in enumerate(order, 1):
            (report,) = _import(target, hq_keys, path)
            assert report.status == "imported", report.message
            lines = _status(target)
            assert (lines == []) == (count == 3), lines
        forms, answers, audit = _contents(target, devices)
        assert audit == expected and len(forms) == 30
        seen.add((tuple(forms), tuple(answers), tuple(audit)))
        assert _count(target, "SELECT COUNT(*) FROM series_audit") == 0
    assert len(seen) == 1


def test_a_held_row_deleted_before_the_series_closes_refuses_the_completing_part(
        series, hq, hq_keys):
    first, second, third = series.paths
    _import(hq, hq_keys, first, third)
    db = Database.open(hq)
    with db.transaction() as conn:  # a held row removed at HQ: the chain has a gap
        conn.execute("DELETE FROM series_audit WHERE rowid = (SELECT rowid FROM "
                     "series_audit WHERE prev_hash IS NOT NULL ORDER BY rowid LIMIT 1 "
                     "OFFSET 4)")
    db.close()
    before = db_state(hq)
    (report,) = _import(hq, hq_keys, second)
    assert report.status == "refused" and report.refusal == "audit_chain"
    assert db_state(hq) == before
    assert "1, 3 of 3 received; part 2 missing" in _status(hq)[0]
