"""The sentences of printing blank paper forms, English and Spanish (`print.*`,
services/print_service.py, `riskmap print-form`). Merged into `error_messages.CATALOGUE`."""

from __future__ import annotations

PRINT_MESSAGES: dict[str, dict[str, str]] = {
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
}
