"""Settings: the language of the program and the questionnaire (this computer), and the
project's own settings (they travel with the database file): operator-controlled mode
and the minimum group size shown in the dashboard, the passphrase and the operators. Only a
supervisor changes the project's settings; others see them read-only, with the reason."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QGroupBox, QLabel, QPushButton, QSpinBox, QVBoxLayout,
                               QWidget)

from .app_context import AppContext
from .operator_dialog import role_name
from .passphrase_dialog import CHANGE, PassphraseDialog
from .translation import LANGUAGE_KEY, switch_language
LANGUAGES = (("es", "Español"), ("en", "English"))


class SettingsDialog(QDialog):
    """Edits the language (QSettings) and the project settings (database)."""

    def __init__(self, context: AppContext, settings: QSettings,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.settings = settings
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(500)
        self.main_layout = QVBoxLayout(self)
        general = QGroupBox(self.tr("This computer"))
        general_form = QFormLayout(general)
        self.language = QComboBox()
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(context.lang)))
        general_form.addRow(self.tr("Language"), self.language)
        self.main_layout.addWidget(general)
        project = QGroupBox(self.tr("This project (saved in the database)"))
        project_form = QFormLayout(project)
        self.operator_controlled = QCheckBox(self.tr("Operator-controlled mode"))
        self.operator_controlled.setChecked(context.operator_controlled)
        project_form.addRow(self.operator_controlled)
        explain = QLabel(self.tr("Out-of-range values may be kept after the operator "
                                 "confirms them; each confirmation is recorded."))
        explain.setWordWrap(True)
        explain.setStyleSheet("color: #555; margin-left: 22px;")
        project_form.addRow(explain)
        self.min_group = QSpinBox()
        self.min_group.setRange(1, 100)
        self.min_group.setValue(context.project.min_group_size)
        self.min_group.setToolTip(self.tr("Results of smaller groups are hidden in the "
                                          "dashboard and exports, to protect respondents."))
        project_form.addRow(self.tr("Smallest group shown"), self.min_group)
        self.passphrase_button = QPushButton(self.tr("Change passphrase…"))
        self.passphrase_button.clicked.connect(self.change_passphrase)
        self.passphrase_button.setEnabled(context.workspace.encrypted)
        self.passphrase_note = QLabel()
        self.passphrase_note.setWordWrap(True)
        project_form.addRow(self.tr("Encryption"), self.passphrase_button)
        project_form.addRow(self.passphrase_note)
        self.operators_button = QPushButton(self.tr("Operators…"))
        self.operators_button.clicked.connect(self.manage_operators)
        project_form.addRow(self.tr("Operators"), self.operators_button)
        self.may_edit = context.may_change_settings()
        self.read_only_note = QLabel(self.tr(
            "Only a supervisor can change the project settings; you are signed in as "
            "{role}.").format(role=role_name(context.role) if context.role
                              else self.tr("nobody")))
        self.read_only_note.setWordWrap(True)
        self.read_only_note.setStyleSheet("color: #8a4b00; font-weight: bold;")
        project_form.insertRow(0, self.read_only_note)
        self.read_only_note.setVisible(not self.may_edit)
        for widget in (self.operator_controlled, self.min_group, self.operators_button):
            widget.setEnabled(self.may_edit)
        self.passphrase_button.setEnabled(context.workspace.encrypted and self.may_edit)
        self.main_layout.addWidget(project)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.main_layout.addWidget(self.buttons)

    def add_section(self, widget: QWidget) -> None:
        """Add a group of settings (for example bundle recipients) above the buttons."""
        self.main_layout.insertWidget(self.main_layout.count() - 2, widget)

    def change_passphrase(self) -> None:
        """Ask for a new team passphrase (twice) and re-wrap the database key with it."""
        workspace = self.context.workspace
        name = workspace.path.name if workspace.path else ""
        dialog = PassphraseDialog(CHANGE, name, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        workspace.change_passphrase(dialog.passphrase())
        self.passphrase_note.setText(self.tr("The passphrase was changed. The old one no "
                                             "longer opens this project."))

    def manage_operators(self) -> None:
        """Settings > Operators (supervisors only)."""
        from .operators_dialog import OperatorsDialog
        OperatorsDialog(self.context.workspace.operator_service(), self.context.lang,
                        self).exec()

    def save(self) -> None:
        """Store the settings and tell the views (the project's only for a supervisor;
        the language of this computer for anybody)."""
        if self.may_edit:
            self.context.workspace.update_settings({
                "operator_controlled": "1" if self.operator_controlled.isChecked() else "0",
                "min_group_size": self.min_group.value()})  # published: settings_changed
        lang = self.language.currentData()
        self.settings.setValue(LANGUAGE_KEY, lang)
        if lang != self.context.lang:
            # Installs the translator (every open view retranslates itself) and switches
            # the questionnaire labels.
            switch_language(QCoreApplication.instance(), self.context, lang)
        self.accept()
