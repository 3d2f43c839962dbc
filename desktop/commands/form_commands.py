"""`riskmap forms import --db PATH --round NAME FILE.csv|FILE.xlsx [--operator NAME]`:
forms keyed elsewhere become audited forms of a round, all of them or none."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import CommandError, line, say, show


def register(subparsers: argparse._SubParsersAction) -> None:
    forms = subparsers.add_parser("forms", help="forms keyed elsewhere")
    actions = forms.add_subparsers(dest="forms_command", metavar="ACTION", required=True)
    table = actions.add_parser(
        "import", help="import a CSV/XLSX table: one row per form, a form_number column and "
        "one column per question id (codes; multichoice codes separated by spaces)")
    table.add_argument("--db", required=True, type=Path)
    table.add_argument("--round", required=True, help="round name (created with the newest "
                       "questionnaire version when the project has none of that name)")
    table.add_argument("--operator", default="import", help="operator named in the audit log")
    table.add_argument("file", type=Path)
    table.set_defaults(run=run_forms_import)


def run_forms_import(args: argparse.Namespace) -> int:
    from ..domain.user_error import user_language
    from ..services.form_service import Actor
    from ..services.form_table_import import FormTableRefused, import_form_table
    from ..services.project import Project
    if not args.db.exists():
        raise CommandError("db_missing", path=args.db)
    if args.file.is_dir():
        raise CommandError("is_a_folder", path=args.file)
    if not args.file.is_file():
        raise CommandError("table_missing", path=args.file)
    operator = args.operator.strip()
    if not operator:
        raise CommandError("operator_missing")
    project = Project.open(args.db)
    try:
        device = project.device_key.device_id
        result = import_form_table(project, args.round, args.file, Actor(operator, device),
                                   lang=user_language())
    except FormTableRefused as exc:
        show(f"riskmap: {exc.in_language(user_language())}", file=sys.stderr)
        for problem in exc.lines(user_language()):
            show(f"  {problem}", file=sys.stderr)
        return 2
    finally:
        project.close()
    made = line("out.new_round") if result.round_created else ""
    say("out.forms_imported", n=result.forms, round=repr(result.round.name), made=made,
        path=args.db)
    return 0
