"""What is wrong with a refused bundle's audit rows (or its responses.csv) is said in the
sentence's language: the Spanish refusal said "(it does not start where the last
imported bundle ended)" in English inside its Spanish sentence."""

from __future__ import annotations

import pytest

from desktop.bundle.errors import BundleError
from desktop.domain.phrase import Phrase
from desktop.services.export_service import export_bundle
from desktop.services.form_service import Actor, FormService
from desktop.services.import_service import import_bundles
from desktop.services.project import Project
from desktop.services import import_chain

from bundle_helpers import make_hq_db
from trust_helpers import enrol_fingerprints


def test_a_broken_chain_is_said_in_spanish(tmp_path, hq_keys, field_key, field_db, out_dir):
    first = export_bundle(field_db, field_key, [hq_keys.recipient], out_dir).path
    for comment in ("two", "three"):
        project = Project.open(field_db)
        service = FormService(project.db, project.questionnaire,
                              Actor("OP", field_key.device_id))
        uuid = project.db.conn.execute("SELECT uuid FROM response LIMIT 1").fetchone()[0]
        service.update(uuid, {**service.load(uuid).answers, "comment": comment})
        project.close()
        last = export_bundle(field_db, field_key, [hq_keys.recipient], out_dir).path
    hq = make_hq_db(tmp_path / "hq.db")
    enrol_fingerprints(hq, field_key.fingerprint)
    import_bundles(hq, hq_keys.identity_path, [first])
    (result,) = import_bundles(hq, hq_keys.identity_path, [last]).bundles  # 2 is missing
    assert result.refusal == "audit_chain"
    assert "does not start where the last imported bundle ended" in result.message
    spanish = result.message_in("es")
    assert "no empieza donde terminó el último paquete importado" in spanish, spanish
    assert "does not" not in spanish


@pytest.mark.parametrize("key", ["chain.unhashed_after", "chain.lost_hash", "chain.changed",
                                 "chain.order", "chain.differs", "chain.held_after_new",
                                 "chain.not_from_last"])
def test_every_chain_problem_is_said_in_spanish(key):
    with pytest.raises(BundleError) as caught:
        import_chain._chain_error("dev-1", key)
    english = Phrase(key)
    assert english in str(caught.value)
    assert english not in caught.value.in_language("es")
    assert Phrase(key).in_language("es") in caught.value.in_language("es")
