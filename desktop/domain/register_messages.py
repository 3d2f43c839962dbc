"""The sentences of HQ's registers, English and Spanish: enrolling and revoking devices
(`device.*`, services/device_service.py) and adopting a stored questionnaire version
(`adopt.*`, services/questionnaire_service.py). Merged into `error_messages.CATALOGUE`."""

from __future__ import annotations

REGISTER_MESSAGES: dict[str, dict[str, str]] = {
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
}
