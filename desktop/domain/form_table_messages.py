"""The sentences of importing paper forms from a table (`riskmap forms import`, a .csv or
.xlsx file), English and Spanish (`form_table.*`). Merged into
`error_messages.CATALOGUE`."""

from __future__ import annotations

FORM_TABLE_MESSAGES: dict[str, dict[str, str]] = {
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
}
