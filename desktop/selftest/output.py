"""Where the self-test's lines go: stdout when there is one (a windowed Windows build has
none; the exit code still tells the result), and Qt's platform notes kept off it."""

from __future__ import annotations

import sys


def say(line: str) -> None:
    """Print one line of the self-test, if there is a stdout."""
    if sys.stdout is not None:
        print(line, flush=True)


def quiet_platform_notes(_kind, _context, text: str) -> None:
    """A Qt message handler: the offscreen and Xvfb platforms say "This plugin does not
    support raise()" and the like; that is expected here and would only bury the step
    lines."""
    if "This plugin does not support" not in text:
        print(text, file=sys.stderr)
