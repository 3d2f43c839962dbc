"""The one catalogue of error sentences, English and Spanish (Qt-free).

Each sentence says what happened and what to do; the command line, the services and the
window all show these (`user_error.UserError`). Keys are grouped by prefix: files and
databases, commands, the services' refusals, verification (`verify.<key>`), printing and
SQL here; bundles and series (`bundle.<kind>`, see bundle/errors.py: bundle_messages.py),
passphrases and keys (key_messages.py) and operators (operator_messages.py) in modules of
their own, merged into `CATALOGUE` below (a key defined twice is an error at import). A
test checks both languages are complete and take the same fields.
"""

from __future__ import annotations

CATALOGUE: dict[str, dict[str, str]] = {
    # Files, disks and databases.
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

    # Commands.
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

    # Devices, questionnaire versions, data files, form tables (services' refusals).
    "device.bad_fingerprint": {
        "en": "'{text}' is not a device fingerprint (8 groups of 4 hex digits, as "
              "`riskmap keys device --db` prints it on the laptop).",
        "es": "'{text}' no es una huella de dispositivo (8 grupos de 4 dígitos hexadecimales, "
              "como la muestra `riskmap keys device --db` en la laptop)."},
    "device.name_control": {
        "en": "The device's name holds a control character (an escape or an invisible "
              "mark); type it with letters, digits and spaces only.",
        "es": "El nombre del dispositivo contiene un carácter de control (un escape o una "
              "marca invisible); escríbalo solo con letras, dígitos y espacios."},
    "device.already_enrolled": {
        "en": "The device {device} is already enrolled; nothing was changed.",
        "es": "El dispositivo {device} ya está registrado; no se cambió nada."},
    "device.already_revoked": {
        "en": "The device {device} is already revoked; nothing was changed.",
        "es": "El dispositivo {device} ya está revocado; no se cambió nada."},
    "device.not_enrolled": {
        "en": "The device {device} is not enrolled; see `riskmap devices list`.",
        "es": "El dispositivo {device} no está registrado; vea `riskmap devices list`."},
    "device.revoked_on": {
        "en": "The device {device} was revoked already on {date}; nothing was changed.",
        "es": "El dispositivo {device} ya fue revocado el {date}; no se cambió nada."},
    "adopt.no_match": {
        "en": "'{prefix}' matches no stored version; give at least 6 leading digits of one "
              "sha256 from `riskmap questionnaire list`.",
        "es": "'{prefix}' no coincide con ninguna versión guardada; indique al menos los 6 "
              "primeros dígitos de un sha256 de `riskmap questionnaire list`."},
    "adopt.many": {
        "en": "'{prefix}' matches {n} stored versions; give at least 6 leading digits of one "
              "sha256 from `riskmap questionnaire list`.",
        "es": "'{prefix}' coincide con {n} versiones guardadas; indique al menos los 6 "
              "primeros dígitos de un sha256 de `riskmap questionnaire list`."},
    "adopt.invalid": {
        "en": "That version is not a valid questionnaire ({problem}); it was not adopted.",
        "es": "Esa versión no es un cuestionario válido ({problem}); no se adoptó."},
    "data.format": {
        "en": "Unknown format {formats}; choose from {choices}.",
        "es": "Formato desconocido {formats}; elija entre {choices}."},
    "data.no_format": {
        "en": "No format was given; choose from {choices}.",
        "es": "No se indicó ningún formato; elija entre {choices}."},
    "data.k": {
        "en": "k must be at least 1.",
        "es": "k debe ser al menos 1."},
    "data.folder": {
        "en": "{path} is a file; give a folder for the data files.",
        "es": "{path} es un archivo; indique una carpeta para los archivos de datos."},
    "data.round": {
        "en": "There is no round named {round}; rounds: {names}.",
        "es": "No hay una ronda llamada {round}; rondas: {names}."},
    "data.too_few": {
        "en": "Only {n} {n:form matches|forms match}, fewer than the minimum group size {k}; a "
              "row-level file could name the respondents, so nothing was written.",
        "es": "Solo {n:coincide|coinciden} {n} {n:formulario|formularios}, menos que el tamaño "
              "mínimo de grupo {k}; un archivo con una fila por formulario podría "
              "identificar a los encuestados, así "
              "que no se escribió nada."},
    "form_table.suffix": {
        "en": "{name} is neither a .csv nor an .xlsx file; save the table as one of them.",
        "es": "{name} no es un archivo .csv ni .xlsx; guarde la tabla en uno de esos "
              "formatos."},
    "form_table.empty": {
        "en": "{name} is empty; it needs a header row with form_number and the question ids.",
        "es": "{name} está vacío; necesita una fila de encabezado con form_number y los "
              "identificadores de las preguntas."},
    "form_table.not_utf8": {
        "en": "{name} is not UTF-8 text; save the CSV as UTF-8.",
        "es": "{name} no es texto UTF-8; guarde el CSV como UTF-8."},
    "export.no_recipient": {
        "en": "No headquarters recipient is set; add the recipient key (age1...) headquarters "
              "gave you, then export again.",
        "es": "No hay ningún destinatario de la sede central; agregue la clave de destinatario "
              "(age1...) que le dio la sede y exporte de nuevo."},
    "export.no_folder": {
        "en": "The folder {path} does not exist; choose an existing folder.",
        "es": "La carpeta {path} no existe; elija una carpeta que exista."},
    "export.out_is_file": {
        "en": "{path} is a file; choose a folder for the bundle.",
        "es": "{path} es un archivo; elija una carpeta para el paquete."},
    "export.nothing_new": {
        "en": "Nothing has changed since the last export; choose a full export to send "
              "everything again.",
        "es": "No hay cambios desde la última exportación; elija una exportación completa para "
              "enviar todo de nuevo."},
    "export.no_forms": {
        "en": "The project has no forms yet, so there is nothing to send; key the paper "
              "forms first.",
        "es": "El proyecto todavía no tiene formularios, así que no hay nada que enviar; "
              "digite primero los formularios en papel."},
    "form_table.bad_csv": {
        "en": "{name} could not be read as a CSV table at line {line}; save it again from the "
              "spreadsheet as CSV (UTF-8).",
        "es": "{name} no se pudo leer como tabla CSV en la línea {line}; guárdelo de nuevo "
              "desde la hoja de cálculo como CSV (UTF-8)."},
    "form_table.bad_workbook": {
        "en": "{name} could not be read as an Excel workbook (.xlsx); save it again from "
              "the spreadsheet as .xlsx or as CSV (UTF-8).",
        "es": "No se pudo leer {name} como libro de Excel (.xlsx); guárdelo de nuevo desde "
              "la hoja de cálculo como .xlsx o como CSV (UTF-8)."},
    "form_table.no_round": {
        "en": "Give the name of the round the forms belong to.",
        "es": "Indique el nombre de la ronda a la que pertenecen los formularios."},
    "form_table.problems": {
        "en": "{name} was not imported: {n} {n:problem|problems} in {rows} {rows:row|rows}; "
              "nothing was written. "
              "Correct the file and import it again.",
        "es": "{name} no se importó: {n} {n:problema|problemas} en {rows} {rows:fila|filas}; "
              "no se escribió nada. "
              "Corrija el archivo e impórtelo de nuevo."},
    "form_table.no_forms": {
        "en": "{name} has no forms below its header; nothing was written.",
        "es": "{name} no tiene formularios debajo del encabezado; no se escribió nada."},
    "import.unreadable": {
        "en": "The file could not be read ({reason}); check the path and try again.",
        "es": "No se pudo leer el archivo ({reason}); revise la ruta e intente de nuevo."},

    # Verification (services/verification_service.py).
    "verify.no_form": {
        "en": "Form {n} is not in this round. Check the number on the paper.",
        "es": "El formulario {n} no está en esta ronda. Revise el número en el papel."},
    "verify.not_entered": {
        "en": "Form {n} cannot be verified now (its status is {status}).",
        "es": "El formulario {n} no se puede verificar ahora (su estado es {status})."},
    "verify.same_operator": {
        "en": "Form {n} was keyed by {operator}; another operator must verify it.",
        "es": "El formulario {n} lo digitó {operator}; debe verificarlo otra persona."},
    "verify.open_exists": {
        "en": "Form {n} already has a verification waiting for its decisions.",
        "es": "El formulario {n} ya tiene una verificación pendiente de decisiones."},
    "verify.no_verification": {
        "en": "This verification no longer exists or is already finished.",
        "es": "Esta verificación ya no existe o ya está terminada."},
    "verify.bad_decision": {
        "en": "Choose keep first, keep second or type the correct value.",
        "es": "Elija mantener la primera, mantener la segunda o escriba el valor correcto."},
    "verify.bad_value": {
        "en": "The value typed for {question} is not valid: {problem}",
        "es": "El valor escrito para {question} no es válido: {problem}"},
    "verify.bad_rule": {
        "en": "Choose a sample rule: every form, every Nth form, a random share or none.",
        "es": "Elija una regla de muestra: todos los formularios, uno de cada N, una "
              "proporción al azar o ninguno."},
    "verify.undecided": {
        "en": "{n} {n:discrepancy still needs|discrepancies still need} a decision.",
        "es": "Faltan decisiones para {n} {n:discrepancia|discrepancias}."},
    "verify.final_invalid": {
        "en": "The corrected form is not valid at {question}: {problem} Change that decision.",
        "es": "El formulario corregido no es válido en {question}: {problem} Cambie esa "
              "decisión."},

    # Printing blank forms (services/print_service.py).
    "print.no_round": {
        "en": "There is no round named {round}; rounds: {names}.",
        "es": "No hay ninguna ronda llamada {round}; rondas: {names}."},
    "print.outside_range": {
        "en": "Form numbers {first}-{last} fall outside the range {low}-{high} of round "
              "{round}.",
        "es": "Los números de formulario {first}-{last} quedan fuera del rango {low}-{high} "
              "de la ronda {round}."},
    "print.both_or_neither": {
        "en": "Give both --from and --to, or neither.",
        "es": "Indique --from y --to, o ninguno de los dos."},
    "print.from_after_to": {
        "en": "--from must be a form number no greater than --to.",
        "es": "--from debe ser un número de formulario no mayor que --to."},
    "print.too_many": {
        "en": "At most {n} forms can be printed at once.",
        "es": "Se pueden imprimir como máximo {n} formularios a la vez."},

    # Read-only SQL for analysts (storage/sql_query.py).
    "query.writes": {
        "en": "Only reading statements (SELECT, WITH ... SELECT) are allowed; this one would "
              "change the database.",
        "es": "Solo se permiten consultas de lectura (SELECT, WITH ... SELECT); esta "
              "cambiaría la base de datos."},
    "query.failed": {
        "en": "The statement did not run: {problem}.",
        "es": "La consulta no se ejecutó: {problem}."},
    "query.one_statement": {
        "en": "Give one statement at a time (no semicolon between two statements).",
        "es": "Indique una sola consulta a la vez (sin punto y coma entre dos consultas)."},
    "query.stopped": {
        "en": "The statement stopped after {n} {n:row|rows} ({problem}); the output above is "
              "incomplete.",
        "es": "La consulta se detuvo después de {n} {n:fila|filas} ({problem}); la salida "
              "anterior está incompleta."},
}


# The parts kept in modules of their own (see the docstring).
from .bundle_messages import BUNDLE_MESSAGES  # noqa: E402
from .copy_messages import COPY_MESSAGES  # noqa: E402
from .key_messages import KEY_MESSAGES  # noqa: E402
from .operator_messages import OPERATOR_MESSAGES  # noqa: E402

for _part in (BUNDLE_MESSAGES, COPY_MESSAGES, KEY_MESSAGES, OPERATOR_MESSAGES):
    _twice = CATALOGUE.keys() & _part.keys()
    if _twice:
        raise KeyError(f"defined twice in the error catalogue: {sorted(_twice)}")
    CATALOGUE.update(_part)
