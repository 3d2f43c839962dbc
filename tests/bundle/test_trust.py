"""HQ trusts only what it vouched for: enrolled devices, its own questionnaire, answers
valid for the form's version, an unbroken audit chain, honest sequence numbers. Every
refusal leaves the HQ database byte-identical (file bytes and SQL dump)."""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
import stat
import threading
import zipfile

import pytest

from desktop.bundle import age_crypto
from desktop.bundle.manifest import AUDIT, MANIFEST, QUESTIONNAIRE, RECORDS, RESPONSES_CSV, \
    SIGNATURE
from desktop.bundle.records import (FORM_FIELDS, FormRecord, canonical_answers,
                                    content_sha256)
from desktop.cli import main
from desktop.domain.questionnaire_loader import parse_questionnaire
from desktop.services.demo_service import fill_demo
from desktop.services.device_service import revoke_device
from desktop.services.export_service import export_bundle
from desktop.services.form_service import Actor, FormService
from desktop.services.import_service import import_bundles
from desktop.services.project import Project
from desktop.storage import device_store
from desktop.storage.database import Database

from bundle_helpers import db_state, identities, make_hq_db
from trust_helpers import enrol_fingerprints, import_trusted


def _one(report):
    (result,) = report.bundles
    return result


def _hq_project_db(tmp_path):
    """An HQ database made with `init` (the default questionnaire adopted)."""
    path = tmp_path / "hq.db"
    Project.open(path).close()
    return path


# -- helpers that forge bundles signed by the enrolled laptop ---------------------------
def _members(bundle_path, keys) -> dict[str, bytes]:
    plain = age_crypto.decrypt(bundle_path.read_bytes(), identities(keys))
    with zipfile.ZipFile(io.BytesIO(plain)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _seal(members: dict[str, bytes], keys, device_key, path, symlink: str = ""):
    """Re-hash the data files into the manifest, re-sign, zip, encrypt to `path`."""
    manifest = json.loads(members[MANIFEST])
    for name in manifest["files"]:
        manifest["files"][name] = hashlib.sha256(members[name]).hexdigest()
    manifest["questionnaire"]["sha256"] = hashlib.sha256(members[QUESTIONNAIRE]).hexdigest()
    lines = [line for line in members[RECORDS].decode().split("\n") if line]
    manifest["counts"]["forms"] = sum('"type":"form"' in line for line in lines)
    manifest["counts"]["audit"] = len([x for x in members[AUDIT].split(b"\n") if x])
    members[MANIFEST] = (json.dumps(manifest, sort_keys=True, indent=2) + "\n").encode()
    members[SIGNATURE] = device_key.sign(members[MANIFEST])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            if name == symlink:
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, data)
    path.write_bytes(age_crypto.encrypt(buffer.getvalue(),
                                        age_crypto.parse_recipients(keys.recipient)))
    return path


def _forms(members) -> list[dict]:
    return [json.loads(line) for line in members[RECORDS].decode().split("\n")
            if line and '"type":"form"' in line]


def _set_form(members, index: int, change) -> dict:
    """Apply `change(answers)` to the index-th form, with a correct content hash."""
    lines = members[RECORDS].decode().split("\n")
    form_lines = [i for i, line in enumerate(lines) if '"type":"form"' in line]
    data = json.loads(lines[form_lines[index]])
    answers = dict(data["answers"])
    change(answers)
    fields = {k: data[k] for k in FORM_FIELDS}
    text = canonical_answers(answers)
    sha = content_sha256(fields["round_uuid"], fields["form_number"], fields["status"],
                         fields["deleted_reason"], text)
    base = None if data["base"] is None else (data["base"]["revision"], data["base"]["sha256"])
    lines[form_lines[index]] = FormRecord(fields, text, sha, base).to_json()
    members[RECORDS] = "\n".join(lines).encode()
    return data


def _refused_unchanged(hq, keys, path, kind):
    before = db_state(hq)
    result = _one(import_bundles(hq, keys.identity_path, [path]))
    assert result.status == "refused" and result.refusal == kind, result.message
    assert db_state(hq) == before
    return result


@pytest.fixture
def enrolled_hq(tmp_path, field_key):
    hq = _hq_project_db(tmp_path)
    enrol_fingerprints(hq, field_key.fingerprint)
    return hq


# -- 1. enrolment -----------------------------------------------------------------------
def test_unknown_device_is_refused_with_its_fingerprint_and_the_command(tmp_path, bundle,
                                                                         hq_keys, field_key):
    hq = make_hq_db(tmp_path / "hq.db")
    result = _refused_unchanged(hq, hq_keys, bundle, "unknown_device")
    assert field_key.device_id in result.message and field_key.fingerprint in result.message
    assert f'riskmap devices trust --db {hq} "{field_key.fingerprint}"' in result.message
    assert result.message.count(". ") == 0  # one sentence
    enrol_fingerprints(hq, field_key.fingerprint)
    assert _one(import_bundles(hq, hq_keys.identity_path, [bundle])).new == 30


def test_revoked_device_later_bundles_refused_earlier_forms_kept(tmp_path, hq_keys, field_key,
                                                                  field_db, out_dir,
                                                                  valid_answers):
    project = Project.open(field_db)
    round_uuid = project.create_round("Keyed", form_min=1, form_max=500).uuid
    FormService(project.db, project.questionnaire, Actor("OP", field_key.device_id)) \
        .save_new(round_uuid, 200, valid_answers)
    project.close()
    first = export_bundle(field_db, field_key, [hq_keys.recipient], out_dir).path
    hq = _hq_project_db(tmp_path)
    enrol_fingerprints(hq, field_key.fingerprint)
    assert _one(import_bundles(hq, hq_keys.identity_path, [first])).new == 31
    project = Project.open(field_db)
    fill_demo(project, 3, seed=9, round_name="Later")
    project.close()
    second = export_bundle(field_db, field_key, [hq_keys.recipient], out_dir).path
    db = Database.open(hq)
    device, kept = revoke_device(db, field_key.fingerprint, "laptop seized")
    db.close()
    assert kept == 1 and device.revoked
    result = _refused_unchanged(hq, hq_keys, second, "revoked_device")
    assert field_key.fingerprint in result.message
    db = Database.open(hq)
    try:
        assert db.conn.execute("SELECT COUNT(*) FROM response").fetchone()[0] == 31
        assert device_store.revoked_device_ids(db.conn) == {field_key.device_id}
        actions = [r[0] for r in db.conn.execute("SELECT action FROM audit_log WHERE "
                                                 "device = (SELECT device_id FROM device_secret) ORDER BY id")]
        assert "device_enrol" in actions and actions[-1] == "device_revoke"
    finally:
        db.close()


# -- 2. HQ's questionnaire is HQ's ------------------------------------------------------
def _relabel(text: str) -> str:
    data = json.loads(text)
    data["version"] = "9.9.9"
    data["bands"][-1]["label"] = {k: "low" for k in data["bands"][-1]["label"]}
    first = data["sections"][0]["questions"][0]
    first["choices"][0]["label"] = {k: "Relabelled" for k in first["choices"][0]["label"]}
    data["risks"][0]["label"] = {k: "Nothing to see" for k in data["risks"][0]["label"]}
    return json.dumps(data, ensure_ascii=False, indent=1)


def test_relabelling_bundle_never_changes_hqs_questionnaire(tmp_path, bundle, hq_keys,
                                                            field_key, enrolled_hq):
    members = _members(bundle, hq_keys)
    old_sha = hashlib.sha256(members[QUESTIONNAIRE]).hexdigest()
    members[QUESTIONNAIRE] = _relabel(members[QUESTIONNAIRE].decode()).encode()
    new_sha = hashlib.sha256(members[QUESTIONNAIRE]).hexdigest()
    members[RECORDS] = members[RECORDS].replace(old_sha.encode(), new_sha.encode())
    forged = _seal(members, hq_keys, field_key, tmp_path / "relabel.zip.age")
    hq_before = Project.open(enrolled_hq)
    adopted = hq_before.questionnaire
    hq_before.close()
    result = _one(import_bundles(enrolled_hq, hq_keys.identity_path, [forged]))
    assert result.status == "imported", result.message
    diffs = result.questionnaire_differences
    assert any(d.startswith("question institution: code labels differ") for d in diffs)
    assert any(d.startswith("risk r01") for d in diffs) and any("bands" in d for d in diffs)
    project = Project.open(enrolled_hq)
    try:  # the report and dashboard read the project's questionnaire: HQ's, unchanged
        assert project.questionnaire.sha256 == adopted.sha256
        assert project.questionnaire.bands == adopted.bands
        assert project.questionnaire.risks[0].label == adopted.risks[0].label
        stored = project.db.conn.execute("SELECT COUNT(*) FROM questionnaire").fetchone()[0]
        assert stored == 2  # the bundle's version is kept, not adopted
    finally:
        project.close()
    # Adopting another version is the analyst's explicit, audited act.
    assert main(["questionnaire", "adopt", "--db", str(enrolled_hq), new_sha[:10]]) == 0
    project = Project.open(enrolled_hq)
    try:
        assert project.questionnaire.sha256 == new_sha
        (row,) = project.db.conn.execute("SELECT old, new FROM audit_log WHERE action = "
                                         "'questionnaire_adopt' ORDER BY id DESC LIMIT 1")
        assert tuple(row) == (adopted.sha256, new_sha)
    finally:
        project.close()


@pytest.mark.parametrize("forge", ["not_a_questionnaire", "deep_nesting", "not_utf8"])
def test_invalid_questionnaire_refuses_the_bundle(tmp_path, bundle, hq_keys, field_key,
                                                  enrolled_hq, forge):
    members = _members(bundle, hq_keys)
    old_sha = hashlib.sha256(members[QUESTIONNAIRE]).hexdigest()
    data = json.loads(members[QUESTIONNAIRE])
    if forge == "not_a_questionnaire":
        members[QUESTIONNAIRE] = json.dumps({"id": "x", "sections": "none"}).encode()
    elif forge == "deep_nesting":
        data["sections"][1]["relevant"] = "(" * 300 + "institution = 1" + ")" * 300
        members[QUESTIONNAIRE] = json.dumps(data).encode()
    else:
        members[QUESTIONNAIRE] = b"\xff\xfe" + members[QUESTIONNAIRE]
    new_sha = hashlib.sha256(members[QUESTIONNAIRE]).hexdigest()
    members[RECORDS] = members[RECORDS].replace(old_sha.encode(), new_sha.encode())
    forged = _seal(members, hq_keys, field_key, tmp_path / "q.zip.age")
    kind = "tampered" if forge == "not_utf8" else "bad_questionnaire"
    _refused_unchanged(enrolled_hq, hq_keys, forged, kind)
    project = Project.open(enrolled_hq)  # still opens, with its own questionnaire
    project.close()


# -- 3. every answer at the door --------------------------------------------------------
@pytest.mark.parametrize("question,value", [
    ("institution", "999"), ("institution", "-3"), ("r01_likelihood", "abc"),
    ("no_such_question", "1"), ("r01_impact", "1 2"),
])
def test_bad_answer_refuses_the_whole_bundle(tmp_path, bundle, hq_keys, field_key,
                                             enrolled_hq, question, value):
    members = _members(bundle, hq_keys)
    form = _set_form(members, 4, lambda answers: answers.__setitem__(question, value))
    forged = _seal(members, hq_keys, field_key, tmp_path / "answer.zip.age")
    result = _refused_unchanged(enrolled_hq, hq_keys, forged, "bad_answer")
    assert f"Form {form['form_number']} " in result.message and question in result.message


def test_answer_to_a_question_that_does_not_apply_is_refused(tmp_path, bundle, hq_keys,
                                                             field_key, enrolled_hq,
                                                             questionnaire):
    members = _members(bundle, hq_keys)
    skipped = next(q for q in questionnaire.questions() if q.relevant is not None)
    index = next(i for i, f in enumerate(_forms(members)) if skipped.id not in f["answers"])
    _set_form(members, index, lambda answers: answers.__setitem__(skipped.id, "1"))
    forged = _seal(members, hq_keys, field_key, tmp_path / "skip.zip.age")
    result = _refused_unchanged(enrolled_hq, hq_keys, forged, "bad_answer")
    assert skipped.id in result.message


def test_responses_csv_must_agree_with_the_records(tmp_path, bundle, hq_keys, field_key,
                                                   enrolled_hq):
    members = _members(bundle, hq_keys)
    text = members[RESPONSES_CSV].decode("utf-8-sig").split("\r\n")
    text[3] = text[3].replace(",entered,", ",verified,", 1)
    members[RESPONSES_CSV] = ("\ufeff" + "\r\n".join(text)).encode()
    forged = _seal(members, hq_keys, field_key, tmp_path / "csv.zip.age")
    _refused_unchanged(enrolled_hq, hq_keys, forged, "csv_mismatch")


def test_record_with_an_object_for_a_number_is_refused(tmp_path, bundle, hq_keys, field_key,
                                                       enrolled_hq):
    members = _members(bundle, hq_keys)
    members[RECORDS] = members[RECORDS].replace(b'"target_count":30', b'"target_count":{}', 1)
    forged = _seal(members, hq_keys, field_key, tmp_path / "record.zip.age")
    _refused_unchanged(enrolled_hq, hq_keys, forged, "tampered")


# -- 4. the audit hash chain ------------------------------------------------------------
def _audit_lines(members) -> list[bytes]:
    return [line for line in members[AUDIT].split(b"\n") if line]


@pytest.mark.parametrize("damage", ["removed", "changed", "reordered"])
def test_audit_chain_with_a_row_removed_changed_or_reordered_is_refused(
        tmp_path, bundle, hq_keys, field_key, enrolled_hq, damage):
    members = _members(bundle, hq_keys)
    lines = _audit_lines(members)
    if damage == "removed":
        del lines[5]
    elif damage == "changed":
        row = json.loads(lines[5])
        row["operator"] = "XX"
        lines[5] = json.dumps(row, sort_keys=True, separators=(",", ":")).encode()
    else:
        lines[5], lines[6] = lines[6], lines[5]
    members[AUDIT] = b"\n".join(lines) + b"\n"
    forged = _seal(members, hq_keys, field_key, tmp_path / "audit.zip.age")
    _refused_unchanged(enrolled_hq, hq_keys, forged, "audit_chain")


def test_chain_must_continue_from_the_last_bundle_hq_holds(tmp_path, hq_keys, field_key,
                                                           field_db, out_dir):
    first = export_bundle(field_db, field_key, [hq_keys.recipient], out_dir).path
    for comment in ("two", "three"):  # edits on this laptop: its own audit chain
        project = Project.open(field_db)
        service = FormService(project.db, project.questionnaire,
                              Actor("OP", field_key.device_id))
        uuid = project.db.conn.execute("SELECT uuid FROM response LIMIT 1").fetchone()[0]
        service.update(uuid, {**service.load(uuid).answers, "comment": comment})
        project.close()
        last = export_bundle(field_db, field_key, [hq_keys.recipient], out_dir).path
    hq = make_hq_db(tmp_path / "hq.db")
    enrol_fingerprints(hq, field_key.fingerprint)
    assert _one(import_bundles(hq, hq_keys.identity_path, [first])).status == "imported"
    result = _refused_unchanged(hq, hq_keys, last, "audit_chain")  # bundle 2 is missing
    assert "earlier bundles first" in result.message


def test_rewritten_audit_row_in_a_field_database(tmp_path, field_db, field_key, hq_keys,
                                                 out_dir, capsys):
    first = export_bundle(field_db, field_key, [hq_keys.recipient], out_dir).path
    conn = sqlite3.connect(field_db)
    with pytest.raises(sqlite3.DatabaseError, match="cannot be replaced"):
        conn.execute("INSERT OR REPLACE INTO audit_log (id, uuid, time, operator, device, "
                     "action, prev_hash, hash) SELECT id, uuid, time, 'XX', device, action, "
                     "prev_hash, hash FROM audit_log WHERE id = 3")
    conn.execute("PRAGMA recursive_triggers = ON")
    with pytest.raises(sqlite3.DatabaseError):
        conn.execute("REPLACE INTO audit_log (id, uuid, time, operator, device, action, "
                     "prev_hash, hash) SELECT id, uuid, time, 'XX', device, action, "
                     "prev_hash, hash FROM audit_log WHERE id = 3")
    assert main(["check", "--db", str(field_db)]) == 0
    capsys.readouterr()
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET operator = 'XX' WHERE id = 3")
    conn.commit()
    conn.close()
    assert main(["check", "--db", str(field_db), "--json"]) == 1
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert report["audit_chain"] == "broken" and len(report["findings"]) == 2
    assert set(report) >= {"integrity", "schema_version", "forms", "audit_rows", "devices"}
    assert report["forms"]["entered"] == 30
    assert "audit_log_no_update is missing" in captured.err
    # HQ, which holds the original rows, refuses the rewritten history.
    full = export_bundle(field_db, field_key, [hq_keys.recipient], out_dir, full=True).path
    hq = make_hq_db(tmp_path / "hq.db")
    enrol_fingerprints(hq, field_key.fingerprint)
    assert _one(import_bundles(hq, hq_keys.identity_path, [first])).status == "imported"
    _refused_unchanged(hq, hq_keys, full, "audit_chain")


# -- 5. order, sequence, concurrency, archive members ----------------------------------
def test_late_older_revision_is_unchanged(tmp_path, hq_keys, field_key, field_db, out_dir):
    project = Project.open(field_db)
    service = FormService(project.db, project.questionnaire, Actor("OP", field_key.device_id))
    uuid = project.db.conn.execute("SELECT uuid FROM response ORDER BY uuid").fetchone()[0]
    project.close()
    bundles = []
    for comment in ("one", "two", "three"):
        project = Project.open(field_db)
        service = FormService(project.db, project.questionnaire,
                              Actor("OP", field_key.device_id))
        service.update(uuid, {**service.load(uuid).answers, "comment": comment})
        project.close()
        bundles.append(export_bundle(field_db, field_key, [hq_keys.recipient], out_dir,
                                     full=True).path)
    hq = make_hq_db(tmp_path / "hq.db")
    three, one = import_trusted(hq, hq_keys.identity_path, [bundles[2], bundles[0]]).bundles
    assert three.status == "imported" and three.new == 30
    assert one.status == "imported" and one.conflicting == 0 and one.unchanged == 30


def test_reused_sequence_number_is_held(tmp_path, hq_keys, field_key, field_db, out_dir):
    copy = tmp_path / "copy.db"
    import shutil
    shutil.copy(field_db, copy)  # the same rows sent twice (a branch: test_restored_backup)
    first = export_bundle(field_db, field_key, [hq_keys.recipient], out_dir).path
    other_out = tmp_path / "other"
    other_out.mkdir()
    again = export_bundle(copy, field_key, [hq_keys.recipient], other_out).path
    hq = make_hq_db(tmp_path / "hq.db")
    enrol_fingerprints(hq, field_key.fingerprint)
    assert _one(import_bundles(hq, hq_keys.identity_path, [first])).status == "imported"
    before = db_state(hq)
    held = _one(import_bundles(hq, hq_keys.identity_path, [again]))
    assert held.status == "held" and held.refusal == "sequence_reused"
    assert "numbered 1" in held.message
    assert db_state(hq) == before


def test_export_claims_its_sequence_before_the_file_appears(tmp_path, hq_keys, field_key,
                                                            field_db, out_dir, monkeypatch):
    from desktop.services import export_service

    def crash(staged, exclusive=()):
        raise OSError("USB stick pulled")
    monkeypatch.setattr(export_service, "commit_staged", crash)
    with pytest.raises(OSError):
        export_bundle(field_db, field_key, [hq_keys.recipient], out_dir)
    monkeypatch.undo()
    assert list(out_dir.iterdir()) == []
    conn = sqlite3.connect(field_db)
    assert conn.execute("SELECT COUNT(*) FROM bundle_ledger").fetchone() == (0,)
    conn.close()
    seen = {}

    def watch(staged, exclusive=()):
        conn = sqlite3.connect(field_db)  # another connection: the claim is committed
        seen["ledger"] = conn.execute("SELECT sequence, file_name FROM bundle_ledger WHERE "
                                      "direction = 'export'").fetchall()
        conn.close()
        seen["files"] = sorted(p.name for p in out_dir.iterdir() if not p.name.startswith("."))
        return real(staged, exclusive=exclusive)
    real = export_service.commit_staged
    monkeypatch.setattr(export_service, "commit_staged", watch)
    result = export_bundle(field_db, field_key, [hq_keys.recipient], out_dir)
    assert seen["ledger"] == [(1, result.path.name)] and result.manifest.sequence == 1
    assert seen["files"] == []


def test_two_concurrent_imports_serialise_and_report_truthfully(tmp_path, hq_keys, field_key,
                                                                bundle):
    hq = make_hq_db(tmp_path / "hq.db")
    enrol_fingerprints(hq, field_key.fingerprint)
    results = []
    start = threading.Barrier(2)

    def run():
        start.wait()
        results.append(_one(import_bundles(hq, hq_keys.identity_path, [bundle])))
    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.status for r in results) == ["imported", "replay"], results
    db = Database.open(hq)
    try:
        assert db.conn.execute("SELECT COUNT(*) FROM response").fetchone()[0] == 30
    finally:
        db.close()


def test_symlink_member_is_refused(tmp_path, bundle, hq_keys, field_key, enrolled_hq):
    members = _members(bundle, hq_keys)
    forged = _seal(members, hq_keys, field_key, tmp_path / "link.zip.age", symlink=RECORDS)
    _refused_unchanged(enrolled_hq, hq_keys, forged, "unsafe")


def test_forged_bundle_helpers_make_an_importable_bundle(tmp_path, bundle, hq_keys, field_key,
                                                         enrolled_hq):
    """The forging helpers change nothing by themselves (so each refusal above is due to
    its one change)."""
    forged = _seal(_members(bundle, hq_keys), hq_keys, field_key, tmp_path / "same.zip.age")
    result = _one(import_bundles(enrolled_hq, hq_keys.identity_path, [forged]))
    assert result.status == "imported" and result.new == 30
    assert parse_questionnaire(_members(bundle, hq_keys)[QUESTIONNAIRE].decode())


def test_a_headquarters_export_imports_at_another_headquarters(field_db, field_key, hq_keys,
                                                                out_dir, tmp_path):
    """A regional HQ passes what it merged to the national one: each HQ writes its own
    audit rows under its own device id, so the two chains never collide."""
    from desktop.services.device_identity import project_device_key
    bundle = export_bundle(field_db, field_key, [hq_keys.recipient], out_dir, full=True).path
    regional = make_hq_db(tmp_path / "regional.db")
    assert _one(import_trusted(regional, hq_keys.identity_path, [bundle])).status == "imported"
    regional_key = project_device_key(regional)
    assert regional_key.device_id != "hq"
    onward = tmp_path / "onward"
    onward.mkdir()
    passed = export_bundle(regional, regional_key, [hq_keys.recipient], onward, full=True).path
    national = make_hq_db(tmp_path / "national.db")
    enrol_fingerprints(national, field_key.fingerprint)
    report = _one(import_trusted(national, hq_keys.identity_path, [passed]))
    assert report.status == "imported", report.message
    db = Database.open(national)
    try:
        devices = {row[0] for row in db.conn.execute("SELECT DISTINCT device FROM audit_log")}
        forms = db.conn.execute("SELECT COUNT(*) FROM response").fetchone()[0]
    finally:
        db.close()
    assert forms == 30 and regional_key.device_id in devices and "hq" not in devices


# -- answers texts as a laptop may write them --------------------------------------------
def _escape_first_char(text: str) -> str:
    """`text` (compact, keys sorted) with the first character of its first value written
    as a \\u escape: the same object, not the canonical text."""
    at = text.index('":"') + 3
    return f"{text[:at]}\\u{ord(text[at]):04x}{text[at + 1:]}"


_SPELLINGS = {
    "spaces": lambda answers: json.dumps(answers, sort_keys=True, ensure_ascii=False),
    "keys out of order": lambda answers: json.dumps(
        dict(sorted(answers.items(), reverse=True)), ensure_ascii=False,
        separators=(",", ":")),
    "an escape": lambda answers: _escape_first_char(canonical_answers(answers)),
}


def test_answers_text_is_stored_canonical_and_a_canonical_one_as_it_came(
        tmp_path, bundle, hq_keys, field_key, enrolled_hq):
    """A record's answers text that is not canonical (signed and hashed as written) is
    stored as the canonical text of its object; a canonical one byte for byte as it came
    (the import decides it as it reads, and the writer does not test it again)."""
    members = _members(bundle, hq_keys)
    lines = members[RECORDS].decode().split("\n")
    form_lines = [i for i, line in enumerate(lines) if '"type":"form"' in line]
    expected: dict[str, str] = {}
    for index, spell in zip(form_lines, _SPELLINGS.values()):
        data = json.loads(lines[index])
        fields = {k: data[k] for k in FORM_FIELDS}
        text = spell(data["answers"])
        assert text != canonical_answers(data["answers"])
        assert json.loads(text) == data["answers"]
        sha = content_sha256(fields["round_uuid"], fields["form_number"], fields["status"],
                             fields["deleted_reason"], text)
        base = None if data["base"] is None else (data["base"]["revision"],
                                                  data["base"]["sha256"])
        lines[index] = FormRecord(fields, text, sha, base).to_json()
        expected[fields["uuid"]] = canonical_answers(data["answers"])
    untouched = [lines[i] for i in form_lines[len(_SPELLINGS):]]
    for line in untouched:
        data = json.loads(line)
        expected[data["uuid"]] = line[len('{"answers":'):line.index(',"base":')]
        assert expected[data["uuid"]] == canonical_answers(data["answers"])
    members[RECORDS] = "\n".join(lines).encode()
    forged = _seal(members, hq_keys, field_key, tmp_path / "spellings.zip.age")
    result = _one(import_bundles(enrolled_hq, hq_keys.identity_path, [forged]))
    assert result.status == "imported" and result.new == 30, result.message
    conn = sqlite3.connect(enrolled_hq)
    try:
        stored = dict(conn.execute("SELECT response_uuid, answers FROM form_answers"))
    finally:
        conn.close()
    assert {uuid: stored.get(uuid) for uuid in expected} == expected
