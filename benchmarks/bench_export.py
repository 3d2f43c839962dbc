"""Export of 100k forms (issue 14): the streaming export beside a bare SQLite read of the
same rows (the formatted form texts and the audit lines, nothing done with them) and beside
the in-memory writer it replaced (tests/bundle/reference_writer.py, fed the same way), in
wall and CPU time (CPU counts the compression threads too); the same export split into a
series of 4 parts; and the peak resident memory of the export measured in a child process
beside the same child opening the project without exporting."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.fixtures import demo_database, fresh_copy

N = 100_000
ROOT = Path(__file__).resolve().parent.parent

# VmHWM: the child's own peak (ru_maxrss would include the parent's peak at fork time).
_CHILD = """
import json, sys
from pathlib import Path
from desktop.services.device_identity import project_device_key
from desktop.services.export_service import export_bundle
from desktop.services.project import Project
db, device, out, recipient, mode = sys.argv[1:6]
key = project_device_key(Path(db))
if mode == "export":
    export_bundle(Path(db), key, [recipient], Path(out), full=True)
elif mode == "old":
    from benchmarks.bench_export import _old_writer
    _old_writer(Path(db), key, recipient)
else:
    Project.open(Path(db)).close()
peak = [line for line in open("/proc/self/status") if line.startswith("VmHWM:")][0]
print(json.dumps(int(peak.split()[1]) / 1024))
"""


def _timed(action) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - wall, time.process_time() - cpu


def _bare_read(db: Path) -> None:
    from desktop.services.project import Project
    from desktop.storage import export_store
    project = Project.open(db)
    try:
        with project.db.read_snapshot() as conn:
            for _ in export_store.iter_form_texts(conn, changed_only=False):
                pass
            for _ in export_store.iter_audit_lines(conn, 0):
                pass
    finally:
        project.close()


def _old_writer(db: Path, device, recipient: str) -> None:
    """The export as it was: every member built in memory, zipped and encrypted at the end."""
    sys.path.insert(0, str(ROOT / "tests" / "bundle"))
    try:
        from reference_writer import BundleWriter, QuestionnaireInfo
    finally:
        sys.path.pop(0)
    from desktop.bundle import age_crypto
    from desktop.services.project import Project
    from desktop.storage import export_store
    project = Project.open(db)
    try:
        q = project.questionnaire
        writer = BundleWriter(QuestionnaireInfo(q.id, q.version, q.sha256, q.source_text,
                                                tuple(x.id for x in q.questions())), device)
        with project.db.read_snapshot() as conn:
            for fields in export_store.rounds(conn):
                writer.add_round(fields)
            for row in export_store.iter_form_texts(conn, changed_only=False):
                writer.add_form_texts(row)
            for line in export_store.iter_audit_lines(conn, 0):
                writer.add_audit_line(line)
        writer.finish(bundle_uuid="00000000-0000-4000-8000-000000000000", sequence=1,
                      previous_uuid=None, created="2026-01-01T00:00:00Z", scope="full",
                      recipients=age_crypto.parse_recipients(recipient))
    finally:
        project.close()


def _child_peak_mb(db: Path, device: Path, out: Path, recipient: str, mode: str) -> float:
    result = subprocess.run([sys.executable, "-c", _CHILD, str(db), str(device), str(out),
                             recipient, mode], capture_output=True, text=True, cwd=ROOT,
                            check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def run(table) -> None:
    from desktop.services.device_identity import project_device_key
    from desktop.services.export_service import PartLimits, export_bundle
    from desktop.services.keys_service import hq_init

    source = demo_database(N)
    work = Path(tempfile.mkdtemp(prefix="bench-export-"))
    try:
        keys = hq_init(work / "keys")
        db = fresh_copy(source, work / "field")
        device = project_device_key(db)
        folders = {}
        for name in ("one", "series", "child"):
            folders[name] = work / name
            folders[name].mkdir()
        bare = _timed(lambda: _bare_read(db))
        old = _timed(lambda: _old_writer(db, device, keys.recipient))
        result = {}

        def export() -> None:
            result["one"] = export_bundle(db, device, [keys.recipient], folders["one"],
                                          full=True)
        new = _timed(export)
        table.add(f"export {N // 1000}k forms (streamed), wall", new[0], "s",
                  "bare SQLite read of the same rows", bare[0], target="<= 3 s")
        table.add("  the same export, CPU (compression threads too)", new[1], "s",
                  "bare read, CPU", bare[1])
        table.add("  the same export, wall", new[0], "s", "in-memory writer it replaced",
                  old[0])
        table.add("  the same export, CPU", new[1], "s", "in-memory writer, CPU", old[1])
        parts = PartLimits(forms=N // 4)
        split = _timed(lambda: result.setdefault("series", export_bundle(
            db, device, [keys.recipient], folders["series"], full=True, limits=parts)))
        table.add(f"  as a series of {result['series'].parts} parts, wall", split[0], "s",
                  "one bundle", new[0])
        peak = _child_peak_mb(db, work / "device", folders["child"], keys.recipient,
                              "export")
        idle = _child_peak_mb(db, work / "device", folders["child"], keys.recipient, "open")
        before = _child_peak_mb(db, work / "device", folders["child"], keys.recipient, "old")
        table.add(f"export {N // 1000}k forms, peak RSS (child process)", peak, "MB",
                  "same child, project opened only", idle, target="<= 400 MB")
        table.add("  the same peak", peak, "MB", "in-memory writer it replaced", before)
    finally:
        shutil.rmtree(work, ignore_errors=True)
