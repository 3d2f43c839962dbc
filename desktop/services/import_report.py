"""What an HQ import did: one report per bundle file (imported, a replay, or refused and
why, with the sentence in each language) and the report of a whole import."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..domain.number_ranges import Run


@dataclass
class BundleReport:
    """What importing one bundle file did (or why it was refused)."""

    file_name: str
    status: str = "refused"  # imported, replay, refused
    message: str = ""
    bundle_uuid: str = ""
    device_id: str = ""
    sequence: int = 0
    fingerprint: str = ""
    refusal: str = ""  # the kind of refusal ("unknown_device", "bad_answer", ...)
    newly_pinned: bool = False
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicting: int = 0
    audit_added: int = 0
    rounds_added: list[str] = field(default_factory=list)
    gaps: list[Run] = field(default_factory=list)  # runs of sequence numbers not received
    # A copy restored from a backup: the hash of HQ's audit row its new rows follow.
    branch_from: str = ""
    # Rows of other devices this bundle relays (a regional office's laptops): the devices
    # whose new rows it brought, and [device, hash] where a relayed laptop's rows branch
    # (a restored copy's branch the office took), import_gate.AuditChain.
    relayed_devices: list[str] = field(default_factory=list)
    relayed_branches: list[list[str]] = field(default_factory=list)
    # Held or refused because two copies of its device's project are in use (numbered
    # like another bundle, or after another copy started a line): HQ may keep its copy.
    another_copy: bool = False
    # Held because it comes from the copy HQ set aside when it decided which copy the post
    # keeps (services/copy_keeper.py): nothing to ask the team again.
    set_aside_copy: bool = False
    # HQ decided that the post keeps the copy that made this bundle (the decision's UTC
    # time, services/copy_keeper.py): taken as that copy's branch on HQ's word.
    kept_copy: str = ""
    # Its rounds named like a round HQ holds this device's forms in: (name, kept as).
    rounds_again: list[tuple[str, str]] = field(default_factory=list)
    questionnaire_differences: list[str] = field(default_factory=list)
    # Held for writing into another device's round: that round's name and the device
    # that brought it ('' when none did: made at HQ, or not known), round_origin.py.
    held_round: str = ""
    held_origin: str = ""
    messages: dict[str, str] = field(default_factory=dict)  # the message, by language

    def message_in(self, lang: str) -> str:
        """The refusal sentence in `lang` ('en', 'es'); `message` is the English one."""
        return self.messages.get(lang) or self.message


@dataclass
class ImportReport:
    bundles: list[BundleReport] = field(default_factory=list)
    checked_apart: int = 0  # bundles whose forms the checking process checked

    def total(self, name: str) -> int:
        return sum(getattr(b, name) for b in self.bundles)

    @property
    def refused(self) -> list[BundleReport]:
        return [b for b in self.bundles if b.status == "refused"]
