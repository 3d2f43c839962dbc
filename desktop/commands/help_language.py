"""`riskmap --help` (and every subcommand's) in the user's language.

The command modules write their help in English; after the parser is built, `localise_help`
walks it and gives each description, subcommand line and option help its Spanish from
`domain/help_messages.HELP_ES` when the language is Spanish. A subcommand without a
description of its own gets its one-line help as one, so `riskmap data --help` starts with
what the command is for, in either language. `help_texts` lists every text it would
translate (tests/test_spanish_output.py checks each has a Spanish line).
"""

from __future__ import annotations

import argparse
from typing import Iterator

from ..domain.help_messages import HELP_ES


def _walk(parser: argparse.ArgumentParser) -> Iterator[tuple[object, str, str]]:
    """(object, attribute, text) of every help text of `parser` and its subcommands."""
    if parser.description:
        yield parser, "description", parser.description
    for action in parser._actions:  # noqa: SLF001 - argparse has no public list
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            lines = {line.dest: line for line in action._choices_actions}  # noqa: SLF001
            for name, sub in action.choices.items():
                line = lines.get(name)
                if line is not None and line.help and sub.description is None:
                    sub.description = line.help
                if line is not None and line.help:
                    yield line, "help", line.help
                yield from _walk(sub)
        elif action.help and action.help is not argparse.SUPPRESS:
            yield action, "help", action.help


def help_texts(parser: argparse.ArgumentParser) -> set[str]:
    """Every description and help text of `parser`, its subcommands and options."""
    return {text for _, _, text in _walk(parser)}


def localise_help(parser: argparse.ArgumentParser, lang: str) -> None:
    """Put every help text of `parser` in `lang` (Spanish from the table; English as
    written). A text with no Spanish line stays in English."""
    for owner, attribute, text in list(_walk(parser)):
        if lang == "es" and text in HELP_ES:
            setattr(owner, attribute, HELP_ES[text])
