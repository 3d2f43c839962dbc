"""`HeldRounds`: what the Import view says of a bundle held for writing into a round
another device brought (services/round_origin.py), and the question asked before HQ
allows that device into the round."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from ..services.import_report import BundleReport, ImportReport
from .shown_text import shown

# The refusals of a bundle held for writing forms, or audit rows about forms, into a round
# of another device that HQ holds (the `_unsent` ones name a round HQ does not hold yet:
# no allowance can be given before the maker's bundles bring it; their sentence says so).
FOREIGN_ROUND = tuple(f"foreign_round{written}{which}" for written in ("", "_audit")
                      for which in ("", "_here", "_made"))


def held_in_rounds(report: ImportReport | None) -> list[BundleReport]:
    """One bundle per (device, round) of `report` held for writing into a round another
    device brought."""
    found: dict[tuple[str, str], BundleReport] = {}
    for bundle in (report.bundles if report else []):
        if bundle.refusal in FOREIGN_ROUND and bundle.held_round:
            found.setdefault((bundle.device_id, bundle.held_round), bundle)
    return list(found.values())


class HeldRounds(QObject):
    """The sentences and the question, in the window's language."""

    def __init__(self, view: QWidget):
        super().__init__(view)
        self.view = view

    def origin(self, bundle: BundleReport) -> str:
        """Whose the held bundle's round is, as the sentences name it."""
        if bundle.refusal.endswith("_made"):
            return self.tr("which was made on device {device}").format(
                device=bundle.held_origin)
        if bundle.held_origin:
            return self.tr("which device {device} brought to headquarters first").format(
                device=bundle.held_origin)
        return self.tr("which no bundle of that device brought to headquarters (it was made "
                       "here, or its origin is not known)")

    def sent(self, bundle: BundleReport) -> str:
        """What the device sent: forms into the round, or audit rows about its forms."""
        if bundle.refusal.startswith("foreign_round_audit"):
            return self.tr("Device {device} sent audit rows about forms of round {round}, "
                           "{which}").format(device=bundle.device_id,
                                             round=bundle.held_round,
                                             which=self.origin(bundle))
        return self.tr("Device {device} sent forms into round {round}, {which}").format(
            device=bundle.device_id, round=bundle.held_round, which=self.origin(bundle))

    def note(self, bundle: BundleReport) -> str:
        """The report's note for the held bundle (the button, not a command, says how)."""
        return self.tr(
            "{sent}, so this bundle was held and nothing was imported: if both laptops key "
            "this round, choose Allow in round...; otherwise ask the team who made this "
            "bundle").format(sent=self.sent(bundle))

    def summary(self, held: int) -> str:
        return self.tr("%n bundle(s) held: their device sent forms or audit rows into a "
                       "round another device brought or made; if both laptops key that "
                       "round, choose Allow in round...", "", held)

    def confirm(self, bundle: BundleReport) -> bool:
        """Ask whether both laptops key the round (default No)."""
        answer = QMessageBox.question(
            self.view, self.tr("Allow in round"),
            self.tr(
                "{sent}.\n\nAllow it only if both laptops belong to the team that keys this "
                "round (ask the team lead by phone): its forms and audit rows will then be "
                "added to the round, and the decision is kept in the audit log. Otherwise "
                "choose No and ask the team who made this bundle.").format(
                    sent=shown(self.sent(bundle))),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes
