"""`riskmap --help` in Spanish: the program's description, each subcommand's one-line help
and each option's help, keyed by the English text the command modules give argparse.

The English stays where the option is defined (desktop/commands/*.py), so it is said once;
this table gives its Spanish, as a Qt .ts file does for tr() (the source text is the key,
so an English text that changes shows up untranslated instead of keeping a stale
translation). commands/help_language.py applies it when RISKMAP_LANG (or LANG) is Spanish;
tests/test_spanish_output.py fails on any help text without a Spanish line here.
argparse's own fixed words ("usage:", "options:") stay as argparse prints them.
"""

from __future__ import annotations

HELP_ES: dict[str, str] = {
    # riskmap (no subcommand: the desktop app)
    "RiskMap Survey Desk: key, verify, chart and send survey forms. Without a subcommand the "
    "desktop app starts.":
        "RiskMap Survey Desk: digitar, verificar, graficar y enviar formularios de encuesta. "
        "Sin subcomando se abre la aplicación de escritorio.",
    "show this help message and exit": "mostrar esta ayuda y salir",
    "show program's version number and exit": "mostrar la versión del programa y salir",
    "database to open in the desktop app": "base de datos que abre la aplicación de escritorio",
    "run the built-in self-test offscreen and exit":
        "ejecutar la autoprueba integrada sin pantalla y salir",
    "file whose first line is the team passphrase (or set RISKMAP_PASSPHRASE)":
        "archivo cuya primera línea es la frase de acceso del equipo (o defina "
        "RISKMAP_PASSPHRASE)",
    "a supervisor's name (or RISKMAP_OPERATOR)":
        "el nombre de un supervisor (o RISKMAP_OPERATOR)",
    "file whose first line is the supervisor's PIN (or RISKMAP_PIN)":
        "archivo cuya primera línea es el PIN del supervisor (o RISKMAP_PIN)",

    # the subcommands, one line each
    "create a project database": "crear la base de datos de un proyecto",
    "add plausible synthetic forms": "agregar formularios sintéticos verosímiles",
    "integrity check and schema report": "verificación de integridad e informe del esquema",
    "headquarters keys for bundles": "claves de la sede para los paquetes",
    "write an encrypted, signed bundle for HQ": "escribir un paquete cifrado y firmado para la sede",
    "merge bundles into the HQ database": "fusionar paquetes en la base de datos de la sede",
    "write scores.csv, chart PNGs and report.pdf":
        "escribir scores.csv, los gráficos PNG y report.pdf",
    "forms keyed elsewhere": "formularios digitados en otro lugar",
    "the blank paper form as an A4 PDF": "el formulario en papel, en blanco, como PDF A4",
    "every stored questionnaire version: question ids, text, type, codes, skip and check "
    "rules":
        "cada versión guardada del cuestionario: ids de pregunta, texto, tipo, códigos, "
        "reglas de salto y de control",
    "HQ's register of enrolled laptops": "el registro de la sede de computadoras inscritas",
    "questionnaire versions of a project": "versiones del cuestionario de un proyecto",
    "labelled data files for analysts (CSV, XLSX, Stata, SPSS)":
        "archivos de datos etiquetados para analistas (CSV, XLSX, Stata, SPSS)",
    "read-only SQL on a project database":
        "SQL de solo lectura sobre la base de datos de un proyecto",
    "who may sign in, with which role": "quién puede iniciar sesión, y con qué rol",

    # init, demo, check
    "questionnaire JSON or XLSForm workbook (.xlsx) (default: the border-security risk map)":
        "cuestionario JSON o libro XLSForm (.xlsx) (por defecto: el mapa de riesgos de "
        "seguridad fronteriza)",
    "an HQ age1... recipient (or a file of them) that can recover the database key; may be "
    "repeated":
        "un destinatario age1... de la sede (o un archivo con ellos) que puede recuperar la "
        "clave de la base de datos; se puede repetir",
    "round name (default: 'Demo SEED')": "nombre de la ronda (por defecto: 'Demo SEED')",
    "print the report as one JSON object": "imprimir el informe como un objeto JSON",
    "rebuild derived data (the dashboard's analysis snapshot) from the answer rows first":
        "reconstruir antes los datos derivados (la instantánea de análisis del tablero) a "
        "partir de las respuestas",
    "SQLite's quick_check instead of its full integrity_check: every page is still read, "
    "but rows are not looked up in their indexes (faster on a large file; everything else "
    "is checked as always)":
        "quick_check de SQLite en lugar de su integrity_check completo: se sigue leyendo "
        "cada página, pero las filas no se buscan en sus índices (más rápido en un archivo "
        "grande; todo lo demás se comprueba como siempre)",

    # keys
    "make the HQ age identity and recipient": "crear la identidad y el destinatario age de la sede",
    "the device id and fingerprint of this laptop's copy of a project (for HQ to enrol it)":
        "el id del equipo y la huella de la copia de un proyecto en esta computadora (para "
        "que la sede la inscriba)",
    "set a new passphrase with HQ's escrow key":
        "poner una nueva frase de acceso con la clave de custodia de la sede",
    "print the raw database key as x'HEX'":
        "imprimir la clave de la base de datos en bruto como x'HEX'",
    "wrap the database key to a new passphrase":
        "envolver la clave de la base de datos con una nueva frase de acceso",
    "folder for the key files": "carpeta para los archivos de claves",
    "the project (its device key is kept inside its database)":
        "el proyecto (su clave de equipo se guarda dentro de su base de datos)",
    "the HQ age identity file the key was escrowed to":
        "el archivo de identidad age de la sede bajo cuya custodia quedó la clave",
    "write the key even into a plaintext project (from an older version) that has none yet":
        "escribir la clave incluso en un proyecto sin cifrar (de una versión anterior) que "
        "aún no tiene ninguna",
    "make the device key even inside a plaintext project (from an older version) that has "
    "none yet":
        "crear la clave del equipo incluso dentro de un proyecto sin cifrar (de una versión "
        "anterior) que aún no tiene ninguna",
    "use an HQ escrow identity instead of the passphrase":
        "usar una identidad de custodia de la sede en lugar de la frase de acceso",

    # export, import, report
    "an age1... recipient or a file of them (may be repeated)":
        "un destinatario age1... o un archivo con ellos (se puede repetir)",
    "folder for the bundle": "carpeta para el paquete",
    "every form, not only what changed since the last export":
        "todos los formularios, no solo lo que cambió desde la última exportación",
    "HQ age identity file": "archivo de identidad age de la sede",
    "only this collection round (its name)": "solo esta ronda de recolección (su nombre)",

    # forms, print-form, codebook
    "import a CSV/XLSX table: one row per form, a form_number column and one column per "
    "question id (codes; multichoice codes separated by spaces)":
        "importar una tabla CSV/XLSX: una fila por formulario, una columna form_number y una "
        "columna por id de pregunta (códigos; los de opción múltiple separados por espacios)",
    "round name (created with the newest questionnaire version when the project has none of "
    "that name)":
        "nombre de la ronda (se crea con la versión más reciente del cuestionario si el "
        "proyecto no tiene ninguna con ese nombre)",
    "operator named in the audit log": "operador que figura en el registro de auditoría",
    "print the questionnaire of this round": "imprimir el cuestionario de esta ronda",
    "first pre-printed form number": "primer número de formulario preimpreso",
    "last pre-printed form number": "último número de formulario preimpreso",
    "FILE.pdf or FILE.csv": "ARCHIVO.pdf o ARCHIVO.csv",

    # devices, questionnaire
    "enrolled and revoked devices": "equipos inscritos y revocados",
    "enrol a laptop by its fingerprint": "inscribir una computadora por su huella",
    "refuse a laptop's later bundles": "rechazar los paquetes posteriores de una computadora",
    "as `riskmap keys device` prints it on the laptop":
        "tal como la imprime `riskmap keys device` en la computadora",
    "a name for the laptop": "un nombre para la computadora",
    "why (kept in the audit log)": "por qué (se guarda en el registro de auditoría)",
    "let a second laptop of a team add forms to a round another device brought":
        "permitir que una segunda computadora de un equipo agregue formularios a una ronda "
        "que trajo otro equipo",
    "as the held bundle names it": "tal como lo nombra el paquete retenido",
    "the round's name at HQ": "el nombre de la ronda en la sede",
    "the post keeps the copy of a device's project that made this held bundle: HQ follows "
    "that copy from this bundle on":
        "el puesto conserva la copia del proyecto de un dispositivo que hizo este paquete "
        "retenido: la sede sigue esa copia desde este paquete",
    "HQ's age identity (as for `riskmap import`)":
        "la identidad age de la sede (como para `riskmap import`)",
    "the held bundle of the copy the post keeps":
        "el paquete retenido de la copia que conserva el puesto",
    "do it (without it: only say what it would do)":
        "hacerlo (sin esta opción: solo decir lo que haría)",
    "stored versions, the adopted one marked": "versiones guardadas, con la adoptada marcada",
    "adopt a stored version for the project (audited)":
        "adoptar una versión guardada para el proyecto (queda en la auditoría)",
    "store a new version (JSON or XLSForm .xlsx)":
        "guardar una nueva versión (JSON o XLSForm .xlsx)",
    "name written in the audit log": "nombre que se escribe en el registro de auditoría",

    # data, query
    "One row per live form with labels, in CSV, XLSX, Stata .dta and SPSS .sav, protected by "
    "the re-identification guard (k-anonymity on the profile questions) and with a "
    "disclosure report beside the files.":
        "Una fila por formulario vigente, con etiquetas, en CSV, XLSX, Stata .dta y SPSS "
        ".sav, protegida por la salvaguarda contra la reidentificación (k-anonimato en las "
        "preguntas de perfil) y con un informe de divulgación junto a los archivos.",
    "folder for the files": "carpeta para los archivos",
    "comma-separated: csv, xlsx, dta, sav (default: all four)":
        "separados por comas: csv, xlsx, dta, sav (por defecto: los cuatro)",
    "language of the labels": "idioma de las etiquetas",
    "fewest rows any profile combination may have (default: the project's minimum group "
    "size)":
        "el mínimo de filas que puede tener cualquier combinación de perfil (por defecto: el "
        "tamaño mínimo de grupo del proyecto)",
    "add free-text answers (they can name people)":
        "agregar las respuestas de texto libre (pueden nombrar a personas)",
    "supervisors only: write without the guard; the files are named UNPROTECTED and the "
    "export is recorded in the audit log":
        "solo supervisores: escribir sin la salvaguarda; los archivos se llaman UNPROTECTED y "
        "la exportación queda en el registro de auditoría",
    "Run one read-only SQL statement (statements that write are refused).":
        "Ejecutar una sentencia SQL de solo lectura (se rechazan las que escriben).",
    "one SELECT (or WITH ... SELECT) statement": "una sentencia SELECT (o WITH ... SELECT)",
    "CSV on standard output": "CSV en la salida estándar",
    "a JSON array of objects": "un arreglo JSON de objetos",

    # operators
    "operators of the project and their roles": "los operadores del proyecto y sus roles",
    "a new operator (the first one is the supervisor)":
        "un operador nuevo (el primero es el supervisor)",
    "change an operator's role": "cambiar el rol de un operador",
    "give an operator a new PIN": "dar un PIN nuevo a un operador",
    "the operator can no longer sign in (their forms keep their id)":
        "el operador ya no puede iniciar sesión (sus formularios conservan su id)",
    "the new operator's name": "el nombre del nuevo operador",
    "give an active operator another name (their forms keep the name they were keyed under)":
        "dar otro nombre a un operador activo (sus formularios conservan el nombre con el "
        "que se digitaron)",
    "a deactivated operator may sign in again, with the PIN they had":
        "un operador desactivado puede volver a iniciar sesión, con el PIN que tenía",
    "which one, when several deactivated operators share the name (see `riskmap operators "
    "list`)":
        "cuál, si varios operadores desactivados tienen el mismo nombre (vea `riskmap "
        "operators list`)",
    "another name, when an active operator has theirs now":
        "otro nombre, si ahora un operador activo tiene el suyo",
    "file whose first line is the new operator's PIN (or RISKMAP_NEW_PIN)":
        "archivo cuya primera línea es el PIN del nuevo operador (o RISKMAP_NEW_PIN)",
}

# argparse's own refusals (its message templates, as argparse writes them) in Spanish, and
# the words around them; commands/usage_errors.py matches a refusal against the templates.
USAGE_ES: dict[str, str] = {
    "the following arguments are required: %s": "faltan estos argumentos obligatorios: %s",
    "argument %(argument_name)s: %(message)s": "argumento %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "valor no válido (%(type)s): %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "opción no válida: %(value)r (elija entre %(choices)s)",
    "expected one argument": "se esperaba un valor",
    "expected at least one argument": "se esperaba al menos un valor",
    "expected at most one argument": "se esperaba como mucho un valor",
    "unrecognized arguments: %s": "argumentos no reconocidos: %s",
    "one of the arguments %s is required": "hace falta uno de los argumentos %s",
    "not allowed with argument %s": "no se permite junto con el argumento %s",
    "ambiguous option: %(option)s could match %(matches)s":
        "opción ambigua: %(option)s puede ser %(matches)s",
    "ignored explicit argument %r": "se ignoró el argumento explícito %r",
}
USAGE_TYPES_ES = {"int": "número entero", "float": "número", "Path": "ruta"}
USAGE_SEE_HELP = {"en": "{message}; see {prog} --help.", "es": "{message}; vea {prog} --help."}
