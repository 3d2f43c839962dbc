"""`UserError`: a failure the user caused or met, carried as a message key + parameters.

Every layer raises it (or a subclass) for a failure a person can act on; the command line
prints `in_language(lang)` as one line on stderr (exit code 2) and the window shows it in a
dialog, both in the user's language, while `detail` (the technical cause) goes to the log
file only. `translate` turns the failures of the machine itself (sqlite3 errors: damaged,
read-only, full, locked; OSError: no space, no permission, read-only disk; a file that is
not UTF-8) into such sentences. The sentences live in `error_messages.CATALOGUE`.

Older exception classes (CommandError, DatabaseError, BundleError, the services' *Refused)
keep their constructors; they subclass `UserError` and, when built from a ready sentence
instead of a key, show that sentence as it is.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from .error_messages import CATALOGUE
from .phrase import Phrase, said
from .plural import fill
from .system_reasons import reason_of

LANGUAGES = ("en", "es")
_THE_FILE = {"en": "the file", "es": "el archivo"}


def user_language(environ: dict[str, str] | None = None) -> str:
    """'es' or 'en' from RISKMAP_LANG, then LANG / LC_ALL / LC_MESSAGES; English by default."""
    env = os.environ if environ is None else environ
    for name in ("RISKMAP_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = (env.get(name) or "").strip().lower()
        if value:
            code = value[:2]
            return code if code in LANGUAGES else "en"
    return "en"


def _texts(key: str) -> dict[str, str] | None:
    """The sentences of `key`: the error catalogue, then the domain's other messages (the
    form refusals of domain/messages.py), then the command line's own lines
    (domain/command_messages.py), so one lookup serves every sentence."""
    if key in CATALOGUE:
        return CATALOGUE[key]
    from .messages import MESSAGES
    if key in MESSAGES:
        return MESSAGES[key]
    from .command_messages import COMMAND_MESSAGES
    return COMMAND_MESSAGES.get(key)


def error_message(key: str, lang: str = "en", **params: object) -> str:
    """The sentence `key` in `lang` (English when that language has none), filled in."""
    texts = _texts(key)
    if texts is None:
        raise KeyError(key)
    text = texts.get(lang) or texts["en"]
    # A value that is a phrase (a questionnaire's problem) is said in the same language.
    params = {name: said(value, lang) if isinstance(value, Phrase) else value
              for name, value in params.items()}
    unnamed = params.get("path") in ("", None) and "{path}" in text
    if unnamed:
        # A failure that does not say which file (a decoding error deep in a reader).
        params = {**params, "path": _THE_FILE.get(lang, _THE_FILE["en"])}
    try:
        result = fill(text, **params)
    except (KeyError, IndexError, ValueError):
        return texts["en"]
    return result[:1].upper() + result[1:] if unnamed else result


class UserError(Exception):
    """A failure for people: `key` + `params` name the sentence; `detail` is for the log."""

    def __init__(self, key: str = "unexpected", *args: object, detail: str = "",
                 **params: object):
        if _texts(key) is not None:
            self.key: str | None = key
            self.text = ""
        else:  # built from a ready sentence (older code, other engineers' messages)
            self.key = None
            self.text = str(key)
        self.params = params
        self.detail = detail
        super().__init__(self.in_language("en"), *args)

    def log_text(self) -> str:
        """What the log file may say about this failure: its catalogue key (or class) and the
        technical detail, never the sentence, whose fields may hold a value someone typed
        (an answer, a comment, a name: the log never holds those)."""
        what = self.key or type(self).__name__
        return f"{what} ({self.detail})" if self.detail else what

    def in_language(self, lang: str | None = None) -> str:
        """The one sentence to show, in `lang` (the user's language by default)."""
        if self.text or self.key is None or _texts(self.key) is None:
            return self.text or Exception.__str__(self)
        return error_message(self.key, lang or user_language(), **self.params)


def sentence_of(exc: BaseException, lang: str | None = None) -> str | None:
    """The sentence for a known failure, or None for an unexpected one (a bug)."""
    error = exc if isinstance(exc, UserError) else translate(exc)
    return None if error is None else error.in_language(lang)


# SQLCipher's driver (sqlcipher3, every encrypted project) has the same DB-API classes as
# sqlite3 but not as subclasses; the domain imports no driver, so they are known by module.
_DRIVER_MODULES = ("sqlite3", "sqlcipher3")


def is_database_error(exc: BaseException) -> bool:
    """Whether `exc` is an error of either SQLite driver (sqlite3 or sqlcipher3)."""
    return isinstance(exc, sqlite3.Error) or any(
        cls.__name__ == "Error" and cls.__module__.split(".")[0] in _DRIVER_MODULES
        for cls in type(exc).__mro__)


def translate(exc: BaseException, path: str | Path | None = None) -> UserError | None:
    """A `UserError` for a failure of the machine (disk, file, database), else None.
    `path` names the file for errors that do not carry one (sqlite3's)."""
    if isinstance(exc, UserError):
        return exc
    where = str(getattr(exc, "filename", None) or path or "")
    detail = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, UnicodeDecodeError):
        return UserError("not_utf8", path=where, detail=detail)
    if is_database_error(exc):
        return _translate_sqlite(exc, where, detail)
    if isinstance(exc, OSError):
        return _translate_os(exc, where, detail)
    if isinstance(exc, MemoryError):
        return UserError("out_of_memory", detail=detail)
    return None


def _translate_sqlite(exc: Exception, where: str, detail: str) -> UserError | None:
    text = str(exc).lower()
    code = getattr(exc, "sqlite_errorname", "") or ""
    if "full" in code.lower() or "database or disk is full" in text:
        return UserError("disk_full", path=where, detail=detail)
    if "readonly" in code.lower() or "readonly database" in text or "read-only" in text:
        return UserError("db_read_only", path=where, detail=detail)
    if "locked" in text or "busy" in code.lower():
        return UserError("db_locked", path=where, detail=detail)
    if ("malformed" in text or "not a database" in text or "corrupt" in code.lower()
            or "notadb" in code.lower()):
        return UserError("db_damaged", path=where, detail=detail)
    if "unable to open" in text or "cantopen" in code.lower():
        return UserError("cannot_open", path=where, detail=detail)
    if "disk i/o error" in text or "ioerr" in code.lower():
        return UserError("io_error", path=where, reason=reason_of(exc), detail=detail)
    return None


def _translate_os(exc: OSError, where: str, detail: str) -> UserError:
    if getattr(exc, "winerror", None) == 19:  # ERROR_WRITE_PROTECT, which Python calls EACCES
        return UserError("read_only_disk", path=where, detail=detail)
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return UserError("disk_full", path=where, detail=detail)
    if exc.errno == errno.ENAMETOOLONG:
        return UserError("name_too_long", path=where, detail=detail)
    if exc.errno == errno.EFBIG:
        return UserError("file_too_large", path=where, detail=detail)
    if exc.errno == errno.EROFS:
        return UserError("read_only_disk", path=where, detail=detail)
    if exc.errno in (errno.EACCES, errno.EPERM):
        return UserError("no_permission", path=where, detail=detail)
    if exc.errno == errno.ENOENT:
        return UserError("not_found", path=where, detail=detail)
    if exc.errno == errno.EISDIR:
        return UserError("is_a_folder", path=where, detail=detail)
    if exc.errno == errno.ENOTDIR:
        return UserError("not_a_folder", path=where, detail=detail)
    return UserError("io_error", path=where, reason=reason_of(exc), detail=detail)
