"""`make bench-large`: a million forms at HQ (issue 14, item 5). Not part of `make bench`.

The HQ database is built by import (ten devices x 100k demo forms, see
`benchmarks/large_fixture.py`) and cached in the system temp folder. Every figure is
measured in a child process of its own, so its peak resident memory (the child's
ru_maxrss, from wait4) is the figure's alone; the baseline beside it is measured in the
same run, also in a child, and only one child runs at a time (a million forms is heavy on
a shared machine). A figure whose child fails is printed as FAILED with the reason,
never estimated.

    python -m benchmarks.bench_large [--rebuild] [--only dashboard,check,...]
                                     [--devices 10 --n 100000] [--work FOLDER]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.table import BARE_READ, BenchTable

MEMORY_AIM_MB = 1024
FIGURES = ("dashboard", "records", "import", "check", "report", "data", "export")
DATA_FORMATS = ("csv", "xlsx", "dta", "sav", "csv,xlsx,dta,sav")
ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Child:
    seconds: float
    peak_mb: float
    output: dict
    code: int
    error: str


def run_child(argv: list[str], timeout: float = 3600) -> Child:
    """Run `argv` (a Python module call) as a child; wall time, peak RSS and its JSON
    output (the last stdout line, when it is JSON)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, *argv], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=env, cwd=ROOT, text=True)
    out, err = process.communicate(timeout=timeout)
    seconds = time.perf_counter() - start
    # The child reports its own peak (ru_maxrss of RUSAGE_SELF) on its last line.
    output: dict = {}
    lines = [line for line in out.strip().splitlines() if line.startswith("{")]
    if lines:
        output = json.loads(lines[-1])
    peak = float(output.get("peak_mb", "nan"))
    return Child(seconds, peak, output, process.returncode, err.strip().splitlines()[-1]
                 if err.strip() else "")


def run_command(argv: list[str], timeout: float = 3600) -> Child:
    """Run a `riskmap` command in a child (through `measure command`, which reports the
    command's own peak memory and wall time from inside)."""
    return run_child(["-m", "benchmarks.bench_large", "--measure", "command", "--",
                      *argv], timeout)


# -- the children ----------------------------------------------------------------------------

def _peak_mb() -> float:
    """This process's peak resident memory. VmHWM, not ru_maxrss: Linux carries
    ru_maxrss over an exec from the forking parent, VmHWM starts again with the new
    program."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource  # elsewhere: the best figure there is
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _say(**figures: object) -> None:
    print(json.dumps({**figures, "peak_mb": _peak_mb()}), flush=True)


def measure(kind: str, args: list[str]) -> None:
    """One child's work (called in the child); prints one JSON line."""
    if kind == "command":
        from desktop.cli import main as riskmap
        start = time.perf_counter()
        code = riskmap(args)
        _say(seconds=time.perf_counter() - start, code=code)
    elif kind == "bare_snapshot":
        _bare_snapshot(Path(args[0]))
    elif kind in ("bare_integrity", "bare_integrity_check", "bare_quick_check"):
        import sqlite3
        pragma = "quick_check" if kind == "bare_quick_check" else "integrity_check"
        conn = sqlite3.connect(f"file:{args[0]}?mode=ro", uri=True)
        start = time.perf_counter()
        result = conn.execute(f"PRAGMA {pragma}").fetchone()[0]
        _say(seconds=time.perf_counter() - start, result=result)
    elif kind == "bare_rows":
        _bare_rows(Path(args[0]))
    elif kind == "dashboard":
        _dashboard(Path(args[0]))
    elif kind == "records":
        _records(Path(args[0]))
    elif kind == "import":
        _import(Path(args[0]), Path(args[1]), Path(args[2]), *args[3:])
    elif kind == "export":
        _export(Path(args[0]), Path(args[1]), Path(args[2]))
    elif kind == "bare_export_read":
        _bare_export_read(Path(args[0]))
    elif kind == "import_series":
        _import_series(Path(args[0]), Path(args[1]), args[2], [Path(a) for a in args[3:]])
    elif kind == "bare_import":
        _bare_import(Path(args[0]), Path(args[1]), int(args[2]))
    else:
        raise SystemExit(f"unknown measurement {kind}")


def _bare_snapshot(path: Path) -> None:
    """The numbers the dashboard shows, as bytes straight from SQLite into numpy."""
    import sqlite3

    import numpy as np
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    start = time.perf_counter()
    arrays = [np.frombuffer(data, dtype=np.uint8) for _, data in
              conn.execute(BARE_READ)]
    _say(seconds=time.perf_counter() - start, bytes=sum(a.nbytes for a in arrays))


def _bare_rows(path: Path) -> None:
    """The rows `riskmap data` writes, read from SQLite one form at a time and dropped
    (what any reader of the answer rows pays at least)."""
    import sqlite3
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    start = time.perf_counter()
    cursor = conn.execute(
        "SELECT r.uuid, r.round_uuid, r.form_number, r.status, r.device, r.created, "
        "(SELECT a.answers FROM form_answers a "
        "WHERE a.response_uuid = r.uuid) FROM response r "
        "WHERE r.status IN ('entered', 'verified')")
    rows = 0
    while True:
        chunk = cursor.fetchmany(20_000)
        if not chunk:
            break
        rows += len(chunk)
    _say(seconds=time.perf_counter() - start, rows=rows)


FILTERS = ({"post": "1"}, {"institution": "2", "rank_band": "1"}, {"round": "Team 01"},
           {"unit_type": "3"}, {})


def _dashboard(path: Path) -> None:
    """First load (read + prepare + the unfiltered figures), then filter changes (median),
    beside a pandas group-by of one risk by post (the filter's baseline)."""
    import statistics

    from desktop.services.analysis_service import load_analysis
    start = time.perf_counter()
    analysis = load_analysis(path, "en")
    analysis.compute({})
    first = time.perf_counter() - start
    times = []
    for filters in FILTERS * 3:
        begin = time.perf_counter()
        analysis.compute(filters)
        times.append(time.perf_counter() - begin)
    from desktop.services.analysis_service import read_columns
    from desktop.services.project import Project
    project = Project.open(path)
    try:
        frame = baseline_frame(read_columns(project))
    finally:
        project.close()

    def naive() -> None:
        lik, imp = frame["r01_likelihood"], frame["r01_impact"]
        ok = lik.between(1, 5) & imp.between(1, 5)
        (lik * imp)[ok].groupby(frame["post"][ok]).agg(["mean", "std", "count"])

    bases = []
    for _ in range(5):
        begin = time.perf_counter()
        naive()
        bases.append(time.perf_counter() - begin)
    _say(seconds=first, filter=statistics.median(times), groupby=statistics.median(bases),
         forms=analysis.sums.forms)


def baseline_frame(columns):
    """The columns the filter's baseline groups (one risk and the post), as pandas, from
    the live forms' columns (`analysis_service.read_columns`)."""
    import pandas as pd
    return pd.DataFrame({qid: columns.values(qid) for qid in
                         ("r01_likelihood", "r01_impact", "post")})


def _records(path: Path) -> None:
    """The records view (Qt, offscreen): open (count + first window painted), filter by
    operator and by form number (medians), beside a bare COUNT(*)."""
    import statistics

    from PySide6.QtWidgets import QApplication

    from desktop.services.project import Project
    from desktop.ui.app_context import AppContext
    from desktop.ui.records_view import RecordsView

    app = QApplication.instance() or QApplication([])
    project = Project.open(path)

    def median(action, repeat: int = 5) -> float:
        times = []
        for _ in range(repeat):
            begin = time.perf_counter()
            action()
            times.append(time.perf_counter() - begin)
        return statistics.median(times)

    with tempfile.TemporaryDirectory() as folder:
        context = AppContext(project, operator="BE")
        views = []

        def open_view() -> None:
            view = RecordsView(context)
            view.resize(1200, 650)
            view.show()
            app.processEvents()
            views.append(view)

        begin = time.perf_counter()
        open_view()
        cold = time.perf_counter() - begin
        opened = median(open_view)
        view = views[-1]
        view.operator_filter.ensure_loaded()
        count = view.operator_filter.count()
        turn = iter(range(10**6))

        def by_operator() -> None:
            view.operator_filter.setCurrentIndex(1 + next(turn) % max(1, count - 1))
            app.processEvents()

        filtered = median(by_operator)

        def by_number() -> None:
            view.number_filter.setText(str(1 + next(turn) * 7919 % 100_000))
            app.processEvents()

        numbered = median(by_number)
        bare = median(lambda: project.db.conn.execute(
            "SELECT COUNT(*) FROM response").fetchone())
        for item in views:
            item.close()
    project.close()
    _say(seconds=opened, cold=cold, operator=filtered, number=numbered, bare=bare)


def _import(hq: Path, identity: Path, bundle: Path, fingerprint: str,
            device: str = "hq") -> None:
    from desktop.services.device_service import trust_device
    from desktop.services.import_service import import_bundles
    from desktop.storage.database import Database
    db = Database.open(hq)
    try:
        trust_device(db, fingerprint, "bench laptop")
    finally:
        db.close()
    start = time.perf_counter()
    report = import_bundles(hq, identity, [bundle], device=device)
    seconds = time.perf_counter() - start
    outcome = report.bundles[0]
    _say(seconds=seconds, status=outcome.status, new=getattr(outcome, "new", None),
         detail=str(getattr(outcome, "message", "") or ""))


def _export(hq: Path, keys: Path, out: Path) -> None:
    """A full export of `hq` (a private copy: the export writes its ledger rows) signed
    with the project's own device key, as a series when it is larger than one bundle."""
    from desktop.services.device_identity import project_device_key
    from desktop.services.export_service import export_bundle
    from desktop.services.keys_service import RECIPIENT_FILE
    recipient = [line for line in (keys / RECIPIENT_FILE).read_text().splitlines()
                 if line.startswith("age1")][0]
    device = project_device_key(hq)
    start = time.perf_counter()
    result = export_bundle(hq, device, [recipient], out, full=True)
    _say(seconds=time.perf_counter() - start, paths=[str(p) for p in result.paths],
         bytes=sum(p.stat().st_size for p in result.paths), forms=result.forms,
         audit=result.audit, fingerprint=device.fingerprint)


def _bare_export_read(path: Path) -> None:
    """The rows a full export reads (storage/export_rows and the audit lines), read from
    SQLite in one read transaction and dropped: what the export pays at least."""
    import sqlite3

    from desktop.storage import bundle_store, export_rows
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    start = time.perf_counter()
    conn.execute("BEGIN")
    cursor = export_rows.iter_form_rows(conn, False)
    forms = 0
    while chunk := cursor.fetchmany(1000):
        forms += len(chunk)
    audit = sum(1 for _ in bundle_store.iter_audit_lines(conn, 0))
    conn.execute("COMMIT")
    _say(seconds=time.perf_counter() - start, forms=forms, audit=audit)


def _import_series(target: Path, identity: Path, fingerprint: str, parts: list[Path]) -> None:
    """The parts of a series into a new, empty HQ database that enrols the exporting
    device first; seconds in all and per part."""
    from desktop.services.device_service import trust_device
    from desktop.services.import_service import import_bundles
    from desktop.storage.database import Database
    db = Database.open(target)
    try:
        trust_device(db, fingerprint, "the exporting headquarters")
    finally:
        db.close()
    marks: list[tuple[float, float]] = []  # (wall, CPU of the process) at each part
    start = time.perf_counter()
    report = import_bundles(target, identity, parts, progress=lambda done, total: marks.append(
        (time.perf_counter(), time.process_time())))
    seconds = time.perf_counter() - start
    per_part = [b[0] - a[0] for a, b in zip(marks, marks[1:])]
    cpu_per_part = [b[1] - a[1] for a, b in zip(marks, marks[1:])]
    _say(seconds=seconds, per_part=per_part, cpu_per_part=cpu_per_part,
         statuses=[b.status for b in report.bundles],
         new=sum(getattr(b, "new", 0) or 0 for b in report.bundles),
         detail=next((str(b.message) for b in report.bundles if b.status != "imported"), ""))


def _bare_import(source: Path, target: Path, parts: int) -> None:
    """The import's baseline: a bare executemany of the same response and answer rows into
    an empty copy of the schema, the answers one row per answer as the issue measured them
    (the old long table, created untimed), one transaction per part (the series' split by uuid),
    read from `source` in chunks outside the clock (a million forms do not fit in memory
    as Python rows). The rounds and questionnaires are copied first, untimed."""
    import math
    import sqlite3

    from benchmarks.import_child import OLD_ANSWER_TABLE
    from desktop.storage.database import Database
    from desktop.storage.response_store import _COLUMNS as COLUMNS
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    db = Database.open(target)
    conn = db.conn
    with db.transaction():
        conn.execute(OLD_ANSWER_TABLE)
        for table in ("questionnaire", "round"):
            cursor = src.execute(f"SELECT * FROM {table}")
            names = [d[0] for d in cursor.description]
            conn.executemany(f"INSERT OR IGNORE INTO {table} ({', '.join(names)}) VALUES "
                             f"({', '.join('?' for _ in names)})", cursor.fetchall())
    uuids = [row[0] for row in src.execute("SELECT uuid FROM response ORDER BY uuid")]
    per_part = math.ceil(len(uuids) / parts)
    insert_response = (f"INSERT INTO response ({', '.join(COLUMNS)}) VALUES "
                       f"({', '.join('?' for _ in COLUMNS)})")
    insert_answer = ("INSERT INTO answer_long (response_uuid, question_id, value) "
                     "VALUES (?, ?, ?)")
    timed = 0.0
    for first in range(0, len(uuids), per_part):
        part = uuids[first:first + per_part]
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        timed += time.perf_counter() - start
        for low in range(0, len(part), 20_000):
            chunk = part[low:low + 20_000]
            bounds = (chunk[0], chunk[-1])
            responses = src.execute(f"SELECT {', '.join(COLUMNS)} FROM response WHERE uuid "
                                    "BETWEEN ? AND ?", bounds).fetchall()
            answers = src.execute("SELECT response_uuid, question_id, value FROM answer "
                                  "WHERE response_uuid BETWEEN ? AND ?", bounds).fetchall()
            start = time.perf_counter()
            conn.executemany(insert_response, responses)
            conn.executemany(insert_answer, answers)
            timed += time.perf_counter() - start
            del responses, answers
        start = time.perf_counter()
        conn.execute("COMMIT")
        timed += time.perf_counter() - start
    db.close()
    _say(seconds=timed, forms=len(uuids))


# -- the parent ------------------------------------------------------------------------------

def _row(table: BenchTable, name: str, child: Child, base_name: str, base: Child | None,
         target: str, value: float | None = None, base_value: float | None = None,
         unit: str = "s", memory: bool = True) -> None:
    if child.code != 0 and not child.output:
        table.add(f"{name}: FAILED ({child.error[:60]})", float("nan"), unit)
        return
    value = child.seconds if value is None else value
    scale = 1000 if unit == "ms" else 1
    baseline = None if base is None else (base.seconds if base_value is None else base_value)
    table.add(name, value * scale, unit, base_name, None if baseline is None
              else baseline * scale, target)
    if memory:
        table.add("  peak memory (child process)", child.peak_mb, "MB",
                  f"{base_name} (peak)" if base is not None else "",
                  base.peak_mb if base is not None else None, f"<= {MEMORY_AIM_MB} MB")


def _copy(path: Path, target: Path) -> Path:
    from benchmarks.large_fixture import copy_of
    for leftover in target.parent.glob(target.name + "*"):
        leftover.unlink()
    return copy_of(path, target)


def run_large(figures: tuple[str, ...], rebuild: bool, devices: int, n: int,
              work_root: Path | None = None) -> int:
    from benchmarks.large_fixture import large_database
    fixture = large_database(rebuild, devices, n)
    hq = fixture.hq
    forms = devices * n
    label = f"{forms // 1000}k" if forms < 1_000_000 else f"{forms / 1e6:g}M"
    table = BenchTable()
    print(f"{'figure':<52} {'value':>10} {'unit':<6} | baseline (same run)", flush=True)
    if work_root is not None:
        work_root.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="riskmap-bench-large-work-", dir=work_root))
    try:
        if "dashboard" in figures:
            bare = run_child(["-m", "benchmarks.bench_large", "--measure", "bare_snapshot",
                              str(hq)])
            child = run_child(["-m", "benchmarks.bench_large", "--measure", "dashboard",
                               str(hq)])
            _row(table, f"dashboard first load, {label} forms", child,
                 "bare SQLite read of the snapshot", bare, "<= 10 s",
                 value=child.output.get("seconds"), base_value=bare.output.get("seconds"))
            _row(table, f"dashboard filter change (recompute), {label}", child,
                 "pandas groupby of 1 risk by post", child, "<= 200 ms",
                 value=child.output.get("filter"), base_value=child.output.get("groupby"),
                 unit="ms", memory=False)
        if "records" in figures:
            child = run_child(["-m", "benchmarks.bench_large", "--measure", "records",
                               str(hq)])
            out = child.output
            for key, what in (("seconds", "open"), ("operator", "filter by operator"),
                              ("number", "filter by form number")):
                _row(table, f"records view {what}, {label}", child, "bare COUNT(*)", child,
                     "<= 300 ms", value=out.get(key), base_value=out.get("bare"), unit="ms",
                     memory=key == "number")
        if "import" in figures:
            empty = work / "empty.db"
            base = run_child(["-m", "benchmarks.bench_large", "--measure", "import",
                              str(empty), str(fixture.identity), str(fixture.extra_bundle),
                              fixture.extra_fingerprint])
            empty.unlink(missing_ok=True)
            copy = _copy(hq, work / "hq-copy.db")
            child = run_child(["-m", "benchmarks.bench_large", "--measure", "import",
                               str(copy), str(fixture.identity), str(fixture.extra_bundle),
                               fixture.extra_fingerprint])
            for leftover in work.glob("hq-copy.db*"):
                leftover.unlink()
            _row(table, f"import one more {n // 1000}k bundle into {label}", child,
                 f"same bundle into an empty db", base, "<= 1.5x baseline",
                 value=child.output.get("seconds"), base_value=base.output.get("seconds"))
        if "check" in figures:
            # The default runs SQLite's integrity_check, --quick its quick_check: each
            # beside the same bare PRAGMA, measured in the same run.
            for pragma, extra in (("integrity_check", []), ("quick_check", ["--quick"])):
                bare = run_child(["-m", "benchmarks.bench_large", "--measure",
                                  f"bare_{pragma}", str(hq)])
                child = run_command(["check", "--db", str(hq), *extra])
                _row(table, f"riskmap check{' --quick' if extra else ''}, {label}", child,
                     f"bare PRAGMA {pragma}", bare, "<= 30 s",
                     value=child.output.get("seconds"), base_value=bare.output.get("seconds"))
        if "report" in figures or "data" in figures:
            bare_rows = run_child(["-m", "benchmarks.bench_large", "--measure", "bare_rows",
                                   str(hq)])
        if "report" in figures:
            bare = run_child(["-m", "benchmarks.bench_large", "--measure", "bare_snapshot",
                              str(hq)])
            child = run_command(["report", "--db", str(hq), "--out", str(work / "report")])
            _row(table, f"riskmap report, {label}", child, "bare SQLite read of the snapshot",
                 bare, "<= 30 s", value=child.output.get("seconds"),
                 base_value=bare.output.get("seconds"))
        if "data" in figures:
            # Each format alone (read, guard, write), then all four in one run (two
            # files written at a time): the aim is per run.
            for formats in DATA_FORMATS:
                child = run_command(["data", "--db", str(hq), "--out", str(work / "data"),
                                     "--format", formats, "--lang", "en"])
                _row(table, f"riskmap data {formats.replace(',', '+')}, {label}", child,
                     "bare SQLite read of the same rows", bare_rows, "<= 30 s",
                     value=child.output.get("seconds"),
                     base_value=bare_rows.output.get("seconds"))
                shutil.rmtree(work / "data", ignore_errors=True)
        if "export" in figures:
            _export_rows(table, fixture, hq, work, label)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _export_rows(table: BenchTable, fixture, hq: Path, work: Path, label: str) -> None:
    """A full export of the HQ database (a private copy: the export writes its ledger and
    its device key) as a series of signed bundles, beside a bare read of the same rows;
    then the import of every part into an empty HQ database that enrols the exporting
    HQ's device, beside a bare executemany of the same rows, one transaction per part."""
    out = work / "export"
    out.mkdir()
    copy = _copy(hq, work / "hq-export.db")
    bare = run_child(["-m", "benchmarks.bench_large", "--measure", "bare_export_read",
                      str(copy)])
    child = run_child(["-m", "benchmarks.bench_large", "--measure", "export", str(copy),
                       str(fixture.folder / "keys"), str(out)])
    if child.code != 0 or not child.output:
        table.add(f"export --all {label}: FAILED ({child.error[:70]})", float("nan"), "s")
        return
    paths = child.output["paths"]
    _row(table, f"export --all {label}: {len(paths)} parts, "
         f"{child.output['bytes'] / 1e6:.0f} MB", child, "bare read of the same rows",
         bare, "<= 1 GB memory", value=child.output.get("seconds"),
         base_value=bare.output.get("seconds"))
    empty = work / "bare-import.db"
    base = run_child(["-m", "benchmarks.bench_large", "--measure", "bare_import", str(copy),
                      str(empty), str(len(paths))])
    for leftover in work.glob("bare-import.db*"):
        leftover.unlink()
    for leftover in work.glob("hq-export.db*"):
        leftover.unlink()
    target = work / "imported.db"
    child = run_child(["-m", "benchmarks.bench_large", "--measure", "import_series",
                       str(target), str(fixture.identity), child.output["fingerprint"],
                       *paths])
    statuses = child.output.get("statuses") or []
    if child.code != 0 or not statuses or set(statuses) != {"imported"}:
        reason = child.output.get("detail") or child.error or str(statuses)
        table.add(f"import of the {len(paths)} parts: FAILED", float("nan"), "s")
        print(f"    ({statuses}: {reason[:200]})", flush=True)
    else:
        _row(table, f"import of the {len(paths)} parts into an empty db "
             f"({child.output['new']} forms)", child,
             "bare executemany of the same rows, per part", base, "<= 1 GB memory",
             value=child.output.get("seconds"), base_value=base.output.get("seconds"))
        slowest = max(child.output.get("per_part") or [float("nan")])
        print(f"    (slowest part {slowest:.0f} s; parts "
              f"{', '.join(f'{t:.0f}' for t in child.output.get('per_part', []))} s; CPU "
              f"{', '.join(f'{t:.0f}' for t in child.output.get('cpu_per_part', []))} s; "
              "the part that completes the series is the last)", flush=True)
    for leftover in work.glob("imported.db*"):
        leftover.unlink()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="a million forms at HQ (make bench-large)")
    parser.add_argument("--rebuild", action="store_true",
                        help="build the cached HQ database again from nothing")
    parser.add_argument("--only", default="", help="comma-separated: " + ",".join(FIGURES))
    parser.add_argument("--devices", type=int, default=10)
    parser.add_argument("--n", type=int, default=100_000, help="forms per device")
    parser.add_argument("--work", type=Path, default=None,
                        help="the folder for private copies (default: the system temp)")
    parser.add_argument("--measure", default="", help=argparse.SUPPRESS)
    parser.add_argument("rest", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        measure(args.measure, args.rest)
        return 0
    figures = tuple(f for f in args.only.split(",") if f) or FIGURES
    return run_large(figures, args.rebuild, args.devices, args.n, args.work)


def run(table: BenchTable) -> None:
    """Not part of `make bench` (benchmarks/__main__.py skips this module)."""
    raise RuntimeError("bench_large runs only through `make bench-large`")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
