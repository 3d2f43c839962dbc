"""The million-form HQ database of `make bench-large`, built the way HQ gets its forms: ten
field laptops (ten demo projects of 100k forms, each its own device key and round) export
a full bundle each, HQ enrols the ten devices and imports the ten bundles.

Everything lives in the system temp folder (`riskmap-bench-large/`, never in the
repository) and is kept between runs: `large_database()` returns the cached HQ database
(with its analysis snapshot stored, as the first dashboard load leaves it) and builds only
what is missing; `rebuild=True` starts again. An eleventh bundle (another device, not
imported) is kept for the "one more bundle" figure. Run `python -m benchmarks.large_fixture`
to build the cache alone (it prints each step).
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

DEVICES = 10
FORMS_PER_DEVICE = 100_000
FOLDER = Path(tempfile.gettempdir()) / "riskmap-bench-large"


@dataclass(frozen=True)
class LargeFixture:
    folder: Path
    hq: Path                 # 1M forms, snapshot stored
    identity: Path           # HQ's age identity (decrypts the bundles)
    bundles: list[Path]      # the ten imported bundles
    extra_bundle: Path       # an eleventh 100k bundle, not imported
    extra_fingerprint: str   # its device (not enrolled in `hq`)


def _log(message: str) -> None:
    print(f"  [large fixture {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr,
          flush=True)


def _bundle(folder: Path, number: int, recipient: str, n: int) -> tuple[Path, str]:
    """Device `number`'s full bundle of `n` demo forms (cached), and its fingerprint. The
    field project holds its own device key (as a laptop's project does); the fingerprint is
    kept beside the bundle, since the 360 MB field database is not."""
    from desktop.services.demo_service import fill_demo
    from desktop.services.export_service import export_bundle
    from desktop.services.project import Project

    out = folder / "bundles" / f"device-{number:02d}"
    fingerprint_file = out / "fingerprint.txt"
    done = sorted(out.glob("*.zip.age")) if out.exists() else []
    if done and fingerprint_file.exists():
        return done[0], fingerprint_file.read_text(encoding="utf-8").strip()
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    field = folder / "field" / f"field-{number:02d}.db"
    shutil.rmtree(field.parent, ignore_errors=True)
    field.parent.mkdir(parents=True)
    start = time.perf_counter()
    project = Project.open(field)
    try:
        fill_demo(project, n, seed=number, round_name=f"Team {number:02d}")
        device = project.device_key
    finally:
        project.close()
    result = export_bundle(field, device, [recipient], out, full=True)
    fingerprint_file.write_text(device.fingerprint, encoding="utf-8")
    shutil.rmtree(field.parent, ignore_errors=True)  # 360 MB each: keep only the bundle
    _log(f"bundle {number}: {n} forms in {time.perf_counter() - start:.0f} s")
    return result.path, device.fingerprint


def large_database(rebuild: bool = False, devices: int = DEVICES,
                   n: int = FORMS_PER_DEVICE, folder: Path = FOLDER) -> LargeFixture:
    """The cached HQ database of `devices` x `n` imported forms (built when missing)."""
    from desktop.services.device_service import trust_device
    from desktop.services.import_service import import_bundles
    from desktop.services.keys_service import hq_init
    from desktop.storage.database import Database

    folder = folder / f"{devices}x{n}"
    if rebuild:
        shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    keys = _hq_keys(folder / "keys", hq_init)
    made = [_bundle(folder, number, keys[1], n) for number in range(1, devices + 2)]
    bundles = [path for path, _ in made[:devices]]
    hq = folder / "hq.db"
    if not hq.exists():
        partial = folder / "hq.partial.db"
        for leftover in folder.glob("hq.partial.db*"):
            leftover.unlink()
        db = Database.open(partial)
        try:
            for _, fingerprint in made[:devices]:
                trust_device(db, fingerprint, "bench laptop")
        finally:
            db.close()
        for number, bundle in enumerate(bundles, 1):
            start = time.perf_counter()
            report = import_bundles(partial, keys[0], [bundle])
            status = report.bundles[0].status
            if status != "imported":
                raise RuntimeError(f"bundle {number} was not imported: {report.bundles[0]}")
            _log(f"imported bundle {number} in {time.perf_counter() - start:.0f} s")
        start = time.perf_counter()
        _store_snapshot(partial)
        _log(f"analysis snapshot stored in {time.perf_counter() - start:.0f} s")
        _checkpoint(partial)
        partial.rename(hq)
    return LargeFixture(folder, hq, keys[0], bundles, made[devices][0], made[devices][1])


def _hq_keys(keys_dir: Path, hq_init) -> tuple[Path, str]:
    from desktop.services.keys_service import IDENTITY_FILE
    identity = keys_dir / IDENTITY_FILE
    if not identity.exists():
        shutil.rmtree(keys_dir, ignore_errors=True)
        keys = hq_init(keys_dir)
        return keys.identity_path, keys.recipient
    from desktop.bundle import age_crypto
    loaded = age_crypto.load_identities(identity)
    return identity, str(loaded[0].to_public())


def _store_snapshot(path: Path) -> None:
    from desktop.services import analysis_table
    from desktop.services.project import Project
    project = Project.open(path)
    try:
        analysis_table.load_frame(project.db.conn, project.questionnaire)
    finally:
        project.close()


def _checkpoint(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def copy_of(path: Path, target: Path) -> Path:
    """A private copy of the cached database (through the backup API, WAL included)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(path)
    destination = sqlite3.connect(target)
    try:
        source.backup(destination)
    finally:
        source.close()
        destination.close()
    return target


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--devices", type=int, default=DEVICES)
    parser.add_argument("--n", type=int, default=FORMS_PER_DEVICE)
    args = parser.parse_args(argv)
    fixture = large_database(args.rebuild, args.devices, args.n)
    print(fixture.hq)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
