"""Keys: HQ's age identity (`riskmap keys hq-init`), the recipients a laptop encrypts to
(stored in the project settings, so they travel with the database), and this device's
fingerprint. The field laptop only ever stores public recipients, never HQ's secret key.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path

from ..bundle import age_crypto
from ..bundle.errors import BundleError
from ..domain.atomic_files import new_folder, write_all
from ..domain.user_error import UserError
from .project import Project

RECIPIENTS_SETTING = "bundle_recipients"
IDENTITY_FILE = "hq-identity.txt"
RECIPIENT_FILE = "hq-recipient.txt"


@dataclass(frozen=True)
class HqKeys:
    identity_path: Path
    recipient_path: Path
    recipient: str


def hq_init(out_dir: str | Path) -> HqKeys:
    """Write a new HQ identity (0600, age-keygen format) and its recipient into `out_dir`,
    both or neither (a full disk leaves no empty identity to block the next try).
    Refuses to overwrite an existing identity."""
    folder = Path(out_dir)
    identity_path, recipient_path = folder / IDENTITY_FILE, folder / RECIPIENT_FILE
    if folder.exists() and not folder.is_dir():  # a file named, not a folder
        raise NotADirectoryError(errno.ENOTDIR, "Not a directory", str(folder))
    if identity_path.exists():
        raise FileExistsError(errno.EEXIST, f"{identity_path} exists already; keep it safe "
                              "or choose another folder.", str(identity_path))
    identity = age_crypto.generate_identity()
    recipient = str(identity.to_public())
    with new_folder(folder):  # a full disk leaves no empty folder either
        write_all({identity_path: age_crypto.identity_text(identity).encode("ascii"),
                   recipient_path: f"# RiskMap headquarters recipient: give this line to the "
                                   f"field teams\n{recipient}\n".encode("ascii")},
                  exclusive={identity_path}, modes={identity_path: 0o600})
    return HqKeys(identity_path, recipient_path, recipient)


def parse_recipient_text(text: str) -> list[str]:
    """The recipients in pasted text or a file (checked); BundleError on a bad line."""
    parsed = age_crypto.parse_recipients(text)
    if "AGE-SECRET-KEY-" in text.upper():
        # A secret key pasted by mistake must never be stored on a field laptop.
        raise BundleError("bad_recipient", "a secret key was given")
    return [str(r) for r in parsed]


def recipients_from_argument(value: str) -> list[str]:
    """`--to`: an `age1...` recipient, or a file of recipients."""
    if value.strip().startswith("age1"):
        return parse_recipient_text(value)
    path = Path(value)
    if not path.is_file():
        raise BundleError("bad_recipient", value)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:  # a key file of another kind, a binary file
        raise UserError("not_utf8", path=path, detail=str(exc)) from None
    return parse_recipient_text(text)


def stored_recipients(project: Project) -> list[str]:
    """The recipients saved in the project settings."""
    text = project.setting(RECIPIENTS_SETTING)
    return [line for line in text.splitlines() if line.strip()]


def save_recipients(project: Project, text: str) -> list[str]:
    """Check and store recipients (one per line); returns them."""
    recipients = parse_recipient_text(text)
    project.set_setting(RECIPIENTS_SETTING, "\n".join(recipients))
    return recipients
