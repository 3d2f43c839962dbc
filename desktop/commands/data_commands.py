"""`riskmap data` (labelled CSV, XLSX, Stata and SPSS files for analysts, protected by the
re-identification guard) and `riskmap query` (read-only SQL)."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from ..domain.plain_names import printable
from . import CommandError, line, say

QUERY_EXAMPLES = """examples:
  riskmap query --db project.db "SELECT status, COUNT(*) AS forms FROM response GROUP BY status"
  riskmap query --db project.db --csv "SELECT d.name AS round, r.form_number, a.value
      FROM answer a JOIN response r ON r.uuid = a.response_uuid
      JOIN round d ON d.uuid = r.round_uuid WHERE a.question_id = 'r01_likelihood'"
  riskmap query --db project.db --json "SELECT time, operator, action FROM audit_log
      ORDER BY id DESC LIMIT 20"
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    data = subparsers.add_parser(
        "data", help="labelled data files for analysts (CSV, XLSX, Stata, SPSS)",
        description="One row per live form with labels, in CSV, XLSX, Stata .dta and SPSS "
        ".sav, protected by the re-identification guard (k-anonymity on the profile "
        "questions) and with a disclosure report beside the files.")
    data.add_argument("--db", required=True, type=Path)
    data.add_argument("--out", required=True, type=Path, help="folder for the files")
    data.add_argument("--format", default="csv,xlsx,dta,sav",
                      help="comma-separated: csv, xlsx, dta, sav (default: all four)")
    data.add_argument("--round", default="", help="only this collection round (its name)")
    data.add_argument("--lang", default="es", choices=("es", "en"),
                      help="language of the labels")
    data.add_argument("--k", type=int, default=None,
                      help="fewest rows any profile combination may have (default: the "
                      "project's minimum group size)")
    data.add_argument("--include-text", action="store_true",
                      help="add free-text answers (they can name people)")
    data.add_argument("--no-guard", action="store_true",
                      help="supervisors only: write without the guard; the files are named "
                      "UNPROTECTED and the export is recorded in the audit log")
    data.set_defaults(run=run_data)

    query = subparsers.add_parser(
        "query", help="read-only SQL on a project database",
        description="Run one read-only SQL statement (statements that write are refused).",
        epilog=QUERY_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    query.add_argument("--db", required=True, type=Path)
    query.add_argument("sql", metavar="SQL", help="one SELECT (or WITH ... SELECT) statement")
    style = query.add_mutually_exclusive_group()
    style.add_argument("--csv", action="store_true", help="CSV on standard output")
    style.add_argument("--json", action="store_true", help="a JSON array of objects")
    query.set_defaults(run=run_query)


def run_data(args: argparse.Namespace) -> int:
    from ..services.data_export import DataRequest, export_data
    if not args.db.exists():
        raise CommandError("db_missing", path=args.db)
    formats = tuple(f.strip().lower() for f in args.format.split(",") if f.strip())
    request = DataRequest(formats=formats, round_name=args.round, lang=args.lang, k=args.k,
                          include_text=args.include_text, guard=not args.no_guard)
    operator, device = _who(args.db) if args.no_guard else ("", "")
    if getattr(args, "signed_in", None) is not None:  # the supervisor who allowed it
        operator = args.signed_in.name
    # A DataRefused is a UserError: the command line shows it in the user's language.
    result = export_data(args.db, args.out, request, operator=operator, device=device)
    report = result.report
    state = (line("out.data_guarded", k=report.k, suppressed=report.total_suppressed,
                  before=report.unique_before, after=report.unique_after)
             if result.guarded else line("out.data_unguarded"))
    say("out.data", n=result.rows, path=args.out, state=state,
        files=", ".join(p.name for p in [*result.files, result.report_path]))
    return 0


def _who(db: Path) -> tuple[str, str]:
    """The person (system user) and the device id of this laptop's copy of the project,
    for the audit row."""
    import getpass

    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name: the audit row says so
        user = "?"
    from ..services.device_identity import project_device_key
    return user, project_device_key(db).device_id


def run_query(args: argparse.Namespace) -> int:
    from ..domain.cell_safety import neutralise
    from ..storage.sql_query import run_query as query
    if not args.db.exists():
        raise CommandError("db_missing", path=args.db)
    columns, rows = query(args.db, args.sql)  # QueryRefused: a sentence for the user
    out = sys.stdout
    if args.csv:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([neutralise(c) for c in columns])
        for row in rows:
            writer.writerow([v if isinstance(v, (int, float)) else neutralise(v)
                             for v in row.values()])
    elif args.json:
        out.write("[")
        for i, row in enumerate(rows):
            out.write(("," if i else "") + "\n  " + json.dumps(row, ensure_ascii=False,
                                                                default=str))
        out.write("\n]\n")
    else:
        _print_table(columns, [list(row.values()) for row in rows], out)
    return 0


def _print_table(columns: list[str], rows: list[list], out) -> None:
    cells = [[("" if v is None else printable(str(v))) for v in row] for row in rows]
    columns = [printable(c) for c in columns]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    out.write("  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for row in cells:
        out.write("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() + "\n")
    out.write((line("out.one_row") if len(rows) == 1 else line("out.rows", n=len(rows)))
              + "\n")
