"""`riskmap keys hq-init`, `riskmap export` and `riskmap import`: bundles to and from HQ."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import CommandError, existing_file, line, say, show


def register(subparsers: argparse._SubParsersAction) -> None:
    keys = subparsers.add_parser("keys", help="headquarters keys for bundles")
    keys_sub = keys.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    hq_init = keys_sub.add_parser("hq-init", help="make the HQ age identity and recipient")
    hq_init.add_argument("--out", required=True, type=Path, help="folder for the key files")
    hq_init.set_defaults(run=run_hq_init)
    device = keys_sub.add_parser("device", help="the device id and fingerprint of this "
                                 "laptop's copy of a project (for HQ to enrol it)")
    device.add_argument("--db", required=True, type=Path,
                        help="the project (its device key is kept inside its database)")
    device.add_argument("--plaintext-ok", action="store_true",
                        help="write the key even into a plaintext project (from an older "
                             "version) that has none yet")
    device.set_defaults(run=run_keys_device)

    export = subparsers.add_parser("export", help="write an encrypted, signed bundle for HQ")
    export.add_argument("--db", required=True, type=Path)
    export.add_argument("--to", required=True, action="append", metavar="RECIPIENT_OR_FILE",
                        help="an age1... recipient or a file of them (may be repeated)")
    export.add_argument("--out", required=True, type=Path, help="folder for the bundle")
    export.add_argument("--all", action="store_true",
                        help="every form, not only what changed since the last export")
    export.add_argument("--plaintext-ok", action="store_true",
                        help="make the device key even inside a plaintext project (from an "
                             "older version) that has none yet")
    export.set_defaults(run=run_export)

    imp = subparsers.add_parser("import", help="merge bundles into the HQ database")
    imp.add_argument("--db", required=True, type=Path)
    imp.add_argument("--identity", required=True, type=Path, help="HQ age identity file")
    imp.add_argument("bundles", nargs="+", type=Path, metavar="BUNDLE")
    imp.set_defaults(run=run_import)


def run_hq_init(args: argparse.Namespace) -> int:
    from ..services.keys_service import hq_init
    try:
        keys = hq_init(args.out)
    except FileExistsError as exc:
        raise CommandError("keys_exist", path=exc.filename or args.out) from exc
    say("out.hq_identity", path=keys.identity_path)
    say("out.hq_recipient", path=keys.recipient_path)
    print(keys.recipient)
    return 0


def _key_of(args: argparse.Namespace):
    """The project's own device key. A project without one gets (or takes over) one: in a
    plaintext file (an older project) only when asked with --plaintext-ok, since anyone
    who copies the file could then sign bundles as this enrolled laptop."""
    from ..services import db_keys
    from ..services.device_identity import has_device_key, project_device_key
    if db_keys.is_plaintext(args.db) and not args.plaintext_ok \
            and not has_device_key(args.db):
        raise CommandError("keys.device_plaintext", path=args.db)
    return project_device_key(args.db)


def run_keys_device(args: argparse.Namespace) -> int:
    from ..services import db_keys
    if not args.db.exists():
        raise CommandError("db_missing", path=args.db)
    plaintext = db_keys.is_plaintext(args.db)
    key = _key_of(args)
    say("out.device_id", value=key.device_id)
    say("out.fingerprint", value=key.fingerprint)
    say("out.enrol_with", fingerprint=key.fingerprint)
    if plaintext:
        say("out.device_key_plaintext", file=sys.stderr)
    return 0


def run_export(args: argparse.Namespace) -> int:
    from ..bundle.errors import BundleError
    from ..services.export_service import ExportRefused, export_bundle
    from ..services.keys_service import recipients_from_argument
    if not args.db.exists():
        raise CommandError("db_missing", path=args.db)
    try:
        recipients = [r for value in args.to for r in recipients_from_argument(value)]
        key = _key_of(args)  # the project's own, kept inside it
        result = export_bundle(args.db, key, recipients, args.out, full=args.all)
    except (BundleError, ExportRefused) as exc:
        raise CommandError(exc.in_language(), detail=exc.detail) from exc
    counts = result.manifest.counts
    if result.parts > 1:  # a series: every file must reach HQ
        say("export.wrote_parts", parts=result.parts, forms=result.forms, audit=result.audit,
            first=result.manifests[0].sequence, last=result.manifests[-1].sequence,
            device=result.manifest.device_id)
        for path in result.paths:
            show(f"  {path}")
        return 0
    say("out.exported", path=result.path, forms=counts["forms"], audit=counts["audit"],
        sequence=result.manifest.sequence, device=result.manifest.device_id)
    return 0


def _series_lines(db_path, bundle_uuids: list[str]) -> list[str]:
    """Where each bundle series these bundles belong to stands (user's language)."""
    if not bundle_uuids:
        return []
    from ..domain.user_error import user_language
    from ..services.bundle_series import status_lines
    from ..services.workspace import open_database
    db = open_database(db_path, read_only=True)
    try:
        return status_lines(db.conn, user_language(), bundle_uuids)
    finally:
        db.close()


def run_import(args: argparse.Namespace) -> int:
    from ..bundle.errors import BundleError
    from ..domain.number_ranges import runs_text
    from ..domain.user_error import user_language
    from ..services.import_service import import_bundles
    existing_file(args.identity)
    try:
        report = import_bundles(args.db, args.identity, args.bundles)
    except BundleError as exc:
        raise CommandError(exc.in_language(), detail=exc.detail) from exc
    for b in report.bundles:
        if b.status == "imported":
            gaps = (line("out.import_gaps", sequences=runs_text(b.gaps)) if b.gaps else "")
            say("out.imported", bundle_file=b.file_name, device=b.device_id, sequence=b.sequence,
                new=b.new, updated=b.updated, unchanged=b.unchanged,
                conflicting=b.conflicting, gaps=gaps)
            if b.branch_from:
                say("out.import_restored", device=b.device_id, sequence=b.sequence)
            for name, kept_as in b.rounds_again:
                say("out.import_round_again", name=name, kept_as=kept_as)
            for difference in b.questionnaire_differences:
                say("out.import_differs", difference=difference)
        else:
            show(f"{b.file_name}: {b.message_in(user_language())}",
                 file=sys.stdout if b.status == "replay" else sys.stderr)
    for sentence in _series_lines(args.db, [b.bundle_uuid for b in report.bundles
                                            if b.status == "imported"]):
        show(sentence)
    return 1 if report.refused or any(b.status == "held" for b in report.bundles) else 0
