"""The sentences with which a command refuses its arguments, English and Spanish: a
database that is missing or exists already, an output path of the wrong kind, a count out
of range, a round that does not exist or cannot be reported alone. Merged into
`error_messages.CATALOGUE`; what a command prints when it succeeds is in
command_messages.py."""

from __future__ import annotations

COMMAND_REFUSAL_MESSAGES: dict[str, dict[str, str]] = {
    "db_missing": {
        "en": "{path} does not exist; give the path of a project database.",
        "es": "{path} no existe; indique la ruta de una base de datos de proyecto."},
    "db_exists": {
        "en": "{path} exists already; choose a new file name.",
        "es": "{path} ya existe; elija un nombre de archivo nuevo."},
    "out_is_file": {
        "en": "{path} is a file; give a folder for the output.",
        "es": "{path} es un archivo; indique una carpeta para el resultado."},
    "demo_count": {
        "en": "--n must be between 1 and 1,000,000.",
        "es": "--n debe estar entre 1 y 1.000.000."},
    "demo_round_taken": {
        "en": "The round {round} already has forms; nothing was added. Choose another round "
              "with --round or another --seed.",
        "es": "La ronda {round} ya tiene formularios; no se agregó nada. Elija otra ronda con "
              "--round u otra --seed."},
    "no_such_round": {
        "en": "There is no round named {round}; rounds: {names}.",
        "es": "No hay una ronda llamada {round}; rondas: {names}."},
    "round_hidden": {
        "en": "Round {round} cannot be reported on its own: the report on all rounds hides "
              "it to protect a round with fewer than {min} forms (subtracting one report "
              "from the other would show those forms), so nothing was written; report on "
              "all rounds instead.",
        "es": "La ronda {round} no puede presentarse sola: el informe de todas las rondas la "
              "oculta para proteger una ronda con menos de {min} formularios (restar un "
              "informe del otro mostraría esos formularios), así que no se escribió nada; "
              "haga el informe de todas las rondas."},
    "keys.device_plaintext": {
        "en": "{path} is a plaintext project (from an older version), so this laptop's device "
              "key would be written into a file anyone who copies it can read; open the "
              "project in the window once to encrypt it first, or give --plaintext-ok to "
              "write the key anyway.",
        "es": "{path} es un proyecto sin cifrar (de una versión anterior), así que la clave "
              "de esta computadora quedaría escrita en un archivo que cualquiera que lo copie "
              "puede leer; abra antes el proyecto una vez en la ventana para cifrarlo, o "
              "indique --plaintext-ok para escribir la clave de todos modos."},
    "keys_exist": {
        "en": "{path} exists already; move the old key files away first (they may be in use).",
        "es": "{path} ya existe; primero mueva los archivos de claves anteriores (pueden "
              "estar en uso)."},
    "table_missing": {
        "en": "{path} does not exist; give the path of a .csv or .xlsx file.",
        "es": "{path} no existe; indique la ruta de un archivo .csv o .xlsx."},
    "operator_missing": {
        "en": "--operator must name someone.",
        "es": "--operator debe indicar a una persona."},
    "out_suffix": {
        "en": "{path} must end in {suffixes}.",
        "es": "{path} debe terminar en {suffixes}."},
    "out_folder_missing": {
        "en": "The folder {path} does not exist; create it first.",
        "es": "La carpeta {path} no existe; créela primero."},
}
