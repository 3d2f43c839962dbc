"""Forms that test an export's text handling, shared by the fast-path and chunk-path tests:
three rounds (names with quotes, commas and a formula start), comments that need escaping,
quoting or neutralising, two deleted forms with awkward reasons and two forms already sent
once (a base version); and a bundle writer with the project's questionnaire and rounds."""

from __future__ import annotations

from desktop.bundle.bundle_writer import BundleWriter, QuestionnaireInfo
from desktop.domain.demo_forms import generate_forms
from desktop.services.demo_service import fill_demo
from desktop.services.form_service import Actor, FormService
from desktop.storage import export_store

COMMENTS = ["años de servicio", "a, b", 'dice "no"', "=SUM(A1)", "-3", "línea\nnueva",
            "tab\tx", "back\\slash", "+1", "@x", "ok", "\u2028sep", "ñandú — “citas”"]


def writer_for(project, device_key) -> BundleWriter:
    """A bundle writer holding the project's questionnaire and rounds."""
    q = project.questionnaire
    writer = BundleWriter(QuestionnaireInfo(q.id, q.version, q.sha256, q.source_text,
                                            tuple(x.id for x in q.questions())), device_key)
    for fields in export_store.rounds(project.db.conn):
        writer.add_round(fields)
    return writer


def fill_awkward(project, tx_extra=None) -> list[str]:
    """Fill `project` with the awkward forms; their uuids in order. `tx_extra(tx, uuids)`
    runs in the transaction that records the earlier export."""
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
        export_store.record_export(tx, bundle_uuid="b1", device_id="d", sequence=1,
                                   previous_uuid=None, created="2026-01-01T00:00:00Z",
                                   recorded="2026-01-01T00:00:00Z", file_name="f",
                                   counts={}, audit_through=0,
                                   marks=[(uuids[2], 1, "ab" * 32), (uuids[3], 1, "cd" * 32)])
        if tx_extra is not None:
            tx_extra(tx, uuids)
    return uuids
