"""Shared benchmark inputs: a 100k-form demo database, built once and cached.

`demo_database(n)` returns the path of a cached project with `n` synthetic forms (built
with `fill_demo`, kept under benchmarks/.cache/, which git ignores). Benchmarks that write
should work on `fresh_copy(path, tmp)` so the cache stays clean.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

CACHE = Path(__file__).resolve().parent / ".cache"


def demo_database(n: int = 100_000, seed: int = 1) -> Path:
    from desktop.services.demo_service import fill_demo
    from desktop.services.project import Project
    path = CACHE / f"demo-{n}-{seed}.db"
    if path.exists():
        migrated(path)
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    for leftover in CACHE.glob(partial.name + "*"):
        leftover.unlink()
    project = Project.open(partial)
    fill_demo(project, n, seed)
    # The dashboard's analysis snapshot, as the first dashboard load stores it: benches
    # measure the steady state (bench_analysis times the build itself on a copy).
    from desktop.services import analysis_table
    analysis_table.load_frame(project.db.conn, project.questionnaire)
    project.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    project.close()
    partial.rename(path)
    return path


def migrated(path: Path) -> Path:
    """Bring a cached database to the current schema (opening it migrates it), without
    keeping the backup the migration writes beside it (the cache can be built again)."""
    from desktop.storage.database import Database
    from desktop.storage.migrations import SCHEMA_VERSION
    check = sqlite3.connect(path)
    try:
        version = check.execute("SELECT version FROM schema_version").fetchone()[0]
    finally:
        check.close()
    if version < SCHEMA_VERSION:
        Database.open(path).close()
        for backup in path.parent.glob(f"{path.name}.schema{version}-*.bak"):
            backup.unlink()
    return path


def fresh_copy(path: Path, folder: Path) -> Path:
    """A private copy of a cached database (through the backup API, WAL included)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / path.name
    source = sqlite3.connect(path)
    destination = sqlite3.connect(target)
    source.backup(destination)
    source.close()
    destination.close()
    return target

