"""Export of 100k forms (issue 14, item 3): each form's record line and CSV cells
formatted by SQLite, a chunk of forms in one row of texts (Python hashes, checks and
orders the CSV cells), beside the same export with every form through the general Python
path (`BundleWriter.add_form`), in the same run; wall time and this process's CPU time
(compression threads included), same bytes either way."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from benchmarks.fixtures import demo_database, fresh_copy
from benchmarks.table import BenchTable

N = 100_000


def run(table: BenchTable) -> None:
    from desktop.bundle.bundle_writer import BundleWriter
    from desktop.services.device_identity import project_device_key
    from desktop.services.export_service import export_bundle
    from desktop.services.keys_service import hq_init

    work = Path(tempfile.mkdtemp(prefix="bench-export-"))
    try:
        keys = hq_init(work / "keys")
        field = fresh_copy(demo_database(N), work / "field")
        device = project_device_key(field)
        wall, cpu = {}, {}
        fast, chunks = BundleWriter._plain_forms, BundleWriter.add_form_chunk
        for label in ("general", "fast", "general again", "fast again"):
            out = work / label.replace(" ", "-")
            out.mkdir()
            _forget_exports(field)  # every run exports the same forms, none with a base
            if label.startswith("general"):
                BundleWriter._plain_forms = lambda self, rows: None  # every form general
                BundleWriter.add_form_chunk = lambda self, chunk: None
            try:
                start, start_cpu = time.perf_counter(), time.process_time()
                export_bundle(field, device, [keys.recipient], out, full=True)
                wall[label] = time.perf_counter() - start
                cpu[label] = time.process_time() - start_cpu
            finally:
                BundleWriter._plain_forms, BundleWriter.add_form_chunk = fast, chunks
        best = {k: min(wall[k], wall[k + " again"]) for k in ("fast", "general")}
        best_cpu = {k: min(cpu[k], cpu[k + " again"]) for k in ("fast", "general")}
        table.add(f"export {N // 1000}k forms, SQLite-formatted rows (best of 2)", best["fast"],
                  "s", "general Python path per form", best["general"], "<= 3 s")
        table.add(f"export {N // 1000}k forms, CPU time (best of 2)", best_cpu["fast"], "s",
                  "general Python path, CPU time", best_cpu["general"])
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _forget_exports(path: Path) -> None:
    import sqlite3
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("DELETE FROM export_mark")
        conn.execute("DELETE FROM bundle_ledger")
    conn.close()
