"""Encryption at rest: the same work on an encrypted (SQLCipher 4) copy of the 100k-form
demo database beside the plaintext copy, in the same run: save one form (validate + write
+ audit), the dashboard's first load (read + pivot), and HQ's import of a bundle of the
100k forms into a new encrypted database beside a new plaintext one. Work folders go in the
system temp folder."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from benchmarks.fixtures import demo_database, fresh_copy
from benchmarks.table import BenchTable, median_ms

SAVES = 200
LOADS = 3


def _save_ms(locator, seed: int) -> float:
    from desktop.domain.demo_forms import generate_forms
    from desktop.services.form_service import Actor
    from desktop.services.workspace import Workspace
    workspace = Workspace.open(locator)
    try:
        round_ = workspace.create_round(f"Bench {seed}", target_count=SAVES)
        service = workspace.form_service(Actor("BE", workspace.device_key.device_id))
        forms = iter(list(generate_forms(workspace.questionnaire, SAVES + 5, seed=seed)))
        counter = iter(range(1, 10**6))
        return median_ms(lambda: service.save_new(round_.uuid, next(counter),
                                                  next(forms).answers), SAVES)
    finally:
        workspace.close()


def _import_ms(locator, keys, bundle: Path, fingerprint: str) -> tuple[float, int]:
    """Wall time of importing `bundle` into a new HQ database (enrolled first, untimed)."""
    from desktop.services.device_service import trust_device
    from desktop.services.import_service import import_bundles
    from desktop.services.workspace import open_database
    db = open_database(locator)
    try:
        trust_device(db, fingerprint, "bench laptop")
    finally:
        db.close()
    start = time.perf_counter()
    report = import_bundles(locator, keys.identity_path, [bundle])
    elapsed = (time.perf_counter() - start) * 1000
    (result,) = report.bundles
    if result.status != "imported":
        raise RuntimeError(f"the bench bundle was not imported: {result.message}")
    return elapsed, result.new


def run(table: BenchTable) -> None:
    from desktop.services import db_keys
    from desktop.services.analysis_service import load_analysis
    from desktop.services.device_identity import project_device_key
    from desktop.services.export_service import export_bundle
    from desktop.services.keys_service import hq_init
    from desktop.services.workspace import DatabaseLocator
    from desktop.storage.encrypt_file import encrypt_plaintext

    with tempfile.TemporaryDirectory(prefix="bench-at-rest-") as folder:
        work = Path(folder)
        plain_path = fresh_copy(demo_database(), work / "plain")
        secret_path = fresh_copy(demo_database(), work / "encrypted")
        key = db_keys.new_key()
        encrypt_plaintext(secret_path, key)
        plain, secret = DatabaseLocator(plain_path), DatabaseLocator(secret_path, key)
        # Interleaved, so a busy machine slows both alike.
        load_plain = median_ms(lambda: load_analysis(plain), LOADS)
        load_secret = median_ms(lambda: load_analysis(secret), LOADS)
        save_plain = _save_ms(plain, 99)
        save_secret = _save_ms(secret, 99)
        # One bundle of every form, imported at HQ into a new plaintext and a new encrypted
        # database (the bundle is the same file for both).
        keys = hq_init(work / "keys")
        out = work / "out"
        out.mkdir()
        device = project_device_key(plain)
        bundle = export_bundle(plain, device, [keys.recipient], out, full=True).path
        hq_key = db_keys.new_key()
        import_plain, forms = _import_ms(DatabaseLocator(work / "hq-plain.db"), keys, bundle,
                                         device.fingerprint)
        import_secret, _ = _import_ms(DatabaseLocator(work / "hq-encrypted.db", hq_key), keys,
                                      bundle, device.fingerprint)
    table.add("save one form, encrypted (100k forms), median", save_secret, "ms",
              "the same save on plaintext", save_plain, "<= 1.5x")
    table.add("dashboard first load, encrypted (100k forms)", load_secret, "ms",
              "the same load on plaintext", load_plain, "<= 1.3x")
    table.add(f"import {forms // 1000}k forms into encrypted HQ db", import_secret, "ms",
              "the same import on plaintext", import_plain, "<= 1.3x")
