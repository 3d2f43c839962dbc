"""A mistyped command line in one line of the user's language.

argparse answers a missing, malformed or unknown argument with its usage block and an
English "error:" line. `Parser.error` prints one line instead: the command, argparse's
refusal (in Spanish from `domain/help_messages.USAGE_ES` when the user's language is
Spanish: the refusal is matched against argparse's own templates) and where to look
("see riskmap demo --help"); the exit code stays argparse's 2. --help is unchanged.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

from ..domain.help_messages import USAGE_ES, USAGE_SEE_HELP, USAGE_TYPES_ES
from ..domain.user_error import user_language

_FIELD = re.compile(r"%\((\w+)\)[sr]|%[sr]")


def _pattern(template: str) -> re.Pattern[str]:
    """A regular expression matching what `template % fields` gives."""
    parts, names, end = [], [], 0
    for found in _FIELD.finditer(template):
        parts.append(re.escape(template[end:found.start()]))
        name = found.group(1) or f"_{len(names)}"
        names.append(name)
        parts.append(f"(?P<{name}>.+?)" if found.end() < len(template) else f"(?P<{name}>.+)")
        end = found.end()
    parts.append(re.escape(template[end:]))
    return re.compile("".join(parts), re.DOTALL)


_TEMPLATES = [(_pattern(english), spanish) for english, spanish in USAGE_ES.items()]


def in_spanish(message: str) -> str:
    """argparse's refusal `message` in Spanish (as it is when no template matches)."""
    for pattern, spanish in _TEMPLATES:
        found = pattern.fullmatch(message)
        if found is None:
            continue
        fields = found.groupdict()
        if "message" in fields:
            fields["message"] = in_spanish(fields["message"])
        if "type" in fields:
            fields["type"] = USAGE_TYPES_ES.get(fields["type"], fields["type"])
        text, i = spanish, 0
        for field in _FIELD.finditer(spanish):  # put the (already quoted) fields back
            name = field.group(1) or f"_{i}"
            i += field.group(1) is None
            text = text.replace(field.group(0), fields[name], 1)
        return text
    return message


class Parser(argparse.ArgumentParser):
    """argparse's parser with a one-line refusal in the user's language."""

    def error(self, message: str) -> NoReturn:
        lang = user_language()
        if lang == "es":
            message = in_spanish(message)
        line = USAGE_SEE_HELP[lang].format(message=message, prog=self.prog)
        self.exit(2, f"{self.prog}: {line}\n")
