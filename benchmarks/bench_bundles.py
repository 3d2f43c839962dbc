"""Bundles: export of 100k forms, import + merge of that bundle into an empty HQ
database (with every check at HQ's door, beside the same import with the answer, CSV and
audit-chain checks switched off, in the same run), and pyrage encryption beside the stock
`age` tool on the same bytes."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks.fixtures import demo_database, fresh_copy
from benchmarks.table import once_ms

N = 100_000


def _enrol(path: Path, fingerprint: str) -> None:
    from desktop.services.device_service import trust_device
    from desktop.storage.database import Database
    db = Database.open(path)
    try:
        trust_device(db, fingerprint, "bench laptop")
    finally:
        db.close()


@contextlib.contextmanager
def _door_checks_off():
    """The import as it was before answers, responses.csv and the audit chain were checked
    at HQ's door (the baseline of the validation cost; never in the product)."""
    from desktop.services import import_gate
    door = import_gate.AnswerDoor
    saved = door.form, door.finish, import_gate.check_audit_chain
    door.form = lambda self, record, answers, rounds: None
    door.finish = lambda self, contents: self.start(contents.rounds)
    import_gate.check_audit_chain = lambda conn, contents: list(contents.audit)
    try:
        yield
    finally:
        door.form, door.finish, import_gate.check_audit_chain = saved


def run(table) -> None:
    from desktop.bundle import age_crypto
    from desktop.services.device_identity import project_device_key
    from desktop.services.export_service import export_bundle
    from desktop.services.import_service import import_bundles
    from desktop.services.keys_service import hq_init

    source = demo_database(N)
    work = Path(tempfile.mkdtemp(prefix="bench-bundles-"))
    try:
        keys = hq_init(work / "keys")
        field_db = fresh_copy(source, work / "field")
        device = project_device_key(field_db)
        out = work / "out"
        out.mkdir()
        result = {}

        def export() -> None:
            result["export"] = export_bundle(field_db, device, [keys.recipient], out, full=True)

        table.add(f"export {N // 1000}k forms to a bundle", once_ms(export) / 1000, "s",
                  target="<= 5 s")
        bundle = result["export"].path

        def merge(name: str) -> None:
            report = import_bundles(work / name, keys.identity_path, [bundle])
            assert report.bundles[0].new == N, report.bundles[0]

        # Alternating runs into fresh enrolled databases, the best of two of each, in wall
        # time and in this process's CPU time (less disturbed by other work on a shared
        # machine); the baseline has the answer, CSV and audit-chain checks switched off.
        best = {True: [float("inf")] * 2, False: [float("inf")] * 2}
        for run_number in range(2):
            for checked in (False, True):
                name = f"hq-{run_number}-{'checked' if checked else 'unchecked'}.db"
                _enrol(work / name, device.fingerprint)
                with contextlib.nullcontext() if checked else _door_checks_off():
                    cpu = time.process_time()
                    wall = once_ms(lambda: merge(name)) / 1000
                    cpu = time.process_time() - cpu
                best[checked] = [min(best[checked][0], wall), min(best[checked][1], cpu)]
        table.add(f"import + merge {N // 1000}k forms (empty HQ db), answers validated",
                  best[True][0], "s", "same, answer/CSV/chain checks off", best[False][0],
                  target="<= 1.2x baseline")
        table.add("  the same imports, CPU time of this process", best[True][1], "s",
                  "checks off", best[False][1], target="<= 1.2x baseline")

        zipped = age_crypto.decrypt(bundle.read_bytes(), age_crypto.load_identities(
            keys.identity_path))
        recipients = age_crypto.parse_recipients(keys.recipient)
        ours = once_ms(lambda: age_crypto.encrypt(zipped, recipients))
        plain = work / "bundle.zip"
        plain.write_bytes(zipped)
        age = shutil.which("age")
        if age:
            start = time.perf_counter()
            subprocess.run([age, "-r", keys.recipient, "-o", str(work / "age.out"), str(plain)],
                           check=True)
            theirs = (time.perf_counter() - start) * 1000
            table.add(f"encrypt the {len(zipped) / 1e6:.0f} MB zip (pyrage)", ours, "ms",
                      "age CLI, same bytes", theirs)
        else:
            table.add(f"encrypt the {len(zipped) / 1e6:.0f} MB zip (pyrage)", ours, "ms",
                      target="age CLI not installed")
    finally:
        shutil.rmtree(work, ignore_errors=True)
