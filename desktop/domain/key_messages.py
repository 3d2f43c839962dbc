"""The sentences of passphrases and database keys, English and Spanish (the commands' and
services/db_keys.py's). Merged into `error_messages.CATALOGUE`; kept apart so the work on
keys at rest has one place."""

from __future__ import annotations

KEY_MESSAGES: dict[str, dict[str, str]] = {
    # Passphrases and database keys (commands).
    "keys.not_encrypted": {
        "en": "{path} has no key file beside it ({keys}); it is not an encrypted project.",
        "es": "{path} no tiene un archivo de claves al lado ({keys}); no es un proyecto "
              "cifrado."},
    "keys.no_new_passphrase": {
        "en": "Give the new passphrase with --passphrase-file FILE or RISKMAP_PASSPHRASE.",
        "es": "Indique la nueva frase de acceso con --passphrase-file ARCHIVO o "
              "RISKMAP_PASSPHRASE."},
    "keys.weak_new": {
        "en": "The new passphrase is too weak: {problem}.",
        "es": "La nueva frase de acceso es demasiado débil: {problem}."},
    "passphrase.unreadable": {
        "en": "The passphrase file {path} could not be read ({reason}).",
        "es": "No se pudo leer el archivo de la frase de acceso {path} ({reason})."},
    "passphrase.not_text": {
        "en": "The passphrase file {path} is not a text file; write the passphrase on its "
              "first line.",
        "es": "El archivo de la frase de acceso {path} no es un archivo de texto; escriba la "
              "frase de acceso en su primera línea."},
    "passphrase.needed": {
        "en": "{path} needs the team passphrase: give --passphrase-file FILE or set {var}.",
        "es": "{path} necesita la frase de acceso del equipo: indique --passphrase-file "
              "ARCHIVO o defina {var}."},
    "passphrase.wrong": {
        "en": "The passphrase does not open {path}; check it and try again.",
        "es": "La frase de acceso no abre {path}; revísela e intente de nuevo."},
    "passphrase.weak_new_project": {
        "en": "The passphrase for a new project is too weak: {problem}.",
        "es": "La frase de acceso para un proyecto nuevo es demasiado débil: {problem}."},
    "passphrase.orphan_keys": {
        "en": "{keys} exists but {path} does not; restore the database or move the key file "
              "away.",
        "es": "{keys} existe pero {path} no; restaure la base de datos o mueva el archivo de "
              "claves a otro lugar."},
    "passphrase.bad_escrow": {
        "en": "{value} is not an age recipient (age1...) or a file of them.",
        "es": "{value} no es un destinatario age (age1...) ni un archivo de destinatarios."},

    # Database keys (services/db_keys.py).
    "keys.wrong_passphrase": {
        "en": "The passphrase is not right for this project; type it again.",
        "es": "La frase de acceso no es la de este proyecto; escríbala de nuevo."},
    "keys.not_escrow": {
        "en": "{identity} is not an escrow key of this project.",
        "es": "{identity} no es una clave de custodia de este proyecto."},
    "keys.empty_passphrase": {
        "en": "The passphrase is empty; give the team passphrase.",
        "es": "La frase de acceso está vacía; indique la frase de acceso del equipo."},
    "keys.file_missing": {
        "en": "{path} is missing: without it the database cannot be opened; copy it from "
              "where the database came from, or restore it from a backup.",
        "es": "Falta {path}: sin él no se puede abrir la base de datos; cópielo desde donde "
              "vino la base de datos o restáurelo desde una copia de respaldo."},
    "keys.file_damaged": {
        "en": "{path} is damaged; restore the key file from a backup.",
        "es": "{path} está dañado; restaure el archivo de claves desde una copia de "
              "respaldo."},
    "keys.file_foreign": {
        "en": "{path} is not a RiskMap key file; restore the key file that belongs to the "
              "database.",
        "es": "{path} no es un archivo de claves de RiskMap; restaure el archivo de claves "
              "que corresponde a la base de datos."},
    "keys.file_other_key": {
        "en": "{path} holds another key than expected; restore the key file that belongs to "
              "this database.",
        "es": "{path} contiene otra clave que la esperada; restaure el archivo de claves que "
              "corresponde a esta base de datos."},
    "keys.file_exists": {
        "en": "{path} exists already; this database has a key.",
        "es": "{path} ya existe; esta base de datos ya tiene clave."},
    "keys.not_plaintext": {
        "en": "{path} is not a plaintext project.",
        "es": "{path} no es un proyecto sin cifrar."},
    "keys.not_identity": {
        "en": "{path} is not an age identity file (AGE-SECRET-KEY-...).",
        "es": "{path} no es un archivo de identidad age (AGE-SECRET-KEY-...)."},
    "keys.not_recipient": {
        "en": "{value}... is not an age recipient (age1...).",
        "es": "{value}... no es un destinatario age (age1...)."},
}
