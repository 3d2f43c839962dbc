"""Plain-language messages of the domain layer, in English and Spanish.

The domain layer has no Qt, so it cannot use `tr()`; its few messages live here as a
catalogue keyed by message id, complete in both languages (a test checks this). The UI
shows them as they are.
"""

from __future__ import annotations

from .plural import fill

MESSAGES: dict[str, dict[str, str]] = {
    "required": {
        "en": "An answer is required.",
        "es": "Se requiere una respuesta.",
    },
    "not_integer": {
        "en": "Type a whole number.",
        "es": "Escriba un número entero.",
    },
    "not_number": {
        "en": "Type a number (for example 2.5).",
        "es": "Escriba un número (por ejemplo 2,5).",
    },
    "not_codes": {
        "en": "Type the codes separated by spaces.",
        "es": "Escriba los códigos separados por espacios.",
    },
    "not_date": {
        "en": "Type a date as YYYY-MM-DD.",
        "es": "Escriba una fecha como AAAA-MM-DD.",
    },
    "below_min": {
        "en": "The value is below the minimum {min}.",
        "es": "El valor es menor que el mínimo {min}.",
    },
    "above_max": {
        "en": "The value is above the maximum {max}.",
        "es": "El valor es mayor que el máximo {max}.",
    },
    "unknown_code": {
        "en": "{value} is not one of the codes {codes}.",
        "es": "{value} no es uno de los códigos {codes}.",
    },
    "missing_not_allowed": {
        "en": "A missing code cannot be combined with other codes here.",
        "es": "Aquí no se puede combinar un código de no respuesta con otros códigos.",
    },
    "constraint": {
        "en": "The answer breaks the rule {rule}.",
        "es": "La respuesta no cumple la regla {rule}.",
    },
    "too_long": {
        "en": "The text is longer than {max_length} characters.",
        "es": "El texto tiene más de {max_length} caracteres.",
    },
    "not_applicable": {
        "en": "This question does not apply given earlier answers; leave it empty.",
        "es": "Esta pregunta no corresponde según las respuestas anteriores; déjela vacía.",
    },
    "unknown_question": {
        "en": "There is no question {question} in this questionnaire.",
        "es": "No hay una pregunta {question} en este cuestionario.",
    },

    "form_invalid": {"en": "The form has {n} {n:problem|problems}; it was not saved.",
                "es": "El formulario tiene {n} {n:problema|problemas}; no se guardó."},
    "form_duplicate": {"en": "Form number {n} is already used in this round.",
                  "es": "El número de formulario {n} ya se usó en esta ronda."},
    "form_number_range": {"en": "Form number {n} is outside this round's range {low}-{high}.",
                     "es": "El número de formulario {n} está fuera del rango {low}-{high} "
                           "de esta ronda."},
    "form_no_round": {"en": "Choose a collection round first.",
                 "es": "Elija primero una ronda de recolección."},
    "form_no_form": {"en": "This form does not exist or was deleted.",
                "es": "Este formulario no existe o fue eliminado."},
    "form_reason_verified": {"en": "This form was already verified: give a reason for the "
                                   "change.",
                        "es": "Este formulario ya fue verificado: indique el motivo del "
                              "cambio."},
    "form_reason_delete": {"en": "Give a reason for deleting the form.",
                      "es": "Indique el motivo para eliminar el formulario."},

    # Forms keyed elsewhere: a table checked row by row (issue 11).
    "table_no_form_number": {"en": "The header has no form_number column.",
                             "es": "El encabezado no tiene la columna form_number."},
    "table_repeated_column": {"en": "This column appears twice in the header.",
                              "es": "Esta columna aparece dos veces en el encabezado."},
    "table_unknown_column": {"en": "There is no such question in questionnaire {id} "
                                   "version {version}.",
                             "es": "No existe esa pregunta en el cuestionario {id} "
                                   "versión {version}."},
    "table_extra_cells": {"en": "The row has more cells than the {n} columns of the header.",
                          "es": "La fila tiene más celdas que las {n} columnas del "
                                "encabezado."},
    "table_no_number": {"en": "The form number is missing.",
                        "es": "Falta el número de formulario."},
    "table_number_twice": {"en": "Form number {n} is also on line {line}.",
                           "es": "El número de formulario {n} también está en la línea "
                                 "{line}."},

    # The paper form and the codebook, printed from the questionnaire (issue 11).
    "paper_go_to": {"en": "If {codes}, go to {target}.", "es": "Si {codes}, pase a {target}."},
    "paper_go_to_end": {"en": "If {codes}, the form ends here.",
                        "es": "Si {codes}, el formulario termina aquí."},
    "paper_only_if": {"en": "Answer only if {condition}.",
                      "es": "Responda solo si {condition}."},
    "paper_and": {"en": "and", "es": "y"},
    "paper_or": {"en": "or", "es": "o"},
    "paper_not": {"en": "not", "es": "no"},
    "paper_in": {"en": "is one of", "es": "es uno de"},
    "paper_form_number": {"en": "Form number", "es": "Número de formulario"},
    "paper_anonymous": {"en": "Anonymous: do not write your name anywhere on this form.",
                        "es": "Anónimo: no escriba su nombre en ninguna parte de este "
                              "formulario."},
    "paper_one_code": {"en": "Mark one box.", "es": "Marque una casilla."},
    "paper_many_codes": {"en": "Mark every box that applies.",
                         "es": "Marque todas las casillas que correspondan."},
    "paper_write_number": {"en": "Write a number", "es": "Escriba un número"},
    "paper_write_date": {"en": "Write the date", "es": "Escriba la fecha"},
    "paper_write_text": {"en": "Write your answer", "es": "Escriba su respuesta"},
    "paper_optional": {"en": "(optional)", "es": "(opcional)"},
    "paper_version": {"en": "Questionnaire {id}, version {version}",
                      "es": "Cuestionario {id}, versión {version}"},
    "paper_round": {"en": "Round: {name}", "es": "Ronda: {name}"},
    "paper_page": {"en": "Form {form} · page {page} of {pages}",
                   "es": "Formulario {form} · página {page} de {pages}"},
    "codebook_title": {"en": "Codebook: {title}", "es": "Libro de códigos: {title}"},
    "codebook_version": {"en": "Version {version} (sha256 {sha})",
                         "es": "Versión {version} (sha256 {sha})"},
    "codebook_rule": {"en": "Every question of every questionnaire version stored in the "
                            "project, with its codes and rules.",
                      "es": "Todas las preguntas de cada versión del cuestionario guardada "
                            "en el proyecto, con sus códigos y reglas."},
    "codebook_col_question": {"en": "Question", "es": "Pregunta"},
    "codebook_col_type": {"en": "Type", "es": "Tipo"},
    "codebook_col_codes": {"en": "Codes", "es": "Códigos"},
    "codebook_col_rules": {"en": "Rules", "es": "Reglas"},
    "codebook_required": {"en": "required", "es": "obligatoria"},
    "codebook_skip": {"en": "skip: {condition}", "es": "salto: {condition}"},
    "codebook_constraint": {"en": "check: {condition}", "es": "control: {condition}"},

    # Forms of several questionnaire versions pooled in the analysis (issue 11).
    "report_versions": {"en": "Questionnaire versions", "es": "Versiones del cuestionario"},
    "version_header": {"en": "Forms keyed with {n} questionnaire {n:version|versions} are "
                             "analysed by question and code, with the labels of version "
                             "{reference}.",
                       "es": "Los formularios digitados con {n} {n:versión|versiones} del "
                             "cuestionario se analizan por pregunta y código, con las "
                             "etiquetas de la "
                             "versión {reference}."},
    "version_wording": {"en": "{question}: the wording differs in version {versions}; "
                              "pooled.",
                        "es": "{question}: la redacción difiere en la versión {versions}; "
                              "combinada."},
    "version_codes": {"en": "{question}: the list of codes differs in version {versions}; "
                            "pooled by code.",
                      "es": "{question}: la lista de códigos difiere en la versión "
                            "{versions}; combinada por código."},
    "version_meaning": {"en": "{question}: codes mean different things in version {versions} "
                              "({detail}); left out of the pooled figures.",
                        "es": "{question}: los códigos significan otra cosa en la versión "
                              "{versions} ({detail}); excluida de las cifras combinadas."},
    "version_absent": {"en": "{question}: not asked in version {versions}.",
                       "es": "{question}: no se pregunta en la versión {versions}."},

    # Scores, dashboard and reports (issue 4).
    "not_stated": {"en": "Not stated", "es": "No indicado"},
    "all_forms": {"en": "All forms", "es": "Todos los formularios"},
    "suppressed": {"en": "hidden (min. {n})", "es": "oculto (mín. {n})"},
    "suppression_rule": {
        "en": "Respondent protection: figures from fewer than {n} respondents are not shown "
              "(marked 'hidden'); where a single hidden figure could be worked out from a "
              "total, the next smallest one is hidden too.",
        "es": "Protección de los encuestados: no se muestran cifras de menos de {n} "
              "personas (marcadas 'oculto'); cuando una sola cifra oculta podría deducirse de "
              "un total, también se oculta la siguiente más pequeña."},
    "report_title": {"en": "Corruption risk map: survey results",
                     "es": "Mapa de riesgos de corrupción: resultados de la encuesta"},
    "report_forms": {"en": "{n} {n:form|forms}, keyed from {first} to {last}.",
                     "es": "{n} {n:formulario digitado|formularios digitados} del {first} al "
                           "{last}."},
    "report_too_few": {"en": "Fewer than {n} forms match: no results can be shown.",
                       "es": "Coinciden menos de {n} formularios: no se pueden mostrar "
                             "resultados."},
    "report_produced": {"en": "Produced on {date} with {app} {version}.",
                        "es": "Elaborado el {date} con {app} {version}."},
    "report_filters": {"en": "Selection: {filters}.", "es": "Selección: {filters}."},
    "report_heat_map": {"en": "Risk heat map", "es": "Mapa de calor de riesgos"},
    "report_heat_map_note": {
        "en": "Each numbered point is a risk at its mean impact (across) and mean likelihood "
              "(up), with 95% confidence intervals. Cell colours give the risk level of "
              "likelihood x impact.",
        "es": "Cada punto numerado es un riesgo en su impacto medio (horizontal) y su "
              "probabilidad media (vertical), con intervalos de confianza del 95%. El color "
              "de cada celda da el nivel de riesgo de probabilidad x impacto."},
    "report_register": {"en": "Risk register", "es": "Registro de riesgos"},
    "report_register_note": {
        "en": "Score = likelihood x impact (1-25) per respondent, averaged; CI = 95% "
              "confidence interval of the mean score; 'Likely' = share rating likelihood 4-5.",
        "es": "Puntaje = probabilidad x impacto (1-25) por persona, promediado; IC = "
              "intervalo de confianza del 95% del puntaje medio; 'Probable' = porcentaje que "
              "califica la probabilidad con 4-5."},
    "report_breakdown": {"en": "Mean score by {dimension}", "es": "Puntaje medio por "
                                                                  "{dimension}"},
    "report_climate": {"en": "Integrity climate", "es": "Clima de integridad"},
    "report_exposure": {"en": "Exposure to offers", "es": "Exposición a ofrecimientos"},
    "report_exposure_yes": {"en": "{label}: yes {share} of {n:,} valid {n:answer|answers}.",
                            "es": "{label}: sí {share} de {n:,} "
                                  "{n:respuesta válida|respuestas válidas}."},
    "report_activity": {"en": "Forms keyed", "es": "Formularios digitados"},
    "report_page": {"en": "Page {page} of {pages}", "es": "Página {page} de {pages}"},
    "col_rank": {"en": "#", "es": "N.º"},
    "col_risk": {"en": "Risk", "es": "Riesgo"},
    "col_group": {"en": "Group", "es": "Grupo"},
    "col_n": {"en": "n", "es": "n"},
    "col_missing": {"en": "Missing", "es": "Sin resp."},
    "col_likelihood": {"en": "Likelihood", "es": "Probabilidad"},
    "col_impact": {"en": "Impact", "es": "Impacto"},
    "col_score": {"en": "Score", "es": "Puntaje"},
    "col_ci": {"en": "95% CI", "es": "IC 95%"},
    "col_likely": {"en": "Likely", "es": "Probable"},
    "col_level": {"en": "Level", "es": "Nivel"},
    "col_answer": {"en": "Answer", "es": "Respuesta"},
    "col_count": {"en": "Count", "es": "Cantidad"},
    "col_share": {"en": "Share", "es": "Porcentaje"},
    "dim_institution": {"en": "institution", "es": "institución"},
    "dim_post": {"en": "post", "es": "puesto"},
    "dim_unit_type": {"en": "unit type", "es": "tipo de unidad"},
    "dim_rank_band": {"en": "rank level", "es": "nivel jerárquico"},
    "dim_round": {"en": "round", "es": "ronda"},
    # Analysts' data files (`riskmap data`): column labels and the disclosure report.
    "data_col_round": {"en": "Collection round", "es": "Ronda de recolección"},
    "data_col_form_number": {"en": "Paper form number", "es": "Número de formulario"},
    "data_col_status": {"en": "Status (entered, verified)",
                        "es": "Estado (ingresado, verificado)"},
    "data_col_device": {"en": "Device that keyed the form",
                        "es": "Equipo que ingresó el formulario"},
    "data_col_created": {"en": "Keyed at (UTC)", "es": "Ingresado el (UTC)"},
    "data_yes": {"en": "Yes", "es": "Sí"},
    "data_no": {"en": "No", "es": "No"},
    "data_suppressed": {"en": "Suppressed (disclosure control)",
                        "es": "Suprimido (control de divulgación)"},
    "data_report_title": {"en": "{app} {version}: disclosure report of the analysts' data",
                          "es": "{app} {version}: informe de divulgación de los datos "
                                "para analistas"},
    "data_report_files": {"en": "Files: {stem} ({formats})",
                          "es": "Archivos: {stem} ({formats})"},
    "data_report_written": {"en": "Written: {time}", "es": "Escrito: {time}"},
    "data_report_rows": {"en": "Forms (rows): {n}", "es": "Formularios (filas): {n}"},
    "data_report_qi": {"en": "Quasi-identifiers (profile questions): {columns}",
                       "es": "Cuasi-identificadores (preguntas de perfil): {columns}"},
    "data_report_k": {"en": "k (fewest rows any combination may have): {k}",
                      "es": "k (mínimo de filas por combinación): {k}"},
    "data_report_guard_on": {
        "en": "Guard: on. Values were suppressed (code 'suppressed') until every "
              "combination of the quasi-identifiers is shared by at least k rows.",
        "es": "Protección: activa. Se suprimieron valores (código 'suprimido') hasta que "
              "cada combinación de los cuasi-identificadores la comparten al menos k filas."},
    "data_report_guard_off": {
        "en": "Guard: OFF. This file can identify respondents; keep it among supervisors. "
              "The export is recorded in the audit log.",
        "es": "Protección: DESACTIVADA. Este archivo puede identificar a los encuestados; "
              "solo para supervisores. La exportación consta en el registro de auditoría."},
    "data_report_before": {"en": "before", "es": "antes"},
    "data_report_after": {"en": "after", "es": "después"},
    "data_report_combinations": {"en": "Combinations", "es": "Combinaciones"},
    "data_report_unique": {"en": "Unique combinations (one row)",
                           "es": "Combinaciones únicas (una fila)"},
    "data_report_at_risk": {"en": "Rows in combinations under k",
                            "es": "Filas en combinaciones menores que k"},
    "data_report_suppressed": {"en": "Values suppressed per column:",
                               "es": "Valores suprimidos por columna:"},
    "data_report_total": {"en": "total", "es": "total"},
    "data_xlsx_split": {
        "en": "XLSX: a worksheet holds at most {limit:,} rows, so the forms continue on "
              "the sheets {sheets} (each with the header row).",
        "es": "XLSX: una hoja admite como máximo {limit:,} filas, así que los formularios "
              "siguen en las hojas {sheets} (cada una con la fila de encabezado)."},
    "data_report_text": {
        "en": "Free-text answers are included (--include-text): read them before sharing, "
              "they can name people.",
        "es": "Se incluyen las respuestas de texto libre (--include-text): léalas antes de "
              "compartir, pueden nombrar a personas."},
    # Where a bundle's questionnaire differs from HQ's adopted one (domain/questionnaire_diff).
    "qdiff.not_at_hq": {"en": "question {qid}: not in HQ's questionnaire",
                        "es": "pregunta {qid}: no está en el cuestionario de la sede"},
    "qdiff.not_in_bundle": {"en": "question {qid}: missing from the bundle's questionnaire",
                            "es": "pregunta {qid}: falta en el cuestionario del paquete"},
    "qdiff.question": {"en": "question {qid}: {what}", "es": "pregunta {qid}: {what}"},
    "qdiff.type": {"en": "type {hq} at HQ, {bundle} in the bundle",
                   "es": "tipo {hq} en la sede, {bundle} en el paquete"},
    "qdiff.codes": {"en": "codes {hq} at HQ, {bundle} in the bundle",
                    "es": "códigos {hq} en la sede, {bundle} en el paquete"},
    "qdiff.label": {"en": "label differs", "es": "el texto es otro"},
    "qdiff.code_labels": {"en": "code labels differ for {codes}",
                          "es": "las etiquetas de los códigos {codes} son otras"},
    "qdiff.anchors": {"en": "the labels of the scale's ends differ (a swapped scale reads "
                            "upside down)",
                      "es": "las etiquetas de los extremos de la escala son otras (una "
                            "escala invertida se lee al revés)"},
    "qdiff.range": {"en": "range {hq} at HQ, {bundle} in the bundle",
                    "es": "rango {hq} en la sede, {bundle} en el paquete"},
    "qdiff.risk": {"en": "risk {rid}: differs from HQ's (questions or label)",
                   "es": "riesgo {rid}: es otro que el de la sede (preguntas o texto)"},
    "qdiff.bands": {"en": "bands: the risk levels differ from HQ's",
                    "es": "bandas: los niveles de riesgo son otros que los de la sede"},
    # Why a file someone made by hand (a passphrase or PIN file) cannot be read: said
    # inside that file's sentence, in its language (never the system's English words).
    "file_reason.missing": {"en": "it does not exist", "es": "no existe"},
    "file_reason.folder": {"en": "it is a folder", "es": "es una carpeta"},
    "file_reason.denied": {"en": "you may not read it", "es": "no tiene permiso para leerlo"},
    # What is wrong with a bundle's audit rows or responses.csv, said inside the
    # refusal's sentence (services/import_gate.py, bundle_series.py).
    "chain.unhashed_after": {"en": "a row without its hash follows the chain",
                             "es": "una fila sin su hash sigue a la cadena"},
    "chain.lost_hash": {"en": "a row lost its hash", "es": "una fila perdió su hash"},
    "chain.changed": {"en": "a row does not match its hash: it was changed",
                      "es": "una fila no coincide con su hash: fue modificada"},
    "chain.order": {"en": "a row is missing or out of order",
                    "es": "falta una fila o está fuera de orden"},
    "chain.differs": {"en": "a row differs from the one headquarters holds",
                      "es": "una fila difiere de la que tiene la sede"},
    "chain.held_after_new": {"en": "rows headquarters holds follow new rows",
                             "es": "filas que la sede ya tiene siguen a filas nuevas"},
    "chain.not_from_last": {"en": "it does not start where the last imported bundle ended",
                            "es": "no empieza donde terminó el último paquete importado"},
    "csv.differs": {"en": "a row or a value differs from records.jsonl",
                    "es": "una fila o un valor difiere de records.jsonl"},
}


# What is wrong with a questionnaire or a workbook, and where (domain/questionnaire_messages.py).
from .questionnaire_messages import QUESTIONNAIRE_MESSAGES  # noqa: E402 - after MESSAGES

MESSAGES.update(QUESTIONNAIRE_MESSAGES)

# Why the machine failed, said inside a sentence (domain/system_reasons.py).
from .system_reason_messages import SYSTEM_REASON_MESSAGES  # noqa: E402

MESSAGES.update(SYSTEM_REASON_MESSAGES)


def message(key: str, lang: str = "en", **values: object) -> str:
    """The message `key` in `lang` (English when the language is unknown), filled in."""
    texts = MESSAGES[key]
    return fill(texts.get(lang, texts["en"]), **values)
