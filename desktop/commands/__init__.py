"""Subcommands of the `riskmap` command line, one module each.

Each module has `register(subparsers)`, which adds its parser and sets `run` as the
handler. Handlers return an exit code and raise `CommandError` for bad input; heavy
imports happen inside handlers so `riskmap --version` stays instant. What a command says
when it succeeds comes from `domain/command_messages.py` through `say` and `line`, in the
user's language (RISKMAP_LANG, then LANG).
"""

import sys

from ..domain.plain_names import printable
from ..domain.user_error import UserError, error_message, user_language


def line(key: str, **params: object) -> str:
    """The catalogue line `key` (`out.*`) in the user's language, filled in."""
    return error_message(key, user_language(), **params)


def say(key: str, *, file=None, **params: object) -> None:
    """Print the catalogue line `key` in the user's language (on stdout unless `file`)."""
    show(line(key, **params), file=file)


def show(text: str, *, file=None) -> None:
    """Print a line for people (stdout unless `file`): names and values from the database
    or a bundle may hold terminal escapes; they are printed as text (plain_names)."""
    print(printable(text), file=file if file is not None else sys.stdout)


class CommandError(UserError, RuntimeError):
    """Bad input on the command line: a catalogue key + fields (or, from older code, a
    ready sentence) for one sentence for a person."""


def existing_file(path) -> None:
    """Refuse a `path` argument that names no file (missing, or a folder) in one sentence
    naming it, before a service reads it and says only "not a key file"."""
    if path.is_dir():
        raise CommandError("is_a_folder", path=path)
    if not path.exists():
        raise CommandError("not_found", path=path)


def read_first_line(path) -> str:
    """The first line of a file someone made by hand (a passphrase or PIN file), without
    the byte-order mark Notepad puts before UTF-8 text; '' for an empty file. OSError and
    UnicodeDecodeError as reading raised them (`file_reason` words an OSError)."""
    from pathlib import Path
    lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    return lines[0] if lines else ""


def read_secret_file(path, not_text: str, unreadable: str) -> str:
    """The first line of a secret file someone made by hand (a passphrase or PIN file).
    A file that is not text, or cannot be read, is refused with the catalogue sentence
    `not_text` or `unreadable` naming it (and why), never the codec's or the system's
    own words."""
    try:
        return read_first_line(path)
    except UnicodeDecodeError as exc:  # a key file, an image: the codec's words help nobody
        raise CommandError(not_text, path=path) from exc
    except OSError as exc:
        raise CommandError(unreadable, path=path, reason=file_reason(exc)) from exc


def file_reason(exc: OSError) -> object:
    """Why a file could not be read, as a phrase said in the sentence's language."""
    import errno

    from ..domain.phrase import Phrase
    from ..domain.system_reasons import reason_of
    known = {errno.ENOENT: "file_reason.missing", errno.EISDIR: "file_reason.folder",
             errno.EACCES: "file_reason.denied", errno.EPERM: "file_reason.denied"}
    key = known.get(getattr(exc, "errno", None))
    return Phrase(key) if key else reason_of(exc)
