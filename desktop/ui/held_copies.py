"""`HeldCopies`: the Import view's "Keep this copy..." for a bundle held because two copies
of one device's project are in use (services/copy_keeper.py): it works out off the UI
thread what keeping that bundle's copy would do, asks (default No) with those figures,
does it (audited) and imports the list again."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from ..services.copy_keeper import CopyChoice, keep_copy
from ..services.import_report import BundleReport, ImportReport
from .shown_text import shown

if TYPE_CHECKING:  # import_view.py imports this module
    from .import_view import ImportView

Ask = Callable[[CopyChoice], bool]


def held_copies(report: ImportReport | None) -> list[BundleReport]:
    """The bundles of `report` held because another copy of their device's project is in
    use."""
    return [b for b in (report.bundles if report else []) if b.another_copy]


class HeldCopies(QObject):
    """The button's sentences, question and steps, in the window's language. `view` is
    the ImportView: its context, listed bundles, key file, status line and import."""

    def __init__(self, view: "ImportView"):
        super().__init__(view)
        self.view = view

    def note(self) -> str:
        """Added to a held bundle's note: the window's way to decide."""
        return self.tr("If the team says the post keeps the copy that made this bundle, "
                       "choose Keep this copy...")

    def summary(self, held: list[BundleReport]) -> str:
        """The status line's sentences about `held` (held_copies): those HQ has not
        decided on ask the team; those from the copy HQ set aside say so (asking the
        team again which copy the post keeps would be asking what HQ decided already)."""
        aside = sum(1 for b in held if b.set_aside_copy)
        said = []
        if len(held) > aside:
            said.append(self.tr(
                "%n bundle(s) held because two copies of one laptop's project are in use; "
                "ask the team which copy the post keeps, then choose Keep this copy...",
                "", len(held) - aside))
        if aside:
            said.append(self.tr(
                "%n bundle(s) held because they come from a copy of a laptop's project "
                "that HQ set aside when it decided which copy the post keeps; the team "
                "should stop using that copy (Keep this copy... decides again)", "", aside))
        return " ".join(said)

    def keep(self, bundle: BundleReport, confirm: Ask | None = None) -> None:
        """Work out what keeping `bundle`'s copy does, ask, do it, import again."""
        view = self.view
        context = view.context
        path = view.listed_bundle(bundle.file_name)
        if path is None:
            view.show_status(self.tr("Add the held bundle {name} to the list again, then "
                                     "choose Keep this copy...").format(
                                         name=shown(bundle.file_name)), error=True)
            return
        context.workspace.check_supervisor()  # OperatorRefused: shown by the caller
        identity, locator = view.identity_file(), context.workspace.locator
        operator = context.operator or "analyst"
        device = context.device_key.device_id

        def act(do: bool):
            return lambda progress: keep_copy(
                locator, identity, path, "kept in the Import view", operator, device, do)

        def asked(choice: CopyChoice) -> None:
            view.show_status("")
            if (confirm or self.confirm)(choice):
                context.runner.run(act(True), kept, view.show_failure)

        def kept(choice: CopyChoice) -> None:
            view.start_import()  # the kept bundle is a replay now; its later ones follow

        view.show_status(self.tr("Working out what keeping this copy would do..."))
        context.runner.run(act(False), asked, view.show_failure)

    def confirm(self, choice: CopyChoice) -> bool:
        """Ask whether the post keeps this copy (default No), saying what it does."""
        report = choice.report
        now = ""
        if choice.current is not None:
            now = self.tr("Headquarters now follows device {device}'s line of bundles up "
                          "to bundle {current} (imported {imported} UTC).").format(
                device=shown(choice.device_id), current=choice.current[0],
                imported=choice.current[1][:19].replace("T", " ")) + "\n\n"
        text = now + self.tr(
            "If the post keeps the copy that made bundle {sequence} ({name}, made "
            "{created} UTC), headquarters follows that copy from bundle {sequence} on, and "
            "holds the other copy's later bundles with a sentence saying so.\n\nThis "
            "bundle would add {new}, update {updated}, leave {unchanged} unchanged and "
            "keep {conflicting} as conflicts for the analyst. No form or audit row "
            "headquarters holds is removed, and the other copy's forms stay.\n\nKeep this "
            "copy only if the team confirmed by phone (someone you trust) that the post "
            "keeps it; the decision is kept in the audit log.").format(
                sequence=choice.sequence, name=shown(choice.file_name),
                created=choice.created[:19].replace("T", " "),
                new=self.tr("%n form(s)", "", report.new), updated=report.updated,
                unchanged=report.unchanged, conflicting=report.conflicting)
        answer = QMessageBox.question(
            self.view, self.tr("Keep this copy"), text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes
