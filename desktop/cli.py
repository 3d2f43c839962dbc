"""The command line: `python main.py`, `python -m desktop` and `riskmap` all land here.

No subcommand starts the desktop app; subcommands serve scripts, HQ and tests. Bad input
gives one clear line on stderr and exit code 2; nothing is half-written because every
command writes through transactions or temporary files.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from . import APP_NAME, __version__
from .commands import CommandError

# Modules under desktop.commands that add subcommands (see desktop/commands/__init__.py).
COMMAND_MODULES = ["project_commands", "bundle_commands", "report_commands", "key_commands"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="riskmap", description=f"{APP_NAME}: key, verify, chart and send survey forms. "
        "Without a subcommand the desktop app starts.")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("--db", help="database to open in the desktop app")
    parser.add_argument("--selftest", action="store_true",
                        help="run the built-in self-test offscreen and exit")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"desktop.commands.{name}").register(subparsers)
    from .commands.passphrase import add_to_every_db_command
    add_to_every_db_command(parser)  # after every module: each --db command reads it
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.selftest:  # the self-test keeps everything in its temporary folder
        from .services.logging_setup import configure_logging
        configure_logging()
    if args.command is None:
        if args.selftest:
            from .selftest import run_selftest
            return run_selftest()
        from .ui.app import run_app
        return run_app(args.db)
    made_keys = None
    try:
        from .commands.passphrase import prepare_database
        made_keys = prepare_database(args)
        return int(args.run(args) or 0)
    except CommandError as exc:
        print(f"riskmap: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - every known failure becomes one line
        logging.getLogger(__name__).exception("command %s failed", args.command)
        return _report(exc)
    finally:
        if made_keys is not None and not args.db.exists():
            made_keys.unlink(missing_ok=True)  # the database was never made


def _report(exc: Exception) -> int:
    from .domain.questionnaire_loader import QuestionnaireError
    from .storage.database import DatabaseError
    from .storage.migrations import SchemaTooNewError
    if isinstance(exc, QuestionnaireError):
        print(f"riskmap: {exc.problems[0]} ({len(exc.problems)} problem(s) in the "
              "questionnaire; run with a fixed file)", file=sys.stderr)
        for problem in exc.problems[1:]:
            print(f"  {problem}", file=sys.stderr)
        return 2
    if isinstance(exc, (DatabaseError, SchemaTooNewError, OSError)):
        print(f"riskmap: {exc}", file=sys.stderr)
        return 2
    raise exc


if __name__ == "__main__":
    sys.exit(main())
