"""What `riskmap check` says at HQ about the rounds whose uuid names the key that made them
(services/round_makers.py `made_rounds`, docs/bundles.md "Whose round is it"), English and
Spanish; merged into `command_messages.COMMAND_MESSAGES`."""

from __future__ import annotations

# Shown at most this many rounds by name; `check --json` lists them all.
MAKER_ROUNDS_SHOWN = 20

MAKER_LINES: dict[str, dict[str, str]] = {
    "out.check_round_makers": {
        "en": "rounds by maker: {n}; the maker of {sent} has signed a bundle here, and "
              "{alone} hold only their maker's forms",
        "es": "rondas con creador: {n}; el creador de {sent} ya firmó un paquete aquí, y "
              "{alone} solo tienen formularios de su creador"},
    "out.maker_round": {
        "en": "  round {round}: made by {maker}; {others}",
        "es": "  ronda {round}: creada por {maker}; {others}"},
    "out.maker_unsent": {
        "en": "the enrolled key {fingerprint}{name}, which has not signed a bundle here yet",
        "es": "la clave inscrita {fingerprint}{name}, que aún no ha firmado ningún paquete "
              "aquí"},
    "out.maker_no_others": {
        "en": "no other device's forms",
        "es": "ningún formulario de otro dispositivo"},
    "out.maker_other_allowed": {
        "en": "{device} brought {forms} {forms:form|forms} (allowed)",
        "es": "{device} trajo {forms} {forms:formulario|formularios} (con permiso)"},
    "out.maker_other_first": {
        "en": "{device} brought {forms} {forms:form|forms} (it brought the round first and "
              "adds forms until the maker's first bundle)",
        "es": "{device} trajo {forms} {forms:formulario|formularios} (trajo la ronda primero "
              "y agrega formularios hasta el primer paquete del creador)"},
    "out.maker_other_held": {
        "en": "{device} brought {forms} {forms:form|forms} (not allowed: its bundles that "
              "change this round are held)",
        "es": "{device} trajo {forms} {forms:formulario|formularios} (sin permiso: sus "
              "paquetes que cambian esta ronda quedan retenidos)"},
    "out.maker_other_unbound": {
        "en": "{device} keyed {forms} {forms:form|forms} (no enrolled key has signed a "
              "bundle as {device})",
        "es": "{device} digitó {forms} {forms:formulario|formularios} (ninguna clave "
              "inscrita ha firmado un paquete como {device})"},
    "out.maker_more": {
        "en": "  and {n} more {n:round|rounds} like these (`riskmap check --json` lists "
              "them all)",
        "es": "  y {n} {n:ronda|rondas} más como estas (`riskmap check --json` las muestra "
              "todas)"},
}
