"""Subcommands of the `riskmap` command line, one module each.

Each module has `register(subparsers)`, which adds its parser and sets `run` as the
handler. Handlers return an exit code and raise `CommandError` for bad input; heavy
imports happen inside handlers so `riskmap --version` stays instant.
"""


class CommandError(RuntimeError):
    """Bad input on the command line: the message is one sentence for a person."""
