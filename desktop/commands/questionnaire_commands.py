"""`riskmap questionnaire ...`: questionnaire versions of a project.

`questionnaire add --db PATH FILE` stores a JSON questionnaire or an XLSForm workbook as a
new version; the version the project uses does not change. Other modules add their
actions to the same `questionnaire` parser through `questionnaire_actions`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from . import CommandError, say


def questionnaire_actions(subparsers: argparse._SubParsersAction) -> argparse._SubParsersAction:
    """The actions of `riskmap questionnaire`, made on first use: every module that adds
    one (add here; list and adopt in trust_commands) gets the same sub-parsers."""
    actions = getattr(subparsers, "_riskmap_questionnaire_actions", None)
    if actions is None:
        parser = subparsers.add_parser("questionnaire", help="questionnaire versions of a "
                                       "project")
        actions = parser.add_subparsers(dest="questionnaire_command", metavar="ACTION",
                                        required=True)
        subparsers._riskmap_questionnaire_actions = actions
    return actions


def register(subparsers: argparse._SubParsersAction) -> None:
    add = questionnaire_actions(subparsers).add_parser(
        "add", help="store a new version (JSON or XLSForm .xlsx)")
    add.add_argument("--db", required=True, type=Path)
    add.add_argument("--operator", default="cli", help="name written in the audit log")
    add.add_argument("file", type=Path, metavar="FILE")
    add.set_defaults(run=run_add)


def run_add(args: argparse.Namespace) -> int:
    from ..services.form_service import Actor
    from ..services.project import Project
    from ..services.questionnaire_service import add_questionnaire, read_questionnaire_file
    if not args.db.exists():
        raise CommandError("db_missing", path=args.db)
    if not args.file.exists():
        raise CommandError("not_found", path=args.file)
    read_questionnaire_file(args.file)  # every problem reported before the project opens
    project = Project.open(args.db)
    try:
        device = project.device_key.device_id
        result = add_questionnaire(project, args.file, Actor(args.operator, device))
        in_use = project.questionnaire
    finally:
        project.close()
    q = result.questionnaire
    for warning in result.warnings:
        say("out.note", warning=warning)
    if not result.added:
        say("out.already_stored", id=q.id, version=q.version, path=args.db)
        return 0
    say("out.stored", id=q.id, version=q.version, n=len(q.questions()), path=args.db,
        in_use=f"{in_use.id} {in_use.version}")
    return 0
