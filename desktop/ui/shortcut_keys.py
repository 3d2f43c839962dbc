"""The program's keyboard shortcuts, each defined once, and the one way a key is written
for people: Qt's own name of it in the window's language (`QKeySequence`'s NativeText),
the name Qt's menus print beside their entries. English reads "Ctrl+S", Spanish
"Control+S" and "Mayúsculas+Tabulador" (Qt's catalogue, qtbase_es.qm); hints typed by hand
("Ctrl+S" inside a Spanish sentence) disagreed with the menus.

Views bind their shortcuts with these constants and write them with `key_text` (or
`shortcut_text` of the action or shortcut itself); the keying guide names its keys with
marks (a name in double square brackets) filled by `fill_keys`, so a shortcut changed here changes everywhere.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QAction, QKeySequence, QShortcut

Keys = str | QKeySequence | QKeySequence.StandardKey

# Entry
SAVE = "Ctrl+S"
SAVE_DRAFT = "Ctrl+Shift+S"
FORM_HISTORY = "Ctrl+H"
NEXT_QUESTION = "Enter"  # and Tab (Qt's Key_Enter: "Enter", Spanish "Intro")
NEXT_QUESTION_TOO = "Tab"
PREVIOUS_QUESTION = "Shift+Tab"
NEW_LINE = "Shift+Enter"  # in a comment box
CONFIRM = "Enter"  # keep a value, open a form, apply a typed value
# Records
FIND_FORM = QKeySequence.StandardKey.Find
DELETE_FORM = "Del"
# Verification and conflicts
NEXT_DUE = "Alt+N"
KEEP_FIRST = "Alt+1"
KEEP_SECOND = "Alt+2"
TYPE_VALUE = "Alt+3"
KEEP_BOTH = "Alt+4"
FINISH = "Ctrl+Enter"
FINISH_TOO = "Ctrl+Return"  # the main keyboard's Enter key; both finish
CANCEL = "Escape"
# Window
OPEN_DATABASE = QKeySequence.StandardKey.Open
NEW_DATABASE = QKeySequence.StandardKey.New
QUIT = QKeySequence.StandardKey.Quit
KEYING_GUIDE = "F1"


def page_keys(number: int) -> str:
    """View > the `number`th page (Ctrl+1 ... Ctrl+6)."""
    return f"Ctrl+{number}"


def key_text(keys: Keys) -> str:
    """`keys` as the window's language writes it ('Ctrl+S', 'Control+S', '⌘S')."""
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


def shortcut_text(owner: QAction | QShortcut) -> str:
    """The text of an action's or a shortcut's own key, as its menu entry shows it."""
    keys = owner.shortcut() if isinstance(owner, QAction) else owner.key()
    return keys.toString(QKeySequence.SequenceFormat.NativeText)


# The keys the keying guide names, by the mark it writes ([[save]]).
GUIDE_KEYS: dict[str, Keys] = {
    "next": NEXT_QUESTION, "tab": NEXT_QUESTION_TOO, "back": PREVIOUS_QUESTION,
    "save": SAVE, "draft": SAVE_DRAFT, "history": FORM_HISTORY,
    "first_page": page_keys(1), "last_page": page_keys(6), "guide": KEYING_GUIDE,
    "new_line": NEW_LINE, "confirm": CONFIRM, "next_due": NEXT_DUE,
    "keep_first": KEEP_FIRST, "keep_second": KEEP_SECOND, "type_value": TYPE_VALUE,
    "finish": FINISH,
}
_MARK = re.compile(r"\[\[(\w+)\]\]")


def fill_keys(text: str) -> str:
    """`text` with each `[[name]]` replaced by the key `GUIDE_KEYS[name]` names, written
    as the window's language writes it (an unknown name is a KeyError: a guide that names
    a key the program lacks must not ship)."""
    return _MARK.sub(lambda match: key_text(GUIDE_KEYS[match.group(1)]), text)
