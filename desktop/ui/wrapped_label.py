"""Word-wrapped labels that get the height their text needs.

A dialog already on screen keeps its size when a wrapped label in it gets a longer text (an
error sentence, a note): the form layout gives the label the lines of its size hint, often
one, and the rest is cut off. `fit_to_text` makes the label's minimum height the height of
its wrapped text at its present width, so the layout grows the dialog to show all of it,
and grows a dialog to its layout's wish, so the other fields keep their height.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel


def fit_to_text(label: QLabel) -> None:
    """Let `label` (word-wrapped, in a shown window) be as tall as its text needs."""
    window = label.window()
    if window.layout() is not None:
        window.layout().activate()  # the label's width as laid out now
    needed = label.heightForWidth(label.width()) if label.text() and label.isVisible() \
        else 0
    label.setMinimumHeight(max(0, needed))
    if isinstance(window, QDialog) and window.layout() is not None:
        # The raised minimum alone grows a dialog only to the fields' minimum heights,
        # pressing combo and spin boxes flat: grow it to what its layout asks for.
        window.layout().activate()
        wanted = window.layout().sizeHint().height()
        if window.height() < wanted:
            window.resize(window.width(), wanted)


def set_wrapped_text(label: QLabel, text: str) -> None:
    """Set the text of a word-wrapped label and let it grow to show all of it."""
    label.setText(text)
    fit_to_text(label)
