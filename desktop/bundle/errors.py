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
    "unknown_device": "The bundle comes from device {device_id} with fingerprint "
                      "{fingerprint}, which headquarters has not enrolled, so nothing was "
                      "imported; compare the fingerprint with the laptop's and enrol it "
                      "with: {command}",
    "revoked_device": "The bundle comes from device {device_id} with fingerprint "
                      "{fingerprint}, which headquarters revoked on {revoked}, so nothing "
                      "was imported.",
    "device_id_mismatch": "The bundle is signed by the enrolled key {fingerprint} of device "
                          "{enrolled_id} but claims to come from device {device_id}, so "
                          "nothing was imported; check with the team who made it.",
    "bad_questionnaire": "The bundle carries a questionnaire that is not valid ({problem}), "
                         "so nothing was imported; ask the team to export again with the "
                         "questionnaire headquarters sent.",
    "bad_answer": "Form {form_number} of round {round} has an invalid answer to question "
                  "{question} ({problem}), so nothing of this bundle was imported; ask the "
                  "team to correct the form and export again.",
    "csv_mismatch": "responses.csv in the bundle does not agree with its records ({problem}), "
                    "so nothing was imported; ask the team to export it again.",
    "audit_chain": "The audit log in this bundle does not continue the one headquarters "
                   "holds for device {device} ({problem}), so nothing was imported; import "
                   "that device's earlier bundles first, or ask the team why its audit log "
                   "changed.",
    "sequence_reused": "Device {device_id} already sent a different bundle numbered "
                       "{sequence} ({other}), so this one was held and nothing was imported; "
                       "ask the team which of the two is genuine.",
}


class BundleError(Exception):
    """A bundle (or key) was refused; `str(error)` is the sentence to show."""

    def __init__(self, kind: str, detail: str = "", **values: object):
        text = MESSAGES[kind].format(**values) if values else MESSAGES[kind]
        super().__init__(text)
        self.kind = kind
        self.detail = detail  # technical detail for the log file, never shown alone
        self.values = values  # what the sentence names (device id, form number, ...)
        self._sentence = text

    @property
    def sentence(self) -> str:
        return self._sentence
