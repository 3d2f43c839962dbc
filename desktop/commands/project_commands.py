"""`riskmap init`, `riskmap demo` and `riskmap check`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import CommandError, line, say


def register(subparsers: argparse._SubParsersAction) -> None:
    init = subparsers.add_parser("init", help="create a project database")
    init.add_argument("--db", required=True, type=Path)
    init.add_argument("--questionnaire", type=Path, help="questionnaire JSON or XLSForm "
                      "workbook (.xlsx) (default: the border-security risk map)")
    init.add_argument("--escrow", action="append", metavar="RECIPIENT_OR_FILE",
                      help="an HQ age1... recipient (or a file of them) that can recover the "
                      "database key; may be repeated")
    init.set_defaults(run=run_init)

    demo = subparsers.add_parser("demo", help="add plausible synthetic forms")
    demo.add_argument("--db", required=True, type=Path)
    demo.add_argument("--n", type=int, default=416)
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument("--round", default="", help="round name (default: 'Demo SEED')")
    demo.set_defaults(run=run_demo)

    check = subparsers.add_parser("check", help="integrity check and schema report")
    check.add_argument("--db", required=True, type=Path)
    check.add_argument("--json", action="store_true", help="print the report as one JSON "
                       "object")
    check.add_argument("--repair", action="store_true", help="rebuild derived data (the "
                       "dashboard's analysis snapshot) from the answer rows first")
    check.set_defaults(run=run_check)


def run_init(args: argparse.Namespace) -> int:
    from ..services.project import Project
    if args.db.exists():
        raise CommandError("db_exists", path=args.db)
    project = Project.open(args.db, args.questionnaire)
    q = project.questionnaire
    say("out.created", path=args.db, id=q.id, version=q.version, n=len(q.questions()))
    project.close()
    return 0


def run_demo(args: argparse.Namespace) -> int:
    from ..services.demo_service import fill_demo
    from ..services.project import Project
    if args.n < 1 or args.n > 1_000_000:
        raise CommandError("demo_count")
    project = Project.open(args.db)
    try:
        fill_demo(project, args.n, args.seed, args.round)
    finally:
        project.close()
    say("out.demo", n=args.n, path=args.db)
    return 0


def run_check(args: argparse.Namespace) -> int:
    from ..services.workspace import open_database
    from ..storage import integrity
    if not args.db.exists():
        raise CommandError("db_missing", path=args.db)
    from ..services import analysis_table
    repaired = ""
    if args.repair:  # the one part of `check` that writes, and only when asked
        db = open_database(args.db)
        try:
            repaired = analysis_table.repair_database(db.conn)
        finally:
            db.close()
    db = open_database(args.db, read_only=True)  # inspecting never writes (issue 13)
    try:
        report = integrity.check(db.conn)
        analysis_ok, analysis = analysis_table.check_database(db.conn)
    finally:
        db.close()
    analysis = repaired + analysis
    file_version = db.file_version if db.file_version is not None else report.schema_version
    if args.json:
        import json
        print(json.dumps({**report.as_json(), "analysis": {"ok": analysis_ok,
                                                           "status": analysis}},
                         sort_keys=True))
    else:
        _print_check(args, report, file_version, analysis, analysis_ok)
    for finding in report.findings:
        print(f"riskmap: {finding}", file=sys.stderr)
    return 0 if report.ok and analysis_ok else 1


def _print_check(args: argparse.Namespace, report, file_version: int, analysis: str,
                 analysis_ok: bool) -> None:
    none = line("out.check_none")
    by_status = ", ".join(f"{n} {s}" for s, n in sorted(report.forms_by_status.items())) or none
    say("out.check_database", value=args.db)
    say("out.check_forms", value=f"{report.live_forms} ({by_status})")
    say("out.check_rounds", value=report.rounds)
    say("out.check_audit_rows", value=report.audit_rows)
    say("out.check_questionnaires", value=", ".join(report.questionnaires) or none)
    older = line("out.check_older") if file_version < report.schema_version else ""
    say("out.check_schema", value=file_version, expected=report.schema_expected, older=older)
    say("out.check_journal", value=report.journal_mode.upper())
    say("out.check_integrity", value=report.integrity)
    say("out.check_foreign_keys", value=report.foreign_key_errors or line("out.check_fk_ok"))
    say("out.check_audit_chain", value=report.audit_chain)
    say("out.check_devices", value=report.devices)
    say("out.check_analysis", value=analysis)
    say("out.check_result", value=line("out.check_ok" if report.ok and analysis_ok
                                       else "out.check_problems"))
