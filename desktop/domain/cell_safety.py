"""Formula injection: text that a spreadsheet would run as a formula, made inert.

A cell whose text begins with = + - @, a tab or a carriage return is a formula to Excel and
LibreOffice when it comes from a CSV file (`=HYPERLINK("http://...")` in a round name
becomes a live link; worse ones run commands). Every CSV the program writes passes its
text through `neutralise` (a leading apostrophe, which spreadsheets hide), and every XLSX
writes text as text cells, never formulas (`services.table_writer`). Plain numbers such as
-1 or -2.5 are left as they are, and so is a lone sign ("-" is how the reports write "not
stated"): with nothing after it there is no formula. This module is the one place that
rule lives.
"""

from __future__ import annotations

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FORMULA_CHARS = frozenset("".join(FORMULA_START))
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def is_risky(text: str) -> bool:
    """True when a spreadsheet would read `text` as a formula."""
    return len(text) > 1 and text[0] in FORMULA_CHARS and not NUMBER.match(text)


def neutralise(value: object) -> str:
    """The cell text, made inert when a spreadsheet would treat it as a formula."""
    if value is None:
        return ""
    text = str(value)
    return "'" + text if is_risky(text) else text
