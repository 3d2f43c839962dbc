"""Real two-laptop conflicts at HQ, made with the export and import services (imported by
the conflict service and view tests)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.bundle.device_key import DeviceKey
from desktop.services.export_service import export_bundle
from desktop.services.form_service import Actor, FormService
from trust_helpers import allow_in_round, import_trusted
from desktop.services.keys_service import hq_init
from desktop.services.project import Project


@dataclass
class Scenario:
    hq: Path
    keys: object
    bundles: list[Path]  # every bundle made, in import order
    form_uuid: str
    round_uuid: str
    laptop_b: tuple[Path, DeviceKey]  # the second laptop's database and key


def _laptops(tmp_path: Path) -> tuple[Path, Path, str, DeviceKey, DeviceKey, object, Path]:
    keys = hq_init(tmp_path / "keys")
    db_a = tmp_path / "a.db"
    project = Project.open(db_a)
    round_uuid = project.create_round("Ronda 1", form_min=1, form_max=500).uuid
    project.close()
    out = tmp_path / "out"
    out.mkdir()
    return (db_a, tmp_path / "b.db", round_uuid, DeviceKey("dev-a", Ed25519PrivateKey.generate()),
            DeviceKey("dev-b", Ed25519PrivateKey.generate()), keys, out)


def _service(db: Path, key: DeviceKey, operator: str) -> tuple[Project, FormService]:
    project = Project.open(db)
    return project, FormService(project.db, project.questionnaire, Actor(operator, key.device_id))


def same_revision(tmp_path: Path, answers: dict, delete_on_b: bool = False) -> Scenario:
    """Laptop A keys form 5 and sends it; laptop B gets a copy of A's database; both edit
    revision 1 of the form (A: c1 = 1, r01_impact = 2, comment 'A'; B: 5, 9 (no answer),
    'B'; or B deletes it); A's edit arrives first, so B's is a conflict ('same_revision')."""
    db_a, db_b, round_uuid, key_a, key_b, keys, out = _laptops(tmp_path)
    project, service = _service(db_a, key_a, "AM")
    uuid = service.save_new(round_uuid, 5, answers).uuid
    project.close()
    first = export_bundle(db_a, key_a, [keys.recipient], out).path
    shutil.copy(db_a, db_b)
    project, service = _service(db_a, key_a, "AM")
    service.update(uuid, {**answers, "c1_knows_reporting": "1", "r01_impact": "2",
                          "comment": "A"})
    project.close()
    project, service = _service(db_b, key_b, "JR")
    if delete_on_b:  # B deletes the form that A edited
        service.delete(uuid, "keyed twice")
    else:
        service.update(uuid, {**answers, "c1_knows_reporting": "5", "r01_impact": "9",
                              "comment": "B"})
    project.close()
    second = export_bundle(db_a, key_a, [keys.recipient], out).path
    third = export_bundle(db_b, key_b, [keys.recipient], out).path
    hq = tmp_path / "hq.db"
    report = import_trusted(hq, keys.identity_path, [first, second])
    allow_in_round(hq, key_b.device_id, "Ronda 1")  # B keys A's round: HQ said so
    report.bundles += import_trusted(hq, keys.identity_path, [third]).bundles
    assert [b.conflicting for b in report.bundles] == [0, 0, 1]
    return Scenario(hq, keys, [first, second, third], uuid, round_uuid, (db_b, key_b))


def same_number(tmp_path: Path, answers: dict) -> Scenario:
    """Laptops A and B each key a paper form numbered 7 in the same round (B's is another
    paper: other comment and C2); B's arrives second ('form_number')."""
    db_a, db_b, round_uuid, key_a, key_b, keys, out = _laptops(tmp_path)
    shutil.copy(db_a, db_b)  # laptop B got the round (same uuid) from laptop A
    project, service = _service(db_a, key_a, "AM")
    service.save_new(round_uuid, 7, {**answers, "comment": "A", "c2_trusts_investigation": "4"})
    project.close()
    project, service = _service(db_b, key_b, "JR")
    uuid = service.save_new(round_uuid, 7, {**answers, "comment": "B",
                                            "c2_trusts_investigation": "2"}).uuid
    project.close()
    a = export_bundle(db_a, key_a, [keys.recipient], out).path
    b = export_bundle(db_b, key_b, [keys.recipient], out).path
    hq = tmp_path / "hq.db"
    report = import_trusted(hq, keys.identity_path, [a])
    allow_in_round(hq, key_b.device_id, "Ronda 1")  # B keys A's round: HQ said so
    report.bundles += import_trusted(hq, keys.identity_path, [b]).bundles
    assert [b.conflicting for b in report.bundles] == [0, 1]
    return Scenario(hq, keys, [a, b], uuid, round_uuid, (db_b, key_b))
