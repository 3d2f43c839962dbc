"""Qt's own strings that its Spanish catalogue misses, translated in ours.

Qt 6.11 gave two labels of its file dialog a mnemonic ("&Look in:", "Files of &type:"),
but the qtbase_es.qm that ships with it still translates them without one, so every
Open and Save dialog of the Spanish window said "Look in:" and "Files of type:" in
English. `make translations` collects the calls below into riskmap_<lang>.ts under Qt's
own context; our translator is installed after Qt's, so it answers for them. Drop a line
when Qt's catalogue catches up."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def file_dialog_labels() -> list[str]:
    """The file dialog's labels that Qt's Spanish catalogue misses, in the current
    language."""
    return [QCoreApplication.translate("QFileDialog", "&Look in:"),
            QCoreApplication.translate("QFileDialog", "Files of &type:")]
