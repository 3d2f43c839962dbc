"""Names people type (an operator, an enrolled laptop's label) hold no control characters.

A name is printed in terminals (`riskmap operators list`, `devices list`), written into the
audit log and shown in tables. A name carrying an escape sequence (ESC [ 31 m) would repaint
an HQ analyst's terminal, and a bidirectional override (U+202E) would show another name
than the one stored. Such names are refused when they are made, with a sentence (the
callers' `*.name_control` keys); names already stored stay as they are.
"""

from __future__ import annotations

import unicodedata


def has_control(text: str) -> bool:
    """True when `text` holds a control or format character (Unicode categories Cc, Cf:
    escapes, bidirectional overrides, zero-width characters)."""
    return any(unicodedata.category(ch) in ("Cc", "Cf") for ch in text)
