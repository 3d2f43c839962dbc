"""`AboutDialog`: what this copy of RiskMap is, for the operator and for support.

Shows the version, the build date ('source' when run from the source tree), the Python and
Qt versions, the operating system, and this laptop's device id and key fingerprint, which
headquarters compares with the fingerprint of the bundles it receives. A button copies the
details as plain text for an e-mail to support.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
                               QPushButton, QVBoxLayout, QWidget)

from .. import APP_NAME
from ..build_info import read_build_info, runtime_versions
from ..resources import icons_dir
from ..services.paths import user_data_dir


class AboutDialog(QDialog):
    """The Help > About box."""

    def __init__(self, device_id: str, fingerprint: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("About {name}").format(name=APP_NAME))
        build = read_build_info()
        versions = runtime_versions()
        build_date = build["build_date"]
        if build_date == "source":
            build_date = self.tr("run from source")
        elif build["commit"]:
            build_date = f"{build_date} ({build['commit']})"
        self.details: list[tuple[str, str]] = [
            (self.tr("Version"), build["version"]),
            (self.tr("Build date"), build_date),
            (self.tr("Python"), versions["python"]),
            (self.tr("Qt"), self.tr("{qt} (PySide6 {pyside})").format(
                qt=versions.get("qt", "?"), pyside=versions.get("pyside", "?"))),
            (self.tr("System"), versions["system"]),
            (self.tr("Device"), device_id),
            (self.tr("Device key fingerprint"), fingerprint),
            (self.tr("Data folder"), str(user_data_dir())),
        ]
        layout = QVBoxLayout(self)
        layout.addLayout(self._title_row())
        form = QFormLayout()
        self.value_labels: dict[str, QLabel] = {}
        for name, value in self.details:
            label = QLabel(value)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
            if name == self.tr("Device key fingerprint"):
                label.setStyleSheet("font-family: monospace;")
            form.addRow(name + ":", label)
            self.value_labels[name] = label
        layout.addLayout(form)
        note = QLabel(self.tr("Headquarters checks this fingerprint on every bundle from "
                              "this laptop."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("Copy details"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    def _title_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        icon = QLabel()
        pixmap = QPixmap(str(icons_dir() / "riskmap.png"))
        if not pixmap.isNull():
            icon.setPixmap(pixmap.scaled(64, 64, Qt.AspectRatioMode.KeepAspectRatio,
                                         Qt.TransformationMode.SmoothTransformation))
        row.addWidget(icon)
        title = QLabel(f"<b style='font-size: 14pt'>{APP_NAME}</b><br>" + self.tr(
            "Key paper survey forms offline, verify them, chart the risks and send "
            "encrypted, signed bundles to headquarters."))
        title.setWordWrap(True)
        row.addWidget(title, 1)
        return row

    def details_text(self) -> str:
        """The details as plain text, one 'name: value' line each."""
        return "\n".join([APP_NAME] + [f"{name}: {value}" for name, value in self.details])

    def copy_details(self) -> None:
        """Put the details on the clipboard."""
        QGuiApplication.clipboard().setText(self.details_text())
