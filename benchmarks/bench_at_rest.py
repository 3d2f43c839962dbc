"""Encryption at rest: the same work on an encrypted (SQLCipher 4) copy of the 100k-form
demo database beside the plaintext copy, in the same run: save one form (validate + write
+ audit) and the dashboard's first load (read + pivot)."""

from __future__ import annotations

import tempfile
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
        service = workspace.form_service(Actor("BE", "dev-bench"))
        forms = iter(list(generate_forms(workspace.questionnaire, SAVES + 5, seed=seed)))
        counter = iter(range(1, 10**6))
        return median_ms(lambda: service.save_new(round_.uuid, next(counter),
                                                  next(forms).answers), SAVES)
    finally:
        workspace.close()


def run(table: BenchTable) -> None:
    from desktop.services import db_keys
    from desktop.services.analysis_service import load_analysis
    from desktop.services.workspace import DatabaseLocator
    from desktop.storage.encrypt_file import encrypt_plaintext

    with tempfile.TemporaryDirectory(dir=Path(__file__).parent) as folder:
        plain_path = fresh_copy(demo_database(), Path(folder) / "plain")
        secret_path = fresh_copy(demo_database(), Path(folder) / "encrypted")
        key = db_keys.new_key()
        encrypt_plaintext(secret_path, key)
        plain, secret = DatabaseLocator(plain_path), DatabaseLocator(secret_path, key)
        # Interleaved, so a busy machine slows both alike.
        load_plain = median_ms(lambda: load_analysis(plain), LOADS)
        load_secret = median_ms(lambda: load_analysis(secret), LOADS)
        save_plain = _save_ms(plain, 99)
        save_secret = _save_ms(secret, 99)
    table.add("save one form, encrypted (100k forms), median", save_secret, "ms",
              "the same save on plaintext", save_plain, "<= 1.5x")
    table.add("dashboard first load, encrypted (100k forms)", load_secret, "ms",
              "the same load on plaintext", load_plain, "<= 1.3x")
