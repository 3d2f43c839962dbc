"""The figures of `make bench-large` measured in a child (`bench_large --measure KIND`):
the program's own work on the large HQ database (dashboard, records view, import, export,
a series' import), and `measure`, which runs one of them or one of the baselines."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from benchmarks import large_bare
from benchmarks.child_process import say


def measure(kind: str, args: list[str]) -> None:
    """One child's work (called in the child); prints one JSON line."""
    if kind == "command":
        from desktop.cli import main as riskmap
        start = time.perf_counter()
        code = riskmap(args)
        say(seconds=time.perf_counter() - start, code=code)
    elif kind == "bare_snapshot":
        large_bare.bare_snapshot(Path(args[0]))
    elif kind in ("bare_integrity", "bare_integrity_check", "bare_quick_check"):
        large_bare.bare_integrity(Path(args[0]), "quick_check" if kind == "bare_quick_check"
                                  else "integrity_check")
    elif kind == "bare_rows":
        large_bare.bare_rows(Path(args[0]))
    elif kind == "dashboard":
        _dashboard(Path(args[0]))
    elif kind == "records":
        _records(Path(args[0]))
    elif kind == "import":
        _import(Path(args[0]), Path(args[1]), Path(args[2]), *args[3:])
    elif kind == "export":
        _export(Path(args[0]), Path(args[1]), Path(args[2]))
    elif kind == "bare_export_read":
        large_bare.bare_export_read(Path(args[0]))
    elif kind == "import_series":
        _import_series(Path(args[0]), Path(args[1]), args[2], [Path(a) for a in args[3:]])
    elif kind == "bare_import":
        large_bare.bare_import(Path(args[0]), Path(args[1]), int(args[2]))
    else:
        raise SystemExit(f"unknown measurement {kind}")


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
    say(seconds=first, filter=statistics.median(times), groupby=statistics.median(bases),
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
    say(seconds=opened, cold=cold, operator=filtered, number=numbered, bare=bare)


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
    say(seconds=seconds, status=outcome.status, new=getattr(outcome, "new", None),
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
    say(seconds=time.perf_counter() - start, paths=[str(p) for p in result.paths],
         bytes=sum(p.stat().st_size for p in result.paths), forms=result.forms,
         audit=result.audit, fingerprint=device.fingerprint)



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
    say(seconds=seconds, per_part=per_part, cpu_per_part=cpu_per_part,
         statuses=[b.status for b in report.bundles],
         new=sum(getattr(b, "new", 0) or 0 for b in report.bundles),
         detail=next((str(b.message) for b in report.bundles if b.status != "imported"), ""))

