"""The machine's own reasons (SQLite's "disk I/O error", the system's "Input/output error",
a full disk, a read-only or removed USB stick) are said in the user's language inside the
sentence, never in the system's English words."""

from __future__ import annotations

import errno
import sqlite3

import pytest

from desktop.commands import file_reason
from desktop.domain.phrase import said
from desktop.domain.questionnaire_loader import unreadable
from desktop.domain.system_reasons import reason_of
from desktop.domain.user_error import UserError, translate


def _sqlite(message: str, name: str = "") -> sqlite3.OperationalError:
    exc = sqlite3.OperationalError(message)
    if name:
        exc.sqlite_errorname = name
    return exc


def _windows(code: int, winerror: int) -> OSError:
    exc = OSError(code, "The device is not ready", "E:\\riskmap.db")
    exc.winerror = winerror
    return exc


# (the failure, what the system says in English, the Spanish reason expected)
KINDS = [
    (_sqlite("disk I/O error"), "disk I/O error", "el disco no respondió"),
    (_sqlite("disk I/O error", "SQLITE_IOERR_FSYNC"), "disk I/O error",
     "el disco no respondió"),
    (OSError(errno.EIO, "Input/output error", "/media/usb/x"), "Input/output error",
     "el disco no respondió"),
    (OSError(errno.ENODEV, "No such device", "/media/usb/x"), "No such device",
     "ya no está conectado"),
    (OSError(errno.ENXIO, "No such device or address", "/media/usb/x"),
     "No such device or address", "ya no está conectado"),
    (_windows(errno.EINVAL, 21), "The device is not ready", "ya no está conectado"),
    (OSError(errno.EBUSY, "Device or resource busy", "/media/usb/x"),
     "Device or resource busy", "otro programa lo está usando"),
    (OSError(errno.EMFILE, "Too many open files", "/x"), "Too many open files",
     "demasiados archivos abiertos"),
    (OSError(errno.ETIMEDOUT, "Connection timed out", "/net/x"), "Connection timed out",
     "la carpeta de red no respondió"),
    (OSError(errno.EINVAL, "Invalid argument", "/media/usb/a:b"), "Invalid argument",
     "el disco rechazó el nombre"),
    (OSError(errno.EOVERFLOW, "Value too large for defined data type", "/x"),
     "Value too large", "error del sistema EOVERFLOW"),
    (_sqlite("some new failure", "SQLITE_IOERR_SHORT_READ"), "some new failure",
     "el disco no respondió"),
]


@pytest.mark.parametrize("exc, english, spanish", KINDS)
def test_the_io_sentence_says_the_reason_in_spanish(exc, english, spanish):
    error = translate(exc, "/media/usb/riskmap.db")
    assert error is not None and error.key == "io_error"
    text = error.in_language("es")
    assert text.startswith("No se pudo leer o escribir") and spanish in text, text
    assert english.lower() not in text.lower()
    assert english.split()[0] in error.detail  # the system's words go to the log


@pytest.mark.parametrize("exc, key, spanish", [
    (_sqlite("database or disk is full", "SQLITE_FULL"), "disk_full", "lleno"),
    (OSError(errno.ENOSPC, "No space left on device", "/media/usb/x"), "disk_full", "lleno"),
    (_sqlite("attempt to write a readonly database", "SQLITE_READONLY"), "db_read_only",
     "solo lectura"),
    (OSError(errno.EROFS, "Read-only file system", "/media/usb/x"), "read_only_disk",
     "solo lectura"),
    (_windows(errno.EACCES, 19), "read_only_disk", "solo lectura"),  # a locked stick
])
def test_a_full_disk_and_a_read_only_stick_have_their_own_sentence(exc, key, spanish):
    error = translate(exc, "/media/usb/riskmap.db")
    assert error.key == key and spanish in error.in_language("es")
    assert str(exc).split()[0] not in error.in_language("es")


@pytest.mark.parametrize("exc, english, spanish",
                         [kind for kind in KINDS if isinstance(kind[0], OSError)])
def test_other_sentences_with_a_reason_say_it_in_spanish(exc, english, spanish):
    """The import's unreadable file, a questionnaire file, a passphrase or PIN file."""
    for text in (UserError("import.unreadable", reason=reason_of(exc)).in_language("es"),
                 said(unreadable(exc), "es"),
                 said(file_reason(exc), "es")):
        assert spanish in text and english.lower() not in text.lower(), text


def test_every_reason_has_both_languages():
    from desktop.domain.system_reason_messages import SYSTEM_REASON_MESSAGES
    for key, texts in SYSTEM_REASON_MESSAGES.items():
        assert set(texts) == {"en", "es"} and texts["en"] != texts["es"], key
