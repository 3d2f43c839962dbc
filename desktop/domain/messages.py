"""Plain-language messages of the domain layer, in English and Spanish.

The domain layer has no Qt, so it cannot use `tr()`; its few messages live here as a
catalogue keyed by message id, complete in both languages (a test checks this). The UI
shows them as they are.
"""

from __future__ import annotations

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

    "form_invalid": {"en": "The form has {n} problem(s); it was not saved.",
                "es": "El formulario tiene {n} problema(s); no se guardó."},
    "form_duplicate": {"en": "Form number {n} is already used in this round.",
                  "es": "El número de formulario {n} ya se usó en esta ronda."},
    "form_number_range": {"en": "Form number {n} is outside this round's range {low}-{high}.",
                     "es": "El número de formulario {n} está fuera del rango {low}-{high} "
                           "de esta ronda."},
    "form_no_round": {"en": "Choose a collection round first.",
                 "es": "Elija primero una ronda de recolección."},
    "form_no_form": {"en": "This form does not exist or was deleted.",
                "es": "Este formulario no existe o fue eliminado."},
    "form_reason_verified": {"en": "This form was already verified: give a reason for the change.",
                        "es": "Este formulario ya fue verificado: indique el motivo del cambio."},
    "form_reason_delete": {"en": "Give a reason for deleting the form.",
                      "es": "Indique el motivo para eliminar el formulario."},
}


def message(key: str, lang: str = "en", **values: object) -> str:
    """The message `key` in `lang` (English when the language is unknown), filled in."""
    texts = MESSAGES[key]
    return texts.get(lang, texts["en"]).format(**values)
