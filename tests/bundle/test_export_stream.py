"""The streaming export writes exactly the bytes the in-memory writer wrote before it
(tests/bundle/reference_writer.py, frozen): HQ rebuilds responses.csv from the records and
compares byte for byte, and checks content hashes, so not one byte may move. Checked on a
project with every kind of awkward text (accents, quotes, commas, line breaks,
backslashes, formula starts), deleted forms with reasons and forms sent once before."""

from __future__ import annotations

import io
import sqlite3
import zipfile

from reference_writer import BundleWriter as ReferenceWriter
from reference_writer import QuestionnaireInfo as ReferenceInfo

from bundle_helpers import identities
from desktop.bundle import age_crypto
from desktop.bundle.manifest import AUDIT, QUESTIONNAIRE, RECORDS, RESPONSES_CSV
from desktop.domain.demo_forms import generate_forms
from desktop.services.demo_service import fill_demo
from desktop.services.export_service import export_bundle
from desktop.services.form_service import Actor, FormService
from desktop.services.project import Project
from desktop.storage import export_store

COMMENTS = ["años de servicio", "a, b", 'dice "no"', "=SUM(A1)", "-3", "línea\nnueva",
            "tab\tx", "back\\slash", "+1", "@x", "ok", "\u2028sep", "ñandú — “citas”"]


def _awkward_project(path):
    project = Project.open(path)
    project.create_round('Ronda, "uno"', form_min=1, form_max=500)
    fill_demo(project, 30, 2, round_name='Ronda, "uno"')
    first = project.create_round("Ronda 3", form_min=1, form_max=500)
    fill_demo(project, 20, 5, round_name="Ronda 3")
    service = FormService(project.db, project.questionnaire, Actor("AÑ", "dev-ñ"))
    forms = list(generate_forms(project.questionnaire, len(COMMENTS), 4))
    for i, (form, comment) in enumerate(zip(forms, COMMENTS)):
        service.save_new(first.uuid, 100 + i, {**form.answers, "comment": comment})
    uuids = [row[0] for row in project.db.conn.execute("SELECT uuid FROM response "
                                                       "ORDER BY uuid")]
    service.delete(uuids[0], 'dup, "x" ñ')
    service.delete(uuids[1], "=bad\\reason")
    return project


def _reference_members(project, device_key, full: bool) -> dict[str, bytes]:
    """What the export wrote before it streamed: the old writer fed the old way."""
    q = project.questionnaire
    writer = ReferenceWriter(ReferenceInfo(q.id, q.version, q.sha256, q.source_text,
                                           tuple(x.id for x in q.questions())), device_key)
    conn = project.db.conn
    last = export_store.last_export(conn, device_key.device_id)
    for fields in export_store.rounds(conn):
        writer.add_round(fields)
    for row in export_store.iter_form_texts(conn, changed_only=not full):
        writer.add_form_texts(row)
    for line in export_store.iter_audit_lines(conn, 0 if full else last.audit_through):
        writer.add_audit_line(line)
    built = writer.finish(bundle_uuid="00000000-0000-4000-8000-000000000000", sequence=1,
                          previous_uuid=None, created="2026-01-01T00:00:00Z", scope="full",
                          recipients=[age_crypto.generate_identity().to_public()])
    with zipfile.ZipFile(io.BytesIO(built.zip_bytes)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _members(path, keys) -> dict[str, bytes]:
    plain = age_crypto.decrypt(path.read_bytes(), identities(keys))
    with zipfile.ZipFile(io.BytesIO(plain)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _same_members(ours: dict[str, bytes], reference: dict[str, bytes]) -> None:
    for name in (QUESTIONNAIRE, RESPONSES_CSV, RECORDS, AUDIT):
        assert ours[name] == reference[name], name


def test_streaming_export_writes_the_bytes_of_the_old_writer(tmp_path, field_key, hq_keys,
                                                             monkeypatch):
    from desktop.bundle.bundle_writer import BundleWriter
    general, slow = BundleWriter._add_form_general, []
    monkeypatch.setattr(BundleWriter, "_add_form_general",
                        lambda self, row: slow.append(row[0]) or general(self, row))
    project = _awkward_project(tmp_path / "field.db")
    out = tmp_path / "out"
    out.mkdir()
    try:
        reference = _reference_members(project, field_key, full=True)
    finally:
        project.close()
    result = export_bundle(tmp_path / "field.db", field_key, [hq_keys.recipient], out,
                           full=True)
    assert result.parts == 1
    _same_members(_members(result.path, hq_keys), reference)
    assert reference[RESPONSES_CSV].count(b"\r\n") > 60  # the forms are really there
    # Both paths were taken: SQLite's texts for plain forms, Python's for awkward ones.
    assert 5 <= len(slow) <= 40


def test_an_incremental_export_with_bases_matches_too(tmp_path, field_key, hq_keys):
    path = tmp_path / "field.db"
    _awkward_project(path).close()
    out = tmp_path / "out"
    out.mkdir()
    export_bundle(path, field_key, [hq_keys.recipient], out, full=True)
    project = Project.open(path)
    try:  # edit two forms sent before: the next export carries them with their base
        service = FormService(project.db, project.questionnaire, Actor("B", "dev-b"))
        for uuid in [r[0] for r in project.db.conn.execute(
                "SELECT uuid FROM response WHERE status != 'deleted' ORDER BY uuid LIMIT 2")]:
            form = service.load(uuid)
            service.update(uuid, {**form.answers, "comment": "cambió, \"sí\""},
                           reason="corrección")
        reference = _reference_members(project, field_key, full=False)
    finally:
        project.close()
    result = export_bundle(path, field_key, [hq_keys.recipient], out)
    assert result.forms == 2
    _same_members(_members(result.path, hq_keys), reference)


def _same_rows(conn, changed_only: bool) -> None:
    """export_rows' rows are iter_form_texts' rows, the answers left out of the first
    piece of the record line (Python joins them back in)."""
    from desktop.bundle.records import ANSWERS_PREFIX, FORM_FIELDS
    from desktop.storage import export_rows
    pre = len(FORM_FIELDS) + 4  # columns, base revision and sha256, answers, hash head
    ours = export_rows.iter_form_rows(conn, changed_only).fetchall()
    theirs = export_store.iter_form_texts(conn, changed_only).fetchall()
    assert len(ours) == len(theirs) > 0
    for mine, old in zip(ours, theirs):
        assert mine[:pre] == old[:pre] and mine[pre + 1:] == old[pre + 1:]
        assert ANSWERS_PREFIX + mine[pre - 2] + mine[pre] == old[pre]


def test_streamed_rows_are_the_rows_of_the_grouped_query(tmp_path, field_key, hq_keys):
    path = tmp_path / "field.db"
    project = _awkward_project(path)
    try:
        conn = project.db.conn
        for changed_only in (False, True):
            _same_rows(conn, changed_only)
        out = tmp_path / "out"
        out.mkdir()
        project.close()
        export_bundle(path, field_key, [hq_keys.recipient], out, full=True)
        project = Project.open(path)
        _same_rows(project.db.conn, False)  # now with export marks (the base of each form)
    finally:
        project.close()


def test_small_chunks_mix_both_paths_and_keep_the_bytes(tmp_path, field_key, hq_keys,
                                                        monkeypatch):
    """Chunks of 4 forms: plain ones go from SQLite's texts (bundle/form_chunk.py), the
    others are read again form by form on the export's thread while the reader thread
    reads ahead on the same connection; one bundle, and a series whose parts end inside
    a chunk, carry the old writer's forms."""
    from desktop.bundle.bundle_writer import BundleWriter
    from desktop.services import export_reader
    from desktop.services.export_service import PartLimits
    monkeypatch.setattr(export_reader, "CHUNK", 4)
    chunked, plain = BundleWriter.add_form_chunk, []
    monkeypatch.setattr(BundleWriter, "add_form_chunk",
                        lambda self, chunk: _counted(plain, chunked(self, chunk)))
    project = _awkward_project(tmp_path / "field.db")
    try:
        reference = _reference_members(project, field_key, full=True)
        twin = sqlite3.connect(tmp_path / "twin.db")  # for the series, never sent
        project.db.conn.backup(twin)
        twin.close()
    finally:
        project.close()
    out = tmp_path / "out"
    out.mkdir()
    result = export_bundle(tmp_path / "field.db", field_key, [hq_keys.recipient], out,
                           full=True)
    _same_members(_members(result.path, hq_keys), reference)
    assert True in plain and False in plain  # both paths
    series_out = tmp_path / "series"
    series_out.mkdir()
    series = export_bundle(tmp_path / "twin.db", field_key, [hq_keys.recipient],
                           series_out, full=True, limits=PartLimits(forms=10))
    assert series.parts == 7
    lines, rows = [], []
    for path in series.paths:
        members = _members(path, hq_keys)
        lines += [line for line in members[RECORDS].split(b"\n") if b'"type":"form"' in line]
        rows += members[RESPONSES_CSV].split(b"\r\n")[1:-1]
    assert lines == [line for line in reference[RECORDS].split(b"\n")
                     if b'"type":"form"' in line]
    assert rows == reference[RESPONSES_CSV].split(b"\r\n")[1:-1]


def _counted(seen: list, marks):
    seen.append(marks is not None)
    return marks
