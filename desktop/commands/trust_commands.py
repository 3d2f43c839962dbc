"""`riskmap devices list|trust|revoke` and `riskmap questionnaire list|adopt`: what HQ
vouches for (the laptops it enrolled, the questionnaire version it adopted)."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import CommandError


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
    from ..storage import device_store
    db = _open(args.db, read_only=True)  # listing never writes
    try:
        rows = list_devices(db)
        for d in rows:
            state = (f"REVOKED {d.revoked} by {d.revoked_by}: its forms are kept, marked as "
                     "from a revoked device" if not d.active else "enrolled")
            forms = device_store.forms_of_device(db.conn, d.device_id) if d.device_id else 0
            print(f"{display_fingerprint(d.fingerprint)}  {d.device_id or '(no bundle yet)'}  "
                  f"{d.name or '-'}  {state} (enrolled {d.enrolled}; {forms} forms at HQ "
                  "keyed on it)")
        series = _incomplete_series(db)
    finally:
        db.close()
    for line in series:
        print(line)
    if not rows:
        print("No device is enrolled; enrol one with `riskmap devices trust`.")
    return 0


def _incomplete_series(db) -> list[str]:
    """One sentence per bundle series HQ still waits for parts of (user's language)."""
    from ..domain.user_error import user_language
    from ..services.bundle_series import status_lines
    return status_lines(db.conn, user_language())


def run_trust(args: argparse.Namespace) -> int:
    from ..services.device_service import display_fingerprint, trust_device
    db = _open(args.db) if args.db.exists() else _create(args.db)
    try:  # a DeviceRefused is a UserError: shown in the user's language
        device = trust_device(db, args.fingerprint, args.name)
    finally:
        db.close()
    print(f"Enrolled {display_fingerprint(device.fingerprint)}"
          f"{' (' + device.name + ')' if device.name else ''}: its bundles can be imported.")
    return 0


def _create(path: Path):
    from ..services.workspace import open_database
    return open_database(path)


def run_revoke(args: argparse.Namespace) -> int:
    from ..services.device_service import display_fingerprint, revoke_device
    db = _open(args.db)
    try:  # a DeviceRefused is a UserError: shown in the user's language
        device, kept = revoke_device(db, args.fingerprint, args.reason)
    finally:
        db.close()
    print(f"Revoked {display_fingerprint(device.fingerprint)}: its later bundles are refused; "
          f"the {kept} forms keyed on it stay at HQ, marked as from a revoked device.")
    return 0


def run_questionnaire_list(args: argparse.Namespace) -> int:
    from ..services.questionnaire_service import versions
    db = _open(args.db, read_only=True)  # listing never writes
    try:
        for v in versions(db):
            mark = "adopted" if v["adopted"] else "       "
            print(f"{mark}  {v['sha256'][:12]}  {v['id']} {v['version']}  (added {v['added']})")
    finally:
        db.close()
    return 0


def run_adopt(args: argparse.Namespace) -> int:
    from ..domain.questionnaire_loader import QuestionnaireError
    from ..services.questionnaire_service import adopt
    db = _open(args.db)
    try:  # an AdoptRefused is a UserError: shown in the user's language
        chosen = adopt(db, args.sha256)
    except QuestionnaireError as exc:
        raise CommandError("adopt.invalid", problem=exc.problems[0]) from exc
    finally:
        db.close()
    print(f"Adopted {chosen['id']} {chosen['version']} ({chosen['sha256'][:12]}) for "
          f"{args.db}.")
    return 0
