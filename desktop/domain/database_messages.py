"""The sentences of opening a project database, English and Spanish: not ours, damaged,
encrypted without its key file, locked, read-only, from a newer or older version, or with
no questionnaire (`db_*`, `questionnaire_bad`). Merged into `error_messages.CATALOGUE`."""

from __future__ import annotations

DATABASE_MESSAGES: dict[str, dict[str, str]] = {
    "db_empty": {
        "en": "{path} is an empty file, not a RiskMap database; it was not changed. Choose the "
              "project file.",
        "es": "{path} es un archivo vacío, no una base de datos de RiskMap; no se modificó. "
              "Elija el "
              "archivo del proyecto."},
    "db_not_sqlite": {
        "en": "{path} is not a RiskMap database (it is not an SQLite file); it was not "
              "changed. Choose the project file.",
        "es": "{path} no es una base de datos de RiskMap (no es un archivo SQLite); no se "
              "modificó. Elija el archivo del proyecto."},
    "db_keys_not_beside": {
        "en": "{path} looks like an encrypted project whose key file ({path}.keys) is not "
              "beside it; copy the key file next to it and try again (nothing was changed).",
        "es": "{path} parece un proyecto cifrado cuyo archivo de claves ({path}.keys) no está "
              "a su lado; copie el archivo de claves junto a él e intente de nuevo (no se "
              "modificó nada)."},
    "db_wrong_key": {
        "en": "{path} does not open with the key in its key file ({path}.keys): that key "
              "file belongs to another database; put back the one that came with it.",
        "es": "{path} no se abre con la clave de su archivo de claves ({path}.keys): ese "
              "archivo de claves es de otra base de datos; vuelva a poner el que vino con "
              "ella."},
    "db_needs_passphrase": {
        "en": "{path} is encrypted; opening it needs the team passphrase.",
        "es": "{path} está cifrado; para abrirlo hace falta la frase de acceso del equipo."},
    "db_not_encrypted_yet": {
        "en": "{path} is not encrypted yet; convert it before opening it with a key.",
        "es": "{path} todavía no está cifrado; conviértalo antes de abrirlo con una clave."},
    "db_foreign": {
        "en": "{path} belongs to another program, it is not a RiskMap database; it was not "
              "changed. Choose the project file.",
        "es": "{path} pertenece a otro programa, no es una base de datos de RiskMap; no se "
              "modificó. Elija el archivo del proyecto."},
    "db_damaged": {
        "en": "{path} is damaged (the database is malformed); restore it from a backup copy "
              "and keep the damaged file for the support team.",
        "es": "{path} está dañado (la base de datos está corrupta); restáurelo desde una copia "
              "de seguridad y guarde el archivo dañado para el equipo de soporte."},
    "db_read_only": {
        "en": "{path} is read-only (the file, its folder or the disk); copy it to a folder "
              "you can write to and open the copy.",
        "es": "{path} es de solo lectura (el archivo, su carpeta o el disco); cópielo a una "
              "carpeta en la que se pueda escribir y abra la copia."},
    "db_locked": {
        "en": "{path} is busy in another window or program; close it there and try again.",
        "es": "{path} está ocupado en otra ventana o programa; ciérrelo allí e intente de "
              "nuevo."},
    "db_too_new": {
        "en": "{path} was written by a newer version of RiskMap Survey Desk (schema {found}; "
              "this program knows up to {known}). Install the newer version to open it; the "
              "file was not changed.",
        "es": "{path} fue escrito por una versión más nueva de RiskMap Survey Desk (esquema "
              "{found}; este programa conoce hasta {known}). Instale la versión más nueva para "
              "abrirlo; el archivo no se modificó."},
    "db_older_schema": {
        "en": "{path} was made by an older version of RiskMap Survey Desk; open it once in "
              "the program (or with a command that writes) to bring it up to date, then try "
              "again. The file was not changed.",
        "es": "{path} fue creado por una versión anterior de RiskMap Survey Desk; ábralo una "
              "vez en el programa (o con un comando que escriba) para actualizarlo e intente "
              "de nuevo. El archivo no se modificó."},
    "db_no_questionnaire": {
        "en": "{path} has no questionnaire; it is not a RiskMap project.",
        "es": "{path} no tiene cuestionario; no es un proyecto de RiskMap."},
    "db_no_device_key": {
        "en": "{path} has no device key yet; open it once for writing (in the program or with "
              "`riskmap keys device --db`) and try again.",
        "es": "{path} aún no tiene clave de dispositivo; ábralo una vez con permiso de "
              "escritura (en el programa o con `riskmap keys device --db`) e intente de "
              "nuevo."},
    "questionnaire_bad": {
        "en": "{problem} ({n} {n:problem|problems} in the questionnaire; fix the file and try "
              "again)",
        "es": "{problem} ({n} {n:problema|problemas} en el cuestionario; corrija el archivo e "
              "intente "
              "de nuevo)"},
}
