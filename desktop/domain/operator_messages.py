"""The sentences of operator sign-in and roles, English and Spanish (merged into
`error_messages.CATALOGUE`; kept apart so the operator work has one place)."""

from __future__ import annotations

OPERATOR_MESSAGES: dict[str, dict[str, str]] = {
    "operator.wrong_pin": {
        "en": "The name or the PIN is not right; type them again.",
        "es": "El nombre o el PIN no es correcto; escríbalos de nuevo."},
    "operator.wait": {
        "en": "Too many wrong PINs; wait {seconds} seconds and try again.",
        "es": "Demasiados PIN incorrectos; espere {seconds} segundos e intente de nuevo."},
    "operator.short_pin": {
        "en": "A PIN needs {n} to {most} characters, without spaces at either end.",
        "es": "Un PIN necesita de {n} a {most} caracteres, sin espacios al principio ni al "
              "final."},
    "operator.pins_differ": {
        "en": "The two PINs differ; type the same PIN twice.",
        "es": "Los dos PIN no coinciden; escriba el mismo PIN dos veces."},
    "operator.name_needed": {
        "en": "Type the operator's name (at most {n} characters).",
        "es": "Escriba el nombre del operador (como máximo {n} caracteres)."},
    "operator.name_control": {
        "en": "The operator's name holds a control character (an escape or an invisible "
              "mark); type it with letters, digits and spaces only.",
        "es": "El nombre del operador contiene un carácter de control (un escape o una marca "
              "invisible); escríbalo solo con letras, dígitos y espacios."},
    "operator.name_taken": {
        "en": "An active operator is already called {name}; choose another name.",
        "es": "Ya hay un operador activo llamado {name}; elija otro nombre."},
    "operator.bad_role": {
        "en": "{role} is not a role; choose keyer, verifier or supervisor.",
        "es": "{role} no es un rol; elija keyer (digitador), verifier (verificador) o "
              "supervisor."},
    "operator.not_inactive": {
        "en": "No deactivated operator is called {name}; `riskmap operators list` shows "
              "them all.",
        "es": "Ningún operador desactivado se llama {name}; `riskmap operators list` los "
              "muestra todos."},
    "operator.several_inactive": {
        "en": "{n} deactivated operators are called {name}; give --id with the one to "
              "reactivate (`riskmap operators list` shows the ids).",
        "es": "{n} operadores desactivados se llaman {name}; indique --id con el que quiere "
              "reactivar (`riskmap operators list` muestra los ids)."},
    "operator.unknown": {
        "en": "That operator does not exist in this project.",
        "es": "Ese operador no existe en este proyecto."},
    "operator.not_supervisor": {
        "en": "Only a supervisor may do this; ask a supervisor to sign in.",
        "es": "Solo un supervisor puede hacer esto; pida a un supervisor que inicie sesión."},
    "operator.last_supervisor": {
        "en": "{name} is the last active supervisor; make another operator supervisor first.",
        "es": "{name} es el último supervisor activo; nombre antes a otro operador "
              "supervisor."},
    "operator.already_claimed": {
        "en": "This project already has operators; a supervisor adds new ones in Settings.",
        "es": "Este proyecto ya tiene operadores; un supervisor agrega otros en "
              "Configuración."},
    "operator.k_below_min": {
        "en": "--k {k} is below the project's minimum group size ({min}): only a supervisor "
              "may lower it; give --operator NAME and the PIN in --pin-file FILE or the "
              "{var} environment variable.",
        "es": "--k {k} es menor que el tamaño mínimo de grupo del proyecto ({min}): solo un "
              "supervisor puede bajarlo; indique --operator NOMBRE y el PIN en --pin-file "
              "ARCHIVO o en la variable de entorno {var}."},
    "operator.k_below_min_keyer": {
        "en": "--k {k} is below the project's minimum group size ({min}): only a supervisor "
              "may lower it; ask a supervisor to sign in.",
        "es": "--k {k} es menor que el tamaño mínimo de grupo del proyecto ({min}): solo un "
              "supervisor puede bajarlo; pida a un supervisor que inicie sesión."},
    "operator.cli_needed": {
        "en": "This command needs a supervisor: give --operator NAME and the PIN in "
              "--pin-file FILE or the {var} environment variable.",
        "es": "Este comando necesita un supervisor: indique --operator NOMBRE y el PIN en "
              "--pin-file ARCHIVO o en la variable de entorno {var}."},
    "verify.not_verifier": {
        "en": "You are signed in as a keyer; a verifier or a supervisor re-keys forms for "
              "verification.",
        "es": "Usted inició sesión como digitador; la segunda digitación para verificar la "
              "hace un verificador o un supervisor."},
    "operator.pin_unreadable": {
        "en": "The PIN file {path} cannot be read ({reason}).",
        "es": "No se puede leer el archivo del PIN {path} ({reason})."},
    "operator.pin_not_text": {
        "en": "The PIN file {path} is not a text file; write the PIN on its first line.",
        "es": "El archivo del PIN {path} no es un archivo de texto; escriba el PIN en su "
              "primera línea."},
}
