"""Qt's own strings that its Spanish catalogue misses, translated in ours.

Qt 6.11 gave two labels of its file dialog a mnemonic ("&Look in:", "Files of &type:"),
but the qtbase_es.qm that ships with it still translates them without one, and it has
no entry for the file-type column's "Folder" under its Qt 6 context, so every Open and
Save dialog of the Spanish window said "Look in:", "Files of type:" and "Folder" in
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


def file_type_names() -> list[str]:
    """The file dialog's Type column words that Qt's Spanish catalogue misses (a file's
    type comes from the system's MIME names, already in its language)."""
    return [QCoreApplication.translate("QAbstractFileIconProvider", "Folder",
                                       "All other platforms"),
            QCoreApplication.translate("QAbstractFileIconProvider", "Drive"),
            QCoreApplication.translate("QAbstractFileIconProvider", "Unknown")]
