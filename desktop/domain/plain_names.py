"""Names people type (an operator, an enrolled laptop's label) hold no control characters.

A name is printed in terminals (`riskmap operators list`, `devices list`), written into the
audit log and shown in tables. A name carrying an escape sequence (ESC [ 31 m) would repaint
an HQ analyst's terminal, and a bidirectional override (U+202E) would show another name
than the one stored. Such names are refused when they are made, with a sentence (the
callers' `*.name_control` keys). Names already stored, and text that arrived in a bundle
(a round's name, an answer), stay as they are; `printable` shows their control characters
as escapes (\\x1b, \\u202e) wherever the command line prints them for people.
"""

from __future__ import annotations

import unicodedata


def has_control(text: str) -> bool:
    """True when `text` holds a control or format character (Unicode categories Cc, Cf:
    escapes, bidirectional overrides, zero-width characters)."""
    return any(unicodedata.category(ch) in ("Cc", "Cf") for ch in text)


def printable(text: str) -> str:
    """One line of `text` for a terminal: each control or format character written as its
    escape (tabs kept), so a stored name can neither drive the terminal nor fake a line of
    its own (a line break is shown as \\n)."""
    if not has_control(text):
        return text
    return "".join(ch if ch == "\t" or unicodedata.category(ch) not in ("Cc", "Cf")
                   else ascii(ch)[1:-1] for ch in text)


def printable_lines(text: str) -> str:
    """Like `printable` for a text where line breaks are meant (a note, a report's
    paragraph): its lines kept, each made printable."""
    return "\n".join(printable(line) for line in text.split("\n"))
