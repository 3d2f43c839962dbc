"""The sentences of the blind second keying and its decisions, English and Spanish
(`verify.*`, services/verification_service.py). Merged into `error_messages.CATALOGUE`."""

from __future__ import annotations

VERIFICATION_MESSAGES: dict[str, dict[str, str]] = {
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
}
