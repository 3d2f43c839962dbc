"""A project for `check` tests: demo forms, its analysis snapshot and the dashboard's stored
per-profile-cell sums (a dashboard load), checkpointed so a file copy holds everything."""

from __future__ import annotations

from pathlib import Path

from desktop.services import analysis_table
from desktop.services.analysis_service import analysis_for
from desktop.services.demo_service import fill_demo
from desktop.services.project import Project


def analysed_project(path: Path, forms: int, seed: int) -> Path:
    project = Project.open(path)
    fill_demo(project, forms, seed=seed)
    analysis_table.load_frame(project.db.conn, project.questionnaire)
    analysis_for(project, "en")
    project.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    project.close()
    return path
