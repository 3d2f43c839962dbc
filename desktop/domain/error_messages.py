"""The one catalogue of error sentences, English and Spanish (Qt-free).

Each sentence says what happened and what to do; the command line, the services and the
window all show these (`user_error.UserError`). The sentences live in small modules, one
job each, and are merged here into `CATALOGUE` (a key defined twice is an error at import):
files and disks, project databases, commands' arguments, HQ's registers (devices,
questionnaire versions), data files and bundles sent, form tables, verification
(`verify.<key>`), printing, read-only SQL; bundles and series (`bundle.<kind>`, see
bundle/errors.py), HQ's choice of a kept copy, passphrases and keys, and operators. A test
checks both languages are complete and take the same fields.
"""

from __future__ import annotations

from .bundle_messages import BUNDLE_MESSAGES
from .command_refusal_messages import COMMAND_REFUSAL_MESSAGES
from .copy_messages import COPY_MESSAGES
from .database_messages import DATABASE_MESSAGES
from .file_messages import FILE_MESSAGES
from .form_table_messages import FORM_TABLE_MESSAGES
from .key_messages import KEY_MESSAGES
from .operator_messages import OPERATOR_MESSAGES
from .print_messages import PRINT_MESSAGES
from .query_messages import QUERY_MESSAGES
from .register_messages import REGISTER_MESSAGES
from .transfer_messages import TRANSFER_MESSAGES
from .verification_messages import VERIFICATION_MESSAGES

_PARTS = (FILE_MESSAGES, DATABASE_MESSAGES, COMMAND_REFUSAL_MESSAGES, REGISTER_MESSAGES,
          TRANSFER_MESSAGES, FORM_TABLE_MESSAGES, VERIFICATION_MESSAGES, PRINT_MESSAGES,
          QUERY_MESSAGES, BUNDLE_MESSAGES, COPY_MESSAGES, KEY_MESSAGES, OPERATOR_MESSAGES)


def _merged(parts: tuple[dict[str, dict[str, str]], ...]) -> dict[str, dict[str, str]]:
    """One dict of every part's sentences; a key in two parts is an error."""
    catalogue: dict[str, dict[str, str]] = {}
    for part in parts:
        twice = catalogue.keys() & part.keys()
        if twice:
            raise KeyError(f"defined twice in the error catalogue: {sorted(twice)}")
        catalogue.update(part)
    return catalogue


CATALOGUE: dict[str, dict[str, str]] = _merged(_PARTS)
