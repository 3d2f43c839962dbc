"""`riskmap init`, `riskmap demo` and `riskmap check`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..domain.command_messages import COMMAND_MESSAGES
from ..domain.user_error import error_message, user_language
from . import CommandError, line, say, show


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
    check.add_argument("--quick", action="store_true", help="SQLite's quick_check instead "
                       "of its full integrity_check: every page is still read, but rows "
                       "are not looked up in their indexes (faster on a large file; "
                       "everything else is checked as always)")
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
    from ..services.check_service import check_project
    if not args.db.exists():
        raise CommandError("db_missing", path=args.db)
    result = check_project(args.db, full=not args.quick, repair=args.repair)
    report, snapshot = result.report, result.snapshot
    if args.json:
        import json
        analysis = {"ok": snapshot.ok, "status": _analysis(result, "en")}
        branches = [{"device": d, "sequence": n, "imported": when}
                    for d, n, when in result.branches]
        from ..services.round_origin import recorded
        rounds = {"known": result.origins[0], "made_here_or_unknown": result.origins[1],
                  "shared": recorded(result.shared)}
        kept = [{"device": d, "sequence": n, "decided": when} for d, n, when in result.kept]
        makers = [{"round": m.round_name, "round_uuid": m.round_uuid, "maker": m.maker,
                   "maker_device": m.maker_device, "maker_forms": m.maker_forms,
                   "others": [{"device": o.device_id, "forms": o.forms,
                               "standing": o.standing} for o in m.others]}
                  for m in result.makers]
        relayed = [{"device": d, "relayer": r, "sequence": n, "imported": when}
                   for d, r, n, when in result.relayed]
        print(json.dumps({**report.as_json(), "analysis": analysis,
                          "restored_copy_branches": branches, "relayed_branches": relayed,
                          "round_origins": rounds,
                          "kept_copies": kept, "round_makers": makers}, sort_keys=True))
    else:
        _print_check(args, result)
    lang = user_language()
    for finding in report.findings:
        show(f"riskmap: {finding.text(lang)}", file=sys.stderr)
    return 0 if result.ok else 1


def _analysis(result, lang: str) -> str:
    """The analysis line's value: what --repair did, then the snapshot's status."""
    status = error_message(result.snapshot.key, lang, **result.snapshot.params)
    if result.repaired is None:
        return status
    return error_message("out.check_analysis_rebuilt", lang, n=result.repaired) + status


def _print_check(args: argparse.Namespace, result) -> None:
    report = result.report
    none = line("out.check_none")
    by_status = ", ".join(line(f"out.check_status_{s}", n=n) if f"out.check_status_{s}"
                          in COMMAND_MESSAGES else f"{n} {s}"
                          for s, n in sorted(report.forms_by_status.items())) or none
    say("out.check_database", value=args.db)
    say("out.check_forms", value=f"{report.live_forms} ({by_status})")
    say("out.check_rounds", value=report.rounds)
    if result.origins[0] or result.shared:  # a database bundles came into (an HQ)
        say("out.check_round_origins", known=result.origins[0], here=result.origins[1])
    for shared in result.shared:  # a second laptop HQ allowed into a round: never unseen
        say("out.round_shared", round=shared.round_name, device=shared.device_id,
            owner=shared.owner or line("out.round_origin_unknown"),
            allowed=shared.allowed[:19].replace("T", " "), by=shared.allowed_by,
            reason=f" ({shared.reason})" if shared.reason else "")
    _print_makers(result.makers)
    say("out.check_audit_rows", value=report.audit_rows)
    say("out.check_questionnaires", value=", ".join(report.questionnaires) or none)
    older = line("out.check_older") if result.file_version < report.schema_version else ""
    say("out.check_schema", value=result.file_version, expected=report.schema_expected,
        older=older)
    say("out.check_journal", value=report.journal_mode.upper())
    which = line("out.check_integrity_quick" if report.page_check == "quick_check"
                 else "out.check_integrity_full")
    value = (line("out.check_integrity_ok", which=which) if report.integrity == "ok"
             else line("out.check_integrity_failed", which=which, detail=report.integrity))
    say("out.check_integrity", value=value)
    say("out.check_foreign_keys", value=line("out.check_fk_errors", n=report.foreign_key_errors)
        if report.foreign_key_errors else line("out.check_fk_ok"))
    say("out.check_audit_chain", value=line(_CHAIN[report.audit_chain]))
    for device, sequence, imported in result.branches:  # accepted, never unseen
        say("out.restored_copy_branch", device=device, sequence=sequence,
            imported=imported[:19].replace("T", " "))
    say_relayed_branches(result.relayed)
    for device, sequence, decided in result.kept:  # HQ's choice of a copy, never unseen
        say("out.copy_kept_line", device=device, sequence=sequence,
            decided=decided[:19].replace("T", " "))
    say("out.check_devices", value=report.devices)
    say("out.check_analysis", value=_analysis(result, user_language()))
    say("out.check_result", value=line("out.check_ok" if result.ok else "out.check_problems"))


def say_relayed_branches(relayed: list) -> None:
    """One line per relayed device's branch the chain accepts (never unseen)."""
    for device, relayer, sequence, imported in relayed:
        say("out.relayed_branch_line", device=device, relayer=relayer, sequence=sequence,
            imported=imported[:19].replace("T", " "))


_CHAIN = {"ok": "out.check_chain_ok", "broken": "out.check_chain_broken",
          "not checked": "out.check_chain_not_checked"}


def _print_makers(makers: list) -> None:
    """Rounds whose uuid names their maker: a count, then a line for each round whose
    maker has not sent a bundle yet or that holds other devices' forms (at most
    MAKER_ROUNDS_SHOWN; --json lists them all)."""
    if not makers:
        return
    from ..domain.maker_messages import MAKER_ROUNDS_SHOWN
    from ..services.device_service import display_fingerprint
    notable = [m for m in makers if m.notable]
    say("out.check_round_makers", n=len(makers),
        sent=sum(m.maker_device is not None for m in makers),
        alone=len(makers) - len(notable))
    for made in notable[:MAKER_ROUNDS_SHOWN]:
        maker = made.maker_device or line(
            "out.maker_unsent", fingerprint=display_fingerprint(made.maker),
            name=f" ({made.maker_name})" if made.maker_name else "")
        others = "; ".join(line(f"out.maker_other_{o.standing}", device=o.device_id,
                                forms=o.forms) for o in made.others)
        say("out.maker_round", round=made.round_name, maker=maker,
            others=others or line("out.maker_no_others"))
    if len(notable) > MAKER_ROUNDS_SHOWN:
        say("out.maker_more", n=len(notable) - MAKER_ROUNDS_SHOWN)
