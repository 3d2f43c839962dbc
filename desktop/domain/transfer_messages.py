"""The sentences of files that carry forms out of or into a project, English and Spanish:
row-level data files (`data.*`, services/data_export.py), bundles for headquarters
(`export.*`, services/export_service.py) and a bundle file that cannot be read at import
(`import.unreadable`). Merged into `error_messages.CATALOGUE`; a bundle's own refusals are
in bundle_messages.py."""

from __future__ import annotations

TRANSFER_MESSAGES: dict[str, dict[str, str]] = {
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
    "import.unreadable": {
        "en": "The file could not be read ({reason}); check the path and try again.",
        "es": "No se pudo leer el archivo ({reason}); revise la ruta e intente de nuevo."},
}
