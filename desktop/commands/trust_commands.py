"""`riskmap devices list|trust|revoke|allow|keep-copy` and `riskmap questionnaire
list|adopt`: what HQ vouches for (the laptops it enrolled, the questionnaire version it
adopted)."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import CommandError, line, say, show


def register(subparsers: argparse._SubParsersAction) -> None:
    devices = subparsers.add_parser("devices", help="HQ's register of enrolled laptops")
    sub = devices.add_subparsers(dest="devices_command", metavar="ACTION", required=True)
    listing = sub.add_parser("list", help="enrolled and revoked devices")
    listing.add_argument("--db", required=True, type=Path)
    listing.set_defaults(run=run_list)
    trust = sub.add_parser("trust", help="enrol a laptop by its fingerprint")
    trust.add_argument("--db", required=True, type=Path)
    trust.add_argument("fingerprint", metavar="FINGERPRINT",
                       help="as `riskmap keys device` prints it on the laptop")
    trust.add_argument("--name", default="", metavar="LABEL", help="a name for the laptop")
    trust.set_defaults(run=run_trust)
    revoke = sub.add_parser("revoke", help="refuse a laptop's later bundles")
    revoke.add_argument("--db", required=True, type=Path)
    revoke.add_argument("fingerprint", metavar="FINGERPRINT")
    revoke.add_argument("--reason", default="", help="why (kept in the audit log)")
    revoke.set_defaults(run=run_revoke)
    allow = sub.add_parser("allow", help="let a second laptop of a team add forms to a round "
                                         "another device brought")
    allow.add_argument("--db", required=True, type=Path)
    allow.add_argument("device", metavar="DEVICE_ID", help="as the held bundle names it")
    allow.add_argument("--round", required=True, metavar="NAME", help="the round's name at HQ")
    allow.add_argument("--reason", default="", help="why (kept in the audit log)")
    allow.set_defaults(run=run_allow)
    from .copy_commands import add_keep_copy
    add_keep_copy(sub)

    from .questionnaire_commands import questionnaire_actions
    qsub = questionnaire_actions(subparsers)  # shared with `questionnaire add`
    qlist = qsub.add_parser("list", help="stored versions, the adopted one marked")
    qlist.add_argument("--db", required=True, type=Path)
    qlist.set_defaults(run=run_questionnaire_list)
    adopt = qsub.add_parser("adopt", help="adopt a stored version for the project (audited)")
    adopt.add_argument("--db", required=True, type=Path)
    adopt.add_argument("sha256", metavar="SHA256_PREFIX")
    adopt.set_defaults(run=run_adopt)


def _open(path: Path, read_only: bool = False):
    from ..services.workspace import open_database
    if not path.exists():
        raise CommandError("db_missing", path=path)
    return open_database(path, read_only=read_only)


def run_list(args: argparse.Namespace) -> int:
    from ..services.device_service import display_fingerprint, list_devices
    from ..services.round_origin import shared_rounds
    from ..storage import bundle_store, device_store
    from .project_commands import say_relayed_branches
    db = _open(args.db, read_only=True)  # listing never writes
    try:
        rows = list_devices(db)
        branches = bundle_store.recorded_branches(db.conn)
        relayed = bundle_store.relayed_branch_records(db.conn)
        kept = bundle_store.kept_copies(db.conn)
        allowed: dict[str, list] = {}  # device id -> the rounds HQ allowed it into
        for shared in shared_rounds(db.conn):
            allowed.setdefault(shared.device_id, []).append(shared)
        for d in rows:
            state = (line("out.device_revoked", revoked=d.revoked, by=d.revoked_by)
                     if not d.active else line("out.device_enrolled"))
            forms = device_store.forms_of_device(db.conn, d.device_id) if d.device_id else 0
            say("out.device_row", fingerprint=display_fingerprint(d.fingerprint),
                device=d.device_id or line("out.no_bundle_yet"), name=d.name or "-",
                state=state, enrolled=d.enrolled, forms=forms)
            _say_allowed(allowed.pop(d.device_id, []) if d.device_id else [])
        for device_id, rounds in sorted(allowed.items()):  # allowed before its first bundle
            say("out.device_allowed_unlisted", device=device_id)
            _say_allowed(rounds)
        series = _incomplete_series(db)
    finally:
        db.close()
    for device, sequence, imported in branches:  # a restored copy's, never unseen
        say("out.restored_copy_branch", device=device, sequence=sequence,
            imported=imported[:19].replace("T", " "))
    say_relayed_branches(relayed)
    for device, sequence, decided in kept:  # HQ's choice of a copy, never unseen
        say("out.copy_kept_line", device=device, sequence=sequence,
            decided=decided[:19].replace("T", " "))
    for sentence in series:
        show(sentence)
    if not rows:
        say("out.no_devices")
    return 0


def _say_allowed(rounds: list) -> None:
    """One line per round HQ allowed a device into (when, by whom, why)."""
    for shared in rounds:
        say("out.device_allowed_in", round=shared.round_name,
            owner=shared.owner or line("out.round_origin_unknown"),
            allowed=shared.allowed[:19].replace("T", " "), by=shared.allowed_by,
            reason=f" ({shared.reason})" if shared.reason else "")


def _incomplete_series(db) -> list[str]:
    """One sentence per bundle series HQ still waits for parts of (user's language)."""
    from ..domain.user_error import user_language
    from ..services.bundle_series import status_lines
    return status_lines(db.conn, user_language())


def run_trust(args: argparse.Namespace) -> int:
    from ..services.device_service import display_fingerprint, trust_device
    db = _open(args.db) if args.db.exists() else _create(args.db)
    made: list = []  # rounds HQ holds that this laptop made (services/round_makers.py)
    try:  # a DeviceRefused is a UserError: shown in the user's language
        device = trust_device(db, args.fingerprint, args.name, *_by(args), made=made)
    finally:
        db.close()
    say("out.enrolled", fingerprint=display_fingerprint(device.fingerprint),
        name=f" ({device.name})" if device.name else "")
    for found in made:
        if found.brought_by:
            say("out.round_maker_taken", round=found.round_name, brought=found.brought_by,
                forms=found.forms_of_bringer)
        else:
            say("out.round_maker_found", round=found.round_name)
    return 0


def _by(args: argparse.Namespace) -> tuple[str, ...]:
    """The signed-in supervisor's name for the audit row (commands/operator_commands.py),
    or nothing (the service's default) on a project without operators."""
    signed_in = getattr(args, "signed_in", None)
    return (signed_in.name,) if signed_in is not None else ()


def _create(path: Path):
    from ..services.workspace import open_database
    return open_database(path)


def run_revoke(args: argparse.Namespace) -> int:
    from ..services.device_service import display_fingerprint, revoke_device
    db = _open(args.db)
    try:  # a DeviceRefused is a UserError: shown in the user's language
        device, kept = revoke_device(db, args.fingerprint, args.reason, *_by(args))
    finally:
        db.close()
    say("out.revoked", fingerprint=display_fingerprint(device.fingerprint), kept=kept)
    return 0


def run_allow(args: argparse.Namespace) -> int:
    from ..services.round_origin import allow_device
    db = _open(args.db)
    try:  # a RoundAllowRefused is a UserError: shown in the user's language
        allowed = allow_device(db, args.device, args.round, args.reason, *_by(args))
    finally:
        db.close()
    say("out.round_allowed", device=allowed.device_id, round=allowed.round_name,
        owner=allowed.owner or line("out.round_origin_unknown"))
    return 0


def run_questionnaire_list(args: argparse.Namespace) -> int:
    from ..services.questionnaire_service import versions
    db = _open(args.db, read_only=True)  # listing never writes
    try:
        adopted = line("out.adopted_mark")
        for v in versions(db):
            mark = adopted if v["adopted"] else " " * len(adopted)
            say("out.version_row", mark=mark, sha=v["sha256"][:12], id=v["id"],
                version=v["version"], added=v["added"])
    finally:
        db.close()
    return 0


def run_adopt(args: argparse.Namespace) -> int:
    from ..domain.questionnaire_loader import QuestionnaireError
    from ..services.questionnaire_service import adopt
    db = _open(args.db)
    try:  # an AdoptRefused is a UserError: shown in the user's language
        chosen = adopt(db, args.sha256, *_by(args))
    except QuestionnaireError as exc:
        raise CommandError("adopt.invalid", problem=exc.problems[0]) from exc
    finally:
        db.close()
    say("out.adopted", id=chosen["id"], version=chosen["version"], sha=chosen["sha256"][:12],
        path=args.db)
    return 0
