"""`BundleError`: why a bundle was refused, as one plain sentence for the analyst.

Each refusal has a `kind` (for tests, logs and the import report) and a message that says
what happened and what to do. Nothing is written to the database when a bundle is refused.
"""

from __future__ import annotations

MESSAGES = {
    "not_a_bundle": "This file is not a RiskMap bundle (it is not an age-encrypted file); "
                    "choose a file whose name ends in .zip.age.",
    "wrong_key": "This bundle was not encrypted for the identity you chose; import it with "
                 "the headquarters key file it was sent to.",
    "truncated": "The bundle file is incomplete or damaged (it was probably cut short while "
                 "copying); copy it again from the original and import the new copy.",
    "tampered": "The bundle was changed after the field laptop signed it, so it cannot be "
                "trusted; ask the team to export and send it again.",
    "unknown_device_key": "The bundle claims to come from a known laptop but is signed by a "
                          "different key; do not import it, and check with the team who made it.",
    "replay": "This bundle was imported before; nothing was changed.",
    "unsupported_version": "This bundle was made by a newer version of RiskMap Survey Desk; "
                           "install the newer version to import it.",
    "unsafe": "The bundle contains unexpected or unsafe files, so it was not opened; ask the "
              "team to export it again with RiskMap Survey Desk.",
    "too_large": "The bundle is larger than this program accepts, so it was not opened; ask "
                 "the team to export it in smaller parts.",
    "bad_identity": "The key file is not an age identity (it should contain a line starting "
                    "with AGE-SECRET-KEY-); choose the headquarters key file.",
    "bad_recipient": "A recipient is not a valid age public key (it should start with age1); "
                     "paste the key exactly as headquarters sent it.",
}


class BundleError(Exception):
    """A bundle (or key) was refused; `str(error)` is the sentence to show."""

    def __init__(self, kind: str, detail: str = ""):
        super().__init__(MESSAGES[kind])
        self.kind = kind
        self.detail = detail  # technical detail for the log file, never shown alone

    @property
    def sentence(self) -> str:
        return MESSAGES[self.kind]
