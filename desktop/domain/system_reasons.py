"""`reason_of`: why the machine failed, as a `Phrase` said in the reader's language.

A full disk, a read-only or removed USB stick, a disk that stopped answering: sqlite3 and
the operating system describe these in English ("disk I/O error", "Input/output error",
"No such device"), and those words used to appear inside Spanish sentences. Here each
known kind becomes a phrase of domain/system_reason_messages.py; anything else is "system
error" and its code (ENOTSUP, SQLITE_IOERR_...), the same in every language. The
system's own text stays in the error's log detail.
"""

from __future__ import annotations

import errno

from .phrase import Phrase

# errno -> phrase key (the codes a platform lacks are simply not there).
_BY_ERRNO: dict[int, str] = {}
for _names, _key in (
        (("EIO", "EREMOTEIO"), "reason.io"),
        (("ENODEV", "ENXIO", "ENOMEDIUM", "ESTALE"), "reason.gone"),
        (("ENOSPC", "EDQUOT"), "reason.full"),
        (("EROFS",), "reason.read_only"),
        (("EACCES", "EPERM"), "reason.denied"),
        (("ENOENT",), "reason.missing"),
        (("EISDIR",), "reason.folder"),
        (("ENOTDIR",), "reason.not_folder"),
        (("EBUSY", "ETXTBSY", "EAGAIN"), "reason.busy"),
        (("EMFILE", "ENFILE"), "reason.too_many"),
        (("ETIMEDOUT", "EHOSTDOWN", "EHOSTUNREACH", "ENETDOWN", "ENETUNREACH",
          "ECONNRESET", "ECONNABORTED", "ECONNREFUSED"), "reason.network"),
        (("EINVAL",), "reason.invalid"),
        (("ENAMETOOLONG",), "reason.name_too_long"),
        (("EFBIG",), "reason.too_large"),
        (("ENOMEM",), "reason.memory")):
    for _name in _names:
        if hasattr(errno, _name):
            _BY_ERRNO[getattr(errno, _name)] = _key

# Windows' own codes, checked first: Python maps several of them to an errno that says
# less (a write-protected stick arrives as EACCES, a removed one as EINVAL or ENOENT).
_BY_WINERROR = {19: "reason.read_only",  # ERROR_WRITE_PROTECT
                21: "reason.gone",  # ERROR_NOT_READY (a removed stick or card)
                55: "reason.gone",  # ERROR_DEV_NOT_EXIST
                1167: "reason.gone",  # ERROR_DEVICE_NOT_CONNECTED
                23: "reason.io",  # ERROR_CRC
                1117: "reason.io",  # ERROR_IO_DEVICE
                483: "reason.io",  # ERROR_DEVICE_HARDWARE_ERROR
                39: "reason.full", 112: "reason.full",  # ERROR_HANDLE_DISK_FULL, DISK_FULL
                32: "reason.busy", 33: "reason.busy",  # sharing and lock violations
                121: "reason.network", 53: "reason.network", 64: "reason.network"}

# What SQLite says (its error name, else its English message) -> phrase key.
_SQLITE = (("FULL", "database or disk is full", "reason.full"),
           ("READONLY", "readonly database", "reason.read_only"),
           ("IOERR", "disk i/o error", "reason.io"),
           ("CANTOPEN", "unable to open", "reason.missing"),
           ("NOMEM", "out of memory", "reason.memory"),
           ("BUSY", "database is locked", "reason.busy"))


def reason_of(exc: BaseException) -> Phrase:
    """Why `exc` (an OSError or an error of either SQLite driver) happened."""
    key = _BY_WINERROR.get(getattr(exc, "winerror", None) or 0)
    code = getattr(exc, "errno", None)
    if key is None and isinstance(code, int):
        key = _BY_ERRNO.get(code)
    if key is None and not isinstance(exc, OSError):
        name = (getattr(exc, "sqlite_errorname", "") or "").upper()
        text = str(exc).lower()
        key = next((k for part, words, k in _SQLITE
                    if (name and part in name) or words in text), None)
        if key is None and name:
            return Phrase("reason.system", code=name)
    if key is not None:
        return Phrase(key)
    if isinstance(code, int):
        return Phrase("reason.system", code=errno.errorcode.get(code, str(code)))
    return Phrase("reason.system", code=type(exc).__name__)
