"""`riskmap devices keep-copy`: HQ's decision about which copy of a device's project a post
keeps, on one held bundle (services/copy_keeper.py). Without --yes it only says what it
would do; with --yes it does it (audited, supervisors only where the project has
operators)."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import CommandError, existing_file, say


def add_keep_copy(actions: argparse._SubParsersAction) -> None:
    """The `keep-copy` action of `riskmap devices`."""
    keep = actions.add_parser(
        "keep-copy", help="the post keeps the copy of a device's project that made this "
                          "held bundle: HQ follows that copy from this bundle on")
    keep.add_argument("--db", required=True, type=Path)
    keep.add_argument("--identity", required=True, type=Path, metavar="FILE",
                      help="HQ's age identity (as for `riskmap import`)")
    keep.add_argument("bundle", type=Path, metavar="BUNDLE",
                      help="the held bundle of the copy the post keeps")
    keep.add_argument("--reason", default="", help="why (kept in the audit log)")
    keep.add_argument("--yes", action="store_true",
                      help="do it (without it: only say what it would do)")
    keep.set_defaults(run=run_keep_copy)


def run_keep_copy(args: argparse.Namespace) -> int:
    from ..services.copy_keeper import keep_copy
    if not args.db.exists():
        raise CommandError("db_missing", path=args.db)
    existing_file(args.identity)
    existing_file(args.bundle)
    signed_in = getattr(args, "signed_in", None)
    # A CopyKeepRefused or a bundle's refusal is a UserError: said in the user's language.
    choice = keep_copy(args.db, args.identity, args.bundle, args.reason,
                       signed_in.name if signed_in is not None else "analyst", do=args.yes)
    report = choice.report
    counts = dict(new=report.new, updated=report.updated, unchanged=report.unchanged,
                  conflicting=report.conflicting)
    if choice.done:
        say("out.copy_kept", device=choice.device_id, sequence=choice.sequence, **counts)
        return 0
    if choice.current is not None:
        say("out.copy_keep_now", device=choice.device_id, current=choice.current[0],
            imported=_when(choice.current[1]))
    say("out.copy_keep_would", sequence=choice.sequence, bundle=choice.file_name,
        created=_when(choice.created))
    say("out.copy_keep_forms", **counts)
    if choice.branches:
        say("out.copy_keep_branch")
    say("out.copy_keep_ask")
    return 0


def _when(text: str) -> str:
    """A stored UTC time as people read it (to the second)."""
    return str(text)[:19].replace("T", " ")
