"""Subcommands of the `riskmap` command line, one module each.

Each module has `register(subparsers)`, which adds its parser and sets `run` as the
handler. Handlers return an exit code and raise `CommandError` for bad input; heavy
imports happen inside handlers so `riskmap --version` stays instant.
"""

from ..domain.user_error import UserError


class CommandError(UserError, RuntimeError):
    """Bad input on the command line: a catalogue key + fields (or, from older code, a
    ready sentence) for one sentence for a person."""
