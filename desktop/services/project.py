"""`Project`: the historical name of the open project, kept so `Project.open(path,
questionnaire_path=None, check_same_thread=True)` goes on working everywhere.

It IS the workspace (see services/workspace.py): the one owner of an open project.
"""

from __future__ import annotations

from .workspace import DatabaseError, DatabaseLocator, ProjectSettings, SettingsChange, Workspace

Project = Workspace

__all__ = ["DatabaseError", "DatabaseLocator", "Project", "ProjectSettings", "SettingsChange",
           "Workspace"]
