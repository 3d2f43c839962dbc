"""`BundleError`: why a bundle was refused, as one plain sentence for the analyst.

Each refusal has a `kind` (for tests, logs and the import report) and a message that says
what happened and what to do. Nothing is written to the database when a bundle is refused.
"""

from __future__ import annotations

from ..domain.error_messages import CATALOGUE
from ..domain.user_error import UserError

# The sentences live in the one catalogue (domain/error_messages.py, key "bundle.<kind>"),
# in English and Spanish; this English view keeps older callers working.
MESSAGES = {key.removeprefix("bundle."): texts["en"] for key, texts in CATALOGUE.items()
            if key.startswith("bundle.")}


# The kinds of refusal that hold a bundle (nothing imported, HQ or the team must decide
# something first) rather than refuse it as broken; the import reports them as "held".
HELD_KINDS = frozenset({"sequence_reused", "series_number_used", "number_in_series",
                        "set_aside_line", "line_gap", "audit_unknown_forms",
                        "relayed_branch"} | {
    f"foreign_round{written}{which}" for written in ("", "_audit")
    for which in ("", "_here", "_made", "_unsent")})


class BundleError(UserError):
    """A bundle (or key) was refused; `str(error)` is the English sentence to show,
    `in_language(lang)` the sentence in the user's language."""

    def __init__(self, kind: str, detail: str = "", **values: object):
        key = f"bundle.{kind}"
        if key in CATALOGUE:
            super().__init__(key, detail=detail, **values)
        else:  # a kind added elsewhere with an English sentence only
            text = MESSAGES[kind].format(**values) if values else MESSAGES[kind]
            super().__init__(text, detail=detail)
        self.kind = kind
        self.detail = detail  # technical detail for the log file, never shown alone
        self.values = values  # what the sentence names (device id, form number, ...)

    @property
    def sentence(self) -> str:
        """The English sentence (older callers); `in_language(lang)` for the user's."""
        return self.in_language("en")
