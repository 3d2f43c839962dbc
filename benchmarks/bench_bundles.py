"""Bundles: export of 100k forms, import + merge of that bundle into an empty HQ
database, and pyrage encryption beside the stock `age` tool on the same bytes."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks.fixtures import demo_database, fresh_copy
from benchmarks.table import once_ms

N = 100_000


def run(table) -> None:
    from desktop.bundle import age_crypto
    from desktop.bundle.device_key import load_or_create_device_key
    from desktop.services.export_service import export_bundle
    from desktop.services.import_service import import_bundles
    from desktop.services.keys_service import hq_init

    source = demo_database(N)
    work = Path(tempfile.mkdtemp(prefix="bench-bundles-"))
    try:
        keys = hq_init(work / "keys")
        device = load_or_create_device_key(work / "device")
        field_db = fresh_copy(source, work / "field")
        out = work / "out"
        out.mkdir()
        result = {}

        def export() -> None:
            result["export"] = export_bundle(field_db, device, [keys.recipient], out, full=True)

        table.add(f"export {N // 1000}k forms to a bundle", once_ms(export) / 1000, "s",
                  target="<= 5 s")
        bundle = result["export"].path

        def merge() -> None:
            report = import_bundles(work / "hq.db", keys.identity_path, [bundle])
            assert report.bundles[0].new == N, report.bundles[0]

        table.add(f"import + merge {N // 1000}k forms (empty HQ db)", once_ms(merge) / 1000,
                  "s", target="<= 10 s")

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
