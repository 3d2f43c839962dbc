"""The sentences of files and disks, English and Spanish: a full disk, a name too long, a
file too large for a USB stick, no permission, a missing file, the machine out of memory
(user_error.py turns an OSError into one of these). Merged into `error_messages.CATALOGUE`."""

from __future__ import annotations

FILE_MESSAGES: dict[str, dict[str, str]] = {
    "unexpected": {
        "en": "Something unexpected went wrong; please send the log file {log} to the people "
              "who support RiskMap Survey Desk.",
        "es": "Ocurrió un error inesperado; envíe el archivo de registro {log} a quienes dan "
              "soporte a RiskMap Survey Desk."},
    "disk_full": {
        "en": "The disk is full ({path}); free some space and try again (nothing was "
              "half-written).",
        "es": "El disco está lleno ({path}); libere espacio e intente de nuevo (no quedó nada "
              "escrito a medias)."},
    "name_too_long": {
        "en": "The name {path} is too long for this disk; choose a shorter file or folder "
              "name.",
        "es": "El nombre {path} es demasiado largo para este disco; elija un nombre de "
              "archivo o carpeta más corto."},
    "file_too_large": {
        "en": "{path} would be larger than this disk or system allows for one file (a USB "
              "stick formatted FAT32 takes at most 4 GB a file); choose another disk and try "
              "again (nothing was half-written).",
        "es": "{path} superaría el tamaño máximo de un archivo en este disco o sistema (una "
              "memoria USB con formato FAT32 admite como máximo 4 GB por archivo); elija otro "
              "disco e intente de nuevo (no quedó nada escrito a medias)."},
    "read_only_disk": {
        "en": "{path} is on a read-only disk or share; choose a folder you can write to.",
        "es": "{path} está en un disco o carpeta de solo lectura; elija una carpeta en la que "
              "se pueda escribir."},
    "no_permission": {
        "en": "You do not have permission to use {path}; choose another folder or ask for "
              "access.",
        "es": "No tiene permiso para usar {path}; elija otra carpeta o pida acceso."},
    "not_found": {
        "en": "{path} does not exist; check the name and the folder.",
        "es": "{path} no existe; revise el nombre y la carpeta."},
    "is_a_folder": {
        "en": "{path} is a folder; give the name of a file.",
        "es": "{path} es una carpeta; indique el nombre de un archivo."},
    "not_a_folder": {
        "en": "{path} is not a folder; give the name of a folder.",
        "es": "{path} no es una carpeta; indique el nombre de una carpeta."},
    "io_error": {
        "en": "{path} could not be read or written ({reason}); check the disk and try again.",
        "es": "No se pudo leer o escribir {path} ({reason}); revise el disco e intente de "
              "nuevo."},
    "out_of_memory": {
        "en": "The computer ran out of memory; close other programs and try again.",
        "es": "La computadora se quedó sin memoria; cierre otros programas e intente de "
              "nuevo."},
    "not_utf8": {
        "en": "{path} is not UTF-8 text; save it as UTF-8 and try again.",
        "es": "{path} no es texto UTF-8; guárdelo como UTF-8 e intente de nuevo."},
    "cannot_open": {
        "en": "{path} cannot be opened; check that the disk is connected and the file is "
              "readable.",
        "es": "No se puede abrir {path}; revise que el disco esté conectado y el archivo se "
              "pueda leer."},
}
