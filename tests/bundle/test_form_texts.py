"""The export's fast path (record lines and CSV cells formatted by SQLite) writes exactly
the bytes of the general path, for plain forms and for text that needs escaping, quoting
or neutralising (accents, quotes, commas, line breaks, backslashes, formula starts),
deleted forms with reasons and forms already sent once (a base version)."""

from __future__ import annotations

from desktop.bundle.bundle_writer import BundleWriter, QuestionnaireInfo
from desktop.domain.demo_forms import generate_forms
from desktop.services.demo_service import fill_demo
from desktop.services.form_service import Actor, FormService
from desktop.storage import bundle_store, export_rows

COMMENTS = ["años de servicio", "a, b", 'dice "no"', "=SUM(A1)", "-3", "línea\nnueva",
            "tab\tx", "back\\slash", "+1", "@x", "ok", "\u2028sep", "ñandú — “citas”"]


def _writer(project, device_key) -> BundleWriter:
    q = project.questionnaire
    writer = BundleWriter(QuestionnaireInfo(q.id, q.version, q.sha256, q.source_text,
                                            tuple(x.id for x in q.questions())), device_key)
    for fields in bundle_store.rounds(project.db.conn):
        writer.add_round(fields)
    return writer


def test_fast_path_writes_the_same_bytes(project, device_key):
    project.create_round('Ronda, "uno"', form_min=1, form_max=500)
    fill_demo(project, 30, 2, round_name='Ronda, "uno"')
    first = project.create_round("Ronda 3", form_min=1, form_max=500)
    fill_demo(project, 20, 5, round_name="Ronda 3")
    project.create_round("=Ronda dos", form_min=1, form_max=500)
    fill_demo(project, 10, 3, round_name="=Ronda dos")
    service = FormService(project.db, project.questionnaire, Actor("AÑ", "dev-ñ"))
    forms = list(generate_forms(project.questionnaire, len(COMMENTS), 4))
    for i, (form, comment) in enumerate(zip(forms, COMMENTS)):
        service.save_new(first.uuid, 100 + i, {**form.answers, "comment": comment})
    conn = project.db.conn
    uuids = [row[0] for row in conn.execute("SELECT uuid FROM response ORDER BY uuid")]
    service.delete(uuids[0], 'dup, "x" ñ')
    service.delete(uuids[1], "=bad\\reason")
    with project.db.transaction() as tx:
        bundle_store.record_export(tx, bundle_uuid="b1", device_id="d", sequence=1,
                                   previous_uuid=None, created="2026-01-01T00:00:00Z",
                                   recorded="2026-01-01T00:00:00Z", file_name="f",
                                   counts={}, audit_through=0,
                                   marks=[(uuids[2], 1, "ab" * 32), (uuids[3], 1, "cd" * 32)])
    general = _writer(project, device_key)
    marks = [general.add_form(columns, answers, base)
             for columns, answers, base in bundle_store.iter_forms(conn, False)]
    rows = export_rows.iter_form_rows(conn, False).fetchall()
    for chunk in (7, 1, len(rows)):  # chunks with and without awkward forms
        fast = _writer(project, device_key)
        fallbacks = []
        to_general = fast._add_form_general
        fast._add_form_general = lambda row: fallbacks.append(row[0]) or to_general(row)
        assert [mark for start in range(0, len(rows), chunk)
                for mark in fast.add_form_rows(rows[start:start + chunk])] == marks
        assert len(marks) == 60 + len(COMMENTS)
        # The tricky rounds' forms and the tricky comments take the general path, the
        # rest not.
        assert 40 + 5 <= len(fallbacks) <= 40 + 12
        _same_members(fast, general)
        general = _writer(project, device_key)
        for columns, answers, base in bundle_store.iter_forms(conn, False):
            general.add_form(columns, answers, base)


def _same_members(fast: BundleWriter, general: BundleWriter) -> None:
    for member in ("_records", "_csv_member"):
        ours, theirs = getattr(fast, member).close(), getattr(general, member).close()
        assert (ours.sha256, ours.size) == (theirs.sha256, theirs.size)
    assert (fast.answers, fast.form_rounds, fast.form_count) == \
        (general.answers, general.form_rounds, general.form_count)


def test_answers_the_split_cannot_read_take_the_general_path(project, device_key):
    """Answers objects that are not all plain strings (SQLite never writes one from the
    answer table, but the writer must not trust that): a number, an empty object, a value
    holding the writer's own separators; each is written as the general path writes it."""
    fill_demo(project, 3, 1)
    conn = project.db.conn
    rows = export_rows.iter_form_rows(conn, False).fetchall()
    answers = 12 + 2  # the answers column (after the response columns and the base)
    odd = ['{"comment":"x","institution":1}', '{"comment":2,"institution":"1"}', "{}",
           '{"comment":"a\\u001fb","institution":"1"}', '{"comment":"a\\u001eb"}']
    crafted = [row[:answers] + (text,) + row[answers + 1:]
               for row, text in zip(rows * 2, odd)]
    fast, general = _writer(project, device_key), _writer(project, device_key)
    fallbacks = []
    to_general = fast._add_form_general
    fast._add_form_general = lambda row: fallbacks.append(row[0]) or to_general(row)
    assert fast.add_form_rows(crafted + rows) == [
        general.add_form(row[:12], row[answers], None) for row in crafted + rows]
    assert len(fallbacks) == len(odd)
    _same_members(fast, general)
