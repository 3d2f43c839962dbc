"""The command line: `python main.py`, `python -m desktop` and `riskmap` all land here.

No subcommand starts the desktop app; subcommands serve scripts, HQ and tests. Bad input
and every failure a user can meet (a damaged or foreign file, a read-only disk, a full disk,
a locked database) give one sentence on stderr in the user's language (RISKMAP_LANG or
LANG) and exit code 2; the technical detail goes to the log file. An unexpected exception
is logged with its traceback and the screen shows one line naming the log file. Nothing is
half-written because every command writes through transactions or temporary files.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from . import APP_NAME, __version__

# Modules under desktop.commands that add subcommands (see desktop/commands/__init__.py).
COMMAND_MODULES = ["project_commands", "bundle_commands", "report_commands", "form_commands",
                   "print_commands", "trust_commands", "data_commands",
                   "questionnaire_commands", "key_commands", "operator_commands"]


def build_parser() -> argparse.ArgumentParser:
    from .commands.usage_errors import Parser
    parser = Parser(
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
    from .commands.operator_commands import add_operator_options
    add_operator_options(parser)  # --operator/--pin-file where a supervisor is needed
    from .commands.help_language import localise_help
    from .domain.user_error import user_language
    localise_help(parser, user_language())  # --help in RISKMAP_LANG (or LANG)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    finally:
        if argv is None:  # the program itself, not a test or the self-test calling in
            from .commands.interrupts import ignore_from_now_on
            ignore_from_now_on()  # a late Ctrl+C must not kill the shutdown


def _main(argv: list[str] | None) -> int:
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
        from .commands.operator_commands import check_operator
        check_operator(args)  # a supervisor's PIN for commands that change settings
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        from .commands import line
        print(f"riskmap: {line('out.interrupted')}", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - every failure becomes one line
        return report_failure(exc, args.command, getattr(args, "db", None))
    finally:
        if made_keys is not None and not args.db.exists():
            made_keys.unlink(missing_ok=True)  # the database was never made


def report_failure(exc: BaseException, command: str = "", path: object = None) -> int:
    """Print the one sentence for `exc` on stderr and return the exit code (2). A failure
    nobody foresaw is logged with its traceback; the screen names the log file."""
    from .commands import show
    from .domain.questionnaire_loader import QuestionnaireError
    from .domain.user_error import UserError, is_database_error, translate, user_language
    lang = user_language()
    log = logging.getLogger(__name__)
    if isinstance(exc, QuestionnaireError):
        log.warning("command %s: questionnaire refused: %s", command, exc)
        from .domain.phrase import said
        error = UserError("questionnaire_bad", problem=exc.problems[0], n=len(exc.problems))
        show(f"riskmap: {error.in_language(lang)}", file=sys.stderr)
        for problem in exc.problems[1:]:
            show(f"  {said(problem, lang)}", file=sys.stderr)
        return 2
    # SQLite's errors do not say which file: the --db one (other errors name their own)
    error = translate(exc, path if is_database_error(exc) else None)
    if error is None:
        from .services.paths import log_path
        log.error("command %s failed unexpectedly", command, exc_info=exc)
        error = UserError("unexpected", log=log_path())
    else:
        log.warning("command %s: %s", command, error.log_text())
    show(f"riskmap: {error.in_language(lang)}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
