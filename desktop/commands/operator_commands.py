"""`riskmap operators list|add|role|reset-pin|rename|deactivate|reactivate`, and the
supervisor check of the commands that change settings or bypass a protection.

Those commands (`data --no-guard`, `questionnaire adopt`, `devices trust|revoke`,
`keys passphrase` and the operator changes here) take `--operator NAME` (or
RISKMAP_OPERATOR) and the PIN from `--pin-file FILE` (its first line) or RISKMAP_PIN, never
from an argument (it would show in the process list). A missing or wrong PIN, or an
operator who is not a supervisor: one sentence, exit code 2, nothing done.

A project with no operator yet (made by a script at HQ, or before operators existed)
enforces no role, as in the window until its first sign-in: there is nobody whose rights
could be checked, and the team passphrase (needed to open the file at all) is the gate.
`riskmap operators add` on such a project creates its first supervisor.
"""

from __future__ import annotations

import argparse
import os
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from . import CommandError, line, read_secret_file, say

if TYPE_CHECKING:  # heavy imports happen inside handlers (`riskmap --version` stays instant)
    from ..services.operator_service import OperatorService

OPERATOR_VAR = "RISKMAP_OPERATOR"
PIN_VAR = "RISKMAP_PIN"
NEW_PIN_VAR = "RISKMAP_NEW_PIN"
# (command, action) pairs that need a supervisor; `data` only with --no-guard.
SUPERVISOR_COMMANDS = {("data", None), ("questionnaire", "adopt"), ("devices", "trust"),
                       ("devices", "revoke"), ("devices", "allow"), ("devices", "keep-copy"),
                       ("keys", "passphrase"), ("operators", "add"),
                       ("operators", "role"), ("operators", "reset-pin"),
                       ("operators", "rename"), ("operators", "deactivate"),
                       ("operators", "reactivate")}


def register(subparsers: argparse._SubParsersAction) -> None:
    operators = subparsers.add_parser("operators", help="who may sign in, with which role")
    actions = operators.add_subparsers(dest="operators_command", metavar="ACTION",
                                       required=True)

    def action(name: str, run, help: str, name_help: str | None = None,
               named: bool = True) -> argparse.ArgumentParser:
        """An action with its --db (and the --name of the operator it is about)."""
        parser = actions.add_parser(name, help=help)
        parser.add_argument("--db", required=True, type=Path)
        if named:
            parser.add_argument("--name", required=True, help=name_help)
        parser.set_defaults(run=run)
        return parser

    action("list", run_list, "operators of the project and their roles", named=False)
    add = action("add", run_add, "a new operator (the first one is the supervisor)",
                 "the new operator's name")
    add.add_argument("--role", default="keyer", choices=("keyer", "verifier", "supervisor"))
    add.add_argument("--new-pin-file", type=Path, metavar="FILE",
                     help=f"file whose first line is the new operator's PIN (or {NEW_PIN_VAR})")
    role = action("role", run_role, "change an operator's role")
    role.add_argument("--role", required=True, choices=("keyer", "verifier", "supervisor"))
    reset = action("reset-pin", run_reset, "give an operator a new PIN")
    reset.add_argument("--new-pin-file", type=Path, metavar="FILE")
    action("deactivate", run_deactivate, "the operator can no longer sign in "
           "(their forms keep their id)")
    rename = action("rename", run_rename, "give an active operator another name (their "
                    "forms keep the name they were keyed under)")
    rename.add_argument("--new-name", required=True, metavar="NAME")
    reactivate = action("reactivate", run_reactivate, "a deactivated operator may sign in "
                        "again, with the PIN they had")
    reactivate.add_argument("--id", dest="operator_id", metavar="ID",
                            help="which one, when several deactivated operators share the "
                                 "name (see `riskmap operators list`)")
    reactivate.add_argument("--new-name", metavar="NAME",
                            help="another name, when an active operator has theirs now")


def add_operator_options(parser: argparse.ArgumentParser) -> None:
    """--operator and --pin-file on every command that needs a supervisor (call after
    every module registered its commands)."""
    commands = _subparsers(parser)
    for command, action in SUPERVISOR_COMMANDS:
        sub = commands.get(command)
        if sub is not None and action is not None:
            sub = _subparsers(sub).get(action)
        if sub is None:
            continue
        sub.add_argument("--operator", metavar="NAME", default=None,
                         help=f"a supervisor's name (or {OPERATOR_VAR})")
        sub.add_argument("--pin-file", type=Path, metavar="FILE",
                         help=f"file whose first line is the supervisor's PIN (or {PIN_VAR})")


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:  # noqa: SLF001 - argparse keeps subparsers only here
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            return dict(action.choices)
    return {}


def needs_supervisor(args: argparse.Namespace) -> bool:
    command = getattr(args, "command", None)
    if command == "data":  # a --k below the minimum is settled once the project is open
        return bool(getattr(args, "no_guard", False)) or getattr(args, "k", None) is not None
    action = getattr(args, f"{command}_command", None) if command else None
    return (command, action) in SUPERVISOR_COMMANDS


def check_operator(args: argparse.Namespace) -> None:
    """Before a command runs: when it needs a supervisor and its project has operators,
    sign in with --operator and the PIN; sets `args.signed_in` (an Operator or None)."""
    args.signed_in = None
    if not needs_supervisor(args):
        return
    db = getattr(args, "db", None)
    if not isinstance(db, Path) or not db.exists():
        return  # the command says the file is missing (or makes a new project)
    from ..services.operator_service import OperatorService
    from ..services.workspace import open_database
    database = open_database(db, read_only=True)
    try:
        service = OperatorService(database)
        if not service.has_operators():
            return  # nobody has claimed the project: nothing to check (module docstring)
        lowered = _lowered_k(args, database)
        if lowered is None:
            return  # `data` with the guard at the project's minimum group size or above
        if _may_write(database):
            # A wrong PIN is remembered in the project, so running the command again does
            # not reset the wait (services/operator_service.py); a file that is current
            # needs no migration, so opening it for writing changes nothing else.
            database.close()
            database = open_database(db)
            service = OperatorService(database)
        name = args.operator or os.environ.get(OPERATOR_VAR, "")
        pin = _read_secret(args.pin_file, PIN_VAR)
        if not name or not pin:
            raise (CommandError("operator.k_below_min", var=PIN_VAR, **lowered) if lowered
                   else CommandError("operator.cli_needed", var=PIN_VAR))
        operator = service.sign_in(name, pin)  # OperatorRefused: one sentence
        if not operator.is_supervisor:
            raise (CommandError("operator.k_below_min_keyer", **lowered) if lowered
                   else CommandError("operator.not_supervisor"))
        args.signed_in = operator
    finally:
        database.close()


def _lowered_k(args: argparse.Namespace, database) -> dict | None:
    """For `data` with the guard on: {'k', 'min'} when --k is below the project's minimum
    group size (k = 1 protects nothing, as surely as --no-guard), None when it is not;
    {} for every other command (the supervisor check stands as it is)."""
    if getattr(args, "command", None) != "data" or getattr(args, "no_guard", False):
        return {}
    from ..storage.settings_store import get_setting
    minimum = int(get_setting(database.conn, "min_group_size") or 1)
    return {"k": args.k, "min": minimum} if 1 <= args.k < minimum else None


def _may_write(database) -> bool:
    """Whether a read-only open of a project may be reopened for writing without side
    effects: its file is at the current schema, and it and its folder are writable."""
    from ..storage.migrations import SCHEMA_VERSION
    path = database.path
    return (database.file_version == SCHEMA_VERSION and path is not None
            and os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


def _read_secret(path: Path | None, var: str) -> str:
    """The first line of `path`, or the environment variable `var`, or ''."""
    if path is None:
        return os.environ.get(var, "")
    return read_secret_file(path, "operator.pin_not_text", "operator.pin_unreadable")


@contextmanager
def _service(args: argparse.Namespace) -> Iterator[OperatorService]:
    """The operator service of the project `--db` names, acting as the signed-in operator
    (or "cli"), on a connection closed when the block ends."""
    from ..services.device_identity import project_device_key
    from ..services.form_service import Actor
    from ..services.operator_service import OperatorService
    from ..services.workspace import open_database
    if not args.db.exists():
        raise CommandError("db_missing", path=args.db)
    device = project_device_key(args.db).device_id  # this laptop's copy of the project
    db = open_database(args.db)
    signed_in = getattr(args, "signed_in", None)
    actor = Actor(signed_in.name, device, signed_in.id) if signed_in else Actor("cli", device)
    try:
        yield OperatorService(db, actor)
    finally:
        db.close()


def _named(service, name: str):
    from ..storage import operator_store
    row = operator_store.find_active(service.db.conn, name)
    if row is None:
        raise CommandError("operator.unknown")
    return row.id


def run_list(args: argparse.Namespace) -> int:
    from ..services.operator_service import OperatorService
    from ..services.workspace import open_database
    if not args.db.exists():
        raise CommandError("db_missing", path=args.db)
    db = open_database(args.db, read_only=True)
    try:
        operators = OperatorService(db).operators()
    finally:
        db.close()
    for op in operators:
        state = line("out.operator_active") if op.active else line("out.operator_inactive")
        print(f"{op.name}\t{op.role}\t{state}\t{op.id}")  # a table row, roles as --role
    if not operators:
        say("out.no_operators")
    return 0


def run_add(args: argparse.Namespace) -> int:
    pin = _read_secret(args.new_pin_file, NEW_PIN_VAR)
    with _service(args) as service:
        if service.has_operators():
            added = service.add(args.name, args.role, pin)
        else:
            added = service.create_first_supervisor(args.name, pin)
    say("out.operator_added", name=added.name, role=added.role)
    return 0


def run_role(args: argparse.Namespace) -> int:
    with _service(args) as service:
        changed = service.set_role(_named(service, args.name), args.role)
    say("out.operator_role", name=changed.name, role=changed.role)
    return 0


def run_reset(args: argparse.Namespace) -> int:
    pin = _read_secret(args.new_pin_file, NEW_PIN_VAR)
    with _service(args) as service:
        changed = service.reset_pin(_named(service, args.name), pin)
    say("out.operator_pin", name=changed.name)
    return 0


def run_deactivate(args: argparse.Namespace) -> int:
    with _service(args) as service:
        changed = service.deactivate(_named(service, args.name))
    say("out.operator_deactivated", name=changed.name)
    return 0


def run_rename(args: argparse.Namespace) -> int:
    with _service(args) as service:
        operator_id = _named(service, args.name)
        old = service.get(operator_id).name
        changed = service.rename(operator_id, args.new_name)
    say("out.operator_renamed", old=old, name=changed.name)
    return 0


def run_reactivate(args: argparse.Namespace) -> int:
    with _service(args) as service:
        changed = service.reactivate(_deactivated(service, args.name, args.operator_id),
                                     args.new_name)
    say("out.operator_reactivated", name=changed.name)
    return 0


def _deactivated(service, name: str, operator_id: str | None) -> str:
    """The id of the deactivated operator called `name` (`operator_id` picks one of
    several)."""
    key = " ".join(name.split()).casefold()
    found = [op for op in service.operators()
             if not op.active and op.name.casefold() == key
             and (operator_id is None or op.id == operator_id)]
    if not found:
        raise CommandError("operator.not_inactive", name=name)
    if len(found) > 1:
        raise CommandError("operator.several_inactive", n=len(found), name=name)
    return found[0].id
