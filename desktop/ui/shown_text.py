"""`shown`: a text from the database as the window shows it, its control characters inert.

Round names, operator names, device labels, questionnaire texts and answers may have
arrived in a field team's bundle. A bidirectional override (U+202E) in one would reorder
what the analyst reads, and other control characters garble a cell. The window shows each
control or format character as the escape the command line prints (\\u202e, \\x1b; see
domain/plain_names.py). Only what is shown changes: the database, exports and what an
editor saves keep the text exactly as stored.
"""

from __future__ import annotations

from ..domain.plain_names import printable, printable_lines


def shown(value):
    """`value` as a table cell, label or list entry shows it: a text with its control
    characters escaped; anything else (None, a number) unchanged."""
    return printable(value) if isinstance(value, str) else value


def shown_lines(value):
    """Like `shown` for a text where line breaks are meant (kept as lines)."""
    return printable_lines(value) if isinstance(value, str) else value
