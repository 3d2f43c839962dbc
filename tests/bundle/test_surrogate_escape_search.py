"""records.may_hold_surrogate_escape (one regex pass) says yes for exactly the texts the
former searches did ("\\" in it, then "\\u", then "\\ud" or "\\uD"), so refuse_lone_surrogates
decodes and refuses exactly the lines and audit batches it refused."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.bundle import records

TEXT = st.lists(st.sampled_from(["\\", "u", "d", "D", "U", "a", "\\\\", "\\u", "\\ud",
                                 "\\uD8", "\\\\ud", "\\u00f3", " ", "\u2028", "é"]),
                max_size=12).map("".join) | st.text(max_size=20)


def _former(text: str) -> bool:
    return "\\" in text and "\\u" in text and ("\\ud" in text or "\\uD" in text)


@settings(max_examples=3000, deadline=None)
@given(TEXT)
def test_the_search_finds_what_the_former_searches_found(text):
    assert records.may_hold_surrogate_escape(text) == _former(text)


def test_examples():
    assert records.may_hold_surrogate_escape('{"a":"\\ud800"}')
    assert records.may_hold_surrogate_escape('{"a":"\\\\uDx"}')  # decided by the decode
    assert not records.may_hold_surrogate_escape('{"a":"\\u00f3 \\"q\\""}')
    assert not records.may_hold_surrogate_escape("ud800")
