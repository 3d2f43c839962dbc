"""The measured half of bench_bundles' import figures, run in a child process so its peak
resident memory is its own (the parent reads it with os.wait4, see `run_child`).

    python -m benchmarks.import_child import DB KEYHEX IDENTITY BUNDLE [--checks-off]
                                                 [--in-process] [--audit-share=X]
    python -m benchmarks.import_child baseline DB KEYHEX SOURCE_DB [--per-form]
    python -m benchmarks.import_child floor DB KEYHEX SOURCE_DB [--all]
    python -m benchmarks.import_child parse IDENTITY BUNDLE

`import` runs `import_bundles` on an encrypted HQ database (a 100k bundle's forms are
checked by its checking process, a child of this one: its CPU time, from
RUSAGE_CHILDREN, is counted in `cpu` beside `cpu_parent`; `--in-process` checks them in
this process, as before the split; `--audit-share` sets the share of the audit rows the
checking process parses, import_split.AUDIT_SHARE); `baseline` copies the rounds
of a plaintext demo database into an (empty, encrypted) project untimed, then times a bare
`executemany` of its response rows and its answers in one transaction: the answers as the
issue's baseline has them, one row per answer (3.4M per 100k forms) into a table of the
old long shape (answer_long, created untimed: the schema itself now keeps one row per
form), or with `--per-form` one row per form into the schema's own `form_answers` (the
answers text as stored). `floor` times the same rows copied by SQLite alone (`INSERT ...
SELECT` from the attached source, in key order: no Python per row), the floor of any
import into the schema (one answers row per form); with `--all`, also the audit rows and
the version rows (one per form) the import writes. `parse` times reading the bundle's
format alone, no check and no database: decrypt, inflate each member, `orjson.loads` of
every line of records.jsonl and audit.jsonl (the parser the import uses, form_line.py and
audit_lines.py), `csv.reader` over responses.csv (the floor of any import of that format,
in Python). Each prints one JSON line: wall and CPU seconds of the
measured part and the resident peak before it.
"""

from __future__ import annotations

import json
import os
import resource
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.rss_sampler import TreeSampler


def run_child(*args: str) -> dict:
    """Run this module with `args`; its JSON line, whose `peak_mb` is the child's own peak
    resident memory (VmHWM of its address space; where /proc is missing, ru_maxrss from
    wait4, which on Linux also counts the parent's size at the fork). `tree_peak_mb` is
    the largest sum of the resident memory of the child and of every process it started
    (its checking process, multiprocessing's helper), sampled together from here every
    10 ms (rss_sampler.py); `tree_parts_mb` its parts at that moment: [this child, the
    largest of its processes, the others]; `checking_peak_mb` the largest own peak
    (VmHWM) among its processes. None where /proc is missing."""
    process = subprocess.Popen([sys.executable, "-m", "benchmarks.import_child", *args],
                               stdout=subprocess.PIPE, text=True,
                               cwd=Path(__file__).resolve().parent.parent)
    sampler = TreeSampler(process.pid).start()
    try:
        out = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
    finally:
        tree = sampler.stop()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"import_child {args[0]} failed ({process.returncode})")
    result = json.loads(out.strip().splitlines()[-1])
    if result.get("peak_mb") is None:
        result["peak_mb"] = usage.ru_maxrss / 1024
    result["tree_peak_mb"] = tree.total_mb
    result["tree_parts_mb"] = _parts(tree.parts_mb, process.pid)
    # The checking process's own peak (VmHWM, its last reading): ru_maxrss of the
    # children would be this process's size when it forked the checking process.
    below = [mb for pid, mb in tree.peaks_mb.items() if pid != process.pid]
    result["checking_peak_mb"] = max(below) if below else None
    return result


def _parts(parts: dict[int, float], root: int) -> list[float]:
    """[root, its largest descendant, the rest] of one sample (MB)."""
    others = sorted((mb for pid, mb in parts.items() if pid != root), reverse=True)
    return [parts.get(root, 0.0), others[0] if others else 0.0, sum(others[1:])]


def _peak_mb() -> float | None:
    """The peak resident size of this process since its exec (Linux's VmHWM)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _import(db: str, key: str, identity: str, bundle: str, checks_off: bool,
            in_process: bool, audit_share: float | None = None) -> dict:
    import contextlib

    from desktop.services import import_split
    from desktop.services.import_service import import_bundles
    if audit_share is not None:
        import_split.AUDIT_SHARE = audit_share
    from desktop.storage.database import DatabaseLocator
    if checks_off:
        from benchmarks.bench_bundles import door_checks_off as switch
        os.environ[CHECKS_OFF] = "1"  # read by the checking process (see the end)
    else:
        switch = contextlib.nullcontext
    locator = DatabaseLocator(Path(db), bytes.fromhex(key))
    before = _peak_mb()
    with switch():
        wall, cpu = time.perf_counter(), time.process_time()
        children = _children_cpu()
        report = import_bundles(locator, identity, [bundle],
                                split_min_forms=10 ** 12 if in_process else None)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        child_cpu = _children_cpu() - children  # the checking process, joined by now
    b = report.bundles[0]
    return {"wall": wall, "cpu": cpu + child_cpu, "cpu_parent": cpu, "cpu_child": child_cpu,
            "child_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            if child_cpu else 0.0,
            "before_mb": before, "status": b.status,
            "new": b.new, "updated": b.updated, "unchanged": b.unchanged,
            "message": b.message}


# The answers table of schema 13 and before: one row per answer.
OLD_ANSWER_TABLE = ("CREATE TABLE answer_long (response_uuid TEXT NOT NULL REFERENCES "
                    "response(uuid), question_id TEXT NOT NULL, value TEXT NOT NULL, "
                    "PRIMARY KEY (response_uuid, question_id)) WITHOUT ROWID")


def _form_answers(src: sqlite3.Connection) -> list[tuple[str, str]]:
    """(uuid, answers text) per form of a source database of either schema."""
    if src.execute("SELECT 1 FROM sqlite_master WHERE name = 'form_answers'").fetchone():
        return src.execute("SELECT response_uuid, answers FROM form_answers").fetchall()
    return src.execute("SELECT response_uuid, json_group_object(question_id, value) "
                       "FROM answer GROUP BY response_uuid").fetchall()


def _baseline(db: str, key: str, source: str, per_form: bool) -> dict:
    from desktop.storage.database import Database, DatabaseLocator
    from desktop.storage.response_store import _COLUMNS as COLUMNS
    src = sqlite3.connect(source)
    hq = Database.open(DatabaseLocator(Path(db), bytes.fromhex(key)))
    conn = hq.conn
    with hq.transaction():
        for table in ("questionnaire", "round"):
            rows = src.execute(f"SELECT * FROM {table}").fetchall()
            names = [d[0] for d in src.execute(f"SELECT * FROM {table} LIMIT 0").description]
            conn.executemany(f"INSERT OR IGNORE INTO {table} ({', '.join(names)}) VALUES "
                             f"({', '.join('?' for _ in names)})", rows)
        if not per_form:
            conn.execute(OLD_ANSWER_TABLE)
    responses = src.execute(f"SELECT {', '.join(COLUMNS)} FROM response").fetchall()
    if per_form:
        answers = _form_answers(src)
        insert = "INSERT INTO form_answers (response_uuid, answers) VALUES (?, ?)"
    else:
        answers = src.execute("SELECT response_uuid, question_id, value FROM answer "
                              "ORDER BY response_uuid, question_id").fetchall()
        insert = "INSERT INTO answer_long (response_uuid, question_id, value) VALUES (?, ?, ?)"
    src.close()
    before = _peak_mb()
    wall, cpu = time.perf_counter(), time.process_time()
    with hq.transaction():
        conn.executemany(f"INSERT INTO response ({', '.join(COLUMNS)}) VALUES "
                         f"({', '.join('?' for _ in COLUMNS)})", responses)
        conn.executemany(insert, answers)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    hq.close()
    return {"wall": wall, "cpu": cpu, "before_mb": before, "forms": len(responses),
            "answers": len(answers)}


def _floor(db: str, key: str, source: str, everything: bool) -> dict:
    from desktop.storage.database import Database, DatabaseLocator
    from desktop.storage.response_store import _COLUMNS as COLUMNS
    hq = Database.open(DatabaseLocator(Path(db), bytes.fromhex(key)))
    conn = hq.conn
    conn.execute("ATTACH DATABASE ? AS src KEY ''", (str(source),))  # plaintext
    with hq.transaction():
        for table in ("questionnaire", "round"):
            conn.execute(f"INSERT OR IGNORE INTO main.{table} SELECT * FROM src.{table}")
    columns = ", ".join(COLUMNS)
    audit = ("uuid, time, operator, device, action, response_uuid, question_id, old, new, "
             "reason, prev_hash, hash")
    before = _peak_mb()
    wall, cpu = time.perf_counter(), time.process_time()
    with hq.transaction():
        conn.execute(f"INSERT INTO main.response ({columns}) SELECT {columns} "
                     "FROM src.response ORDER BY uuid")
        conn.execute("INSERT INTO main.form_answers (response_uuid, answers) "
                     "SELECT response_uuid, answers FROM src.form_answers "
                     "ORDER BY response_uuid")
        if everything:
            conn.execute(f"INSERT INTO main.audit_log ({audit}) SELECT {audit} "
                         "FROM src.audit_log ORDER BY id")
            conn.execute("INSERT INTO main.response_version (response_uuid, revision, sha256) "
                         "SELECT uuid, revision, printf('%064d', rowid) FROM src.response "
                         "ORDER BY uuid")
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    conn.execute("DETACH DATABASE src")
    hq.close()
    return {"wall": wall, "cpu": cpu, "before_mb": before}


def _parse(identity: str, bundle: str) -> dict:
    """The bare cost of reading a bundle's members (`parse` above), with its parts' CPU."""
    import csv
    import io
    import zipfile

    import orjson

    from desktop.bundle import age_crypto
    identities = age_crypto.load_identities(identity)
    data = Path(bundle).read_bytes()
    before = _peak_mb()
    parts: dict[str, float] = {}

    def timed(name: str, work):
        start = time.process_time()
        value = work()
        parts[name] = time.process_time() - start
        return value

    wall, cpu = time.perf_counter(), time.process_time()
    plain = timed("decrypt", lambda: age_crypto.decrypt(data, identities))
    members = zipfile.ZipFile(io.BytesIO(plain))
    counts = {}
    for name in ("records.jsonl", "audit.jsonl"):
        text = timed(f"inflate {name}", lambda: members.read(name).decode("utf-8"))
        counts[name] = timed(f"json {name}", lambda: sum(
            1 for line in text.split("\n") if line and orjson.loads(line) is not None))
        del text
    text = timed("inflate responses.csv", lambda: members.read("responses.csv")
                 .decode("utf-8-sig"))
    counts["responses.csv"] = timed("csv responses.csv", lambda: sum(
        1 for _ in csv.reader(io.StringIO(text, newline=""))))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {"wall": wall, "cpu": cpu, "before_mb": before, "parts": parts, "lines": counts}


def main(argv: list[str]) -> None:
    mode, *args = argv
    if mode == "import":
        shares = [float(a.split("=", 1)[1]) for a in args if a.startswith("--audit-share=")]
        result = _import(*args[:4], checks_off="--checks-off" in args,
                         in_process="--in-process" in args,
                         audit_share=shares[-1] if shares else None)
    elif mode == "baseline":
        result = _baseline(*args[:3], per_form="--per-form" in args)
    elif mode == "floor":
        result = _floor(*args[:3], everything="--all" in args)
    elif mode == "parse":
        result = _parse(*args[:2])
    else:
        raise SystemExit(f"unknown mode {mode}")
    result["peak_mb"] = _peak_mb()
    print(json.dumps(result))


CHECKS_OFF = "RISKMAP_BENCH_CHECKS_OFF"

if __name__ == "__main__":
    main(sys.argv[1:])
elif __name__ == "__mp_main__" and os.environ.get(CHECKS_OFF):
    # The import's checking process (spawned: it runs this module as its main) with the
    # door's per-form checks off, as `door_checks_off` turns them off in-process.
    from benchmarks.bench_bundles import door_checks_off
    _switch = door_checks_off()  # kept: a collected generator would undo the patches
    _switch.__enter__()
