"""What is wrong with a questionnaire file or an XLSForm workbook, in English and Spanish.

Each problem is a `phrase.Phrase` built from these texts: 'place: what', where the place
is a path in the JSON (`sections[1].questions[3].max`, said as it is) or a sheet, row and
column of a workbook (`where.*`), and the what is one of the `qn.*` (the questionnaire
loader, questionnaire_*.py), `expr.*` (skip and check expressions, expression.py) or `xf.*`
(the XLSForm translation, xlsform_*.py) texts. Field names of the format (`min`,
`missing_codes`, `constraint`) and of XLSForm (`select_one`, `or_other`) stay as written in
the file, in both languages. tests/domain/test_questionnaire_spanish.py fails on a problem
without Spanish.
"""

from __future__ import annotations

QUESTIONNAIRE_MESSAGES: dict[str, dict[str, str]] = {
    "problem": {"en": "{where}: {what}", "es": "{where}: {what}"},

    # Where in an XLSForm workbook a problem is (domain/xlsform_sheets.py): the sheet and
    # row, and the column with its letter when known. Sheet and column names are the
    # workbook's own.
    "where.sheet": {"en": "{sheet}", "es": "hoja {sheet}"},
    "where.sheet_row": {"en": "{sheet} row {row}", "es": "hoja {sheet}, fila {row}"},
    "where.column": {"en": "{place}, column '{column}'", "es": "{place}, columna '{column}'"},
    "where.column_letter": {"en": "{place}, column '{column}' ({letter})",
                            "es": "{place}, columna '{column}' ({letter})"},
    "where.top": {"en": "(top level)", "es": "(nivel superior)"},

    # The file itself (questionnaire_json.py, questionnaire_loader.py).
    "qn.cannot_read": {"en": "cannot read the file: {reason}",
                       "es": "no se puede leer el archivo: {reason}"},
    "qn.is_folder": {"en": "this is a folder; choose the questionnaire file in it",
                     "es": "es una carpeta; elija el archivo del cuestionario que contiene"},
    "qn.no_permission": {"en": "you may not read this file; ask for access or copy it first",
                         "es": "no tiene permiso para leer este archivo; pida acceso o cópielo "
                               "antes"},
    "qn.too_large": {"en": "the file is larger than {limit:,} bytes; it is not a questionnaire",
                     "es": "el archivo tiene más de {limit:,} bytes; no es un cuestionario"},
    "qn.not_utf8": {"en": "byte {byte}: the file is not UTF-8 text; save it as UTF-8 (in most "
                          "editors: Save as, encoding UTF-8)",
                    "es": "byte {byte}: el archivo no es texto UTF-8; guárdelo como UTF-8 (en "
                          "la mayoría de los editores: Guardar como, codificación UTF-8)"},
    "qn.too_deep": {"en": "lists and objects are nested more than {limit} levels deep; this "
                          "is not a questionnaire",
                    "es": "las listas y los objetos están anidados en más de {limit} niveles; "
                          "esto no es un cuestionario"},
    "qn.nested_too_deeply": {"en": "lists and objects are nested too deeply",
                             "es": "las listas y los objetos están anidados demasiado"},
    "qn.bad_json": {"en": "line {line}, column {column}: not valid JSON ({reason})",
                    "es": "línea {line}, columna {column}: no es JSON válido ({reason})"},
    "qn.lone_surrogate": {"en": "a text holds a \\ud800-\\udfff escape without its pair, "
                                "which no file can store; write the character itself",
                          "es": "un texto contiene un escape \\ud800-\\udfff sin su par, "
                                "que ningún archivo puede guardar; escriba el carácter mismo"},
    "qn.empty": {"en": "the file is empty; it is not a questionnaire",
                 "es": "el archivo está vacío; no es un cuestionario"},
    "qn.json.value": {"en": "a value was expected", "es": "se esperaba un valor"},
    "qn.json.comma": {"en": "a ',' was expected", "es": "se esperaba una ','"},
    "qn.json.colon": {"en": "a ':' was expected", "es": "se esperaban ':'"},
    "qn.json.name": {"en": "a name in double quotes was expected",
                     "es": "se esperaba un nombre entre comillas dobles"},
    "qn.json.string": {"en": "a text is not closed", "es": "un texto no está cerrado"},
    "qn.json.control": {"en": "a text holds a control character",
                        "es": "un texto contiene un carácter de control"},
    "qn.json.extra": {"en": "more follows the end of the JSON",
                      "es": "sigue algo después del final del JSON"},
    "qn.json_digits": {"en": "the number {number}... is too large",
                       "es": "el número {number}... es demasiado grande"},
    "qn.json_large": {"en": "the number {number} is too large",
                      "es": "el número {number} es demasiado grande"},
    "qn.json_constant": {"en": "{number} is not a number JSON allows",
                         "es": "{number} no es un número que JSON admita"},
    "qn.json_numbers": {"en": "{reason}; numbers in a questionnaire stay within {limit:,}",
                        "es": "{reason}; los números de un cuestionario no pasan de {limit:,}"},
    "qn.not_json_text": {"en": "the questionnaire must be JSON text",
                         "es": "el cuestionario debe ser texto JSON"},
    "qn.version_clash": {"en": "{id} version {version} is stored already with different "
                               "content; give the changed questionnaire a new version",
                         "es": "{id} versión {version} ya está guardado con otro contenido; "
                               "dé al cuestionario modificado una versión nueva"},
    "qn.not_json_object": {"en": "must be a JSON object", "es": "debe ser un objeto JSON"},

    # Fields of the wrong kind (questionnaire_checker.py).
    "qn.missing": {"en": "missing", "es": "falta"},
    "qn.not_true_false": {"en": "must be a number, not true/false",
                          "es": "debe ser un número, no true/false"},
    "qn.between": {"en": "must be between {low:,} and {high:,}",
                   "es": "debe estar entre {low:,} y {high:,}"},
    "qn.must_be": {"en": "must be {kind}", "es": "debe ser {kind}"},
    "qn.kind.str": {"en": "a text", "es": "un texto"},
    "qn.kind.int": {"en": "a whole number", "es": "un número entero"},
    "qn.kind.dict": {"en": "an object", "es": "un objeto"},
    "qn.kind.list": {"en": "a list", "es": "una lista"},
    "qn.kind.bool": {"en": "true or false", "es": "true o false"},
    "qn.kind.number": {"en": "a number", "es": "un número"},
    "qn.no_text": {"en": "no text for language {lang!r}",
                   "es": "no hay texto para el idioma {lang!r}"},
    "qn.code_range": {"en": "codes must be between 0 and {high:,}",
                      "es": "los códigos deben estar entre 0 y {high:,}"},

    # The top level (questionnaire_loader.py).
    "qn.format": {"en": "format {format} is not supported (this program reads formats "
                        "{formats})",
                  "es": "el formato {format} no se admite (este programa lee los formatos "
                        "{formats})"},
    "qn.instrument_id": {"en": "use only lower-case letters, digits, '-' and '_' (at most 64)",
                         "es": "use solo letras minúsculas, dígitos, '-' y '_' (64 como "
                               "máximo)"},
    "qn.languages": {"en": "must list at least one language code, e.g. [\"es\", \"en\"]",
                     "es": "debe indicar al menos un código de idioma, p. ej. [\"es\", "
                           "\"en\"]"},

    # Sections and questions (questionnaire_questions.py).
    "qn.no_sections": {"en": "must have at least one section",
                       "es": "debe tener al menos una sección"},
    "qn.not_object": {"en": "must be an object", "es": "debe ser un objeto"},
    "qn.too_many_questions": {"en": "the questionnaire has more than {limit} questions",
                              "es": "el cuestionario tiene más de {limit} preguntas"},
    "qn.duplicate_section": {"en": "duplicate section id {id!r}",
                             "es": "id de sección repetido {id!r}"},
    "qn.question_id": {"en": "{id!r}: use lower-case letters, digits and '_', starting with a "
                             "letter (at most 64)",
                       "es": "{id!r}: use letras minúsculas, dígitos y '_', empezando por "
                             "una letra (64 como máximo)"},
    "qn.duplicate_question": {"en": "duplicate question id {id!r}",
                              "es": "id de pregunta repetido {id!r}"},
    "qn.unknown_type": {"en": "unknown type {type!r}; use one of {types}",
                        "es": "tipo desconocido {type!r}; use uno de estos: {types}"},
    "qn.choices_only": {"en": "only choice and multichoice questions have choices",
                        "es": "solo las preguntas choice y multichoice tienen choices"},
    "qn.no_min_max": {"en": "min/max do not apply to {kind} questions",
                      "es": "min/max no se aplican a las preguntas {kind}"},
    "qn.scale_overlaps": {"en": "the scale overlaps a missing code; lower the points or "
                                "change missing_codes",
                          "es": "la escala incluye un código de no respuesta; reduzca points "
                                "o cambie missing_codes"},
    "qn.one_choice": {"en": "must list at least one choice",
                      "es": "debe indicar al menos una opción"},
    "qn.too_many_choices": {"en": "has more than {limit} choices",
                            "es": "tiene más de {limit} opciones"},
    "qn.code_and_label": {"en": "must be an object with code and label",
                          "es": "debe ser un objeto con code y label"},
    "qn.choice_is_missing": {"en": "code {code} is a missing code; choose another",
                             "es": "el código {code} es un código de no respuesta; elija otro"},
    "qn.duplicate_code": {"en": "duplicate code {code}", "es": "código repetido {code}"},
    "qn.date": {"en": "must be a date as YYYY-MM-DD",
                "es": "debe ser una fecha como AAAA-MM-DD"},
    "qn.whole_for_integer": {"en": "must be a whole number for an integer question",
                             "es": "debe ser un número entero en una pregunta integer"},
    "qn.min_above_max": {"en": "is greater than max", "es": "es mayor que max"},

    # Missing codes (questionnaire_missing.py).
    "qn.duplicate_missing": {"en": "duplicate missing code {code}",
                             "es": "código de no respuesta repetido {code}"},
    "qn.allow_missing_false": {"en": "is false but the question lists missing codes",
                               "es": "es false pero la pregunta indica códigos de no "
                                     "respuesta"},
    "qn.no_missing_for_type": {"en": "{kind} questions cannot have missing codes",
                               "es": "las preguntas {kind} no pueden tener códigos de no "
                                     "respuesta"},
    "qn.missing_in_range": {"en": "missing code {code} could be a real answer (the valid "
                                  "range is {low} to {high}); use a code outside the range, "
                                  "or set min and max",
                            "es": "el código de no respuesta {code} podría ser una respuesta "
                                  "real (el rango válido es de {low} a {high}); use un código "
                                  "fuera del rango, o fije min y max"},

    # Skip conditions and constraints (questionnaire_rules.py).
    "qn.bad_expression": {"en": "bad expression: {reason}",
                          "es": "expresión incorrecta: {reason}"},
    "qn.self_in_constraint": {"en": "'.' (the answer being checked) is only allowed in a "
                                    "constraint",
                              "es": "'.' (la respuesta que se controla) solo se admite en una "
                                    "constraint"},
    "qn.refers_later": {"en": "refers to {name!r}, which is not a question before this one",
                        "es": "se refiere a {name!r}, que no es una pregunta anterior a esta"},
    "qn.no_constraint": {"en": "there is no constraint to explain",
                         "es": "no hay una constraint que explicar"},

    # Risks, bands, profile, climate, exposure (questionnaire_blocks.py).
    "qn.duplicate_risk": {"en": "duplicate risk id {id!r}", "es": "id de riesgo repetido {id!r}"},
    "qn.no_question": {"en": "no question {id!r}", "es": "no hay una pregunta {id!r}"},
    "qn.likert5": {"en": "{id!r} must be a 5-point likert question",
                   "es": "{id!r} debe ser una pregunta likert de 5 puntos"},
    "qn.colour": {"en": "must be a colour like #d73027", "es": "debe ser un color como #d73027"},
    "qn.band_overlap": {"en": "overlaps the band before (which ends at {end}); bands must "
                              "ascend",
                        "es": "se superpone con la banda anterior (que termina en {end}); las "
                              "bandas deben ir en orden ascendente"},
    "qn.first_band": {"en": "the first band must start at 1",
                      "es": "la primera banda debe empezar en 1"},
    "qn.last_band": {"en": "the last band must end at 25",
                     "es": "la última banda debe terminar en 25"},
    "qn.question_type": {"en": "{id!r} must be a {types} question",
                         "es": "{id!r} debe ser una pregunta {types}"},
    "qn.exposure_yes": {"en": "{code} is not a code of the choice question {id!r}",
                        "es": "{code} no es un código de la pregunta de opción {id!r}"},

    # Expressions (expression.py): the reason, then where in the expression.
    "expr.at": {"en": "{reason} (at character {position})",
                "es": "{reason} (en el carácter {position})"},
    "expr.character": {"en": "unexpected character {char!r}",
                       "es": "carácter inesperado {char!r}"},
    "expr.too_deep": {"en": "the expression is nested more than {limit} levels deep; simplify it",
                      "es": "la expresión está anidada en más de {limit} niveles; "
                            "simplifíquela"},
    "expr.expected": {"en": "expected {wanted!r} but found {found!r}",
                      "es": "se esperaba {wanted!r} pero se encontró {found!r}"},
    "expr.end": {"en": "end of expression", "es": "fin de la expresión"},
    "expr.unexpected": {"en": "unexpected {found!r}", "es": "{found!r} inesperado"},
    "expr.list": {"en": "expected a list such as [1, 2]",
                  "es": "se esperaba una lista como [1, 2]"},
    "expr.digits": {"en": "the number has more than {limit} digits",
                    "es": "el número tiene más de {limit} dígitos"},
    "expr.literal": {"en": "expected a number or a quoted text",
                     "es": "se esperaba un número o un texto entre comillas"},
    "expr.call_after": {"en": "calls and indexing are not allowed after {name!r}",
                        "es": "no se admiten llamadas ni índices después de {name!r}"},
    "expr.empty": {"en": "the expression is empty", "es": "la expresión está vacía"},
    "expr.too_long": {"en": "the expression is longer than {limit} characters",
                      "es": "la expresión tiene más de {limit} caracteres"},

    # An XLSForm workbook (xlsform_*.py).
    "xf.not_xlsx": {"en": "the file is not an Excel workbook (.xlsx)",
                    "es": "el archivo no es un libro de Excel (.xlsx)"},
    "xf.too_large": {"en": "the workbook is larger than any questionnaire ({limit:,} bytes, "
                           "{unpacked:,} unpacked)",
                     "es": "el libro es más grande que cualquier cuestionario ({limit:,} "
                           "bytes, {unpacked:,} descomprimido)"},
    "xf.unreadable": {"en": "the workbook cannot be read: {reason}",
                      "es": "no se puede leer el libro (pyxform dice, en inglés): {reason}"},
    "xf.px_no_survey": {"en": "the workbook has no sheet named 'survey' (the questions)",
                        "es": "el libro no tiene una hoja llamada 'survey' (las preguntas)"},
    "xf.px_duplicate_name": {"en": "the name {value!r} is used by another question; each "
                                   "question needs a name of its own",
                             "es": "el nombre {value!r} ya lo usa otra pregunta; cada pregunta "
                                   "necesita un nombre propio"},
    "xf.px_bad_name": {"en": "the name is not valid: it must begin with a letter or '_', "
                             "then letters, digits, '_', '-' or '.'",
                       "es": "el nombre no es válido: debe empezar por una letra o '_', y "
                             "seguir con letras, dígitos, '_', '-' o '.'"},
    "xf.px_choice_no_name": {"en": "the choice has no name (its code)",
                             "es": "la opción no tiene nombre (su código)"},
    "xf.px_choice_duplicate": {"en": "the choice name is used twice in its list",
                               "es": "el nombre de la opción se repite en su lista"},
    "xf.px_choice_no_label": {"en": "the choice has no label",
                              "es": "la opción no tiene etiqueta (label)"},
    "xf.px_missing_header": {"en": "the sheet {sheet_name!r} lacks the column(s) {missing}",
                             "es": "a la hoja {sheet_name!r} le falta(n) la(s) columna(s) "
                                   "{missing}"},
    "xf.px_unknown_reference": {"en": "there is no question named {q!r}",
                                "es": "no hay una pregunta llamada {q!r}"},
    "xf.px_reference_twice": {"en": "the name {q!r} is used by more than one question",
                              "es": "el nombre {q!r} lo usa más de una pregunta"},
    "xf.px_unmatched_end": {"en": "'end_{type}' of {name!r} has no 'begin_{type}' before it",
                            "es": "'end_{type}' de {name!r} no tiene un 'begin_{type}' antes"},
    "xf.px_unmatched_begin": {"en": "'begin_{type}' of {name!r} has no 'end_{type}' after it",
                              "es": "'begin_{type}' de {name!r} no tiene un 'end_{type}' "
                                    "después"},
    "xf.px_no_list": {"en": "there is no choice list {name!r} in the choices sheet",
                      "es": "no hay una lista de opciones {name!r} en la hoja choices"},
    "xf.px_unknown_type": {"en": "the type {type!r} is not an XLSForm type",
                           "es": "el tipo {type!r} no es un tipo de XLSForm"},
    "xf.form_id": {"en": "form_id {id!r}: use only lower-case letters, digits, '-' and '_'",
                   "es": "form_id {id!r}: use solo letras minúsculas, dígitos, '-' y '_'"},
    "xf.same_name": {"en": "the name {name!r} is the same as another question's once "
                           "lower-cased; rename one of them",
                     "es": "el nombre {name!r} es igual al de otra pregunta una vez en "
                           "minúsculas; cambie el nombre de una de ellas"},
    "xf.language_code": {"en": "the language {language!r} has no code; name its columns like "
                               "label::English (en) or label::Español (es)",
                         "es": "el idioma {language!r} no tiene código; nombre sus columnas "
                               "como label::English (en) o label::Español (es)"},
    "xf.choice_code": {"en": "the choice name {name!r} must be a whole-number code (0, 1, 2, "
                             "...): codes are what operators key from paper",
                       "es": "el nombre de opción {name!r} debe ser un código entero (0, 1, "
                             "2, ...): los códigos son lo que se digita del papel"},
    "xf.no_missing_list": {"en": "there is no choice list {name!r} for the missing codes",
                           "es": "no hay una lista de opciones {name!r} para los códigos de "
                                 "no respuesta"},
    "xf.missing_code": {"en": "the missing code {code!r} must be a whole number",
                        "es": "el código de no respuesta {code!r} debe ser un número entero"},
    "xf.max_length": {"en": "must be a whole number on a text question",
                      "es": "debe ser un número entero en una pregunta de texto"},
    "xf.risk_cell": {"en": "{cell!r}: write the risk id and 'likelihood' or 'impact', e.g. "
                           "'r01 likelihood'",
                     "es": "{cell!r}: escriba el id del riesgo y 'likelihood' o 'impact', p. "
                           "ej. 'r01 likelihood'"},
    "xf.risk_twice": {"en": "risk {risk} has two {part} questions",
                      "es": "el riesgo {risk} tiene dos preguntas {part}"},
    "xf.risk_pair": {"en": "risk {risk} needs one likelihood and one impact question",
                     "es": "el riesgo {risk} necesita una pregunta likelihood y una impact"},
    "xf.one_exposure": {"en": "only one question can be the exposure question",
                        "es": "solo una pregunta puede ser la pregunta de exposición"},
    "xf.exposure_cell": {"en": "write 'question CODE' (e.g. 'question 1') or 'follow_up'",
                         "es": "escriba 'question CÓDIGO' (p. ej. 'question 1') o 'follow_up'"},
    "xf.likert": {"en": "a likert or risk question must be a select_one whose choices are 1, "
                        "2, ... up to at most 11",
                  "es": "una pregunta likert o de riesgo debe ser un select_one con opciones "
                        "1, 2, ... hasta 11 como máximo"},
    "xf.repeat": {"en": "repeats are not supported: a paper form has a fixed number of "
                        "questions",
                  "es": "no se admiten repeticiones (repeat): un formulario en papel tiene un "
                        "número fijo de preguntas"},
    "xf.calculate": {"en": "calculations are not supported",
                     "es": "no se admiten cálculos (calculate)"},
    "xf.or_other": {"en": "'or_other' is not supported; add an 'Other' choice and a text "
                          "question",
                    "es": "no se admite 'or_other'; agregue una opción 'Otro' y una pregunta "
                          "de texto"},
    "xf.type": {"en": "the type {type!r} is not supported",
                "es": "no se admite el tipo {type!r}"},
    "xf.column": {"en": "the column {column!r} is not supported",
                  "es": "no se admite la columna {column!r}"},
    "xf.parameters": {"en": "parameters are not supported",
                      "es": "no se admiten parámetros (parameters)"},
    "xf.metadata": {"en": "{kind} is filled in by a tablet; left out",
                    "es": "{kind} lo completa una tableta; se omite"},
    "xf.note": {"en": "the note {name!r} is not keyed; left out",
                "es": "la nota {name!r} no se digita; se omite"},
    "xf.range_message": {"en": "replaced by the built-in range message",
                         "es": "se reemplaza por el mensaje de rango propio del programa"},

    # XLSForm's XPath in relevant and constraint cells (xlsform_xpath.py).
    "xf.character": {"en": "the character {char!r} is not supported",
                     "es": "no se admite el carácter {char!r}"},
    "xf.no_question_named": {"en": "there is no question named {name!r}",
                             "es": "no hay una pregunta llamada {name!r}"},
    "xf.paths": {"en": "paths such as '../x' or '/data/x' are not supported; use ${{name}}",
                 "es": "no se admiten rutas como '../x' o '/data/x'; use ${{name}}"},
    "xf.dot": {"en": "'.' (the current answer) is only supported in a constraint",
               "es": "'.' (la respuesta actual) solo se admite en una constraint"},
    "xf.function": {"en": "the function {name}() is not supported",
                    "es": "no se admite la función {name}()"},
    "xf.word": {"en": "{word!r} is not supported; refer to questions as ${{name}}",
                "es": "no se admite {word!r}; nombre las preguntas como ${{name}}"},
    "xf.not_checkable": {"en": "not an expression we can check: {reason}",
                         "es": "no es una expresión que se pueda controlar: {reason}"},
}
