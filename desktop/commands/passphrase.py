"""The team passphrase on the command line: one helper used by every command with --db.

The passphrase comes from `--passphrase-file FILE` (its first line) or the
`RISKMAP_PASSPHRASE` environment variable, as restic and borg take theirs; never from an
argument (it would show in the process list and the shell history). Before a command runs,
`prepare_database` unlocks its encrypted --db (or, for a command that creates one,
makes a new key and its key file), so the command itself opens the database by path.
A plaintext project made by an older version opens as it is.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from . import CommandError, read_secret_file

ENV_VAR = "RISKMAP_PASSPHRASE"
# Commands that create their --db when it does not exist (encrypted with the passphrase).
CREATING = ("init", "demo", "import", "devices")


def add_passphrase_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--passphrase-file", type=Path, metavar="FILE",
                        help=f"file whose first line is the team passphrase (or set {ENV_VAR})")


def add_to_every_db_command(parser: argparse.ArgumentParser) -> None:
    """Give every (sub)command that takes --db the --passphrase-file option."""
    for action in parser._actions:  # noqa: SLF001 - argparse keeps subparsers only here
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            for sub in set(action.choices.values()):
                add_to_every_db_command(sub)
    options = {option for action in parser._actions for option in action.option_strings}  # noqa: SLF001
    if "--db" in options and "--passphrase-file" not in options:
        add_passphrase_option(parser)


def passphrase_from(args: argparse.Namespace) -> str | None:
    """The passphrase from --passphrase-file or the environment, or None."""
    path = getattr(args, "passphrase_file", None)
    if path is not None:
        return read_secret_file(path, "passphrase.not_text", "passphrase.unreadable")
    return os.environ.get(ENV_VAR)


def required_passphrase(args: argparse.Namespace) -> str:
    """The passphrase, or one sentence saying how to give it."""
    passphrase = passphrase_from(args)
    if not passphrase:
        raise CommandError("passphrase.needed", path=args.db, var=ENV_VAR)
    return passphrase


def prepare_database(args: argparse.Namespace) -> Path | None:
    """Unlock the --db of a command (or make the key of a database it creates). Returns the
    key file made here, so the caller can remove it when the command fails."""
    from ..domain.user_error import user_language
    from ..services import db_keys
    db = getattr(args, "db", None)
    if not isinstance(db, Path) or getattr(args, "unlock", True) is False:
        return None
    exists = db.exists()  # an empty file too: the command says what is wrong with it
    if db_keys.is_encrypted(db) and exists:
        try:
            db_keys.unlock(db, required_passphrase(args))
        except db_keys.WrongPassphrase as exc:
            raise CommandError("passphrase.wrong", path=db) from exc
        return None
    if exists or args.command not in CREATING:
        return None  # a plaintext project, or the command says the file is missing
    passphrase = required_passphrase(args)
    problem = db_keys.passphrase_problem(passphrase, user_language())
    if problem:
        raise CommandError("passphrase.weak_new_project", problem=problem)
    if db_keys.keys_path(db).exists():
        raise CommandError("passphrase.orphan_keys", keys=db_keys.keys_path(db), path=db)
    db.parent.mkdir(parents=True, exist_ok=True)
    db_keys.create_keys(db, passphrase, _escrow(args))
    return db_keys.keys_path(db)


def _escrow(args: argparse.Namespace) -> list[str]:
    from ..bundle.errors import BundleError
    from ..services.keys_service import recipients_from_argument
    recipients: list[str] = []
    for value in getattr(args, "escrow", None) or []:
        try:
            recipients += [str(r) for r in recipients_from_argument(value)]
        except BundleError as exc:
            raise CommandError("passphrase.bad_escrow", value=value) from exc
    return recipients
