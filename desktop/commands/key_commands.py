"""`riskmap keys recover|db-key|passphrase`: the database key of an encrypted project.

`recover` is HQ's way back in when the team forgot its passphrase: HQ's escrow identity
unwraps the key and a new passphrase (read like any other: --passphrase-file or
RISKMAP_PASSPHRASE) wraps it again. `db-key` prints the raw key as x'HEX' for opening the
file in another SQLCipher 4 client (HQ audits). `passphrase` sets a new passphrase.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from . import CommandError, existing_file, say
from .passphrase import add_passphrase_option, passphrase_from


def register(subparsers: argparse._SubParsersAction) -> None:
    keys = subparsers.choices["keys"]
    actions = next(a for a in keys._actions  # noqa: SLF001 - the `keys` subcommands
                   if isinstance(a, argparse._SubParsersAction))  # noqa: SLF001
    recover = actions.add_parser("recover", help="set a new passphrase with HQ's escrow key")
    recover.add_argument("--db", required=True, type=Path)
    recover.add_argument("--identity", required=True, type=Path,
                         help="the HQ age identity file the key was escrowed to")
    add_passphrase_option(recover)
    recover.set_defaults(run=run_recover, unlock=False)

    db_key = actions.add_parser("db-key", help="print the raw database key as x'HEX'")
    db_key.add_argument("--db", required=True, type=Path)
    db_key.add_argument("--identity", type=Path,
                        help="use an HQ escrow identity instead of the passphrase")
    add_passphrase_option(db_key)
    db_key.set_defaults(run=run_db_key, unlock=False)

    change = actions.add_parser("passphrase", help="wrap the database key to a new passphrase")
    change.add_argument("--db", required=True, type=Path)
    change.add_argument("--new-passphrase-file", required=True, type=Path, metavar="FILE")
    change.set_defaults(run=run_change)


def _existing(db: Path) -> None:
    from ..services import db_keys
    if not db.exists():
        raise CommandError("db_missing", path=db)
    if not db_keys.keys_path(db).exists():
        raise CommandError("keys.not_encrypted", path=db, keys=db_keys.keys_path(db).name)


def _new_passphrase(args: argparse.Namespace, text: str | None) -> str:
    from ..domain.user_error import user_language
    from ..services import db_keys
    if not text:
        raise CommandError("keys.no_new_passphrase")
    problem = db_keys.passphrase_problem(text, user_language())
    if problem:
        raise CommandError("keys.weak_new", problem=problem)
    return text


def run_recover(args: argparse.Namespace) -> int:
    from ..services import db_keys
    _existing(args.db)
    existing_file(args.identity)
    new = _new_passphrase(args, passphrase_from(args))
    key = db_keys.unlock_with_identity(args.db, args.identity)  # WrongPassphrase: a sentence
    db_keys.set_passphrase(args.db, key, new)
    say("out.passphrase_set", path=args.db)
    return 0


def run_db_key(args: argparse.Namespace) -> int:
    from ..services import db_keys
    from .passphrase import required_passphrase
    _existing(args.db)
    if args.identity is not None:  # WrongPassphrase: one sentence in the user's language
        existing_file(args.identity)
        key = db_keys.unlock_with_identity(args.db, args.identity)
    else:
        key = db_keys.unlock(args.db, required_passphrase(args))
    print(db_keys.sql_key_literal(key))
    return 0


def run_change(args: argparse.Namespace) -> int:
    from ..services import db_keys
    from .passphrase import passphrase_from as read
    _existing(args.db)
    new = _new_passphrase(args, read(argparse.Namespace(passphrase_file=args.new_passphrase_file)))
    key = db_keys.unlock(args.db, passphrase_from(args) or "")
    db_keys.set_passphrase(args.db, key, new)
    say("out.passphrase_set", path=args.db)
    return 0
