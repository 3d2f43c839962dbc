"""Why the machine failed (a disk, a USB stick, the database engine), in English and Spanish.

Said inside a sentence such as "{path} could not be read or written ({reason})": never the
system's own English words (sqlite's "disk I/O error", the C library's "Input/output
error"), which go to the log file only. Merged into domain/messages.py (`MESSAGES`);
domain/system_reasons.py picks the phrase for an error.
"""

from __future__ import annotations

SYSTEM_REASON_MESSAGES: dict[str, dict[str, str]] = {
    "reason.io": {"en": "the disk did not answer: an input/output error",
                  "es": "el disco no respondió: un error de entrada/salida"},
    "reason.gone": {"en": "the disk or USB stick is no longer connected",
                    "es": "el disco o la memoria USB ya no está conectado"},
    "reason.full": {"en": "the disk is full", "es": "el disco está lleno"},
    "reason.read_only": {"en": "the disk is read-only (a locked USB stick?)",
                         "es": "el disco es de solo lectura (¿una memoria USB bloqueada?)"},
    "reason.denied": {"en": "no permission", "es": "sin permiso"},
    "reason.missing": {"en": "it does not exist", "es": "no existe"},
    "reason.folder": {"en": "it is a folder", "es": "es una carpeta"},
    "reason.not_folder": {"en": "a part of the path is not a folder",
                          "es": "una parte de la ruta no es una carpeta"},
    "reason.busy": {"en": "another program is using it", "es": "otro programa lo está usando"},
    "reason.too_many": {"en": "too many files are open", "es": "hay demasiados archivos abiertos"},
    "reason.network": {"en": "the network folder did not answer",
                       "es": "la carpeta de red no respondió"},
    "reason.invalid": {"en": "the disk refused the name or the operation",
                       "es": "el disco rechazó el nombre o la operación"},
    "reason.name_too_long": {"en": "the name is too long", "es": "el nombre es demasiado largo"},
    "reason.too_large": {"en": "the file is too large for this disk",
                         "es": "el archivo es demasiado grande para este disco"},
    "reason.memory": {"en": "the computer ran out of memory",
                      "es": "la computadora se quedó sin memoria"},
    "reason.system": {"en": "system error {code}", "es": "error del sistema {code}"},
}
